"""Audit: recompute published figures from the raw files by an independent route.

Reads the figures a build published (``analysis_results``, decoded here with zlib and json) and
recomputes each from the raw files in the data directory with the standard library (csv,
statistics, sqlite3) and numpy — never the project's own analysis functions. The one input
taken from the store is *which role a survey row was classified as* (``survey_facts.role`` by the
raw row number in ``salary_records``): the classification is an input to the figures, not one of
them. Prints published vs recomputed and whether they match; a difference is expected only
where a documented rule says so (docs/METHODS.md), and the line says which rule.

    .venv/bin/python benchmarks/audit_figures.py --db /tmp/real2.duckdb [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sqlite3
import statistics
import sys
import zlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from roleatlas.store import Store


class _Rows:
    """``fetchone``/``fetchall`` over ``Store.query`` rows (values in column order)."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = [tuple(r.values()) for r in rows]

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self.rows


class _Con:
    def __init__(self, store: Store) -> None:
        self.store = store

    def execute(self, sql: str, params: list[Any] | None = None) -> _Rows:
        return _Rows(self.store.query(sql, params))


BAND_EMPLOYERS = 10  # docs/METHODS.md, "Search bands"
MIN_DISTINCT = 10  # docs/METHODS.md, "Suppression"


def published(con: _Con, kind: str, key: str) -> Any:
    row = con.execute(
        "SELECT data FROM analysis_results WHERE id = ?", [f"{kind}:{key}"]
    ).fetchone()
    if row is None:
        raise SystemExit(f"no {kind}:{key} in the store: build it first")
    raw = row[0]
    return json.loads(zlib.decompress(raw) if isinstance(raw, bytes | bytearray) else raw)


def cell(stats: dict[str, Any], source: str, group: str | None = None) -> dict[str, Any]:
    return next(c for c in stats["cells"] if c["source"] == source and c["group"] == group)


def survey(con: _Con, data: Path) -> list[dict[str, Any]]:
    """The raw survey rows with the role each was classified as (rows the store kept)."""
    role_of = dict(
        con.execute(
            """SELECT r.source_row, f.role FROM salary_records r
               JOIN survey_facts f ON f.record_id = r.id"""
        ).fetchall()
    )
    out = []
    with (data / "ai-jobs-net" / "salaries.csv").open(newline="", encoding="utf-8") as fh:
        for i, rec in enumerate(csv.DictReader(fh)):
            if i in role_of and role_of[i] and float(rec["salary_in_usd"]) > 0:
                out.append({**rec, "role": role_of[i], "usd": float(rec["salary_in_usd"])})
    return out


def distinct_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """First occurrence of every exact raw row (all eleven columns equal)."""
    seen, out = set(), []
    for r in rows:
        key = tuple(r[k] for k in r if k not in ("role", "usd"))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def cluster_ci(
    rows: list[dict[str, Any]], resamples: int = 2000, seed: int = 7
) -> tuple[float, float]:
    """Cluster bootstrap of the median by plain resampling (another seed, expanded samples)."""
    groups: dict[tuple[str, ...], list[float]] = defaultdict(list)
    for r in rows:
        groups[tuple(r[k] for k in r if k not in ("role", "usd"))].append(r["usd"])
    clusters = list(groups.values())
    rng = np.random.default_rng(seed)
    meds = []
    for _ in range(resamples):
        pick = rng.integers(0, len(clusters), len(clusters))
        meds.append(float(np.median(np.concatenate([clusters[i] for i in pick]))))
    return float(np.quantile(meds, 0.025)), float(np.quantile(meds, 0.975))


