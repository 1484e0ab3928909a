"""The Indeed adapter over both real exports; relative posting ages."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
import real_files
from hypothesis import given
from hypothesis import strategies as st
from real_files import real

from roleatlas.config import data_dir
from roleatlas.sources.adapters.indeed import IndeedPostings, card_header, posted_age
from roleatlas.sources.base import Rejected, Row
from roleatlas.sources.registry import get_source

DA = "indeed-ca-2018-linpingyu/cal_da_500.csv"
DS = "indeed-ca-2018-linpingyu/cal_ds_500.csv"
FILES = [DA, DS]
SOURCE = IndeedPostings()
SCRAPED = date(2018, 7, 22)


def records(name: str) -> list[Row | Rejected]:
    return real_files.records("indeed", name)


def raw_rows(name: str) -> dict:
    return real_files.raw_rows(name, int)


def rows(name: str) -> list[Row]:
    return [r for r in records(name) if isinstance(r, Row)]


def test_registered_and_finds_both_files() -> None:
    assert get_source("indeed") is not None
    if not data_dir().is_dir():
        pytest.skip("no data directory")
    found = {p.relative_to(data_dir()).as_posix() for p in SOURCE.find(data_dir())}
    assert found == set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_every_row_becomes_one_record(name: str) -> None:
    with real(name).open(newline="", encoding="utf-8") as handle:
        data_rows = sum(1 for _ in csv.reader(handle)) - 1
    assert len(records(name)) == data_rows
    assert all(r.values["title"] for r in rows(name))
    ids = [r.values["id"] for r in rows(name)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", FILES)
def test_posted_text_and_date(name: str) -> None:
    raw = raw_rows(name)
    seen = set()
    for r in rows(name):
        v, cells = r.values, raw[r.row]
        assert v["external_id"] == cells["id"]
        age = cells["time_posted"]
        seen.add(age)
        if age == "save job" or "ago" not in age:  # scrape artefacts, company fragments
            assert (v["posted_text"], v["posted_date"]) == (None, None)
        elif age == "30+ days ago":
            assert (v["posted_text"], v["posted_date"]) == (age, None)
        elif age == "1 day ago":
            assert (v["posted_text"], v["posted_date"]) == (age, date(2018, 7, 21))
        elif "hour" in age:
            assert v["posted_date"] == SCRAPED
    assert {"save job", "30+ days ago", "1 day ago"} <= seen


def test_card_header_lines_become_salary_and_type() -> None:
    row = next(r for r in rows(DA) if r.row == 184)
    assert raw_rows(DA)[184]["description"].startswith("$3,288 - $6,162 a month\n")
    assert row.values["salary_text"] == "$3,288 - $6,162 a month"
    assert row.values["description"].startswith("$3,288 - $6,162 a month\n")
    contract = next(r for r in rows(DA) if r.row == 459)
    assert contract.values["salary_text"] == "$23.58 - $27.82 an hour"
    assert contract.values["employment_type"] == "Contract"


def test_mojibake_is_repaired() -> None:
    assert sum("â€" in c["description"] for c in raw_rows(DS).values()) > 0
    assert not any("â€" in (r.values["description"] or "") for r in rows(DS))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Just posted", ("Just posted", SCRAPED)),
        ("Today", ("Today", SCRAPED)),
        ("5 hours ago", ("5 hours ago", SCRAPED)),
        ("1 day ago", ("1 day ago", date(2018, 7, 21))),
        ("30+ days ago", ("30+ days ago", None)),
        ("save job", (None, None)),
        ("Sonoma, Inc.", (None, None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_posted_age(text: str | None, expected: tuple) -> None:
    assert posted_age(text, SCRAPED) == expected


def test_posted_age_without_scrape_date_keeps_text_only() -> None:
    assert posted_age("3 days ago", None) == ("3 days ago", None)


@given(st.integers(min_value=0, max_value=400))
def test_days_ago_counts_back_from_the_scrape(days: int) -> None:
    text = f"{days} day{'s' if days != 1 else ''} ago"
    assert posted_age(text, SCRAPED) == (text, SCRAPED - timedelta(days=days))


@given(st.text(max_size=40))
def test_age_and_header_parsers_never_crash(text: str) -> None:
    posted_text, posted_date = posted_age(text, SCRAPED)
    assert posted_date is None or posted_date <= SCRAPED
    salary, types = card_header(text)
    assert salary is None or salary in text
