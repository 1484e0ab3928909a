"""The SQL paths of the analysis (themes, featured jobs, bridging postings, years) give what a
plain Python pass over every posting gives, on the real built store.

The references below are the per-posting loops the analysis ran before it moved to SQL; if a
query drifts from them (a tie order, a filter, a count), these tests say where.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from roleatlas.analyze.aggregates import load_roles
from roleatlas.analyze.duty_counts import load_responsibilities
from roleatlas.analyze.jobs import (
    FEATURED_MIN_CONFIDENCE,
    featured_score,
    load_bridging,
    load_featured,
)
from roleatlas.analyze.keys import posting_keys, window_facts
from roleatlas.analyze.responsibilities import role_responsibilities
from roleatlas.analyze.stats import describe, describe_counts
from roleatlas.store import Store

_CANON = "f.is_canonical AND f.role IS NOT NULL"


@pytest.fixture(scope="module")
def sql_store(built_db: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A writable copy of the built session store (the SQL paths make temporary tables)."""
    path = tmp_path_factory.mktemp("sqlpaths") / "s.duckdb"
    shutil.copy(built_db, path)
    with Store(path) as s:
        yield s


@pytest.fixture(scope="module")
def postings(sql_store: Store) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in sql_store.query(
        f"""SELECT f.role, f.posting_id, p.title, p.company, p.location, f.employment_type,
               f.seniority, f.experience_level, f.role_confidence, f.annual_min_usd,
               f.annual_max_usd, f.salary_is_estimate, CAST(f.posted_on AS VARCHAR) AS posted_on
            FROM ({window_facts(sql_store)[0]}) f JOIN postings p ON p.id = f.posting_id
            WHERE {_CANON}"""
    ):
        out[r["role"]].append(r)
    return out


def test_themes_match_the_python_reference(sql_store: Store) -> None:
    roles = list(load_roles())
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in sql_store.query(
        f"""SELECT f.role, r.posting_id, r.statement, p.company,
               CAST(f.posted_on AS VARCHAR) AS posted_on
            FROM posting_responsibilities r
            JOIN ({window_facts(sql_store)[0]}) f ON f.posting_id = r.posting_id
            JOIN postings p ON p.id = f.posting_id WHERE {_CANON}
            ORDER BY r.posting_id, r.position"""
    ):
        rows[r["role"]].append(r)
    tasks = {
        slug: sql_store.query(
            "SELECT code, task_id, task, task_type FROM onet_tasks WHERE code IN "
            "(SELECT unnest(?)) ORDER BY code, task_type, incumbents_responding DESC NULLS LAST, "
            "task_id",
            [list(role.onet_codes)],
        )
        for slug, role in load_roles().items()
    }
    found = load_responsibilities(sql_store, roles, tasks, min_companies=2, min_share=0.01)
    assert sum(len(found[r]["items"]) for r in roles) > 0
    for role in roles:
        ref = role_responsibilities(
            rows[role],
            tasks=tasks[role],
            recency={r["posting_id"]: r["posted_on"] for r in rows[role]},
            min_companies=2,
            min_share=0.01,
        )
        assert found[role] == ref, role


def _featured_reference(
    postings: list[dict[str, Any]], dates: tuple[str, str] | None
) -> list[tuple[float, str]]:
    scored = []
    for p in postings:
        if (p["role_confidence"] or 0.0) < FEATURED_MIN_CONFIDENCE:
            continue
        bounds = [v for v in (p["annual_min_usd"], p["annual_max_usd"]) if v is not None]
        shown = bool(bounds) and all(20_000 <= v <= 1_000_000 for v in bounds)
        pay = ("estimate" if p["salary_is_estimate"] else "posted") if shown else None
        level = {"EN", "MI", "SE", "EX"} & {p["experience_level"]} or p["seniority"] in {
            "intern", "entry", "mid", "senior", "lead", "manager", "director", "executive"
        }  # fmt: skip
        complete = all((p["title"], p["company"], p["location"], p["employment_type"], level))
        score = featured_score(
            p["posted_on"], dates=dates, pay=pay, confidence=p["role_confidence"],
            complete=complete,
        )  # fmt: skip
        scored.append((score, p["posting_id"], (p["company"] or p["posting_id"]).casefold()))
    scored.sort(key=lambda s: (-s[0], s[1]))
    seen, out = set(), []
    for score, pid, company in scored:
        if company not in seen:
            seen.add(company)
            out.append((score, pid))
    return out[:6]


