"""Salary insights per role: survey, posted and estimated pay, kept apart and labelled.

Sources, never pooled:

- ``survey`` — the ai-jobs.net salary survey (``survey_facts.salary_in_usd``, base pay converted
  to USD by the publisher).
- ``posted`` — pay an employer stated in a canonical posting (``posting_facts.annual_mid_usd``
  with ``salary_is_estimate = false``).
- ``estimate`` — a job board's estimate shown with a canonical posting (``salary_is_estimate``).

Every cell has n, type-7 percentiles (p10…p90), the mean and a bootstrap 95% interval of the
median; a cell with fewer than ``MIN_N`` values is suppressed ("not enough data (n=…)").

Duplicate rule for the survey: the file has no record ids and about half its rows repeat another
row exactly. A repeat cannot be told apart from two people at the same level, country and company
size reporting the same round salary — and salaries are reported in round numbers, so such
coincidences are expected in a large survey. Dropping repeats would delete real answers; keeping
them may double-count resubmissions. We keep all records (as the publisher's own statistics do)
and report, under ``sensitivity``, the median with exact repeats dropped, so the effect of the
rule is visible next to every figure. Because repeats are not independent people:

- a survey cell's median interval is a **cluster bootstrap over distinct answer patterns**: each
  resample draws the cell's distinct answers with replacement, each carrying all its repeats, so
  ten copies of one answer move together instead of counting as ten independent draws;
- a survey cell is suppressed when it has fewer than ``MIN_N`` **distinct** records (rows that are
  not an exact repeat), whatever its n.

Search bands (``keys.search_band_sql``): a posting's salary string that its file shows for many
distinct employers is the band of the scraper's search, not pay; such postings are left out of
``posted`` and ``estimate`` and counted under ``sources[...]["excluded_search_bands"]``.
"""

from __future__ import annotations

import random
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from roleatlas.analyze.keys import BAND_MIN_EMPLOYERS, FACTS, analysis_facts, window_facts
from roleatlas.analyze.stats import (
    BOOTSTRAP_SEED,
    bootstrap_median_ci,
    bootstrap_medians,
    cluster_bootstrap_medians,
    describe,
    quantile,
)
from roleatlas.exceptions import InputError
from roleatlas.store import Store

MIN_N = 10
BY_OPTIONS = ("seniority", "experience_level", "country", "remote", "company_size", "year")
SOURCE_LABELS = {
    "survey": "ai-jobs.net salary survey (CC0)",
    "posted": "pay stated by the employer in the posting",
    "estimate": "job-board estimate shown with the posting (e.g. Glassdoor est.)",
}
SOURCES = tuple(SOURCE_LABELS)
EXPERIENCE_LABELS = {
    "EN": "Entry-level / Junior",
    "MI": "Mid-level / Intermediate",
    "SE": "Senior-level / Expert",
    "EX": "Executive-level / Director",
}
SENIORITY_LABELS = {
    "intern": "Intern",
    "entry": "Entry-level / Junior",
    "mid": "Mid-level / Intermediate",
    "senior": "Senior-level / Expert",
    "lead": "Lead",
    "manager": "Manager",
    "director": "Director",
    "executive": "Executive",
}
COMPANY_SIZE_LABELS = {"S": "Small (< 50)", "M": "Medium (50–250)", "L": "Large (> 250)"}
DUPLICATE_RULE = "keep all survey records; sensitivity shows the median with exact repeats dropped"
INTERVAL_METHOD = {
    "survey": (
        "cluster bootstrap: 1,000 resamples of the cell's distinct answers, each drawn with all its "
        "exact repeats (repeats are not independent people); cells need "
        f"{MIN_N} distinct records"
    ),
    "posted": "percentile bootstrap of the median, 1,000 resamples of the canonical postings",
    "estimate": "percentile bootstrap of the median, 1,000 resamples of the canonical postings",
}
BAND_NOTE = (
    "{n} postings left out: their salary string is shown for {k} or more different employers in "
    "the same file, so it is the band of the job board's search, not pay stated for the job"
)

