"""Render a comparison as a Markdown (or simple HTML) article.

Prose comes from templates filled by the comparison JSON: every number printed is a value of the
JSON (or that value as a percentage, in thousands, or with thousands separators) and appears with
the n it was computed from. Nothing is said that the data does not show: an empty list prints
"no data" with its n, never a generic sentence.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from typing import Any

from roleatlas.analyze.text import ci_pct, date_label, months, pct, sources, window_note

SECTIONS = (
    ("definitions", "Definitions"),
    ("responsibilities", "Responsibilities"),
    ("skills", "Skills: mentioned and stated as required"),
    ("education", "Educational Backgrounds"),
    ("tools", "Tools and Software Used"),
    ("industries", "Common Industries"),
    ("outlook", "Outlooks"),
    ("tips", "Practical Tips for Getting Started"),
    ("featured_jobs", "Featured jobs"),
    ("salaries", "Salary insights"),
    ("related", "Related comparisons"),
    ("transition", "Transition plans"),
)
WORDS_PER_MINUTE = 200


def usd(value: float | None) -> str:
    return "n/a" if value is None else f"USD {value:,.0f}"


def _anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _basis_line(basis: Mapping[str, Any], name: str) -> str:
    thin = " — thin data, read with care" if basis.get("thin") else ""
    return (
        f"*Based on {basis['n']} {name} {basis.get('unit', 'postings')}, "
        f"{months(basis.get('date_range'))}; sources: {sources(basis)}{thin}.*"
    )


def _share_bullet(item: Mapping[str, Any], label: str | None = None) -> str:
    return (
        f"- {label or item.get('label')}: {pct(item['share'])} of {item['n']} postings "
        f"(95% CI {ci_pct(item['ci'])})"
    )


def _roles(c: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [("a", c["a"]), ("b", c["b"])]


# -- sections --------------------------------------------------------------------------------
def _definitions(c: Mapping[str, Any]) -> list[str]:
    out = []
    for side, role in _roles(c):
        d = c["definitions"][side]
        out += [f"### {role['name']}", "", d["text"] or "No definition recorded.", ""]
        for o in d["onet"]:
            out.append(f"- O*NET {o['code']} {o['title']}: {o['description']}")
        if d["onet"]:
            out.append("")
    return out


def _responsibilities(c: Mapping[str, Any]) -> list[str]:
    out = []
    for side, role in _roles(c):
        r = c["responsibilities"][side]
        out += [f"### {role['name']}", "", _basis_line(r["basis"], role["name"]), ""]
        if r["items"] and r.get("n_read") is not None:
            out += [
                f"Share of the {r['n_read']} postings whose duties could be read; "
                "each theme is stated by several employers.",
                "",
            ]
        for it in r["items"]:
            task = f" O*NET task: {it['onet_task']['task']}" if it["onet_task"] else ""
            employers = f", {it['companies']} employers" if "companies" in it else ""
            out.append(
                f"- **{it['statement']}** — {it['count']} of {it['n']} postings "
                f"({pct(it['share'])}, 95% CI {ci_pct(it['ci'])}){employers}.{task}"
            )
            examples = [e["statement"] for e in it.get("examples", [])[:2]]
            if examples:
                out.append("  - e.g. " + " · ".join(f"“{e}”" for e in examples))
        if r["fallback"]:
            out += ["", r["note"] or "Few statements in the postings.", ""]
            out += [f"- {t['task']} *({t['label']}, {t['code']})*" for t in r["onet_core_tasks"]]
        out.append("")
    return out


def _skills(c: Mapping[str, Any]) -> list[str]:
    s = c["skills"]
    ov = s["overlap"]
    a, b = c["a"]["name"], c["b"]["name"]
    out = [
        f"Skill overlap (weighted Jaccard of skill shares): {ov['weighted_jaccard']:.2f}, "
        f"from {ov['n_a']} {a} and {ov['n_b']} {b} postings.",
        "",
    ]
    names = {"a": a, "b": b}
    for side, role in _roles(c):
        other = "b" if side == "a" else "a"
        out += [f"### {role['name']}", "", _basis_line(s[side]["basis"], role["name"]), ""]
        for it in s[side]["top"][:10]:
            line = _share_bullet(it)
            if other in it:
                o = it[other]
                line += f"; {names[other]}: {pct(o['share'])} of {o['n']}"
            out.append(line)
        if not s[side]["top"]:
            out.append("- no skills found")
        out.append("")
    if s["separating"]:
        out += [
            "### Skills that separate the two roles",
            "",
            f"*{s['test']}.*",
            "",
            f"| skill | {a} | {b} | difference (points) | q |",
            "|---|---|---|---|---|",
        ]
        for r in s["separating"][:12]:
            out.append(
                f"| {r['label']} | {pct(r['a']['share'])} of {r['a']['n']} | "
                f"{pct(r['b']['share'])} of {r['b']['n']} | {round(r['diff'] * 100):+d} | {r['q']:.2g} |"
            )
        out.append("")
    else:
        out += ["No skill differs significantly between the two roles at this sample size.", ""]
    return out


def _education(c: Mapping[str, Any]) -> list[str]:
    out = []
    for side, role in _roles(c):
        e, x = c["education"][side]["education"], c["education"][side]["experience"]
        out += [f"### {role['name']}", "", _basis_line(e["basis"], role["name"]), ""]
        st = e["stated"]
        out.append(
            f"- A degree is stated in {st['count']} of {st['n']} postings ({pct(st['share'])})."
        )
        for label, key in (
            ("Minimum degree", "degree_min"),
            ("Preferred degree", "degree_preferred"),
        ):
            for it in e[key][:3]:
                out.append(_share_bullet(it, f"{label} {it['label']}"))
        for it in e["fields_of_study"][:4]:
            out.append(_share_bullet(it, f"Field of study {it['label']}"))
        y = x["years_min"]
        if y["n"]:
            out.append(
                f"- Years of experience asked (minimum): median {y['p50']:g}, quartiles "
                f"{y['p25']:g}–{y['p75']:g} (n={y['n']} postings that state it)."
            )
        else:
            out.append("- No posting states years of experience.")
        out.append("")
    return out


def _tools(c: Mapping[str, Any]) -> list[str]:
    out = []
    for side, role in _roles(c):
        t = c["tools"][side]
        out += [f"### {role['name']}", "", _basis_line(t["basis"], role["name"]), ""]
        if not t["by_category"]:
            out.append("- No tools found in the postings.")
        for group, items in t["by_category"].items():
            listed = ", ".join(f"{i['label']} {pct(i['share'])}" for i in items[:6])
            out.append(f"- **{group}** (share of {items[0]['n']} postings): {listed}")
        out.append("")
    return out


def _industries(c: Mapping[str, Any]) -> list[str]:
    out = []
    for side, role in _roles(c):
        ind = c["industries"][side]
        out += [f"### {role['name']}", "", _basis_line(ind["basis"], role["name"]), ""]
        out += [_share_bullet(i) for i in ind["items"][:6]] or ["- No industry recorded."]
        out += [f"- Industry unknown: {ind['unknown']} postings.", ""]
    return out


def _outlook(c: Mapping[str, Any]) -> list[str]:
    out = []
    for side, role in _roles(c):
        o = c["outlook"][side]
        out += [f"### {role['name']}", ""]
        for p in o["bls_projections"]:
            change = p["employment_change_pct"]
            openings = p["openings_per_year"]
            out.append(
                f"- BLS projection for {p['title']} (SOC {p['soc_code']}; {p['scope']}): employment "
                f"change {change:+g}% from {p['base_year']} to {p['projection_year']}"
                + (f", about {openings:,} openings a year" if openings else "")
                + f" ({p['source']}, published {p['published']}; {p['confidence']} figure)."
            )
        for w in o["oews"]:
            out.append(
                f"- BLS OEWS {w['release']} ({w['area']}, all industries), {w['occupation_name']}: "
                f"median annual wage {usd(w['annual_median'])}, employment {w['employment']:,}."
            )
        growth = [g for g in o["survey_growth"] if g["yoy_pct"] is not None]
        for g in growth[-2:]:
            out.append(
                f"- ai-jobs.net survey median {g['year']}: {usd(g['median'])} (n={g['n']}), "
                f"{g['yoy_pct']:+g}% on the year before."
            )
        for g in o["survey_growth"]:
            if g.get("partial"):
                out.append(
                    f"- ai-jobs.net survey median {g['year']}: {usd(g['median'])} (n={g['n']}) — "
                    f"{g['note']}; no growth figure."
                )
        d = o["demand_signal"]
        out.append(
            f"- Postings in our data: {d['postings']}, {months(d['date_range'])}. {d['note']}"
        )
        out += [f"- {n}" for n in o["notes"]]
        out.append("")
    return out


def _tips(c: Mapping[str, Any]) -> list[str]:
    out = []
    for side, role in _roles(c):
        out += [f"### {role['name']}", ""]
        out += [f"- {t['text']}" for t in c["tips"][side]] or ["- No tips: no data."]
        out.append("")
    return out


def _featured(c: Mapping[str, Any]) -> list[str]:
    f = c["featured_jobs"]
    out = [f"*{f['method']}.*", ""]
    if not f["items"]:
        return out + ["No postings for these roles yet.", ""]
    for j in f["items"]:
        parts = [j["company"] or "company not stated", j["location"] or "location not stated"]
        parts += [p for p in (j["employment_type_label"], j["experience_label"]) if p]
        if j["salary_band"]:
            parts.append(f"{j['salary_band']} ({j['salary_source']})")
        parts.append(j.get("date_label") or date_label(j))
        title = f"[{j['title']}]({j['url']})" if j.get("url") else j["title"]
        out.append(f"- **{title}** — {' · '.join(parts)} · id `{j['posting_id']}`")
    return out + [""]


def _salary_cell_line(cell: Mapping[str, Any], name: str, label: str) -> str:
    if cell["suppressed"]:
        return f"- {name}, {label}: {cell['note']}."
    lo, hi = cell["median_ci"]
    return (
        f"- {name}, {label} (n={cell['n']:,}, {months(cell['date_range'])}): median "
        f"{usd(cell['p50'])} (95% CI {usd(lo)}–{usd(hi)}); middle half {usd(cell['p25'])}–"
        f"{usd(cell['p75'])}; p10–p90 {usd(cell['p10'])}–{usd(cell['p90'])}."
    )


def _salaries(c: Mapping[str, Any]) -> list[str]:
    s = c["salaries"]
    labels = {
        "survey": "ai-jobs.net survey",
        "posted": "pay posted",
        "estimate": "job-board estimates",
    }
    out = []
    for side, role in _roles(c):
        stats = s[side]
        for cell in stats["cells"]:
            out.append(_salary_cell_line(cell, role["name"], labels[cell["source"]]))
        sens = stats["sensitivity"]["survey_distinct_only"]
        if sens["p50"] is not None:
            out.append(
                f"  - Survey median with exact repeats dropped: {usd(sens['p50'])} (n={sens['n']:,})."
            )
        out.append(f"- Salary page: [{role['name']} salaries]({s['links'][side]})")
    out += [
        "",
        f"### Difference ({c['b']['name']} minus {c['a']['name']})",
        "",
        f"*{s['method']}.*",
        "",
        "| source | group | n | median | difference (95% CI) |",
        "|---|---|---|---|---|",
    ]
    for r in s["difference"]:
        group = r["group_label"] or "all"
        if r["suppressed"]:
            out.append(
                f"| {labels[r['source']]} | {group} | {r['n_a']} / {r['n_b']} | — | {r['note']} |"
            )
            continue
        out.append(
            f"| {labels[r['source']]} | {group} | {r['n_a']:,} / {r['n_b']:,} | "
            f"{usd(r['median_a'])} / {usd(r['median_b'])} | {usd(r['diff'])} "
            f"({usd(r['ci'][0])} to {usd(r['ci'][1])}) |"
        )
    return out + [""]


def _related(c: Mapping[str, Any]) -> list[str]:
    items = c["related"]["comparisons"]
    if not items:
        return ["No related comparisons.", ""]
    return [
        f"- [{r['title']}](/compare/{r['key']}) — skill similarity {r['similarity']:.2f}"
        for r in items
    ] + [""]


def _plan(p: Mapping[str, Any], names: Mapping[str, str]) -> list[str]:
    src, dst = names[p["from"]], names[p["to"]]
    out = [f"### {src} → {dst}", "", f"*{p['method']}.*", "", "Skills to acquire:", ""]
    for s in p["skills_to_acquire"][:8]:
        out.append(
            f"- {s['label']}: {pct(s['target']['share'])} of {s['target']['n']} {dst} postings vs "
            f"{pct(s['source']['share'])} of {s['source']['n']} {src} postings (score {s['score']:.2f})"
        )
    if not p["skills_to_acquire"]:
        out.append("- none found in the postings")
    if p["skills_to_keep"]:
        keep = ", ".join(
            f"{s['label']} ({pct(s['source']['share'])} of {s['source']['n']} → "
            f"{pct(s['target']['share'])} of {s['target']['n']})"
            for s in p["skills_to_keep"]
        )
        out += ["", f"Skills you keep: {keep}."]
    e = p["experience"]
    if e["median_diff_years"] is not None:
        out += [
            "",
            f"Experience asked: median {e['from']['p50']:g} years (n={e['from']['n']}) for {src}, "
            f"{e['to']['p50']:g} years (n={e['to']['n']}) for {dst}.",
        ]
    d = p["degree"]
    if d["from_usual"] and d["to_usual"]:
        f_, t_ = d["from_usual"], d["to_usual"]
        out += [
            "",
            f"Usual minimum degree: {f_['label']} ({f_['count']} of {f_['n']}) for {src}, "
            f"{t_['label']} ({t_['count']} of {t_['n']}) for {dst}.",
        ]
    sc = p["salary_change"]
    if sc["suppressed"]:
        out += ["", f"Salary change: {sc['note']}."]
    else:
        out += [
            "",
            f"Salary change (survey medians, n={sc['n_a']:,} → n={sc['n_b']:,}): {usd(sc['diff'])} "
            f"(95% CI {usd(sc['ci'][0])} to {usd(sc['ci'][1])}).",
        ]
    if p["bridging_postings"]:
        out += ["", "Postings that bridge both roles:", ""]
        out += [
            f"- {b['title']} — {b['company'] or 'company not stated'} (id `{b['posting_id']}`)"
            for b in p["bridging_postings"]
        ]
    return out + [""]


def _transition(c: Mapping[str, Any]) -> list[str]:
    names = {c["a"]["slug"]: c["a"]["name"], c["b"]["slug"]: c["b"]["name"]}
    return _plan(c["transition"]["a_to_b"], names) + _plan(c["transition"]["b_to_a"], names)


_RENDERERS = {
    "definitions": _definitions,
    "responsibilities": _responsibilities,
    "skills": _skills,
    "education": _education,
    "tools": _tools,
    "industries": _industries,
    "outlook": _outlook,
    "tips": _tips,
    "featured_jobs": _featured,
    "salaries": _salaries,
    "related": _related,
    "transition": _transition,
}


def render_markdown(comparison: Mapping[str, Any]) -> str:
    """The comparison article in Markdown, sections in the order readers expect."""
    body: list[str] = []
    for key, title in SECTIONS:
        body += [f"## {title}", ""] + _RENDERERS[key](comparison)
    words = sum(len(line.split()) for line in body)
    minutes = max(1, math.ceil(words / WORDS_PER_MINUTE))
    head = [
        f"# {comparison['title']}",
        "",
        f"Updated {comparison['updated']} · {minutes} min read",
        "",
    ]
    if comparison["thin"]["note"]:
        head += [f"> {comparison['thin']['note']}", ""]
    if window_note(comparison.get("window")):
        head += [f"*{window_note(comparison.get('window'))} Trends use every posting.*", ""]
    for side in ("a", "b"):
        head += _family_lines((comparison.get("leadership_family") or {}).get(side))
    head += ["**Contents**", ""]
    head += [f"- [{title}](#{_anchor(title)})" for _, title in SECTIONS]
    return "\n".join(head + [""] + body).rstrip() + "\n"


_INLINE = [
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"\*(.+?)\*"), r"<em>\1</em>"),
    (re.compile(r"`(.+?)`"), r"<code>\1</code>"),
    (re.compile(r"\[(.+?)\]\((.+?)\)"), r'<a href="\2">\1</a>'),
]


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text


def render_html(comparison: Mapping[str, Any]) -> str:
    """The same article as a small standalone HTML page (headings, lists, tables, links)."""
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">']
    out.append(f"<title>{html.escape(comparison['title'])}</title></head><body><article>")
    in_list = in_table = False
    for line in render_markdown(comparison).splitlines():
        if in_list and not line.lstrip().startswith("- "):
            out.append("</ul>")
            in_list = False
        if in_table and not line.startswith("|"):
            out.append("</table>")
            in_table = False
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            title = line[level:].strip()
            out.append(f'<h{level} id="{_anchor(title)}">{_inline(title)}</h{level}>')
        elif line.lstrip().startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_inline(line.lstrip()[2:])}</li>")
        elif line.startswith("|"):
            if set(line) <= set("|-"):
                continue
            if not in_table:
                out.append("<table>")
                in_table = True
            cells = [_inline(cell.strip()) for cell in line.strip("|").split("|")]
            out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        elif line.startswith("> "):
            out.append(f"<aside>{_inline(line[2:])}</aside>")
        elif line.strip():
            out.append(f"<p>{_inline(line)}</p>")
    if in_list:
        out.append("</ul>")
    if in_table:
        out.append("</table>")
    out.append("</article></body></html>")
    return "\n".join(out) + "\n"


def _family_lines(family: Mapping[str, Any] | None) -> list[str]:
    """A thin leadership role's pooled family figures, labelled as the family's."""
    if not family:
        return []
    top = ", ".join(f"{it['label']} {pct(it['share'])}" for it in family["skills"]["top"][:6])
    return [f"> {family['note']} Top skills of the family: {top or 'none found'}.", ""]


def render_profile_markdown(profile: Mapping[str, Any]) -> str:
    """A short Markdown summary of one role profile (the CLI's ``roleatlas role``)."""
    name, basis = profile["name"], profile["basis"]["postings"]
    out = [f"# {name}", "", profile["definition"]["text"] or "No definition recorded.", ""]
    if profile["thin"]["note"]:
        out += [f"> {profile['thin']['note']}", ""]
    if window_note(profile.get("window")):
        out += [f"*{window_note(profile.get('window'))}*", ""]
    out += _family_lines(profile.get("leadership_family"))
    out += ["## Skills", "", _basis_line(basis, name), ""]
    out += [_share_bullet(it) for it in profile["skills"]["top"][:10]] or ["- no skills found"]
    if profile["skills"]["distinctive"]:
        listed = ", ".join(
            f"{d['label']} (z {d['z']:g})" for d in profile["skills"]["distinctive"][:8]
        )
        out += ["", f"Distinctive against all postings: {listed}."]
    out += ["", "## Salary", ""]
    labels = {
        "survey": "ai-jobs.net survey",
        "posted": "pay posted",
        "estimate": "job-board estimates",
    }
    for cell in profile["salaries"]["survey"]["cells"]:
        out.append(_salary_cell_line(cell, name, labels[cell["source"]]))
    out += ["", "## Practical tips", ""]
    out += [f"- {t['text']}" for t in profile["tips"]] or ["- No tips: no data."]
    related = profile["related"]["by_skills"][:5]
    if related:
        out += ["", "## Related roles", ""]
        out += [f"- {r['name']} — skill similarity {r['similarity']:.2f}" for r in related]
    return "\n".join(out) + "\n"
