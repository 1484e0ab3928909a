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

import re

from roleatlas.normalize.location import parse_location

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
_PHRASES = [
    (re.compile(r"\b(?:this is an?|paid|summer|unpaid)\s+internship\b", re.I), "internship"),
    (
        re.compile(
            r"\b(?:this is an?\s+)?(?:\d+[\s-]*(?:month|mo)s?\s+contract|contract\s+(?:position|role)"
            r"|contract[\s-]to[\s-]hire|c2c|corp[\s-]to[\s-]corp)\b",
            re.I,
        ),
        "contract",
    ),
    (re.compile(r"\btemporary\s+(?:position|role|assignment)\b", re.I), "temporary"),
    (re.compile(r"\bpart[\s-]time\s+(?:position|role|job)\b", re.I), "part-time"),
    (re.compile(r"\bfull[\s-]time\s+(?:position|role|job|employee)\b", re.I), "full-time"),
]


def _from_raw(raw: str) -> str | None:
    for piece in re.split(r"[,/;|]", raw):
        key = piece.strip().lower()
        if key in _RAW:
            return _RAW[key]
    return None


def detect_employment_type(
    *, raw: str | None = None, title: str | None = None, description: str | None = None
) -> str | None:
    """One of ``full-time, part-time, contract, temporary, internship``, or ``None``."""
    if raw and (found := _from_raw(raw)):
        return found
    for pattern, kind in _TITLE:
        if title and pattern.search(title):
            return kind
    if description:
        for match in _LABEL.finditer(description):
            if found := _from_raw(match.group(1).split("\n")[0]):
                return found
            first = re.split(r"[,/;|\n]", match.group(1))[0]
            if found := _from_raw(first.strip()):
                return found
        for pattern, kind in _PHRASES:
            if pattern.search(description):
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


def detect_remote(
    *, title: str | None = None, location: str | None = None, description: str | None = None
) -> str | None:
    """``"remote"``, ``"hybrid"``, ``"onsite"`` or ``None`` when nothing is said (rule above)."""
    title, location, description = title or "", location or "", description or ""
    head = f"{title}\n{location}"
    if _HYBRID.search(head) or _HYBRID.search(description):
        return "hybrid"
    if _NOT_REMOTE.search(description) or _NOT_REMOTE.search(head):
        return "onsite"
    if _REMOTE_TITLE.search(head) or _REMOTE_TEXT.search(description):
        return "remote"
    if _ANY_REMOTE.search(head) or _ANY_REMOTE.search(description):
        return None
    if location and parse_location(location).city:
        return "onsite"
    return None


__all__ = ["EMPLOYMENT_TYPES", "detect_employment_type", "detect_remote"]
