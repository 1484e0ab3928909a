"""Ingest: source files → store tables, with every row either stored or quarantined.

Each file is ingested in one transaction: a file that fails halfway leaves the store as it
was. A file already ingested with the same content (sha256) is skipped, so re-running adds
nothing; a file whose content changed replaces its earlier rows. A unit of ingest may also be
a folder (a tree of one-posting files): its digest covers every file's path and content.

``ingest_all`` never stops at one bad file: a file an adapter refuses is reported (and recorded
in ``ingest_refused``) with its one-line reason, and the other files are ingested.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

import pyarrow as pa

from roleatlas.exceptions import SourceError
from roleatlas.sources.base import ChunkedSource, Rejected, Row, Source
from roleatlas.sources.clean import content_id
from roleatlas.sources.dedup import link_postings
from roleatlas.sources.files import require_path
from roleatlas.sources.postings import relative_name
from roleatlas.sources.prepare import (
    FILE_TABLES,
    Context,
    Prepared,
    prepare_chunks,
    stored_values,
)
from roleatlas.sources.registry import all_sources
from roleatlas.store import Store, utcnow

BATCH_SIZE = 5000
#: chunks streamed into one INSERT: the database compresses and writes a statement's full row
#: groups (122,880 rows) while it runs, so the commit stays short and memory flat
SEGMENT_CHUNKS = 25
#: the database's memory cap while ingesting: it keeps the blocks it writes cached up to its
#: limit (80% of RAM by default), so without a cap its memory grows with the file
MEMORY_LIMIT_BYTES = 512 << 20

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
    #: the one-line reason the whole file was refused (nothing of it stored), else None
    refused: str | None = None
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
    require_path(path)
    name = relative_name(path, data_dir)
    digest = _sha256(path) if path.is_file() else _tree_sha256(path)
    report = FileReport(source=source.name, file=name)
    started = time.perf_counter()
    if store.count(
        "ingest_files", "source = ? AND source_file = ? AND sha256 = ?", [source.name, name, digest]
    ):
        report.skipped = True
        return report
    with store.memory_capped(MEMORY_LIMIT_BYTES), store.transaction():
        _forget_file(store, source.name, name)
        writer = _Writer(store, source=source.name, file=name, report=report)
        if isinstance(source, ChunkedSource):
            _write_chunks(writer, source, path, progress)
        else:
            for batch in _batches(source.read(path), BATCH_SIZE):
                writer.write(batch)
                if progress:
                    progress(len(batch))
        writer.finish()
        if not report.read:  # one rule for every format: a file without rows is refused
            raise SourceError(f"{path}: no rows (an empty file, or a header alone)")
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
        store.execute(
            "DELETE FROM ingest_refused WHERE source = ? AND source_file = ?", [source.name, name]
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
            try:
                report = ingest_file(store, source, path, data_dir=data_dir, progress=tick)
            except SourceError as exc:
                report = _refuse(store, source.name, relative_name(path, data_dir), str(exc))
            reports.append(report)
    return reports


def _refuse(store: Store, source: str, name: str, reason: str) -> FileReport:
    """Record that a whole file was refused (its earlier rows, if any, stay as they were)."""
    store.execute(
        "INSERT OR REPLACE INTO ingest_refused VALUES (?, ?, ?, ?)",
        [source, name, reason, utcnow()],
    )
    return FileReport(source=source, file=name, refused=reason)


def unread_files(data_dir: Path) -> list[str]:
    """Files under ``data_dir`` that no adapter reads (documentation, unknown formats), sorted."""
    data_dir = Path(data_dir)
    claimed = [p for _, p in discover(data_dir)]
    files = {os.path.abspath(p) for p in claimed}
    folders = tuple(os.path.abspath(p) + os.sep for p in claimed if p.is_dir())
    out = []
    for top, dirs, names in os.walk(data_dir, followlinks=True):
        dirs.sort()
        for name in names:
            path = os.path.abspath(os.path.join(top, name))
            if path not in files and not path.startswith(folders):
                out.append(relative_name(Path(path), data_dir))
    return sorted(out)


def discover(data_dir: Path) -> list[tuple[str, Path]]:
    """``(source, file)`` for every file a known adapter finds under ``data_dir``."""
    return [(n, p) for n, s in all_sources().items() for p in s.find(Path(data_dir))]


def _write_chunks(
    writer: _Writer, source: ChunkedSource, path: Path, progress: Progress | None
) -> None:
    """Write a chunked source's file, its chunks prepared on a process pool when worth it.

    Consecutive chunks of one table stream into one INSERT of up to :data:`SEGMENT_CHUNKS`
    chunks. A chunk whose rows may repeat an earlier chunk's keys takes the exact path,
    :meth:`_Writer.write`, in this process.
    """
    prepared_chunks = prepare_chunks(source, path, writer.context(), size=BATCH_SIZE)
    try:
        pending: Iterator[tuple[Any, Prepared]] = prepared_chunks
        while (item := next(pending, None)) is not None:
            chunk, prepared = item
            table = _single_table(prepared)
            if table is not None and writer.fits(prepared):
                segment = _Segment(writer, table, item, pending, progress)
                writer.store.insert_arrow(table, segment.stream())
                segment.close()
                if segment.leftover is not None:
                    pending = chain([segment.leftover], pending)
                continue
            if writer.fits(prepared):
                writer.write_prepared(prepared)
            else:
                writer.write(source.records(chunk))
            if progress:
                progress(prepared.read)
    finally:
        prepared_chunks.close()


def _single_table(prepared: Prepared) -> str | None:
    """The one table a prepared chunk writes to, else None."""
    return next(iter(prepared.tables)) if len(prepared.tables) == 1 else None


class _Segment:
    """Consecutive prepared chunks of one table, streamed into one INSERT statement.

    The stream is read by the database while the statement runs, so it must not use the
    store: it counts each chunk, keeps its quarantine rows for :meth:`close`, and stops at a
    chunk that does not fit (kept as ``leftover``). An error while reading is raised by
    :meth:`close`, so it keeps its type and message.
    """

    def __init__(
        self,
        writer: _Writer,
        table: str,
        first: tuple[Any, Prepared],
        rest: Iterator[tuple[Any, Prepared]],
        progress: Progress | None,
    ) -> None:
        self.writer, self.table, self.first, self.rest = writer, table, first, rest
        self.progress = progress
        self.leftover: tuple[Any, Prepared] | None = None
        self.quarantine: list[dict[str, Any]] = []
        self.error: BaseException | None = None

    def stream(self) -> pa.RecordBatchReader:
        schema = self.first[1].tables[self.table].schema
        return pa.RecordBatchReader.from_batches(schema, self._batches())

    def _batches(self) -> Iterator[pa.RecordBatch]:
        item: tuple[Any, Prepared] | None = self.first
        for _ in range(SEGMENT_CHUNKS):
            try:
                if item is None:
                    item = next(self.rest, None)
                    if item is None:
                        return
                prepared = item[1]
                if _single_table(prepared) != self.table or not self.writer.fits(prepared):
                    self.leftover = item
                    return
                self.quarantine.extend(self.writer.count_prepared(prepared))
                if self.progress:
                    self.progress(prepared.read)
            except BaseException as exc:  # noqa: BLE001 - re-raised by close()
                self.error = exc
                return
            yield from prepared.tables[self.table].to_batches()
            item = None

    def close(self) -> None:
        """Store the segment's quarantine rows; raise what reading the chunks raised."""
        if self.error is not None:
            raise self.error
        if self.quarantine:
            self.writer.report.quarantined += self.writer.store.insert(
                "quarantine", self.quarantine
            )