def glassdoor_bands(data: Path) -> tuple[int, int]:
    """Band strings (one string on ``BAND_EMPLOYERS``+ employers in a file) and their rows."""
    strings = rows = 0
    for path in sorted(data.glob("glassdoor-*/*.csv")):
        by_string: dict[str, set[str]] = defaultdict(set)
        count: Counter[str] = Counter()
        with path.open(newline="", encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                s = rec.get("Salary Estimate") or rec.get("salary estimate")
                company = rec.get("Company Name") or rec.get("company") or ""
                company = re.sub(r"[^a-z0-9]+", "", company.split("\n")[0].strip().lower())
                if not s or s.strip() in ("-1", "") or not company:
                    continue
                by_string[s].add(company)
                count[s] += 1
        for s, companies in by_string.items():
            if len(companies) >= BAND_EMPLOYERS:
                strings += 1
                rows += count[s]
    return strings, rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    args = ap.parse_args(argv)
    con = _Con(Store(args.db, read_only=True))
    data = args.data
    lines: list[tuple[str, Any, Any, str]] = []

    def check(name: str, pub: Any, rec: Any, why: str = "", tol: float = 0.0) -> None:
        if isinstance(pub, int | float) and isinstance(rec, int | float):
            ok = math.isclose(pub, rec, rel_tol=tol, abs_tol=0.051)
        else:
            ok = pub == rec
        lines.append((name, pub, rec, "match" if ok else f"differs: {why or 'UNEXPLAINED'}"))

    rows = survey(con, data)
    by_role: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_role[r["role"]].append(r)

    for role in ("data-scientist", "data-analyst", "machine-learning-engineer"):
        g = published(con, "salaries", role)["global"]
        c = cell(g, "survey")
        xs = [r["usd"] for r in by_role[role]]
        check(f"{role} survey records (n)", c["n"], len(xs))
        check(f"{role} survey distinct records", c["distinct"], len(distinct_rows(by_role[role])))
        check(f"{role} survey median", c["p50"], statistics.median(xs))
    mle = by_role["machine-learning-engineer"]
    pub = published(con, "salaries", "machine-learning-engineer")["global"]
    check(
        "machine-learning-engineer survey median, exact repeats dropped",
        pub["sensitivity"]["survey_distinct_only"]["p50"],
        statistics.median(r["usd"] for r in distinct_rows(mle)),
    )
    lo, hi = cell(pub, "survey")["median_ci"]
    rlo, rhi = cluster_ci(mle)
    check("machine-learning-engineer survey median 95% CI low", lo, rlo,
          "bootstrap noise (another seed and resample count)", tol=0.02)  # fmt: skip
    check("machine-learning-engineer survey median 95% CI high", hi, rhi,
          "bootstrap noise (another seed and resample count)", tol=0.02)  # fmt: skip

    ds = published(con, "salaries", "data-scientist")["by"]
    se = [r["usd"] for r in by_role["data-scientist"] if r["experience_level"] == "SE"]
    check(
        "data-scientist survey median, senior (SE)",
        cell(ds["experience_level"], "survey", "SE")["p50"],
        statistics.median(se),
    )
    y24 = [r["usd"] for r in mle if r["work_year"] == "2024"]
    mby = published(con, "salaries", "machine-learning-engineer")["by"]
    check(
        "machine-learning-engineer survey median, 2024",
        cell(mby["year"], "survey", "2024")["p50"],
        statistics.median(y24),
    )

    da_fi = [r for r in by_role["data-analyst"] if r["employee_residence"] == "FI"]
    fi = cell(published(con, "salaries", "data-analyst")["by"]["country"], "survey", "FI")
    check("data-analyst Finland survey records", fi["n"], len(da_fi))
    check("data-analyst Finland distinct answers", fi["distinct"], len(distinct_rows(da_fi)))
    check(
        "data-analyst Finland suppressed (distinct < 10)",
        fi["suppressed"],
        len(distinct_rows(da_fi)) < MIN_DISTINCT,
    )

    thin_cells = 0
    shown_thin = 0
    for role, rs in by_role.items():
        by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rs:
            by_country[r["employee_residence"]].append(r)
        try:
            page = published(con, "salaries", role)["by"]["country"]
        except SystemExit:
            continue
        for country, crs in by_country.items():
            if len(crs) >= 10 and len(distinct_rows(crs)) < MIN_DISTINCT:
                thin_cells += 1
                shown_thin += not cell(page, "survey", country)["suppressed"]
    check("role × country survey cells with n ≥ 10 but < 10 distinct answers, shown", shown_thin, 0)
    lines.append(
        ("  (such cells suppressed by the distinct-records rule)", "-", thin_cells, "info")
    )

    dsp = published(con, "profile", "data-scientist")
    years = Counter(r["work_year"] for r in by_role["data-scientist"])
    sby = {str(y["year"]): y["records"] for y in dsp["demand"]["survey_by_year"]}
    check("data-scientist survey records in 2024", sby.get("2024"), years["2024"])

    oews = sqlite3.connect(f"file:{data / 'bls-oews' / 'oews-2025.sqlite'}?mode=ro", uri=True)
    v13, v01 = oews.execute(
        "SELECT v13, v01 FROM cell WHERE key = 'OEUN0000000000000152051'"
    ).fetchone()
    head = dsp["outlook"]["headline_oews"]
    check(
        "Data Scientists (15-2051) OEWS annual median",
        head["annual_median"],
        round(float(v13.replace(",", ""))),
    )
    check(
        "Data Scientists (15-2051) OEWS employment",
        head["employment"],
        round(float(v01.replace(",", ""))),
    )

    zones = {}
    with (data / "onet-29.3" / "Job Zones.txt").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            zones[rec["O*NET-SOC Code"]] = int(rec["Job Zone"])
    check(
        "data-scientist O*NET job zone (15-2051.00)",
        dsp["education"]["job_zone"]["job_zone"],
        zones["15-2051.00"],
    )
    da = published(con, "profile", "data-analyst")
    first = next((p["education"]["onet"][0] for p in (dsp, da) if p["education"]["onet"]), None)
    if first:
        edu = {}
        path = data / "onet-29.3" / "Education, Training, and Experience.txt"
        with path.open(encoding="utf-8") as fh:
            for rec in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if rec["O*NET-SOC Code"] == first["code"] and rec["Scale ID"] == "RL":
                    edu[rec["Category"]] = float(rec["Data Value"])
        check(
            f"O*NET share at the top education level ({first['code']})",
            first["share"],
            round(max(edu.values()) / 100, 4),
        )
    check(
        "data-analyst headline outlook occupation (its primary SOC)",
        da["outlook"]["headline"]["soc_code"],
        "15-2051",
    )

    strings, band_rows = glassdoor_bands(data)
    rule = con.execute(
        f"""SELECT count(*), sum(n) FROM (SELECT p.source_file, p.salary_text, count(*) AS n
            FROM postings p WHERE p.source = 'glassdoor' AND p.salary_text IS NOT NULL
              AND p.company IS NOT NULL GROUP BY ALL
            HAVING count(DISTINCT regexp_replace(lower(p.company), '[^a-z0-9]+', '', 'g'))
                   >= {BAND_EMPLOYERS})"""
    ).fetchone()
    check("Glassdoor search-band strings (raw files vs the store's rule)", int(rule[0]), strings)
    check("Glassdoor rows carrying a search band", int(rule[1] or 0), band_rows,
          "rows the ingest refused or held out of the store", tol=0.05)  # fmt: skip

    # the data-analyst posted median over the whole history, with and without the bands
    facts = con.execute(
        """SELECT f.annual_mid_usd, p.source_file, p.salary_text, f.salary_origin
           FROM posting_facts f JOIN postings p ON p.id = f.posting_id
           WHERE f.is_canonical AND f.role = 'data-analyst' AND f.annual_mid_usd > 0
             AND NOT coalesce(f.salary_is_estimate, false)"""
    ).fetchall()
    band_keys = set(
        con.execute(
            f"""SELECT source_file, salary_text FROM postings WHERE salary_text IS NOT NULL
                AND company IS NOT NULL GROUP BY ALL HAVING count(DISTINCT
                regexp_replace(lower(company), '[^a-z0-9]+', '', 'g')) >= {BAND_EMPLOYERS}"""
        ).fetchall()
    )
    with_bands = [v for v, *_ in facts]
    without = [v for v, f, s, o in facts if not (o == "field" and (f, s) in band_keys)]
    lines.append(
        (
            "data-analyst posted median, whole history, bands kept (before)",
            "-",
            round(statistics.median(with_bands), 1),
            f"info (n={len(with_bands)})",
        )
    )
    lines.append(
        (
            "data-analyst posted median, whole history, bands left out (rule)",
            "-",
            round(statistics.median(without), 1),
            f"info (n={len(without)})",
        )
    )
    window = published(con, "salaries", "data-analyst")["global"]
    lines.append(
        (
            "data-analyst posted median as published (recent window)",
            cell(window, "posted")["p50"],
            "-",
            "info (window of docs/METHODS.md)",
        )
    )

    width = max(len(n) for n, *_ in lines)
    print(f"{'figure'.ljust(width)}  {'published':>14}  {'recomputed':>14}  result")
    bad = 0
    for name, pub_v, rec_v, result in lines:
        fmt = lambda v: f"{v:,.1f}" if isinstance(v, float) else str(v)  # noqa: E731
        print(f"{name.ljust(width)}  {fmt(pub_v):>14}  {fmt(rec_v):>14}  {result}")
        bad += "UNEXPLAINED" in result
    audited = sum(1 for *_, r in lines if r != "info" and not r.startswith("info"))
    print(f"\n{audited} figures audited; {bad} unexplained differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
