"""Canonical postings as dense integers, so SQL counts and ranks integers, not 20-char ids.

``_ra_posting_keys`` holds, per canonical posting: ``pid``, its rank in posting-id order (so
ordering by ``pid`` is ordering by id), and two BIGINT recency keys whose larger value is the
newer posting (no date counts as oldest) — ``recent`` breaks ties by the larger id (the order
``responsibilities.role_responsibilities`` lists example postings in), ``recent_low_id`` by the
smaller. A top-k is then ``max(key, k)``: a bounded heap instead of a sort of every posting.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from roleatlas.store import Store

TABLE = "_ra_posting_keys"
#: the low 32 bits of a recency key hold the posting's ``pid``
PID_BITS = 32


@contextmanager
def posting_keys(store: Store) -> Iterator[str]:
    """Make ``_ra_posting_keys`` for the duration of the block (kept if it already exists)."""
    if store.query("SELECT 1 FROM duckdb_tables() WHERE table_name = ?", [TABLE]):
        yield TABLE
        return
    store.execute(
        f"""CREATE TEMP TABLE {TABLE} AS
            SELECT posting_id, role, pid,
                   (day << {PID_BITS}) + pid AS recent,
                   (day << {PID_BITS}) + ({2**PID_BITS - 1} - pid) AS recent_low_id
            FROM (SELECT f.posting_id, f.role,
                         coalesce(date_diff('day', DATE '0001-01-01', f.posted_on) + 1, 0)::BIGINT
                           AS day,
                         dense_rank() OVER (ORDER BY f.posting_id) AS pid
                  FROM posting_facts f WHERE f.is_canonical)"""
    )
    try:
        yield TABLE
    finally:
        store.execute(f"DROP TABLE IF EXISTS {TABLE}")


def posting_ids(store: Store, pids: set[int]) -> dict[int, str]:
    """``pid -> posting_id`` for a few pids (inside a ``posting_keys`` block)."""
    if not pids:
        return {}
    return {
        r["pid"]: r["posting_id"]
        for r in store.query(
            f"SELECT DISTINCT pid, posting_id FROM {TABLE} WHERE pid IN (SELECT unnest(?))",
            [sorted(pids)],
        )
    }


def pid_of(key: int) -> int:
    """The ``pid`` inside a ``recent`` key."""
    return key & (2**PID_BITS - 1)
