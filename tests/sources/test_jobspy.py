"""The JobSpy adapter over a recorded export (``scrape_jobs(...).to_csv(...)`` layout)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.jobspy import (
    JobSpyPostings,
    amount,
    salary_text,
    unescape_markdown,
)
from roleatlas.sources.base import Rejected, Row
from roleatlas.sources.registry import get_source

CASES = Path(__file__).parent / "cases"
SOURCE = JobSpyPostings()


@pytest.fixture(scope="module")
def records() -> list[Row | Rejected]:
    return list(SOURCE.read(CASES / "jobspy_sample.csv"))


def by_id(records: list[Row | Rejected]) -> dict[str, dict]:
    return {r.values["external_id"]: r.values for r in records if isinstance(r, Row)}


def test_registered_and_never_auto_discovered() -> None:
    assert get_source("jobspy").name == "jobspy"
    assert SOURCE.find(CASES) == []


def test_one_record_per_row(records: list[Row | Rejected]) -> None:
    assert len(records) == 6
    rejected = [r for r in records if isinstance(r, Rejected)]
    assert [(r.row, r.reason) for r in rejected] == [(4, "no job title")]
    ids = [r.values["id"] for r in records if isinstance(r, Row)]
    assert len(ids) == len(set(ids))


def test_salary_text(records: list[Row | Rejected]) -> None:
    salaries = {k: v["salary_text"] for k, v in by_id(records).items()}
    assert salaries == {
        "in-5f2b9c0e7a13d4e8": "USD 140000-175000 yearly",
        "li-3951234567": None,
        "zr-8c1f0a2b": "USD 45-60.5 hourly",
        "gd-1009876543210": "USD 95000 yearly",
        "in-0a1b2c3d4e5f6a7b": "CAD 105000-125000 yearly",
    }


def test_fields(records: list[Row | Rejected]) -> None:
    rows = by_id(records)
    health = rows["in-5f2b9c0e7a13d4e8"]
    assert health["url"] == "https://www.indeed.com/viewjob?jk=5f2b9c0e7a13d4e8"
    assert health["posted_date"] == date(2024, 6, 3)
    assert health["employment_type"] == "fulltime"
    assert health["industry"] == "Hospitals and Health Care"
    assert health["company_size"] == "10,000+"
    assert health["remote_text"] is None
    assert health["currency_hint"] == "USD"
    assert "5+ years of Python" in health["description"]
    assert "A/B testing - a plus" in health["description"]
    assert "\\" not in health["description"]
    ml = rows["li-3951234567"]
    assert ml["remote_text"] == "Remote"
    assert ml["seniority_text"] == "mid-senior level"
    assert ml["job_functions"] == "Engineering and Information Technology"
    assert "LLM-based ranking models." in ml["description"]
    assert rows["gd-1009876543210"]["company_rating"] == 4.1
    toronto = rows["in-0a1b2c3d4e5f6a7b"]
    assert toronto["currency_hint"] == "CAD"
    assert toronto["description_html"] is not None
    assert "Spark" in toronto["description"] and "<" not in toronto["description"]


def test_missing_columns_raise_one_line() -> None:
    with pytest.raises(SourceError, match="missing column") as error:
        list(SOURCE.read(CASES / "glassdoor_no_title.csv"))
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("100000.0", "100000"), ("60.5", "60.5"), ("", None), ("nan", None), ("inf", None),
     (None, None), ("1,200", "1200"), ("-5", None)],
)  # fmt: skip
def test_amount(value: str | None, expected: str | None) -> None:
    assert amount(value) == expected


@given(
    st.integers(min_value=1, max_value=10**7),
    st.integers(min_value=0, max_value=10**7),
    st.sampled_from(["yearly", "monthly", "weekly", "daily", "hourly"]),
    st.sampled_from(["USD", "EUR", "gbp"]),
)
def test_salary_text_round_trips_the_amounts(low: int, extra: int, interval: str, cur: str) -> None:
    high = low + extra
    text = salary_text(low=f"{low}.0", high=str(high), currency=cur, interval=interval)
    span = f"{low}-{high}" if extra else f"{low}"
    assert text == f"{cur.upper()} {span} {interval}"


@given(st.text(max_size=20), st.text(max_size=20), st.text(max_size=5), st.text(max_size=8))
def test_salary_text_never_crashes(low: str, high: str, currency: str, interval: str) -> None:
    salary_text(low=low, high=high, currency=currency, interval=interval)


@given(st.text(max_size=40))
def test_unescape_markdown_never_grows_text(text: str) -> None:
    assert len(unescape_markdown(text) or "") <= len(text)