_SURVEY_SQL = """
    SELECT role, seniority, experience_level, employee_residence AS country, remote,
           company_size, CAST(work_year AS VARCHAR) AS year, salary_in_usd AS value,
           coalesce(is_duplicate, false) AS is_duplicate,
           hash(role, seniority, experience_level, employment_type, work_year, salary_in_usd,
                employee_residence, company_location, company_size, remote) AS pattern
    FROM survey_facts
    WHERE role IS NOT NULL AND salary_in_usd IS NOT NULL AND salary_in_usd > 0
"""
_POSTING_SQL = f"""
    SELECT role, seniority, experience_level, country, remote, NULL AS company_size,
           CAST(year(posted_on) AS VARCHAR) AS year, annual_mid_usd AS value,
           CASE WHEN salary_is_estimate THEN 'estimate' ELSE 'posted' END AS source,
           CAST(posted_on AS VARCHAR) AS posted_on, search_band
    FROM {FACTS}
    WHERE is_canonical AND role IS NOT NULL AND annual_mid_usd IS NOT NULL AND annual_mid_usd > 0
"""


def group_label(by: str | None, group: str | None) -> str | None:
    """A reader's label for a group value ("SE" -> "Senior-level / Expert")."""
    if group is None:
        return None
    labels: Mapping[str, str] = {
        "experience_level": EXPERIENCE_LABELS,
        "seniority": SENIORITY_LABELS,
        "company_size": COMPANY_SIZE_LABELS,
    }.get(by or "", {})
    return labels.get(group, group.title() if by == "remote" else group)


