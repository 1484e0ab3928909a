"""Indeed postings: the 2018 California export (Indeed key, title, ..., relative posting age)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from roleatlas.sources.adapters.generic import source_file, table_rows
from roleatlas.sources.base import Record, Rejected
from roleatlas.sources.postings import make_posting

COLUMNS = {
    "external_id": "id", "title": "title", "company": "company", "location": "location",
    "description": "description",
}  # fmt: skip
#: scrape day per known data folder. Approximate: the repository only says 2018; its LinkedIn
#: files of the same scrape are dated 22 July 2018, so relative ages count back from that day.
SCRAPED = {"indeed-ca-2018-linpingyu": date(2018, 7, 22)}

_AGE = re.compile(r"^(\d+)(\+?)\s+(minute|hour|day)s?\s+ago$", re.IGNORECASE)
_TODAY = frozenset({"just posted", "today"})
# the job card's salary and job-type lines, which the scraper glued above the description
_SALARY_LINE = re.compile(
    r"^\$[\d,]+(?:\.\d+)?(?:\s*-\s*\$[\d,]+(?:\.\d+)?)?\s+an?\s+(?:year|month|week|day|hour)$"
)
_JOB_TYPES = frozenset(
    {"full-time", "part-time", "contract", "temporary", "internship", "commission",
     "apprenticeship", "volunteer", "per diem"}
)  # fmt: skip


def posted_age(text: str | None, scraped_at: date | None) -> tuple[str | None, date | None]:
    """``(posted_text, posted_date)`` from Indeed's relative age (``"3 days ago"``).

    Only real ages are kept as text: ``"save job"`` (a scrape artefact) and the company-name
    fragments that slipped into the column become ``None``. ``"30+ days ago"`` keeps its text
    but no date, as it only bounds the day. Hours and minutes count as the scrape day.
    """
    text = (text or "").strip()
    if text.lower() in _TODAY:
        return text, scraped_at
    match = _AGE.match(text)
    if not match:
        return None, None
    if match.group(2) or scraped_at is None:
        return text, None
    days = int(match.group(1)) if match.group(3).lower() == "day" else 0
    return text, scraped_at - timedelta(days=days)


def card_header(description: str | None) -> tuple[str | None, str | None]:
    """``(salary_text, employment_type)`` from the job-card lines heading a description."""
    salary: str | None = None
    types: list[str] = []
    for line in (description or "").split("\n"):
        line = line.strip()
        if not line:
            continue
        if salary is None and not types and _SALARY_LINE.match(line):
            salary = line
        elif line.lower() in _JOB_TYPES:
            types.append(line)
        else:
            break
    return salary, ", ".join(types) or None


@dataclass(frozen=True)
class IndeedPostings:
    """Indeed search results scraped to CSV, with the job key as ``external_id``."""

    name: str = "indeed"
    description: str = "Indeed postings (linpingyu/JobListings export, California, 2018)"
    tables: tuple[str, ...] = ("postings",)

    def find(self, data_dir: Path) -> list[Path]:
        """The ``indeed-*/*.csv`` files under ``data_dir``."""
        return sorted(Path(data_dir).glob("indeed-*/*.csv"))

    def read(self, path: Path) -> Iterator[Record]:
        """One record per data row; ``row`` is the file's ``row_id``."""
        path = Path(path)
        name = source_file(path)
        scraped_at = SCRAPED.get(path.parent.name)
        required = ("row_id", *COLUMNS.values(), "time_posted")
        for row, cells, problem in table_rows(path, required=required, row_column="row_id"):
            if problem:
                yield Rejected(reason=problem, raw=cells, row=row)
                continue
            fields = {f: cells[c] for f, c in COLUMNS.items()}
            posted_text, posted_date = posted_age(cells["time_posted"], scraped_at)
            salary_text, employment_type = card_header(fields["description"])
            yield make_posting(
                source=self.name,
                source_file=name,
                row=row,
                raw=cells,
                posted_text=posted_text,
                posted_date=posted_date,
                salary_text=salary_text,
                employment_type=employment_type,
                country_hint="US",
                currency_hint="USD",
                scraped_at=scraped_at,
                **fields,
            )


SOURCES = (IndeedPostings(),)
