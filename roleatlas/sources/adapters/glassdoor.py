"""Glassdoor postings: the five scraper exports, told apart by their headers."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.generic import source_file, table_rows
from roleatlas.sources.base import Record, Rejected
from roleatlas.sources.clean import null_if_placeholder
from roleatlas.sources.files import read_text
from roleatlas.sources.postings import make_posting

#: posting field → column, in the layout of the Selenium scraper most exports come from
_TITLE_CASE = {
    "title": "Job Title", "salary_text": "Salary Estimate", "description": "Job Description",
    "company_rating": "Rating", "company": "Company Name", "location": "Location",
    "headquarters": "Headquarters", "company_size": "Size", "founded": "Founded",
    "ownership": "Type of ownership", "industry": "Industry", "sector": "Sector",
    "revenue": "Revenue",
}  # fmt: skip
#: the lower-case layout of the 2023 data-engineer scrape (no rating, headquarters or revenue)
_LOWER_CASE = {
    "company": "company", "title": "job title", "location": "location",
    "description": "job description", "salary_text": "salary estimate",
    "company_size": "company_size", "ownership": "company_type", "sector": "company_sector",
    "industry": "company_industry", "founded": "company_founded",
}  # fmt: skip


@dataclass(frozen=True)
class Layout:
    """One header variant: its columns and what a bare ``$`` and a bare suburb mean."""

    name: str
    columns: dict[str, str]
    country: str
    currency: str
    shifted_facts: bool


LAYOUTS = {
    "title-case": Layout("title-case", _TITLE_CASE, "US", "USD", shifted_facts=True),
    "lower-case": Layout("lower-case", _LOWER_CASE, "US", "USD", shifted_facts=False),
    # the glassdoor.com.au scrape: no Headquarters/Competitors, amounts in AUD written `$`
    "australian": Layout(
        "australian",
        {k: v for k, v in _TITLE_CASE.items() if k != "headquarters"},
        "AU",
        "AUD",
        shifted_facts=True,
    ),
}

#: documented scrape month per known data folder (see data/SOURCES.md); other folders get None.
#: These are scrape dates (precision: month), never posting dates. The Kaggle upload only says
#: "circa 2020-2021", so its postings carry no date at all rather than a stand-in.
SCRAPED = {
    "glassdoor-ds-2020-kenjee": date(2020, 4, 1),
    "glassdoor-da-2022-nadirbcn": date(2022, 3, 1),
    "glassdoor-de-2023-hamitouche": date(2023, 8, 1),
    "glassdoor-au-da-2021-poorvaldhotre": date(2021, 10, 1),
}
#: A "Salary Estimate" that is the band of the scraper's search rather than the posting's pay (as
#: in ``Uncleaned_DS_jobs.csv``: 30 values in 30 contiguous blocks) is kept as read here and left
#: out of pay by one rule for every file at analysis time (``roleatlas.analyze.keys``, "search
#: bands" in docs/METHODS.md), not by file name.

_YEAR = re.compile(r"^\s*(1[5-9]\d\d|20\d\d)\s*$")
_REVENUE = re.compile(r"\(USD\)\s*$|^\s*Unknown / Non-Applicable\s*$")

_FACTS = ("founded", "ownership", "industry", "sector", "revenue")
Facts = tuple[str | None, str | None, str | None, str | None, str | None]


def detect_layout(header: list[str]) -> Layout | None:
    """The layout a header belongs to, or ``None`` when it is no Glassdoor export."""
    if "job title" in header:
        return LAYOUTS["lower-case"]
    if "Job Title" in header:
        return LAYOUTS["title-case" if "Headquarters" in header else "australian"]
    return None


def realign_company_facts(
    founded: str | None,
    ownership: str | None,
    industry: str | None,
    sector: str | None,
    revenue: str | None,
) -> Facts:
    """Undo the left shift of ``(founded, ownership, industry, sector, revenue)``.

    Newer Glassdoor pages leave out a missing company fact instead of showing it empty, and the
    scraper reads the box by position: the later values move left and the freed columns end as
    ``-1`` (``Founded="Company - Private"``, ``Sector="$5 to $10 million (USD)"``). About a third
    of the NadirBcn and Australian rows are shifted. A value is placed by its kind: a year is
    ``founded``, a trailing revenue band is ``revenue``, the rest fill ownership, industry and
    sector in order. Rows that cannot be placed are returned as scraped.
    """
    facts = (founded, ownership, industry, sector, revenue)
    founded_ok = founded is None or null_if_placeholder(founded) is None or _YEAR.match(founded)
    if founded_ok and not any(v and _REVENUE.search(v) for v in facts[1:4]):
        return facts
    present = [v for v in facts if null_if_placeholder(v) is not None]
    placed: list[str | None] = [None] * 5
    if present and _YEAR.match(present[0] or ""):
        placed[0] = present.pop(0)
    if present and _REVENUE.search(present[-1] or ""):
        placed[4] = present.pop()
    if len(present) > 3:  # more values than places: leave the row as scraped
        return facts
    for slot, value in zip((1, 2, 3), present, strict=False):
        placed[slot] = value
    return placed[0], placed[1], placed[2], placed[3], placed[4]


def read_header(path: Path) -> list[str]:
    """The header row of a CSV file (whole-file problems raise ``SourceError``)."""
    text = read_text(path)
    try:
        return next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as exc:
        raise SourceError(f"{path}: malformed CSV header ({exc})") from exc


@dataclass(frozen=True)
class GlassdoorPostings:
    """The Glassdoor scraper exports (Ken Jee, Kaggle uncleaned, NadirBcn, Hamitouche, AU)."""

    name: str = "glassdoor"
    description: str = "Glassdoor postings scraped with the Selenium scraper and its forks"
    tables: tuple[str, ...] = ("postings",)

    def find(self, data_dir: Path) -> list[Path]:
        """The ``glassdoor-*/*.csv`` files under ``data_dir``."""
        return sorted(Path(data_dir).glob("glassdoor-*/*.csv"))

    def read(self, path: Path) -> Iterator[Record]:
        """One record per data row; ``row`` is the file's ``row_id``."""
        path = Path(path)
        header = read_header(path)
        layout = detect_layout(header)
        if layout is None:
            raise SourceError(
                f"{path}: not a Glassdoor export: no 'Job Title' or 'job title' column; "
                f"found {header[:20]}"
            )
        name = source_file(path)
        scraped_at = SCRAPED.get(path.parent.name)
        required = ("row_id", *layout.columns.values())
        for row, cells, problem in table_rows(path, required=required, row_column="row_id"):
            if problem:
                yield Rejected(reason=problem, raw=cells, row=row)
                continue
            fields = {f: cells[c] for f, c in layout.columns.items()}
            if layout.shifted_facts:
                facts = realign_company_facts(*(fields[f] for f in _FACTS))
                fields.update(zip(_FACTS, facts, strict=True))
            yield make_posting(
                source=self.name,
                source_file=name,
                row=row,
                raw=cells,
                country_hint=layout.country,
                currency_hint=layout.currency,
                scraped_at=scraped_at,
                date_precision="month" if scraped_at else None,
                **fields,
            )


SOURCES = (GlassdoorPostings(),)
