"""Shared fixtures: the real data directory, and one real store ingested and built per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roleatlas import config
from roleatlas.store import Store


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The shared real data (``ROLEATLAS_DATA_DIR``, default ``../shared/data``)."""
    path = config.data_dir()
    if not path.is_dir():
        pytest.skip(f"real data directory {path} not found (set ROLEATLAS_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def ingested_db(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file with every real source ingested once for the whole session."""
    from roleatlas.sources import ingest_all

    path = tmp_path_factory.mktemp("store") / "roleatlas.duckdb"
    with Store(path) as store:
        ingest_all(store, data_dir)
    return path


@pytest.fixture(scope="session")
def built_db(ingested_db: Path) -> Path:
    """The session store after the whole build (normalize, extract, analyze)."""
    from roleatlas.pipeline import build

    with Store(ingested_db) as store:
        build(store, ingest=False)
    return ingested_db


@pytest.fixture
def built_store(built_db: Path):  # type: ignore[no-untyped-def]
    """A read-only handle on the built session store."""
    with Store(built_db, read_only=True) as store:
        yield store


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh, empty store in a temporary directory."""
    with Store(tmp_path / "fresh.duckdb") as fresh:
        yield fresh


@pytest.fixture
def new_day_file(tmp_path: Path) -> Path:
    """A new day's file of two postings in the generic JSON-lines format (an incremental build)."""
    day = tmp_path / "postings-2026-11-27.jsonl"
    postings = [
        {"title": "Senior Data Engineer", "company": "Acme Analytics", "location": "Austin, TX",
         "description": "Build pipelines in Python and SQL on Airflow and Snowflake. 5+ years of experience.",
         "salary_text": "$150K-$180K (Employer est.)", "posted_date": "2026-11-27"},
        {"title": "Machine Learning Engineer", "company": "Acme Analytics", "location": "Remote",
         "description": "Train and deploy PyTorch models on AWS. BS in Computer Science required.",
         "posted_date": "2026-11-27"},
    ]  # fmt: skip
    day.write_text("\n".join(json.dumps(p) for p in postings) + "\n")
    return day
