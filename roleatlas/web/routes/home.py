"""The home page (find a role, pick two to compare, popular comparisons, freshness) and redirects."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from roleatlas.exceptions import InputError
from roleatlas.web.routes.common import SiteDep, cached, html_page, json_page
from roleatlas.web.site import Site

router = APIRouter(include_in_schema=False)


def pair_key(a: str, b: str) -> str:
    """The canonical comparison key: both slugs sorted, joined by ``-vs-``."""
    first, second = sorted((a, b))
    return f"{first}-vs-{second}"


def popular_comparisons(site: Site, *, limit: int = 8) -> list[dict[str, Any]]:
    """Comparisons whose thinner side has the most evidence (postings and survey records)."""
    rows = []
    for key in site.source.keys("comparison"):
        data = site.source.result("comparison", key) or {}
        a, b = data.get("a") or {}, data.get("b") or {}
        weight = min(
            (a.get("n_postings") or 0) + (a.get("n_survey") or 0) / 20,
            (b.get("n_postings") or 0) + (b.get("n_survey") or 0) / 20,
        )
        rows.append({"key": key, "title": data.get("title") or key, "weight": weight})
    rows.sort(key=lambda r: -r["weight"])
    return rows[:limit]


def home_data(site: Site) -> dict[str, Any]:
    """Roles, popular comparisons and data freshness."""
    return {
        "roles": [asdict(r) for r in site.roles.values()],
        "popular": popular_comparisons(site),
        "freshness": site.freshness,
        "origin": site.source.kind,
    }


@router.get("/")
def home(request: Request, site: SiteDep) -> Response:
    return cached(
        request, site, lambda: html_page("home.html", site, page="home", **home_data(site))
    )


@router.get("/index.json")
def home_json(request: Request, site: SiteDep) -> Response:
    return cached(request, site, lambda: json_page(home_data(site)))


@router.get("/roles")
def find_role(site: SiteDep, q: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    """The home page's role finder: jump to the best-matching role, else list matches."""
    if q:
        needle = q.strip().lower()
        for entry in site.roles.values():
            if needle in (entry.slug, entry.name.lower()):
                return RedirectResponse(f"/roles/{entry.slug}", status_code=303)
        matches = [e for e in site.roles.values() if needle in e.name.lower() or needle in e.slug]
        if len(matches) == 1:
            return RedirectResponse(f"/roles/{matches[0].slug}", status_code=303)
    else:
        matches = list(site.roles.values())
    body, media = html_page("roles.html", site, page="roles", q=q, matches=matches)
    return Response(body, media_type=media)


@router.get("/compare")
def pick_comparison(
    site: SiteDep,
    a: Annotated[str, Query(max_length=100)],
    b: Annotated[str, Query(max_length=100)],
) -> Response:
    """The home page's compare form: redirect to the canonical comparison URL."""
    site.role(a), site.role(b)
    if a == b:
        raise InputError("pick two different roles to compare")
    return RedirectResponse(f"/compare/{pair_key(a, b)}", status_code=303)


@router.get("/healthz")
def health(site: SiteDep) -> dict[str, Any]:
    health = {"ok": True, "origin": site.source.kind, "roles": len(site.roles)}
    if path := getattr(site.source, "path", None):
        health["serving"] = path.name  # the store, or the published copy of it
    if note := getattr(site.source, "note", None):
        health["note"] = note
    return health
