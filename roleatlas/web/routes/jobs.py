"""The job board: ``/jobs`` (search, filters, facets, pages, sort) and ``/jobs/{id}``."""

from __future__ import annotations

import gc
import math
import re
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from roleatlas.exceptions import NotFoundError
from roleatlas.web.render import render
from roleatlas.web.routes.common import SiteDep, cached, csv_page, html_page, json_page
from roleatlas.web.site import Site

router = APIRouter(include_in_schema=False)

JOB_COLUMNS = ("id", "title", "company", "location", "role", "seniority", "country", "remote",
               "employment_type", "annual_min_usd", "annual_max_usd", "salary_is_estimate",
               "posted_on", "source", "url")  # fmt: skip
NO_POSTINGS = ("No postings are loaded: this site is serving a snapshot of derived figures. "
               "Run `roleatlas build` (it ingests the job postings) and restart `roleatlas serve`.")  # fmt: skip
_FACET = r"^[A-Za-z0-9 _.+#/-]*$"


class JobQuery(BaseModel):
    """The job board's query string."""

    model_config = ConfigDict(extra="ignore")

    q: str = Field(
        "", max_length=200, description="Free-text search over title, company, description."
    )
    role: str = Field("", max_length=60, pattern=_FACET)
    seniority: str = Field("", max_length=30, pattern=_FACET)
    country: str = Field(
        "", max_length=2, pattern=r"^([A-Za-z]{2})?$", description="ISO 3166 alpha-2."
    )
    remote: Literal["", "remote", "hybrid", "onsite"] = ""
    employment_type: str = Field("", max_length=30, pattern=_FACET)
    source: str = Field("", max_length=60, pattern=_FACET)
    salary_min: int | None = Field(
        None, ge=0, le=10_000_000, description="Annual USD, top of band."
    )
    posted_since: date | None = None
    sort: Literal["relevance", "date", "salary"] = "relevance"
    page: int = Field(1, ge=1, le=10_000)

    @field_validator("salary_min", "posted_since", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        # an HTML form submits empty fields as empty strings
        return None if isinstance(value, str) and not value.strip() else value

    def filters(self) -> dict[str, Any]:
        return {
            "role": self.role, "seniority": self.seniority, "country": self.country.upper(),
            "remote": self.remote, "employment_type": self.employment_type, "source": self.source,
            "salary_min": self.salary_min, "posted_since": self.posted_since,
        }  # fmt: skip

    def url(self, **changes: Any) -> str:
        """This query as a ``/jobs`` URL, with some parameters changed (empty ones dropped)."""
        params = {**self.model_dump(), **changes}
        pairs = {
            k: v for k, v in params.items() if v not in ("", None) and not (k == "page" and v == 1)
        }
        if pairs.get("sort") == "relevance":
            pairs.pop("sort")
        return "/jobs" + ("?" + urlencode(pairs) if pairs else "")


JobQueryDep = Annotated[JobQuery, Query()]


def jobs_data(site: Site, query: JobQuery) -> dict[str, Any]:
    """One page of the job board for a query, with facet counts."""
    if not site.source.has_postings:
        return {"query": query.model_dump(), "total": 0, "items": [], "facets": {},
                "pages": 0, "note": NO_POSTINGS}  # fmt: skip
    size = site.settings.page_size
    result = site.index.search(
        query.q, filters=query.filters(), sort=query.sort, page=query.page, page_size=size
    )
    return {
        "query": query.model_dump(),
        "total": result.total,
        "items": result.items,
        "facets": {k: v[:25] for k, v in result.facets.items()},
        "pages": math.ceil(result.total / size),
        "note": None,
    }


def posting_data(site: Site, posting_id: str) -> dict[str, Any]:
    """One posting: description, normalized fields, extracted skills, other sources."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", posting_id):
        raise NotFoundError(f"no posting {posting_id!r}")
    posting = site.source.posting(posting_id)
    if posting is None:
        raise NotFoundError(
            f"no posting {posting_id!r}" + ("" if site.source.has_postings else f". {NO_POSTINGS}")
        )
    return {
        "posting": posting,
        "role_name": site.name(posting["role"]) if posting.get("role") else None,
    }


def highlight_skills(text: str, skills: list[dict[str, Any]]) -> Any:
    """The escaped text with each extracted skill's label wrapped in ``<mark>``."""
    from html import escape

    from markupsafe import Markup

    html = escape(text or "")
    labels = sorted(
        {(s.get("label") or s["skill"]) for s in skills} | {s["skill"] for s in skills},
        key=len,
        reverse=True,
    )
    labels = [escape(lab) for lab in labels if len(lab) > 1]
    if not labels:
        return Markup(html)
    pattern = re.compile(r"(?<![\w&#])(" + "|".join(map(re.escape, labels)) + r")(?![\w])", re.I)
    return Markup(pattern.sub(lambda m: f'<mark class="skill">{m.group(0)}</mark>', html))


# The search routes are ``async``: once the index is built a search is a millisecond or two of
# CPU with no I/O, so it runs on the event loop. In the thread pool, 32 concurrent searches
# would contend for the GIL and the unlucky ones wait far longer (a p99 several times the p50).
async def index_built(site: Site) -> None:
    """Build the job index in a worker thread on first use, never on the event loop."""
    if "index" not in vars(site):  # Site.index is a cached_property
        await run_in_threadpool(lambda: site.index)
        # The index and the analysis results are ~800k long-lived objects that never change.
        # Left to the collector, every full collection re-scans them: a 0.6-0.9 s pause under
        # load, which was the job board's p99. Frozen, they are never scanned again.
        gc.collect()
        gc.freeze()


@router.get("/jobs.json")
async def jobs_json(request: Request, site: SiteDep, query: JobQueryDep) -> Response:
    await index_built(site)
    return cached(request, site, lambda: json_page(jobs_data(site, query)))


@router.get("/jobs.csv")
async def jobs_csv(request: Request, site: SiteDep, query: JobQueryDep) -> Response:
    await index_built(site)
    return cached(request, site, lambda: csv_page(jobs_data(site, query)["items"], JOB_COLUMNS))


@router.get("/jobs")
async def jobs_page(request: Request, site: SiteDep, query: JobQueryDep) -> Response:
    await index_built(site)

    def make() -> tuple[bytes, str]:
        data = jobs_data(site, query)
        return html_page(
            "jobs.html", site, page="jobs", q=query, options=site.index.options(), **data
        )

    return cached(request, site, make)


@router.get("/jobs/{posting_id}.json")
def posting_json(request: Request, site: SiteDep, posting_id: str) -> Response:
    return cached(request, site, lambda: json_page(posting_data(site, posting_id)))


@router.get("/jobs/{posting_id}")
def posting_page(request: Request, site: SiteDep, posting_id: str) -> Response:
    def make() -> tuple[bytes, str]:
        data = posting_data(site, posting_id)
        p = data["posting"]
        body = (
            None
            if p.get("description_html")
            else highlight_skills(p.get("description") or "", p["skills"])
        )
        html = render("job.html", site=site, page="jobs", highlighted=body, **data)
        return html.encode(), "text/html; charset=utf-8"

    return cached(request, site, make)
