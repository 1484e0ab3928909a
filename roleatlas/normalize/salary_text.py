"""Find pay mentioned inside free text (job descriptions) without mistaking other money for pay.

A money expression found in the text is kept as pay when:

1. it has a currency marker (``$``, ``£``, ``USD``...) or an Indian multiplier (``LPA``, ``lakh``);
2. it is not millions/billions and is not followed by a non-pay noun ("$5,000 signing bonus",
   "$20M in funding", "$250 per referral");
3. of the context words in the 60 characters before it, the nearest one is a pay word (salary,
   pay, compensation, wage, rate, range, base, DOE...) rather than a non-pay word (revenue, raised,
   bonus, tuition, 401k, reimbursement, stipend, insurance...); or, with no context word at all,
   it states a pay period ("$28/hour", "$60,000 a year"), or it is a range of yearly or monthly size
   ("$100,000-$120,000");
4. its annual amount is plausible (1,000 to 5,000,000 USD), unless a pay word introduced it, in
   which case it is kept with the ``"implausible"`` flag (the employer wrote it that way).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from roleatlas.normalize import salary_patterns as P
from roleatlas.normalize.salary import SalaryParse, build, kind_of, stated_from_match

_PAY_WORDS = re.compile(
    r"salar(?:y|ies)|\bpay\b|\bpays\b|paying|compensation|\bcomp\b|\bwages?\b|\brate\b|\brange\b"
    r"|\bbase\b|\bearn|\bdoe\b|\bote\b|commensurate|hiring\s+range|starting\s+at|\bstarts\s+at"
    r"|\bhourly\b|per\s+hour|\bincome\b|remuneration|package|\bband\b|\bgrade\b|classification"
)
_NOT_PAY_WORDS = re.compile(
    r"revenue|raised|\braise\b|funding|funded|\bseries\s+[a-f]\b|valuation|valued|\bassets\b"
    r"|invest|bonus|referr|\brefer\b|reimburs|tuition|401\s?\(?k|\bmatch|stipend|allowance"
    r"|budget|\bsales\b|\bspend|\bspent\b|\bworth\b|\bmarket\b|\bindustry\b|\bprice|\bcost"
    r"|\bfees?\b|\bloans?\b|credit|insurance|copay|\bhsa\b|\bfsa\b|deductible|disability"
    r"|allotment|\bperks?\b|subsid|incentive|transit|commut|donat|\bgrants?\b|\bawards?\b"
    r"|capital|\bfunds?\b|financ|turnover|acquisition|cash\s+back|contribut|savings|\bsaved?\b"
    r"|bount|deposit|purchase|transact|backed|%\s*of\s*(?:base\s+|annual\s+)?salary|relocation"
    r"|\bfor\s+just\b|membership|\bcompany\s+with\b|training|uniform"
)
_WINDOW = 60
_NUMBER_CHARS = frozenset("0123456789.,'km ")


def _context_verdict(folded: str, start: int) -> bool | None:
    """True when the nearest context word before ``start`` is a pay word, False when not pay."""
    lo = max(0, start - _WINDOW)
    pay = [m.end() for m in _PAY_WORDS.finditer(folded, lo, start)]
    not_pay = [m.end() for m in _NOT_PAY_WORDS.finditer(folded, lo, start)]
    if not pay and not not_pay:
        return None
    return bool(pay) and (not not_pay or pay[-1] > not_pay[-1])


# No character of a MONEY_RE match is farther than ~85 characters from one of its digits (the
# longest digit-free stretch: multiplier, suffix, "(...)" and period word, separator, currency).
_DIGIT_REACH = 120
_DIGITS = re.compile(r"\d+")


def _anchors(folded: str) -> Iterator[re.Match[str]]:
    """``ANCHOR_RE`` matches that a money match can touch: those within reach of a digit.

    The same matches, in order, as ``ANCHOR_RE.finditer(folded)`` minus anchors no money match
    can reach; scanning only near digits skips most of a long description.
    """
    windows: list[list[int]] = []
    for digits in _DIGITS.finditer(folded):
        lo, hi = digits.start() - _DIGIT_REACH, digits.end() + _DIGIT_REACH
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([max(0, lo), hi])
    for lo, hi in windows:
        yield from P.ANCHOR_RE.finditer(folded, lo, min(hi, len(folded)))


def _money_matches(folded: str) -> Iterator[re.Match[str]]:
    """``MONEY_RE`` matches, searched only around currency anchors, without overlaps."""
    last_end = 0
    for anchor in _anchors(folded):
        a = anchor.start()
        if a < last_end:
            continue
        start = max(last_end, a - 16)
        while start > last_end and folded[start - 1] in _NUMBER_CHARS:
            start -= 1
        m = P.MONEY_RE.search(folded, start, min(len(folded), anchor.end() + 120))
        while m is not None and m.end() <= a:
            m = P.MONEY_RE.search(folded, m.end(), min(len(folded), anchor.end() + 120))
        if m is None or m.start() > anchor.end():
            continue
        last_end = m.end()
        yield m


def find_salaries_in_text(
    text: str | None,
    *,
    default_currency: str | None = None,
    posted_date: dt.date | str | None = None,
    folded: str | None = None,
) -> list[SalaryParse]:
    """Every pay statement in ``text``, in order, each with its character ``span``.

    Args:
        text: free text such as a job description.
        default_currency: ISO 4217 code for a bare ``$``.
        posted_date: posting date for the FX rate.
        folded: ``salary_patterns.fold(text)``, when the caller already has it.

    Returns:
        A list of :class:`~roleatlas.normalize.salary.SalaryParse` with ``is_estimate=False``.
    """
    if not text or not isinstance(text, str):
        return []
    if folded is None:
        folded = P.fold(text)
    default = default_currency.upper() if default_currency else None
    found: list[SalaryParse] = []
    for m in _money_matches(folded):
        st = stated_from_match(folded, m, default_currency=default)
        if st.not_pay or not (st.has_marker or st.currency == "INR"):
            continue
        if not st.min_amount and not st.max_amount:
            continue
        verdict = _context_verdict(folded, st.start)
        is_range = m.group("n2") is not None
        if verdict is False:
            continue
        if verdict is None and not (
            st.period_stated or (is_range and st.period in ("year", "month"))
        ):
            continue
        context = folded[max(0, st.start - 40) : min(len(folded), st.end + 30)]
        parsed = build(
            st,
            raw=text[st.start : st.end],
            is_estimate=False,
            kind=kind_of(context),
            posted_date=posted_date,
            span=(st.start, st.end),
        )
        if "implausible" in parsed.flags and verdict is not True:
            continue
        found.append(parsed)
    return found


__all__ = ["find_salaries_in_text"]
