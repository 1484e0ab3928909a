"""The LinkedIn US adapters (2025 ML export, 2024 AI/ML export), and who claims which file."""

from __future__ import annotations

import csv
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import real_files
from hypothesis import given
from hypothesis import strategies as st
from real_files import real

from roleatlas.config import data_dir
from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.linkedin import LinkedInPostings
from roleatlas.sources.adapters.linkedin_us import (
    AIML,
    ML,
    place,
    posted_day,
    split_glued_headings,
)
from roleatlas.sources.base import Rejected, Row
from roleatlas.sources.ingest import discover
from roleatlas.sources.registry import get_source

CASES = Path(__file__).parent / "cases"
ML_FILE = "linkedin-us-ml-2025-ivankmk/1000_ml_jobs_us.csv"
AIML_FILE = "linkedin-us-aiml-2024/ai_ml_jobs_linkedin.csv"
OLD_FILES = [
    "linkedin-ca-2018-linpingyu/DataAnalyst.csv",
    "linkedin-ca-2018-linpingyu/DataScientist.csv",
]
FILES = {ML.name: ML_FILE, AIML.name: AIML_FILE}


def records(source: str) -> list[Row | Rejected]:
    return real_files.records(source, FILES[source])


def rows(source: str) -> list[Row]:
    return [r for r in records(source) if isinstance(r, Row)]


def raw_rows(source: str) -> dict:
    return real_files.raw_rows(FILES[source], int)


# --- who claims which file --------------------------------------------------------------------


def test_registered() -> None:
    assert get_source("linkedin-us-ml") is ML
    assert get_source("linkedin-us-aiml") is AIML


def test_each_real_file_has_exactly_one_adapter() -> None:
    if not (data_dir() / AIML_FILE).is_file():
        pytest.skip("real LinkedIn US files not found")
    claimed = [
        (name, path.relative_to(data_dir()).as_posix())
        for name, path in discover(data_dir())
        if path.name.endswith(".csv") and path.parent.name.startswith("linkedin-")
    ]
    assert sorted(claimed) == sorted(
        [("linkedin", f) for f in OLD_FILES]
        + [("linkedin-us-aiml", AIML_FILE), ("linkedin-us-ml", ML_FILE)]
    )


def test_claims_by_header_not_by_folder(tmp_path: Path) -> None:
    """Formats are told apart by their header (a BOM included); other files are left alone."""
    mixed = tmp_path / "linkedin-mixed"
    mixed.mkdir()
    shutil.copy(CASES / "linkedin_us_aiml_bom.csv", mixed / "a.csv")
    shutil.copy(CASES / "linkedin_us_ml_glued.csv", mixed / "b.csv")
    (mixed / "c.csv").write_text(
        "row_id,title,company,location,industry,description,seniority,employment_type,functions\n"
    )
    (mixed / "unknown.csv").write_text("row_id,name,text\n0,x,y\n")
    (mixed / "binary.csv").write_bytes(b"\x00\x01\x02\n")
    (mixed / "empty.csv").write_bytes(b"")
    assert [p.name for p in AIML.find(tmp_path)] == ["a.csv"]
    assert [p.name for p in ML.find(tmp_path)] == ["b.csv"]
    assert [p.name for p in LinkedInPostings().find(tmp_path)] == ["c.csv"]


# --- the real files ---------------------------------------------------------------------------


@pytest.mark.parametrize("source", sorted(FILES))
def test_every_row_becomes_one_record(source: str) -> None:
    with real(FILES[source]).open(newline="", encoding="utf-8") as handle:
        data_rows = sum(1 for _ in csv.reader(handle)) - 1
    assert len(records(source)) == data_rows
    assert all(isinstance(r, Row) for r in records(source))
    ids = [r.values["id"] for r in rows(source)]
    assert len(ids) == len(set(ids))
    assert [r.row for r in rows(source)] == sorted(raw_rows(source))


@pytest.mark.parametrize("source", sorted(FILES))
def test_dates_are_posting_days_never_guessed(source: str) -> None:
    column = ML.date_column if source == ML.name else AIML.date_column
    for r in rows(source):
        v, cell = r.values, raw_rows(source)[r.row][column]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
            assert v["posted_date"] == date.fromisoformat(cell)
            assert (v["date_kind"], v["date_precision"]) == ("posted", "day")
        else:
            assert v["posted_date"] is None and v["date_kind"] is None
            assert v["posted_text"] == (cell.strip() or None)
        assert v["country_hint"] == "US" and v["currency_hint"] == "USD"
        assert v.get("url") is None and v.get("external_id") is None


def test_aiml_empty_dates_keep_the_row() -> None:
    undated = [r for r in rows(AIML.name) if r.values["posted_date"] is None]
    assert len(undated) == 8  # publishedAt is empty in 8 rows (SOURCES.md)


def test_aiml_fields() -> None:
    first = next(r for r in rows(AIML.name) if r.row == 0)
    cells = raw_rows(AIML.name)[0]
    v = first.values
    assert (v["title"], v["company"], v["location"]) == (
        cells["title"],
        cells["companyName"],
        cells["location"],
    )
    assert v["employment_type"] == cells["contractType"]
    assert v["seniority_text"] == cells["experienceLevel"]
    assert v["job_functions"] == cells["workType"]
    assert v["industry"] == cells["sector"]
    assert "\n" in v["description"]  # this export kept its line breaks


