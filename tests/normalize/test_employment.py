"""detect_employment_type from raw fields, titles and descriptions."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roleatlas.config import data_dir
from roleatlas.normalize.employment import EMPLOYMENT_TYPES, detect_employment_type

RAW = [
    ("Full-time", "full-time"),
    ("Part-time", "part-time"),
    ("Contract", "contract"),
    ("Temporary", "temporary"),
    ("Internship", "internship"),
    ("FT", "full-time"),
    ("PT", "part-time"),
    ("CT", "contract"),
    ("FL", "contract"),
    ("fulltime", "full-time"),
    ("parttime", "part-time"),
    ("Volunteer", None),
    ("", None),
]


@pytest.mark.parametrize(("raw", "expected"), RAW)
def test_raw_field(raw, expected):
    assert detect_employment_type(raw=raw) == expected


TITLES = [
    ("Data Analyst Intern", "internship"),
    ("Summer Internship - Data Science", "internship"),
    ("Data Engineer (Contract)", "contract"),
    ("Sr Data Engineer - C2C", "contract"),
    ("Data Analyst - W2 only", "contract"),
    ("Temp Data Entry Clerk", "temporary"),
    ("Internal Audit Data Analyst", None),
    ("International Data Scientist", None),
]


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_title(title, expected):
    assert detect_employment_type(title=title) == expected


def test_description_label_and_precedence():
    text = "Great team.\nJob Types: Full-time, Contract\nSalary: $20.00 /hour"
    assert detect_employment_type(description=text) == "full-time"
    assert detect_employment_type(description="Job Type: Contract\nSalary") == "contract"
    assert detect_employment_type(description="This is a 6 month contract.") == "contract"
    assert detect_employment_type(raw="Full-time", title="Data Intern") == "full-time"
    assert detect_employment_type(raw="", title="Data Intern") == "internship"
    assert detect_employment_type() is None


def test_linkedin_raw_values():
    root = data_dir()
    path = root / "linkedin-ca-2018-linpingyu" / "DataAnalyst.csv"
    if not path.exists():
        pytest.skip("shared data not available")
    with path.open(newline="", encoding="utf-8") as fh:
        values = Counter(row["employment_type"] for row in csv.DictReader(fh))
    for value in values:
        got = detect_employment_type(raw=value)
        assert got in (*EMPLOYMENT_TYPES, None)
        if value in ("Full-time", "Contract", "Part-time", "Temporary", "Internship"):
            assert got == value.lower()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.text(max_size=200))
def test_never_crashes(raw, title, description):
    assert detect_employment_type(raw=raw, title=title, description=description) in (
        *EMPLOYMENT_TYPES,
        None,
    )
