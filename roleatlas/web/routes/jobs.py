"""The job board: ``/jobs`` (search, filters, facets, pages, sort) and ``/jobs/{id}``."""

from __future__ import annotations

import gc
import math
import re
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote_plus, urlencode
from weakref import WeakKeyDictionary

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict, Field, field_validator

from roleatlas.exceptions import NotFoundError
from roleatlas.web.render import label, render
from roleatlas.web.routes.common import SiteDep, cached, csv_page, html_page, json_page
from roleatlas.web.search import JobIndex
from roleatlas.web.site import Site

router = APIRouter(include_in_schema=False)

JOB_COLUMNS = ("id", "title", "company", "location", "role", "seniority", "country", "remote",
               "employment_type", "annual_min_usd", "annual_max_usd", "salary_is_estimate",
               "posted_on", "date_kind", "date_precision", "scraped_on", "source", "url")  # fmt: skip
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
    # "" is accepted (an HTML form sends empty fields) and means no filter
    salary_min: Annotated[int, Field(ge=0, le=10_000_000)] | Literal[""] | None = Field(
        None, description="Annual USD, top of band; empty: no filter."
    )
    posted_since: date | Literal[""] | None = Field(None, description="Empty: no filter.")
    sort: Literal["relevance", "date", "salary"] = "relevance"
    page: int = Field(1, ge=1, le=10_000)

    @field_validator("salary_min", "posted_since", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        # an HTML form submits empty fields as empty strings
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("posted_since", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        # a date as the schema declares it (YYYY-MM-DD), not a number read as a timestamp
        if (
            isinstance(value, str)
            and value.strip()
            and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        ):
            raise ValueError("a date as YYYY-MM-DD")
        return value

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

FACET_KEYS = ("role", "seniority", "country", "remote", "employment_type", "source")
_MISSING = object()


def _facet_label(site: Site, key: str, value: Any) -> Markup:
    """A facet value's reader label, escaped: role names, country codes as-is, else ``label``."""
    if key == "role":
        return escape(site.name(value))
    return escape(value if key == "country" else label(value))


class _FacetHtml:
    """The query-independent HTML of the job board's filters, built once per index.

    Rendering ~90 ``<option>`` elements through Jinja on every request was most of the page's
    render cost; the options (every value of every facet) never change once the index is built.
    """

    def __init__(self, site: Site) -> None:
        self.labels: dict[str, dict[Any, Markup]] = {}
        self.options: dict[str, list[tuple[Any, str]]] = {}
        for key, values in site.index.options().items():
            labels = self.labels[key] = {v: _facet_label(site, key, v) for v in values}
            self.options[key] = [(v, f'<option value="{escape(v)}">{labels[v]}</option>')
                                 for v in values]  # fmt: skip

    def label(self, site: Site, key: str, value: Any) -> Markup:
        lab = self.labels.get(key, {}).get(value)
        return lab if lab is not None else _facet_label(site, key, value)

    def select(self, key: str, chosen: Any) -> Markup:
        """The ``<option>`` elements of one facet's ``<select>``, ``chosen`` selected."""
        parts = []
        for v, html in self.options.get(key) or ():
            if v == chosen:
                html = f'<option value="{escape(v)}" selected>{self.labels[key][v]}</option>'
            parts.append(html)
        return Markup("".join(parts))


_FACET_HTML: WeakKeyDictionary[JobIndex, _FacetHtml] = WeakKeyDictionary()


def _facet_html(site: Site) -> _FacetHtml:
    found = _FACET_HTML.get(site.index)
    if found is None:
        found = _FACET_HTML[site.index] = _FacetHtml(site)
    return found


def _encoded(key: str, value: Any) -> str | None:
    """One ``key=value`` of :meth:`JobQuery.url` (as ``urlencode`` writes it), or None if dropped."""
    if (
        value in ("", None)
        or (key == "page" and value == 1)
        or (key == "sort" and value == "relevance")
    ):
        return None
    return quote_plus(key) + "=" + quote_plus(str(value))


def facet_lists(site: Site, query: JobQuery, facets: dict[str, Any]) -> list[tuple[str, Markup]]:
    """The sidebar's facet links, ``(facet, <li> elements)``: what the template wrote per value.

    Each link is ``query.url(**{facet: value, "page": 1})`` (or ``facet: ""`` to remove a
    chosen filter), with the query's other parameters encoded once rather than per link.
    """
    html = _facet_html(site)
    base = {k: _encoded(k, v) for k, v in query.model_dump().items()}
    base["page"] = None  # every facet link goes to page 1

    def href(key: str, value: Any) -> str:
        parts = {**base, key: _encoded(key, value)}
        qs = "&".join(p for p in parts.values() if p)
        return "/jobs" + ("?" + qs if qs else "")

    out = []
    for key, counts in facets.items():
        if not counts:
            continue
        chosen = getattr(query, key, _MISSING) if key in JobQuery.model_fields else _MISSING
        items = []
        for value, n in counts[:8]:
            lab = html.label(site, key, value)
            if chosen == value:
                items.append(f"    <li><strong>{lab}</strong> <a href=\"{escape(href(key, ''))}\""
                             f" aria-label=\"Remove filter {escape(value)}\">×</a>"
                             f" <small>({escape(n)})</small></li>\n")  # fmt: skip
            else:
                items.append(f"    <li><a href=\"{escape(href(key, value))}\">{lab}</a>"
                             f" <small>({escape(n)})</small></li>\n")  # fmt: skip
        out.append((key, Markup("".join(items))))
    return out


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
        if not data["note"]:
            html = _facet_html(site)
            data["selects"] = {k: html.select(k, getattr(query, k)) for k in FACET_KEYS}
            data["facet_lists"] = facet_lists(site, query, data["facets"])
        return html_page("jobs.html", site, page="jobs", q=query, **data)

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
