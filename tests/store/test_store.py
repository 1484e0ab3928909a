from __future__ import annotations

import pytest

from roleatlas.exceptions import StoreError
from roleatlas.store import MIGRATIONS, Store, utcnow


def test_fresh_store_is_migrated_to_newest(store: Store) -> None:
    assert store.schema_version == MIGRATIONS[-1][0]
    tables = store.table_counts()
    for table in (
        "postings",
        "salary_records",
        "quarantine",
        "onet_occupations",
        "esco_skills",
        "oews_wages",
    ):
        assert tables[table] == 0


def test_reopening_applies_nothing(tmp_path) -> None:
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with Store(path) as again:
        assert again.migrate() == []


def test_insert_ignores_existing_keys(store: Store) -> None:
    row = {
        "id": "q1",
        "source": "x",
        "source_file": "f",
        "source_row": 1,
        "reason": "r",
        "raw": "{}",
        "ingested_at": utcnow(),
    }
    assert store.insert("quarantine", [row]) == 1
    assert store.insert("quarantine", [row]) == 0
    assert store.count("quarantine") == 1


def test_transaction_rolls_back_on_error(store: Store) -> None:
    row = {
        "id": "q1",
        "source": "x",
        "source_file": "f",
        "source_row": 1,
        "reason": "r",
        "raw": "{}",
        "ingested_at": utcnow(),
    }
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.insert("quarantine", [row])
            raise RuntimeError("boom")
    assert store.count("quarantine") == 0


def test_read_only_store_that_does_not_exist_says_so(tmp_path) -> None:
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_bad_query_is_one_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="query failed"):
        store.query("SELECT * FROM no_such_table")


def test_list_columns_round_trip(store: Store) -> None:
    store.insert(
        "posting_facts", [{"posting_id": "p", "fields_of_study": ["statistics", "physics"]}]
    )
    assert store.query("SELECT fields_of_study FROM posting_facts")[0]["fields_of_study"] == [
        "statistics",
        "physics",
    ]
