"""Detect the employment type (full-time, contract...) and the work arrangement (remote, hybrid).

Employment type: the raw field wins (LinkedIn "Full-time", ai-jobs.net FT/PT/CT/FL, JobSpy
"fulltime"); then the title ("Intern", "Contract", "C2C", "W2"); then a labeled line in the
description ("Job Type: Contract", the first listed type wins) and finally unambiguous phrases
("this is a contract position", "internship"). Nothing found gives ``None``.

Work arrangement: a hybrid phrase anywhere gives ``"hybrid"``; a remote word in the title or
location, or a remote phrase in the description ("100% remote", "work from home") gives
``"remote"`` unless the description says remote is not possible; an explicit on-site statement
gives ``"onsite"``. Otherwise, a location that is a concrete city with no remote or hybrid word in
title, location or description gives ``"onsite"`` (a posting tied to a place, saying nothing
else); with no such city, ``None``: nothing is assumed.
"""

from __future__ import annotations

import functools
import re

from roleatlas.normalize.location import parse_location
from roleatlas.normalize.salary_patterns import fold

EMPLOYMENT_TYPES = ("full-time", "part-time", "contract", "temporary", "internship")
_RAW = {
    "ft": "full-time",
    "full-time": "full-time",
    "full time": "full-time",
    "fulltime": "full-time",
    "permanent": "full-time",
    "permanent full-time": "full-time",
    "regular": "full-time",
    "pt": "part-time",
    "part-time": "part-time",
    "part time": "part-time",
    "parttime": "part-time",
    "ct": "contract",
    "contract": "contract",
    "contractor": "contract",
    "fl": "contract",
    "freelance": "contract",
    "c2c": "contract",
    "corp-to-corp": "contract",
    "1099": "contract",
    "temporary": "temporary",
    "temp": "temporary",
    "seasonal": "temporary",
    "internship": "internship",
    "intern": "internship",
    "co-op": "internship",
    "apprenticeship": "internship",
}
_TITLE = [
    (re.compile(r"\b(?:intern|internship|co-op|apprentice(?:ship)?)\b", re.I), "internship"),
    (
        re.compile(
            r"\b(?:contract(?:or)?|c2c|corp[\s-]to[\s-]corp|w-?2|1099|contract[\s-]to[\s-]hire)\b",
            re.I,
        ),
        "contract",
    ),
    (re.compile(r"\b(?:temp|temporary|seasonal)\b", re.I), "temporary"),
    (re.compile(r"\bpart[\s-]?time\b", re.I), "part-time"),
    (re.compile(r"\bfull[\s-]?time\b", re.I), "full-time"),
]
_LABEL = re.compile(
    r"(?:job|employment|position|work)\s*types?\s*:\s*\*?\s*([a-z][a-z -]{1,30})", re.I
)


def _gate(*alternatives: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(a) for a in alternatives)


# Each description pattern comes with a gate: literal-led patterns over the folded description, one
# of which matches wherever the pattern could (see _search_key). Literal-led patterns run at
# string-search speed, so most descriptions skip the full case-insensitive search.
_LABEL_GATE = re.compile(r"types?\s*:")
_PHRASES = [
    (
        re.compile(r"\b(?:this is an?|paid|summer|unpaid)\s+internship\b", re.I),
        _gate("internship"),
        "internship",
    ),
    (
        re.compile(
            r"\b(?:this is an?\s+)?(?:\d+[\s-]*(?:month|mo)s?\s+contract|contract\s+(?:position|role)"
            r"|contract[\s-]to[\s-]hire|c2c|corp[\s-]to[\s-]corp)\b",
            re.I,
        ),
        _gate("contract", "c2c", r"corp[\s-]to[\s-]corp"),
        "contract",
    ),
    (
        re.compile(r"\btemporary\s+(?:position|role|assignment)\b", re.I),
        _gate("temporary"),
        "temporary",
    ),
    (
        re.compile(r"\bpart[\s-]time\s+(?:position|role|job)\b", re.I),
        _gate(r"part[\s-]time"),
        "part-time",
    ),
    (
        re.compile(r"\bfull[\s-]time\s+(?:position|role|job|employee)\b", re.I),
        _gate(r"full[\s-]time"),
        "full-time",
    ),
]
# re.I also matches these non-ASCII letters to ASCII i, i, s and k, which lower() does not give.
_ODD_CASES = ("\u0130", "\u0131", "\u017f", "\u212a")


def _search_key(text: str, folded: str | None) -> str | None:
    """Text in which a gate finds every place an ``re.I`` pattern can match; ``None``: no gating.

    ``fold`` lower-cases ASCII letters and keeps offsets, so an ASCII word matched with ``re.I``
    is the same lower-case word in the folded text, except through the letters of _ODD_CASES.
    """
    if not text.isascii() and any(c in text for c in _ODD_CASES):
        return None
    return fold(text) if folded is None else folded


def _found(
    pattern: re.Pattern[str], gate: tuple[re.Pattern[str], ...], text: str, key: str | None
) -> bool:
    if key is not None and not any(g.search(key) for g in gate):
        return False
    return pattern.search(text) is not None


@functools.lru_cache(maxsize=4096)
def _from_raw(raw: str) -> str | None:
    for piece in re.split(r"[,/;|]", raw):
        key = piece.strip().lower()
        if key in _RAW:
            return _RAW[key]
    return None


@functools.lru_cache(maxsize=65536)
def _from_title(title: str) -> str | None:
    for pattern, kind in _TITLE:
        if pattern.search(title):
            return kind
    return None


