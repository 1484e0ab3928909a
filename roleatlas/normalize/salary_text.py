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
from roleatlas.normalize.salary import SalaryParse, Stated, build, kind_of, stated_from_match

_PAY_WORDS = re.compile(
    r"salar(?:y|ies)|\bpay\b|\bpays\b|paying|compensation|\bcomp\b|\bwages?\b|\brate\b|\brange\b"
    r"|\bbase\b|\bearn|\bdoe\b|\bote\b|commensurate|hiring\s+range|starting\s+at|\bstarts\s+at"
    r"|\bhourly\b|per\s+hour|\bincome\b|remuneration|package|\bband\b|\bgrade\b|classification"
)
_NOT_PAY_WORDS = re.compile(
    r"revenue|raised|\braise\b|funding|funded|\bseries\s+[a-f]\b|valuation|valued|\bassets\b"
    r"|\binvest|bonus|\breferr|\brefer\b|reimburs|tuition|401\s?\(?k|\bmatch|stipend|allowance"
    r"|budget|\bsales\b|\bspend|\bspent\b|\bworth\b|\bmarket\b|\bindustry\b|\bprice|\bcost"
    r"|\bfees?\b|\bloans?\b|\bcredit|insurance|copay|\bhsa\b|\bfsa\b|deductible|disability"
    r"|allotment|\bperks?\b|subsid|incentive|\btransit\b|commut|donat|\bgrants?\b|\bawards?\b"
    r"|capital|\bfunds?\b|financ|turnover|acquisition|cash\s+back|contribut|savings|\bsaved?\b"
    r"|bount|deposit|purchase|transact|backed|%\s*of\s*(?:base\s+|annual\s+)?salary|relocation"
    r"|\bfor\s+just\b|membership|\bcompany\s+with\b|training|uniform"
)
_WINDOW = 60
# What marks a lone amount as pay when no context word does: a "|" field of a Hacker News header
# ("| £60k + equity |"), or equity, base or salary right after it ("$200k+, significant equity").
_FIELD_BEFORE = re.compile(r"\|\s?~?\s?$")
_PAY_AFTER = re.compile(
    r"\s?(?:\+|,|&|and|plus|with)?\s?(?:[a-z-]+\s){0,2}(?:equity|stock\s+options|base|salary|ote)\b"
)
# Range halves written apart: "Minimum: $127 700,00 Maximum: $255 400,00", "from $129,300/year
# in our lowest geographic market up to $223,600/year".
_LOW_LABEL = re.compile(r"minimum|\bmin\b|\bfrom\b")
_HIGH_LABEL = re.compile(r"maximum|\bmax\b|\bup\s+to\b")
_MID_LABEL = re.compile(r"\bmid(?:point)?\b|\bmedian\b")
_PAIR_REACH = 120
_NUMBER_CHARS = frozenset("0123456789.,'km ")


# A sentence end: a non-pay word before it says nothing about the amount after it ("...backed by
# our first investor.\nEngineering Manager — $84k+ annual"). A bare line break does not end one:
# a benefits heading ("Commuter Benefits") governs the list lines below it.
_BOUNDARY = re.compile(r"[.!?;](?:\s|$|\W*\n)")


def _context_verdict(folded: str, start: int) -> bool | None:
    """True when the nearest context word before ``start`` is a pay word, False when not pay."""
    lo = max(0, start - _WINDOW)
    pay = [m.end() for m in _PAY_WORDS.finditer(folded, lo, start)]
    not_pay = [
        m.end()
        for m in _NOT_PAY_WORDS.finditer(folded, lo, start)
        if not _BOUNDARY.search(folded[m.end() : start].rstrip(" "))
    ]
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
        if _label_number(m):
            m = P.MONEY_RE.match(folded, m.start("c2"))
            if m is None:
                continue
        last_end = m.end()
        yield m


def _label_number(m: re.Match[str]) -> bool:
    """A level or band number before a sign-led amount, read as a range: "EL 1 - $110,092"."""
    if not m.group("n2") or m.group("c1") or not m.group("c2") or m.group("m1") or m.group("m2"):
        return False
    first, second = m.group("n1"), m.group("n2")
    if first == "1099":  # the US contractor tax form: "paid contract on 1099 — $4,000–$6,000"
        return True
    return (
        len(first) <= 2 and first.isdigit() and int(first) * 1000 < int(re.sub(r"\D", "", second))
    )


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
    matches = list(_money_matches(folded))
    stated = [stated_from_match(folded, m, default_currency=default) for m in matches]
    taken = 0
    for i, (m, st) in enumerate(zip(matches, stated, strict=True)):
        if i < taken or st.not_pay or not (st.has_marker or st.currency == "INR"):
            continue
        if not st.min_amount and not st.max_amount:
            continue
        verdict = _context_verdict(folded, st.start)
        is_range = m.group("n2") is not None
        if verdict is False:
            continue
        if verdict is None and not (
            st.period_stated
            or (is_range and st.period in ("year", "month"))
            or (not is_range and _lone_pay_shape(folded, m, st))
        ):
            continue
        if not is_range:
            st, taken = _pair_halves(folded, i, matches, stated)
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


def _lone_pay_shape(folded: str, m: re.Match[str], st: Stated) -> bool:
    """A lone amount of yearly size written where pay is written (see ``_FIELD_BEFORE``)."""
    if not (m.group("m1") or (st.min_amount or 0) >= 10_000):
        return False
    before = folded[max(0, st.start - 4) : st.start]
    return bool(_FIELD_BEFORE.search(before) or _PAY_AFTER.match(folded, st.end))


def _pair_halves(
    folded: str, i: int, matches: list[re.Match[str]], stated: list[Stated]
) -> tuple[Stated, int]:
    """Join a labeled minimum with the labeled maximum that follows; also the next index to read."""
    st = stated[i]
    if not _LOW_LABEL.search(folded, max(0, st.start - 50), st.start):
        return st, i + 1
    for j in range(i + 1, len(matches)):
        nxt = stated[j]
        if nxt.start - st.end > _PAIR_REACH or matches[j].group("n2"):
            break
        gap = folded[stated[j - 1].end : nxt.start]
        if _MID_LABEL.search(gap) and not _HIGH_LABEL.search(gap):
            continue
        same = nxt.currency == st.currency and nxt.period == st.period and not nxt.not_pay
        low = st.min_amount or 0
        if _HIGH_LABEL.search(gap) and same and (nxt.max_amount or 0) > low:
            flags = tuple(sorted({*st.flags, *nxt.flags}))
            return st._replace(end=nxt.end, max_amount=nxt.max_amount, flags=flags), j + 1
        break
    return st, i + 1


__all__ = ["find_salaries_in_text"]
