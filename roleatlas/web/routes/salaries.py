"""Salary insights per role with filters as GET parameters: ``/salaries/{slug}``, JSON and CSV."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from roleatlas.web.routes.common import SiteDep, cached, csv_page, html_page, json_page
from roleatlas.web.salaries import CHART_BY, clean_filters
from roleatlas.web.site import Site

router = APIRouter(include_in_schema=False)

LEVELS = {"EN": "Entry-level / Junior", "MI": "Mid-level / Intermediate",
          "SE": "Senior-level / Expert", "EX": "Executive-level / Director"}  # fmt: skip
SIZES = {"S": "Small (< 50)", "M": "Medium (50–250)", "L": "Large (> 250)"}
SOURCES = {"survey": "Survey (ai-jobs.net)", "posted": "Posted by employer",
           "estimate": "Job-board estimate"}  # fmt: skip
CELL_COLUMNS = ("by", "source", "group", "group_label", "n", "suppressed", "note", "p10", "p25",
                "p50", "p75", "p90", "mean", "median_ci_low", "median_ci_high")  # fmt: skip


def salary_data(site: Site, slug: str, params: dict[str, Any]) -> dict[str, Any]:
    """A role's salary figures: stored when unfiltered, computed live under filters."""
    entry = site.role(slug)
    filters = clean_filters(params)
    stored = site.source.result("salaries", slug) or {}
    note = None
    stats: dict[str, Any] = {
        "global": stored.get("global"),
        "by": stored.get("by") or {},
        "broader": stored.get("broader"),
    }
    if filters:
        live = site.source.salary_stats(slug, filters)
        if live is None:
            note = ("Filters need the full store: this site serves a snapshot of derived figures. "
                    "Run `roleatlas build` and `roleatlas serve` to filter.")  # fmt: skip
        else:
            stats = {"global": live["global"], "by": live["by"]}
    return {
        "slug": slug,
        "name": entry.name,
        "filters": filters,
        "live": bool(filters) and note is None,
        "note": note,
        "stats": stats,
        "options": filter_options(stored),
    }


def filter_options(stored: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """``(value, label)`` choices per filter, from the groups the stored figures contain."""
    by = stored.get("by") or {}

    def groups(name: str) -> list[str]:
        seen: dict[str, int] = {}
        for cell in (by.get(name) or {}).get("cells") or []:
            if cell.get("group") is not None:
                seen[str(cell["group"])] = seen.get(str(cell["group"]), 0) + (cell.get("n") or 0)
        return sorted(seen, key=lambda g: -seen[g])

    return {
        "level": list(LEVELS.items()),
        "country": [(c, c) for c in groups("country")[:60]],
        "remote": [(r, r.title()) for r in ("remote", "hybrid", "onsite")],
        "company_size": list(SIZES.items()),
        "year": [(y, y) for y in sorted(groups("year"), reverse=True)],
        "source": list(SOURCES.items()),
    }


def cell_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every salary cell of the page, one row each, for CSV."""
    rows = []
    stats = data["stats"]
    groups = [(None, stats.get("global"))] + [(b, stats["by"].get(b)) for b in CHART_BY]
    for by, block in groups:
        for cell in (block or {}).get("cells") or []:
            low, high = (cell.get("median_ci") or [None, None])[:2]
            rows.append({**cell, "by": by or "all", "median_ci_low": low, "median_ci_high": high})
    return rows


@router.get("/salaries")
def salary_index(request: Request, site: SiteDep) -> Response:
    return cached(request, site, lambda: html_page("salary_index.html", site, page="salaries"))


@router.get("/salaries/{slug}.json")
def salary_json(request: Request, site: SiteDep, slug: str) -> Response:
    params = dict(request.query_params)
    return cached(request, site, lambda: json_page(salary_data(site, slug, params)))


@router.get("/salaries/{slug}/cells.csv")
def salary_csv(request: Request, site: SiteDep, slug: str) -> Response:
    params = dict(request.query_params)
    return cached(
        request, site, lambda: csv_page(cell_rows(salary_data(site, slug, params)), CELL_COLUMNS)
    )


@router.get("/salaries/{slug}")
def salary_page(request: Request, site: SiteDep, slug: str) -> Response:
    params = dict(request.query_params)
    return cached(
        request,
        site,
        lambda: html_page(
            "salaries.html", site, page="salaries", **salary_data(site, slug, params)
        ),
    )
