"""Chunked ingest: the same stored rows whether chunks run in this process or on a pool."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from roleatlas.exceptions import SourceError
from roleatlas.sources import get_source, ingest_file
from roleatlas.sources import ingest as ingest_module
from roleatlas.sources.base import ChunkedSource, Record, Row
from roleatlas.store import Store

TABLES = ("postings", "salary_records", "quarantine", "ingest_files")


@dataclass(frozen=True)
class Unchunked:
    """A source reading like another but without chunks: the writer's record-by-record path."""

    inner: ChunkedSource
    name: str = "generic"
    description: str = "the generic source without chunks"
    tables: tuple[str, ...] = ("postings",)

    def find(self, data_dir: Path) -> list[Path]:
        return []

    def read(self, path: Path) -> Iterator[Record]:
        return self.inner.read(path)


@dataclass(frozen=True)
class Renumbered:
    """The generic source keyed by ``row % 500``: later rows repeat earlier chunks' keys."""

    name: str = "generic"
    description: str = "the generic source, renumbered"
    tables: tuple[str, ...] = ("postings",)

    def find(self, data_dir: Path) -> list[Path]:
        return []

    def read(self, path: Path) -> Iterator[Record]:
        return (_renumber(r) for r in get_source("generic").read(path))

    def chunks(self, path: Path, *, size: int) -> Iterator[object]:
        return get_source("generic").chunks(path, size=size)

    def records(self, chunk: object) -> list[Record]:
        return [_renumber(r) for r in get_source("generic").records(chunk)]


def _renumber(record: Record) -> Record:
    if not isinstance(record, Row) or record.row is None:
        return record
    row = None if record.row % 50 == 0 else record.row % 500
    return Row(
        table=record.table, values={**record.values, "id": str(row), "source_row": row}, row=row
    )


@pytest.fixture(scope="module")
def postings_file(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real postings as JSON lines, with repeats and broken lines mixed in (~3,600 lines)."""
    lines = []
    for source in ("glassdoor", "linkedin", "indeed"):
        for path in get_source(source).find(data_dir):
            for record in get_source(source).read(path):
                if isinstance(record, Row):
                    values = {k: record.values.get(k) for k in ("title", "company", "location")}
                    values["description"] = record.values.get("description_html") or (
                        record.values.get("description")
                    )
                    values["posted_date"] = str(record.values.get("posted_date") or "")
                    lines.append(json.dumps(values, ensure_ascii=len(lines) % 2 == 0))
    assert len(lines) > 3000
    for i in range(0, len(lines), 97):
        lines[i] = ["", "{broken", "[1, 2]", json.dumps({"title": ""}), lines[i - 1]][i % 5]
    path = tmp_path_factory.mktemp("chunked") / "postings.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 400 rows streamed three at a time, so a small file spans many of both."""
    monkeypatch.setattr(ingest_module, "BATCH_SIZE", 400)
    monkeypatch.setattr(ingest_module, "SEGMENT_CHUNKS", 3)


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the compared tables, sorted, without ingest timestamps."""
    with Store(path, read_only=True) as store:
        out = {}
        for table in TABLES:
            columns = [c for c, _ in store.columns(table) if c != "ingested_at"]
            select = ", ".join(
                'regexp_replace(raw::VARCHAR, \'"ingested_at": "[^"]*"\', \'\') AS raw'
                if c == "raw"
                else f'"{c}"'
                for c in columns
            )
            rows = store.query(f'SELECT {select} FROM "{table}" ORDER BY ALL')
            out[table] = [tuple(r.values()) for r in rows]
    return out


def _ingest(db: Path, source: object, path: Path, monkeypatch: pytest.MonkeyPatch, workers: int):
    monkeypatch.setenv("ROLEATLAS_WORKERS", str(workers))
    with Store(db) as store:
        return ingest_file(store, source, path)  # type: ignore[arg-type]


@pytest.mark.usefixtures("small_chunks")
def test_pool_and_process_store_what_the_record_path_stores(
    postings_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generic = get_source("generic")
    reference = _ingest(tmp_path / "a.duckdb", Unchunked(generic), postings_file, monkeypatch, 1)
    serial = _ingest(tmp_path / "b.duckdb", generic, postings_file, monkeypatch, 1)
    pooled = _ingest(tmp_path / "c.duckdb", generic, postings_file, monkeypatch, 2)
    assert reference.quarantined > 30 and reference.read == reference.stored + reference.quarantined
    for report in (serial, pooled):
        assert (report.read, report.stored, report.quarantined, report.reasons) == (
            reference.read,
            reference.stored,
            reference.quarantined,
            reference.reasons,
        )
    expected = _tables(tmp_path / "a.duckdb")
    assert expected["postings"] and expected["quarantine"]
    assert _tables(tmp_path / "b.duckdb") == expected
    assert _tables(tmp_path / "c.duckdb") == expected


@pytest.mark.usefixtures("small_chunks")
def test_duplicates_link_across_files_as_before(
    postings_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = tmp_path / "again.jsonl"
    second.write_bytes(postings_file.read_bytes())
    generic = get_source("generic")
    for db, source, workers in (("a", Unchunked(generic), 1), ("b", generic, 2)):
        _ingest(tmp_path / f"{db}.duckdb", source, postings_file, monkeypatch, workers)
        _ingest(tmp_path / f"{db}.duckdb", source, second, monkeypatch, workers)
    expected = _tables(tmp_path / "a.duckdb")
    with Store(tmp_path / "a.duckdb", read_only=True) as store:
        assert store.count("postings", "canonical_id <> id") > store.count("postings") / 2
    assert _tables(tmp_path / "b.duckdb") == expected


@pytest.mark.usefixtures("small_chunks")
def test_repeated_row_numbers_take_the_exact_path(
    postings_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renumbered = Renumbered()
    assert isinstance(renumbered, ChunkedSource)
    reference = _ingest(tmp_path / "a.duckdb", Unchunked(renumbered), postings_file, monkeypatch, 1)
    pooled = _ingest(tmp_path / "b.duckdb", renumbered, postings_file, monkeypatch, 2)
    repeats = sum(n for r, n in reference.reasons.items() if r.startswith("repeats the key"))
    assert repeats > reference.read / 2
    assert pooled.reasons == reference.reasons
    assert _tables(tmp_path / "b.duckdb") == _tables(tmp_path / "a.duckdb")


@pytest.mark.usefixtures("small_chunks")
def test_bad_bytes_mid_file_raise_the_same_error_and_change_nothing(
    postings_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(postings_file.read_bytes() + b'{"title": "caf\xe9"}\n')
    messages = []
    for workers in (1, 2):
        with Store(tmp_path / f"bad-{workers}.duckdb") as store:
            monkeypatch.setenv("ROLEATLAS_WORKERS", str(workers))
            before = store.table_counts()
            with pytest.raises(SourceError) as info:
                ingest_file(store, get_source("generic"), bad)
            assert store.table_counts() == before
            messages.append(str(info.value))
    assert messages[0] == messages[1] and "not UTF-8" in messages[0]


def test_memory_limit_is_restored(postings_file: Path, store: Store) -> None:
    before = store.scalar("SELECT current_setting('memory_limit')")
    ingest_file(store, get_source("generic"), postings_file)
    assert store.scalar("SELECT current_setting('memory_limit')") == before
