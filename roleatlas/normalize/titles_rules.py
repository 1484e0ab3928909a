"""Rules that map canonical title segments to a role code and a seniority level.

A title is read like a noun phrase: the *head* noun (analyst, engineer, manager...) gives a class,
and the nearest known *modifier* before it (data, machine learning, marketing...) picks the role.
Qualifiers after a dash or comma only count when the head alone says nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from roleatlas.normalize.titles_lexicon import (
    GENERIC_ROLE,
    HEAD_OF,
    HEADS,
    LAB_WORDS,
    LEVEL_NUMERALS,
    MANAGER_OF,
    MAX_PHRASE,
    MODIFIERS,
    OTHER_HEADS,
    SENIORITY_WORDS,
    SPECIALTY_CODES,
    WEAK_MODIFIERS,
)

Segments = tuple[tuple[str, ...], ...]
RANK = {
    "intern": 0,
    "entry": 1,
    "mid": 2,
    "senior": 3,
    "lead": 4,
    "manager": 5,
    "director": 6,
    "executive": 7,
}
STRONG, WEAK, NONE = 2, 1, 0
# Tools listed after a software title, "(JavaScript, TypeScript and SQL)", "(Docker + Kafka)",
# name a stack, not a specialty.
_NOT_A_SPECIALTY = frozenset("sql spark hadoop kafka databricks snowflake hive".split())


@dataclass(frozen=True)
class Match:
    """A role code with how it was found."""

    code: str
    strength: int
    head_class: str | None
    confidence: float
    reason: str


def _head_class(token: str) -> str | None:
    return HEADS.get(token) or ("x" if token in OTHER_HEADS else None)


def _phrase_at_end(seg: tuple[str, ...], start: int, end: int) -> tuple[str, int]:
    """The longest known modifier phrase ending at ``end`` (exclusive) and its length."""
    for size in range(min(MAX_PHRASE, end - start), 0, -1):
        phrase = " ".join(seg[end - size : end])
        if phrase in MODIFIERS or phrase in WEAK_MODIFIERS:
            return phrase, size
    return "", 1


def _phrases_forward(seg: tuple[str, ...], start: int, end: int) -> list[str]:
    """Known strong modifier phrases from ``start`` to ``end``, longest match first."""
    found, i = [], start
    while i < end:
        for size in range(min(MAX_PHRASE, end - i), 0, -1):
            phrase = " ".join(seg[i : i + size])
            if phrase in MODIFIERS:
                found.append(phrase)
                i += size
                break
        else:
            i += 1
    return found


def _pick(phrases: list[str], cls: str) -> str | None:
    usable = [p for p in phrases if cls in MODIFIERS[p]]
    preferred = [p for p in usable if MODIFIERS[p][cls] != "o"]
    return (preferred or usable or [None])[0]


def _scan_back(seg: tuple[str, ...], start: int, end: int, cls: str) -> tuple[str, int, str]:
    weak: tuple[str, int, str] | None = None
    plain: tuple[str, int, str] | None = None
    while end > start:
        phrase, size = _phrase_at_end(seg, start, end)
        table = MODIFIERS.get(phrase)
        if table is not None and cls in table and table[cls] == "swe" and plain is None:
            # "Machine Learning Software Engineer": a specialty further left outranks "software".
            plain = (table[cls], STRONG, phrase)
        elif table is not None and cls in table:
            if plain is None or table[cls] in SPECIALTY_CODES:
                return table[cls], STRONG, phrase
            return plain
        if table is not None and size > 1:
            # "applied ml lead": the long phrase says nothing for a lead, its tail ("ml") may.
            code, strength, tail = _scan_back(seg, end - size + 1, end, cls)
            if strength == STRONG:
                return code, strength, tail
        wtable = WEAK_MODIFIERS.get(phrase)
        if table is None and wtable is not None and weak is None and cls in wtable:
            weak = (wtable[cls], WEAK, phrase)
        end -= size
    return plain or weak or ("", NONE, "")


def _head_match(seg: tuple[str, ...], pos: int, prev: int, cls: str) -> Match:
    head = seg[pos]
    if cls in ("st", "dba", "cdo"):
        return Match(GENERIC_ROLE[cls], STRONG, cls, 0.95, f"head {head!r}")
    if cls in ("mg", "dr", "nt", "pm") and pos + 1 < len(seg) and seg[pos + 1] == "of":
        nxt = next((i for i in range(pos + 2, len(seg)) if _head_class(seg[i])), len(seg))
        phrase = _pick(_phrases_forward(seg, pos + 2, nxt), cls)
        if phrase:
            code = MODIFIERS[phrase][cls]
            return Match(code, STRONG, cls, 0.9, f"head {head!r} of {phrase!r}")
    code, strength, phrase = _scan_back(seg, prev + 1, pos, cls)
    nxt = next((i for i in range(pos + 1, len(seg)) if _head_class(seg[i])), len(seg))
    after_head = strength == NONE and nxt == len(seg) and cls != "x"
    if (strength != STRONG and cls in ("mg", "dr")) or after_head:
        # "Sr. Mgr Data Management & Analytics", German "Referent Data Engineering": what the
        # job is about follows the head.
        after = _pick(_phrases_forward(seg, pos + 1, nxt), cls)
        if after:
            return Match(MODIFIERS[after][cls], STRONG, cls, 0.8, f"head {head!r} for {after!r}")
    if strength:
        conf = 0.9 if strength == STRONG else 0.7
        return Match(code, strength, cls, conf, f"head {head!r} with modifier {phrase!r}")
    if cls == "x":
        return Match("o", STRONG, cls, 0.9, f"non-data occupation {head!r}")
    generic = GENERIC_ROLE.get(cls, "o")
    return Match(generic, NONE, cls, 0.5, f"head {head!r} without a decisive modifier")


def _segment_match(seg: tuple[str, ...]) -> Match | None:
    best: Match | None = None
    prev = -1
    for pos, token in enumerate(seg):
        cls = _head_class(token)
        if cls is None:
            continue
        match = _head_match(seg, pos, prev, cls)
        prev = pos
        # A data role named next to another occupation wins ("Report Writer-Data Analyst").
        if best is None or (match.strength, match.code != "o") > (best.strength, best.code != "o"):
            best = match
    return best


def resolve_role(segments: Segments) -> Match:
    """The role code of a title's segments, before seniority upgrades."""
    matches = [_segment_match(seg) for seg in segments]
    first = next((i for i, m in enumerate(matches) if m is not None), None)
    if first is None:
        for seg in segments:
            phrase = _pick(_phrases_forward(seg, 0, len(seg)), "nt")
            if phrase:
                code = MODIFIERS[phrase]["nt"]
                return Match(code, WEAK, None, 0.6, f"no head noun; modifier {phrase!r}")
        return Match("o", NONE, None, 0.3, "no known head noun or modifier")
    match = matches[first]
    assert match is not None
    if match.code == "o" and match.head_class == "x":
        # "Team Member, Data Analyst": a generic job word first, the data role after it.
        later = next((m for m in matches[first + 1 :] if m and m.strength == STRONG), None)
        if later is not None and later.code != "o":
            return _with(later, confidence=0.7)
    if match.code == "swe" and match.head_class is not None:
        specialty = _later_specialty(segments[first + 1 :], matches[first + 1 :], match)
        if specialty is not None:
            return specialty
    if match.strength != NONE or match.head_class is None:
        return match if first == 0 else _with(match, confidence=match.confidence - 0.05)
    cls = match.head_class
    for seg, later in zip(segments[first + 1 :], matches[first + 1 :], strict=True):
        if later is not None and later.strength == STRONG:
            return _with(
                later, confidence=0.75, reason=f"{match.reason}; qualifier: {later.reason}"
            )
        phrase = _pick(_phrases_forward(seg, 0, len(seg)), cls)
        if phrase:
            code = MODIFIERS[phrase][cls]
            return Match(code, STRONG, cls, 0.75, f"{match.reason}; qualifier {phrase!r}")
    return match


