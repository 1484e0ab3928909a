"""Compiled patterns and lookup tables shared by the salary parsers.

All patterns run on text folded by :func:`fold`: ASCII letters lower-cased, dashes and exotic
spaces mapped to ``-`` and `` ``. The fold maps one character to one character, so match offsets
in folded text are offsets in the original text.
"""

from __future__ import annotations

import re
from types import MappingProxyType

# Hours in a full-time year (40 h x 52 weeks), working days (5 x 52), weeks, fortnights, months.
ANNUALIZATION = MappingProxyType(
    {"hour": 2080, "day": 260, "week": 52, "biweekly": 26, "month": 12, "year": 1}
)

PERIODS = tuple(ANNUALIZATION)

_FOLD = {ord(c): ord(c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_FOLD.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"})
_FOLD.update({ord(c): " " for c in "\u00a0\u2007\u2009\u200a\u202f\u3000"})


_SPECIAL = re.compile("[\u2010-\u2015\u2212\ufe63\uff0d\u00a0\u2007\u2009\u200a\u202f\u3000]")
_SPECIAL_TO = {chr(k): v for k, v in _FOLD.items() if k > 127}


def fold(text: str) -> str:
    """Lower-case letters and unify dashes and spaces, keeping every offset."""
    lowered = text.lower()
    if text.isascii():
        return lowered
    if len(lowered) != len(text):  # a few letters lower-case to two characters (e.g. "İ")
        return text.translate(_FOLD)
    # str.replace per distinct special character: the same result as translate, many times faster
    for char in set(_SPECIAL.findall(lowered)):
        lowered = lowered.replace(char, _SPECIAL_TO[char])
    return lowered


# Currency markers written before an amount. ``$`` alone is ambiguous (resolved by the caller).
PREFIX_CURRENCY = {
    "us$": "USD",
    "u.s.$": "USD",
    "usd$": "USD",
    "usd": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "aud$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "can$": "CAD",
    "cad$": "CAD",
    "cad": "CAD",
    "nz$": "NZD",
    "nzd": "NZD",
    "s$": "SGD",
    "sgd": "SGD",
    "hk$": "HKD",
    "hkd": "HKD",
    "r$": "BRL",
    "brl": "BRL",
    "eur": "EUR",
    "gbp": "GBP",
    "inr": "INR",
    "rs.": "INR",
    "rs": "INR",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "chf": "CHF",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "pln": "PLN",
    "czk": "CZK",
    "huf": "HUF",
    "mxn": "MXN",
    "zar": "ZAR",
    "krw": "KRW",
    "ils": "ILS",
    "myr": "MYR",
    "idr": "IDR",
    "thb": "THB",
    "ron": "RON",
    "php": "PHP",
    "rm": "MYR",
}
SYMBOL_CURRENCY = {
    "$": None,
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "¥": "JPY",
    "₩": "KRW",
    "₪": "ILS",
    "₱": "PHP",
}
SUFFIX_CURRENCY = {
    "usd": "USD",
    "aud": "AUD",
    "cad": "CAD",
    "eur": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "gbp": "GBP",
    "inr": "INR",
    "rupees": "INR",
    "nzd": "NZD",
    "sgd": "SGD",
    "chf": "CHF",
    "pln": "PLN",
    "zł": "PLN",
    "brl": "BRL",
    "mxn": "MXN",
    "php": "PHP",
    "myr": "MYR",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "czk": "CZK",
    "huf": "HUF",
    "ron": "RON",
    "zar": "ZAR",
    "jpy": "JPY",
    "cny": "CNY",
    "hkd": "HKD",
    "kr": None,  # Danish, Norwegian or Swedish krone: a marker, the code comes from elsewhere
    "$": None,
    "€": "EUR",
    "£": "GBP",
}

MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "billon": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
    "l": 1e5,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "lpa": 1e5,
    "cr": 1e7,
    "crore": 1e7,
    "crores": 1e7,
}
# Multipliers that never describe one person's pay (revenue, funding, market size).
NOT_PAY_MULTIPLIERS = frozenset(
    {"m", "mm", "mil", "million", "millions", "b", "bn", "billion", "billions", "billon"}
    | {"t", "tn", "trillion"}
)
INDIAN_MULTIPLIERS = frozenset(
    {"l", "lakh", "lakhs", "lac", "lacs", "lpa", "cr", "crore", "crores"}
)
# Written-out Indian multipliers imply rupees even without a currency sign.
INDIAN_WORDS = frozenset({"lakh", "lakhs", "lac", "lacs", "lpa", "crore", "crores"})


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_CUR = _alt(PREFIX_CURRENCY)
_SYM_CUR = _alt(SYMBOL_CURRENCY)
# A code may be in parentheses ("US Dollar (USD) 119,500"); a symbol may stand apart ("€ 55-72k")
# or before a tilde ("€~55k-€~75k").
_CUR = (
    rf"(?:(?:\((?:{_WORD_CUR})\)|(?<![a-z])(?:{_WORD_CUR}))\s?(?:\$\s?)?"
    rf"|(?:{_SYM_CUR})(?: ?~ ?(?=\d)| (?=\d))?)"
)
# Thousands are grouped by commas, dots, apostrophes or single spaces ("181 000", "$127 700,00").
_NUM = (
    r"(?:\d{1,3}(?: \d{3}(?!\d))+(?![.,']\d{3})|\d+(?:(?:,\s?|[.'])\d{3}(?!\d))*)"
    r"(?:[.,]\d{1,2}(?![\d,]))?"
)
_MULT = (
    r"(?:\s?(?:thousand|millions?|mil(?![a-z])|billions?|billon|trillion|lakhs?|lacs?|lpa|crores?)"
    r"|k|mm(?![a-z])|m(?![a-z])|bn(?![a-z])|b(?![a-z])|tn(?![a-z])|t(?![a-z])|l(?![a-z])"
    r"|cr(?![a-z]))"
)
_SUFFIX = rf"(?:\s?(?:{_alt(w for w in SUFFIX_CURRENCY if w.isalpha())})(?![a-z])\.?|[$€£])"


def _token(i: int) -> str:
    # ``q`` is a plus written before the multiplier: "$400+k".
    # A second number followed by "%" is a share, not the top of a range ("$8k and 5% equity").
    share = r"(?![\d.,]*\s?%)" if i == 2 else ""
    return (
        rf"(?P<c{i}>{_CUR})?(?P<n{i}>{_NUM}){share}(?P<q{i}>\+(?=k(?![a-z])))?(?P<m{i}>{_MULT})?"
        rf"(?P<s{i}>{_SUFFIX})?(?P<p{i}>\+)?"
    )


_CONNECTOR = r"(?:/\s?(?:per\s)?|per\s|an?\s|each\s|every\s)"
# Long period words may be glued to the next word in scraped text ("per hourwork", "monthlyDate").
_PERIOD_WORD = (
    rf"(?:{_CONNECTOR}(?P<w>hours?|days?|weeks?|months?|years?|annum|fortnight"
    r"|(?:hrs?|h|wk|mo|mth|yr|diem)(?![a-z]))"
    r"|(?P<w2>bi-?\s?weekly|fortnightly|hourly|daily|weekly|monthly|yearly|annually|annual"
    r"|(?:p\.?\s?a\.?|lpa)(?![a-z])))"
)
# A pay period right after an amount: "/hr", "per hour", "an hour", "a year", "p.a.", "monthly".
_UNIT = r"\s?(?:\([^()$]{0,30}\)\s?)?(?:-\s?)?" + _PERIOD_WORD + r"\.?"
UNIT_RE = re.compile(_UNIT)
SEP = r"\s?(?:--?|to|and|~|up\s?to)\s?"

MONEY_RE = re.compile(
    _token(1)
    + rf"(?:(?P<u1>{_UNIT.replace('?P<w>', '?:').replace('?P<w2>', '?:')}))?"
    + rf"(?:{SEP}"
    + _token(2)
    + r")?"
)

PERIOD_WORDS = {
    "hour": "hour",
    "hours": "hour",
    "hr": "hour",
    "hrs": "hour",
    "hourly": "hour",
    "h": "hour",
    "day": "day",
    "days": "day",
    "daily": "day",
    "diem": "day",
    "week": "week",
    "weeks": "week",
    "weekly": "week",
    "wk": "week",
    "month": "month",
    "months": "month",
    "monthly": "month",
    "mth": "month",
    "mo": "month",
    "year": "year",
    "years": "year",
    "yearly": "year",
    "yr": "year",
    "annum": "year",
    "annually": "year",
    "annual": "year",
    "lpa": "year",
}

# A period word written before the amount: "Hourly $23.58", "annual salary of $90,000".
PERIOD_BEFORE_RE = re.compile(
    r"(?P<w>hourly|per hour|daily|day rate|weekly|bi-?weekly|monthly|yearly|annual(?:ly)?"
    r"|per annum)[^$\d]{0,25}$"
)
UP_TO_RE = re.compile(
    r"(?:up\s?to|max(?:imum)?(?:\s+of)?|not\s+to\s+exceed|no\s+more\s+than|as\s+much\s+as"
    r"|less\s+than|under)\s*:?\s*$"
)
AT_LEAST_RE = re.compile(
    r"(?:from|starting\s+(?:at|from)|starts\s+at|starting(?:\s+salary)?(?:\s+of)?|at\s+least"
    r"|min(?:imum)?(?:\s+of)?|more\s+than|upwards\s+of|in\s+excess\s+of)\s*:?\s*$"
)
TOTAL_RE = re.compile(
    r"total\s+(?:comp|compensation|pay|cash|package|remuneration)|\bote\b|on[-\s]target|\btc\b"
)
BASE_RE = re.compile(r"\bbase\b")
# "~185k": a board's rounded figure, not the employer's own number.
ESTIMATE_RE = re.compile(r"glassdoor\s+est|^\s*~")
EMPLOYER_RE = re.compile(r"employer\s+(?:provided|est)")
MISSING_VALUES = frozenset({"", "-1", "n/a", "na", "none", "null", "nan", "unknown", "-"})

# A pay period anywhere later in a salary field, for an amount that has none of its own:
# "PLN 17,000 - 20,000 gross/monthly", "13,650 - 24,150 PLN or USD 2,800 - 5,000 (+ VAT) Monthly".
FIELD_PERIOD_RE = re.compile(
    r"(?<![a-z])(?:(?:/|per\s|an?\s)\s?(?P<w>hours?|hr|days?|weeks?|wk|months?|mo|mth|years?|yr|annum)"
    r"|(?P<w2>hourly|daily|bi-?weekly|weekly|monthly|yearly|annually|annual|annualized))(?![a-z])"
)
# Retirement plans written like money: "401k", "403(b)".
RETIREMENT_RE = re.compile(r"(?:401|403|457)\s?\(?[kb]\)?(?![a-z])")

# Words right after an amount that say it is not pay: "$2B in revenue", "$5,000 signing bonus".
NOT_PAY_AFTER_RE = re.compile(
    r"\s?[-,:]?\s?(?:in\s+|of\s+|per\s+|for\s+|from\s+)?"
    r"(?:annual\s+|total\s+|recurring\s+|new\s+|additional\s+|global\s+)?"
    r"(?:revenues?|funding|funds?|sales|assets|valuation|bookings|investments?|invested|financing"
    r"|series\s+[a-f]\b|seed|signing|sign[-\s]on|referrals?|relocation|retention|bonus(?:es)?"
    r"|stipends?|allowance|incentives?|reimbursement|budget|market|industry|company|business"
    r"|spend|loans?|deposits|credit|copay|co-insurance|deductible|training|allotment|transit"
    r"|commut\w*|donat\w*|grants?|equity\s+financing|capital|worth|acquisition|round|raised"
    r"|in\s+cash\s+back|cash\s+back|401|hsa|fsa|per\s+referral|plan|gym|commuter"
    r"|learning|development|education|parking"
    r"|(?:(?!plus\b|and\b|with\b|or\b)[\w/-]+\s+){1,3}(?:bonus|budget|stipend|allowance|reimbursement"
    r"|credits?|incentives?|perks?)"
    r"|(?:for|towards?)\s+(?:[\w-]+\s+){0,2}(?:education|conferences?|learning|expenses|wellness|fitness"
    r"|equipment|parking))\b"
    r"|\s?(?:in|of)\s+(?:equity|stock|rsus?)"  # also glued to a heading: "in equityHow To Apply"
)

# Where money can be: a currency symbol or code, or an Indian multiplier word. Text scanning only
# runs MONEY_RE near these anchors, which keeps long descriptions fast.
ANCHOR_SYMBOLS = "$€£₹¥₩₪₱"
ANCHOR_WORDS = frozenset(
    {w for w in {*PREFIX_CURRENCY, *SUFFIX_CURRENCY} if w.isalpha()}
    | {"lpa", "lakh", "lakhs", "lac", "lacs", "crore", "crores"}
)
ANCHOR_RE = re.compile(rf"[{ANCHOR_SYMBOLS}]|(?<![a-z])(?:{_alt(ANCHOR_WORDS)})(?![a-z])")
