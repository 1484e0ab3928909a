"""``/fit``: paste a résumé or a skill list; fit to each role, gaps, matching jobs.

The pasted text lives only in this request's memory: it is never cached, stored or logged.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from functools import cached_property
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from roleatlas.exceptions import InputError
from roleatlas.web.fit import MAX_TEXT, SkillMatcher, fit_roles, matching_jobs
from roleatlas.web.render import render
from roleatlas.web.routes.common import SiteDep
from roleatlas.web.site import Site

router = APIRouter()
_NO_STORE = {"cache-control": "no-store"}
#: UTF-16 halves that pair with nothing: JSON's ``\ud800`` escapes decode to them, and no page
#: can be encoded with one in it
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_TEXT_SCHEMA = {
    "type": "object",
    "required": ["text"],
    "properties": {"text": {"type": "string", "maxLength": MAX_TEXT}},
}
_ERROR_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
}
_HTML = {"text/html": {"schema": {"type": "string"}}}
_ERROR = {**_HTML, "application/json": {"schema": _ERROR_SCHEMA}}
#: the page in the OpenAPI document: a form or JSON body, an HTML page back (fuzzers reach it)
FIT_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {"schema": _TEXT_SCHEMA},
            "application/json": {"schema": _TEXT_SCHEMA},
        },
    },
    "responses": {
        "200": {"description": "The fit page.", "content": _HTML},
        "400": {"description": "No text, text too long or a body that is not JSON.",
                "content": _ERROR},
        "413": {"description": "The body is over the size limit.", "content": _ERROR},
    },
}  # fmt: skip


class _Profiles:
    def __init__(self, site: Site) -> None:
        self.site = site

    @cached_property
    def all(self) -> dict[str, dict[str, Any]]:
        return {
            s: self.site.source.result("profile", s) or {} for s in self.site.source.keys("profile")
        }

    @cached_property
    def matcher(self) -> SkillMatcher:
        return SkillMatcher(self.all.values())


def _profiles(site: Site) -> _Profiles:
    cache = site.__dict__ if hasattr(site, "__dict__") else {}
    if "_fit_profiles" not in cache:
        cache["_fit_profiles"] = _Profiles(site)
    return cache["_fit_profiles"]


def fit_data(site: Site, text: str) -> dict[str, Any]:
    """Skills found in ``text``, every role's fit, the gaps to the best matches, matching jobs."""
    if len(text) > MAX_TEXT:
        raise InputError(f"the text is too long: at most {MAX_TEXT:,} characters")
    text = clean_text(text)
    profiles = _profiles(site)
    skills = profiles.matcher.find(text) if text.strip() else []
    fits = fit_roles(skills, profiles.all)
    top = {f.slug for f in fits[:3] if f.fit > 0}
    docs = {d["id"]: d for d in site.index.docs} if site.source.has_postings else {}
    jobs = matching_jobs(skills, site.posting_skills, roles=top, docs=docs) if top and docs else []
    return {
        "skills": [{"skill": s, "label": profiles.matcher.labels.get(s, s)} for s in skills],
        "fits": [asdict(f) for f in fits],
        "jobs": jobs,
        "has_postings": site.source.has_postings,
    }


def clean_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so any page can show it."""
    return _LONE_SURROGATE.sub("\ufffd", text)


async def read_text(request: Request) -> str:
    """The ``text`` field of a form or JSON body (bounded), without logging it.

    The body's size is limited before it is read (``BodyLimit`` in ``app.py``).
    """
    body = await request.body()
    if not body:
        raise InputError('give the résumé or skill list as "text" (the body is empty)')
    if len(body) > MAX_TEXT * 4:
        raise InputError(f"the text is too long: at most {MAX_TEXT:,} characters")
    kind = request.headers.get("content-type", "")
    if kind.startswith("application/json"):
        try:
            data = json.loads(body or b"{}")
        except RecursionError:  # the parser recurses once per nesting level
            raise InputError("the JSON body is nested too deeply") from None
        except ValueError as exc:
            raise InputError("the body is not valid JSON") from exc
        text = data.get("text") if isinstance(data, dict) else None
    else:
        fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        text = (fields.get("text") or [None])[0]
    if not isinstance(text, str):
        raise InputError('give the résumé or skill list as "text"')
    return clean_text(text)


@router.get("/fit", response_class=HTMLResponse, responses={200: {"content": _HTML}})
def fit_form(site: SiteDep) -> Response:
    return HTMLResponse(render("fit.html", site=site, page="fit", result=None, text=""))


@router.post("/fit", response_class=HTMLResponse, openapi_extra=FIT_OPENAPI)
async def fit_page(request: Request, site: SiteDep) -> Response:
    text = await read_text(request)
    result = fit_data(site, text)
    html = render("fit.html", site=site, page="fit", result=result, text=text)
    return HTMLResponse(html, headers=_NO_STORE)