def _later_specialty(segments: Segments, matches: list[Match | None], match: Match) -> Match | None:
    """A data or ML specialty after a comma or dash: "Senior Software Engineer, ML Platform"."""
    cls = match.head_class or "en"
    for seg, later in zip(segments, matches, strict=True):
        if later is not None:  # a segment with its own head noun names its own role
            if later.strength == STRONG and later.code in SPECIALTY_CODES:
                reason = f"{match.reason}; specialty: {later.reason}"
                return _with(later, confidence=0.8, reason=reason)
            continue
        for phrase in _phrases_forward(seg, 0, len(seg)):
            if phrase in _NOT_A_SPECIALTY:
                continue
            code = MODIFIERS[phrase].get(cls)
            if code in SPECIALTY_CODES:
                reason = f"{match.reason}; specialty {phrase!r}"
                return Match(code, STRONG, cls, 0.8, reason)
    return None


def _with(match: Match, **changes: object) -> Match:
    fields = {**match.__dict__, **changes}
    return Match(**fields)  # type: ignore[arg-type]


def apply_context(match: Match, segments: Segments, seniority: str) -> Match:
    """Lab-science veto and manager/director upgrades that need the whole title."""
    tokens = {t for seg in segments for t in seg}
    if match.code in ("rs", "re") and tokens & LAB_WORDS:
        word = sorted(tokens & LAB_WORDS)[0]
        return _with(
            match, code="o", confidence=0.85, reason=f"{match.reason}; lab science {word!r}"
        )
    if seniority == "manager" and tokens & {"manager", "supervisor"} and match.code in MANAGER_OF:
        return _with(match, code=MANAGER_OF[match.code], reason=f"{match.reason}; manages a team")
    if seniority in ("director", "executive") and match.code in HEAD_OF:
        return _with(match, code=HEAD_OF[match.code], reason=f"{match.reason}; leads the function")
    return match


def detect_seniority(segments: Segments) -> tuple[str, str]:
    """The seniority level of a title and the words that decided it."""
    words: list[tuple[str, str]] = []
    level = 0
    for seg in segments:
        for i, token in enumerate(seg):
            marker = SENIORITY_WORDS.get(token)
            if marker:
                words.append((marker, token))
            nxt = seg[i + 1] if i + 1 < len(seg) else ""
            if nxt in LEVEL_NUMERALS and (token == "level" or _head_class(token)):
                level = max(level, LEVEL_NUMERALS[nxt])
    if any(m == "intern" for m, _ in words):
        word = next(t for m, t in words if m == "intern")
        return "intern", f"seniority from {word!r}"
    if words:
        marker, word = max(words, key=lambda mw: RANK[mw[0]])
        return marker, f"seniority from {word!r}"
    if level:
        marker = "entry" if level == 1 else "mid" if level == 2 else "senior"
        return marker, f"seniority from level {level}"
    return "mid", "no seniority marker: mid"
