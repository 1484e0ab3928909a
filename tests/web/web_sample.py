"""A small store shaped like docs/DATA_SHAPES.md, for layout and security tests.

Content tests run on the real built store (``built_db``); this sample exists so a page can be
fed exactly the hostile or missing values a test needs, through the real ingestion functions.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from roleatlas.analyze.run import encode_result
from roleatlas.sources.postings import make_posting
from roleatlas.store import Store, utcnow

ROLES = {"data-analyst": "Data Analyst", "data-scientist": "Data Scientist"}


def share(label: str, count: int, n: int, **extra: Any) -> dict[str, Any]:
    s = count / n
    return {"value": label.lower(), "skill": label.lower(), "label": label, "count": count, "n": n,
            "share": s, "ci": [max(0, s - 0.05), min(1, s + 0.05)], **extra}  # fmt: skip


def basis(n: int) -> dict[str, Any]:
    return {"n": n, "unit": "postings", "date_range": ["2018-07-22", "2023-08-01"],
            "sources": ["glassdoor", "linkedin"], "thin": n < 30}  # fmt: skip


def salary_stats(role: str, by: str | None, groups: list[str]) -> dict[str, Any]:
    cells = []
    for i, g in enumerate(groups or [None]):
        n = 4 if g == "EX" else 120 + 10 * i
        suppressed = n < 10
        base = 90000 + 15000 * i
        cells.append({
            "source": "survey", "group": g, "group_label": g, "n": n, "suppressed": suppressed,
            "note": f"not enough data (n={n})" if suppressed else None,
            **{k: None if suppressed else base + d for k, d in
               (("p10", -30000), ("p25", -15000), ("p50", 0), ("p75", 20000), ("p90", 40000), ("mean", 3000))},
            "median_ci": None if suppressed else [base - 2000, base + 2000], "date_range": ["2020", "2025"],
        })  # fmt: skip
    return {"role": role, "by": by, "currency": "USD", "period": "annual", "min_n": 10,
            "sources": {"survey": {"label": "ai-jobs.net salary survey (CC0)", "records": 500,
                                   "distinct": 300, "date_range": ["2020", "2025"]}},
            "cells": cells, "sensitivity": {}}  # fmt: skip


def profile(slug: str) -> dict[str, Any]:
    name = ROLES[slug]
    skills = [share("Python", 70, 100, category="programming language"),
              share("SQL", 80, 100, category="query language"),
              share("Tableau", 30, 100, category="bi and visualization")]  # fmt: skip
    return {
        "kind": "profile", "slug": slug, "name": name, "built_at": "2025-01-20T10:00:00",
        "basis": {"postings": basis(100), "survey": {**basis(500), "unit": "survey records"}},
        "definition": {"text": f"{name}s <b>work with data</b>.", "source": "RoleAtlas taxonomy"},
        "responsibilities": {"basis": basis(100), "items": [{"statement": "Build dashboards",
                             "count": 30, "n": 100, "share": 0.3, "ci": [0.2, 0.4]}]},
        "skills": {"basis": basis(100), "top": skills, "by_category": {"languages": skills[:2]}},
        "tools": {"basis": basis(100), "by_category": {"bi": skills[2:]}},
        "salaries": {"survey": salary_stats(slug, None, []),
                     "by_experience_level": salary_stats(slug, "experience_level", ["EN", "MI", "SE", "EX"])},
        "tips": [{"id": "top-skills", "text": "Python appears in 70% of 100 postings."}],
    }  # fmt: skip


def comparison() -> dict[str, Any]:
    a, b = profile("data-analyst"), profile("data-scientist")
    return {
        "kind": "comparison", "key": "data-analyst-vs-data-scientist",
        "a": {"slug": "data-analyst", "name": "Data Analyst", "n_postings": 100, "n_survey": 500},
        "b": {"slug": "data-scientist", "name": "Data Scientist", "n_postings": 100, "n_survey": 500},
        "title": "Data Analyst vs. Data Scientist", "updated": "2025-01-20",
        "definitions": {"a": a["definition"], "b": b["definition"]},
        "skills": {"a": {"basis": basis(100), "top": a["skills"]["top"]},
                   "b": {"basis": basis(100), "top": b["skills"]["top"]},
                   "overlap": {"weighted_jaccard": 0.9, "method": "…"}},
        "salaries": {"a": a["salaries"]["survey"], "b": b["salaries"]["survey"]},
        "featured_jobs": {"items": []},
        "transition": {"a_to_b": {"skills_to_acquire": [{"skill": "pytorch", "label": "PyTorch",
                       "target": share("PyTorch", 20, 100), "source": share("PyTorch", 2, 100)}]}},
    }  # fmt: skip


def hostile_posting() -> dict[str, Any]:
    """A posting whose description carries a script, an event handler and a javascript: URL."""
    html = (
        "<p>Great job <script>alert('x')</script> with <b onclick=\"steal()\">Python</b>"
        ' and SQL. <a href="javascript:alert(1)">apply</a> <img src=x onerror=alert(2)></p>'
        "<ul><li>Build dashboards</li></ul>"
    )
    row = make_posting(source="glassdoor", source_file="sample.csv", row=1, raw={},
                       title="Data Analyst <script>alert(3)</script>", company="Acme",
                       location="Austin, TX", description=html, posted_date=date(2022, 3, 1),
                       url="javascript:alert(4)")  # fmt: skip
    return row.values  # type: ignore[union-attr]


def fill(store: Store) -> str:
    """Write the sample results and one hostile posting; return the posting's id."""
    now = utcnow()
    rows = [
        {"kind": "profile", "key": s, "data": json.dumps(profile(s)), "built_at": now}
        for s in ROLES
    ]
    rows.append({"kind": "comparison", "key": "data-analyst-vs-data-scientist",
                 "data": json.dumps(comparison()), "built_at": now})  # fmt: skip
    for s in ROLES:
        p = profile(s)
        salaries = {"role": s, "name": p["name"], "global": p["salaries"]["survey"],
                    "by": {"experience_level": p["salaries"]["by_experience_level"]}}  # fmt: skip
        rows.append({"kind": "salaries", "key": s, "data": json.dumps(salaries), "built_at": now})
    for row in rows:  # stored as the analysis stage stores them
        row["id"] = f"{row['kind']}:{row['key']}"
        row["data"] = encode_result(json.loads(row["data"]))
    store.insert("analysis_results", rows)
    posting = hostile_posting()
    store.insert("postings", [{**posting, "ingested_at": now}])
    store.insert("posting_facts", [{
        "posting_id": posting["id"], "canonical_id": posting["id"], "is_canonical": True,
        "source": "glassdoor", "role": "data-analyst", "seniority": "mid", "experience_level": "MI",
        "country": "US", "remote": "onsite", "employment_type": "full-time",
        "annual_min_usd": 70000.0, "annual_max_usd": 90000.0, "annual_mid_usd": 80000.0,
        "salary_is_estimate": True, "posted_on": date(2022, 3, 1)}])  # fmt: skip
    store.insert("posting_skills", [
        {"posting_id": posting["id"], "skill": "python", "category": "programming language", "required": True},
        {"posting_id": posting["id"], "skill": "sql", "category": "query language", "required": False}])  # fmt: skip
    return posting["id"]
