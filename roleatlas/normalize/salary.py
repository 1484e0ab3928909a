"""Parse salary strings ("$53K-$91K (Glassdoor est.)", "£45,000 per annum", "₹12 LPA") into numbers.

Rules worth knowing:

* Amounts are kept as stated (``K`` and ``lakh`` expanded) in the stated period; ``annual_*`` multiply
  by :data:`~roleatlas.normalize.salary_patterns.ANNUALIZATION` (hour x2080, day x260, week x52,
  biweekly x26, month x12), which a caller may override with ``annualization=``.
* A bare ``$`` is ``default_currency`` when given, else USD. ``CA$`` right after a place
  ("San Jose, CA$120,000") is California plus a dollar sign, not Canadian dollars.
* Without a stated period: amounts with ``K`` are yearly; otherwise the size decides
  (< 300 hour, < 1,000 day, < 15,000 month, else year) and ``flags`` holds ``"period_inferred"``.
* "Up to $X" keeps only the maximum, "$X+" / "from $X" / "starting at $X" only the minimum.
* Millions, billions and amounts followed by revenue/funding/bonus words are not pay: ``None``.
* An annual amount under 1,000 or over 5,000,000 USD is implausible: the stated amounts are kept,
  ``annual_*`` are ``None`` and ``flags`` holds ``"implausible"``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, NamedTuple

from roleatlas.normalize import salary_patterns as P
from roleatlas.normalize.fx import as_date, to_usd

MIN_PLAUSIBLE_USD = 1_000
MAX_PLAUSIBLE_USD = 5_000_000


@dataclass(frozen=True, slots=True)
class SalaryParse:
    """One pay statement: amounts as stated, annualized, and in US dollars."""

    raw: str
    min_amount: float | None
    max_amount: float | None
    currency: str | None
    period: str | None
    annual_min: float | None
    annual_max: float | None
    annual_min_usd: float | None
    annual_max_usd: float | None
    is_estimate: bool | None
    kind: str
    span: tuple[int, int] | None = None
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain fields for JSON/CSV output (integral floats as ints, flags joined by ``;``)."""
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, float) and value.is_integer():
                out[key] = int(value)
        out["span"] = list(self.span) if self.span else None
        out["flags"] = ";".join(self.flags)
        return out


class Stated(NamedTuple):
    """What a string states, before annualization: the cacheable part of a parse."""

    start: int
    end: int
    min_amount: float | None
    max_amount: float | None
    currency: str | None
    period: str
    period_stated: bool
    has_marker: bool
    not_pay: bool
    flags: tuple[str, ...]


_DECIMAL = re.compile(r"[.,](\d{1,2})$")
_NON_DIGIT = re.compile(r"\D")
_THOUSANDS_DOT = re.compile(r"\d+\.\d{3}")
_STATE_BEFORE = re.compile(r"(?:,\s?|[a-z]\s)$")
_NUMBER_BEFORE = re.compile(r"\d\s?$")


def _number(text: str, mult: str | None) -> float:
    mult = (mult or "").strip()
    if mult and _THOUSANDS_DOT.fullmatch(text):
        value = float(text)
    else:
        dec = _DECIMAL.search(text)
        whole = _NON_DIGIT.sub("", text[: dec.start()] if dec else text) or "0"
        value = float(f"{whole}.{dec.group(1)}") if dec else float(whole)
    if mult in ("k", "thousand") and value >= 1000:
        return value  # "$558,000K": the thousands are already written out
    return value * P.MULTIPLIERS[mult] if mult else value


def _marker(token: str, *, prefix: bool, folded: str, pos: int) -> tuple[bool, str | None]:
    key = token.replace(" ", "").replace("~", "").strip("()")
    if prefix:
        if key == "ca$" and _STATE_BEFORE.search(folded, max(0, pos - 2), pos):
            return True, None
        if len(key) == 2 and _NUMBER_BEFORE.search(folded, max(0, pos - 2), pos):
            return True, None
        if key in P.PREFIX_CURRENCY:
            return True, P.PREFIX_CURRENCY[key]
        if key.rstrip("$") in P.PREFIX_CURRENCY:
            return True, P.PREFIX_CURRENCY[key.rstrip("$")]
        return True, P.SYMBOL_CURRENCY.get(key)
    return True, P.SUFFIX_CURRENCY.get(key)


def _period_word(word: str) -> str:
    word = word.replace(" ", "")
    if word.startswith(("bi", "every", "fortnight")):
        return "biweekly"
    if word.startswith("p"):
        return "year"
    return P.PERIOD_WORDS.get(word.rstrip("."), "year")


# The largest amount a period word written before the amount can describe.
_MAX_FOR_PERIOD = {"hour": 1_000, "day": 10_000, "week": 50_000, "biweekly": 100_000}
_WHOLE = re.compile(r"\d{1,3}(?:[.,]00)?")


def _thousands_dropped(first: str, lo: float, hi: float) -> bool:
    """True for a range whose first number is the second's thousands ("$110- $120,000")."""
    if not _WHOLE.fullmatch(first) or lo >= 1000 or hi < 10_000:
        return False
    return hi / 3 <= lo * 1000 <= hi


