"""Responsibilities of a role: duty statements sorted into themes, counted by posting and employer.

A posting's responsibility statements (``posting_responsibilities``) are

1. kept only when they are duties: the statement, read as a sentence of its own, is accepted by
   :func:`roleatlas.extract.responsibilities.extract_statements` (it starts with a duty verb, or
   "You will …"/"Responsible for …") once a leading adverb and a comma after the first verb are
   dropped, and it is not company talk (no "we");
2. matched to curated themes (``data/responsibility_themes.yaml``): a verb and an object of the
   theme occur in the statement;
3. counted per theme by distinct canonical postings **and distinct employers**: one employer's
   reposts are one employer's boilerplate, so a theme needs ``MIN_COMPANIES`` employers and
   ``MIN_THEME_SHARE`` of the postings to be shown.

The denominator of a theme's share is the postings whose duties could be read (at least one
responsibility statement). Each theme cites the O*NET tasks of the role's occupations that fit the
same theme, example statements from different employers, and example posting ids.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from roleatlas.analyze.stats import share
from roleatlas.extract.responsibilities import (
    extract_statements,
    normalize_statement,
    statement_tokens,
)

MIN_COMPANIES = 3
MIN_THEME_SHARE = 0.05
MIN_GROUP_COMPANIES = 3
EXAMPLES = 3
VERB_WORDS = 8  # a duty's verb comes first ("Work with product teams to build dashboards")
METHOD = (
    "duty statements (starting with a duty verb; company descriptions and 'we' sentences "
    "dropped) matched to curated themes by verb and object words; share = postings with a "
    "matching statement / postings whose duties could be read (Wilson 95% interval); a theme "
    f"needs at least {MIN_COMPANIES} distinct employers and {MIN_THEME_SHARE:.0%} of postings"
)

_ADVERB = re.compile(r"^(?:[A-Za-z]+ly|also|then|to)\s+", re.I)
_FIRST_COMMA = re.compile(r"^([A-Za-z-]+),\s*")
_WE = re.compile(r"\b(?:we|we['’](?:re|ll|ve)|us)\b", re.I)
_COMPANY_SUFFIX = re.compile(
    r"\b(?:inc|llc|ltd|limited|corp|corporation|co|company|plc|gmbh|pty|lp|llp)\b\.?", re.I
)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
#: text that is never a duty of the job: equal-opportunity, benefits and about-the-company talk
BOILERPLATE = re.compile(
    r"equal (?:employment )?opportunit|affirmative action|without regard to|regardless of (?:race|"
    r"gender|age|sex|religion)|race,? colou?r|sexual orientation|gender identity|protected "
    r"(?:veteran|characteristic|class)|veteran status|disability status|reasonable accommodation|"
    r"background check|drug[- ]free|e-verify|benefits? (?:package|include|such as)|401\(?k\)?|"
    r"paid time off|\bpto\b|health,? dental|dental,? (?:and )?vision|medical,? dental|"
    r"parental leave|stock options|competitive (?:salary|compensation|pay)|our (?:mission|"
    r"values|culture|company|client is)|founded in|headquartered in|is an? (?:leading|global) ",
    re.I,
)
#: two words run together by a lost line break ("APPLICATION DEVELOPMENTSupports"): never shown
GLUED = re.compile(r"[A-Z]{4,}[a-z]|[a-z]{3,}[A-Z]{2,}[a-z]")
#: an example states its theme: the theme's verb starts it and one of the theme's objects
#: follows within this many words
OBJECT_WINDOW = 6
#: a theme is paired with an O*NET task only when the task's similarity to the theme's duty
#: statements (``_theme_task``) is at least this; otherwise no task is shown
MIN_TASK_SIMILARITY = 0.07
#: a word is typical of a theme when this many times as frequent in its statements
TYPICAL_LIFT = 1.5


@dataclass(frozen=True)
class Theme:
    """A responsibility theme: a verb early in the statement, then an object; no ``not`` phrase."""

    id: str
    label: str
    verbs: re.Pattern[str]
    objects: re.Pattern[str]
    exclude: re.Pattern[str] | None

    def matches(self, text: str, head: int | None = None) -> bool:
        """``text``: a lower-cased statement padded with a space; ``head``: end of its verb zone."""
        verb = self.verbs.search(text, 0, len(text) if head is None else head)
        if verb is None or self.objects.search(text, verb.end()) is None:
            return False
        return self.exclude is None or self.exclude.search(text) is None


def _padded(statement: str) -> tuple[str, int]:
    """The statement as matched by themes, and where its first ``VERB_WORDS`` words end."""
    text = f" {statement.lower()} "
    head = 0
    for _ in range(VERB_WORDS + 1):
        at = text.find(" ", head + 1)
        if at < 0:
            break
        head = at
    return text, max(head, 1)


def _alternation(terms: Iterable[str], *, verbs: bool = False) -> re.Pattern[str]:
    words = sorted({str(t).lower() for t in terms}, key=lambda t: (-len(t), t))
    # a verb stem must not end a noun: "lead" not "leaders", "develop" not "developers"
    guard = r"(?![a-z]*(?:er|ers|ership|ment|ments)(?![a-z]))" if verbs else ""
    return re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(w) for w in words) + ")" + guard)


@lru_cache(maxsize=1)
def load_themes() -> tuple[Theme, ...]:
    """The curated themes, in display order."""
    text = (
        resources.files("roleatlas.analyze")
        .joinpath("data/responsibility_themes.yaml")
        .read_text("utf-8")
    )
    return tuple(
        Theme(
            id=t["id"],
            label=t["label"],
            verbs=_alternation(t["verbs"], verbs=True),
            objects=_alternation(t["objects"]),
            exclude=_alternation(t["not"]) if t.get("not") else None,
        )
        for t in yaml.safe_load(text)["themes"]
    )


@lru_cache(maxsize=65536)
def is_duty(statement: str) -> bool:
    """Whether a statement reads as a duty of the job rather than talk about the company."""
    if _WE.search(statement) or BOILERPLATE.search(statement) or GLUED.search(statement):
        return False
    text = _ADVERB.sub("", statement.strip())
    text = _FIRST_COMMA.sub(r"\1 ", text)
    return bool(text) and bool(extract_statements(text))


def states_theme(theme: Theme, statement: str) -> bool:
    """Whether a statement says its theme: it starts with the theme's verb and names one of the
    theme's objects within ``OBJECT_WINDOW`` words after it (the examples shown for a theme)."""
    text, _ = _padded(statement)
    verb = theme.verbs.search(text)
    if verb is None or verb.start() > 1:
        return False
    end, at = verb.end(), verb.end()
    for _ in range(OBJECT_WINDOW + 1):
        nxt = text.find(" ", at + 1)
        if nxt < 0:
            end = len(text)
            break
        at = end = nxt
    found = theme.objects.search(text, verb.end())
    return found is not None and found.start() <= end


