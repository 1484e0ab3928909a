"""The store: one DuckDB file. The only module that imports the DuckDB driver."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from roleatlas.exceptions import StoreError
from roleatlas.store.schema import MIGRATIONS

_UNITS = {"bytes": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40}
_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "DOUBLE": pa.float64(),
    "FLOAT": pa.float32(),
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "BOOLEAN": pa.bool_(),
    "BLOB": pa.binary(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}


def utcnow() -> datetime:
    """Now, in UTC without tzinfo (how the store keeps timestamps)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """A RoleAtlas store in one DuckDB file, migrated to the newest schema on open."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._lock = threading.RLock()
        if read_only and not self.path.exists():
            raise StoreError(
                f"no store at {self.path}: run `roleatlas build` or `roleatlas ingest --all` first"
            )
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(str(self.path), read_only=read_only)
            self._con.execute("SET enable_progress_bar = false")
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open store {self.path}: {_first_line(exc)}") from exc
        self._columns: dict[str, list[tuple[str, str]]] = {}
        self._keys: dict[str, list[str]] = {}
        if not read_only:
            self.migrate()

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        if not self.table_exists("schema_migrations"):
            return 0
        return int(self.scalar("SELECT coalesce(max(version), 0) FROM schema_migrations") or 0)

    def migrate(self) -> list[int]:
        """Apply every migration newer than the store's version; return the versions applied."""
        self._con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        current = self.schema_version
        applied = []
        for version, name, sql in MIGRATIONS:
            if version <= current:
                continue
            with self.transaction():
                self._con.execute(sql)
                self._con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, utcnow()]
                )
            applied.append(version)
        self._columns.clear()
        self._keys.clear()
        return applied

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All or nothing: a failure inside rolls back every write made inside."""
        with self._lock:
            self._con.execute("BEGIN TRANSACTION")
            try:
                yield self
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
            else:
                self._con.execute("COMMIT")

    @contextmanager
    def exclusive(self) -> Iterator[Store]:
        """No other thread of this process uses the connection inside the block."""
        with self._lock:
            yield self

    @contextmanager
    def memory_capped(self, limit: int) -> Iterator[None]:
        """Lower the database's memory limit to ``limit`` bytes (if higher) for the block.

        By default the database caches the blocks it writes up to 80% of RAM, so a long write
        would grow with its input; the cap keeps the process flat. The setting is restored.
        """
        before = str(self.scalar("SELECT current_setting('memory_limit')"))
        number, _, unit = before.partition(" ")
        if float(number) * _UNITS.get(unit, 1) <= limit:
            yield
            return
        # the setting reads back rounded ("18.8 GiB"): the default is restored exactly by RESET
        self.execute("RESET memory_limit")
        default = self.scalar("SELECT current_setting('memory_limit')") == before
        self.execute(f"SET memory_limit = '{limit // 1024}KiB'")
        try:
            yield
        finally:
            self.execute("RESET memory_limit" if default else f"SET memory_limit = '{before}'")

    def temp_table(self, name: str, ddl: str, columns: Mapping[str, list[Any]]) -> None:
        """(Re)create the temporary table ``name`` (``ddl``: its column list) holding ``columns``.

        ``columns`` maps column names to Python lists of equal length (empty lists: no rows).
        """
        self.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" ({ddl})')
        if columns and len(next(iter(columns.values()))):
            self.insert_arrow(name, pa.table(dict(columns)))

    @contextmanager
    def temp_tables(self, *names: str) -> Iterator[None]:
        """Drop the temporary tables ``names`` when the block ends, however it ends."""
        try:
            yield
        finally:
            for name in names:
                self.execute(f'DROP TABLE IF EXISTS "{name}"')

    # -- reading ---------------------------------------------------------------------------
    def query(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Rows of a SQL query as dicts."""
        with self._lock:
            cur = self._con.cursor() if self.read_only else self._con
            try:
                result = cur.execute(sql, params) if params is not None else cur.execute(sql)
                names = [d[0] for d in result.description or ()]
                return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
            except duckdb.Error as exc:
                raise StoreError(f"query failed: {_first_line(exc)}") from exc

    def scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        """The first column of the first row of a query, or None."""
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None

    def arrow(self, sql: str, params: Sequence[Any] | None = None) -> pa.Table:
        """A query's result as an Arrow table."""
        with self._lock:
            try:
                return self._con.sql(sql, params=params).to_arrow_table()
            except duckdb.Error as exc:
                raise StoreError(f"query failed: {_first_line(exc)}") from exc

    def iter_batches(
        self, sql: str, params: Sequence[Any] | None = None, *, batch_size: int = 5000
    ) -> Iterator[list[dict[str, Any]]]:
        """Stream a query's rows in batches of dicts, without loading the whole result."""
        with self._lock:
            cur = self._con.cursor()
        try:
            reader = cur.sql(sql, params=params).to_arrow_reader(batch_size)
            for batch in reader:
                yield batch.to_pylist()
        finally:
            cur.close()

    def iter_arrow(
        self, sql: str, params: Sequence[Any] | None = None, *, batch_size: int = 5000
    ) -> Iterator[pa.RecordBatch]:
        """Stream a query's rows as Arrow record batches of at most ``batch_size`` rows."""
        with self._lock:
            cur = self._con.cursor()
        try:
            reader = cur.sql(sql, params=params).to_arrow_reader(batch_size)
            for batch in reader:
                if batch.num_rows:
                    yield batch
        finally:
            cur.close()

    def arrow_schema(self, table: str) -> pa.Schema:
        """The Arrow schema rows of ``table`` are written with (see :meth:`insert`)."""
        return pa.schema([(name, _arrow_type(dtype)) for name, dtype in self.columns(table)])

    def table_exists(self, table: str) -> bool:
        return bool(
            self._con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
            ).fetchone()[0]
        )

    def columns(self, table: str) -> list[tuple[str, str]]:
        """``(name, type)`` of a table's columns, in order."""
        if table not in self._columns:
            rows = self._con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            if not rows:
                raise StoreError(f"no table {table!r} in the store")
            self._columns[table] = [(r[0], r[1]) for r in rows]
        return self._columns[table]

    def primary_key(self, table: str) -> list[str]:
        """The primary-key columns of a table (empty when it has none)."""
        if table in self._keys:
            return self._keys[table]
        rows = self._con.execute(
            "SELECT constraint_column_names FROM duckdb_constraints() "
            "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
            [table],
        ).fetchall()
        self._keys[table] = list(rows[0][0]) if rows else []
        return self._keys[table]

    def count(self, table: str, where: str = "", params: Sequence[Any] | None = None) -> int:
        sql = f'SELECT count(*) FROM "{table}"' + (f" WHERE {where}" if where else "")
        return int(self.scalar(sql, params) or 0)

    def table_counts(self) -> dict[str, int]:
        """Row count of every table except the migration log."""
        names = [
            r[0]
            for r in self._con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
            ).fetchall()
        ]
        return {n: self.count(n) for n in names if n != "schema_migrations"}

    # -- writing ---------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | None = None) -> None:
        with self._lock:
            try:
                self._con.execute(sql, params) if params is not None else self._con.execute(sql)
            except duckdb.Error as exc:
                raise StoreError(f"statement failed: {_first_line(exc)}") from exc

    def insert(
        self, table: str, rows: Iterable[Mapping[str, Any]], *, on_conflict: str = "ignore"
    ) -> int:
        """Insert rows (dicts keyed by column); return how many were new.

        ``on_conflict`` is ``"ignore"`` (keep the stored row) or ``"replace"``.
        """
        rows = list(rows)
        if not rows:
            return 0
        batch = self._arrow_batch(table, rows)
        verb = {"ignore": "INSERT OR IGNORE", "replace": "INSERT OR REPLACE"}[on_conflict]
        if not self.primary_key(table):
            verb = "INSERT"
        names = ", ".join(f'"{n}"' for n in batch.column_names)
        with self._lock:
            before = self.count(table)
            self._con.register("_ra_batch", batch)
            try:
                self._con.execute(f'{verb} INTO "{table}" ({names}) SELECT {names} FROM _ra_batch')
            except duckdb.Error as exc:
                raise StoreError(f"cannot write {table}: {_first_line(exc)}") from exc
            finally:
                self._con.unregister("_ra_batch")
            return self.count(table) - before

    def update_from(self, table: str, rows: list[Mapping[str, Any]], *, key: str) -> int:
        """Set the given columns of the rows whose ``key`` matches; return rows given."""
        if not rows:
            return 0
        batch = self._arrow_batch(table, rows)
        sets = ", ".join(f'"{n}" = _ra_upd."{n}"' for n in batch.column_names if n != key)
        with self._lock:
            self._con.register("_ra_upd", batch)
            try:
                self._con.execute(
                    f'UPDATE "{table}" SET {sets} FROM _ra_upd WHERE "{table}"."{key}" = _ra_upd."{key}"'
                )
            except duckdb.Error as exc:
                raise StoreError(f"cannot update {table}: {_first_line(exc)}") from exc
            finally:
                self._con.unregister("_ra_upd")
        return len(rows)

    def insert_arrow(self, table: str, batch: pa.Table | pa.RecordBatchReader) -> None:
        """Append an Arrow table or stream whose columns are a subset of ``table``'s.

        The database keeps an in-memory table inserted inside a transaction alive until the
        transaction ends; a stream's batches are released as they are read, so a long
        transaction of many inserts (a whole file's ingest) should hand over streams.
        """
        names = ", ".join(f'"{n}"' for n in batch.schema.names)
        with self._lock:
            self._con.register("_ra_batch", batch)
            try:
                self._con.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM _ra_batch')
            except duckdb.Error as exc:
                raise StoreError(f"cannot write {table}: {_first_line(exc)}") from exc
            finally:
                self._con.unregister("_ra_batch")

    def _arrow_batch(self, table: str, rows: list[Mapping[str, Any]]) -> pa.Table:
        cols = [c for c in self.columns(table) if c[0] in rows[0]]
        arrays = {}
        for name, dtype in cols:
            arrow_type = _arrow_type(dtype)
            try:
                arrays[name] = pa.array([r.get(name) for r in rows], type=arrow_type)
            except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
                raise StoreError(f"bad value for {table}.{name}: {exc}") from exc
        return pa.table(arrays)


def _arrow_type(dtype: str) -> pa.DataType:
    if dtype.endswith("[]"):
        return pa.list_(_arrow_type(dtype[:-2]))
    return _ARROW_TYPES.get(dtype.split("(")[0], pa.string())


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
