"""Preparing a chunk of rows for the store: a pure function over a chunk, run on a process pool.

The ingesting process reads a file in chunks (cheap, in order); :func:`prepare_chunk` turns one
chunk into the Arrow tables its rows are stored as and the records to quarantine, in any
process. :func:`prepare_chunks` runs it on ``ROLEATLAS_WORKERS`` processes with a bounded
number of chunks in flight, so memory stays flat in the file's size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Any

import pyarrow as pa

from roleatlas.exceptions import StoreError
from roleatlas.pool import parallel_map, workers
from roleatlas.sources.base import ChunkedSource, Record, Rejected, Row
from roleatlas.sources.clean import content_id

#: tables whose rows carry their source file, so one file's rows can be replaced alone
FILE_TABLES = frozenset({"postings", "salary_records"})
SALARY_FIELDS = (
    "work_year", "experience_level", "employment_type", "job_title", "salary", "salary_currency",
    "salary_in_usd", "employee_residence", "remote_ratio", "company_location", "company_size",
)  # fmt: skip
#: below this many bytes a process pool costs more (~1 s of start-up) than it saves
POOL_MIN_BYTES = 32 << 20


@dataclass(frozen=True)
class Context:
    """What every row of one file's ingest shares: provenance, timestamp, target schemas."""

    source: str
    file: str
    now: datetime
    #: the Arrow schema of each of :data:`FILE_TABLES`
    schemas: dict[str, pa.Schema]


@dataclass
class Prepared:
    """One chunk ready to store: rows per table as Arrow, and what to quarantine, in order."""

    read: int
    tables: dict[str, pa.Table] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    #: smallest and largest row number of the chunk's rows (None: no rows)
    first_row: int | None = None
    last_row: int | None = None
    #: False when a row needs the ingesting process (a table outside FILE_TABLES, no number)
    complete: bool = True


def stored_values(record: Row, *, source: str, file: str, now: datetime) -> dict[str, Any]:
    """A record's values as stored: provenance, per-file id and survey content key added.

    The per-file tables are keyed by that id alone, and it hashes the row number.
    """
    values = dict(record.values)
    values["ingested_at"] = now
    if record.table in FILE_TABLES:
        # the ingest layer names the file, so the id is unique per file and row
        values["source"], values["source_file"] = source, file
        values["id"] = content_id(source, file, record.row, values.get("id"))
    if record.table == "salary_records":
        values["content_key"] = content_id(*(values.get(f) for f in SALARY_FIELDS))
    return values


def prepare_chunk(source: ChunkedSource, chunk: Any, context: Context) -> Prepared:
    """The chunk's records as Arrow tables and quarantine records; pure, so it runs anywhere."""
    return prepare_records(source.records(chunk), context)


def prepare_records(records: list[Record], context: Context) -> Prepared:
    """Records as Arrow tables per table, and the rejected ones (with key repeats) in order.

    A row repeating the key of an earlier row of the same records is rejected here. Rows of
    earlier chunks cannot share a key when every row number here is larger than theirs, since
    the key hashes the row number: the ingesting process checks that with ``first_row``.
    """
    prepared = Prepared(read=len(records))
    by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: dict[str, dict[str, int]] = defaultdict(dict)
    numbers = []
    for record in records:
        if isinstance(record, Rejected):
            prepared.rejected.append(record)
            continue
        if record.table not in FILE_TABLES or record.row is None:
            return Prepared(read=len(records), complete=False)
        numbers.append(record.row)
        values = stored_values(record, source=context.source, file=context.file, now=context.now)
        ids = seen[record.table]
        if values["id"] in ids:
            prepared.rejected.append(
                Rejected(
                    reason=f"repeats the key of row {ids[values['id']]}", raw=values, row=record.row
                )
            )
            continue
        ids[values["id"]] = record.row
        by_table[record.table].append(values)
    if numbers:
        prepared.first_row, prepared.last_row = min(numbers), max(numbers)
    for table, rows in by_table.items():
        prepared.tables[table] = arrow_table(table, rows, context.schemas[table])
    return prepared


def arrow_table(table: str, rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows as the store writes them: every column of ``schema``, null unless in the first row.

    Like ``Store.insert``, a column the first row lacks is not written (the per-file tables
    have no column defaults, so null is the same). A posting is its own canonical posting until
    ``finish`` links it to an earlier duplicate, so that linking touches only the keys that
    have duplicates.
    """
    arrays = {}
    for column in schema:
        if column.name not in rows[0]:
            arrays[column.name] = pa.nulls(len(rows), type=column.type)
            continue
        try:
            arrays[column.name] = pa.array([r.get(column.name) for r in rows], type=column.type)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise StoreError(f"bad value for {table}.{column.name}: {exc}") from exc
    if table == "postings":
        arrays["canonical_id"] = arrays["id"]
    return pa.table(arrays, schema=schema)


def prepare_chunks(
    source: ChunkedSource, path: Path, context: Context, *, size: int
) -> Iterator[tuple[Any, Prepared]]:
    """``(chunk, prepared)`` for each chunk of ``path`` in order, on a process pool if worth it.

    At most two chunks per worker are in flight, which keeps memory flat in the file's size;
    a file of one chunk never starts a pool.
    """
    chunks = source.chunks(path, size=size)
    head = list(islice(chunks, 2))
    large = len(head) > 1 and path.stat().st_size >= POOL_MIN_BYTES
    work = partial(_prepare, source=source, context=context)
    yield from parallel_map(work, chain(head, chunks), processes=workers(large=large))


def _prepare(chunk: Any, *, source: ChunkedSource, context: Context) -> Prepared:
    return prepare_chunk(source, chunk, context)