def _maybe_period_before(folded: str, start: int) -> bool:
    window = folded[max(0, start - 40) : start]
    return any(w in window for w in ("hour", "da", "week", "month", "year", "annu"))


def _infer_period(value: float, mults: set[str]) -> str:
    if mults & {"k", "thousand"} or value >= 15_000:
        return "year"
    if value < 300:
        return "hour"
    return "day" if value < 1_000 else "month"


def stated_from_match(folded: str, m: re.Match[str], *, default_currency: str | None) -> Stated:
    """Read amounts, currency and period from one ``MONEY_RE`` match in folded text."""
    g = m.group
    mults = {x.strip() for x in (g("m1"), g("m2")) if x}
    m1, m2 = g("m1"), g("m2")
    if g("n2") and bool(m1) != bool(m2):
        n1, n2 = _number(g("n1"), None), _number(g("n2"), None)
        if m2 and n1 < n2:
            m1 = m2
        elif m1 and n2 < n1:
            m2 = m1
    lo = _number(g("n1"), m1)
    hi = _number(g("n2"), m2) if g("n2") else None
    flags: list[str] = []
    if hi is not None and not (m1 or m2 or g("u1")) and _thousands_dropped(g("n1"), lo, hi):
        lo *= 1000  # "$110- $120,000", "$10-15,000/month": the first number lost its thousands
        flags.append("min_scaled")

    currency, has_marker = None, False
    for name in ("c1", "s1", "c2", "s2"):
        if g(name):
            found, code = _marker(g(name), prefix=name[0] == "c", folded=folded, pos=m.start(name))
            has_marker = has_marker or found
            currency = currency or code
    if has_marker and currency is None:
        currency = default_currency or "USD"
    elif not has_marker:
        currency = "INR" if mults & P.INDIAN_WORDS else default_currency

    bare_letter = not has_marker and bool(mults & {"l", "cr"})
    end = m.end()
    unit = P.UNIT_RE.match(folded, end)
    u1 = P.UNIT_RE.match(g("u1")) if g("u1") else None
    first_word = (u1.group("w") or u1.group("w2")) if u1 else None
    word = None
    if unit:
        word = unit.group("w") or unit.group("w2")
        end = unit.end()
    elif first_word:
        word = first_word
    if word is None and _maybe_period_before(folded, m.start()):
        before = P.PERIOD_BEFORE_RE.search(folded, max(0, m.start() - 40), m.start())
        word = before.group("w") if before else None
        if word and (hi or lo) > _MAX_FOR_PERIOD.get(_period_word(word), float("inf")):
            word = None  # "Salary/Hourly Rate Range: $170,000 - $200,000" is not hourly
    if word is None and mults & P.INDIAN_MULTIPLIERS and not bare_letter:
        word = "lpa"
    period = _period_word(word) if word else _infer_period(hi or lo, mults)
    if word is None:
        flags.append("period_inferred")
    elif first_word and hi is not None and _period_word(first_word) != period:
        # "$56.25/hour to $173,000/year": the minimum is restated in the maximum's period
        lo = round(lo * P.ANNUALIZATION[_period_word(first_word)] / P.ANNUALIZATION[period], 2)
        flags.append("mixed_periods")

    if hi is None:
        before = folded[max(0, m.start() - 30) : m.start()]
        if g("p1") or g("q1") or P.AT_LEAST_RE.search(before):
            hi = None
        elif P.UP_TO_RE.search(before):
            lo, hi = None, lo
        else:
            hi = lo
    elif lo > hi:
        lo, hi = hi, lo
        flags.append("swapped")

    not_pay = (
        bare_letter
        or bool(mults & P.NOT_PAY_MULTIPLIERS)
        or bool(P.NOT_PAY_AFTER_RE.match(folded, end))
    )
    return Stated(
        m.start(),
        end,
        lo,
        hi,
        currency,
        period,
        word is not None,
        has_marker,
        not_pay,
        tuple(flags),
    )


def _is_placeholder(st: Stated) -> bool:
    """``$0``, ``~0k``, ``$0/yr - $0/yr``, ``USD $1~$1``: a board's empty value, not pay."""
    return max(st.min_amount or 0, st.max_amount or 0) <= 1


def _is_retirement_plan(m: re.Match[str], st: Stated) -> bool:
    return not st.has_marker and bool(P.RETIREMENT_RE.fullmatch(m.group(0).strip()))


_THIRD = re.compile(r"\s?-\s?(?:[a-z]{2,4}:\s?)?")


def _third_value(folded: str, m: re.Match[str], st: Stated) -> Stated:
    """Widen ``min - mid - max`` ("$136,611- $151,437- $166,263") to its last, highest value."""
    if not m.group("n2") or st.max_amount is None or m.end() != st.end:
        return st
    gap = _THIRD.match(folded, st.end)
    nxt = P.MONEY_RE.match(folded, gap.end()) if gap else None
    if nxt is None or nxt.group("n2") or nxt.group("m1") != m.group("m2"):
        return st
    value = _number(nxt.group("n1"), nxt.group("m1"))
    if value <= st.max_amount:
        return st
    return st._replace(end=nxt.end(), max_amount=value)


