"""A data directory's layout never changes what is stored: links, copies, same-named files."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from roleatlas import pipeline
from roleatlas.cli import main
from roleatlas.sources import ingest_all, store_status
from roleatlas.store import Store

GLASSDOOR = (
    "glassdoor-ds-2020-kenjee",
    "glassdoor-ds-kaggle-uncleaned",
    "glassdoor-da-2022-nadirbcn",
    "glassdoor-de-2023-hamitouche",
    "glassdoor-au-da-2021-poorvaldhotre",
)
#: data rows of the five Glassdoor copies (SOURCES.md: 803 + 576 + 904 + 710 + 735)
GLASSDOOR_ROWS = 3728


#: every stored table a build writes per posting, with the order that makes rows comparable
TABLES = {
    "postings": "SELECT * EXCLUDE (ingested_at) FROM postings ORDER BY id",
    "posting_facts": "SELECT * FROM posting_facts ORDER BY posting_id",
    "posting_skills": "SELECT * FROM posting_skills ORDER BY ALL",
    "posting_responsibilities": "SELECT * FROM posting_responsibilities ORDER BY ALL",
}


def _tables(db: Path) -> dict[str, list[tuple]]:
    with Store(db, read_only=True) as store:
        return {t: [tuple(r.values()) for r in store.query(sql)] for t, sql in TABLES.items()}


def _ingest(data: Path, db: Path, *, build: bool = False) -> dict:
    with Store(db) as store:
        ingest_all(store, data, only=["glassdoor"])
        if build:
            pipeline.build(store, ingest=False)
        return store_status(store)


def test_linked_folders_store_what_copies_store(tmp_path: Path, data_dir: Path) -> None:
    copies, links = tmp_path / "copies", tmp_path / "links"
    copies.mkdir()
    links.mkdir()
    for folder in GLASSDOOR:
        shutil.copytree(data_dir / folder, copies / folder)
        (links / folder).symlink_to((data_dir / folder).resolve(), target_is_directory=True)
    # the data directory itself may be a link too
    linked_dir = tmp_path / "data-link"
    linked_dir.symlink_to(links, target_is_directory=True)
    status = _ingest(copies, tmp_path / "copies.duckdb", build=True)
    linked = _ingest(linked_dir, tmp_path / "links.duckdb", build=True)
    assert status["sources"]["glassdoor"]["files"] == 5
    assert status["sources"]["glassdoor"]["read"] == GLASSDOOR_ROWS
    assert linked["sources"]["glassdoor"] == {
        **status["sources"]["glassdoor"],
        "last_ingested": linked["sources"]["glassdoor"]["last_ingested"],
    }
    copied, linked_rows = _tables(tmp_path / "copies.duckdb"), _tables(tmp_path / "links.duckdb")
    for table in TABLES:
        assert copied[table], table
        assert copied[table] == linked_rows[table], table  # row for row, ids included
    with Store(tmp_path / "links.duckdb", read_only=True) as store:
        files = {r["source_file"] for r in store.query("SELECT source_file FROM postings")}
    assert files == {f"{folder}/{_file(folder)}" for folder in GLASSDOOR}


def _file(folder: str) -> str:
    return {
        "glassdoor-ds-kaggle-uncleaned": "Uncleaned_DS_jobs.csv",
        "glassdoor-de-2023-hamitouche": "jobs.csv",
    }.get(folder, "glassdoor_jobs.csv")


def test_two_files_of_one_name_are_two_files(tmp_path: Path, data_dir: Path) -> None:
    data = tmp_path / "data"
    for folder in ("glassdoor-ds-2020-kenjee", "glassdoor-da-2022-nadirbcn"):
        (data / folder).mkdir(parents=True)
        (data / folder / "glassdoor_jobs.csv").symlink_to(
            (data_dir / folder / "glassdoor_jobs.csv").resolve()
        )
    status = _ingest(data, tmp_path / "s.duckdb")
    assert status["sources"]["glassdoor"]["files"] == 2
    assert status["sources"]["glassdoor"]["read"] == 803 + 904
    assert status["sources"]["glassdoor"]["stored"] + status["sources"]["glassdoor"][
        "quarantined"
    ] == (803 + 904)


def test_a_refused_file_never_stops_the_others(tmp_path: Path, data_dir: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(data_dir / "glassdoor-ds-2020-kenjee", data / "glassdoor-ds-2020-kenjee")
    broken = data / "glassdoor-broken" / "glassdoor_jobs.csv"
    broken.parent.mkdir()
    broken.write_text("row_id,Company Name\n0,Acme\n")  # no title column: the file is refused
    (data / "NOTES.md").write_text("where these files came from\n")  # read by no adapter
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    result = runner.invoke(
        main, ["ingest", "--all", "-q", "--db", str(db), "--data-dir", str(data)]
    )
    assert result.exit_code == 0, result.output
    assert "glassdoor-broken/glassdoor_jobs.csv: refused: " in result.output
    assert "Traceback" not in result.output
    assert "2 files found: 1 ingested, 0 unchanged, 1 refused" in result.output
    assert "1 file under " in result.output and "no adapter reads: NOTES.md" in result.output
    status = runner.invoke(main, ["status", "--db", str(db)])
    assert "refused: glassdoor glassdoor-broken/glassdoor_jobs.csv" in status.output
    with Store(db, read_only=True) as store:
        assert store.count("postings") + store.count("quarantine") == 803
    # once the file is mended it is ingested and no longer listed as refused
    shutil.copy(data / "glassdoor-ds-2020-kenjee" / "glassdoor_jobs.csv", broken)
    again = runner.invoke(main, ["ingest", "--all", "-q", "--db", str(db), "--data-dir", str(data)])
    assert "2 files found: 1 ingested, 1 unchanged, 0 refused" in again.output
    with Store(db, read_only=True) as store:
        assert store.count("ingest_refused") == 0
