"""Salary stats on the real ai-jobs.net survey, recomputed directly with pandas."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleatlas.analyze.salaries import MIN_N, salary_cell, salary_stats
from roleatlas.exceptions import InputError


def _frame(path: Path):  # type: ignore[no-untyped-def]
    pd = pytest.importorskip("pandas")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_survey_median_matches_pandas(survey_store, survey_csv: Path) -> None:
    df = _frame(survey_csv)
    ds = df[df.job_title == "Data Scientist"].salary_in_usd.astype(float)
    out = salary_stats(survey_store, "data-scientist")
    cell = next(c for c in out["cells"] if c["source"] == "survey")
    assert cell["n"] == len(ds) == 11669
    assert cell["p50"] == pytest.approx(round(ds.quantile(0.5), 1))
    for name, q in (("p10", 0.1), ("p25", 0.25), ("p75", 0.75), ("p90", 0.9)):
        assert cell[name] == pytest.approx(round(ds.quantile(q), 1))
    assert cell["mean"] == pytest.approx(round(ds.mean(), 1))
    lo, hi = cell["median_ci"]
    assert lo <= cell["p50"] <= hi
    # sensitivity: repeats dropped
    distinct = df.drop_duplicates()
    dsd = distinct[distinct.job_title == "Data Scientist"].salary_in_usd.astype(float)
    sens = out["sensitivity"]["survey_distinct_only"]
    assert sens["n"] == len(dsd)
    assert sens["p50"] == pytest.approx(round(dsd.quantile(0.5), 1))
    assert out["sources"]["survey"]["records"] == len(ds)


def test_by_experience_level_matches_pandas(survey_store, survey_csv: Path) -> None:
    df = _frame(survey_csv)
    ds = df[df.job_title == "Data Analyst"]
    out = salary_stats(survey_store, "data-analyst", by="experience_level")
    cells = {c["group"]: c for c in out["cells"] if c["source"] == "survey"}
    for level, grp in ds.groupby("experience_level"):
        vals = grp.salary_in_usd.astype(float)
        assert cells[level]["n"] == len(vals)
        if len(vals) >= MIN_N:
            assert cells[level]["p50"] == pytest.approx(round(vals.quantile(0.5), 1))
    assert cells["SE"]["group_label"] == "Senior-level / Expert"


def test_small_cells_suppressed(survey_store) -> None:
    out = salary_stats(survey_store, "head-of-data", by="country")
    small = [c for c in out["cells"] if c["n"] < MIN_N]
    assert small, "expected some thin country cells"
    for c in small:
        assert c["suppressed"] is True
        assert c["note"] == f"not enough data (n={c['n']})"
        assert all(c[k] is None for k in ("p10", "p25", "p50", "p75", "p90", "mean", "median_ci"))
    big = [c for c in out["cells"] if c["n"] >= MIN_N]
    assert all(not c["suppressed"] and c["p50"] is not None for c in big)


def test_suppression_boundary() -> None:
    assert salary_cell(range(9), source="survey")["suppressed"] is True
    assert salary_cell(range(10), source="survey")["suppressed"] is False


def test_sources_kept_apart_without_postings(survey_store) -> None:
    out = salary_stats(survey_store, "data-engineer")
    by_source = {c["source"]: c for c in out["cells"]}
    assert set(by_source) == {"survey", "posted", "estimate"}
    assert by_source["posted"]["n"] == 0 and by_source["posted"]["suppressed"]


def test_bad_by(survey_store) -> None:
    with pytest.raises(InputError):
        salary_stats(survey_store, "data-scientist", by="shoe_size")
