"""The build over the real data: every stage reports, re-runs do nothing, new data is incremental."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from roleatlas.cli import main
from roleatlas.pipeline import build
from roleatlas.sources import get_source, ingest_file
from roleatlas.store import Store


def test_built_store_has_facts_for_every_posting_and_record(built_store: Store) -> None:
    assert built_store.count("posting_facts") == built_store.count("postings")
    assert built_store.count("survey_facts") == built_store.count("salary_records")
    assert built_store.count("posting_facts", "extractor_version IS NULL") == 0
    assert built_store.count("posting_skills") > 10_000
    states = {r["stage"] for r in built_store.query("SELECT stage FROM build_state")}
    assert states == {"normalize", "extract", "analyze"}
    # scraped duplicates are kept but counted once
    canonical = built_store.count("posting_facts", "is_canonical")
    assert canonical == built_store.scalar("SELECT count(DISTINCT canonical_id) FROM postings")


def test_rebuild_with_nothing_changed_does_no_work(built_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(built_db, copy)
    with Store(copy) as store:
        reports = build(store, ingest=False)
    assert all(r.skipped for r in reports), [r.to_dict() for r in reports]


def test_a_new_day_of_postings_is_processed_alone(
    built_db: Path, tmp_path: Path, new_day_file: Path
) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(built_db, copy)
    with Store(copy) as store:
        before = store.count("posting_facts")
        ingest_file(store, get_source("generic"), new_day_file)
        reports = {r.stage: r for r in build(store, ingest=False)}
        assert reports["normalize"].rows_in == 2
        assert reports["extract"].rows_in == 2
        assert not reports["analyze"].skipped
        assert store.count("posting_facts") == before + 2
        row = store.query(
            "SELECT f.role, f.seniority, f.annual_min_usd FROM posting_facts f "
            "JOIN postings p ON p.id = f.posting_id "
            "WHERE p.source = 'generic' AND p.title = 'Senior Data Engineer'"
        )[0]
        assert row == {"role": "data-engineer", "seniority": "senior", "annual_min_usd": 150_000}


def test_cli_build_prints_each_stage(built_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(built_db, copy)
    result = CliRunner().invoke(
        main, ["build", "--no-ingest", "--force", "-q", "--db", str(copy), "--json"]
    )
    assert result.exit_code == 0, result.output
    stages = json.loads(result.output)
    assert [s["stage"] for s in stages] == ["normalize", "extract", "analyze"]
    for stage in stages:
        assert stage["rows_in"] > 0 and stage["rows_out"] > 0 and stage["seconds"] >= 0
