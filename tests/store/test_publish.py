"""Published copies: complete, read-only from then on, pointed at atomically, rolled back."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleatlas.exceptions import StoreError
from roleatlas.store import Store, current_release, publish, releases, rollback


def test_a_published_copy_holds_every_commit_and_current_names_it(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert current_release(db) is None
    with Store(db) as store:
        store.execute("CREATE TABLE t (x INTEGER)")
        store.execute("INSERT INTO t VALUES (1), (2)")  # still in the write-ahead log
        first = publish(store)
        store.execute("INSERT INTO t VALUES (3)")
        second = publish(store)
        with Store(first, read_only=True) as copy:  # readable while the store is open
            assert copy.count("t") == 2
    assert current_release(db) == second
    with Store(second, read_only=True) as copy:
        assert copy.count("t") == 3
    assert not list(db.parent.glob("**/*.part"))


def test_rollback_serves_the_copy_before_and_old_copies_are_pruned(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        made = [publish(store, keep=3) for _ in range(5)]
    assert releases(db) == made[-3:]
    assert rollback(db) == made[-2] and current_release(db) == made[-2]
    assert rollback(db) == made[-3]
    with pytest.raises(StoreError, match="older than the current one"):
        rollback(db)


def test_a_read_only_store_cannot_publish(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    with Store(db, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        publish(store)
