"""Context of an offset in a posting: required / preferred, and where degree mentions may start.

Both are computed once per text (cached on the text) and queried per match with ``bisect``.
The scans are written for CPython's ``re``: a pattern that starts with a rare character class
(``[A-Z]``, ``[.!?;\\n]``) is searched with a tight C loop, a pattern that starts with ``[a-z]`` or
``\\b`` is tried at every character (about 10x slower), so each scan below starts with the rare
character and checks what comes before it with a look-behind.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache

import ahocorasick

#: same cut positions as ``[.!?;\n\u2022]+|[a-z](?=[A-Z][a-z])`` (at ``m.end()``)
_PUNCT_END_RE = re.compile(r"[.!?;\n\u2022](?![.!?;\n\u2022])")
#: the cut positions of skill_taxonomy.GLUE_RE, found from the upper-case letter after the cut:
#: a pattern that starts with [A-Z] is scanned by re's fast first-character loop
_GLUE_CUT_RE = re.compile(r"[A-Z](?:(?<=[a-z].)|(?<=[A-Z].)(?=[a-rt-z]|s[a-z]))")
_END, _START = re.Match.end, re.Match.start
_PREFERRED_RE = re.compile(
    r"(?i)\b(?:preferred|preferably|prefer|a plus|big plus|huge plus|plus\s*[:!)]|nice[\s-]to[\s-]haves?|"
    r"bonus|desired|desirable|ideally|advantageous|an advantage|would be great|not required|helpful|beneficial)"
)
_REQUIRED_RE = re.compile(
    r"(?i)\b(?:required|requires?|requirements?|must|mandatory|essential|minimum|at least|necessary|mindestens|voraussetzung)\b"
)
_HEADING_RE = re.compile(
    r"[ \t]*(?P<h>(?i:"
    r"(?P<pref>(?:preferred|desired|desirable|additional|bonus|nice[\s-]to[\s-]have|optional)(?:\s+(?:qualifications?|skills?|requirements?|experience|competencies|attributes|knowledge))?|nice[\s-]to[\s-]haves?|bonus points|pluses)"
    r"|(?P<req>(?:basic|minimum|required|key|essential|mandatory|must[\s-]have|job|position|technical|your)\s+(?:qualifications?|skills?|requirements?|experience|competencies)|requirements|qualifications|what you(?:'ll| will)? need|what we(?:'re| are) looking for|must[\s-]haves?|who you are|about you|skills(?: and| &) (?:experience|qualifications)"
    r"|(?:ihr|dein|unser gew\u00fcnschtes) profil|anforderungen|das bringst du mit|das bringen sie mit|was (?:wir erwarten|du mitbringst|sie mitbringen)|qualifikationen|deine skills)"
    r"|(?P<other>responsibilities|duties|what you(?:'ll| will) do|benefits|perks|about (?:us|the company|the role|the team)|company overview|job description|overview|why (?:join|work)|compensation|salary|equal opportunity|the role|position summary|summary|who we are"
    r"|(?:ihre|deine) aufgaben|aufgaben|was dich erwartet|das bieten wir|was wir bieten|wir bieten|\u00fcber uns|dein beitrag)))"
    r"[ \t]*(?::|\n|$|(?=[A-Z\u2022*\-]))"
)
#: a lower-cased word that every match of the pattern contains: the regex runs only if one is there
_PREFERRED_WORDS = (
    "prefer", "plus", "nice", "bonus", "desir", "ideally", "advantag", "would be great",
    "not required", "helpful", "beneficial", "w\u00fcnschenswert", "von vorteil", "idealerweise",
    "ein plus", "vorteilhaft",
)  # fmt: skip
_REQUIRED_WORDS = (
    "requir", "must", "mandatory", "essential", "minimum", "at least", "necessary", "mindestens",
    "voraussetzung",
)  # fmt: skip
#: the first three letters of every heading alternative: a heading is tried only where one starts
_HEADING_STARTS = frozenset(
    "pre des add bon nic opt plu bas min req key ess man mus job pos tec you qua wha who abo ski "
    "res dut ben per com ove why sal equ the sum ihr dei das was unt anf auf wir \u00fcbe".split()
)
#: words that may start a degree mention, found with one automaton pass (see degree_hints)
_DEGREE_TRIGGERS = (
    "degree", "degrees", "bachelor", "bachelors", "master", "masters", "ph", "phd", "phds",
    "doctorate", "doctoral", "dphil", "d.phil", "doctor", "mba", "m.b.a", "m.eng", "meng",
    "msc", "m.sc", "graduate", "advanced", "post", "postgraduate", "bsc", "b.sc", "btech",
    "b.tech", "undergraduate", "four", "4", "two", "2", "college", "university",
    "baccalaureate", "associate", "associates", "high", "ged", "secondary", "no", "ms", "m.s",
    "bs", "b.s", "ba", "b.a", "ma", "m.a", "be", "major", "majors", "majoring", "discipline",
    "disciplines", "field", "fields", "graduates", "diploma", "bs/ms", "ms/phd",
    "studium", "hochschulabschluss", "hochschulstudium", "universit\u00e4tsabschluss", "fh",
    "diplom", "masterabschluss",
)  # fmt: skip


@lru_cache(maxsize=16)
def lower_same_length(text: str) -> str:
    """``text.lower()`` kept the same length (offsets stay valid); one per text, shared."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters (e.g. "İ") grow when lower-cased
        lowered = "".join(c.lower()[0] for c in text)
    return lowered


