"""Classify free-text job titles into a taxonomy role and a seniority level."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from roleatlas.exceptions import InputError
from roleatlas.normalize.roles import load_taxonomy
from roleatlas.normalize.titles_lexicon import MODIFIERS, ROLE_CODES, SENIORITY_WORDS
from roleatlas.normalize.titles_rules import (
    NONE,
    Match,
    apply_context,
    detect_seniority,
    resolve_role,
)
from roleatlas.normalize.titles_text import fold_title, folded_segments, title_segments

# Description phrases that may settle a bare head noun ("Engineer", "Analyst").
_DESCRIPTION_CUES = (
    "data science",
    "ml",
    "ai",
    "mlops",
    "computervision",
    "nlp",
    "research",
    "data engineering",
    "big data",
    "analytics",
    "bi",
)
# "Member of Technical Staff" at an AI lab: a description about research makes a research
# engineer; the title tables' "research" entry is about market and lab research instead.
_CUE_ROLES = {"research": {"en": "re", "sc": "rs", "rs": "rs"}}
_DESCRIPTION_CHARS = 3000


@dataclass(frozen=True)
class TitleClass:
    """The classification of one job title."""

    title: str
    role: str
    seniority: str
    confidence: float
    reasons: tuple[str, ...]


@lru_cache(maxsize=1)
def _alias_codes() -> dict[tuple[str, ...], str]:
    slugs = {slug: code for code, slug in ROLE_CODES.items()}
    index: dict[tuple[str, ...], str] = {}
    for alias, slug in load_taxonomy().alias_index().items():
        segments = title_segments(alias)
        if len(segments) == 1:
            index.setdefault(segments[0], slugs[slug])
    return index


def _alias_match(segments: tuple[tuple[str, ...], ...]) -> Match | None:
    if len(segments) != 1:
        return None
    core = tuple(t for t in segments[0] if t not in SENIORITY_WORDS and t != "of")
    code = _alias_codes().get(core)
    if code is None:
        return None
    return Match(code, 2, None, 0.97, f"taxonomy alias {' '.join(core)!r}")


@lru_cache(maxsize=200_000)
def _classify_folded(folded: str) -> tuple[str, str, float, tuple[str, ...]]:
    segments = folded_segments(folded)
    seniority, seniority_reason = detect_seniority(segments)
    match = _alias_match(segments) or resolve_role(segments)
    match = apply_context(match, segments, seniority)
    reasons = (f"role: {match.reason} -> {ROLE_CODES[match.code]}", seniority_reason)
    headless = match.strength == NONE and match.head_class not in (None, "x")
    return (
        ROLE_CODES[match.code],
        seniority,
        round(match.confidence, 2),
        reasons + (("generic",) if headless else ()),
    )


@lru_cache(maxsize=200_000)
def _classify_raw(title: str) -> tuple[str, str, float, tuple[str, ...]]:
    return _classify_folded(fold_title(title))


def _from_description(title_class: TitleClass, description: str) -> TitleClass:
    """Settle a bare head noun ("Engineer") with the most frequent role cue in the description."""
    title_segs = title_segments(title_class.title)
    match = resolve_role(title_segs)
    if match.head_class is None:  # decided before reading the description, which is costly
        return title_class
    segments = title_segments(description[:_DESCRIPTION_CHARS])
    tokens = [t for seg in segments for t in seg]
    text = f" {' '.join(tokens)} "
    counts = Counter({cue: text.count(f" {cue} ") for cue in _DESCRIPTION_CUES})
    for cue, count in counts.most_common():
        table = _CUE_ROLES.get(cue, MODIFIERS[cue])
        if count < 2 or match.head_class not in table:
            continue
        code = table[match.head_class]
        refined = Match(code, 2, match.head_class, 0.65, f"{match.reason}; description cue {cue!r}")
        refined = apply_context(refined, title_segs, title_class.seniority)
        reason = f"role: {refined.reason} -> {ROLE_CODES[refined.code]}"
        return TitleClass(
            title=title_class.title,
            role=ROLE_CODES[refined.code],
            seniority=title_class.seniority,
            confidence=refined.confidence,
            reasons=(reason, *title_class.reasons[1:]),
        )
    return title_class


def classify_title(title: str, *, description: str | None = None) -> TitleClass:
    """Classify one job title into a role slug and a seniority level.

    Args:
        title: The job title as posted, in any case and with any surrounding whitespace.
        description: Optional posting text, used only when the title alone is too generic.

    Returns:
        A ``TitleClass`` with role, seniority, a 0-1 confidence and the reasons for ``--explain``.
    """
    if not isinstance(title, str):
        raise InputError(f"a job title must be text, not {type(title).__name__}")
    role, seniority, confidence, reasons = _classify_raw(title)
    generic = reasons[-1] == "generic"
    result = TitleClass(title, role, seniority, confidence, reasons[:2])
    if generic and description:
        return _from_description(result, description)
    return result


def classify_titles(titles: Iterable[str]) -> list[TitleClass]:
    """Classify many job titles; the result has one entry per input, in input order."""
    return [classify_title(title) for title in titles]
