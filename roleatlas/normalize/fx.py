"""Offline currency conversion to US dollars with the ECB reference rates bundled in currencyconverter.

Rates are cached by ``(currency, date)``; the converter itself is built once, on first use, because
loading the rate history takes about half a second.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings

# Used when the posting date is unknown: the first ECB business day of 2024, a recent, stable point.
DEFAULT_FX_DATE = dt.date(2024, 1, 2)


@functools.cache
def _converter():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from currency_converter import CurrencyConverter

        return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


_MONTH = re.compile(r"(\d{4})-(\d{2})")


def as_date(value: dt.date | dt.datetime | str | float | None) -> dt.date | None:
    """A ``date`` from a date, a datetime, an ISO string or Unix seconds; ``None`` if unreadable.

    A month alone (``"2024-03"``, a board's listing month) is its first day, so its pay is priced
    at that month's rate.
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        try:
            return dt.datetime.fromtimestamp(value, dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    month = _MONTH.fullmatch(text)
    try:
        if month:
            return dt.date(int(month.group(1)), int(month.group(2)), 1)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


@functools.lru_cache(maxsize=8192)
def usd_rate(currency: str, on: dt.date = DEFAULT_FX_DATE) -> float | None:
    """US dollars per one unit of ``currency`` on ``on``; ``None`` for an unsupported currency."""
    if currency == "USD":
        return 1.0
    converter = _converter()
    if currency not in converter.currencies:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return float(converter.convert(1.0, currency, "USD", date=on))
        except Exception:  # noqa: BLE001 - the library raises bare ValueError/RateNotFoundError
            return None


def to_usd(
    amount: float | None, currency: str | None, *, on: dt.date | str | None = None
) -> float | None:
    """``amount`` of ``currency`` in US dollars at ``on`` (default :data:`DEFAULT_FX_DATE`)."""
    if amount is None or not currency:
        return None
    rate = usd_rate(currency, as_date(on) or DEFAULT_FX_DATE)
    return None if rate is None else round(amount * rate, 2)


__all__ = ["DEFAULT_FX_DATE", "as_date", "usd_rate", "to_usd"]