def test_ml_fields() -> None:
    by_row = {r.row: r.values for r in rows(ML.name)}
    cells = raw_rows(ML.name)
    v = by_row[0]
    assert v["title"] == cells[0]["job_title"] and v["company"] == "Upper Hand"
    assert v["headquarters"] == "Indianapolis, Indiana"
    assert v.get("location") is None  # the address is the company's, not the job's
    assert v["seniority_text"] == "Internship"
    tiktok = {by_row[n]["headquarters"] for n, c in cells.items() if c["company_name"] == "TikTok"}
    assert tiktok == {"Los Angeles, California"}
    # the one empty job description stays empty: the company profile is not the ad
    assert not cells[910]["job_description_text"].strip() and cells[910]["company_description"]
    assert by_row[910]["description"] is None


def test_ml_glued_headings_are_split() -> None:
    assert cells_start(0, "OverviewUpper Hand is")
    first = next(r for r in rows(ML.name) if r.row == 0).values["description"]
    assert first.startswith("Overview\nUpper Hand is")
    glued = [
        r.values["description"]
        for r in rows(ML.name)
        if "ResponsibilitiesTikTok is" in raw_rows(ML.name)[r.row]["job_description_text"]
    ]
    assert glued and all("Responsibilities\nTikTok is" in d for d in glued)


def test_ml_glued_names_survive() -> None:
    tensorflow = [
        r.values["description"]
        for r in rows(ML.name)
        if "TensorFlow" in raw_rows(ML.name)[r.row]["job_description_text"]
    ]
    assert tensorflow and all("TensorFlow" in d for d in tensorflow)


def cells_start(row: int, text: str) -> bool:
    return raw_rows(ML.name)[row]["job_description_text"].startswith(text)


# --- hand-made files --------------------------------------------------------------------------


def test_bom_and_bad_dates() -> None:
    path = CASES / "linkedin_us_aiml_bom.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    got = {r.row: r for r in AIML.read(path)}
    assert len(got) == 6
    assert got[0].values["posted_date"] == date(2024, 5, 29)  # type: ignore[union-attr]
    assert got[0].values["location"] == "San Francisco, CA"  # type: ignore[union-attr]
    for row, text in [(1, None), (2, "2024-02-30"), (3, "last week")]:
        record = got[row]
        assert isinstance(record, Row)
        assert record.values["posted_date"] is None and record.values["posted_text"] == text
        assert record.values["date_kind"] is None and record.values["date_precision"] is None
    assert isinstance(got[4], Rejected) and got[4].reason == "no job title"
    assert isinstance(got[5], Rejected) and got[5].reason == "row has 12 cells, header has 11"


def test_glued_ml_case() -> None:
    got = {r.row: r for r in ML.read(CASES / "linkedin_us_ml_glued.csv")}
    first = got[0]
    assert isinstance(first, Row)
    v = first.values
    assert v["headquarters"] == "San Jose, CA"
    assert v["description"].split("\n")[0] == "Our Company"
    assert "\nThe opportunity\nAs a Senior" in v["description"]
    assert "\nWhat You'll Do\nTrain" in v["description"]
    assert "\nQualifications\nPyTorch and Tensor" in v["description"]
    assert "Adobe is the global leader" not in v["description"]
    second = got[1]
    assert isinstance(second, Row)
    assert second.values["posted_date"] is None and second.values["posted_text"] == "2025-13-01"
    assert second.values["headquarters"] is None
    assert second.values["description"].startswith("Responsibilities\nTikTok is hiring.")
    third = got[2]
    assert isinstance(third, Row) and third.values["description"] is None


def test_truncated_file_raises_one_line() -> None:
    with pytest.raises(SourceError, match="truncated") as error:
        list(AIML.read(CASES / "linkedin_us_truncated.csv"))
    assert "\n" not in str(error.value)


def test_wrong_format_raises_one_line() -> None:
    with pytest.raises(SourceError, match="missing column") as error:
        list(ML.read(CASES / "linkedin_us_aiml_bom.csv"))
    assert "\n" not in str(error.value)


# --- pure helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024-05-29", ("2024-05-29", date(2024, 5, 29))),
        (" 2024-05-29 ", ("2024-05-29", date(2024, 5, 29))),
        ("", (None, None)),
        ("  ", (None, None)),
        (None, (None, None)),
        ("2024-02-30", ("2024-02-30", None)),
        ("29/05/2024", ("29/05/2024", None)),
    ],
)
def test_posted_day(cell: str | None, expected: tuple[str | None, date | None]) -> None:
    assert posted_day(cell) == expected


def test_place() -> None:
    assert place("San Jose", " CA") == "San Jose, CA"
    assert place("", "California") == "California"
    assert place("", " ") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OverviewUpper Hand is", "Overview\nUpper Hand is"),
        ("dashers.ResponsibilitiesTikTok is", "dashers.\n\nResponsibilities\nTikTok is"),
        ("About The TeamOn the TikTok", "About The Team\nOn the TikTok"),
        ("teamsKey Responsibilities:Design", "teams\n\nKey Responsibilities:\nDesign"),
        ("Our responsibilities include Benefits for all.", None),
        ("Employee BenefitsWe offer", None),
        ("the overviewOf it", None),
    ],
)
def test_split_glued_headings(text: str, expected: str | None) -> None:
    assert split_glued_headings(text) == (expected if expected is not None else text)


PIECES = ["Responsibilities", "Overview", "Our Company", "What You'll Do", "a", "A", ".", " ", "\n"]


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_split_glued_headings_only_adds_whitespace(text: str) -> None:
    split = split_glued_headings(text)
    assert split is not None
    assert "".join(split.split()) == "".join(text.split())
    assert split_glued_headings(split) == split
