"""Jinja rendering (autoescape on) and the small formatting filters every template uses."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import nh3
from jinja2 import (
    ChainableUndefined,
    Environment,
    FileSystemLoader,
    Undefined,
    select_autoescape,
)
from markupsafe import Markup

from roleatlas.analyze.text import date_label, http_url, window_note
from roleatlas.web import charts

TEMPLATES = Path(__file__).parent / "templates"
WORDS_PER_MINUTE = 230
_TAGS = re.compile(r"<[^>]+>")
_SAFE_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "h1", "h2", "h3", "h4", "h5",
    "h6", "a", "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "td", "th", "hr",
    "span", "div",
}  # fmt: skip


def pct(value: Any, digits: int = 0) -> str:
    """A fraction in [0, 1] as a percentage ("71%"), or an en dash."""
    if value is None:
        return "–"
    return f"{float(value) * 100:.{digits}f}%"


def ci(interval: Sequence[float] | None) -> str:
    """A fraction interval as "66–75%"."""
    if not interval or interval[0] is None:
        return ""
    return f"{interval[0] * 100:.0f}–{interval[1] * 100:.0f}%"


def money(value: Any) -> str:
    """Annual USD as "$120K"."""
    if value is None:
        return "–"
    v = float(value)
    return f"${v / 1000:,.0f}K" if abs(v) >= 1000 else f"${v:,.0f}"


def _thousands(value: float) -> str:
    return f"{value / 1000:,.0f}K" if abs(value) >= 1000 else f"{value:,.0f}"


def _amount(value: Any) -> float | None:
    """A number, or None for a missing one (None, an undefined template value, NaN)."""
    if value is None or isinstance(value, Undefined):
        return None
    number = float(value)
    return None if number != number else number


def pay_band(low: Any, high: Any, estimate: Any = False) -> str:
    """Annual USD bounds as a band: "USD 100K – 130K", "USD 187K+", "up to USD 187K", or "".

    A job-board estimate is marked "(est.)"; one missing side never prints as a dash.
    """
    lo, hi = _amount(low), _amount(high)
    if lo is None and hi is None:
        return ""
    if lo is not None and hi is not None:
        a, b = _thousands(lo), _thousands(hi)
        text = f"USD {a}" if a == b else f"USD {a} – {b}"
    elif lo is not None:
        text = f"USD {_thousands(lo)}+"
    else:
        text = f"up to USD {_thousands(hi)}"  # type: ignore[arg-type]
    return text + (" (est.)" if estimate else "")


def stated_pay(low: Any, high: Any, currency: Any, period: Any) -> str:
    """Pay as the posting stated it: "EUR 50,000–60,000 per year", one side alone as "from"/"up to"."""

    def amount(v: float) -> str:
        return f"{v:,.0f}" if v >= 100 else f"{v:,.2f}"

    low, high = _amount(low), _amount(high)
    if low is None and high is None:
        return ""

    if low is not None and high is not None and float(low) != float(high):
        figure = f"{amount(low)}–{amount(high)}"
    elif low is not None and high is not None:
        figure = amount(low)
    elif low is not None:
        figure = f"from {amount(low)}"
    else:
        figure = f"up to {amount(high)}"
    return f"{currency or ''} {figure}".strip() + (f" per {period}" if period else "")


def signed_money(value: Any) -> str:
    if value is None:
        return "–"
    return ("+" if float(value) >= 0 else "−") + money(abs(float(value)))


def number(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:,}" if isinstance(value, int) else f"{float(value):,.1f}"


def basis(b: Mapping[str, Any] | None) -> str:
    """A section's basis as one line: "n=412 postings, 2018-07-22 to 2023-08-01; sources: …"."""
    if not b:
        return "basis not recorded"
    text = f"n={number(b.get('n'))} {b.get('unit') or 'records'}"
    dates = b.get("date_range")
    if dates:
        text += f", {dates[0]} to {dates[1]}"
    sources = b.get("sources")
    if sources:
        text += "; sources: " + ", ".join(map(str, sources))
    if b.get("thin"):
        text += " (thin data: read with care)"
    return text


def share_note(item: Mapping[str, Any], role: str = "", unit: str = "postings") -> str:
    """Hover text of one share: "Python: 292 of 412 Data Scientist postings (71%, 95% CI 66–75%)"."""
    label = item.get("label") or item.get("value") or item.get("skill") or ""
    interval = ci(item.get("ci"))
    return (
        f"{label}: {item.get('count', '?')} of {item.get('n', '?')} {role} {unit} "
        f"({pct(item.get('share'))}{', 95% CI ' + interval if interval else ''})"
    ).replace("  ", " ")


def label(value: Any) -> str:
    """A slug or code as a reader's label ("full-time" → "Full Time")."""
    if value is None:
        return "–"
    return str(value).replace("-", " ").replace("_", " ").title()


def when(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10] if value else "–"


def clean_html(html: str | None) -> Markup:
    """Posting HTML sanitized again (ingestion already did): formatting tags only, safe links."""
    if not html:
        return Markup("")
    return Markup(
        nh3.clean(
            html,
            tags=_SAFE_TAGS,
            attributes={"a": {"href", "title"}},
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )


def dated(posting: Any) -> str:
    """A posting's date in words (``date_label``), capitalised for a card or a page."""
    text = date_label(posting if isinstance(posting, dict) else vars(posting))
    return text[:1].upper() + text[1:]


def reading_minutes(html: str) -> int:
    """Minutes to read a rendered article at 230 words a minute."""
    return max(1, round(len(_TAGS.sub(" ", html).split()) / WORDS_PER_MINUTE))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "xml", "svg"], default_for_string=True),
        trim_blocks=True,
        undefined=ChainableUndefined,
        lstrip_blocks=True,
    )
    env.filters.update(
        pct=pct, ci=ci, money=money, signed_money=signed_money, number=number, basis=basis,
        share_note=share_note, label=label, pay_band=pay_band, stated_pay=stated_pay,
        safe_url=http_url, dated=dated, window_note=window_note, when=when, clean_html=clean_html,
    )  # fmt: skip
    from roleatlas.web import figures

    env.globals["charts"] = charts
    env.globals["figures"] = figures
    return env


def render(template: str, **context: Any) -> str:
    """A template rendered with ``context``."""
    return environment().get_template(template).render(**context)
