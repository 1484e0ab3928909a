"""The BLS OEWS adapter: the real SQLite build, a small one made here, and broken inputs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.oews import OewsSource
from roleatlas.sources.base import Rejected, Row

SOURCE = OewsSource()
DATATYPES = [
    ("01", "Employment"), ("02", "Employment percent relative standard error"),
    ("03", "Hourly mean wage"), ("04", "Annual mean wage"),
    ("05", "Wage percent relative standard error"), ("06", "Hourly 10th percentile wage"),
    ("07", "Hourly 25th percentile wage"), ("08", "Hourly median wage"),
    ("09", "Hourly 75th percentile wage"), ("10", "Hourly 90th percentile wage"),
    ("11", "Annual 10th percentile wage"), ("12", "Annual 25th percentile wage"),
    ("13", "Annual median wage"), ("14", "Annual 75th percentile wage"),
    ("15", "Annual 90th percentile wage"), ("16", "Employment per 1,000 jobs"),
    ("17", "Location Quotient"),
]  # fmt: skip
CODES = [f"{i:02d}" for i in range(1, 18)]


def build_db(path: Path, cells: list[tuple[str, list[str | None], list[str | None]]]) -> Path:
    """A small database with the OEWS build's schema."""
    con = sqlite3.connect(path)
    values = ", ".join(f"v{c} TEXT" for c in CODES)
    notes = ", ".join(f"f{c} TEXT" for c in CODES)
    con.executescript(
        f"""
        CREATE TABLE cell (key TEXT PRIMARY KEY, {values}, {notes}) WITHOUT ROWID;
        CREATE TABLE datatype (datatype_code TEXT PRIMARY KEY, datatype_name TEXT NOT NULL);
        CREATE TABLE area (area_code TEXT PRIMARY KEY, areatype_code TEXT NOT NULL,
                           state_code TEXT NOT NULL, area_name TEXT NOT NULL);
        CREATE TABLE industry (industry_code TEXT PRIMARY KEY, industry_name TEXT NOT NULL,
                               display_level INTEGER NOT NULL);
        CREATE TABLE occupation (occupation_code TEXT PRIMARY KEY,
                                 occupation_name TEXT NOT NULL, display_level INTEGER NOT NULL);
        CREATE TABLE footnote (footnote_code TEXT PRIMARY KEY, footnote_text TEXT NOT NULL);
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        """
    )
    con.executemany("INSERT INTO datatype VALUES (?, ?)", DATATYPES)
    con.executemany(
        "INSERT INTO area VALUES (?, ?, ?, ?)",
        [("0000000", "N", "00", "National"), ("0041860", "M", "06", "San Francisco, CA")],
    )
    con.execute("INSERT INTO industry VALUES ('000000', 'Cross-Industry', 0)")
    con.executemany(
        "INSERT INTO occupation VALUES (?, ?, 3)",
        [("152051", "Data Scientists"), ("291214", "Emergency Medicine Physicians")],
    )
    con.execute(
        "INSERT INTO footnote VALUES ('5', "
        "'This wage is equal to or greater than $115.00 per hour or $239,200 per year.')"
    )
    con.executemany(
        "INSERT INTO meta VALUES (?, ?)", [("data_year", "2025"), ("release", "May 2025")]
    )
    con.executemany(
        f"INSERT INTO cell VALUES ({', '.join('?' * 35)})",
        [(key, *v, *f) for key, v, f in cells],
    )
    con.commit()
    con.close()
    return path


def cell(values: dict[str, str], notes: dict[str, str] | None = None):
    notes = notes or {}
    return [values.get(c, "-") for c in CODES], [notes.get(c) for c in CODES]


def test_small_database(tmp_path: Path) -> None:
    top = {c: "5" for c in ("03", "04", "08", "11", "12", "13", "14", "15")}
    path = build_db(
        tmp_path / "oews-2025.sqlite",
        [
            ("OEUN0000000000000152051", *cell({"01": "262440", "13": "120230", "03": "60.96"})),
            ("OEUM0041860000000291214", *cell({"01": "40", "11": "180000"}, top)),
            ("OEUN0000000000000291214", *cell({"01": "12,345", "13": "n.a."})),
            ("BAD", *cell({})),
        ],
    )
    records = list(SOURCE.read(path))
    bad_key, metro, national, bad_value = records  # in key order
    assert isinstance(bad_key, Rejected) and bad_key.reason == "bad cell key 'BAD'"
    assert isinstance(bad_value, Rejected) and bad_value.reason == "bad annual_median value 'n.a.'"
    assert isinstance(national, Row)
    v = national.values
    assert (v["series"], v["area_type"], v["area_code"], v["industry_code"]) == (
        "OEUN0000000000000152051", "N", "0000000", "000000",
    )  # fmt: skip
    assert (v["soc_code"], v["occupation_name"], v["area_name"]) == (
        "15-2051", "Data Scientists", "National",
    )  # fmt: skip
    assert v["employment"] == 262440.0 and v["annual_median"] == 120230.0
    assert v["hourly_mean"] == 60.96 and v["annual_mean"] is None and v["top_coded"] is False
    assert (v["release"], v["data_year"]) == ("May 2025", 2025)
    m = metro.values
    # top-coded: flagged, the published value kept, the BLS lower bound where none is released
    assert m["top_coded"] is True
    assert m["annual_p10"] == 180000.0
    assert m["annual_median"] == 239200.0 and m["hourly_median"] == 115.0
    assert m["employment"] == 40.0


@pytest.mark.slow
def test_real_database(data_dir: Path) -> None:
    (path,) = SOURCE.find(data_dir)
    count = rejected = top_coded = 0
    data_scientists = None
    for record in SOURCE.read(path):
        count += 1
        if isinstance(record, Rejected):
            rejected += 1
            continue
        top_coded += record.values["top_coded"]
        if record.values["series"] == "OEUN0000000000000152051":
            data_scientists = record.values
    assert (count, rejected) == (370_172, 0)
    assert top_coded > 0
    assert data_scientists is not None
    assert data_scientists["employment"] == 262_440
    assert data_scientists["annual_median"] == 120_230
    assert data_scientists["annual_mean"] == 126_800
    assert data_scientists["soc_code"] == "15-2051"
    assert data_scientists["occupation_name"] == "Data Scientists"
    assert data_scientists["area_name"] == "National"
    assert (data_scientists["release"], data_scientists["data_year"]) == ("May 2025", 2025)


def test_not_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "oews-2025.sqlite"
    path.write_text("area_code,area_name\n0000000,National\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not a SQLite database") as info:
        list(SOURCE.read(path))
    assert "\n" not in str(info.value)


def test_binary_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "oews-2025.sqlite"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(SourceError, match="not a SQLite database"):
        list(SOURCE.read(path))


def test_sqlite_without_the_oews_tables(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE cell (key TEXT)")
    con.commit()
    con.close()
    with pytest.raises(SourceError, match="missing table\\(s\\) datatype, area") as info:
        list(SOURCE.read(path))
    assert "\n" not in str(info.value)


def test_damaged_sqlite(tmp_path: Path) -> None:
    path = build_db(tmp_path / "oews.sqlite", [])
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(SourceError) as info:
        list(SOURCE.read(path))
    assert "\n" not in str(info.value)


def test_missing_file_and_find(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read file"):
        list(SOURCE.read(tmp_path / "absent.sqlite"))
    assert SOURCE.find(tmp_path) == []
    (tmp_path / "bls-oews").mkdir()
    path = build_db(tmp_path / "bls-oews" / "oews-2025.sqlite", [])
    assert SOURCE.find(tmp_path) == [path]
