"""ai-jobs.net salaries (CSV or the JSON array it also publishes) → ``salary_records``.

The file has no row ids, so a record's row is its 0-based data-row position. Exact repeats are
kept: identical submissions cannot be told apart, and the ingest layer marks them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from roleatlas import config
from roleatlas.exceptions import SourceError
from roleatlas.sources.base import Record, Rejected, Row
from roleatlas.sources.clean import content_id
from roleatlas.sources.files import iter_json_array, read_csv, read_text
from roleatlas.sources.postings import relative_name

NAME = "aijobs"
FOLDER = "ai-jobs-net"
FIELDS = (
    "work_year", "experience_level", "employment_type", "job_title", "salary", "salary_currency",
    "salary_in_usd", "employee_residence", "remote_ratio", "company_location", "company_size",
)  # fmt: skip
EXPERIENCE_LEVELS = frozenset({"EN", "MI", "SE", "EX"})
EMPLOYMENT_TYPES = frozenset({"FT", "PT", "CT", "FL"})
COMPANY_SIZES = frozenset({"S", "M", "L"})
REMOTE_RATIOS = frozenset({0, 50, 100})
#: ai-jobs.net started collecting in 2020; a year past next year is a typo
FIRST_YEAR = 2020
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class AiJobsSource:
    """ai-jobs.net salary survey records."""

    name = NAME
    description = "ai-jobs.net self-reported AI/ML/data salaries (CSV or JSON)"
    tables = ("salary_records",)

    def find(self, data_dir: Path) -> list[Path]:
        folder = Path(data_dir) / FOLDER
        return [p for p in (folder / "salaries.csv", folder / "salaries.json") if p.is_file()]

    def read(self, path: Path) -> Iterator[Record]:
        path = Path(path)
        source_file = relative_name(path, config.data_dir())
        if source_file == path.name and path.parent.name == FOLDER:
            # under a data directory given on the command line rather than the configured one
            source_file = f"{FOLDER}/{path.name}"
        cells_by_row = _json_rows(path) if path.suffix.lower() == ".json" else _csv_rows(path)
        for row, cells, problem in cells_by_row:
            if problem:
                yield Rejected(reason=problem, raw=cells, row=row)
            else:
                yield salary_record(cells, source_file=source_file, row=row)


def salary_record(cells: dict[str, Any], *, source_file: str, row: int) -> Record:
    """One validated ``salary_records`` row from one survey record's cells."""
    values: dict[str, Any] = {}
    try:
        values["work_year"] = year = _integer(cells["work_year"], "work_year")
        values["salary"] = _amount(cells["salary"], "salary")
        values["salary_in_usd"] = _amount(cells["salary_in_usd"], "salary_in_usd")
        values["remote_ratio"] = ratio = _integer(cells["remote_ratio"], "remote_ratio")
    except ValueError as exc:
        return Rejected(reason=str(exc), raw=cells, row=row)
    if not FIRST_YEAR <= year <= date.today().year + 1:
        return Rejected(reason=f"work_year out of range: {year}", raw=cells, row=row)
    if ratio not in REMOTE_RATIOS:
        return Rejected(reason=f"remote_ratio not 0, 50 or 100: {ratio}", raw=cells, row=row)
    codes = {
        "experience_level": EXPERIENCE_LEVELS,
        "employment_type": EMPLOYMENT_TYPES,
        "company_size": COMPANY_SIZES,
    }
    for name, known in codes.items():
        value = _text(cells[name]).upper()
        if value not in known:
            return Rejected(reason=f"unknown {name}: {cells[name]!r}", raw=cells, row=row)
        values[name] = value
    for name, pattern in (
        ("salary_currency", _CURRENCY),
        ("employee_residence", _COUNTRY),
        ("company_location", _COUNTRY),
    ):
        value = _text(cells[name]).upper()
        if not pattern.match(value):
            return Rejected(reason=f"bad {name}: {cells[name]!r}", raw=cells, row=row)
        values[name] = value
    values["job_title"] = _text(cells["job_title"]) or None
    if values["job_title"] is None:
        return Rejected(reason="no job title", raw=cells, row=row)
    values = {name: values[name] for name in FIELDS}
    values["id"] = content_id(NAME, source_file, row, *values.values())
    values["source"] = NAME
    values["source_file"] = source_file
    values["source_row"] = row
    return Row(table="salary_records", values=values, row=row)


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any], str | None]]:
    yield from read_csv(path, required=FIELDS)


def _json_rows(path: Path) -> Iterator[tuple[int, dict[str, Any], str | None]]:
    text = read_text(path)
    if not text.lstrip().startswith("["):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise SourceError(f"{path}: malformed JSON ({exc}); is the file truncated?") from exc
        raise SourceError(f"{path}: expected a JSON array of salary records, got {_kind(data)}")
    for row, (item, problem) in enumerate(iter_json_array(path, text)):
        if problem:
            yield row, item, problem  # this record only: the others are read
            continue
        if not isinstance(item, dict):
            yield row, {"value": item}, f"record is {_kind(item)}, not an object"
            continue
        missing = [f for f in FIELDS if f not in item]
        yield row, item, (f"missing field(s) {', '.join(missing)}" if missing else None)


def _integer(value: Any, name: str) -> int:
    number = _number(value, name)
    if not number.is_integer():
        raise ValueError(f"non-integer {name}: {value!r}")
    return int(number)


def _amount(value: Any, name: str) -> float:
    number = _number(value, name)
    if number <= 0:
        raise ValueError(f"non-positive {name}: {value!r}")
    return number


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool):
        raise ValueError(f"non-numeric {name}: {value!r}")
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        raise ValueError(f"non-numeric {name}: {value!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"non-numeric {name}: {value!r}")
    return number


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string"}.get(
        type(value), type(value).__name__
    )


SOURCES = [AiJobsSource()]
