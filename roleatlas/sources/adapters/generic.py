"""Any posting file through a column mapping: CSV, TSV or JSON lines (``--map field=column``).

Also home of the small helpers the file-based posting adapters share.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from roleatlas.config import data_dir
from roleatlas.exceptions import InputError, SourceError
from roleatlas.sources.base import Record, Rejected
from roleatlas.sources.files import iter_lines, loads_bounded, read_csv
from roleatlas.sources.postings import POSTING_FIELDS, make_posting, relative_name

_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z ]*)?\s*$")
_DELIMITERS = {".csv": ",", ".tsv": "\t"}
_JSON_LINES = frozenset({".jsonl", ".ndjson"})

Cells = dict[str, Any]


def source_file(path: Path) -> str:
    """A file's provenance name: relative to the configured data directory when inside it."""
    return relative_name(path, data_dir())


def table_rows(
    path: Path,
    *,
    required: Sequence[str],
    row_column: str | None = None,
    delimiter: str = ",",
) -> Iterator[tuple[int, Cells, str | None]]:
    """``(row, cells, problem)`` per CSV data row; ``row`` is ``row_column``'s integer if given."""
    for number, cells, problem in read_csv(path, required=required, delimiter=delimiter):
        if row_column is None:
            yield number, cells, problem
            continue
        value = str(cells.get(row_column, "")).strip()
        if value.isdigit():
            yield int(value), cells, problem
        else:
            yield number, cells, problem or f"bad {row_column} {value!r}"


def json_rows(path: Path) -> Iterator[tuple[int, Cells, str | None]]:
    """``(row, object, problem)`` per line of a JSON-lines file; bad lines get a problem."""
    return parse_json_lines(enumerate(iter_lines(path)))


def parse_json_lines(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, Cells, str | None]]:
    """``(row, object, problem)`` per numbered JSON line; bad lines get a problem."""
    for number, line in lines:
        if not line.strip():
            yield number, {}, "empty row"
            continue
        try:
            value = loads_bounded(line)
        except json.JSONDecodeError as exc:
            yield number, {"line": _printable(line)}, f"invalid JSON: {exc.msg}"
            continue
        except ValueError as exc:  # nested too deeply, or a NUL byte: this line only
            yield number, {"line": _printable(line)}, str(exc)
            continue
        if not isinstance(value, dict):
            yield (
                number,
                {"line": _printable(line)},
                f"not a JSON object but {type(value).__name__}",
            )
            continue
        yield number, value, None


def _printable(line: str) -> str:
    """The start of a bad line as kept in the quarantine (no NUL bytes)."""
    return line[:2000].replace("\x00", "")


def parse_date(value: Any) -> Any:
    """A ``date`` from an ISO date or timestamp; ``None`` when empty; anything else unchanged.

    Unchanged values make :func:`make_posting` reject the row with a ``bad <field>`` reason.
    """
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    text = str(value).strip()
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if match:
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            return value
    return value


def cell_value(name: str, value: Any) -> Any:
    """A raw cell (CSV text or any JSON value) as the value :func:`make_posting` expects."""
    if name in ("posted_date", "scraped_at"):
        return parse_date(value)
    if value is None or isinstance(value, str) or name == "company_rating":
        return value
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value if v is not None and str(v).strip())
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _default_mapping() -> dict[str, str]:
    return {name: name for name in POSTING_FIELDS}


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive rows of one file, read but not yet parsed or cleaned (picklable)."""

    #: the file's provenance name
    file: str
    #: JSON lines numbered from ``start``, or ``(row, cells, problem)`` from a CSV/TSV file
    lines: list[str] | None = None
    start: int = 0
    cells: list[tuple[int, Cells, str | None]] | None = None


@dataclass(frozen=True)
class GenericPostings:
    """Postings from any CSV/TSV/JSONL file, with columns named by a mapping."""

    name: str = "generic"
    description: str = (
        "any posting file (.csv, .tsv, .jsonl) with a column mapping; never auto-discovered"
    )
    tables: tuple[str, ...] = ("postings",)
    #: posting field → column; by default each field reads the column of the same name
    mapping: Mapping[str, str] = field(default_factory=_default_mapping, hash=False)
    #: the columns a file must have (the title's, plus every column mapped explicitly)
    required: tuple[str, ...] = ("title",)
    country: str | None = None
    currency: str | None = None

    def configure(
        self,
        *,
        mapping: Mapping[str, str] | None = None,
        country: str | None = None,
        currency: str | None = None,
    ) -> GenericPostings:
        """A copy reading columns by ``mapping`` (over the default), with source-wide hints."""
        mapping = dict(mapping or {})
        unknown = sorted(set(mapping) - set(POSTING_FIELDS))
        if unknown:
            raise InputError(
                f"unknown posting field(s) {', '.join(unknown)}; known: {', '.join(POSTING_FIELDS)}"
            )
        empty = sorted(f for f, column in mapping.items() if not str(column or "").strip())
        if empty:
            raise InputError(f"no column given for {', '.join(empty)}")
        merged = {**_default_mapping(), **mapping}
        required = tuple(dict.fromkeys([merged["title"], *mapping.values()]))
        return replace(
            self,
            mapping=merged,
            required=required,
            country=country or self.country,
            currency=currency or self.currency,
        )

    def find(self, data_dir: Path) -> list[Path]:
        """Nothing: generic files are only read when named."""
        return []

    def read(self, path: Path) -> Iterator[Record]:
        """One record per row (CSV/TSV) or line (JSONL) of ``path``."""
        for chunk in self.chunks(path, size=5000):
            yield from self.records(chunk)

    def chunks(self, path: Path, *, size: int) -> Iterator[Chunk]:
        """The file's lines (JSONL) or cells (CSV/TSV), ``size`` rows at a time, unparsed."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in _JSON_LINES and suffix not in _DELIMITERS:
            raise SourceError(
                f"{path}: unknown format {suffix or '(no extension)'!r}; "
                "the generic source reads .csv, .tsv, .jsonl and .ndjson"
            )
        name = source_file(path)
        if suffix in _JSON_LINES:
            lines, start = iter_lines(path), 0
            while batch := list(islice(lines, size)):
                yield Chunk(file=name, lines=batch, start=start)
                start += len(batch)
            return
        rows = table_rows(path, required=self.required, delimiter=_DELIMITERS[suffix])
        while cells := list(islice(rows, size)):
            yield Chunk(file=name, cells=cells)

    def records(self, chunk: Chunk) -> list[Record]:
        """Parse, map and clean one chunk: a pure function, so it can run in any process."""
        if chunk.lines is not None:
            rows: Iterable[tuple[int, Cells, str | None]] = parse_json_lines(
                enumerate(chunk.lines, start=chunk.start)
            )
        else:
            rows = chunk.cells or []
        return [self._record(chunk.file, row, cells, problem) for row, cells, problem in rows]

    def _record(self, name: str, row: int, cells: Cells, problem: str | None) -> Record:
        if problem:
            return Rejected(reason=problem, raw=cells, row=row)
        fields = {f: cell_value(f, cells.get(c)) for f, c in self.mapping.items() if c in cells}
        if self.country and not fields.get("country_hint"):
            fields["country_hint"] = self.country
        if self.currency and not fields.get("currency_hint"):
            fields["currency_hint"] = self.currency
        return make_posting(source=self.name, source_file=name, row=row, raw=cells, **fields)


SOURCES = (GenericPostings(),)