class _Writer:
    """Writes one file's records in batches, keeping keys unique and counting everything.

    Keys of the per-file tables are checked without remembering every key: such a key hashes
    the row number, so only a row numbered at most as high as an earlier batch's rows can repeat
    an earlier batch's key, and the store is asked about those rows alone.
    """

    def __init__(self, store: Store, *, source: str, file: str, report: FileReport) -> None:
        self.store, self.source, self.file, self.report = store, source, file, report
        self.seen_keys: dict[str, dict[tuple[Any, ...], int | None]] = defaultdict(dict)
        self.key_columns: dict[str, list[str]] = {}
        self.cleared: set[str] = set()
        self.now = utcnow()
        #: the largest row number of the per-file tables' rows written so far
        self.last_row: int | None = None

    def context(self) -> Context:
        """What preparing a chunk of this file needs to know (picklable)."""
        tables = sorted(FILE_TABLES)
        return Context(
            source=self.source,
            file=self.file,
            now=self.now,
            schemas={t: self.store.arrow_schema(t) for t in tables},
        )

    def fits(self, prepared: Prepared) -> bool:
        """True if a prepared chunk can be stored as is: its rows follow every earlier row."""
        return prepared.complete and (
            self.last_row is None
            or prepared.first_row is None
            or prepared.first_row > self.last_row
        )

    def count_prepared(self, prepared: Prepared) -> list[dict[str, Any]]:
        """Count a prepared chunk that :meth:`fits` as written; its quarantine rows."""
        self.report.read += prepared.read
        self.report.stored += sum(t.num_rows for t in prepared.tables.values())
        self._advance(prepared.last_row)
        return self.quarantine_rows(prepared.rejected) if prepared.rejected else []

    def write_prepared(self, prepared: Prepared) -> None:
        """Store a prepared chunk that :meth:`fits`, one statement per table."""
        quarantine = self.count_prepared(prepared)
        for table, rows in prepared.tables.items():
            self.store.insert_arrow(
                table, pa.RecordBatchReader.from_batches(rows.schema, rows.to_batches())
            )
        if quarantine:
            self.report.quarantined += self.store.insert("quarantine", quarantine)

    def write(self, records: list[Row | Rejected]) -> None:
        by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
        rejected: list[Rejected] = []
        values_of = [
            stored_values(r, source=self.source, file=self.file, now=self.now)
            if isinstance(r, Row)
            else None
            for r in records
        ]
        earlier = self._earlier_ids(records, values_of)
        batch_ids: dict[str, dict[Any, int | None]] = defaultdict(dict)
        for record, values in zip(records, values_of, strict=True):
            self.report.read += 1
            if isinstance(record, Rejected):
                rejected.append(record)
                continue
            assert values is not None
            if record.table in FILE_TABLES:
                duplicate_of = _repeat_in_file(
                    values["id"], record.row, batch_ids[record.table], earlier
                )
            else:
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
            # as in prepare.arrow_table, a posting starts as its own canonical posting
            stored = self.store.insert(
                table,
                [{**r, "canonical_id": r["id"]} for r in rows] if table == "postings" else rows,
            )
            if stored < len(rows) and table in FILE_TABLES:
                rejected.extend(self._not_stored(table, rows))
            self.report.stored += stored
        for record in records:
            if isinstance(record, Row) and record.table in FILE_TABLES:
                self._advance(record.row)
        if rejected:
            self._quarantine(rejected)

    def finish(self) -> None:
        """Link duplicates: postings to their canonical posting, survey repeats to the first.

        Postings are grouped across sources and reposts (exact keys, near-identical texts,
        board ids) by :func:`~roleatlas.sources.dedup.link_postings`, which re-groups only what
        this file's rows can reach. A survey record is written as no repeat, so only keys
        shared by more than one record can change.
        """
        link_postings(self.store, ingested_at=self.now)
        self.store.execute(
            """
            UPDATE salary_records SET duplicate_of = c.first_id FROM (
                SELECT id, first_value(id) OVER (
                    PARTITION BY content_key ORDER BY ingested_at, source_file, source_row
                ) AS first_id FROM salary_records
                WHERE content_key IN (
                    SELECT content_key FROM salary_records GROUP BY content_key
                    HAVING count(*) > 1 AND bool_or(ingested_at = ?)
                )
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
                f'SELECT id FROM "{table}" WHERE ingested_at = ? AND list_contains(?, id)',
                [self.now, ids],
            )
        }
        return [
            Rejected(reason="already stored from another file", raw=r, row=r.get("source_row"))
            for r in rows
            if r["id"] not in fresh
        ]

    def _advance(self, row: int | None) -> None:
        if row is not None and (self.last_row is None or row > self.last_row):
            self.last_row = row

    def _earlier_ids(
        self, records: list[Row | Rejected], values_of: list[dict[str, Any] | None]
    ) -> dict[str, int | None]:
        """Ids of this batch's per-file rows that earlier batches stored, with their row numbers.

        Only a row numbered at most as high as an earlier batch's rows (or unnumbered) can
        repeat an earlier batch's id, so the store is asked about those rows alone. The row
        number is read back as ``source_row``, which every adapter sets to the record's row.
        """
        maybe: dict[str, list[str]] = defaultdict(list)
        for record, values in zip(records, values_of, strict=True):
            if (
                isinstance(record, Row)
                and values is not None
                and record.table in FILE_TABLES
                and self.last_row is not None
                and (record.row is None or record.row <= self.last_row)
            ):
                maybe[record.table].append(values["id"])
        earlier: dict[str, int | None] = {}
        for table, ids in maybe.items():
            found = self.store.query(
                f'SELECT id, source_row FROM "{table}" '
                "WHERE source = ? AND source_file = ? AND list_contains(?, id)",
                [self.source, self.file, ids],
            )
            earlier.update((r["id"], r["source_row"]) for r in found)
        return earlier

    def _key_columns(self, table: str) -> list[str]:
        if table not in self.key_columns:
            self.key_columns[table] = self.store.primary_key(table)
        return self.key_columns[table]

    def _repeat(self, table: str, values: dict[str, Any], row: int | None) -> int | None | bool:
        """The row number an earlier row with the same primary key had, else False."""
        columns = self._key_columns(table)
        if not columns:
            return False
        key = tuple(values.get(c) for c in columns)
        seen = self.seen_keys[table]
        if key in seen:
            return seen[key]
        seen[key] = row
        return False

    def _quarantine(self, rejected: list[Rejected]) -> None:
        self.report.quarantined += self.store.insert("quarantine", self.quarantine_rows(rejected))

    def quarantine_rows(self, rejected: list[Rejected]) -> list[dict[str, Any]]:
        """Quarantine rows for a batch's rejected records (counted in ``reasons`` now)."""
        rows: list[dict[str, Any]] = []
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
        return rows


def _repeat_in_file(
    row_id: str, row: int | None, batch_ids: dict[Any, int | None], earlier: dict[str, int | None]
) -> int | None | bool:
    """The row number of an earlier row of this file with the same id, else False."""
    if row_id in earlier:
        return earlier[row_id]
    if row_id in batch_ids:
        return batch_ids[row_id]
    batch_ids[row_id] = row
    return False


def _forget_file(store: Store, source: str, name: str) -> None:
    """Remove what an earlier version of this file put in the store."""
    for table in ("postings", "salary_records", "quarantine"):
        store.execute(f'DELETE FROM "{table}" WHERE source = ? AND source_file = ?', [source, name])
    store.execute("DELETE FROM ingest_files WHERE source = ? AND source_file = ?", [source, name])


def _batches(records: Iterator[Row | Rejected], size: int) -> Iterator[list[Row | Rejected]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


def _tree_sha256(folder: Path) -> str:
    """One digest over every file under ``folder``: relative paths and contents, in order."""
    digest = hashlib.sha256()
    files = sorted(
        os.path.relpath(os.path.join(top, f), folder)
        for top, _, names in os.walk(folder, followlinks=True)
        for f in names
    )
    for rel in files:
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\x00")
        digest.update(_sha256(folder / rel).encode())
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