@dataclass
class SalaryData:
    """All salary values of every role, read once: ``rows[source][role]`` lists of dicts."""

    rows: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    #: ``bands[source][role]``: postings left out because their pay is a search band
    bands: dict[str, dict[str, int]] = field(default_factory=dict)
    cache: dict[tuple[str, str | None, int], dict[str, Any]] = field(default_factory=dict)
    _groups: dict[tuple[Any, ...], dict[str | None, list[dict[str, Any]]]] = field(
        default_factory=dict
    )
    _sorted: dict[tuple[Any, ...], list[float]] = field(default_factory=dict)
    _medians: dict[tuple[Any, ...], list[float]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store, *, months: int | None = None) -> SalaryData:
        """Every salary value; ``months`` as ``keys.analysis_facts`` (default: the config)."""
        data: dict[str, dict[str, list[dict[str, Any]]]] = {s: defaultdict(list) for s in SOURCES}
        bands: dict[str, dict[str, int]] = {s: defaultdict(int) for s in SOURCES}
        if store.table_exists("survey_facts"):
            for r in store.query(_SURVEY_SQL):
                data["survey"][r["role"]].append(r)
        if store.table_exists("posting_facts"):
            if store.read_only:  # no temporary tables: the window's query inline
                inline = window_facts(store, months=months)[0]
                rows = store.query(_POSTING_SQL.replace(FACTS, f"({inline})"))
            else:
                with analysis_facts(store, months=months):
                    rows = store.query(_POSTING_SQL)
            for r in rows:
                if r.pop("search_band"):
                    bands[r["source"]][r["role"]] += 1
                else:
                    data[r["source"]][r["role"]].append(r)
        return cls(rows=data, bands={s: dict(b) for s, b in bands.items()})

    def values(self, source: str, role: str) -> list[dict[str, Any]]:
        return self.rows.get(source, {}).get(role, [])

    def groups(
        self, source: str, role: str, by: str | None
    ) -> dict[str | None, list[dict[str, Any]]]:
        """Rows of one role and source split by ``by`` (one ``None`` group when ``by`` is None)."""
        key = (source, role, by)
        if key not in self._groups:
            groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
            for r in self.values(source, role):
                if by is None:
                    groups[None].append(r)
                elif r.get(by) is not None:
                    groups[str(r[by])].append(r)
            self._groups[key] = dict(groups)
        return self._groups[key]

    def sorted_values(
        self, source: str, role: str, by: str | None, group: str | None
    ) -> list[float]:
        key = (source, role, by, group)
        if key not in self._sorted:
            rows = self.groups(source, role, by).get(group, [])
            self._sorted[key] = sorted(float(r["value"]) for r in rows)
        return self._sorted[key]

    def distinct(self, source: str, role: str, by: str | None, group: str | None) -> int:
        """Records of one cell that are not an exact repeat of another (postings: all)."""
        rows = self.groups(source, role, by).get(group, [])
        return sum(1 for r in rows if not r.get("is_duplicate"))

    def patterns(
        self, source: str, role: str, by: str | None, group: str | None
    ) -> list[tuple[float, int]]:
        """One cell's distinct answer patterns as ``(value, repeats)``, by value then pattern."""
        counts: dict[Any, list[Any]] = {}
        for r in self.groups(source, role, by).get(group, []):
            key = r.get("pattern", id(r))
            if key in counts:
                counts[key][1] += 1
            else:
                counts[key] = [float(r["value"]), 1]
        return sorted(((v, c) for v, c in counts.values()), key=lambda vc: vc[0])

    def medians(self, source: str, role: str, by: str | None, group: str | None) -> list[float]:
        """Bootstrap medians of one cell, drawn once with the cell's own fixed seed.

        Survey cells resample distinct answer patterns with their repeats (a cluster bootstrap);
        posting cells resample postings.
        """
        key = (source, role, by, group)
        if key not in self._medians:
            seed = BOOTSTRAP_SEED + zlib.crc32("|".join(map(str, key)).encode())
            if source == "survey":
                pats = self.patterns(source, role, by, group)
                self._medians[key] = cluster_bootstrap_medians(pats, seed=seed) if pats else []
            else:
                xs = self.sorted_values(source, role, by, group)
                self._medians[key] = bootstrap_medians(xs, rng=random.Random(seed)) if xs else []
        return self._medians[key]


def salary_cell(
    values: Iterable[float],
    *,
    source: str,
    by: str | None = None,
    group: str | None = None,
    date_range: list[str] | None = None,
    min_n: int = MIN_N,
    medians: list[float] | None = None,
    distinct: int | None = None,
) -> dict[str, Any]:
    """One cell: n, percentiles, mean and median interval, or a suppressed cell.

    A cell is suppressed when it has fewer than ``min_n`` values, or (survey) fewer than
    ``min_n`` ``distinct`` records. ``medians`` are the cell's bootstrap medians when already
    drawn; else they are drawn here.
    """
    xs = [float(v) for v in values]
    distinct = len(xs) if distinct is None else distinct
    suppressed = min(len(xs), distinct) < min_n
    if not suppressed:
        note = None
    elif distinct < len(xs):
        note = f"not enough data (n={len(xs)}, only {distinct} distinct answers)"
    else:
        note = f"not enough data (n={len(xs)})"
    cell: dict[str, Any] = {
        "source": source,
        "group": group,
        "group_label": group_label(by, group),
        "n": len(xs),
        "distinct": distinct,
        "suppressed": suppressed,
        "note": note,
    }
    stats = describe(xs)
    for key in ("p10", "p25", "p50", "p75", "p90", "mean"):
        value = stats[key]
        cell[key] = None if cell["suppressed"] or value is None else round(float(value), 1)
    if cell["suppressed"]:
        ci = None
    elif medians:
        meds = sorted(medians)
        ci = (quantile(meds, 0.025), quantile(meds, 0.975))
    else:
        ci = bootstrap_median_ci(xs)
    cell["median_ci"] = [round(ci[0], 1), round(ci[1], 1)] if ci else None
    cell["date_range"] = date_range
    return cell


