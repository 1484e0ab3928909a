"""The Stepstone adapter over the real 2024 workbook and 2022 CSV, and broken versions."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
import real_files
from hypothesis import given
from hypothesis import strategies as st
from real_files import real

from roleatlas.config import data_dir
from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.stepstone import (
    COLUMNS_2024,
    PLACEHOLDER,
    StepstonePostings,
    posted_age,
    unglue,
    work_fields,
)
from roleatlas.sources.base import Rejected, Row
from roleatlas.sources.registry import get_source

CASES = Path(__file__).parent / "cases"
XLSX = "stepstone-de-2024-sspratz96/dataset_stepstone.xlsx"
CSV = "stepstone-de-2022-agurowietz/data_science_jobs.csv"
SOURCE = StepstonePostings()
EXTRACTED = date(2024, 4, 22)


def records(name: str) -> list[Row | Rejected]:
    return real_files.records("stepstone", name)


def rows(name: str) -> list[Row]:
    return [r for r in records(name) if isinstance(r, Row)]


def sheet_rows() -> list[dict]:
    workbook = openpyxl.load_workbook(real(XLSX), read_only=True)
    try:
        values = list(workbook["Sheet1"].iter_rows(values_only=True))
    finally:
        workbook.close()
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_registered_and_finds_both_files() -> None:
    assert get_source("stepstone") is not None
    if not data_dir().is_dir():
        pytest.skip("no data directory")
    found = {p.relative_to(data_dir()).as_posix() for p in SOURCE.find(data_dir())}
    assert found == {XLSX, CSV}


def test_every_workbook_row_becomes_one_posting() -> None:
    assert len(records(XLSX)) == len(sheet_rows()) == 980
    assert [r.row for r in records(XLSX)] == list(range(980))
    ids = [r.values["id"] for r in rows(XLSX)]
    assert len(ids) == len(set(ids)) == 980


def test_every_csv_row_becomes_one_posting() -> None:
    with real(CSV).open(newline="", encoding="utf-8") as handle:
        raw = list(csv.DictReader(handle))
    assert len(records(CSV)) == len(raw) == 432
    assert [r.row for r in records(CSV)] == [int(c["row_id"]) for c in raw]
    assert len({r.values["id"] for r in rows(CSV)}) == 432


def test_workbook_fields() -> None:
    raw = sheet_rows()
    for r in rows(XLSX):
        v, cells = r.values, raw[r.row]
        assert v["url"] == cells["Link"] and v["title"]
        assert (v["country_hint"], v["currency_hint"]) == ("DE", "EUR")
        assert PLACEHOLDER not in (v["description"] or "") + (v["location"] or "")
        assert v["scraped_at"] == date.fromisoformat(cells["Date of extraction"])
        if "Home Office möglich" in (cells["Work type"] or ""):
            assert v["remote_text"] == "Home Office möglich"
            assert "Home Office" not in (v["employment_type"] or "")
    first = rows(XLSX)[0].values
    assert first["employment_type"] == "Feste Anstellung, Vollzeit, Teilzeit"
    assert first["location"] == "Berlin, Dresden, Düsseldorf, Frankfurt, Hamburg, München"


def test_workbook_dates_count_back_from_the_extraction() -> None:
    raw = sheet_rows()
    seen = set()
    for r in rows(XLSX):
        v, age = r.values, raw[r.row]["Date"]
        extracted = date.fromisoformat(raw[r.row]["Date of extraction"])
        if age == PLACEHOLDER:
            assert v["posted_date"] is None and v["posted_text"] is None
            assert (v["date_kind"], v["date_precision"]) == ("scraped", "day")
            seen.add("missing")
        elif age == "Erschienen: vor 1 Woche":
            assert v["posted_date"] == extracted - timedelta(days=7)
            assert (v["date_kind"], v["date_precision"]) == ("posted", "week")
            seen.add("week")
        elif "Stunden" in age:
            assert v["posted_date"] == extracted
            assert (v["date_kind"], v["date_precision"]) == ("posted", "day")
            seen.add("hours")
        elif age == "Erschienen: vor 3 Tagen":
            assert v["posted_date"] == extracted - timedelta(days=3)
            seen.add("days")
    assert seen == {"missing", "week", "hours", "days"}


def test_workbook_sections_headings_and_bullets() -> None:
    first, second = rows(XLSX)[0].values["description"], rows(XLSX)[1].values["description"]
    assert first.startswith("About the company\nEinleitung\nWas dich bei uns erwartet:")
    assert "\n\nJob description\nDeine Aufgaben:\n• Du verantwortest" in first
    assert "\n\nRequirements\n" in first and "\n\nBenefits\n" in first
    assert "Your role\nYou will play" in second
    assert "\n• An excellent university degree" in second
    assert "Benefits" not in second.split("Requirements")[1]  # the placeholder section is left out


def test_csv_text_made_readable_without_dates() -> None:
    first = rows(CSV)[0].values
    assert "Standort: Wiesbaden\nBreit gefächert: Ihre Aufgaben\n" in first["description"]
    assert not first["description"].startswith(" ")
    for r in rows(CSV):
        v = r.values
        assert v.get("posted_date") is None and v.get("scraped_at") is None
        assert v["date_kind"] is None
        assert "  " not in v["description"]
    assert any("ä" in r.values["description"] for r in rows(CSV))


def test_csv_with_bom_and_bad_cells() -> None:
    found = list(SOURCE.read(CASES / "stepstone_2022_bom.csv"))
    assert [r.row for r in found] == [0, 1, 2, 3, 4]
    reasons = {r.row: r.reason for r in found if isinstance(r, Rejected)}
    assert reasons == {1: "no job title", 2: "row has 7 cells, header has 8", 3: "bad row_id 'x'"}
    good = {r.row: r.values for r in found if isinstance(r, Row)}
    assert good[0]["title"] == "Data Scientist (m/w/d)"
    assert good[0]["remote_text"] == "Home Office möglich"
    assert good[0]["description"].splitlines() == [
        "Über uns", "Data Scientist (m/w/d)", "Standort: Wiesbaden",
        "Breit gefächert: Ihre Aufgaben", "Sie entwickeln Modelle.", "Ihr Profil",
        "Studium der Mathematik",
    ]  # fmt: skip
    assert (good[4]["company"], good[4]["location"]) == (None, None)


def _workbook(path: Path, *, sheet: str = "Sheet1", header: tuple = COLUMNS_2024) -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(list(header))
    ws.append(["x"] * len(header))
    workbook.save(path)
    return path


def test_workbook_without_the_sheet_is_one_error_line(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "jobs.xlsx", sheet="Data")
    with pytest.raises(SourceError, match="no sheet 'Sheet1'") as error:
        list(SOURCE.read(path))
    assert "\n" not in str(error.value)


def test_workbook_without_the_columns_is_one_error_line(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "jobs.xlsx", header=("Job", "Company", "Link"))
    with pytest.raises(SourceError, match="lacks column") as error:
        list(SOURCE.read(path))
    assert "'Date of extraction'" in str(error.value) and "\n" not in str(error.value)


def test_workbook_rows_blank_and_filled(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "Sheet1"
    ws.append(list(COLUMNS_2024))
    cells = dict.fromkeys(COLUMNS_2024, PLACEHOLDER)
    cells.update(
        {"Job": "Data Engineer (m/w/d)", "Company": "Firma", "Date": "Erschienen: vor 1 Monat",
         "Job description": "Deine Aufgaben\n\tPipelines bauen", "Link": "https://x.example/1",
         "Date of extraction": "2024-04-22"}
    )  # fmt: skip
    ws.append([cells[c] for c in COLUMNS_2024])
    ws.append([None] * len(COLUMNS_2024))
    ws.append([cells[c] if c != "Job" else PLACEHOLDER for c in COLUMNS_2024])
    path = tmp_path / "jobs.xlsx"
    workbook.save(path)
    found = list(SOURCE.read(path))
    assert [r.row for r in found] == [0, 1, 2]
    v = found[0].values
    assert (v["posted_date"], v["date_precision"]) == (date(2024, 3, 23), "month")
    assert v["description"] == "Job description\nDeine Aufgaben\n• Pipelines bauen"
    assert (v["location"], v["employment_type"], v["remote_text"]) == (None, None, None)
    assert [r.reason for r in found[1:]] == ["empty row", "no job title"]


@pytest.mark.parametrize("content", [b"not a zip file", b""])
def test_unreadable_workbook_is_one_error_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "jobs.xlsx"
    path.write_bytes(content)
    with pytest.raises(SourceError, match="not a readable .xlsx") as error:
        list(SOURCE.read(path))
    assert "\n" not in str(error.value)


def test_unknown_suffix_is_one_error_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="expected .xlsx or .csv"):
        list(SOURCE.read(tmp_path / "jobs.ods"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Erschienen: vor 2 Stunden", (EXTRACTED, "day")),
        ("Erschienen: vor 1 Tag", (EXTRACTED - timedelta(days=1), "day")),
        ("Erschienen: vor 3 Tagen", (EXTRACTED - timedelta(days=3), "day")),
        ("Erschienen: vor 1 Woche", (EXTRACTED - timedelta(days=7), "week")),
        ("Erschienen: vor 3 Wochen", (EXTRACTED - timedelta(days=21), "week")),
        ("Erschienen: vor 2 Monaten", (EXTRACTED - timedelta(days=60), "month")),
        ("gestern", (None, None)),
        (None, (None, None)),
    ],
)
def test_posted_age(text: str | None, expected: tuple) -> None:
    assert posted_age(text, EXTRACTED) == expected


def test_work_fields() -> None:
    assert work_fields("Feste Anstellung", "Vollzeit, Home Office möglich") == (
        "Feste Anstellung, Vollzeit", "Home Office möglich",
    )  # fmt: skip
    assert work_fields(None, None) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EinleitungWas dich erwartet", "Einleitung\nWas dich erwartet"),
        ("Your roleYou will", "Your role\nYou will"),
        ("DevOps und PayPal", "DevOps und PayPal"),
        ("Fragen?Wir helfen", "Fragen?\nWir helfen"),
        ("Mail an jessica.Bauer@firma.de", "Mail an jessica.Bauer@firma.de"),
        ("Was wir bietenBenefits: Rad", "Was wir bieten\nBenefits: Rad"),
    ],
)
def test_unglue(text: str, expected: str) -> None:
    assert unglue(text) == expected


@given(st.text(max_size=200), st.booleans())
def test_unglue_only_adds_breaks_and_bullets(text: str, one_line: bool) -> None:
    out = unglue(text, one_line=one_line) or ""

    def ink(value: str) -> str:
        return "".join(value.split()).replace("•", "")

    assert ink(out) == ink(text)
    assert unglue(out, one_line=one_line) == out or not one_line
