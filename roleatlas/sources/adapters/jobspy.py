"""JobSpy postings: the CSV that ``python-jobspy``'s ``scrape_jobs(...).to_csv(...)`` writes.

Columns follow JobSpy's ``desired_order`` (``id, site, job_url, job_url_direct, title, company,
location, date_posted, job_type, salary_source, interval, min_amount, max_amount, currency,
is_remote, job_level, job_function, listing_type, emails, description, company_industry, ...``);
only ``site``, ``title``, ``company`` and ``job_url`` are required, so older exports read too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from roleatlas.sources.adapters.generic import parse_date, source_file, table_rows
from roleatlas.sources.base import Record, Rejected
from roleatlas.sources.postings import make_posting

REQUIRED = ("site", "title", "company", "job_url")
COLUMNS = {
    "external_id": "id", "title": "title", "company": "company", "location": "location",
    "employment_type": "job_type", "seniority_text": "job_level",
    "job_functions": "job_function", "industry": "company_industry",
    "headquarters": "company_addresses", "company_size": "company_num_employees",
    "revenue": "company_revenue", "company_rating": "company_rating",
}  # fmt: skip
_TRUE = frozenset({"true", "1", "yes"})
# JobSpy writes Markdown descriptions (``\-``, ``\*``); its README's ``to_csv(...,
# escapechar="\\")`` then doubles each backslash. Both spellings are unescaped.
_MD_ESCAPE = re.compile(r"\\{1,2}([\\`*_{}\[\]()#+\-.!|~<>])")


def amount(value: str | None) -> str | None:
    """``"100000.0"`` → ``"100000"``; ``None`` for empty or non-numeric cells."""
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        return None
    if not math.isfinite(number) or number < 0:
        return None
    return f"{number:.0f}" if number.is_integer() else f"{number:g}"


def salary_text(
    *, low: str | None, high: str | None, currency: str | None, interval: str | None
) -> str | None:
    """A salary string the salary parser reads: ``"USD 100000-130000 yearly"``."""
    low, high = amount(low), amount(high)
    if low is None and high is None:
        return None
    span = f"{low}-{high}" if low and high and low != high else (low or high)
    parts = [(currency or "").strip().upper(), span, (interval or "").strip().lower()]
    return " ".join(p for p in parts if p)


def unescape_markdown(text: str | None) -> str | None:
    """Markdown backslash escapes removed: ``"5\\+ years"`` → ``"5+ years"``."""
    return _MD_ESCAPE.sub(r"\1", text) if text else text


@dataclass(frozen=True)
class JobSpyPostings:
    """Postings scraped from LinkedIn, Indeed, Glassdoor, ZipRecruiter, Google by JobSpy."""

    name: str = "jobspy"
    description: str = "python-jobspy CSV exports (multi-board scrapes); never auto-discovered"
    tables: tuple[str, ...] = ("postings",)

    def find(self, data_dir: Path) -> list[Path]:
        """Nothing: JobSpy exports are only read when named."""
        return []

    def read(self, path: Path) -> Iterator[Record]:
        """One record per data row; ``row`` is the row's 0-based position."""
        path = Path(path)
        name = source_file(path)
        for row, cells, problem in table_rows(path, required=REQUIRED):
            if problem:
                yield Rejected(reason=problem, raw=cells, row=row)
                continue
            fields = {f: cells.get(c) for f, c in COLUMNS.items()}
            remote = str(cells.get("is_remote", "")).strip().lower() in _TRUE
            yield make_posting(
                source=self.name,
                source_file=name,
                row=row,
                raw=cells,
                description=unescape_markdown(cells.get("description")),
                url=cells.get("job_url") or cells.get("job_url_direct"),
                posted_date=parse_date(cells.get("date_posted")),
                salary_text=salary_text(
                    low=cells.get("min_amount"),
                    high=cells.get("max_amount"),
                    currency=cells.get("currency"),
                    interval=cells.get("interval"),
                ),
                remote_text="Remote" if remote else None,
                currency_hint=(cells.get("currency") or "").strip().upper() or None,
                **fields,
            )


SOURCES = (JobSpyPostings(),)
