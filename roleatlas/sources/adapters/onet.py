"""O*NET 29.3 text files (tab-separated, UTF-8, no quoting) → the ``onet_*`` tables.

One file fills one table. Cells are kept as published except: empty cells (and the official
text release's ``n/a``) become nulls, numbers are parsed, ``Y``/``N`` flags become booleans.
The literal category description ``None`` in the ETE categories file is data ("no
experience") and stays the string ``"None"``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from roleatlas.exceptions import SourceError
from roleatlas.sources.base import Record, Rejected, Row
from roleatlas.sources.files import read_csv

FOLDER = "onet-29.3"
Convert = Callable[[str], Any]
#: the official text release writes ``n/a`` where these files leave cells empty
_EMPTY = frozenset({"", "n/a"})


def text(value: str) -> str | None:
    value = value.strip()
    return None if value in _EMPTY else value


def integer(value: str) -> int | None:
    value = value.strip()
    if value in _EMPTY:
        return None
    number = float(value)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def decimal(value: str) -> float | None:
    value = value.strip()
    return None if value in _EMPTY else float(value)


def flag(value: str) -> bool | None:
    value = value.strip().upper()
    if value in _EMPTY:
        return None
    if value not in ("Y", "N"):
        raise ValueError(value)
    return value == "Y"


#: file name → (table, [(header, column, converter)], key columns that must not be empty)
FILES: dict[str, tuple[str, list[tuple[str, str, Convert]], tuple[str, ...]]] = {
    "Occupation Data.txt": (
        "onet_occupations",
        [("O*NET-SOC Code", "code", text), ("Title", "title", text),
         ("Description", "description", text)],
        ("code",),
    ),
    "Alternate Titles.txt": (
        "onet_alternate_titles",
        [("O*NET-SOC Code", "code", text), ("Title", "title", text),
         ("Alternate Title", "alternate_title", text), ("Short Title", "short_title", text),
         ("Source(s)", "sources", text)],
        ("code", "alternate_title"),
    ),
    "Sample of Reported Titles.txt": (
        "onet_reported_titles",
        [("O*NET-SOC Code", "code", text), ("Title", "title", text),
         ("Reported Job Title", "reported_title", text),
         ("Shown in My Next Move", "shown_in_my_next_move", flag)],
        ("code", "reported_title"),
    ),
    "Technology Skills.txt": (
        "onet_technology_skills",
        [("O*NET-SOC Code", "code", text), ("Title", "title", text), ("Example", "example", text),
         ("Commodity Code", "commodity_code", text), ("Commodity Title", "commodity_title", text),
         ("Hot Technology", "hot_technology", flag), ("In Demand", "in_demand", flag)],
        ("code", "example", "commodity_code"),
    ),
    "Tools Used.txt": (
        "onet_tools",
        [("O*NET-SOC Code", "code", text), ("Title", "title", text), ("Example", "example", text),
         ("Commodity Code", "commodity_code", text), ("Commodity Title", "commodity_title", text)],
        ("code", "example", "commodity_code"),
    ),
    "Task Statements.txt": (
        "onet_tasks",
        [("O*NET-SOC Code", "code", text), ("Title", "title", text), ("Task ID", "task_id", text),
         ("Task", "task", text), ("Task Type", "task_type", text),
         ("Incumbents Responding", "incumbents_responding", decimal), ("Date", "date", text),
         ("Domain Source", "domain_source", text)],
        ("task_id",),
    ),
    "Education, Training, and Experience.txt": (
        "onet_education",
        [("O*NET-SOC Code", "code", text), ("Title", "title", text),
         ("Element ID", "element_id", text), ("Element Name", "element_name", text),
         ("Scale ID", "scale_id", text), ("Scale Name", "scale_name", text),
         ("Category", "category", integer), ("Data Value", "data_value", decimal),
         ("N", "n", integer), ("Standard Error", "standard_error", decimal),
         ("Lower CI Bound", "lower_ci", decimal), ("Upper CI Bound", "upper_ci", decimal),
         ("Recommend Suppress", "recommend_suppress", flag), ("Date", "date", text),
         ("Domain Source", "domain_source", text)],
        ("code", "element_id", "scale_id"),  # importance (IM) ratings have no category
    ),
    "Education, Training, and Experience Categories.txt": (
        "onet_education_categories",
        [("Element ID", "element_id", text), ("Element Name", "element_name", text),
         ("Scale ID", "scale_id", text), ("Scale Name", "scale_name", text),
         ("Category", "category", integer),
         ("Category Description", "category_description", text)],
        ("element_id", "scale_id", "category"),
    ),
    "Job Zones.txt": (
        "onet_job_zones",
        [("O*NET-SOC Code", "code", text), ("Title", "title", text),
         ("Job Zone", "job_zone", integer), ("Date", "date", text),
         ("Domain Source", "domain_source", text)],
        ("code",),
    ),
    "Job Zone Reference.txt": (
        "onet_job_zone_reference",
        [("Job Zone", "job_zone", integer), ("Name", "name", text),
         ("Experience", "experience", text), ("Education", "education", text),
         ("Job Training", "job_training", text), ("Examples", "examples", text),
         ("SVP Range", "svp_range", text)],
        ("job_zone",),
    ),
    "Related Occupations.txt": (
        "onet_related_occupations",
        [("O*NET-SOC Code", "code", text), ("Title", "title", text),
         ("Related O*NET-SOC Code", "related_code", text), ("Related Title", "related_title", text),
         ("Relatedness Tier", "relatedness_tier", text), ("Index", "rank", integer)],
        ("code", "related_code"),
    ),
}  # fmt: skip


class OnetSource:
    """The O*NET 29.3 database files RoleAtlas uses."""

    name = "onet"
    description = "O*NET 29.3 occupations, titles, technology, tasks, education, job zones"
    tables = tuple(table for table, _, _ in FILES.values())

    def find(self, data_dir: Path) -> list[Path]:
        folder = Path(data_dir) / FOLDER
        return [folder / name for name in FILES if (folder / name).is_file()]

    def read(self, path: Path) -> Iterator[Record]:
        path = Path(path)
        if path.name not in FILES:
            raise SourceError(
                f"{path}: not an O*NET file this adapter reads; known: {', '.join(FILES)}"
            )
        table, columns, key = FILES[path.name]
        headers = [header for header, _, _ in columns]
        for row, cells, problem in read_csv(
            path, required=headers, delimiter="\t", quoting=csv.QUOTE_NONE
        ):
            if problem:
                yield Rejected(reason=problem, raw=cells, row=row)
                continue
            yield _record(table, columns, key, cells, row)


def _record(
    table: str,
    columns: list[tuple[str, str, Convert]],
    key: tuple[str, ...],
    cells: dict[str, str],
    row: int,
) -> Record:
    values: dict[str, Any] = {}
    for header, column, convert in columns:
        try:
            values[column] = convert(cells[header])
        except ValueError:
            return Rejected(reason=f"bad {header}: {cells[header]!r}", raw=cells, row=row)
    missing = [column for column in key if values[column] is None]
    if missing:
        return Rejected(reason=f"empty key column(s) {', '.join(missing)}", raw=cells, row=row)
    return Row(table=table, values=values, row=row)


SOURCES = [OnetSource()]