@lru_cache(maxsize=16)
def fold_lower(text: str) -> str:
    """``text.lower()`` kept the same length, with the letters ``(?i)`` also folds ("ı", "ſ").

    A lower-cased literal found in this text is where a ``(?i)`` pattern of ASCII letters can
    match, so it serves as an exact prefilter for such patterns.
    """
    lowered = lower_same_length(text)
    if not lowered.isascii() and ("\u0131" in lowered or "\u017f" in lowered):
        lowered = lowered.replace("\u0131", "i").replace("\u017f", "s")
    return lowered


@lru_cache(maxsize=16)
def glue_cuts(text: str) -> tuple[int, ...]:
    """Offsets where words glued together ("dataWe", "SQLServer") are cut, ascending.

    Shared by skill normalisation and :func:`sentence_cuts`: one scan per text.
    """
    return tuple(map(_START, _GLUE_CUT_RE.finditer(text)))


def sentence_cuts(text: str) -> list[int]:
    """Offsets where a sentence, line or glued sentence ("dataWe") starts, ascending."""
    cuts = list(map(_END, _PUNCT_END_RE.finditer(text)))
    # the glue cuts between two lower-case letters: ``[a-z](?=[A-Z][a-z])``
    glued = [
        p
        for p in glue_cuts(text)
        if "a" <= text[p - 1] <= "z" and "a" <= text[p + 1 : p + 2] <= "z"
    ]
    if glued:
        cuts += glued
        cuts.sort()
    return cuts


def _headings(text: str, lowered: str, starts: list[int]) -> list[tuple[int, int, str]]:
    heads = []
    for pos in starts:
        p = pos
        while lowered[p : p + 1] in (" ", "\t"):
            p += 1
        if lowered[p : p + 3] not in _HEADING_STARTS:
            continue
        m = _HEADING_RE.match(text, pos)
        if m:
            kind = "pref" if m.group("pref") else "req" if m.group("req") else "other"
            heads.append((m.start("h"), m.end(), kind))
    return heads


@lru_cache(maxsize=16)
def requirement_of(text: str):
    """A function from an offset in ``text`` to True (required), False (preferred) or None."""
    cuts = sentence_cuts(text)
    lowered = fold_lower(text)
    pref_cued = _cued_sentences(lowered, cuts, _PREFERRED_WORDS)
    req_cued = _cued_sentences(lowered, cuts, _REQUIRED_WORDS)
    heads: list[tuple[int, int, str]] | None = None
    head_starts: list[int] = []
    cache: dict[int, bool | None] = {}

    def state(pos: int) -> bool | None:
        nonlocal heads, head_starts
        k = bisect_right(cuts, pos)
        if k not in cache:
            a, b = cuts[k - 1] if k else 0, cuts[k] if k < len(cuts) else len(text)
            pref = k in pref_cued and _PREFERRED_RE.search(text[a:b])
            req = k in req_cued and _REQUIRED_RE.search(text[a:b])
            if pref or req:
                cache[k] = None if pref and req else not pref
            else:
                if heads is None:  # a heading starts a line or a (glued) sentence
                    heads = _headings(text, lowered, [0, *cuts])
                    head_starts = [h[0] for h in heads]
                h = bisect_right(head_starts, pos) - 1
                kind = heads[h][2] if h >= 0 else None
                cache[k] = {"pref": False, "req": True}.get(kind or "")
        return cache[k]

    return state


def _cued_sentences(lowered: str, cuts: list[int], words: tuple[str, ...]) -> set[int]:
    """Indexes (as ``bisect_right(cuts, pos)``) of the sentences that contain one of ``words``."""
    out = set()
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            k = bisect_right(cuts, at)
            if k == len(cuts) or at + len(word) <= cuts[k]:
                out.add(k)
            at = lowered.find(word, at + 1)
    return out


@cache
def _trigger_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in _DEGREE_TRIGGERS:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=16)
def degree_hints(text: str) -> tuple[int, ...]:
    """Word-start offsets in ``text`` where a degree or field-of-study mention may begin."""
    lowered = lower_same_length(text)
    out = []
    for end, length in _trigger_automaton().iter(lowered):
        start = end - length + 1
        if start and lowered[start - 1].isalnum():  # inside a word, unless glued on
            if text[start - 1].islower() and text[start].isupper():
                out.append(start)  # glued: "experienceBachelor"
        elif not lowered[end + 1 : end + 2].isalpha():
            out.append(start)
    return tuple(out)


__all__ = [
    "degree_hints", "fold_lower", "glue_cuts", "lower_same_length", "requirement_of", "sentence_cuts",
]  # fmt: skip
