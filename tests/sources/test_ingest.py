"""Ingestion end to end: real files into a real store, nothing lost, re-runs add nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from roleatlas.cli import main
from roleatlas.exceptions import SourceError
from roleatlas.sources import (
    all_sources,
    discover,
    get_source,
    ingest_all,
    ingest_file,
    store_status,
)
from roleatlas.store import Store

CASES = Path(__file__).parent / "cases" / "ingest"
POSTING_FOLDERS = (
    "glassdoor-ds-2020-kenjee",
    "glassdoor-ds-kaggle-uncleaned",
    "glassdoor-da-2022-nadirbcn",
    "glassdoor-de-2023-hamitouche",
    "glassdoor-au-da-2021-poorvaldhotre",
    "linkedin-ca-2018-linpingyu",
    "indeed-ca-2018-linpingyu",
    "linkedin-us-ml-2025-ivankmk",
    "linkedin-us-aiml-2024",
    "stepstone-de-2022-agurowietz",
)
#: the 2022-2026 sources: (source, file or folder under the data directory)
NEW_SOURCES = (
    ("remotewlb", "remotewlb-2024/jobs/Python/2024-03"),
    ("hackernews", "hn-whoishiring-2026/runs/2026-05-05/raw.json"),
    ("stepstone", "stepstone-de-2024-sspratz96/dataset_stepstone.xlsx"),
    ("stepstone", "stepstone-de-2022-agurowietz/data_science_jobs.csv"),
    ("linkedin-us-ml", "linkedin-us-ml-2025-ivankmk/1000_ml_jobs_us.csv"),
    ("linkedin-us-aiml", "linkedin-us-aiml-2024/ai_ml_jobs_linkedin.csv"),
)


def test_every_shared_data_file_has_an_adapter(data_dir: Path) -> None:
    found = {p.relative_to(data_dir).as_posix() for _, p in discover(data_dir)}
    for folder in POSTING_FOLDERS:
        for csv_file in (data_dir / folder).glob("*.csv"):
            assert csv_file.relative_to(data_dir).as_posix() in found
    assert "ai-jobs-net/salaries.csv" in found
    assert "bls-oews/oews-2025.sqlite" in found
    assert {"esco/skills.csv", "esco/occupations.csv"} <= found
    assert "onet-29.3/Occupation Data.txt" in found
    by_source = {(n, p.relative_to(data_dir).as_posix()) for n, p in discover(data_dir)}
    for pair in NEW_SOURCES:
        assert pair in by_source, pair
    # every RemoteWLB month folder and every HN run is found, once, by one adapter
    months = {p.parent.relative_to(data_dir) for p in data_dir.glob("remotewlb-2024/jobs/*/*/*")}
    assert {p for n, p in by_source if n == "remotewlb"} == {m.as_posix() for m in months}
    assert len([p for n, p in by_source if n == "hackernews"]) == 7
    claimed = [p for _, p in discover(data_dir)]
    assert len(claimed) == len(set(claimed))


def test_status_shows_every_new_source(ingested_db: Path) -> None:
    with Store(ingested_db, read_only=True) as store:
        status = store_status(store)
    for name in {n for n, _ in NEW_SOURCES}:
        counts = status["sources"][name]
        assert counts["stored"] > 0 and counts["read"] == counts["stored"] + counts["quarantined"]
        assert counts["first_date"] and counts["last_date"], name
    assert status["sources"]["remotewlb"]["read"] == 15723
    assert status["sources"]["hackernews"]["last_date"] >= "2026-05-01"


def test_every_row_read_is_stored_or_quarantined(ingested_db: Path) -> None:
    with Store(ingested_db, read_only=True) as store:
        status = store_status(store)
        assert set(status) == {"sources", "refused", "tables"}
        assert status["refused"] == []  # every shared file has an adapter that reads it
        for name, counts in status["sources"].items():
            assert counts["read"] == counts["stored"] + counts["quarantined"], name
            assert set(counts) >= {"read", "stored", "quarantined", "duplicates"}
        stored_rows = store.count("postings") + store.count("salary_records")
        by_status = sum(
            s["stored"] for n, s in status["sources"].items() if n not in ("onet", "esco", "oews")
        )
        assert stored_rows == by_status
        assert store.count("quarantine") == sum(
            s["quarantined"] for s in status["sources"].values()
        )


def test_survey_keeps_every_record_and_marks_exact_repeats(ingested_db: Path) -> None:
    with Store(ingested_db, read_only=True) as store:
        assert (
            store.count("salary_records") + store.count("quarantine", "source = 'aijobs'") == 74301
        )
        repeats = store.count("salary_records", "duplicate_of IS NOT NULL")
        # SOURCES.md: 39,304 rows repeat another row exactly
        assert repeats == 39304


def test_scraped_duplicates_are_linked_not_dropped(ingested_db: Path) -> None:
    with Store(ingested_db, read_only=True) as store:
        nadir = store.query(
            "SELECT count(*) AS rows, count(DISTINCT canonical_id) AS canonical FROM postings "
            "WHERE source_file LIKE 'glassdoor-da-2022-nadirbcn/%'"
        )[0]
        assert nadir["rows"] > 3 * nadir["canonical"]
        assert store.count("postings", "canonical_id IS NULL") == 0
        # the same posting in both LinkedIn files points at one canonical posting
        cross = store.scalar(
            "SELECT count(*) FROM postings p JOIN postings c ON c.id = p.canonical_id "
            "WHERE p.source = 'linkedin' AND c.source = 'linkedin' AND c.source_file <> p.source_file"
        )
        assert cross > 100  # SOURCES.md: ~240 postings are in both LinkedIn files


def test_second_ingest_adds_nothing(ingested_db: Path, data_dir: Path) -> None:
    with Store(ingested_db) as store:
        before = store.table_counts()
        reports = ingest_all(store, data_dir)
        assert all(r.skipped for r in reports)
        assert store.table_counts() == before


def test_cli_ingest_all_and_status_json(tmp_path: Path, data_dir: Path) -> None:
    small = tmp_path / "data"
    shutil.copytree(data_dir / "glassdoor-ds-2020-kenjee", small / "glassdoor-ds-2020-kenjee")
    shutil.copytree(data_dir / "indeed-ca-2018-linpingyu", small / "indeed-ca-2018-linpingyu")
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    first = runner.invoke(
        main, ["ingest", "--all", "-q", "--db", str(db), "--data-dir", str(small)]
    )
    assert first.exit_code == 0, first.output
    again = runner.invoke(
        main, ["ingest", "--all", "-q", "--db", str(db), "--data-dir", str(small)]
    )
    assert "skipped" in again.output
    status = json.loads(runner.invoke(main, ["status", "--json", "--db", str(db)]).output)
    assert set(status["sources"]) == {"glassdoor", "indeed"}
    for counts in status["sources"].values():
        assert counts["read"] == counts["stored"] + counts["quarantined"]
        assert isinstance(counts["duplicates"], int)
    assert status["tables"]["postings"] == sum(c["stored"] for c in status["sources"].values())


def test_truncated_file_is_one_error_and_changes_nothing(store: Store, data_dir: Path) -> None:
    glassdoor = get_source("glassdoor")
    ingest_file(
        store,
        glassdoor,
        data_dir / "glassdoor-ds-2020-kenjee" / "glassdoor_jobs.csv",
        data_dir=data_dir,
    )
    before = store.table_counts()
    with pytest.raises(SourceError) as info:
        ingest_file(store, glassdoor, CASES / "truncated.csv")
    assert "\n" not in str(info.value)
    assert store.table_counts() == before


@pytest.mark.parametrize(
    "content, needle",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Job Title,Salary Estimate\nDatenanalyst,Zürich 50.000\n".encode("latin-1"), "UTF-8"),
        (b"foo,bar\n1,2\n", "Job Title"),
        (b"", "Job Title"),
    ],
)
def test_malformed_files_give_one_clear_line(tmp_path: Path, content: bytes, needle: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    db = tmp_path / "bad.duckdb"
    result = CliRunner().invoke(main, ["ingest", "glassdoor", str(bad), "-q", "--db", str(db)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0], result.output
    assert "Traceback" not in result.output


def test_unknown_source_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["ingest", "nope", "x.csv", "--db", str(tmp_path / "x.duckdb")]
    )
    assert result.exit_code == 2 and "unknown source 'nope'" in result.output


def test_every_adapter_has_a_name_and_description() -> None:
    sources = all_sources()
    assert {"glassdoor", "linkedin", "indeed", "aijobs", "onet", "esco", "oews"} <= set(sources)
    for name, source in sources.items():
        assert source.name == name and source.description
