"""Small formatters shared by the templated prose of tips and articles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


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
