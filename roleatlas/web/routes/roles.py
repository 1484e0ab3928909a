"""Role profiles: ``/roles/{slug}``, its JSON and its skills table as CSV."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from roleatlas.web.routes.common import SiteDep, cached, csv_page, html_page, json_page
from roleatlas.web.site import Site

router = APIRouter(include_in_schema=False)

SKILL_COLUMNS = ("skill", "label", "category", "kind", "count", "n", "share", "ci_low", "ci_high",
                 "required_share", "hot_technology")  # fmt: skip


def role_data(site: Site, slug: str) -> dict[str, Any]:
    """A role's profile, with the comparisons that include it."""
    entry = site.role(slug)
    profile = site.source.result("profile", slug) or {}
    comparisons = []
    for key in site.source.keys("comparison"):
        a, _, b = key.partition("-vs-")
        if slug in (a, b):
            other = b if a == slug else a
            comparisons.append(
                {"key": key, "other": other, "title": f"{entry.name} vs. {site.name(other)}"}
            )
    return {
        "slug": slug,
        "name": entry.name,
        "profile": profile,
        "comparisons": comparisons,
        "has_postings": site.source.has_postings,
    }


def skill_rows(profile: dict[str, Any]) -> list[dict[str, Any]]:
    """Every skill of a profile, one row per skill, for CSV."""
    seen: dict[str, dict[str, Any]] = {}
    skills = profile.get("skills") or {}
    groups = list((skills.get("by_category") or {}).values()) + [skills.get("top") or []]
    for items in groups:
        for item in items:
            key = item.get("skill") or item.get("value")
            if key and key not in seen:
                low, high = (item.get("ci") or [None, None])[:2]
                seen[key] = {**item, "skill": key, "ci_low": low, "ci_high": high}
    return sorted(seen.values(), key=lambda r: -(r.get("share") or 0))


@router.get("/roles/{slug}.json")
def role_json(request: Request, site: SiteDep, slug: str) -> Response:
    return cached(request, site, lambda: json_page(role_data(site, slug)))


@router.get("/roles/{slug}/skills.csv")
def role_skills_csv(request: Request, site: SiteDep, slug: str) -> Response:
    def make() -> tuple[bytes, str]:
        return csv_page(skill_rows(role_data(site, slug)["profile"]), SKILL_COLUMNS)

    return cached(request, site, make)


@router.get("/roles/{slug}")
def role_page(request: Request, site: SiteDep, slug: str) -> Response:
    return cached(
        request, site, lambda: html_page("role.html", site, page="role", **role_data(site, slug))
    )
