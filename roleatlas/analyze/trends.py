"""Each role over time: postings and the shares of its top skills per half-year, 2018 onwards.

Profiles and comparisons describe the recent window; the trend reads the whole history of
canonical postings, so a reader sees how a role changed (the share of ML-engineer postings that
ask for large language models, say). A posting counts in the half-year of its posting or
listing date, else of its scrape date (an upper bound of when it was posted); postings with no
date are left out. Every point carries its n.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from roleatlas.store import Store

#: skills followed per role: its top hard skills in the recent window
TREND_SKILLS = 4
#: followed for every role that names it at all: the change the recent market is about
WATCHED_SKILLS = ("Large language models",)
#: a half-year with fewer postings than this is shown with its n but no shares
MIN_PERIOD_N = 10

_DAY = "coalesce(f.posted_on, f.scraped_on)"
_PERIOD = f"CAST(year({_DAY}) AS VARCHAR) || CASE WHEN month({_DAY}) <= 6 THEN '-H1' ELSE '-H2' END"


def load_trends(
    store: Store, skills: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, dict[str, Any]]:
    """``{role: {"periods": [{"period", "n", "scraped"}], "skills": {skill: [share|None]}}}``.

    Args:
        store: a store after the build's per-posting pass.
        skills: each role's skill items of the recent window, most frequent first.

    Returns:
        Per role, the half-years from its first dated posting to the newest, in order; a
        skill's list holds its share of that half-year's postings (None below
        :data:`MIN_PERIOD_N` postings). ``scraped`` counts the postings dated by a scrape.
    """
    counts = store.query(
        f"""SELECT f.role, {_PERIOD} AS period, count(*) AS n,
                   count(*) FILTER (WHERE f.posted_on IS NULL) AS scraped
            FROM posting_facts f
            WHERE f.is_canonical AND f.role IS NOT NULL AND {_DAY} IS NOT NULL
            GROUP BY ALL ORDER BY f.role, period"""
    )
    followed = {role: _followed(items) for role, items in skills.items()}
    pairs = {"role": [], "skill": []}
    for role, names in followed.items():
        pairs["role"].extend([role] * len(names))
        pairs["skill"].extend(names)
    mentions: dict[tuple[str, str, str], int] = {}
    if pairs["role"]:
        with store.temp_tables("_ra_trend_skills"):
            store.temp_table("_ra_trend_skills", "role VARCHAR, skill VARCHAR", pairs)
            for r in store.query(
                f"""SELECT f.role, t.skill, {_PERIOD} AS period,
                           count(DISTINCT f.posting_id) AS count
                    FROM posting_facts f
                    JOIN posting_skills s ON s.posting_id = f.posting_id
                    JOIN _ra_trend_skills t ON t.role = f.role AND t.skill = s.skill
                    WHERE f.is_canonical AND {_DAY} IS NOT NULL GROUP BY ALL"""
            ):
                mentions[(r["role"], r["skill"], r["period"])] = int(r["count"])
    by_role: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in counts:
        by_role[r["role"]].append(
            {"period": r["period"], "n": int(r["n"]), "scraped": int(r["scraped"])}
        )
    out: dict[str, dict[str, Any]] = {}
    for role, periods in by_role.items():
        periods = _fill(periods)
        shares = {
            skill: [
                round(mentions.get((role, skill, p["period"]), 0) / p["n"], 4)
                if p["n"] >= MIN_PERIOD_N
                else None
                for p in periods
            ]
            for skill in followed.get(role, [])
        }
        out[role] = {"periods": periods, "skills": shares, "min_n": MIN_PERIOD_N}
    return out


def _followed(items: Sequence[Mapping[str, Any]]) -> list[str]:
    """A role's top skills, then the watched ones it names, each once."""
    names = [i["skill"] for i in items if (i.get("kind") or "hard") == "hard"][:TREND_SKILLS]
    named = {i["skill"] for i in items}
    return list(dict.fromkeys([*names, *(s for s in WATCHED_SKILLS if s in named)]))


def _fill(periods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every half-year from the first to the last, with n = 0 where a role had no postings."""
    have = {p["period"]: p for p in periods}
    first, last = periods[0]["period"], periods[-1]["period"]
    out = []
    year, half = int(first[:4]), int(first[-1])
    while f"{year}-H{half}" <= last:
        key = f"{year}-H{half}"
        out.append(have.get(key, {"period": key, "n": 0, "scraped": 0}))
        year, half = (year, 2) if half == 1 else (year + 1, 1)
    return out
