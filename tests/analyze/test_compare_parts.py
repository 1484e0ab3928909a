"""Comparison parts that need no store: salary bands and partial survey years."""

from __future__ import annotations

from roleatlas.analyze import salary_band
from roleatlas.analyze.outlook import partial_years


def test_salary_band() -> None:
    assert salary_band(100_000, 130_000) == "USD 100K - 130K"
    assert salary_band(150_000, None) == "USD 150K+"
    assert salary_band(None, 130_000) == "Up to USD 130K"
    assert salary_band(100_200, 99_900) == "USD 100K"
    assert salary_band(None, None) is None


def test_partial_years() -> None:
    totals = {2023: 8_000, 2024: 62_229, 2025: 1_597}
    partial = partial_years(totals)
    assert set(partial) == {2025}
    assert "2025-01-19" in partial[2025] and "1597" in partial[2025]
    # a small year after a big one is partial even without the snapshot rule
    assert 2021 in partial_years({2020: 1_000, 2021: 100})
