"""Education and experience requirements: degree levels, fields of study, years, certifications."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from roleatlas.extract.skills import extract_skills
from roleatlas.extract.skills_context import degree_hints, fold_lower, requirement_of

#: degree levels from lowest to highest
DEGREE_LEVELS = ("none", "high school", "associate", "bachelor", "master", "phd")
_RANK = {level: rank for rank, level in enumerate(DEGREE_LEVELS)}

_MS_NOT = r"(?!\s*(?i:office|excel|word|sql|access|project|teams|dynamics|azure|visio|power|outlook|sharepoint|windows|\d{5}))"
_DEGREE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("phd", re.compile(r"(?i:\bph\.?\s?d\b|\bdoctorates?\b|\bdoctoral\b|\bd\.?phil\b|\bdoctor of philosophy\b)")),
    ("master", re.compile(
        r"(?i:\bmaster(?:'s|\u2019s|s'|s\u2019|s(?=\s+(?:degree|in\b|of\b|or\b|program)))|\bmasters?\b(?=\s*(?:degree|in\b|of\s+(?:science|arts|engineering|business|computer|applied|data|public|information|mathemat|statist|financ|econom)|level|or\b|/|\(|abschluss|studium))|"
        r"\bmaster\b(?=-)|\bm\.?b\.?a\b|\bm\.?eng\b|\bm\.?sc\b|\bdiplom\b|\bmasterabschluss\b|"
        r"\b(?:graduate|advanced|post-?graduate)\s+degrees?\b)|\bM\.S\.?|\bMS\b" + _MS_NOT + r"|\bM\.A\.|\bMA\b(?=\s*(?:/|in\b|degree|or\b))"
    )),
    ("bachelor", re.compile(
        r"(?i:\bbachelor'?s?\b|\bb\.?sc\b|\bb\.?tech\b|\bundergraduate degrees?\b|\b(?:four|4)[\s-]year (?:college |university )?degrees?\b|"
        r"\bcollege degrees?\b|\buniversity degrees?\b|\bbaccalaureate\b|\bstudium\b|\bhochschulabschluss\b|\bhochschulstudium\b|\buniversit\u00e4tsabschluss\b|\bfh-abschluss\b)|\bB\.S\.?|\bBS\b|\bB\.A\.|\bBA\b(?=\s*(?:/|in\b|degree|or\b|,))|\bBE\b(?=\s*/|\s+in\b)"
    )),
    ("associate", re.compile(r"(?i:\bassociate'?s?\s+degrees?\b|\bassociates?\s+of\b|\b(?:two|2)[\s-]year (?:college )?degrees?\b)")),
    ("high school", re.compile(r"(?i:\bhigh[\s-]school\b|\bGED\b|\bsecondary school\b)")),
    ("none", re.compile(r"(?i:\bno (?:college )?degree (?:is )?required\b|\bdegree not required\b)")),
)  # fmt: skip
_ANY_DEGREE_RE = re.compile(
    # matched only at word starts (degree_hints), so a leading \b would only block glued text
    "|".join(
        f"(?P<{level.replace(' ', '_')}>"
        + p.pattern.replace("(?i:\\b", "(?i:").replace("|\\b", "|").removeprefix("\\b")
        + ")"
        for level, p in _DEGREE_PATTERNS
    )
)
_GENERIC_DEGREE_RE = re.compile(r"(?i)\bdegree\b")
#: a "master" that follows these is a role, not a degree ("Scrum Master", "item master")
_NOT_DEGREE_BEFORE_RE = re.compile(
    r"(?i)(?:scrum|item|material|data|quiz|web|post|zen|ring|grand|chess|toast|dungeon)\W{0,2}$"
)
#: "MS" after a city ("Vicksburg, MS") or in a location line is Mississippi
_STATE_BEFORE_RE = re.compile(r"(?:[A-Z][a-z]+,\s*|USA\s+)$")
#: a student job asks for no degree held: "vorangetriebenes Bachelor- oder Masterstudium"
_STUDENT_RE = re.compile(
    r"(?i)(?:vorangetrieben|laufend|eingeschrieben|immatrikuliert|studierend|werkstudent|currently (?:enrolled|pursuing)|pursuing an?|working towards)\w*\W+(?:\w+\W+){0,4}$"
)
_CLAUSE_CUT_RE = re.compile(r"[,;()\n\u2022]|\.(?=\s|[A-Z]|$)| - ")
_PREF_RE = re.compile(
    r"(?i)\b(?:preferred|preferably|prefer|a plus|desired|desirable|ideally|nice to have|bonus|advantage)"
)
_REQ_RE = re.compile(r"(?i)\b(?:required|requires?|must|minimum|at least|mandatory)\b")

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "zwei": 2, "drei": 3, "vier": 4, "f\u00fcnf": 5, "sechs": 6, "zehn": 10,
}  # fmt: skip
_NUM = r"(\d{1,2}(?:\.5)?|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS_RE = re.compile(
    r"(?i)(?<![\d.,$])" + _NUM + r"(?:\s*\(\d{1,2}\))?\s*(\+|plus)?\s*(?:(?:-|–|to|or)\s*" + _NUM
    + r"(?:\s*\(\d{1,2}\))?\s*\+?)?\s*(?:\+\s*)?(or more\s+|and above\s+)?(?:full[\s-]time\s+)?(?:years?|yrs?|jahre?n?)\b"
)  # fmt: skip
_EXPERIENCE_AFTER_RE = re.compile(
    r"(?i)^[^.;\n]{0,70}?(?:\b(?:experience|exp\b|work(?:ing)?\b|professional|industry|hands[\s-]on|background|track record|in (?:a|an|the)\b)|erfahrung)"
)
_EXPERIENCE_BEFORE_RE = re.compile(
    r"(?i)(?:experience|minimum|at least|min\.?|requires?|required|mindestens|mind\.)\W{0,3}(?:of\W+)?(?:\w+\W+){0,2}$"
)
_NOT_REQUIREMENT_RE = re.compile(
    r"(?i)^\W*(?:\w+\W+){0,3}?(?:ago|old|of age|in business|history|of service|warranty|founded|running|since)\b"
)

_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("computer science", r"(?i:computer science|computing science|computer sciences|\bcomputer engineering\b)|\bCS\b|\bCSE\b"),
        ("statistics", r"(?i:\bstatistics\b|\bbiostatistics\b|\bstatistical science)"),
        ("mathematics", r"(?i:\bmathematics\b|\bmath\b|\bmaths\b|applied math)"),
        ("engineering", r"(?i:\bengineering\b)"),
        ("economics", r"(?i:\beconomics\b|\beconometrics\b)"),
        ("physics", r"(?i:\bphysics\b|\bphysical sciences?\b)"),
        ("data science", r"(?i:\bdata science\b|\bdata analytics\b|\banalytics\b)"),
        ("business", r"(?i:\bbusiness(?: administration)?\b|\bMBA\b|\bmarketing\b|\bmanagement\b)"),
        ("finance", r"(?i:\bfinance\b|\bfinancial\b|\baccounting\b)"),
        ("information systems", r"(?i:information systems|information technology|\bMIS\b|\bIT\b|informatics)"),
        ("operations research", r"(?i:operations research|operational research|industrial engineering)"),
        ("life sciences", r"(?i:\bbiology\b|\bbioinformatics\b|\bgenetics\b|\blife sciences?\b|\bbiomedical\b|\bchemistry\b|\bepidemiology\b|public health)"),
        ("social sciences", r"(?i:\bpsychology\b|\bsociology\b|social sciences?\b|political science|\blinguistics\b)"),
        ("quantitative field", r"(?i:quantitative (?:field|discipline|area|subject)s?|\bSTEM\b)"),
    )
)  # fmt: skip
_ANY_FIELD_RE = re.compile(
    "|".join(f"(?P<{name.replace(' ', '_')}>{p.pattern})" for name, p in _FIELDS)
)
#: lower-cased starts of every ``_FIELDS`` alternative: a field match can begin only at one
_FIELD_STARTS = (
    "comput", "cs", "statistic", "biostatistic", "math", "applied math", "engineering", "econom",
    "physic", "data science", "data analytics", "analytics", "business", "mba", "marketing",
    "management", "financ", "accounting", "information systems", "information technology",
    "mis", "it", "informatics", "operation", "industrial engineering", "biology",
    "bioinformatics", "genetics", "life science", "biomedical", "chemistry", "epidemiology",
    "public health", "psychology", "sociology", "social science", "political science",
    "linguistics", "quantitative", "stem",
)  # fmt: skip
_FIELD_CUT_RE = re.compile(r"[.;\n]\s")
_FIELD_CONTEXT_RE = re.compile(
    r"(?i)\b(?:degree|bachelor|master|ph\.?d|b\.?s\b|m\.?s\b|major|field|discipline)"
)


@dataclass(frozen=True, slots=True)
class Education:
    """Degree, field, experience and certification requirements of one posting."""

    degree_min: str | None
    degree_preferred: str | None
    fields_of_study: tuple[str, ...]
    years_experience_min: float | None
    years_experience_max: float | None
    certifications: tuple[str, ...]


def extract_education(text: str, *, certifications: tuple[str, ...] | None = None) -> Education:
    """Degree levels, fields of study, years of experience and certifications named in ``text``.

    Args:
        text: the posting description.
        certifications: certification names already found by ``extract_skills`` (saves a pass).
    """
    text = text or ""
    context = requirement_of(text)
    required, preferred = [], []
    for level, start, end in degree_mentions(text):
        (preferred if _state(text, start, end, context) is False else required).append(level)
    degree_min = min(required or preferred, key=_RANK.__getitem__, default=None)
    degree_preferred = max(preferred, key=_RANK.__getitem__, default=None)
    low, high = years_of_experience(text, context=context)
    if certifications is None:
        certifications = tuple(m.name for m in extract_skills(text) if m.kind == "certification")
    return Education(degree_min, degree_preferred, fields_of_study(text), low, high, certifications)


def degree_mentions(text: str) -> list[tuple[str, int, int]]:
    """Every degree-level mention as ``(level, start, end)`` in text order."""
    matches = (_ANY_DEGREE_RE.match(text, pos) for pos in degree_hints(text))
    out = [
        ((m.lastgroup or "").replace("_", " "), m.start(), m.end())
        for m in matches
        if m and _is_degree(text, m)
    ]
    if "degree" in fold_lower(text) and not any(
        level not in ("none", "high school") for level, _, _ in out
    ):
        out += [
            ("bachelor", m.start(), m.end())
            for m in _GENERIC_DEGREE_RE.finditer(text)
            if _degree_required(text, m.start())
        ]
    return sorted(out, key=lambda t: t[1])


def _is_degree(text: str, match: re.Match) -> bool:
    before = text[max(0, match.start() - 60) : match.start()]
    word = match.group(0)
    if word[:1] in "Mm" and word[1:2].lower() == "a" and _NOT_DEGREE_BEFORE_RE.search(before):
        return False
    if word.startswith("MS") and _STATE_BEFORE_RE.search(before):
        return False
    return not _STUDENT_RE.search(before)


def _degree_required(text: str, start: int) -> bool:
    window = text[max(0, start - 40) : start + 60].lower()
    return any(
        word in window for word in (" in ", "required", "preferred", "related field", "equivalent")
    )


def _state(text: str, start: int, end: int, context) -> bool | None:
    left = max(
        (m.end() for m in _CLAUSE_CUT_RE.finditer(text, max(0, start - 80), start)),
        default=max(0, start - 80),
    )
    right_match = _CLAUSE_CUT_RE.search(text, end, end + 80)
    clause = text[left : right_match.start() if right_match else end + 80]
    if _PREF_RE.search(clause):
        return False
    if _REQ_RE.search(clause):
        return True
    return context(start)


def _clause_preferred(text: str, start: int, end: int) -> bool:
    """A years figure is preferred only when its own clause says so ("4+ years preferred")."""
    left = max(
        (m.end() for m in _CLAUSE_CUT_RE.finditer(text, max(0, start - 80), start)),
        default=max(0, start - 80),
    )
    right = _CLAUSE_CUT_RE.search(text, end, end + 80)
    return bool(_PREF_RE.search(text[left : right.start() if right else end + 80]))


def years_of_experience(text: str, *, context=None) -> tuple[float | None, float | None]:
    """The main experience requirement as ``(min, max)`` years: "3-5 years" -> (3, 5)."""
    context = context or requirement_of(text)
    found = []
    for m in _year_matches(text):
        after, before = text[m.end() : m.end() + 80], text[max(0, m.start() - 40) : m.start()]
        if _NOT_REQUIREMENT_RE.match(after):
            continue
        if not (_EXPERIENCE_AFTER_RE.match(after) or _EXPERIENCE_BEFORE_RE.search(before)):
            continue
        low = _number(m.group(1))
        high = _number(m.group(3)) if m.group(3) else None
        if low is None or low > 30 or (high is not None and (high < low or high > 40)):
            continue
        found.append((_clause_preferred(text, m.start(), m.end()), m.start(), low, high))
    if not found:
        return None, None
    found.sort()
    _, _, low, high = found[0]
    return low, high


_YEAR_WORD_RE = re.compile(r"(?i)\b(?:years?|yrs?|jahre?n?)\b")
#: where a year word can start, searched in the lower-cased text (a literal scan, not \b at every char)
_YEAR_START_RE = re.compile(r"y(?:ear|r)|jahr")


def _year_matches(text: str) -> list[re.Match]:
    """``_YEARS_RE`` matches, searched only just before each "year" word (much faster)."""
    out: dict[int, re.Match] = {}
    words = (
        _YEAR_WORD_RE.match(text, m.start()) for m in _YEAR_START_RE.finditer(fold_lower(text))
    )
    for word in filter(None, words):
        for m in _YEARS_RE.finditer(text, max(0, word.start() - 45), word.end()):
            if m.end() == word.end():
                out.setdefault(m.start(), m)
    return [out[k] for k in sorted(out)]


def fields_of_study(text: str) -> tuple[str, ...]:
    """Canonical fields of study named in degree sentences, in order of first mention."""
    seen: dict[str, int] = {}
    anchors = [m for m in (_FIELD_CONTEXT_RE.match(text, pos) for pos in degree_hints(text)) if m]
    if not anchors:
        return ()
    lowered, automaton = fold_lower(text), _field_automaton()
    for match in anchors:
        left = max(0, match.start() - 60)
        cut = _FIELD_CUT_RE.search(text, match.start(), match.end() + 160)
        right = cut.start() if cut else min(len(text), match.end() + 160)
        # ``_ANY_FIELD_RE.finditer(text, left, right)``, tried only where a field word starts
        starts = sorted({end - size + 1 for end, size in automaton.iter(lowered, left, right)})
        pos = left
        for start in starts:
            if start < pos:
                continue
            hit = _ANY_FIELD_RE.match(text, start, right)
            if hit:
                name = (hit.lastgroup or "").replace("_", " ")
                seen.setdefault(name, hit.start())
                pos = hit.end()
    return tuple(sorted(seen, key=seen.__getitem__))


@cache
def _field_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in _FIELD_STARTS:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _number(token: str) -> float | None:
    token = token.lower()
    if token in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token])
    try:
        return float(token)
    except ValueError:
        return None


__all__ = [
    "DEGREE_LEVELS",
    "Education",
    "extract_education",
    "degree_mentions",
    "years_of_experience",
    "fields_of_study",
]
