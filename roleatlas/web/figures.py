"""From analysis results to charts: which figures each page draws, with n and source on every mark."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from roleatlas.web import charts
from roleatlas.web.render import ci, pct

SOURCE_NAMES = {"survey": "survey", "posted": "posted pay", "estimate": "board estimate"}


def _skill_key(item: Mapping[str, Any]) -> str:
    return item.get("skill") or item.get("value") or ""


def _share_note(item: Mapping[str, Any], who: str, basis: Mapping[str, Any] | None) -> str:
    interval = ci(item.get("ci"))
    sources = ", ".join((basis or {}).get("sources") or [])
    return (
        f"{item.get('label') or _skill_key(item)}: {item.get('count', '?')} of {item.get('n', '?')} "
        f"{who} postings, {pct(item.get('share'))}"
        + (f" (95% CI {interval})" if interval else "")
        + (f"; sources: {sources}" if sources else "")
    )


def skill_comparison(comparison: Mapping[str, Any], *, limit: int = 14) -> Markup:
    """Skill shares of both roles side by side (the union of their top skills)."""
    skills = comparison.get("skills") or {}
    a, b = comparison.get("a") or {}, comparison.get("b") or {}
    sides = {s: {_skill_key(i): i for i in ((skills.get(s) or {}).get("top") or [])} for s in "ab"}
    for item in (skills.get("shared") or []) + (skills.get("separating") or []):
        for s in "ab":
            if item.get(s):
                sides[s].setdefault(_skill_key(item), {**item[s], "label": item.get("label")})
    keys = sorted(
        set(sides["a"]) | set(sides["b"]),
        key=lambda k: (
            -max(
                (sides["a"].get(k) or {}).get("share") or 0,
                (sides["b"].get(k) or {}).get("share") or 0,
            )
        ),
    )[:limit]
    if not keys:
        return Markup("")
    rows = []
    for k in keys:
        bars = []
        for s, role in (("a", a), ("b", b)):
            item = sides[s].get(k)
            basis = (skills.get(s) or {}).get("basis")
            bars.append(
                charts.Bar(k, None, "")
                if item is None or item.get("share") is None
                else charts.Bar(
                    k, item["share"] * 100, _share_note(item, role.get("name", ""), basis)
                )
            )
        label = (sides["a"].get(k) or sides["b"].get(k) or {}).get("label") or k
        rows.append((label, bars))
    return charts.grouped_bars(
        rows,
        series=[a.get("name", "A"), b.get("name", "B")],
        title=f"Share of postings asking for each skill: {a.get('name')} vs. {b.get('name')}",
        desc="Bars give the percentage of each role's canonical postings that mention the skill; "
        "hover a bar for its count, n, 95% interval and sources.",
    )


def role_skills(profile: Mapping[str, Any], *, limit: int = 15) -> Markup:
    skills = profile.get("skills") or {}
    items = (skills.get("top") or [])[:limit]
    if not items:
        return Markup("")
    name = profile.get("name", "")
    return charts.grouped_bars(
        [(i.get("label") or _skill_key(i), [charts.Bar(_skill_key(i), i["share"] * 100,
          _share_note(i, name, skills.get("basis")))]) for i in items if i.get("share") is not None],
        series=[name],
        title=f"Top skills in {name} postings",
        desc=f"Percentage of {name} postings mentioning each skill ({_basis_text(skills.get('basis'))}).",
    )  # fmt: skip


def _basis_text(b: Mapping[str, Any] | None) -> str:
    from roleatlas.web.render import basis

    return basis(b)


def _box(cell: Mapping[str, Any], label: str, source_label: str) -> charts.Box:
    dates = cell.get("date_range") or []
    note = (
        f"{label}: median ${(cell.get('p50') or 0):,.0f}, middle half ${(cell.get('p25') or 0):,.0f}–"
        f"${(cell.get('p75') or 0):,.0f}, n={cell.get('n')}, {source_label}"
        + (f", {dates[0]} to {dates[1]}" if len(dates) == 2 else "")
    )
    return charts.Box(
        label=label, n=int(cell.get("n") or 0), p10=cell.get("p10"), p25=cell.get("p25"),
        median=cell.get("p50") if not cell.get("suppressed") else None, p75=cell.get("p75"),
        p90=cell.get("p90"), note=note,
    )  # fmt: skip


def salary_boxes(
    stats: Mapping[str, Any] | None, *, title: str, order: Sequence[str] = (), limit: int = 12
) -> Markup:
    """Salary distribution per group, one box per group and source (suppressed cells say so)."""
    cells = list((stats or {}).get("cells") or [])
    if not cells:
        return Markup("")
    sources = (stats or {}).get("sources") or {}
    multi = len({c.get("source") for c in cells}) > 1
    rank = {g: i for i, g in enumerate(order)}
    cells.sort(
        key=lambda c: (
            rank.get(str(c.get("group")), 99),
            c.get("source") != "survey",
            -(c.get("n") or 0),
        )
    )
    boxes = []
    for c in cells[: limit * (3 if multi else 1)]:
        group = c.get("group_label") or c.get("group") or "All"
        label = (
            f"{group} · {SOURCE_NAMES.get(c.get('source'), c.get('source'))}"
            if multi
            else str(group)
        )
        boxes.append(
            _box(
                c, label, (sources.get(c.get("source")) or {}).get("label") or str(c.get("source"))
            )
        )
    return charts.boxes(
        boxes,
        title=title,
        desc="Boxes span the 25th to 75th percentile, whiskers the 10th to 90th, the thick line is "
        "the median; annual USD. Groups with fewer than 10 records are not shown.",
    )


def salary_compare(comparison: Mapping[str, Any]) -> Markup:
    """Both roles' overall pay distributions, per source."""
    sal = comparison.get("salaries") or {}
    boxes = []
    for s in "ab":
        role = (comparison.get(s) or {}).get("name", s)
        stats = sal.get(s) or {}
        for c in stats.get("cells") or []:
            src = (stats.get("sources") or {}).get(c.get("source"), {}).get("label") or c.get(
                "source"
            )
            boxes.append(
                _box(c, f"{role} · {SOURCE_NAMES.get(c.get('source'), c.get('source'))}", src)
            )
    if not boxes:
        return Markup("")
    return charts.boxes(boxes, title="Annual pay (USD) by role and source",
                        desc="Percentiles of annual pay in USD per role and source; survey, posted "
                        "and estimated pay are never pooled.")  # fmt: skip


