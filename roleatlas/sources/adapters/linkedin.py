"""LinkedIn postings: the 2018 California export (title, company, ..., seniority, functions).

The ``linkedin-*`` folders hold three export formats; each adapter claims only the files whose
header has its columns (:func:`claims`), so this one keeps the 2018 files and the US exports of
2024-2025 go to :mod:`roleatlas.sources.adapters.linkedin_us`.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from roleatlas.sources.adapters.generic import source_file, table_rows
from roleatlas.sources.base import Record, Rejected
from roleatlas.sources.postings import make_posting

#: posting field → column (``DataScientist.csv`` also has an unused empty-header index column)
COLUMNS = {
    "title": "title", "company": "company", "location": "location", "industry": "industry",
    "description": "description", "seniority_text": "seniority",
    "employment_type": "employment_type", "job_functions": "functions",
}  # fmt: skip
REQUIRED = ("row_id", *COLUMNS.values())
#: the documented scrape day per known data folder (see data/SOURCES.md)
SCRAPED = {"linkedin-ca-2018-linpingyu": date(2018, 7, 22)}
#: the longest header line read when sniffing a file's format
HEADER_BYTES = 64 << 10


def header_columns(path: Path) -> list[str] | None:
    """A CSV file's header cells, from its first line; None when unreadable or not text."""
    try:
        with path.open("rb") as handle:
            head = handle.readline(HEADER_BYTES)
        line = head.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if "\x00" in line:
        return None
    try:
        return next(csv.reader([line.rstrip("\r\n")]), None)
    except csv.Error:
        return None


def claims(data_dir: Path, columns: Collection[str]) -> list[Path]:
    """The ``linkedin-*/*.csv`` files under ``data_dir`` whose header has all ``columns``."""
    found = []
    for path in sorted(Path(data_dir).glob("linkedin-*/*.csv")):
        header = header_columns(path)
        if header is not None and set(columns) <= set(header):
            found.append(path)
    return found


def clean_functions(cell: str | None) -> str | None:
    """``"\\n\\n   Analyst\\n \\n   Research\\n"`` → ``"Analyst, Research"``."""
    if not cell:
        return None
    parts = [part.strip() for part in cell.split("\n")]
    return ", ".join(p for p in parts if p) or None


@dataclass(frozen=True)
class LinkedInPostings:
    """LinkedIn job pages scraped to CSV; descriptions lost their line breaks."""

    name: str = "linkedin"
    description: str = "LinkedIn postings (linpingyu/JobListings export, California, 2018)"
    tables: tuple[str, ...] = ("postings",)

    def find(self, data_dir: Path) -> list[Path]:
        """The ``linkedin-*/*.csv`` files under ``data_dir`` with this export's columns."""
        return claims(data_dir, REQUIRED)

    def read(self, path: Path) -> Iterator[Record]:
        """One record per data row; ``row`` is the file's ``row_id``."""
        path = Path(path)
        name = source_file(path)
        scraped_at = SCRAPED.get(path.parent.name)
        for row, cells, problem in table_rows(path, required=REQUIRED, row_column="row_id"):
            if problem:
                yield Rejected(reason=problem, raw=cells, row=row)
                continue
            fields = {f: cells[c] for f, c in COLUMNS.items()}
            fields["job_functions"] = clean_functions(fields["job_functions"])
            yield make_posting(
                source=self.name,
                source_file=name,
                row=row,
                raw=cells,
                glued=True,
                country_hint="US",
                currency_hint="USD",
                scraped_at=scraped_at,
                **fields,
            )


SOURCES = (LinkedInPostings(),)
