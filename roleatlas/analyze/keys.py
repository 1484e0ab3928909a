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
from datetime import date
from typing import Any

from roleatlas import config
from roleatlas.store import Store

TABLE = "_ra_posting_keys"
#: the canonical postings the analysis describes: those of the recent-market window
FACTS = "_ra_facts"
#: the key under which the leadership family's postings are counted together as well
FAMILY = "leadership-family"
#: the data, ML and AI leadership roles whose postings are pooled when one alone is too thin
LEADERSHIP_FAMILY = (
    "head-of-data-science", "head-of-machine-learning", "head-of-data", "chief-data-officer",
    "data-science-manager", "machine-learning-manager",
)  # fmt: skip
#: the low 32 bits of a recency key hold the posting's ``pid``
PID_BITS = 32
#: distinct employers one salary string must be shown for, within one source file, to be read as
#: the band of the scraper's search rather than pay stated by each employer (docs/METHODS.md)
BAND_MIN_EMPLOYERS = 10
#: the (file, salary string) pairs that are search bands: the same text on many employers
BANDS_SQL = f"""
    SELECT p.source_file, p.salary_text FROM postings p
    WHERE p.salary_text IS NOT NULL AND p.company IS NOT NULL
    GROUP BY ALL
    HAVING count(DISTINCT regexp_replace(lower(p.company), '[^a-z0-9]+', '', 'g'))
           >= {BAND_MIN_EMPLOYERS}
"""


def _exists(store: Store, table: str) -> bool:
    return bool(store.query("SELECT 1 FROM duckdb_tables() WHERE table_name = ?", [table]))


@contextmanager
def analysis_facts(store: Store, *, months: int | None = None) -> Iterator[dict[str, Any]]:
    """Make ``_ra_facts``, the canonical postings of the recent window, for the block.

    The window is the ``months`` (``config.recent_months()``; 0: all history) up to the newest
    dated canonical posting. A posting is in it when its posting (or listing) date, else its
    scrape date, falls inside; postings with no date at all are left out of a window. Yields
    the window: ``{"months", "from", "to", "postings", "older", "undated"}``. An inner block
    keeps the table its outer block made (and yields ``{}``).
    """
    if _exists(store, FACTS):
        yield {}
        return
    source, window = window_facts(store, months=months)
    store.execute(f"CREATE TEMP TABLE {FACTS} AS {source}")
    try:
        yield window
    finally:
        store.execute(f"DROP TABLE IF EXISTS {FACTS}")


def window_facts(store: Store, *, months: int | None = None) -> tuple[str, dict[str, Any]]:
    """The SQL selecting the window's canonical facts, and the window (see analysis_facts).

    A read-only store cannot make the temporary table, so its readers use this query inline.
    """
    months = config.recent_months() if months is None else months
    day = "coalesce(f.posted_on, f.scraped_on)"
    newest = store.scalar(f"SELECT max({day}) FROM posting_facts f WHERE f.is_canonical")
    start = months_before(newest, months) if months and newest is not None else None
    inside = f"{day} >= DATE '{start.isoformat()}'" if start else "true"
    counts = store.query(
        f"""SELECT count(*) FILTER (WHERE {inside}) AS inside,
                   count(*) FILTER (WHERE {day} IS NULL) AS undated,
                   count(*) FILTER (WHERE {day} IS NOT NULL AND NOT ({inside})) AS older
            FROM posting_facts f WHERE f.is_canonical"""
    )[0]
    window = {
        "months": months or None,
        "from": start.isoformat() if start else None,
        "to": newest.isoformat() if newest else None,
        "postings": int(counts["inside"] or 0),
        "older": int(counts["older"] or 0) if start else 0,
        "undated": int(counts["undated"] or 0) if start else 0,
    }
    own = (
        f"SELECT f.*, {search_band_sql(store)} AS search_band FROM posting_facts f "
        f"WHERE f.is_canonical AND ({inside})"
    )
    # the leadership family's postings once more under the family's key, so every per-role
    # figure also exists for the family (pages show it beside a thin leadership role's own n)
    family = ", ".join(f"'{r}'" for r in LEADERSHIP_FAMILY)
    source = (
        f"{own} UNION ALL SELECT * REPLACE ('{FAMILY}' AS role) FROM ({own}) "
        f"WHERE role IN ({family})"
    )
    return source, window


def search_band_sql(store: Store, alias: str = "f") -> str:
    """A boolean SQL expression: the fact's pay is its file's search band, not stated pay.

    True when the pay was read from the posting's salary field (not its text) and that exact
    salary string is shown for ``BAND_MIN_EMPLOYERS`` or more distinct employers in the same
    source file: one band on many employers is the band the scraper searched, the same rule for
    every file (docs/METHODS.md, "Search bands").
    """
    if not _exists(store, "postings"):
        return "false"
    return (
        f"coalesce({alias}.salary_origin = 'field' AND {alias}.posting_id IN ("
        f"SELECT p.id FROM postings p JOIN ({BANDS_SQL}) b "
        f"ON b.source_file = p.source_file AND b.salary_text = p.salary_text), false)"
    )


def months_before(newest: date, months: int) -> date:
    """The first day of the window of ``months`` calendar months ending in ``newest``'s month."""
    index = newest.year * 12 + newest.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


@contextmanager
def posting_keys(store: Store) -> Iterator[str]:
    """Make ``_ra_posting_keys`` for the duration of the block (kept if it already exists)."""
    if _exists(store, TABLE):
        yield TABLE
        return
    with analysis_facts(store):
        yield from _posting_keys(store)


def _posting_keys(store: Store) -> Iterator[str]:
    store.execute(
        f"""CREATE TEMP TABLE {TABLE} AS
            SELECT posting_id, role, pid,
                   (day << {PID_BITS}) + pid AS recent,
                   (day << {PID_BITS}) + ({2**PID_BITS - 1} - pid) AS recent_low_id
            FROM (SELECT f.posting_id, f.role,
                         coalesce(date_diff('day', DATE '0001-01-01', f.posted_on) + 1, 0)::BIGINT
                           AS day,
                         dense_rank() OVER (ORDER BY f.posting_id) AS pid
                  FROM {FACTS} f WHERE f.is_canonical)"""
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
