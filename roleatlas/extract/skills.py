"""Skill mentions in posting text: one Aho-Corasick pass, word boundaries, context rules."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate
from operator import add, itemgetter, sub

import ahocorasick

from roleatlas.extract.skill_taxonomy import (
    SEPARATOR_TABLE,
    Skill,
    alias_forms,
    fold,
    load_skills,
)
from roleatlas.extract.skills_context import (
    degree_hints,
    glue_cuts,
    lower_same_length,
    requirement_of,
)

_PLAIN, _CASED, _AMBIGUOUS = 0, 1, 2
#: punctuation that ends a phrase: "Python, Spark, SQL" must not read as "Spark SQL"
_HARD_PUNCT_RE = re.compile(r"[,;:()\[\]|\n\u2022]")
_URL_RE = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|<[^<>]{0,400}>")
#: ``_URL_RE`` without the e-mail branch, for text without "@" (the e-mail branch is the slow one)
_LINK_RE = re.compile(r"https?://\S+|www\.\S+|<[^<>]{0,400}>")
#: characters ``SEPARATOR_TABLE`` turns into spaces; ``str.replace`` per character present is
#: ~15x faster than ``str.translate`` on non-ASCII text
_SEPARATOR_CHARS = tuple(chr(code) for code in SEPARATOR_TABLE)
_ROLE_AFTER_RE = re.compile(
    r"\W{0,3}(?:analysts?|engineers?|developers?|teams?|managers?|architects?|specialists?|"
    r"consultants?|scientists?|department|group|professionals?|practitioners?|director|lead)\b",
    re.I,
)
_ROLE_BEFORE_RE = re.compile(r"\b(?:director|head|vp|manager|team|department)\s+of\s+$", re.I)
_SENTENCE_GAP_RE = re.compile(r"\.\s+[A-Z]|\.[A-Z][a-z]")
_MULTI_SPACE_RE = re.compile(r"  +")  # not " {2,}": a literal prefix makes re scan fast
_SPAN = re.Match.span
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
# what may stand between two items of a list: "R, Python", "C/C++", "Hive or Pig"
_LIST_GAP_RE = re.compile(
    r"[\s,/;|&+()\[\]\-\u2013:]*(?:(?:and/or|and|or|as well as|etc|e\.g|i\.e)\.?[\s,/;|&+()\[\]\-\u2013:]*)?"
)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\W*$")
_WORD_AFTER_RE = re.compile(r"^\W*([A-Za-z+#]+)")
_LANGS = frozenset(
    {"programming language", "scripting language", "query language", "statistical software"}
)
_DEGREE_BEFORE_RE = re.compile(
    r"(?i:degrees?|bachelor'?s?|masters?'?s?|ph\.?\s?d\.?s?|doctorate|b\.?s\.?c?|m\.?s\.?c?|b\.?a\.?|m\.?a\.?|"
    r"majors?|majoring|disciplines?|fields?|graduates?|diploma|undergraduate|bs/ms|ms/phd)\b(?P<gap>[^;:!?\n]{0,250})$"
)
_NOT_FIELD_GAP_RE = re.compile(
    r"(?i)\b(?:experience|knowledge|skills?|proficien\w*|expertise|familiar\w*|understanding|with|using|years?)\b"
)


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """One skill found in a text, with every span (into the original text) that names it."""

    name: str
    category: str
    kind: str
    required: bool | None
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class _Entry:
    skill: int
    length: int
    mode: int
    check_end: bool
    variants: frozenset[str]
    multiword: bool
    allow_punct: bool


@cache
def _automaton(breadth: bool = True) -> tuple[ahocorasick.Automaton, tuple[Skill, ...]]:
    skills = load_skills()
    if not breadth:
        skills = tuple(skill for skill in skills if skill.source == "core")
    entries: dict[str, _Entry] = {}
    for index, skill in enumerate(skills):
        groups = ((_PLAIN, skill.aliases), (_CASED, skill.cased), (_AMBIGUOUS, skill.ambiguous))
        for mode, aliases in groups:
            for alias in aliases:
                variants = frozenset({fold(alias, lower=False)}) if mode == _CASED else frozenset()
                for form in alias_forms(alias):
                    key = " " + form if form[0].isalnum() else form
                    old = entries.get(key)
                    if old is not None and old.skill == index and old.mode == mode:
                        variants |= old.variants
                    elif old is not None and old.mode <= mode:
                        continue
                    entries[key] = _Entry(
                        index, len(key), mode, form[-1].isalnum(), variants,
                        " " in form, bool(_HARD_PUNCT_RE.search(alias)),
                    )  # fmt: skip
    automaton = ahocorasick.Automaton()
    for key, entry in entries.items():
        automaton.add_word(key, entry)
    automaton.make_automaton()
    return automaton, skills


def normalize(text: str) -> tuple[str, list[int], list[int]]:
    """Lower-cased, glue-split, separator-collapsed text framed by spaces, plus an offset map.

    The map is two parallel lists: normalized position ``nb[k]`` starts a run that maps
    linearly onto original position ``ob[k]``; see :func:`to_original`.
    """
    flat = lower_same_length(text)  # cached: degree hints and context read it too
    for char in _SEPARATOR_CHARS:
        if char in flat:
            flat = flat.replace(char, " ")
    runs = list(map(_SPAN, _MULTI_SPACE_RE.finditer(flat))) if "  " in flat else []
    glued = glue_cuts(text)  # cached: sentence_cuts reads them too
    if not runs and not glued:
        return f" {flat} ", [1], [0]
    if glued:  # a glue cut sits between two letters: never next to a run of spaces
        runs += [(pos, pos) for pos in glued]
        runs.sort()
    # event i (a run of spaces s..e kept as one space, or a glue cut s == e with a space added)
    # starts normalized position 1 + s_i + (i + 1) - (length of the runs before it)
    starts, ends = list(map(_FIRST, runs)), list(map(_SECOND, runs))
    removed = accumulate(map(sub, ends, starts), initial=0)
    nb = [1, *map(sub, map(add, starts, range(2, len(runs) + 2)), removed)]
    # each event becomes one space; the text between events is kept (one join, no re.sub)
    pieces = map(flat.__getitem__, map(slice, [0, *ends], [*starts, len(flat)]))
    return f" {' '.join(pieces)} ", nb, [0, *ends]


@lru_cache(maxsize=4096)
def _cased_form(span: str) -> str:
    return fold(span, lower=False)  # a few hundred distinct spans ("R", "Spark", "SAS") repeat


def to_original(pos: int, nb: list[int], ob: list[int]) -> int:
    """The original offset of normalized position ``pos``."""
    k = bisect_right(nb, pos) - 1
    return ob[k] + (pos - nb[k]) if k >= 0 else 0


def _url_spans(text: str) -> list[tuple[int, int]]:
    """``_URL_RE`` match spans, scanning only from the first place one can start."""
    at = text.find("@")
    if at < 0:
        if "http" not in text and "www." not in text and "<" not in text:
            return []
        return [m.span() for m in _LINK_RE.finditer(text)]
    first = at
    while first > 0 and (text[first - 1].isalnum() or text[first - 1] in "_.+-"):
        first -= 1  # the e-mail branch [\w.+-]+@ can start no earlier
    for marker in ("http", "www.", "<"):
        found = text.find(marker)
        if 0 <= found < first:
            first = found
    return [m.span() for m in _URL_RE.finditer(text, first)]


def extract_skills(
    text: str, *, title: str | None = None, company: str | None = None, breadth: bool = True
) -> list[SkillMatch]:
    """Every taxonomy skill named in ``text`` (the title, when given, is read as context only).

    Args:
        text: the posting description, as scraped (glued sentences are fine).
        title: the job title; reserved for title-aware rules.
        company: the employer; a mention of its own name is no tool the job asks for, unless it
            stands in a list of other tools ("Snowflake, Redshift, BigQuery").
        breadth: also match the O*NET breadth list (False: the curated core only).

    Returns:
        One ``SkillMatch`` per skill in order of first mention; spans index into ``text``.
    """
    if not text:
        return []
    automaton, skills = _automaton(breadth)
    norm, nb, ob = normalize(text)
    found: list[tuple[int, int, _Entry]] = []
    for end, entry in automaton.iter(norm):
        if entry.check_end and norm[end + 1].isalnum():
            continue
        start = end - entry.length + 1
        if norm[start] == " ":
            start += 1
        found.append((start, end + 1, entry))
    if not found:
        return []
    urls = _url_spans(text)
    mapped: list[tuple[int, int, _Entry]] = []
    single = len(nb) == 1
    for nstart, nend, entry in found:
        if single:
            start, end = nstart - 1, nend - 1
        else:
            k = bisect_right(nb, nstart) - 1
            start = ob[k] + nstart - nb[k]
            k = bisect_right(nb, nend - 1) - 1
            end = ob[k] + nend - nb[k]
        if entry.mode == _CASED and _cased_form(text[start:end]) not in entry.variants:
            continue
        if entry.multiword and not entry.allow_punct and _HARD_PUNCT_RE.search(text, start, end):
            continue
        if urls and any(u_start <= start < u_end for u_start, u_end in urls):
            continue
        mapped.append((start, end, entry))
    accepted = _apply_rules(text, _resolve_overlaps(mapped), skills)
    if company and accepted:
        accepted = _drop_employer(text, accepted, skills, company)
    return _group(text, accepted, skills)


def _resolve_overlaps(found: list[tuple[int, int, _Entry]]) -> list[tuple[int, int, _Entry]]:
    found.sort(key=lambda m: (m[0], m[0] - m[1], m[2].skill))
    kept: list[tuple[int, int, _Entry]] = []
    last_end = -1
    for match in found:
        if match[0] >= last_end:
            kept.append(match)
            last_end = match[1]
    return kept


def _apply_rules(
    text: str, spans: list[tuple[int, int, _Entry]], skills: tuple[Skill, ...]
) -> list[tuple[int, int, int]]:
    spans = [(s, e, en) for s, e, en in spans if _context_ok(text, s, e, skills[en.skill])]
    # any candidate may vouch for a list ("Word and Excel"); a lone ambiguous word may not
    neighbours = [(s, e, en.skill) for s, e, en in spans]
    accepted = []
    for start, end, entry in spans:
        if _needs_rule(entry, skills):
            others = [n for n in neighbours if n[0] != start]
            if not _rule_ok(skills[entry.skill].rule or "", text, start, end, others, skills):
                continue
        accepted.append((start, end, entry.skill))
    return accepted


def _needs_rule(entry: _Entry, skills: tuple[Skill, ...]) -> bool:
    rule = skills[entry.skill].rule
    return bool(rule) and rule != "field" and entry.mode != _PLAIN


def _context_ok(text: str, start: int, end: int, skill: Skill) -> bool:
    """Drop a method named as a field of study ("MS in Statistics") or a role ("BI Analyst")."""
    broad = skill.category == "method" or skill.name == "Business intelligence"
    if skill.rule != "field" and not broad:
        return True
    if broad and (
        _ROLE_AFTER_RE.match(text, end) or _ROLE_BEFORE_RE.search(text[max(0, start - 30) : start])
    ):
        return False
    hints = degree_hints(text)
    k = bisect_right(hints, start - 1)
    match = None
    while k > 0 and hints[k - 1] >= start - 250 and match is None:
        k -= 1  # anchored at each hint, nearest first: linear, not a 250x250 search
        match = _DEGREE_BEFORE_RE.match(text, hints[k], start)
    if match is None:
        return True
    gap = match.group("gap")
    return bool(_NOT_FIELD_GAP_RE.search(gap) or _SENTENCE_GAP_RE.search(gap))


_LEGAL_FORMS = frozenset(
    "inc incorporated llc ltd limited gmbh ag se kgaa co corp corporation plc sa bv nv group "
    "holding holdings company technologies technology labs the".split()
)


@lru_cache(maxsize=1024)
def _employer_names(company: str) -> frozenset[str]:
    """The folded forms an employer goes by: "Snowflake Computing, Inc." -> "snowflake computing",
    "snowflake"; the first word alone only when it is not a common word of skill names."""
    words = [w for w in fold(company).split() if w not in _LEGAL_FORMS]
    if not words:
        return frozenset()
    names = {" ".join(words[:k]) for k in range(1, len(words) + 1)}
    return frozenset(n for n in names if len(n) >= 3)


def _drop_employer(text, accepted, skills, company) -> list[tuple[int, int, int]]:
    names = _employer_names(company)
    if not names:
        return accepted
    out = []
    for start, end, index in accepted:
        own = fold(text[start:end]) in names or fold(skills[index].name) in names
        if own:
            others = [(s, e, i) for s, e, i in accepted if s != start]
            if not _in_list(text, start, end, others, skills):
                continue
        out.append((start, end, index))
    return out


def _in_list(text, start, end, neighbours, skills, *, langs_only=False) -> bool:
    for n_start, n_end, n_skill in neighbours:
        if langs_only and skills[n_skill].category not in _LANGS:
            continue
        if n_end <= start and start - n_end <= 14:
            gap = text[n_end:start]
        elif n_start >= end and n_start - end <= 14:
            gap = text[end:n_start]
        else:
            continue
        if _LIST_GAP_RE.fullmatch(gap):
            return True
    return False


def _word_before(text: str, start: int) -> str:
    match = _WORD_BEFORE_RE.search(text[max(0, start - 30) : start])
    return match.group(1).lower() if match else ""


def _word_after(text: str, end: int) -> str:
    match = _WORD_AFTER_RE.match(text[end : end + 30])
    return match.group(1).lower() if match else ""


_R_BEFORE = frozenset(
    "in using with of like languages language programming as including both either e.g and or".split()
)
_R_AFTER = frozenset(
    "programming language studio shiny package packages script scripts scripting code coding markdown libraries library users user python sql sas".split()
)
_TOOL_BEFORE = frozenset("apache using with in on like of including and or use uses".split())
_SPARK_AFTER = frozenset(
    "sql streaming ml mllib cluster clusters job jobs application applications dataframe dataframes rdd rdds core ecosystem framework programming development experience based pipelines platform scala python".split()
)
_HIVE_AFTER = frozenset("sql ql queries query tables table metastore scripts".split())
_AIRFLOW_AFTER = frozenset(
    "dags dag pipelines orchestration scheduler jobs workflows workflow".split()
)
_EXCEL_VERB_AFTER = frozenset("in at as within when under while beyond among through".split())
_EXCEL_VERB_BEFORE = frozenset(
    "to will can who you we they help helps helping continue truly always only and".split()
)
_GO_AFTER = frozenset("programming language lang".split())
#: "AI" read as a skill only where work is asked of it: "AI/ML", "AI techniques", "experience in AI"
_AI_AFTER = frozenset(
    "experience expertise techniques technique algorithms algorithm methods concepts skills "
    "knowledge frameworks framework development applications research".split()
)
_AI_BEFORE_RE = re.compile(
    r"(?i)\b(?:experience|expertise|knowledge|background|understanding|proficiency|skills?|"
    r"familiarity|work(?:ing)?|apply(?:ing)?|using)\s+(?:in|with|of|on)?\s*(?:applied\s+)?$"
)


def _rule_ok(rule, text, start, end, neighbours, skills) -> bool:  # noqa: C901 - one table of rules
    before, after = _word_before(text, start), _word_after(text, end)
    listed = _in_list(text, start, end, neighbours, skills)
    if rule == "list":
        return listed
    if rule == "r":
        nxt, prev = text[end : end + 4], text[max(0, start - 2) : start]
        if (
            nxt.startswith(("&", " &", "'", "\u2019"))
            or re.match(r"\.\s?[A-Z]\b", nxt)
            or re.match(r"[A-Z]\.", prev)
        ):
            return False
        return listed or before in _R_BEFORE or after in _R_AFTER
    if rule == "c":
        nxt = text[end : end + 7].lower()
        if (
            nxt.startswith(("+", "#", "-level", " level", "-suite", " suite", "-corp", "-"))
            or text[end : end + 1] == "."
        ):
            return False
        return _in_list(text, start, end, neighbours, skills, langs_only=True) or after in _GO_AFTER
    if rule == "go":
        if text[end : end + 1] == "-":
            return False
        return _in_list(text, start, end, neighbours, skills, langs_only=True) or after in _GO_AFTER
    if rule == "spark":
        return listed or before in _TOOL_BEFORE or after in _SPARK_AFTER
    if rule == "hive":
        return listed or before in _TOOL_BEFORE or after in _HIVE_AFTER
    if rule == "airflow":
        return listed or before in _TOOL_BEFORE or after in _AIRFLOW_AFTER
    if rule == "excel":
        if listed:
            return True
        return after not in _EXCEL_VERB_AFTER and before not in _EXCEL_VERB_BEFORE
    if rule == "dotnet":
        return start > 0 and text[start - 1] == "."
    if rule == "ai":
        return (
            listed
            or after in _AI_AFTER
            or bool(_AI_BEFORE_RE.search(text[max(0, start - 40) : start]))
        )
    if rule in ("looker", "sas"):
        return after not in ("institute", "airlines")
    return True


def _group(
    text: str, accepted: list[tuple[int, int, int]], skills: tuple[Skill, ...]
) -> list[SkillMatch]:
    by_skill: dict[int, list[tuple[int, int]]] = {}
    for start, end, index in accepted:
        by_skill.setdefault(index, []).append((start, end))
    context = requirement_of(text)
    out = []
    for index, spans in by_skill.items():
        skill = skills[index]
        required = None
        for start, _ in spans:  # required if any mention is, else preferred if any is
            state = context(start)
            if state:
                required = True
                break
            if state is False:
                required = False
        out.append(SkillMatch(skill.name, skill.category, skill.kind, required, tuple(spans)))
    return out


__all__ = ["SkillMatch", "extract_skills", "normalize", "requirement_of", "to_original"]