def themes_of(statement: str, themes: Sequence[Theme] | None = None) -> list[str]:
    """Ids of the themes a statement belongs to (empty when it is no duty)."""
    if themes is None:
        return list(_default_themes_of(statement))
    text, head = _padded(statement)
    ids = [t.id for t in themes if t.matches(text, head)]
    return ids if ids and is_duty(statement) else []


@lru_cache(maxsize=131072)
def _default_themes_of(statement: str) -> tuple[str, ...]:
    return tuple(themes_of(statement, load_themes()))


def company_key(name: str | None) -> str | None:
    """An employer name folded so that reposts under "Acme, Inc." and "ACME" count once."""
    if not name:
        return None
    key = _NOT_ALNUM.sub("", _COMPANY_SUFFIX.sub(" ", name.casefold()))
    return key or None


def role_responsibilities(
    rows: Sequence[Mapping[str, Any]],
    *,
    tasks: Sequence[Mapping[str, Any]] = (),
    recency: Mapping[str, str] | None = None,
    min_companies: int = MIN_COMPANIES,
    min_share: float = MIN_THEME_SHARE,
) -> dict[str, Any]:
    """Theme shares of one role's postings.

    Args:
        rows: ``{"posting_id", "statement", "company"}`` of the role's canonical postings.
        tasks: the role's O*NET tasks ``{"code", "task_id", "task", "task_type"}``, best first.
        recency: ``posting_id -> posted_on`` to pick recent example postings first.
        min_companies: distinct employers a theme (or a recurring statement) needs.
        min_share: share of read postings a theme needs.

    Returns:
        ``{"n_read", "items", "statement_groups", "coverage"}``; items are share items.
    """
    themes = load_themes()
    label = {t.id: t.label for t in themes}
    by_id = {t.id: t for t in themes}
    read: set[str] = set()
    company_of: dict[str, str] = {}
    theme_postings: dict[str, set[str]] = defaultdict(set)
    theme_statements: dict[str, list[tuple[str, str]]] = defaultdict(list)
    group_postings: dict[str, set[str]] = defaultdict(set)
    group_texts: dict[str, Counter[str]] = defaultdict(Counter)
    all_df: Counter[str] = Counter()
    theme_df: dict[str, Counter[str]] = defaultdict(Counter)
    matched = 0
    for r in rows:
        pid, statement = str(r["posting_id"]), r["statement"]
        read.add(pid)
        company_of[pid] = company_key(r.get("company")) or f"posting:{pid}"
        ids = themes_of(statement)
        matched += bool(ids)
        tokens = set(statement_tokens(statement))
        all_df.update(tokens)
        for tid in ids:
            theme_postings[tid].add(pid)
            theme_statements[tid].append((pid, statement))
            theme_df[tid].update(tokens)
        key = normalize_statement(statement)
        if key:
            group_postings[key].add(pid)
            group_texts[key][statement] += 1
    n = len(read)
    order = {t.id: i for i, t in enumerate(themes)}
    recency = recency or {}

    def recent_first(ids: Iterable[str]) -> list[str]:
        return sorted(ids, key=lambda p: (recency.get(p) or "", p), reverse=True)

    items = []
    for tid, ids in theme_postings.items():
        companies = {company_of[p] for p in ids}
        if len(companies) < min_companies or len(ids) < max(2, min_share * n):
            continue
        items.append(
            share(len(ids), n, statement=label[tid])
            | {
                "theme": tid,
                "label": label[tid],
                "group": tid,
                "companies": len(companies),
                "onet_task": _theme_task(
                    tid, tasks, theme_df[tid], len(theme_statements[tid]), all_df, len(rows)
                ),
                "examples": _examples(by_id[tid], theme_statements[tid], company_of),
                "example_posting_ids": recent_first(ids)[:5],
                "kind": "theme",
            }
        )
    items.sort(key=lambda it: (-it["count"], order[it["theme"]]))
    groups = []
    for key, ids in group_postings.items():
        companies = {company_of[p] for p in ids}
        if len(companies) < MIN_GROUP_COMPANIES:
            continue
        texts = group_texts[key]
        statement = min(texts, key=lambda s: (-texts[s], len(s), s))
        if not is_duty(statement):
            continue
        groups.append(
            share(len(ids), n, statement=statement)
            | {"companies": len(companies), "example_posting_ids": recent_first(ids)[:5]}
        )
    groups.sort(key=lambda g: (-g["companies"], -g["count"], g["statement"]))
    return {
        "n_read": n,
        "items": items,
        "statement_groups": groups[:10],
        "coverage": {
            "statements": len(rows),
            "matched_statements": matched,
            "postings_read": n,
        },
    }


