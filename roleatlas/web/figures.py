"""From analysis results to charts: which figures each page draws, with n and source on every mark."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from roleatlas.web import charts
from roleatlas.web.render import ci, pct
from roleatlas.web.shares import SideShare, side_by_side

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


def _side_note(skill: str, share: SideShare, who: str, basis: Mapping[str, Any] | None) -> str:
    sources = ", ".join((basis or {}).get("sources") or [])
    tail = f"; sources: {sources}" if sources else ""
    if share.found == "below":
        bound = f" (at most {pct(share.at_most)})" if share.at_most is not None else ""
        return (
            f"{skill}: not among the {who} skills stored with this comparison{bound}; "
            f"n={share.n} postings{tail}"
        )
    interval = ci(share.ci)
    return (
        f"{skill}: {share.count if share.count is not None else '?'} of {share.n} {who} postings, "
        f"{pct(share.share)}" + (f" (95% CI {interval})" if interval else "") + tail
    )


def skill_comparison(
    comparison: Mapping[str, Any],
    *,
    profiles: Mapping[str, Mapping[str, Any] | None] | None = None,
    limit: int = 14,
) -> Markup:
    """Skill shares of both roles side by side (the union of their top skills), with its table.

    A skill one role's stored lists lack is read from that role's profile (``profiles``): a share
    when listed there, "0% (n=…)" when the role has no such posting, else "not in top skills".
    """
    skills = comparison.get("skills") or {}
    a, b = comparison.get("a") or {}, comparison.get("b") or {}
    table = side_by_side(comparison, profiles)

    def best(row: Mapping[str, Any]) -> float:
        return -max(
            (row[s].share or 0) if s in row and row[s].share is not None else 0 for s in "ab"
        )

    keys = sorted(table, key=lambda k: best(table[k]))[:limit]
    if not keys:
        return Markup("")
    rows = []
    for k in keys:
        row = table[k]
        label = row.get("label") or k
        bars = []
        for s, role in (("a", a), ("b", b)):
            share: SideShare = row[s]
            note = _side_note(
                label, share, role.get("name", ""), (skills.get(s) or {}).get("basis")
            )
            value = None if share.found == "below" else (share.share or 0) * 100
            bars.append(charts.Bar(k, value, note, share.text()))
        rows.append((label, bars))
    series = [a.get("name", "A"), b.get("name", "B")]
    title = f"Share of postings asking for each skill: {a.get('name')} vs. {b.get('name')}"
    return charts.grouped_bars(
        rows,
        series=series,
        title=title,
        desc="Bars give the percentage of each role's canonical postings that mention the skill; "
        "hover a bar for its count, n, 95% interval and sources. The same figures follow as a table.",
    ) + charts.bars_table(rows, series=series, caption=title)


def role_skills(profile: Mapping[str, Any], *, limit: int = 15) -> Markup:
    skills = profile.get("skills") or {}
    items = (skills.get("top") or [])[:limit]
    if not items:
        return Markup("")
    name = profile.get("name", "")
    rows = [(i.get("label") or _skill_key(i), [charts.Bar(_skill_key(i), i["share"] * 100,
             _share_note(i, name, skills.get("basis")))]) for i in items if i.get("share") is not None]  # fmt: skip
    title = f"Top skills in {name} postings"
    return charts.grouped_bars(
        rows,
        series=[name],
        title=title,
        desc=f"Percentage of {name} postings mentioning each skill "
        f"({_basis_text(skills.get('basis'))}). The same figures follow as a table.",
    ) + charts.bars_table(rows, series=["Share of postings"], caption=title)


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
    stats: Mapping[str, Any] | None,
    *,
    title: str,
    order: Sequence[str] = (),
    limit: int = 12,
    table: bool = True,
) -> Markup:
    """Salary distribution per group, one box per group and source (suppressed cells say so).

    ``table=False`` when the page prints the same cells as a table right after the chart.
    """
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
        "the median; annual USD. Groups with fewer than 10 records are not shown. The same "
        "figures follow as a table.",
    ) + (charts.boxes_table(boxes, caption=title) if table else Markup(""))


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
    title = "Annual pay (USD) by role and source"
    return charts.boxes(boxes, title=title,
                        desc="Percentiles of annual pay in USD per role and source; survey, posted "
                        "and estimated pay are never pooled. The same figures follow as a table.",
                        ) + charts.boxes_table(boxes, caption=title)  # fmt: skip


def salary_trend(stats: Mapping[str, Any] | None, *, name: str = "", table: bool = True) -> Markup:
    """Median pay by year, one line per source (suppressed years left out)."""
    series: dict[str, list[charts.Bar]] = defaultdict(list)
    for c in (stats or {}).get("cells") or []:
        if c.get("suppressed") or c.get("p50") is None or c.get("group") is None:
            continue
        src = SOURCE_NAMES.get(c.get("source"), c.get("source"))
        series[src].append(charts.Bar(str(c["group"]), c["p50"], f"{name} {src} {c['group']}: median "
                                      f"${c['p50']:,.0f}, n={c.get('n')}"))  # fmt: skip
    title = f"Median annual pay by year{': ' + name if name else ''}"
    lines = list(series.items())
    chart = charts.line(
        lines,
        title=title,
        desc="Median annual pay in USD per year and source; years with fewer than 10 records are "
        "left out. The same figures follow as a table.",
        money=True,
    )
    if not chart or not table:
        return chart
    return chart + charts.line_table(lines, caption=title, money=True)


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
    title = f"{name} postings per year in the collected data"
    chart = charts.line(series, title=title,
                        desc="Canonical postings per year of posting. The collections are scrapes of "
                        "particular searches and dates, so this shows the data's coverage, not the "
                        "market. The same figures follow as a table.")  # fmt: skip
    return chart + charts.line_table(series, caption=title) if chart else chart


def trend(trend: Mapping[str, Any] | None, name: str) -> Markup:
    """Shares of a role's top skills per half-year over the whole history, each with its n."""
    if not trend or not trend.get("skills"):
        return Markup("")
    periods = trend.get("periods") or []
    series = []
    for skill, shares in trend["skills"].items():
        points = [
            charts.Bar(
                p["period"],
                None if v is None else round(v * 100, 1),
                f"{skill}: {v * 100:.0f}% of {p['n']} {name} postings in {p['period']}"
                if v is not None
                else f"{p['period']}: only {p['n']} postings",
            )
            for p, v in zip(periods, shares, strict=True)
        ]
        if any(pt.value is not None for pt in points):
            series.append((skill, points))
    if not series:
        return Markup("")
    title = f"{name}: share of postings naming each skill, per half-year"
    chart = charts.line(series, title=title,
                        desc=f"Per half-year from {periods[0]['period']} to {periods[-1]['period']}; "
                        f"half-years with fewer than {trend.get('min_n', 10)} postings are left out. "
                        "The same figures follow as a table, with each half-year's n.")  # fmt: skip
    rows = [
        [p["period"], f"{p['n']:,}", *("–" if v is None else f"{v * 100:.0f}%" for v in vals)]
        for p, *vals in zip(periods, *(trend["skills"][k] for k, _ in series), strict=True)
    ]
    table = charts.data_table(title, ["", "postings (n)", *(k for k, _ in series)], rows)
    return chart + table if chart else chart


def fit_bars(fits: Sequence[Mapping[str, Any]], *, limit: int = 10) -> Markup:
    rows = [charts.Bar(f["name"], f["fit"] * 100, f"{f['name']}: fit {f['fit'] * 100:.0f}% "
            f"({len(f['matched'])} of its top skills; n={f['n_postings']} postings)") for f in fits[:limit]]  # fmt: skip
    groups = [(r.label, [r]) for r in rows]
    return charts.grouped_bars(groups, series=["fit"], title="Fit to each role",
                               desc="Share of each role's skill demand your skills cover, weighted by "
                               "how often postings ask for each skill. The same figures follow as "
                               "a table.") + charts.bars_table(groups, series=["Fit"],
                                                              caption="Fit to each role")  # fmt: skip
