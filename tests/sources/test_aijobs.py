"""The ai-jobs.net salaries adapter: real CSV, its JSON form, and broken inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.aijobs import FIELDS, AiJobsSource, salary_record
from roleatlas.sources.base import Rejected, Row

SOURCE = AiJobsSource()
HEADER = ",".join(FIELDS)
GOOD = "2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M"
COLUMNS = set(FIELDS) | {"id", "source", "source_file", "source_row"}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.slow
def test_real_file_every_row_is_a_valid_record(data_dir: Path) -> None:
    (path,) = [p for p in SOURCE.find(data_dir) if p.suffix == ".csv"]
    records = list(SOURCE.read(path))
    assert len(records) == 74_301
    assert all(isinstance(r, Row) for r in records)
    assert {r.values["source_file"] for r in records} == {"ai-jobs-net/salaries.csv"}
    assert [r.row for r in records] == list(range(74_301))
    assert len({r.values["id"] for r in records}) == 74_301
    first = records[0].values
    assert set(first) == COLUMNS
    assert first["work_year"] == 2022 and first["salary"] == 120000.0
    assert first["experience_level"] == "EX" and first["company_location"] == "PL"
    assert sum(r.values["work_year"] == 2024 for r in records) == 62_229
    # identical submissions are all kept; the ingest layer marks the repeats
    content = [tuple(r.values[f] for f in FIELDS) for r in records]
    assert len(content) - len(set(content)) == 39_304


def test_bad_rows_are_rejected_with_reasons(tmp_path: Path) -> None:
    lines = [
        HEADER,
        GOOD,
        "2024,SE,FT,Data Scientist,lots,USD,150000,US,0,US,M",
        "2024,XX,FT,Data Scientist,150000,USD,150000,US,0,US,M",
        "2024,SE,FT,Data Scientist,150000,USD,150000,US,30,US,M",
        "2012,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M",
        "2024,SE,FT,,150000,USD,150000,US,0,US,M",
        "2024,SE,FT,Data Scientist,150000,USD,150000,USA,0,US,M",
        "2024,SE,FT,Data Scientist",
        GOOD,
    ]
    records = list(SOURCE.read(write(tmp_path, "salaries.csv", "\n".join(lines) + "\n")))
    reasons = [r.reason if isinstance(r, Rejected) else "ok" for r in records]
    assert reasons == [
        "ok",
        "non-numeric salary: 'lots'",
        "unknown experience_level: 'XX'",
        "remote_ratio not 0, 50 or 100: 30",
        "work_year out of range: 2012",
        "no job title",
        "bad employee_residence: 'USA'",
        "row has 4 cells, header has 11",
        "ok",
    ]
    assert [r.row for r in records] == list(range(9))
    # an exact repeat is kept as its own record with its own id
    assert records[0].values["id"] != records[-1].values["id"]
    assert records[1].raw["salary"] == "lots"


def test_json_form_gives_the_same_records_as_the_csv(tmp_path: Path) -> None:
    rows = [dict(zip(FIELDS, line.split(","), strict=True)) for line in (GOOD, GOOD)]
    as_json = [
        {**r, "work_year": int(r["work_year"]), "salary": 150000, "salary_in_usd": 150000,
         "remote_ratio": 0}
        for r in rows
    ]  # fmt: skip
    from_csv = list(SOURCE.read(write(tmp_path, "salaries.csv", f"{HEADER}\n{GOOD}\n{GOOD}\n")))
    from_json = list(SOURCE.read(write(tmp_path, "salaries.json", json.dumps(as_json))))
    strip = {"id", "source_file"}
    assert [{k: v for k, v in r.values.items() if k not in strip} for r in from_json] == [
        {k: v for k, v in r.values.items() if k not in strip} for r in from_csv
    ]


def test_json_records_that_are_not_objects_or_lack_fields(tmp_path: Path) -> None:
    good = dict(zip(FIELDS, GOOD.split(","), strict=True))
    partial = {k: v for k, v in good.items() if k != "salary"}
    path = write(tmp_path, "salaries.json", json.dumps([good, [1, 2], partial]))
    reasons = [getattr(r, "reason", "ok") for r in SOURCE.read(path)]
    assert reasons == ["ok", "record is an array, not an object", "missing field(s) salary"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("salaries.json", '[{"work_year": 2024, "salary', "malformed JSON"),
        ("salaries.json", '{"rows": []}', "expected a JSON array"),
        ("salaries.json", "<!doctype html><html><body>Not found</body></html>", "malformed JSON"),
        ("salaries.csv", "year,title\n2024,x\n", "missing column"),
        ("salaries.csv", b"PK\x03\x04\x00\x00binary", "binary file"),
    ],
)
def test_broken_files_raise_one_line(tmp_path: Path, name: str, content, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(SourceError, match=message) as info:
        list(SOURCE.read(path))
    assert "\n" not in str(info.value)


def test_find_returns_only_existing_files(tmp_path: Path) -> None:
    assert SOURCE.find(tmp_path) == []
    (tmp_path / "ai-jobs-net").mkdir()
    path = write(tmp_path / "ai-jobs-net", "salaries.json", "[]")
    assert SOURCE.find(tmp_path) == [path]


cells = st.fixed_dictionaries(
    {f: st.one_of(st.text(max_size=12), st.integers(), st.floats(), st.none()) for f in FIELDS}
)


@given(cells)
def test_salary_record_never_crashes(raw: dict) -> None:
    record = salary_record(raw, source_file="x.json", row=0)
    assert isinstance(record, Row | Rejected)
    if isinstance(record, Row):
        assert record.values["remote_ratio"] in (0, 50, 100)
        assert record.values["salary"] > 0
