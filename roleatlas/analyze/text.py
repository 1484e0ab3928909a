"""Small formatters shared by the templated prose of tips and articles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def pct(share: float | None) -> str:
    """0.7087 -> "71%"."""
    return "n/a" if share is None else f"{round(share * 100)}%"


def ci_pct(ci: Sequence[float] | None) -> str:
    """[0.6631, 0.7504] -> "66–75%"."""
    if not ci:
        return "n/a"
    return f"{round(ci[0] * 100)}–{round(ci[1] * 100)}%"


def months(date_range: Sequence[str] | None) -> str:
    """["2018-07-22", "2023-08-01"] -> "2018-07 to 2023-08"."""
    if not date_range:
        return "no dates"
    first, last = (str(d)[:7] for d in date_range)
    return first if first == last else f"{first} to {last}"


def sources(basis: Mapping[str, Any]) -> str:
    names = basis.get("sources") or []
    return ", ".join(names) if names else "none"


def usd_k(value: float | None) -> str:
    """123456 -> "USD 123K"."""
    return "n/a" if value is None else f"USD {round(value / 1000)}K"


def share_sentence(
    item: Mapping[str, Any], *, what: str, role: str, basis: Mapping[str, Any]
) -> str:
    """The canonical sentence for one share figure, with n, interval, dates and sources."""
    return (
        f"{what} appears in {pct(item['share'])} of {item['n']} {role} postings "
        f"(95% CI {ci_pct(item['ci'])}), {months(basis.get('date_range'))}; "
        f"sources: {sources(basis)}."
    )


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _at(day: date, precision: str | None) -> str:
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    if precision == "week":
        return f"the week of {day.isoformat()}"
    return day.isoformat()


def date_label(posting: Mapping[str, Any]) -> str:
    """What a posting's date is, in words: "posted 2025-03-02", "listed March 2024", ...

    Reads ``posted_on``, ``date_kind``, ``date_precision`` and ``scraped_on`` (a card, a fact
    row or a posting page). A scrape date is never called a posting date.
    """
    posted = _as_date(posting.get("posted_on"))
    kind = posting.get("date_kind") or ("posted" if posted else None)
    precision = posting.get("date_precision")
    if posted is not None and kind in ("posted", "listed"):
        return f"{kind} {_at(posted, precision)}"
    scraped = _as_date(posting.get("scraped_on"))
    if scraped is not None:
        return f"scraped {_at(scraped, 'month')} (posting date unknown)"
    return "date unknown"


def http_url(url: Any) -> str | None:
    """The URL when it is http(s), else None: a stored link never becomes ``javascript:``."""
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def window_note(window: Mapping[str, Any] | None) -> str | None:
    """The recent-market window in words, or None when the figures use every posting."""
    if not window or not window.get("months"):
        return None
    left = []
    if window.get("older"):
        left.append(f"{window['older']:,} older")
    if window.get("undated"):
        left.append(f"{window['undated']:,} undated")
    rest = f"; {' and '.join(left)} postings feed only the trend" if left else ""
    return (
        f"Recent market: the {window['postings']:,} postings dated {str(window['from'])[:7]} to "
        f"{str(window['to'])[:7]} (the latest {window['months']} months){rest}."
    )
