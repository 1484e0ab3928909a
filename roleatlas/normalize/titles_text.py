"""Turn a raw job title into canonical token segments for the classifier."""

from __future__ import annotations

import re
import unicodedata

from roleatlas.normalize.titles_lexicon import (
    HEADS,
    MAX_PHRASE,
    OTHER_HEADS,
    PHRASES,
    TOKEN_SYNONYMS,
)

# A parenthesised acronym of the words just before it, e.g. "Machine Learning (ML)".
_ACRONYM = re.compile(r"\(\s*([A-Za-z]{2,6})\s*\)")
# German and EU gender markers: "(m/w/d)", "(w|m|d)", "m/f/x", "(f/m/div.)", "(all genders)".
_GENDER = re.compile(
    r"\(\s*(?:all\s+genders?|gn|mwd|m\s*w\s*d|d\s*m\s*w)\s*\)\*?"
    r"|\(?(?<![\w/])[mwfdx](?:\s*[/|,]\s*(?:[mwfdx]|div)\b){2,3}\.?\s*\)?\*?"
)
# Gendered endings of German nouns: "Analyst:in", "Entwickler*innen", "Mitarbeiter/-in",
# "Wissenschaftliche*r".
_GENDER_ENDING = re.compile(r"(?<=[a-z])(?:(?:[:*_]|/-?)in(?:nen)?\b|\*r\b|\(in\))")
# Alternative levels, "Senior/Lead" or "Senior or Staff": the posting is open from the first.
_LEVEL_CHOICE = re.compile(
    r"\b(senior|sr|junior|jr|mid|intermediate|lead|staff|principal)\.?\s*(?:/|\bor\b)\s*"
    r"(?:senior|sr|lead|staff|principal)\b\.?\+?"
)
# "AI/ML" is one field, not two alternatives: keep it in one segment.
_AI_ML = re.compile(r"\b(ai|ml)\s*/\s*(ml|ai)\b")
# After "for", "at", "to", German "am"...: "Data Engineer ... am CIO" names a place or a boss,
# not the job's level.
_QUALIFIER_TAIL = re.compile(r"\s(?:for|at|with|to|from|fur|bei|am|im|mit|zur|zum)\s.*$")
_C_LEVEL = re.compile(r"\b(?:ceo|cto|cio|coo|cfo)\b")
# A bracket inside a noun phrase, before its head: "Machine Learning (Data Focused) Engineer".
_INNER_BRACKET = re.compile(r"(?<=\w)\s*\(([^()]*)\)\s*(?=\w)")
# Segment breaks: spaced dashes, punctuation, and small words that start a qualifier.
_SPLIT = re.compile(
    r"\s+[-\u2010-\u2015]+\s*|[-\u2010-\u2015]+\s+|[\u2013\u2014\u2015]"
    r"|[,/\\|()\[\]{}:;!?\u2022\u00b7@*]"
    r"|\s(?:or|for|at|with|in|from|to|looking|hiring"
    r"|fur|im|bei|am|mit|als|zur|zum|oder)\s"
)
_TOKEN = re.compile(r"[^\W_]+")
_PHRASE_KEYS = {tuple(k.split()): tuple(v.split()) for k, v in PHRASES.items()}
_PHRASE_STARTS = frozenset(key[0] for key in _PHRASE_KEYS)


def fold_title(title: str) -> str:
    """Case-fold, strip accents and collapse whitespace; the key titles are cached by."""
    if title.isascii():
        return " ".join(title.lower().split())
    text = unicodedata.normalize("NFKD", title)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def _drop_acronyms(title: str) -> str:
    def repl(match: re.Match[str]) -> str:
        letters = match.group(1).lower()
        words = re.findall(r"[A-Za-z]+", title[: match.start()])
        initials = "".join(w[0] for w in words[-len(letters) :]).lower()
        return " " if initials == letters else match.group(0)

    return _ACRONYM.sub(repl, title)


def _has_head(text: str) -> bool:
    words = " ".join(TOKEN_SYNONYMS.get(t, t) for t in _TOKEN.findall(text)).split()
    return any(w in HEADS or w in OTHER_HEADS for w in words)


def _drop_inner_brackets(title: str) -> str:
    def repl(match: re.Match[str]) -> str:
        before = _SPLIT.split(title[: match.start()])[-1]
        after = _SPLIT.split(title[match.end() :])[0]
        return " " if not _has_head(before) and _has_head(after) else match.group(0)

    return _INNER_BRACKET.sub(repl, title)


def _strip_markers(folded: str) -> str:
    """Remove gender markers and endings and settle "Senior/Lead" to its first level."""
    folded = _GENDER.sub(" ", folded)
    folded = _GENDER_ENDING.sub("", folded)
    folded = _AI_ML.sub(r"\1 \2", folded)
    tail = _QUALIFIER_TAIL.search(folded)
    if tail and _C_LEVEL.search(tail.group(0)):
        folded = folded[: tail.start()] + _C_LEVEL.sub(" ", tail.group(0))
    return _LEVEL_CHOICE.sub(r"\1", folded)


def _canonical(tokens: list[str]) -> tuple[str, ...]:
    words: list[str] = []
    for token in tokens:
        words.extend(TOKEN_SYNONYMS.get(token, token).split())
    # Twice, so that a rewrite can complete a longer phrase ("machine learning platform").
    return _phrases(_phrases(words))


def _phrases(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] not in _PHRASE_STARTS:
            out.append(words[i])
            i += 1
            continue
        for size in range(min(MAX_PHRASE + 1, len(words) - i), 0, -1):
            key = tuple(words[i : i + size])
            if key in _PHRASE_KEYS:
                out.extend(_PHRASE_KEYS[key])
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def title_segments(title: str) -> tuple[tuple[str, ...], ...]:
    """The title as canonical token segments, split at dashes, commas, slashes and brackets."""
    return folded_segments(fold_title(title))


def folded_segments(folded: str) -> tuple[tuple[str, ...], ...]:
    """``title_segments`` for a title already passed through ``fold_title``."""
    folded = _drop_inner_brackets(_drop_acronyms(_strip_markers(folded)))
    folded = folded.replace("&", " and ").replace("+", " ").replace(".", " ").replace("'", "")
    segments = []
    for part in _SPLIT.split(f" {folded} "):
        tokens = _TOKEN.findall(part.replace("-", " "))
        if tokens:
            segments.append(tuple(_canonical(tokens)))
    return tuple(s for s in segments if s)
