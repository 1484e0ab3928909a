"""The Glassdoor adapter over the five real exports and hand-made broken inputs."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
import real_files
from hypothesis import given
from hypothesis import strategies as st
from real_files import real

from roleatlas.config import data_dir
from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.glassdoor import (
    GlassdoorPostings,
    detect_layout,
    realign_company_facts,
)
from roleatlas.sources.base import Rejected, Row
from roleatlas.sources.clean import null_if_placeholder
from roleatlas.sources.registry import get_source

CASES = Path(__file__).parent / "cases"
KENJEE = "glassdoor-ds-2020-kenjee/glassdoor_jobs.csv"
UNCLEANED = "glassdoor-ds-kaggle-uncleaned/Uncleaned_DS_jobs.csv"
NADIRBCN = "glassdoor-da-2022-nadirbcn/glassdoor_jobs.csv"
HAMITOUCHE = "glassdoor-de-2023-hamitouche/jobs.csv"
AUSTRALIAN = "glassdoor-au-da-2021-poorvaldhotre/glassdoor_jobs.csv"
FILES = [KENJEE, UNCLEANED, NADIRBCN, HAMITOUCHE, AUSTRALIAN]
SOURCE = GlassdoorPostings()
_YEAR = re.compile(r"^\d{4}$")


def records(name: str) -> list[Row | Rejected]:
    return real_files.records("glassdoor", name)


def raw_rows(name: str) -> dict:
    return real_files.raw_rows(name, str)


def rows(name: str) -> list[Row]:
    return [r for r in records(name) if isinstance(r, Row)]


def test_registered_and_finds_the_five_files() -> None:
    assert get_source("glassdoor").name == "glassdoor"
    if not data_dir().is_dir():
        pytest.skip("no data directory")
    found = {p.relative_to(data_dir()).as_posix() for p in SOURCE.find(data_dir())}
    assert found == set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_every_row_becomes_one_record(name: str) -> None:
    with real(name).open(newline="", encoding="utf-8") as handle:
        data_rows = sum(1 for _ in csv.reader(handle)) - 1
    got = records(name)
    assert len(got) == data_rows
    assert all(r.values["title"] for r in rows(name))
    ids = [r.values["id"] for r in rows(name)]
    assert len(ids) == len(set(ids))
    assert {r.values["source_file"] for r in rows(name)} == {name}
    assert sorted(r.row for r in got) == sorted(int(i) for i in raw_rows(name))


def test_glued_rating_is_split() -> None:
    assert raw_rows(KENJEE)["0"]["Company Name"] == "Tecolote Research\n3.8"
    first = next(r for r in rows(KENJEE) if r.row == 0)
    assert first.values["company"] == "Tecolote Research"
    assert first.values["company_rating"] == 3.8
    assert not any("\n" in (r.values["company"] or "") for name in FILES for r in rows(name))


def test_hamitouche_rating_comes_from_the_company_cell() -> None:
    raw = raw_rows(HAMITOUCHE)["0"]
    assert raw["company"] == "Visionary Homes\n4.5"
    first = next(r for r in rows(HAMITOUCHE) if r.row == 0)
    assert (first.values["company"], first.values["company_rating"]) == ("Visionary Homes", 4.5)
    assert first.values["founded"] == "2004"
    # Hamitouche writes N/A where the others write -1
    assert not any(r.values["industry"] == "N/A" for r in rows(HAMITOUCHE))


def test_minus_one_becomes_none() -> None:
    raw = raw_rows(KENJEE)
    missing = [r for r in rows(KENJEE) if raw[str(r.row)]["Salary Estimate"] == "-1"]
    assert missing and all(r.values["salary_text"] is None for r in missing)
    for r in rows(KENJEE):
        cells = raw[str(r.row)]
        if cells["Founded"] == "-1":
            assert r.values["founded"] is None
        if cells["Rating"] == "-1" and "\n" not in cells["Company Name"]:
            assert r.values["company_rating"] is None
    assert all(r.values[f] != "-1" for n in FILES for r in rows(n) for f in r.values)


def test_hints_and_scrape_dates() -> None:
    assert {(r.values["country_hint"], r.values["currency_hint"]) for r in rows(AUSTRALIAN)} == {
        ("AU", "AUD")
    }
    assert {r.values["currency_hint"] for r in rows(KENJEE)} == {"USD"}
    assert {r.values["scraped_at"] for r in rows(KENJEE)} == {date(2020, 4, 1)}
    assert {r.values["scraped_at"] for r in rows(AUSTRALIAN)} == {date(2021, 10, 1)}


def test_uncleaned_band_salaries_are_not_posting_salaries() -> None:
    assert any(cells["Salary Estimate"] != "-1" for cells in raw_rows(UNCLEANED).values())
    # the strings are kept as stated; the search-band rule keeps them out of pay
    # (tests/analyze/test_figures_truth.py::test_search_bands_are_kept_out_of_posted_and_estimated_pay)
    assert any(r.values["salary_text"] for r in rows(UNCLEANED))


@pytest.mark.parametrize("name", [NADIRBCN, AUSTRALIAN])
def test_shifted_company_facts_are_realigned(name: str) -> None:
    for r in rows(name):
        v = r.values
        assert v["founded"] is None or _YEAR.match(v["founded"]), v
        for f in ("ownership", "industry", "sector"):
            assert "(USD)" not in (v[f] or ""), v
    shifted = next(
        r
        for r in rows(NADIRBCN)
        if raw_rows(NADIRBCN)[str(r.row)]["Founded"] == "Company - Private"
    )
    assert shifted.values["ownership"] == "Company - Private"


def test_rows_of_wrong_width_and_without_title_are_rejected() -> None:
    got = list(SOURCE.read(CASES / "glassdoor_widths.csv"))
    reasons = {r.row: r.reason for r in got if isinstance(r, Rejected)}
    assert reasons == {
        1: "row has 18 cells, header has 16",
        2: "empty row",
        3: "row has 5 cells, header has 16",
        4: "no job title",
        5: "bad row_id 'x'",
    }
    kept = {r.row: r.values for r in got if isinstance(r, Row)}
    assert kept[0]["description"] == "Build models\nin Python."
    assert kept[6]["ownership"] == "Company - Private"
    assert kept[6]["industry"] == "IT Services"
    assert kept[6]["revenue"] == "Unknown / Non-Applicable"
    assert kept[6]["scraped_at"] is None  # not in a documented folder


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("glassdoor_truncated.csv", "truncated"),
        ("glassdoor_latin1.csv", "not UTF-8"),
        ("binary.csv", "binary"),
        ("glassdoor_no_title.csv", "not a Glassdoor export"),
        ("generic_mapped.csv", "not a Glassdoor export"),
    ],
)
def test_unusable_files_raise_one_line(case: str, message: str) -> None:
    with pytest.raises(SourceError, match=message) as error:
        list(SOURCE.read(CASES / case))
    assert "\n" not in str(error.value)


def test_layouts_by_header() -> None:
    assert detect_layout(["row_id", "", "Job Title", "Headquarters"]).name == "title-case"
    assert detect_layout(["row_id", "Job Title", "Rating"]).name == "australian"
    assert detect_layout(["row_id", "", "company", "job title"]).name == "lower-case"
    assert detect_layout(["title", "company"]) is None


_FACT = st.one_of(
    st.none(),
    st.sampled_from(
        ["-1", "N/A", "Unknown", "1998", "Company - Private", "Government", "IT Services",
         "Information Technology", "$5 to $10 million (USD)", "Unknown / Non-Applicable"]
    ),
    st.text(max_size=12),
)  # fmt: skip


@given(st.tuples(_FACT, _FACT, _FACT, _FACT, _FACT))
def test_realign_keeps_every_value_and_is_idempotent(facts: tuple) -> None:
    out = realign_company_facts(*facts)
    assert len(out) == 5
    kept = sorted(v for v in facts if null_if_placeholder(v) is not None)
    assert sorted(v for v in out if null_if_placeholder(v) is not None) == kept
    assert realign_company_facts(*out) == out