def salary_trend(stats: Mapping[str, Any] | None, *, name: str = "") -> Markup:
    """Median pay by year, one line per source (suppressed years left out)."""
    series: dict[str, list[charts.Bar]] = defaultdict(list)
    for c in (stats or {}).get("cells") or []:
        if c.get("suppressed") or c.get("p50") is None or c.get("group") is None:
            continue
        src = SOURCE_NAMES.get(c.get("source"), c.get("source"))
        series[src].append(charts.Bar(str(c["group"]), c["p50"], f"{name} {src} {c['group']}: median "
                                      f"${c['p50']:,.0f}, n={c.get('n')}"))  # fmt: skip
    return charts.line(
        list(series.items()),
        title=f"Median annual pay by year{': ' + name if name else ''}",
        desc="Median annual pay in USD per year and source; years with fewer than 10 records are left out.",
        money=True,
    )


def demand(profile: Mapping[str, Any]) -> Markup:
    """Postings per year and survey records per year for one role."""
    d = profile.get("demand") or {}
    per_year: dict[str, int] = defaultdict(int)
    for m in d.get("postings_by_month") or []:
        per_year[str(m.get("month", ""))[:4]] += int(m.get("count") or 0)
    name = profile.get("name", "")
    series = []
    if per_year:
        series.append(
            (
                "postings",
                [
                    charts.Bar(y, n, f"{n} {name} postings first seen in {y}")
                    for y, n in per_year.items()
                ],
            )
        )
    if not series:
        return Markup("")
    return charts.line(series, title=f"{name} postings per year in the collected data",
                       desc="Canonical postings per year of posting. The collections are scrapes of "
                       "particular searches and dates, so this shows the data's coverage, not the market.")  # fmt: skip


def fit_bars(fits: Sequence[Mapping[str, Any]], *, limit: int = 10) -> Markup:
    rows = [charts.Bar(f["name"], f["fit"] * 100, f"{f['name']}: fit {f['fit'] * 100:.0f}% "
            f"({len(f['matched'])} of its top skills; n={f['n_postings']} postings)") for f in fits[:limit]]  # fmt: skip
    return charts.grouped_bars([(r.label, [r]) for r in rows], series=["fit"], title="Fit to each role",
                               desc="Share of each role's skill demand your skills cover, weighted by "
                               "how often postings ask for each skill.")  # fmt: skip
