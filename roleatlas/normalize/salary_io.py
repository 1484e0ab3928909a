"""Read salary strings from CSV or JSONL and write parsed rows, for ``roleatlas salaries parse``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO

from roleatlas.cells import spreadsheet_safe
from roleatlas.exceptions import InputError
from roleatlas.normalize.salary import SalaryParse, parse_salary

OUTPUT_FIELDS = (
    "raw",
    "min_amount",
    "max_amount",
    "currency",
    "period",
    "annual_min",
    "annual_max",
    "annual_min_usd",
    "annual_max_usd",
    "is_estimate",
    "kind",
    "flags",
)
FORMATS = ("jsonl", "csv")


def detect_format(name: str | None, head: str) -> str:
    """``"jsonl"`` or ``"csv"`` from the file extension, else from the first non-blank character."""
    lowered = (name or "").lower()
    if lowered.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lowered.endswith((".csv", ".tsv")):
        return "csv"
    return "jsonl" if head.lstrip().startswith("{") else "csv"


def read_column(stream: IO[str], *, column: str, name: str | None = None) -> Iterator[str | None]:
    """Yield the ``column`` value of every record of a CSV or JSONL stream, in input order."""
    text = stream.read()
    fmt = detect_format(name, text[:200])
    label = name or "input"
    if fmt == "jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                raise InputError(f"{label}: line {number} is not valid JSON") from None
            if not isinstance(record, dict):
                raise InputError(f"{label}: line {number} is not a JSON object")
            if column not in record:
                raise InputError(f"{label}: line {number} has no column {column!r}")
            value = record[column]
            yield None if value is None else str(value)
        return
    reader = csv.DictReader(io.StringIO(text))
    if column not in (reader.fieldnames or []):
        found = ", ".join(reader.fieldnames or []) or "none"
        raise InputError(f"{label}: no column {column!r} (columns: {found})")
    for row in reader:
        yield row[column]


def parse_salaries(
    values: Iterable[str | None], *, default_currency: str | None = None
) -> Iterator[tuple[str | None, SalaryParse | None]]:
    """Pair every input value with its parse (``None`` when it states no pay)."""
    for value in values:
        yield value, parse_salary(value, default_currency=default_currency)


def _record(raw: str | None, parsed: SalaryParse | None) -> dict[str, object]:
    if parsed is None:
        return {**dict.fromkeys(OUTPUT_FIELDS), "raw": raw, "flags": ""}
    data = parsed.to_dict()
    return {key: data[key] for key in OUTPUT_FIELDS}


def format_rows(
    pairs: Iterable[tuple[str | None, SalaryParse | None]], *, fmt: str
) -> Iterator[str]:
    """Lines of JSONL, or CSV lines with a header, one per input value."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (use one of: {', '.join(FORMATS)})")
    if fmt == "jsonl":
        for raw, parsed in pairs:
            yield json.dumps(_record(raw, parsed), ensure_ascii=False)
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, OUTPUT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for raw, parsed in pairs:
        writer.writerow({k: spreadsheet_safe(v) for k, v in _record(raw, parsed).items()})
        yield buffer.getvalue().rstrip("\n")
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue().rstrip("\n")


__all__ = ["detect_format", "read_column", "parse_salaries", "format_rows", "OUTPUT_FIELDS"]