def _examples(
    theme: Theme,
    statements: Sequence[tuple[str, str]],
    company_of: Mapping[str, str],
) -> list[dict[str, str]]:
    """Up to ``EXAMPLES`` statements of a theme, each from a different employer.

    Only statements that state the theme (``states_theme``: its verb first, its object close
    after) are examples; run-ons last; then the wording more postings share, then the more
    specific.
    """
    counts = Counter(normalize_statement(s) for _, s in statements)
    statements = [ps for ps in statements if states_theme(theme, ps[1])]

    def rank(ps: tuple[str, str]) -> tuple[Any, ...]:
        text, _ = _padded(ps[1])
        verb = theme.verbs.search(text)
        lead = verb is not None and verb.start() <= 1
        return (
            not lead,
            len(ps[1]) > 160,
            -counts[normalize_statement(ps[1])],
            len(_default_themes_of(ps[1])),
            ps[1],
        )

    out, seen_companies, seen_texts = [], set(), set()
    for pid, statement in sorted(statements, key=rank):
        key = normalize_statement(statement)
        if company_of[pid] in seen_companies or key in seen_texts:
            continue
        seen_companies.add(company_of[pid])
        seen_texts.add(key)
        out.append({"statement": statement, "posting_id": pid})
        if len(out) == EXAMPLES:
            break
    return out


def _theme_task(
    theme_id: str,
    tasks: Sequence[Mapping[str, Any]],
    theme_df: Counter[str],
    theme_n: int,
    all_df: Counter[str],
    all_n: int,
) -> dict[str, str] | None:
    """The O*NET task of the role that fits the theme and shares its statements' words best.

    A task qualifies when the theme's verb–object rule accepts its text. Its similarity to the
    theme is the mean, over the task's content words, of P(word | theme statements), counting
    only words typical of the theme (at least ``TYPICAL_LIFT`` times as frequent in the theme's
    statements as in all the role's statements; others count 0). The most similar task is paired
    only when its similarity is at least ``MIN_TASK_SIMILARITY``; ``tasks`` are those of the
    role's own mapped occupations.
    """
    theme = next(t for t in load_themes() if t.id == theme_id)
    best, best_score = None, 0.0
    for t in tasks:
        if not theme.matches(*_padded(t["task"])):
            continue
        tokens = set(statement_tokens(t["task"]))
        score = 0.0
        for tok in tokens:
            p_theme = theme_df[tok] / theme_n if theme_n else 0.0
            p_all = all_df[tok] / all_n if all_n else 0.0
            if p_theme > 0 and p_all > 0 and p_theme >= TYPICAL_LIFT * p_all:
                score += p_theme
        score = score / len(tokens) if tokens else 0.0
        if score > best_score:
            best, best_score = t, score
    if best is None or best_score < MIN_TASK_SIMILARITY:
        return None
    return {
        "code": best["code"],
        "task_id": best["task_id"],
        "task": best["task"],
        "similarity": round(best_score, 4),
    }


__all__ = [
    "METHOD",
    "MIN_COMPANIES",
    "MIN_THEME_SHARE",
    "Theme",
    "company_key",
    "is_duty",
    "load_themes",
    "role_responsibilities",
    "states_theme",
    "themes_of",
]
