"""LinkedIn US postings: the ML export of 2025 (ivankmk) and the AI/ML export of 2024.

Two formats, two adapters; each claims the ``linkedin-*/*.csv`` files whose header has its
columns, so neither meets the other's file (nor the 2018 export's). Both (data/SOURCES.md, 6):

- ``posted_date`` is the day LinkedIn shows as posted (``job_posted_date`` / ``publishedAt``,
  ``YYYY-MM-DD``): ``date_kind`` ``posted``, precision ``day``. An empty or unparseable date
  leaves ``posted_date`` null (never guessed) and its text in ``posted_text``; the row is kept.
- no apply link, no LinkedIn job id and no pay field: ``url`` and ``external_id`` stay null and
  the pay is only in the text. The postings are US jobs: ``country_hint`` US, ``currency_hint``
  USD.

ivankmk (``linkedin-us-ml``): ``job_description_text`` lost every line break, so headings are
glued to the text ("ResponsibilitiesTikTok is…"); known headings get their own line
(:func:`split_glued_headings`) before the usual sentence re-separation. ``company_address_*`` is
the **company's** address, not the job's: every TikTok row (78) says Los Angeles and every Meta
row (33) Menlo Park, and 12 rows of UK recruiters say England for jobs in New York. So it goes to
``headquarters`` and the posting has no location. ``company_description`` is the employer's
profile, not the ad, and is left out.

2024 (``linkedin-us-aiml``): ``location``, ``contractType`` → employment type, ``experienceLevel``
→ seniority, ``workType`` → job functions, ``sector`` → industry; ``applicationsCount`` is not
a posting field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from roleatlas.sources.adapters.generic import source_file, table_rows
from roleatlas.sources.adapters.linkedin import claims
from roleatlas.sources.base import Record, Rejected
from roleatlas.sources.postings import make_posting

_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*$")
#: section headings of the glued ivankmk descriptions (the most frequent ones)
HEADINGS = (
    "About the Role", "About the Team", "About the Job", "About the Company", "About Us",
    "About You", "Why Join Us", "Who We Are", "Who You Are", "Our Company",
    "Company Description", "Job Description", "Overview", "Position Summary", "Job Summary",
    "The Role", "The Opportunity", "Responsibilities", "Key Responsibilities",
    "Job Responsibilities", "Primary Responsibilities", "Qualifications",
    "Minimum Qualifications", "Basic Qualifications", "Preferred Qualifications",
    "Desired Qualifications", "Required Qualifications", "Requirements", "Preferred Skills",
    "Nice to Have", "Benefits", "What We Offer", "Compensation", "What You'll Do",
    "What You Will Do", "What You'll Need", "What You Will Need",
)  # fmt: skip


def _heading_pattern(heading: str) -> str:
    # the capital is literal, the rest any case ("About The Role"), either apostrophe
    rest = re.escape(heading[1:]).replace("'", "['’]")
    return f"{re.escape(heading[0])}(?i:{rest})"


# a heading is glued when it starts the text or follows a sentence end or a lower-case letter
# without a space, and is followed by a capital without one: "teams.ResponsibilitiesTikTok is"
_GLUED_HEADING = re.compile(
    r"(?:^|(?<=[a-z0-9.!?;)\]]))("
    + "|".join(_heading_pattern(h) for h in sorted(HEADINGS, key=len, reverse=True))
    + r"):?(?=[A-Z])"
)


def split_glued_headings(text: str | None) -> str | None:
    """Put known headings glued to their text on their own line.

    ``"OverviewUpper Hand is…"`` → ``"Overview\\nUpper Hand is…"``. Only whitespace is added, and
    a split heading is no longer glued, so a second pass changes nothing.
    """
    if not text:
        return text
    return _GLUED_HEADING.sub(_own_line, text)


def _own_line(match: re.Match[str]) -> str:
    start = "" if match.start() == 0 else "\n\n"
    return f"{start}{match.group(0)}\n"


def posted_day(text: str | None) -> tuple[str | None, date | None]:
    """``(posted_text, posted_date)`` from a ``YYYY-MM-DD`` cell; no date when unparseable."""
    text = (text or "").strip()
    match = _DAY.match(text)
    if not match:
        return text or None, None
    try:
        return text, date.fromisoformat(match.group(1))
    except ValueError:
        return text, None


def place(*parts: str | None) -> str | None:
    """``("San Jose", " CA")`` → ``"San Jose, CA"``; None when every part is empty."""
    kept = [p.strip() for p in parts if p and p.strip()]
    return ", ".join(kept) or None


@dataclass(frozen=True)
class LinkedInUSPostings:
    """A LinkedIn US export (one header format), read row by row."""

    name: str
    description: str
    #: posting field → column, for the cells taken as they are
    columns: Mapping[str, str] = field(hash=False)
    #: the posting-date column (``YYYY-MM-DD``)
    date_column: str
    #: columns read for a field of their own (the ivankmk address), beside ``columns``
    extra: tuple[str, ...] = ()
    #: the description lost its line breaks (ivankmk)
    glued: bool = False
    tables: tuple[str, ...] = ("postings",)

    @property
    def required(self) -> tuple[str, ...]:
        """The columns a file of this format has (and that its header is recognised by)."""
        return ("row_id", self.date_column, *self.columns.values(), *self.extra)

    def find(self, data_dir: Path) -> list[Path]:
        """The ``linkedin-*/*.csv`` files under ``data_dir`` with this export's columns."""
        return claims(data_dir, self.required)

    def read(self, path: Path) -> Iterator[Record]:
        """One record per data row; ``row`` is the file's ``row_id``."""
        path = Path(path)
        name = source_file(path)
        for row, cells, problem in table_rows(path, required=self.required, row_column="row_id"):
            if problem:
                yield Rejected(reason=problem, raw=cells, row=row)
                continue
            fields: dict[str, Any] = {f: cells[c] for f, c in self.columns.items()}
            fields["posted_text"], fields["posted_date"] = posted_day(cells[self.date_column])
            if self.glued:
                fields["description"] = split_glued_headings(fields["description"])
            if "company_address_locality" in self.extra:
                fields["headquarters"] = place(
                    cells["company_address_locality"], cells["company_address_region"]
                )
            yield make_posting(
                source=self.name,
                source_file=name,
                row=row,
                raw=cells,
                glued=self.glued,
                country_hint="US",
                currency_hint="USD",
                date_kind="posted",
                date_precision="day",
                **fields,
            )


ML = LinkedInUSPostings(
    name="linkedin-us-ml",
    description="LinkedIn US machine-learning postings (ivankmk Kaggle export, 2022-12 to 2025-04)",
    columns={
        "title": "job_title",
        "company": "company_name",
        "description": "job_description_text",
        "seniority_text": "seniority_level",
    },  # fmt: skip
    date_column="job_posted_date",
    extra=("company_address_locality", "company_address_region"),
    glued=True,
)
AIML = LinkedInUSPostings(
    name="linkedin-us-aiml",
    description="LinkedIn US AI/ML postings (Kaggle 'AI and ML Job Listings USA', 2022-03 to 2024-06)",
    columns={
        "title": "title",
        "company": "companyName",
        "location": "location",
        "description": "description",
        "seniority_text": "experienceLevel",
        "employment_type": "contractType",
        "job_functions": "workType",
        "industry": "sector",
    },  # fmt: skip
    date_column="publishedAt",
)

SOURCES = (ML, AIML)
