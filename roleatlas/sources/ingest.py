"""Ingest: source files → store tables, with every row either stored or quarantined.

Each file is ingested in one transaction: a file that fails halfway leaves the store as it
was. A file already ingested with the same content (sha256) is skipped, so re-running adds
nothing; a file whose content changed replaces its earlier rows.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from roleatlas.exceptions import SourceError
from roleatlas.sources.base import Rejected, Row, Source
from roleatlas.sources.clean import content_id
from roleatlas.sources.postings import relative_name
from roleatlas.sources.registry import all_sources
from roleatlas.store import Store, utcnow

#: tables whose rows carry their source file, so one file's rows can be replaced alone
FILE_TABLES = frozenset({"postings", "salary_records"})
BATCH_SIZE = 5000
_SALARY_FIELDS = (
    "work_year", "experience_level", "employment_type", "job_title", "salary", "salary_currency",
    "salary_in_usd", "employee_residence", "remote_ratio", "company_location", "company_size",
)  # fmt: skip

Progress = Callable[[int], None]


@dataclass
class FileReport:
    """What ingesting one file did."""

    source: str
    file: str
    read: int = 0
    stored: int = 0
    quarantined: int = 0
    skipped: bool = False
    seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def ingest_file(
    store: Store,
    source: Source,
    path: Path,
    *,
    data_dir: Path | None = None,
    progress: Progress | None = None,
) -> FileReport:
    """Ingest one file with one adapter; raise ``SourceError`` (store unchanged) if unreadable."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    name = relative_name(path, data_dir)
    digest = _sha256(path)
    report = FileReport(source=source.name, file=name)
    started = time.perf_counter()
    if store.count(
        "ingest_files", "source = ? AND source_file = ? AND sha256 = ?", [source.name, name, digest]
    ):
        report.skipped = True
        return report
    with store.transaction():
        _forget_file(store, source.name, name)
        writer = _Writer(store, source=source.name, file=name, report=report)
        for batch in _batches(source.read(path), BATCH_SIZE):
            writer.write(batch)
            if progress:
                progress(len(batch))
        writer.finish()
        store.insert(
            "ingest_files",
            [
                {
                    "source": source.name,
                    "source_file": name,
                    "sha256": digest,
                    "rows_read": report.read,
                    "rows_stored": report.stored,
                    "rows_quarantined": report.quarantined,
                    "ingested_at": utcnow(),
                }
            ],
        )
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def ingest_all(
    store: Store,
    data_dir: Path,
    *,
    only: Iterable[str] | None = None,
    progress: Callable[[str, Path], Progress | None] | None = None,
) -> list[FileReport]:
    """Ingest every file of every known source found under ``data_dir``."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise SourceError(
            f"data directory {data_dir} does not exist; set --data-dir or ROLEATLAS_DATA_DIR"
        )
    wanted = set(only) if only else None
    reports = []
    for name, source in all_sources().items():
        if wanted is not None and name not in wanted:
            continue
        for path in source.find(data_dir):
            tick = progress(name, path) if progress else None
            reports.append(ingest_file(store, source, path, data_dir=data_dir, progress=tick))
    return reports


def discover(data_dir: Path) -> list[tuple[str, Path]]:
    """``(source, file)`` for every file a known adapter finds under ``data_dir``."""
    return [(n, p) for n, s in all_sources().items() for p in s.find(Path(data_dir))]


class _Writer:
    """Writes one file's records in batches, keeping keys unique and counting everything."""

    def __init__(self, store: Store, *, source: str, file: str, report: FileReport) -> None:
        self.store, self.source, self.file, self.report = store, source, file, report
        self.seen_keys: dict[str, dict[tuple[Any, ...], int | None]] = defaultdict(dict)
        self.key_columns: dict[str, list[str]] = {}
        self.cleared: set[str] = set()
        self.now = utcnow()

    def write(self, records: list[Row | Rejected]) -> None:
        by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
        rejected: list[Rejected] = []
        for record in records:
            self.report.read += 1
            if isinstance(record, Rejected):
                rejected.append(record)
                continue
            values = dict(record.values)
            values["ingested_at"] = self.now
            if record.table in FILE_TABLES:
                # the ingest layer names the file, so the id is unique per file and row
                values["source"], values["source_file"] = self.source, self.file
                values["id"] = content_id(self.source, self.file, record.row, values.get("id"))
            if record.table == "salary_records":
                values["content_key"] = content_id(*(values.get(f) for f in _SALARY_FIELDS))
            duplicate_of = self._repeat(record.table, values, record.row)
            if duplicate_of is not False:
                rejected.append(
                    Rejected(
                        reason=f"repeats the key of row {duplicate_of}", raw=values, row=record.row
                    )
                )
                continue
            by_table[record.table].append(values)
        for table, rows in by_table.items():
            if table not in FILE_TABLES and table not in self.cleared:
                self.store.execute(f'DELETE FROM "{table}"')
                self.cleared.add(table)
            stored = self.store.insert(table, rows)
            if stored < len(rows) and table in FILE_TABLES:
                rejected.extend(self._not_stored(table, rows))
            self.report.stored += stored
        if rejected:
            self._quarantine(rejected)

    def finish(self) -> None:
        """Link duplicates: postings to their canonical posting, survey repeats to the first."""
        self.store.execute(
            """
            UPDATE postings SET canonical_id = c.cid FROM (
                SELECT id, first_value(id) OVER (
                    PARTITION BY dedup_key ORDER BY ingested_at, source, source_file, source_row
                ) AS cid FROM postings
                WHERE dedup_key IN (SELECT dedup_key FROM postings WHERE ingested_at = ?)
            ) c
            WHERE postings.id = c.id AND postings.canonical_id IS DISTINCT FROM c.cid
            """,
            [self.now],
        )
        self.store.execute(
            """
            UPDATE salary_records SET duplicate_of = c.first_id FROM (
                SELECT id, first_value(id) OVER (
                    PARTITION BY content_key ORDER BY ingested_at, source_file, source_row
                ) AS first_id FROM salary_records
                WHERE content_key IN (SELECT content_key FROM salary_records WHERE ingested_at = ?)
            ) c
            WHERE salary_records.id = c.id AND c.first_id <> c.id
              AND salary_records.duplicate_of IS DISTINCT FROM c.first_id
            """,
            [self.now],
        )

    def _not_stored(self, table: str, rows: list[dict[str, Any]]) -> list[Rejected]:
        """Rows an insert skipped because their id was already stored (by another file)."""
        ids = [r["id"] for r in rows]
        fresh = {
            r["id"]
            for r in self.store.query(
                f'SELECT id FROM "{table}" WHERE ingested_at = ? AND list_contains(?, id)', [self.now, ids]
            )
        }
        return [
            Rejected(reason="already stored from another file", raw=r, row=r.get("source_row"))
            for r in rows
            if r["id"] not in fresh
        ]

    def _repeat(self, table: str, values: dict[str, Any], row: int | None) -> int | None | bool:
        """The row number an earlier row with the same primary key had, else False."""
        if table not in self.key_columns:
            self.key_columns[table] = self.store.primary_key(table)
        columns = self.key_columns[table]
        if not columns:
            return False
        key = tuple(values.get(c) for c in columns)
        seen = self.seen_keys[table]
        if key in seen:
            return seen[key]
        seen[key] = row
        return False

    def _quarantine(self, rejected: list[Rejected]) -> None:
        rows = []
        for record in rejected:
            self.report.reasons[record.reason] = self.report.reasons.get(record.reason, 0) + 1
            rows.append(
                {
                    "id": content_id(
                        self.source,
                        self.file,
                        record.row,
                        record.reason,
                        len(rows),
                        self.report.read,
                    ),
                    "source": self.source,
                    "source_file": self.file,
                    "source_row": record.row,
                    "reason": record.reason,
                    "raw": json.dumps(record.raw, default=str, ensure_ascii=False),
                    "ingested_at": self.now,
                }
            )
        self.report.quarantined += self.store.insert("quarantine", rows)


def _forget_file(store: Store, source: str, name: str) -> None:
    """Remove what an earlier version of this file put in the store."""
    for table in ("postings", "salary_records", "quarantine"):
        store.execute(f'DELETE FROM "{table}" WHERE source = ? AND source_file = ?', [source, name])
    store.execute("DELETE FROM ingest_files WHERE source = ? AND source_file = ?", [source, name])


def _batches(records: Iterator[Row | Rejected], size: int) -> Iterator[list[Row | Rejected]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