def detect_employment_type(
    *,
    raw: str | None = None,
    title: str | None = None,
    description: str | None = None,
    folded: str | None = None,
) -> str | None:
    """One of ``full-time, part-time, contract, temporary, internship``, or ``None``.

    ``folded`` may pass ``salary_patterns.fold(description)`` when the caller already has it.
    """
    if raw and (found := _from_raw(raw)):
        return found
    if title and (found := _from_title(title)):
        return found
    if description:
        key = _search_key(description, folded)
        if key is None or _LABEL_GATE.search(key):
            for match in _LABEL.finditer(description):
                if found := _from_raw(match.group(1).split("\n")[0]):
                    return found
                first = re.split(r"[,/;|\n]", match.group(1))[0]
                if found := _from_raw(first.strip()):
                    return found
        for pattern, gate, kind in _PHRASES:
            if _found(pattern, gate, description, key):
                return kind
    return None


_HYBRID = re.compile(
    r"\bhybrid\b(?!\s+(?:cloud|model(?:s|ing)?|app|approach|architecture|environment|solution))"
    r"|\b\d\s*days?\s+(?:a|per)\s+week\s+(?:in|on)[\s-](?:the\s+)?(?:office|site)"
    r"|\bpartially\s+remote\b|\bpartly\s+remote\b",
    re.I,
)
_REMOTE_TITLE = re.compile(r"\bremote\b|\bwork from home\b|\bwfh\b|\btelecommute\b", re.I)
_REMOTE_TEXT = re.compile(
    r"\b(?:100\s*%\s*remote|fully\s+remote|remote[\s-](?:first|friendly|ok|eligible)"
    r"|(?:position|role|job|opportunity)\s+is\s+(?:100%\s+)?remote|remote\s+(?:position|role|job|opportunity)"
    r"|work(?:ing)?\s+remotely|work\s+from\s+home|wfh|telecommut\w*|work\s+from\s+anywhere)\b",
    re.I,
)
_NOT_REMOTE = re.compile(
    r"\b(?:not\s+(?:a\s+)?remote|no\s+remote|remote\s+work\s+is\s+not|non[\s-]remote"
    r"|(?:100\s*%\s*|fully\s+)on[\s-]?site|on[\s-]?site\s+only|must\s+(?:work|be)\s+on[\s-]?site"
    r"|(?:position|role|job)\s+is\s+on[\s-]?site|in[\s-]office\s+(?:position|role))\b",
    re.I,
)
_ANY_REMOTE = re.compile(r"remote|work from home|telecommut|hybrid|wfh", re.I)
# Literal-led signs over the folded description (see _search_key); each pattern below can only
# match where one of its signs does. Most descriptions show none, and skip all four searches.
_SIGNS = {
    name: re.compile(pattern)
    for name, pattern in {
        "remote": "remote",
        "hybrid": "hybrid",
        "days": r"week\s+(?:in|on)[\s-]",
        "onsite": r"on[\s-]?site",
        "office": r"in[\s-]office",
        "wfh": "wfh",
        "telecommut": "telecommut",
        "from": r"from\s+(?:home|anywhere)",
        "work from home": "work from home",
    }.items()
}
_HYBRID_SIGNS = frozenset({"remote", "hybrid", "days"})
_NOT_REMOTE_SIGNS = frozenset({"remote", "onsite", "office"})
_REMOTE_TEXT_SIGNS = frozenset({"remote", "wfh", "telecommut", "from"})
_ANY_REMOTE_SIGNS = frozenset({"remote", "hybrid", "wfh", "telecommut", "work from home"})


def _signs(key: str | None) -> frozenset[str] | None:
    if key is None:
        return None
    return frozenset(name for name, sign in _SIGNS.items() if sign.search(key))


def _said(
    pattern: re.Pattern[str], needs: frozenset[str], text: str, signs: frozenset[str] | None
) -> bool:
    return (signs is None or not needs.isdisjoint(signs)) and pattern.search(text) is not None


@functools.lru_cache(maxsize=65536)
def _head_flags(head: str) -> tuple[bool, bool, bool, bool]:
    """Hybrid, not remote, remote, any remote word: the title-and-location half of the rule."""
    return (
        _HYBRID.search(head) is not None,
        _NOT_REMOTE.search(head) is not None,
        _REMOTE_TITLE.search(head) is not None,
        _ANY_REMOTE.search(head) is not None,
    )


def detect_remote(
    *,
    title: str | None = None,
    location: str | None = None,
    description: str | None = None,
    folded: str | None = None,
) -> str | None:
    """``"remote"``, ``"hybrid"``, ``"onsite"`` or ``None`` when nothing is said (rule above).

    ``folded`` may pass ``salary_patterns.fold(description)`` when the caller already has it.
    """
    title, location, description = title or "", location or "", description or ""
    hybrid, not_remote, remote, any_remote = _head_flags(f"{title}\n{location}")
    signs = _signs(_search_key(description, folded)) if description else frozenset()
    if hybrid or _said(_HYBRID, _HYBRID_SIGNS, description, signs):
        return "hybrid"
    if _said(_NOT_REMOTE, _NOT_REMOTE_SIGNS, description, signs) or not_remote:
        return "onsite"
    if remote or _said(_REMOTE_TEXT, _REMOTE_TEXT_SIGNS, description, signs):
        return "remote"
    if any_remote or _said(_ANY_REMOTE, _ANY_REMOTE_SIGNS, description, signs):
        return None
    if location and parse_location(location).city:
        return "onsite"
    return None


__all__ = ["EMPLOYMENT_TYPES", "detect_employment_type", "detect_remote"]