def test_featured_jobs_match_the_python_reference(
    sql_store: Store, postings: dict[str, list[dict[str, Any]]]
) -> None:
    roles = list(load_roles())
    dated = [p["posted_on"] for ps in postings.values() for p in ps if p["posted_on"]]
    dates = (min(dated), max(dated))
    found = load_featured(sql_store, roles, dates=dates)
    assert any(found.values())
    for role in roles:
        got = [(score, p["posting_id"]) for score, p in found.get(role, [])]
        assert got == _featured_reference(postings.get(role, []), dates), role


def test_bridging_matches_the_python_reference(
    sql_store: Store, postings: dict[str, list[dict[str, Any]]]
) -> None:
    skills: dict[str, set[str]] = defaultdict(set)
    for r in sql_store.query("SELECT posting_id, skill FROM posting_skills"):
        skills[r["posting_id"]].add(r["skill"])
    top = {
        role: [
            r["skill"]
            for r in sql_store.query(
                f"""SELECT s.skill, count(DISTINCT s.posting_id) AS n FROM posting_skills s
                    JOIN ({window_facts(sql_store)[0]}) f ON f.posting_id = s.posting_id
                    WHERE {_CANON} AND f.role = ? GROUP BY s.skill ORDER BY n DESC, s.skill
                    LIMIT 20""",
                [role],
            )
        ]
        for role in load_roles()
    }
    found = load_bridging(sql_store, top)
    pairs = [(a, b) for a in top for b in top if a < b][:120]
    assert any(found.get(pair) for pair in pairs)
    for a, b in pairs:
        cands = []
        for role in (a, b):
            for p in postings.get(role, []):
                have = skills.get(p["posting_id"], set())
                ca, cb = len(have & set(top[a])), len(have & set(top[b]))
                if ca and cb:
                    cands.append((-min(ca, cb), -(ca + cb), p["posting_id"], role, ca, cb))
        ref = [(pid, role, ca, cb) for _, _, pid, role, ca, cb in sorted(cands)[:5]]
        got = [
            (r["posting_id"], r["role"], r["skills_a"], r["skills_b"])
            for r in found.get((a, b), [])
        ]
        assert got == ref, (a, b)


def test_years_from_counts_match_describe(sql_store: Store) -> None:
    rows = sql_store.query(
        f"SELECT f.role, f.years_min FROM ({window_facts(sql_store)[0]}) f "
        f"WHERE {_CANON} AND f.years_min IS NOT NULL"
    )
    by_role: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        by_role[r["role"]].append(r["years_min"])
    assert by_role
    for values in by_role.values():
        counts: dict[float, int] = defaultdict(int)
        for v in values:
            counts[v] += 1
        assert describe_counts(counts.items()) == describe(values)
    assert describe_counts([(0.5, 3), (0.1, 2)]) == describe([0.5, 0.5, 0.1, 0.5, 0.1])
    assert describe_counts([]) == describe([])


def test_posting_keys_are_dropped_after_use(sql_store: Store) -> None:
    with posting_keys(sql_store) as table:
        window = window_facts(sql_store)[1]
        # the leadership family's postings are also keyed under the family: count each once
        assert (
            sql_store.scalar(f"SELECT count(DISTINCT posting_id) FROM {table}")
            == window["postings"]
        )
        assert window["postings"] + window["older"] + window["undated"] == sql_store.count(
            "posting_facts", "is_canonical"
        )
    for name in (table, "_ra_facts"):
        assert not sql_store.query("SELECT 1 FROM duckdb_tables() WHERE table_name = ?", [name])
