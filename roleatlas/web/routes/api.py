"""The JSON API under ``/api/v1``: the same data functions as the pages, documented by OpenAPI."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query, Request
from pydantic import BaseModel, Field

from roleatlas.web.routes.common import SiteDep
from roleatlas.web.routes.compare import comparison_data, split_pair
from roleatlas.web.routes.fit import fit_data
from roleatlas.web.routes.home import home_data, popular_comparisons
from roleatlas.web.routes.jobs import JobQueryDep, jobs_data, posting_data
from roleatlas.web.routes.roles import role_data
from roleatlas.web.routes.salaries import salary_data


class Error(BaseModel):
    error: str
    status: int


#: every error the API answers has the same body; declared so clients and fuzzers know it
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Error, "description": "Bad input (an unknown filter value, a bad pair)."},
    404: {"model": Error, "description": "No such role, comparison or posting."},
    413: {"model": Error, "description": "The request body is over the size limit."},
    422: {"model": Error, "description": "A parameter is invalid."},
    503: {"model": Error, "description": "The store cannot answer."},
}
router = APIRouter(tags=["v1"], responses=ERRORS)
Slug = Annotated[str, Path(max_length=80, pattern=r"^[a-z0-9-]+$", description="Role slug.")]
Pair = Annotated[str, Path(max_length=170, pattern=r"^[a-z0-9-]+-vs-[a-z0-9-]+$")]
Filter = Annotated[str | None, Query(max_length=40)]


class Role(BaseModel):
    slug: str
    name: str
    definition: str | None = None
    n_postings: int
    n_survey: int
    thin: bool


class Comparison(BaseModel):
    key: str
    title: str


class JobHit(BaseModel):
    id: str
    title: str | None = None
    company: str | None = None
    location: str | None = None
    role: str | None = None
    seniority: str | None = None
    country: str | None = None
    remote: str | None = None
    employment_type: str | None = None
    annual_min_usd: float | None = None
    annual_max_usd: float | None = None
    salary_is_estimate: bool | None = None
    posted_on: date | None = Field(
        None, description="Posting or listing date; never a scrape date."
    )
    date_kind: str | None = Field(None, description="posted, listed or scraped.")
    date_precision: str | None = Field(None, description="day, week, month or year.")
    scraped_on: date | None = None
    source: str | None = None
    url: str | None = Field(None, description="The posting's own link (http or https), to apply.")
    score: float | None = None


class JobPage(BaseModel):
    total: int
    pages: int
    items: list[JobHit]
    facets: dict[str, list[tuple[str, int]]]
    note: str | None = None


class FitRequest(BaseModel):
    text: str = Field(max_length=50_000, description="A résumé or a list of skills; never stored.")


@router.get("/roles", response_model=list[Role])
def list_roles(site: SiteDep) -> Any:
    """Every role of the taxonomy with the evidence behind it."""
    return home_data(site)["roles"]


@router.get("/roles/{slug}")
def get_role(site: SiteDep, slug: Slug) -> dict[str, Any]:
    """A role profile (see docs/DATA_SHAPES.md, Profile)."""
    return role_data(site, slug)


@router.get("/comparisons", response_model=list[Comparison])
def list_comparisons(site: SiteDep) -> Any:
    """Every computed comparison, most evidence first."""
    return popular_comparisons(site, limit=10_000)


@router.get("/comparisons/{pair}")
def get_comparison(site: SiteDep, pair: Pair) -> dict[str, Any]:
    """A comparison of two roles, in either order (see docs/DATA_SHAPES.md, Comparison)."""
    return comparison_data(site, *split_pair(pair))


@router.get("/salaries/{slug}")
def get_salaries(
    request: Request,
    site: SiteDep,
    slug: Slug,
    level: Annotated[Literal["", "EN", "MI", "SE", "EX"] | None, Query()] = None,
    seniority: Filter = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{2})?$")] = None,
    remote: Annotated[Literal["", "remote", "hybrid", "onsite"] | None, Query()] = None,
    company_size: Annotated[Literal["", "S", "M", "L"] | None, Query()] = None,
    year: Annotated[str | None, Query(pattern=r"^((20[0-9]{2})|2100)?$")] = None,
    source: Annotated[Literal["", "survey", "posted", "estimate"] | None, Query()] = None,
) -> dict[str, Any]:
    """Salary figures of a role; with filters they are computed live from the store."""
    params = {"level": level, "seniority": seniority, "country": country, "remote": remote,
              "company_size": company_size, "year": year, "source": source}  # fmt: skip
    return salary_data(site, slug, {k: v for k, v in params.items() if v})


@router.get("/jobs", response_model=JobPage)
def search_jobs(site: SiteDep, query: JobQueryDep) -> Any:
    """Search canonical postings (BM25 over title, company, description) with filters."""
    return jobs_data(site, query)


@router.get("/jobs/{posting_id}")
def get_job(
    site: SiteDep, posting_id: Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
) -> dict[str, Any]:
    """One posting with its normalized fields and extracted skills."""
    return posting_data(site, posting_id)


@router.post("/fit")
def fit(site: SiteDep, body: Annotated[FitRequest, Body()]) -> dict[str, Any]:
    """Fit of a résumé or skill list to every role; the text is never stored or logged."""
    return fit_data(site, body.text)


@router.get("/freshness")
def freshness(site: SiteDep) -> dict[str, Any]:
    """Sources, their record counts and date ranges, and when the analysis was built."""
    return site.freshness