def _field_period(folded: str, st: Stated) -> Stated:
    """Give an amount without a period the first period word later in the same salary field."""
    if st.period_stated:
        return st
    found = P.FIELD_PERIOD_RE.search(folded, st.end)
    if found is None:
        return st
    period = _period_word(found.group("w") or found.group("w2"))
    flags = tuple(f for f in st.flags if f != "period_inferred")
    return st._replace(period=period, period_stated=True, flags=flags)


def kind_of(context: str) -> str:
    """``"total"`` for total compensation / OTE, ``"base"`` for base pay, else ``"unknown"``."""
    if P.TOTAL_RE.search(context):
        return "total"
    return "base" if P.BASE_RE.search(context) else "unknown"


@functools.lru_cache(maxsize=65536)
def _parse_field(text: str, default_currency: str | None) -> tuple[Stated, bool | None, str] | None:
    folded = P.fold(text)
    if folded.strip() in P.MISSING_VALUES:
        return None
    for m in P.MONEY_RE.finditer(folded):
        st = stated_from_match(folded, m, default_currency=default_currency)
        if st.not_pay or _is_placeholder(st) or _is_retirement_plan(m, st):
            continue
        bare_ok = st.period_stated or m.group("m1") or m.group("m2")
        if not st.has_marker and not bare_ok and folded.strip() != m.group(0).strip():
            continue
        st = _field_period(folded, _third_value(folded, m, st))
        if P.ESTIMATE_RE.search(folded):
            estimate: bool | None = True
        else:
            estimate = False if P.EMPLOYER_RE.search(folded) else None
        return st, estimate, kind_of(folded)
    return None


def build(
    st: Stated,
    *,
    raw: str,
    is_estimate: bool | None,
    kind: str,
    posted_date: dt.date | str | None = None,
    annualization: Mapping[str, float] | None = None,
    span: tuple[int, int] | None = None,
) -> SalaryParse:
    """Annualize and convert a :class:`Stated` into a :class:`SalaryParse`."""
    factor = (annualization or P.ANNUALIZATION).get(st.period, P.ANNUALIZATION[st.period])
    annual = [None if v is None else round(v * factor, 2) for v in (st.min_amount, st.max_amount)]
    on = as_date(posted_date)
    usd = [to_usd(v, st.currency, on=on) for v in annual]
    flags = st.flags
    check = [u if u is not None else a for u, a in zip(usd, annual, strict=True) if a is not None]
    if any(v < MIN_PLAUSIBLE_USD or v > MAX_PLAUSIBLE_USD for v in check):
        annual, usd, flags = [None, None], [None, None], (*flags, "implausible")
    return SalaryParse(
        raw=raw,
        min_amount=st.min_amount,
        max_amount=st.max_amount,
        currency=st.currency,
        period=st.period,
        annual_min=annual[0],
        annual_max=annual[1],
        annual_min_usd=usd[0],
        annual_max_usd=usd[1],
        is_estimate=is_estimate,
        kind=kind,
        span=span,
        flags=flags,
    )


def parse_salary(
    text: str | None,
    *,
    default_currency: str | None = None,
    posted_date: dt.date | str | None = None,
    annualization: Mapping[str, float] | None = None,
) -> SalaryParse | None:
    """Parse one salary field; ``None`` when it states no pay.

    Args:
        text: the salary string as scraped, e.g. ``"$53K-$91K (Glassdoor est.)"``.
        default_currency: ISO 4217 code for a bare ``$`` or a number with no currency.
        posted_date: posting date for the FX rate (default :data:`roleatlas.normalize.fx.DEFAULT_FX_DATE`).
        annualization: periods-per-year overrides, e.g. ``{"hour": 2000}``.

    Returns:
        A :class:`SalaryParse`, or ``None`` for missing values and strings without pay.
    """
    if not text or not isinstance(text, str):
        return None
    default = default_currency.upper() if default_currency else None
    if annualization is None:
        return _parse_cached(text, default, posted_date)
    return _parse_uncached(text, default, posted_date, annualization)


def _parse_uncached(
    text: str,
    default: str | None,
    posted_date: dt.date | str | None,
    annualization: Mapping[str, float] | None,
) -> SalaryParse | None:
    parsed = _parse_field(text, default)
    if parsed is None:
        return None
    st, estimate, kind = parsed
    return build(
        st,
        raw=text,
        is_estimate=estimate,
        kind=kind,
        posted_date=posted_date,
        annualization=annualization,
        span=(st.start, st.end),
    )


# SalaryParse is frozen, so one parse can be shared by every caller with the same inputs.
_parse_cached = functools.lru_cache(maxsize=65536)(
    lambda text, default, posted_date: _parse_uncached(text, default, posted_date, None)
)

__all__ = ["SalaryParse", "parse_salary", "kind_of", "build", "stated_from_match"]
