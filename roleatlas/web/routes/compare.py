"""The comparison article: ``/compare/{a}-vs-{b}`` (canonical: slugs sorted), JSON and CSV."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from roleatlas.exceptions import InputError, NotFoundError
from roleatlas.web.render import reading_minutes, render
from roleatlas.web.routes.common import SiteDep, cached, csv_page, json_page
from roleatlas.web.routes.home import pair_key
from roleatlas.web.site import Site

router = APIRouter(include_in_schema=False)

SECTIONS = (
    ("definitions", "Definitions"),
    ("responsibilities", "Responsibilities"),
    ("skills", "Required Skills"),
    ("education", "Educational Backgrounds"),
    ("tools", "Tools and Software Used"),
    ("industries", "Common Industries"),
    ("outlook", "Outlooks"),
    ("tips", "Practical Tips for Getting Started"),
    ("transition", "Transition Plans"),
    ("jobs", "Featured Jobs"),
    ("salaries", "Salary Insights"),
    ("related", "Related Comparisons"),
)
SKILL_COLUMNS = ("skill", "label", "category", "share_a", "count_a", "n_a", "share_b", "count_b",
                 "n_b", "diff", "q", "favours")  # fmt: skip


def split_pair(pair: str) -> tuple[str, str]:
    """``"a-vs-b"`` → ``("a", "b")``; ``InputError`` when it is not a pair."""
    a, sep, b = pair.partition("-vs-")
    if not sep or not a or not b or "-vs-" in b:
        raise InputError(f"{pair!r} is not a comparison: use /compare/ROLE-vs-ROLE")
    return a, b


def comparison_data(site: Site, a: str, b: str) -> dict[str, Any]:
    """The stored comparison of two roles, with the featured-jobs state of this source."""
    site.role(a), site.role(b)
    if a == b:
        raise InputError("a comparison needs two different roles")
    key = pair_key(a, b)
    data = site.source.result("comparison", key)
    if data is None:
        raise NotFoundError(f"no comparison computed for {key}: run `roleatlas build`")
    return {
        "key": key,
        "comparison": data,
        "has_postings": site.source.has_postings,
        "sections": [{"id": i, "title": t} for i, t in SECTIONS],
    }


def skill_table(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Skill shares of both roles side by side, with the test of their difference."""
    skills = data["comparison"].get("skills") or {}
    rows: dict[str, dict[str, Any]] = {}
    for side in ("a", "b"):
        for item in (skills.get(side) or {}).get("top") or []:
            row = rows.setdefault(item["skill"], {"skill": item["skill"], "label": item.get("label"),
                                                  "category": item.get("category")})  # fmt: skip
            row.update({f"share_{side}": item.get("share"), f"count_{side}": item.get("count"),
                        f"n_{side}": item.get("n")})  # fmt: skip
    for item in (skills.get("shared") or []) + (skills.get("separating") or []):
        row = rows.setdefault(item["skill"], {"skill": item["skill"], "label": item.get("label")})
        for side in ("a", "b"):
            share = item.get(side) or {}
            row.setdefault(f"share_{side}", share.get("share"))
            row.setdefault(f"count_{side}", share.get("count"))
            row.setdefault(f"n_{side}", share.get("n"))
        for k in ("diff", "q", "favours", "category"):
            if item.get(k) is not None:
                row[k] = item[k]
    return sorted(rows.values(), key=lambda r: -max(r.get("share_a") or 0, r.get("share_b") or 0))


def render_comparison(site: Site, data: dict[str, Any]) -> str:
    """The article page: the article is rendered first so its reading time can be stated."""
    context = {"site": site, "page": "compare", "skill_rows": skill_table(data), **data}
    article = render("compare_article.html", **context)
    return render(
        "compare.html", article=Markup(article), minutes=reading_minutes(article), **context
    )


def _canonical(pair: str, suffix: str, request: Request) -> str | None:
    a, b = split_pair(pair)
    if (a, b) != tuple(sorted((a, b))):
        query = f"?{request.url.query}" if request.url.query else ""
        return f"/compare/{pair_key(a, b)}{suffix}{query}"
    return None


@router.get("/compare/{pair}/skills.csv")
def comparison_skills_csv(request: Request, site: SiteDep, pair: str) -> Response:
    if target := _canonical(pair, "/skills.csv", request):
        return RedirectResponse(target, status_code=301)
    return cached(
        request,
        site,
        lambda: csv_page(skill_table(comparison_data(site, *split_pair(pair))), SKILL_COLUMNS),
    )


@router.get("/compare/{pair}")
def comparison_page(request: Request, site: SiteDep, pair: str) -> Response:
    as_json = pair.endswith(".json")
    pair = pair.removesuffix(".json")
    if target := _canonical(pair, ".json" if as_json else "", request):
        return RedirectResponse(target, status_code=301)
    a, b = split_pair(pair)
    if as_json:
        return cached(request, site, lambda: json_page(comparison_data(site, a, b)))

    def make() -> tuple[bytes, str]:
        return render_comparison(
            site, comparison_data(site, a, b)
        ).encode(), "text/html; charset=utf-8"

    return cached(request, site, make)
