"""What the store holds, per source: rows read, stored, quarantined, duplicates, dates."""

from __future__ import annotations

from typing import Any

from roleatlas.store import Store


def store_status(store: Store) -> dict[str, Any]:
    """``{"sources": {name: {read, stored, quarantined, duplicates, ...}}, "tables": {...}}``."""
    sources: dict[str, dict[str, Any]] = {}
    for row in store.query(
        "SELECT source, count(*) AS files, sum(rows_read) AS read, sum(rows_stored) AS stored, "
        "sum(rows_quarantined) AS quarantined, max(ingested_at) AS last_ingested "
        "FROM ingest_files GROUP BY source ORDER BY source"
    ):
        sources[row["source"]] = {
            **_empty_source(),
            **{k: int(row[k]) for k in ("read", "stored", "quarantined", "files")},
            "last_ingested": row["last_ingested"].isoformat(timespec="seconds"),
        }
    for row in store.query(
        "SELECT source, count(*) FILTER (WHERE canonical_id <> id) AS duplicates, "
        "min(coalesce(posted_date, scraped_at)) AS first_date, "
        "max(coalesce(posted_date, scraped_at)) AS last_date FROM postings GROUP BY source"
    ):
        _merge(sources, row)
    for row in store.query(
        "SELECT source, count(*) FILTER (WHERE duplicate_of IS NOT NULL) AS duplicates, "
        "make_date(min(work_year), 1, 1) AS first_date, make_date(max(work_year), 12, 31) AS last_date "
        "FROM salary_records GROUP BY source"
    ):
        _merge(sources, row)
    refused = store.query(
        "SELECT source, source_file, reason, refused_at FROM ingest_refused ORDER BY ALL"
    )
    for row in refused:
        entry = sources.setdefault(row["source"], _empty_source())
        entry["refused"] += 1
    return {"sources": sources, "refused": refused, "tables": store.table_counts()}


def _empty_source() -> dict[str, Any]:
    """The status of a source none of whose files was ingested."""
    return {
        "read": 0, "stored": 0, "quarantined": 0, "duplicates": 0, "files": 0, "refused": 0,
        "first_date": None, "last_date": None, "last_ingested": None,
    }  # fmt: skip


def _merge(sources: dict[str, dict[str, Any]], row: dict[str, Any]) -> None:
    entry = sources.get(row["source"])
    if entry is None:
        return
    entry["duplicates"] = int(row["duplicates"] or 0)
    for key in ("first_date", "last_date"):
        if row[key] is not None:
            entry[key] = row[key].isoformat()


def list_quarantine(
    store: Store, *, source: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Quarantined rows with their reasons, newest files first."""
    where, params = ("WHERE source = ?", [source]) if source else ("", [])
    return store.query(
        f"SELECT source, source_file, source_row, reason, raw FROM quarantine {where} "
        "ORDER BY source, source_file, source_row LIMIT ?",
        [*params, limit],
    )


def quarantine_reasons(store: Store) -> list[dict[str, Any]]:
    """How many rows each reason quarantined, per source."""
    return store.query(
        "SELECT source, reason, count(*) AS rows FROM quarantine "
        "GROUP BY source, reason ORDER BY source, rows DESC"
    )
