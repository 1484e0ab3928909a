"""Outlook: official projections and wages for a role's SOC codes, beside our own signals.

BLS projections come from ``data/bls_projections.yaml`` (typed in from the Occupational Outlook
Handbook, each value marked with its provenance); OEWS national wages come from the store
(``oews_wages``, cross-industry ``000000``, national ``N``) with their release named.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from roleatlas.analyze.aggregates import Aggregates, RoleInfo, soc

#: date of the ai-jobs.net snapshot in the store (commit 9c22587, data/SOURCES.md §5)
SURVEY_SNAPSHOT = "2025-01-19"
#: a year with fewer records than this share of the year before is treated as partial
PARTIAL_RATIO = 0.25


@lru_cache(maxsize=1)
def bls_projections() -> dict[str, Any]:
    """The bundled BLS Employment Projections table (see the YAML header for provenance)."""
    text = (
        resources.files("roleatlas.analyze")
        .joinpath("data/bls_projections.yaml")
        .read_text("utf-8")
    )
    return yaml.safe_load(text)


def partial_years(totals: dict[int, int]) -> dict[int, str]:
    """Survey years that are not complete, with the reason: ``{year: note}``.

    A year is partial when the survey snapshot was taken before it ended (``SURVEY_SNAPSHOT``,
    data/SOURCES.md), or when it has fewer than ``PARTIAL_RATIO`` of the previous year's records.
    """
    out: dict[int, str] = {}
    snapshot_year = int(SURVEY_SNAPSHOT[:4])
    for year, records in sorted(totals.items()):
        before = totals.get(year - 1)
        reasons = []
        if year == snapshot_year and SURVEY_SNAPSHOT[5:] != "12-31":
            reasons.append(f"survey snapshot taken {SURVEY_SNAPSHOT}")
        if before and records < PARTIAL_RATIO * before:
            reasons.append(f"{records} survey records against {before} in {year - 1}")
        if year > snapshot_year:
            reasons.append(f"after the survey snapshot of {SURVEY_SNAPSHOT}")
        if reasons:
            out[year] = "partial year (" + "; ".join(reasons) + ")"
    return out


def outlook_section(
    agg: Aggregates, role: RoleInfo, *, salary_by_year: dict[str, Any]
) -> dict[str, Any]:
    """The profile's ``outlook``: BLS projections, OEWS wages, survey growth, demand signal."""
    table = bls_projections()
    socs = sorted({soc(c) for c in role.onet_codes})
    primary = soc(role.onet_codes[0]) if role.onet_codes else None
    socs = ([primary] if primary else []) + [c for c in socs if c != primary]
    occupations = agg.onet.get("occupations", {})
    projections, notes = [], []
    for code in socs:
        entry = table["occupations"].get(code)
        if entry:
            projections.append(
                {
                    "headline": code == primary,
                    "label": _label(role, code, entry["title"], primary, occupations),
                    "soc_code": code,
                    "title": entry["title"],
                    "scope": entry["ooh_scope"],
                    "base_year": table["base_year"],
                    "projection_year": table["projection_year"],
                    "employment_base": entry.get("employment_base"),
                    "employment_change_pct": entry.get("employment_change_pct"),
                    "openings_per_year": entry.get("openings_per_year"),
                    "source": table["publication"],
                    "published": table["published"],
                    "confidence": entry.get("confidence"),
                }
            )
        else:
            reason = table.get("no_projection", {}).get(code, "no projection recorded")
            notes.append(f"No official projection quoted for SOC {code}: {reason}.")
    if not socs:
        notes.append(f"{role.name} maps to no SOC occupation, so no official series exists for it.")
    oews = []
    for code in socs:
        w = agg.onet.get("oews", {}).get(code)
        if w:
            oews.append(
                {
                    "headline": code == primary,
                    "label": _label(role, code, w["occupation_name"], primary, occupations),
                    "soc_code": code,
                    "occupation_name": w["occupation_name"],
                    "area": "U.S.",
                    **{
                        k: (round(w[k]) if w[k] is not None else None)
                        for k in (
                            "employment",
                            "annual_median",
                            "annual_mean",
                            "annual_p10",
                            "annual_p25",
                            "annual_p75",
                            "annual_p90",
                        )
                    },
                    "top_coded": bool(w["top_coded"]),
                    "release": w["release"],
                    "data_year": w["data_year"],
                }
            )
    growth = []
    survey_cells = sorted(
        (c for c in salary_by_year["cells"] if c["source"] == "survey" and not c["suppressed"]),
        key=lambda c: c["group"],
    )
    partial = partial_years(agg.survey_year_totals)
    previous = None
    for c in survey_cells:
        year = int(c["group"])
        yoy = None
        if (
            previous is not None
            and year == int(previous["group"]) + 1
            and year not in partial
            and int(previous["group"]) not in partial
        ):
            yoy = round((c["p50"] / previous["p50"] - 1) * 100, 1)
        growth.append(
            {
                "year": year,
                "n": c["n"],
                "median": c["p50"],
                "yoy_pct": yoy,
                "partial": year in partial,
                "note": partial.get(year),
            }
        )
        previous = c
    basis = agg.basis.get(role.slug) or {"n": 0, "date_range": None, "sources": []}
    headline = next((p for p in projections if p["headline"]), None)
    return {
        "headline": headline,
        "headline_oews": next((w for w in oews if w["headline"]), None),
        "mapping": (
            f"One headline figure per role: the official occupation of the role's primary O*NET "
            f"code in the RoleAtlas taxonomy ({role.onet_codes[0]}); other mapped occupations are "
            "shown as related occupations, never as the role's own outlook."
            if role.onet_codes
            else None
        ),
        "bls_projections": projections,
        "oews": oews,
        "survey_growth": growth,
        "demand_signal": {
            "postings": basis["n"],
            "date_range": basis["date_range"],
            "sources": basis["sources"],
            "note": (
                "Count of canonical postings in the bundled job-board snapshots; these were "
                "scraped by searches for particular titles, so they show what was collected, "
                "not the market's size."
            ),
        },
        "notes": notes,
    }


def _own(role_name: str, title: str) -> bool:
    """Whether an official occupation title names the role itself ("Data Scientists")."""
    return title.casefold().rstrip("s") == role_name.casefold().rstrip("s")


def _label(
    role: RoleInfo, code: str, title: str, primary: str | None, occupations: dict[str, Any]
) -> str:
    """Which official occupation a figure belongs to, and why it is shown for the role."""
    if code != primary:
        return (
            f"Related occupation: {title} (SOC {code}), also mapped to {role.name} in the "
            f"taxonomy; not {role.name}'s own outlook."
        )
    if _own(role.name, title):
        return f"{title} (SOC {code}): the official occupation of {role.name}."
    onet = role.onet_codes[0]
    onet_title = (occupations.get(onet) or {}).get("title") or onet
    return (
        f"{title} (SOC {code}), not {role.name} alone: the official statistics have no "
        f"{role.name} occupation; SOC {code} holds {role.name}'s primary O*NET occupation "
        f"({onet} {onet_title}) in the RoleAtlas taxonomy, so it is the closest official figure."
    )
