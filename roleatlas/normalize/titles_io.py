"""Read job titles from CSV or JSONL and write classifications, for ``roleatlas titles classify``."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from roleatlas.cells import spreadsheet_safe
from roleatlas.exceptions import InputError
from roleatlas.normalize.titles import TitleClass

FORMATS = ("jsonl", "csv")
_JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
FIELDS = ("title", "role", "seniority", "confidence")

csv.field_size_limit(2**31 - 1)


def _read_text(source: str, stdin: TextIO | None) -> tuple[str, str]:
    if source == "-":
        return (stdin or sys.stdin).read(), "stdin"
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8-sig"), str(path)
    except FileNotFoundError:
        raise InputError(f"no such file: {source}") from None
    except IsADirectoryError:
        raise InputError(f"{source} is a directory, not a file") from None
    except UnicodeDecodeError:
        raise InputError(f"{source} is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from None


def _is_jsonl(source: str, text: str) -> bool:
    suffix = Path(source).suffix.lower() if source != "-" else ""
    if suffix in _JSONL_SUFFIXES:
        return True
    if suffix in {".csv", ".tsv", ".txt"}:
        return False
    return text.lstrip().startswith("{")


def _jsonl_titles(text: str, *, column: str, name: str) -> list[str]:
    titles = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name} line {number}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise InputError(f"{name} line {number}: expected a JSON object")
        if column not in record:
            keys = ", ".join(map(str, record)) or "none"
            raise InputError(f"{name} line {number}: no column {column!r} (keys: {keys})")
        value = record[column]
        titles.append("" if value is None else str(value))
    return titles


def _dialect(name: str, text: str) -> type[csv.Dialect] | csv.Dialect:
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return csv.excel
    if suffix == ".tsv":
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _csv_titles(text: str, *, column: str, name: str) -> list[str]:
    dialect = _dialect(name, text)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
        header = reader.fieldnames or []
        if column not in header:
            shown = ", ".join(repr(h) for h in header[:12]) or "none"
            raise InputError(f"{name}: no column {column!r} (columns: {shown})")
        return [row.get(column) or "" for row in reader]
    except csv.Error as exc:
        raise InputError(f"{name}: not readable as CSV ({exc})") from None


def read_titles(source: str, *, column: str = "title", stdin: TextIO | None = None) -> list[str]:
    """The titles in ``column`` of a CSV or JSONL file (``-`` reads stdin), in input order."""
    text, name = _read_text(source, stdin)
    if _is_jsonl(source, text):
        return _jsonl_titles(text, column=column, name=name)
    return _csv_titles(text, column=column, name=name)


def _record(result: TitleClass, *, explain: bool) -> dict[str, object]:
    record: dict[str, object] = {
        "title": result.title,
        "role": result.role,
        "seniority": result.seniority,
        "confidence": result.confidence,
    }
    if explain:
        record["explain"] = "; ".join(result.reasons)
    return record


def format_classifications(
    results: Iterable[TitleClass], *, fmt: str = "jsonl", explain: bool = False
) -> Iterator[str]:
    """Output lines (without newline) for classifications in ``jsonl`` or ``csv``."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (choose {', '.join(FORMATS)})")
    if fmt == "jsonl":
        for result in results:
            yield json.dumps(_record(result, explain=explain), ensure_ascii=False)
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="")
    fields = FIELDS + (("explain",) if explain else ())
    writer.writerow(fields)
    yield buffer.getvalue()
    for result in results:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([spreadsheet_safe(v) for v in _record(result, explain=explain).values()])
        yield buffer.getvalue()
