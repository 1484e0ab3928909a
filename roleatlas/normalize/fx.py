"""Offline currency conversion to US dollars with the ECB reference rates bundled in currencyconverter.

Rates are cached by ``(currency, date)``; the converter itself is built once, on first use, because
loading the rate history takes about half a second.
"""

from __future__ import annotations

import datetime as dt
import functools
import warnings

# Used when the posting date is unknown: the first ECB business day of 2024, a recent, stable point.
DEFAULT_FX_DATE = dt.date(2024, 1, 2)


@functools.cache
def _converter():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from currency_converter import CurrencyConverter

        return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def as_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    """A ``date`` from a date, a datetime or an ISO string; ``None`` when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
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
