"""The comparison article: ``/compare/{a}-vs-{b}`` (canonical: slugs sorted), JSON and CSV."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from roleatlas.exceptions import InputError, NotFoundError
from roleatlas.web.render import reading_minutes, render
from roleatlas.web.routes.common import SiteDep, cached, csv_page, json_page
from roleatlas.web.routes.home import pair_key
from roleatlas.web.shares import side_by_side
from roleatlas.web.site import Site

router = APIRouter(include_in_schema=False)

SECTIONS = (
    ("definitions", "Definitions"),
    ("responsibilities", "Responsibilities"),
    ("skills", "Skills: mentioned and stated as required"),
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
SKILL_COLUMNS = ("skill", "label", "category", "share_a", "count_a", "n_a", "found_a", "at_most_a",
                 "share_b", "count_b", "n_b", "found_b", "at_most_b", "diff", "q",
                 "favours")  # fmt: skip


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


def role_profiles(site: Site, data: dict[str, Any]) -> dict[str, dict[str, Any] | None]:
    """The profiles of both roles of a comparison (they settle skills the comparison lacks)."""
    comparison = data["comparison"]
    return {
        s: site.source.result("profile", (comparison.get(s) or {}).get("slug") or "") for s in "ab"
    }


def skill_table(
    data: dict[str, Any], profiles: dict[str, dict[str, Any] | None] | None = None
) -> list[dict[str, Any]]:
    """Skill shares of both roles side by side, with the test of their difference.

    ``found_a``/``found_b`` say where a share was read: ``comparison``, ``profile``, ``absent``
    (the role has no posting asking for it: 0) or ``below`` (not in its stored lists; the share
    is at most ``at_most_*``).
    """
    skills = data["comparison"].get("skills") or {}
    tests = {i["skill"]: i for i in skills.get("separating") or []}
    rows = []
    for key, row in side_by_side(data["comparison"], profiles).items():
        out: dict[str, Any] = {"skill": key, "label": row.get("label"),
                               "category": row.get("category")}  # fmt: skip
        for side in ("a", "b"):
            share = row[side]
            out.update({f"share_{side}": share.share, f"count_{side}": share.count,
                        f"n_{side}": share.n, f"found_{side}": share.found,
                        f"at_most_{side}": share.at_most})  # fmt: skip
        test = tests.get(key) or {}
        out.update({k: test.get(k) for k in ("diff", "q", "favours")})
        rows.append(out)
    return sorted(rows, key=lambda r: -max(r.get("share_a") or 0, r.get("share_b") or 0))


def featured_pay(site: Site, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The featured jobs with their annual USD bounds, so a card can state a one-sided band.

    A stored card keeps only the band text ("USD 187K" for a minimum alone or for equal
    bounds), so the bounds are read back from the posting when the text cannot tell.
    """
    items = []
    for item in (data["comparison"].get("featured_jobs") or {}).get("items") or []:
        item = dict(item)
        band = item.get("salary_band") or ""
        both = re.fullmatch(r"USD (\d+)K - (\d+)K", band)
        if both:
            item["annual_min_usd"], item["annual_max_usd"] = (int(g) * 1000 for g in both.groups())
        elif band and item.get("posting_id") and site.source.has_postings:
            posting = site.source.posting(item["posting_id"]) or {}
            item["annual_min_usd"] = posting.get("annual_min_usd")
            item["annual_max_usd"] = posting.get("annual_max_usd")
        item["salary_is_estimate"] = item.get("salary_source") == "estimate"
        items.append(item)
    return items


def render_comparison(site: Site, data: dict[str, Any]) -> str:
    """The article page: the article is rendered first so its reading time can be stated."""
    profiles = role_profiles(site, data)
    context = {"site": site, "page": "compare", "skill_rows": skill_table(data, profiles),
               "profiles": profiles, "featured": featured_pay(site, data), **data}  # fmt: skip
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


def _skill_csv_rows(site: Site, pair: str) -> list[dict[str, Any]]:
    data = comparison_data(site, *split_pair(pair))
    return skill_table(data, role_profiles(site, data))


@router.get("/compare/{pair}/skills.csv")
def comparison_skills_csv(request: Request, site: SiteDep, pair: str) -> Response:
    if target := _canonical(pair, "/skills.csv", request):
        return RedirectResponse(target, status_code=301)
    return cached(
        request,
        site,
        lambda: csv_page(_skill_csv_rows(site, pair), SKILL_COLUMNS),
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
