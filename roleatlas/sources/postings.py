"""Building canonical posting rows: cleaning at the door, stable ids and duplicate keys."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from roleatlas.sources.base import Rejected, Row
from roleatlas.sources.clean import (
    content_id,
    dedup_key,
    description_fields,
    fix_text,
    null_if_placeholder,
    split_company_rating,
)

#: the posting columns an adapter may fill (see the ``postings`` table)
POSTING_FIELDS = (
    "external_id", "title", "company", "company_rating", "location", "headquarters",
    "country_hint", "currency_hint", "description", "description_html", "salary_text",
    "posted_date", "posted_text", "employment_type", "seniority_text", "job_functions",
    "industry", "sector", "company_size", "founded", "ownership", "revenue", "remote_text",
    "url", "scraped_at", "date_kind", "date_precision",
)  # fmt: skip
#: what a posting's ``posted_date`` is: the day the employer posted it, or the month (or day) a
#: board listed it; ``scraped`` marks a posting whose only date is the day a scraper ran
DATE_KINDS = frozenset({"posted", "listed", "scraped"})
DATE_PRECISIONS = frozenset({"day", "week", "month", "year"})
_TEXT_FIELDS = frozenset(POSTING_FIELDS) - {
    "company_rating", "posted_date", "scraped_at", "description", "description_html",
    "date_kind", "date_precision",
}  # fmt: skip


def make_posting(
    *,
    source: str,
    source_file: str,
    row: int | None,
    raw: dict[str, Any],
    glued: bool = False,
    **fields: Any,
) -> Row | Rejected:
    """A cleaned ``postings`` row from an adapter's field mapping, or a rejection with a reason.

    Args:
        source: the adapter's name.
        source_file: the file's path relative to the data directory (or the response's name).
        row: the row's position in the source (its ``row_id`` where the source has one).
        raw: the raw cells, kept in the quarantine when the row is rejected.
        glued: the description lost its line breaks (LinkedIn export): re-separate sentences.
        **fields: raw values for :data:`POSTING_FIELDS`; ``description`` may be HTML.
    """
    unknown = set(fields) - set(POSTING_FIELDS)
    if unknown:
        raise TypeError(f"unknown posting fields: {sorted(unknown)}")
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name in _TEXT_FIELDS and isinstance(value, str):
            value = fix_text(null_if_placeholder(value))
        values[name] = value
    company, rating = split_company_rating(values.get("company"))
    values["company"] = company
    if values.get("company_rating") is None and rating is not None:
        values["company_rating"] = rating
    values["company_rating"] = _rating(values.get("company_rating"))
    text, html = description_fields(
        fields.get("description_html") or fields.get("description"), glued=glued
    )
    values["description"], values["description_html"] = text, html
    if not values.get("title"):
        return Rejected(reason="no job title", raw=raw, row=row)
    if not text and not company:
        return Rejected(reason="no description and no company", raw=raw, row=row)
    for name in ("posted_date", "scraped_at"):
        if values.get(name) is not None and not isinstance(values[name], date):
            return Rejected(reason=f"bad {name}: {values[name]!r}", raw=raw, row=row)
    problem = _date_provenance(values)
    if problem:
        return Rejected(reason=problem, raw=raw, row=row)
    values["id"] = content_id(source, source_file, row, values["title"], company, text)
    values["dedup_key"] = dedup_key(title=values["title"], description=text, company=company)
    values["source"] = source
    values["source_file"] = source_file
    values["source_row"] = row
    return Row(table="postings", values=values, row=row)


def _date_provenance(values: dict[str, Any]) -> str | None:
    """Fill ``date_kind`` and ``date_precision`` from the dates present; a problem, else None.

    A ``posted_date`` is a posting date to the day unless the adapter says otherwise; a posting
    with only a scrape date is dated ``scraped``, so no page shows that day as a posting date.
    """
    kind, precision = values.get("date_kind"), values.get("date_precision")
    if values.get("posted_date") is not None:
        kind = kind or "posted"
    elif values.get("scraped_at") is not None:
        kind = "scraped"
    else:
        kind = precision = None
    if kind is not None:
        precision = precision or "day"
    if kind is not None and kind not in DATE_KINDS:
        return f"bad date_kind: {kind!r}"
    if precision is not None and precision not in DATE_PRECISIONS:
        return f"bad date_precision: {precision!r}"
    values["date_kind"], values["date_precision"] = kind, precision
    return None


def _rating(value: Any) -> float | None:
    value = null_if_placeholder(value)
    if value is None:
        return None
    try:
        rating = float(value)
    except (TypeError, ValueError):
        return None
    return rating if 0 < rating <= 5 else None


def relative_name(path: Path, data_dir: Path | None) -> str:
    """A file's name for provenance: its path under the data directory as the user laid it out.

    Symbolic links are not resolved: a linked folder's files keep their path under the data
    directory (resolving would take them outside it), so the same files give the same names
    and ids whether the directory holds copies or links, and wherever it lives.
    """
    if data_dir is not None:
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(data_dir)).as_posix()
        except ValueError:
            pass
    return path.name
