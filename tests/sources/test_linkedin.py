"""The LinkedIn adapter over both real exports."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
import real_files
from hypothesis import given
from hypothesis import strategies as st
from real_files import real

from roleatlas.config import data_dir
from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.linkedin import LinkedInPostings, clean_functions
from roleatlas.sources.base import Rejected, Row
from roleatlas.sources.registry import get_source

CASES = Path(__file__).parent / "cases"
SCIENTIST = "linkedin-ca-2018-linpingyu/DataScientist.csv"
ANALYST = "linkedin-ca-2018-linpingyu/DataAnalyst.csv"
FILES = [SCIENTIST, ANALYST]
SOURCE = LinkedInPostings()


def records(name: str) -> list[Row | Rejected]:
    return real_files.records("linkedin", name)


def raw_rows(name: str) -> dict:
    return real_files.raw_rows(name, int)


def rows(name: str) -> list[Row]:
    return [r for r in records(name) if isinstance(r, Row)]


def test_registered_and_finds_both_files() -> None:
    assert get_source("linkedin") is not None
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
    # only rows the scraper left without a title (or company and text) are rejected
    for r in records(name):
        if isinstance(r, Rejected):
            cells = raw_rows(name)[r.row]
            if r.reason == "no job title":
                assert not cells["title"].strip()
            else:
                assert r.reason == "no description and no company"
                assert not cells["company"].strip() and not cells["description"].strip()


@pytest.mark.parametrize("name", FILES)
def test_fields_are_clean(name: str) -> None:
    for r in rows(name):
        v = r.values
        assert v["country_hint"] == "US" and v["currency_hint"] == "USD"
        assert v["scraped_at"] == date(2018, 7, 22)
        functions = v["job_functions"]
        assert functions is None or (functions == functions.strip() and "\n" not in functions)
        assert "â€" not in (v["description"] or "") and "\ufffd" not in (v["description"] or "")


def test_description_is_readable() -> None:
    first = next(r for r in rows(SCIENTIST) if r.row == 0)
    assert "dashers.As a" in raw_rows(SCIENTIST)[0]["description"]
    assert (
        "merchants, and dashers. As a machine learning data scientist"
        in (first.values["description"])
    )
    assert first.values["job_functions"] == "Engineering, Information Technology"
    assert first.values["industry"] == "Consumer,Services"
    assert first.values["seniority_text"] == raw_rows(SCIENTIST)[0]["seniority"]


def test_both_layouts_map_the_same_fields() -> None:
    assert set(rows(SCIENTIST)[0].values) == set(rows(ANALYST)[0].values)


def test_missing_column_raises_one_line() -> None:
    with pytest.raises(SourceError, match="missing column") as error:
        list(SOURCE.read(CASES / "glassdoor_no_title.csv"))
    assert "\n" not in str(error.value)


@given(st.lists(st.text(alphabet="ab \n\t", max_size=6), max_size=5))
def test_clean_functions_has_no_padding(parts: list[str]) -> None:
    cleaned = clean_functions("\n \n".join(parts))
    assert cleaned is None or (cleaned == cleaned.strip() and "\n" not in cleaned)
    if cleaned is not None:
        assert clean_functions(cleaned.replace(", ", "\n")) == cleaned
