"""Hostile and damaged input files: one bad line never sinks a file, and every whole-file
problem is one line that says what the file is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from roleatlas.cli import main
from roleatlas.exceptions import SourceError
from roleatlas.sources import get_source, ingest_all, ingest_file
from roleatlas.store import Store

DEEP = "[" * 100_000 + "]" * 100_000
AIJOBS_HEADER = ("work_year,experience_level,employment_type,job_title,salary,salary_currency,"
                 "salary_in_usd,employee_residence,remote_ratio,company_location,company_size")  # fmt: skip
AIJOBS_RECORD = dict(zip(AIJOBS_HEADER.split(","), [2024, "SE", "FT", "Data Engineer", 150000,
                     "USD", 150000, "US", 0, "US", "M"], strict=True))  # fmt: skip


def posting(n: int) -> str:
    return json.dumps({"title": f"Data Engineer {n}", "company": "Acme", "description": "SQL."})


def quarantined(store: Store) -> list[dict]:
    return store.query("SELECT source_row, reason FROM quarantine ORDER BY source_row")


# -- item 4: one bad line -------------------------------------------------------------------------
def test_a_jsonl_line_nested_100000_deep_is_quarantined_and_the_rest_stored(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "day.jsonl"
    path.write_text("\n".join([posting(1), '{"title": ' + DEEP + "}", posting(2), DEEP]) + "\n")
    report = ingest_file(store, get_source("generic"), path)
    assert (report.read, report.stored, report.quarantined) == (4, 2, 2)
    assert [r["source_row"] for r in quarantined(store)] == [1, 3]
    assert all("nested deeper than" in r["reason"] for r in quarantined(store))


def test_the_cli_ingests_the_good_lines_of_a_file_with_a_deep_line(tmp_path: Path) -> None:
    path = tmp_path / "day.jsonl"
    path.write_text(posting(1) + "\n" + DEEP + "\n")
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(main, ["ingest", "generic", str(path), "-q", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    with Store(db, read_only=True) as store:
        assert store.count("postings") == 1 and store.count("quarantine") == 1


def test_an_aijobs_json_record_nested_deep_is_quarantined_and_the_rest_stored(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "ai-jobs-net"
    folder.mkdir()
    path = folder / "salaries.json"
    good = json.dumps(AIJOBS_RECORD)
    other = json.dumps({**AIJOBS_RECORD, "job_title": "Data Scientist"})
    path.write_text(f"[{good},\n {DEEP}, {other}]")
    report = ingest_file(store, get_source("aijobs"), path)
    assert (report.read, report.stored, report.quarantined) == (3, 2, 1)
    assert "nested deeper than" in quarantined(store)[0]["reason"]


def test_an_aijobs_json_array_cut_short_is_one_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "salaries.json"
    path.write_text(f"[{json.dumps(AIJOBS_RECORD)}, {DEEP[:50_000]}")
    with pytest.raises(SourceError, match="truncated") as info:
        ingest_file(store, get_source("aijobs"), path)
    assert "\n" not in str(info.value)


# -- item 7: smaller faults -----------------------------------------------------------------------
def test_nul_bytes_after_the_first_8_kib_are_quarantined_not_stored(
    store: Store, tmp_path: Path
) -> None:
    rows = [f"Data Analyst {n},Acme,{'x' * 80}" for n in range(200)]  # ~18 KiB
    rows[150] = "Data\x00Analyst,Acme,bad"
    path = tmp_path / "jobs.csv"
    path.write_text("title,company,description\n" + "\n".join(rows) + "\n")
    report = ingest_file(store, get_source("generic"), path)
    assert (report.stored, report.quarantined) == (199, 1)
    assert "NUL" in quarantined(store)[0]["reason"]
    assert store.count("postings", "contains(title, chr(0))") == 0


def test_nul_bytes_in_a_jsonl_line_are_quarantined(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "day.jsonl"
    path.write_bytes(("\n".join(posting(n) for n in range(150)) + "\n").encode()
                     + b'{"title": "Data\x00Engineer"}\n')  # fmt: skip
    report = ingest_file(store, get_source("generic"), path)
    assert (report.stored, report.quarantined) == (150, 1)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_read(store: Store, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "jobs.csv"
    text = "title,company\nData Analyst,Café Müller\nML Engineer,Acme\n"
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path.write_bytes(bom + text.encode(encoding))
    report = ingest_file(store, get_source("generic"), path)
    assert report.stored == 2
    assert (
        store.scalar("SELECT company FROM postings WHERE title = 'Data Analyst'") == "Café Müller"
    )


def test_a_latin1_file_error_names_the_line(store: Store, tmp_path: Path) -> None:
    rows = [f"Data Analyst {n},Acme" for n in range(1000)]
    rows[740] = "Data Analyst,Café"
    path = tmp_path / "jobs.csv"
    path.write_bytes(("title,company\n" + "\n".join(rows) + "\n").encode("latin-1"))
    with pytest.raises(SourceError, match=r"not UTF-8 text \(line 742: byte b'\\xe9'") as info:
        ingest_file(store, get_source("generic"), path)
    assert "block" not in str(info.value)


def test_a_symlink_loop_is_named_a_loop(store: Store, tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(SourceError, match="symbolic link loop"):
        ingest_file(store, get_source("generic"), a)
    dangling = tmp_path / "c.csv"
    dangling.symlink_to(tmp_path / "gone.csv")
    with pytest.raises(SourceError, match="broken symbolic link"):
        ingest_file(store, get_source("generic"), dangling)
    with pytest.raises(SourceError, match="no such file"):
        ingest_file(store, get_source("generic"), tmp_path / "missing.csv")


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.csv", ""), ("empty.jsonl", ""), ("header.csv", "title,company\n"),
     ("blank.jsonl", "\n"), ("empty.tsv", "")],
)  # fmt: skip
def test_one_rule_for_files_without_rows_they_are_refused(
    store: Store, tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    source = get_source("generic")
    if name == "blank.jsonl":  # a blank line is a row (quarantined as empty): the file has one
        assert ingest_file(store, source, path).quarantined == 1
        return
    with pytest.raises(SourceError, match="no rows"):
        ingest_file(store, source, path)
    assert store.count("ingest_files") == 0


def test_an_empty_survey_file_is_refused_by_ingest_all(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "ai-jobs-net"
    folder.mkdir()
    (folder / "salaries.csv").write_text(AIJOBS_HEADER + "\n")
    [report] = [r for r in ingest_all(store, tmp_path) if r.source == "aijobs"]
    assert report.refused and "no rows" in report.refused
    assert store.count("ingest_refused") == 1