def _date_range(source: str, rows: list[dict[str, Any]]) -> list[str] | None:
    key = "year" if source == "survey" else "posted_on"
    dates = [r[key] for r in rows if r.get(key)]
    return [min(dates), max(dates)] if dates else None


def salary_stats_from(
    data: SalaryData, role: str, *, by: str | None = None, min_n: int = MIN_N
) -> dict[str, Any]:
    """``salary_stats`` over already loaded values (the analysis stage loads them once)."""
    if by is not None and by not in BY_OPTIONS:
        raise InputError(f"cannot group salaries by {by!r}: choose one of {', '.join(BY_OPTIONS)}")
    key = (role, by, min_n)
    if key not in data.cache:
        data.cache[key] = _salary_stats(data, role, by=by, min_n=min_n)
    return data.cache[key]


def _salary_stats(data: SalaryData, role: str, *, by: str | None, min_n: int) -> dict[str, Any]:
    sources: dict[str, Any] = {}
    cells: list[dict[str, Any]] = []
    for source in SOURCES:
        rows = data.values(source, role)
        info: dict[str, Any] = {
            "label": SOURCE_LABELS[source],
            "records": len(rows),
            "date_range": _date_range(source, rows),
        }
        info["interval_method"] = INTERVAL_METHOD[source]
        if source == "survey":
            info["distinct"] = sum(1 for r in rows if not r["is_duplicate"])
            info["duplicate_rule"] = DUPLICATE_RULE
        else:
            banded = int(data.bands.get(source, {}).get(role, 0))
            info["excluded_search_bands"] = banded
            info["band_note"] = BAND_NOTE.format(n=banded, k=BAND_MIN_EMPLOYERS) if banded else None
        sources[source] = info
        source_cells = []
        for group, group_rows in data.groups(source, role, by).items():
            distinct = data.distinct(source, role, by, group)
            enough = min(len(group_rows), distinct) >= min_n
            source_cells.append(
                salary_cell(
                    data.sorted_values(source, role, by, group),
                    source=source,
                    by=by,
                    group=group,
                    date_range=_date_range(source, group_rows),
                    min_n=min_n,
                    medians=data.medians(source, role, by, group) if enough else None,
                    distinct=distinct,
                )
            )
        if by is None and not source_cells:
            source_cells = [salary_cell([], source=source, min_n=min_n)]
        source_cells.sort(key=lambda c: (-c["n"], str(c["group"])))
        cells.extend(source_cells)
    survey = data.values("survey", role)
    distinct = [r["value"] for r in survey if not r["is_duplicate"]]
    distinct_stats = describe(distinct)
    return {
        "role": role,
        "by": by,
        "currency": "USD",
        "period": "annual",
        "min_n": min_n,
        "sources": sources,
        "cells": cells,
        "sensitivity": {
            "survey_distinct_only": {
                "n": len(distinct),
                "p50": (
                    round(float(distinct_stats["p50"]), 1)
                    if len(distinct) >= min_n and distinct_stats["p50"] is not None
                    else None
                ),
                "note": "median if exact repeats are dropped",
            }
        },
    }


def salary_stats(store: Store, role: str, *, by: str | None = None) -> dict[str, Any]:
    """Salary percentiles of one role from the survey and from postings, labelled by source.

    Args:
        store: an open store with ``survey_facts`` and/or ``posting_facts``.
        role: a role slug.
        by: ``None`` or one of ``BY_OPTIONS`` to split every source into groups.

    Returns:
        The salary stats shape of docs/DATA_SHAPES.md.
    """
    return salary_stats_from(SalaryData.load(store), role, by=by)


def overall_cell(stats: Mapping[str, Any], source: str) -> dict[str, Any] | None:
    """The cell of ``source`` in a ``by=None`` stats object."""
    return next((c for c in stats["cells"] if c["source"] == source), None)
