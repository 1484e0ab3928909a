"""LinkedIn postings: the 2018 California export (title, company, ..., seniority, functions)."""

from __future__ import annotations

from collections.abc import Iterator
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
#: the documented scrape day per known data folder (see data/SOURCES.md)
SCRAPED = {"linkedin-ca-2018-linpingyu": date(2018, 7, 22)}


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
        """The ``linkedin-*/*.csv`` files under ``data_dir``."""
        return sorted(Path(data_dir).glob("linkedin-*/*.csv"))

    def read(self, path: Path) -> Iterator[Record]:
        """One record per data row; ``row`` is the file's ``row_id``."""
        path = Path(path)
        name = source_file(path)
        scraped_at = SCRAPED.get(path.parent.name)
        required = ("row_id", *COLUMNS.values())
        for row, cells, problem in table_rows(path, required=required, row_column="row_id"):
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
