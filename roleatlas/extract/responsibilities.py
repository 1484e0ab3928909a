"""Responsibility statements of job descriptions, grouped across postings and mapped to O*NET.

``extract_statements`` takes the bullets and sentences of the responsibilities section(s) found by
:func:`roleatlas.extract.sections.split_sections`. A description without such a section falls back
to duty-like sentences (starting with a duty verb, or "You will <verb>") from its unlabelled parts;
those carry ``source="fallback"`` so callers can weight them lower.

``group_responsibilities`` clusters statements across postings: each statement becomes a binary
TF-IDF vector over its first eight stemmed content words (the duty rather than its details; IDF
over postings). Statements are taken in order of how many postings use them; each joins the most
similar existing leader with cosine >= ``threshold`` (0.35), else leads a new group. This greedy
leader clustering is deterministic. A group is mapped to the O*NET task closest to the group
centroid when the cosine is >= ``onet_threshold`` (0.3; chosen by reading the matches on the real
postings: below it, matches share only generic words such as "data" or "reports").
"""

from __future__ import annotations

import csv
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from roleatlas.exceptions import SourceError
from roleatlas.extract.sections import Section, split_sections

MIN_WORDS = 4
MAX_WORDS = 40
SIMILARITY_THRESHOLD = 0.35
ONET_THRESHOLD = 0.3
CORE_WORDS = 8  # statements are compared on their first content words: the duty, not its details


def _data_words(name: str) -> frozenset[str]:
    text = resources.files("roleatlas.extract").joinpath(f"data/{name}").read_text("utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(w for line in lines for w in line.split())


def _verb_forms(bases: Iterable[str]) -> frozenset[str]:
    forms = set()
    for base in bases:
        forms.add(base)
        if re.search(r"[^aeiou]y$", base):
            forms.add(base[:-1] + "ies")
        elif re.search(r"(s|x|z|ch|sh)$", base):
            forms.add(base + "es")
        else:
            forms.add(base + "s")
        if base.endswith("ie"):
            forms.add(base[:-2] + "ying")
        elif base.endswith("e") and not base.endswith("ee"):
            forms.add(base[:-1] + "ing")
        else:
            forms.add(base + "ing")
            if re.search(r"[^aeiou][aeiou][bdglmnprt]$", base):
                forms.add(base + base[-1] + "ing")  # plan -> planning, model -> modelling
    return frozenset(forms)


_VERB_BASES = _data_words("tasks_duty_verbs.txt")
_VERBS = _verb_forms(_VERB_BASES)
_STOPWORDS = _data_words("tasks_stopwords.txt")
_FUNCTION_WORDS = frozenset(
    "a an and as at by for from in into of on or our the to with your their its".split()
)

_BULLET_CHARS = "•·▪■●◦○◆◇►▶➢➤✓✔\uf0b7\uf0a7\uf076\uf0d8\u2043"
# ``[bullets]|\s\*\s|&#13;``, written to start with one character class (a ``|`` of classes is
# tried at every character; a leading class is scanned for)
_SPLIT_BULLETS = re.compile(
    f"[{_BULLET_CHARS}\\s&](?:(?<=[{_BULLET_CHARS}])|(?<=\\s)\\*\\s|(?<=&)#13;)"
)
_LEAD = re.compile(
    rf"^(?:[\s*\-–—+>{_BULLET_CHARS}]|o\s|\d{{1,2}}[.)]\s|\(\d{{1,2}}\)\s|[a-h][.)]\s)+"
)
# Sentence ends: punctuation then space and a capital, or glued ".Develop" after a lower-case word.
_SENTENCE = re.compile(r"[.!?;](?:\s+(?=[A-Z(\"“])|(?<=[a-z%)][.!?])(?=[A-Z][a-z]))")
_GLUE = re.compile(r"[A-Z](?<=[a-z0-9%)][A-Z])[a-z]+")
_SPACED = re.compile(r"[A-Z](?<=[a-z0-9%)] [A-Z])[a-z]+")
_YOU_WILL = re.compile(
    r"^(?:you will|you['’]ll|you would|you shall|will)(?: be responsible for)?\s+(?=[a-z])", re.I
)
# Not a duty: company talk, calls to apply, requirement bullets under a duties heading, boilerplate.
_NOT_DUTY = re.compile(
    r"(?:we|our|we['’]re|if|please|there|join|this is|apply|strong|excellent|good|proven|"
    r"ability|able|experience|experienced|knowledge|familiarity|proficiency|proficient|"
    r"bachelor['’]?s?|master['’]?s?|degree|ba|bs|ms|phd|must|minimum|\d+\+? years?)\b",
    re.I,
)  # at the start: used with .match
# searched on its own, where "other " is (in one pattern with the ``^`` branch it was tried
# at every character: half the cost of clean_statement)
_OTHER_DUTIES = re.compile(
    r"(?i:other (?:\w+ ){0,2}(?:duties|tasks|responsibilities)\b.{0,30}\b(?:assigned|required|needed))"
)
_TRAILING_CHARS = " \t.;:,!–—-\"“”'"
_TOKEN = re.compile(r"[a-z][a-z0-9+#]*")


@dataclass(frozen=True, slots=True)
class Statement:
    """A cleaned responsibility statement; ``source`` is "section" or "fallback"."""

    text: str
    source: str


def _split_glued(piece: str, *, spaced: bool) -> list[str]:
    """Split bullets glued without a line break ("dataAdding", "platform Contributing")."""
    cuts = [m.start() for m in _GLUE.finditer(piece) if m.group().lower() in _VERBS]
    if spaced:
        for m in _SPACED.finditer(piece):
            if m.group().lower() in _VERBS:
                previous = piece[max(0, m.start() - 16) : m.start() - 1].rsplit(" ", 1)[-1]
                if previous not in _FUNCTION_WORDS:
                    cuts.append(m.start())
    if not cuts:
        return [piece]
    cuts = sorted(set(cuts))
    return [piece[a:b] for a, b in zip([0, *cuts], [*cuts, len(piece)], strict=True)]


def _lines(body: str) -> list[str]:
    """Body lines with hard-wrapped continuation lines joined back."""
    lines: list[str] = []
    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if lines and line[0].islower() and not lines[-1].endswith((".", "!", "?", ":", ";")):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return lines


def _items(body: str) -> list[str]:
    """Bullets and sentences of a section body, uncleaned."""
    glued = "\n" not in body.strip()
    out = []
    for line in _lines(body):
        for chunk in _SPLIT_BULLETS.split(line):
            for sentence in _SENTENCE.split(chunk):
                if sentence.count(" ") >= MIN_WORDS - 1:
                    out.extend(_split_glued(sentence, spaced=glued))
    return out


def clean_statement(item: str) -> str | None:
    """A bullet or sentence as a statement (no bullet, sentence case), or None if unusable."""
    words = item.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS + 4 or words[-1].endswith(":"):
        return None
    text = _YOU_WILL.sub("", _LEAD.sub("", " ".join(words)))
    text = text.rstrip(_TRAILING_CHARS).lstrip("\"“”'")
    while text.endswith((" and", " or")):
        text = text.rsplit(" ", 1)[0].rstrip(_TRAILING_CHARS)
    if not text or not text[0].isalpha() or _NOT_DUTY.match(text):
        return None
    if "other " in text.lower() and _OTHER_DUTIES.search(text):
        return None
    if not MIN_WORDS <= text.count(" ") + 1 <= MAX_WORDS:
        return None
    if text.isupper():
        text = text.lower()
    return text[0].upper() + text[1:]


def _is_duty(item: str) -> bool:
    text = _YOU_WILL.sub("", _LEAD.sub("", item).lstrip())
    first = text.split(" ", 1)[0].lower()
    return first in _VERBS or text.lower().startswith("responsible for")


def extract_statements(text: str, sections: Sequence[Section] | None = None) -> list[Statement]:
    """Responsibility statements in text order, from responsibilities sections or the fallback.

    Args:
        text: the job description.
        sections: ``split_sections(text)`` if already computed.

    Returns:
        Distinct statements; ``source`` tells whether a responsibilities heading was found.
    """
    if sections is None:
        sections = split_sections(text)
    out: list[Statement] = []
    seen: set[str] = set()
    for source, kinds in (("section", ("responsibilities",)), ("fallback", ("other",))):
        for section in sections:
            if section.kind not in kinds:
                continue
            for item in _items(text[section.body_start : section.end]):
                if source == "fallback" and not _is_duty(item):
                    continue
                statement = clean_statement(item)
                if statement and statement.casefold() not in seen:
                    seen.add(statement.casefold())
                    out.append(Statement(statement, source))
        if out:
            break
    return out


def extract_responsibilities(text: str) -> list[str]:
    """Responsibility statements of a job description (see :func:`extract_statements`)."""
    return [s.text for s in extract_statements(text)]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    stem = word
    for suffix, repl in (
        ("ational", "ate"),
        ("ization", "ize"),
        ("isation", "ize"),
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("ment", ""),
        ("ness", ""),
        ("es", ""),
        ("s", ""),
    ):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            if suffix == "s" and stem.endswith(("ss", "us", "is")):
                break
            stem = stem[: -len(suffix)] + repl
            if suffix in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2] != "s":
                stem = stem[:-1]  # planning -> plan, modelling -> model
            break
    stem = stem.replace("ys", "yz")  # analyse -> analyz, like analyze
    if stem.endswith("e") and len(stem) > 3:
        stem = stem[:-1]
    return stem


@lru_cache(maxsize=131072)
def statement_tokens(statement: str) -> tuple[str, ...]:
    """Distinct stemmed content words of a statement, in order."""
    seen: dict[str, None] = {}
    for word in _TOKEN.findall(statement.lower()):
        if word not in _STOPWORDS and len(word) > 1:
            seen.setdefault(_stem(word), None)
    return tuple(seen)


def normalize_statement(statement: str) -> str:
    """Grouping key of a statement: lower case, no stopwords, light stemming."""
    return " ".join(statement_tokens(statement))


@dataclass(frozen=True, slots=True)
class ResponsibilityGroup:
    """Similar statements shared by several postings.

    ``statement`` is the member closest to the group centroid (a real statement); ``share`` is
    ``n_postings / n_total``; ``similarity`` is the cosine between the centroid and the best O*NET
    task (reported even when below the threshold and ``onet_task`` is None; 0.0 without tasks).
    """

    statement: str
    share: float
    n_postings: int
    n_total: int
    posting_ids: tuple[str, ...]
    onet_task: tuple[str, str] | None
    similarity: float
    n_variants: int


def _idf(df: Mapping[str, int], n: int) -> dict[str, float]:
    return {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}


def _unit(tokens: Iterable[str], idf: Mapping[str, float]) -> dict[str, float]:
    vec = {t: idf.get(t, 1.0) for t in tokens}
    norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
    return {t: w / norm for t, w in vec.items()}


def _best(
    vec: Mapping[str, float],
    index: Mapping[str, list[tuple[int, float]]],
    *,
    min_shared: int = 1,
) -> tuple[int, float]:
    """Entry with the highest dot product with ``vec`` among those sharing ``min_shared`` words."""
    scores: dict[int, float] = {}
    shared: Counter[int] = Counter()
    for token, weight in vec.items():
        for i, w in index.get(token, ()):
            scores[i] = scores.get(i, 0.0) + weight * w
            shared[i] += 1
    eligible = [i for i in scores if shared[i] >= min_shared]
    if not eligible:
        return -1, 0.0
    best = min(eligible, key=lambda i: (-scores[i], i))
    return best, scores[best]


def _leader_clusters(
    order: Sequence[tuple[str, ...]],
    vectors: Mapping[tuple[str, ...], Mapping[str, float]],
    *,
    threshold: float,
    probe: int = 2,
) -> list[list[tuple[str, ...]]]:
    """Greedy leader clustering; candidate leaders share one of the key's ``probe`` rarest words."""
    index: dict[str, list[int]] = {}
    leaders: list[Mapping[str, float]] = []
    clusters: list[list[tuple[str, ...]]] = []
    for key in order:
        vec = vectors[key]
        rarest = sorted(vec, key=lambda t: (-vec[t], t))[:probe]
        candidates = sorted({c for t in rarest for c in index.get(t, ())})
        best, best_score = -1, 0.0
        for c in candidates:
            leader = leaders[c]
            score = sum(w * leader.get(t, 0.0) for t, w in vec.items())
            if score > best_score:
                best, best_score = c, score
        if best >= 0 and best_score >= threshold:
            clusters[best].append(key)
            continue
        clusters.append([key])
        leaders.append(vec)
        for t in vec:
            index.setdefault(t, []).append(len(leaders) - 1)
    return clusters


def group_responsibilities(
    postings: Iterable[tuple[str, Sequence[str]]],
    *,
    onet_tasks: Sequence[tuple[str, str]] = (),
    min_share: float = 0.05,
    max_groups: int = 15,
    threshold: float = SIMILARITY_THRESHOLD,
    onet_threshold: float = ONET_THRESHOLD,
    sample_size: int = 5,
) -> list[ResponsibilityGroup]:
    """Groups of similar statements used by at least ``min_share`` of the postings.

    Args:
        postings: ``(posting_id, statements)``; repeated ids are merged.
        onet_tasks: candidate O*NET tasks ``(task_id, text)``, e.g. from :func:`load_onet_tasks`.
        min_share: smallest share of postings a group must reach (and at least two postings).
        max_groups: most groups returned, largest first.
        threshold: cosine a statement needs to join a group leader.
        onet_threshold: cosine the group centroid needs to be mapped to an O*NET task.
        sample_size: how many posting ids to keep per group.

    Returns:
        Groups ordered by ``n_postings`` (descending), then statement.
    """
    key_postings: dict[tuple[str, ...], set[str]] = {}
    key_texts: dict[tuple[str, ...], Counter[str]] = {}
    posting_tokens: dict[str, set[str]] = {}
    for posting_id, statements in postings:
        tokens_seen = posting_tokens.setdefault(str(posting_id), set())
        for statement in statements:
            tokens = statement_tokens(statement)[:CORE_WORDS]
            if len(tokens) < 2:
                continue
            key = tuple(sorted(tokens))
            key_postings.setdefault(key, set()).add(str(posting_id))
            key_texts.setdefault(key, Counter())[statement] += 1
            tokens_seen.update(tokens)
    n_total = len(posting_tokens)
    if not n_total:
        return []
    df = Counter(t for tokens in posting_tokens.values() for t in tokens)
    idf = _idf(df, n_total)
    order = sorted(key_postings, key=lambda k: (-len(key_postings[k]), k))
    vectors = {k: _unit(k, idf) for k in order}
    clusters = _leader_clusters(order, vectors, threshold=threshold)
    need = max(2, math.ceil(min_share * n_total - 1e-9))
    chosen = []
    for members in clusters:
        ids = set().union(*(key_postings[k] for k in members))
        if len(ids) >= need:
            chosen.append((members, ids))
    return _describe(
        chosen,
        key_postings,
        key_texts,
        vectors,
        df,
        n_total=n_total,
        onet_tasks=onet_tasks,
        onet_threshold=onet_threshold,
        max_groups=max_groups,
        sample_size=sample_size,
    )


def _describe(
    chosen: list[tuple[list[tuple[str, ...]], set[str]]],
    key_postings: Mapping[tuple[str, ...], set[str]],
    key_texts: Mapping[tuple[str, ...], Counter[str]],
    vectors: Mapping[tuple[str, ...], Mapping[str, float]],
    df: Counter[str],
    *,
    n_total: int,
    onet_tasks: Sequence[tuple[str, str]],
    onet_threshold: float,
    max_groups: int,
    sample_size: int,
) -> list[ResponsibilityGroup]:
    task_df = Counter(t for _, text in onet_tasks for t in statement_tokens(text))
    combined = _idf(df + task_df, n_total + len(onet_tasks))
    task_index: dict[str, list[tuple[int, float]]] = {}
    task_vectors = [_unit(statement_tokens(text), combined) for _, text in onet_tasks]
    for i, vec in enumerate(task_vectors):
        for token, weight in vec.items():
            task_index.setdefault(token, []).append((i, weight))
    groups = []
    for members, ids in chosen:
        centroid: Counter[str] = Counter()
        for key in members:
            for token, weight in vectors[key].items():
                centroid[token] += weight * len(key_postings[key])

        scores = {k: sum(w * centroid[t] for t, w in vectors[k].items()) for k in members}
        central = min(members, key=lambda k: (-scores[k], -len(key_postings[k]), k))
        texts = key_texts[central]
        statement = min(texts, key=lambda s: (-texts[s], len(s), s))
        onet, similarity = None, 0.0
        if task_index:
            weights = {t: w * combined.get(t, 1.0) for t, w in centroid.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            # the task must share two words with the representative: one rare shared word
            # ("customs", "edges") otherwise wins against all-purpose tasks
            core = {t: w / norm for t, w in weights.items() if t in central}
            rest = {t: w / norm for t, w in weights.items() if t not in central}
            best, _ = _best(core, task_index, min_shared=2)
            similarity = 0.0
            if best >= 0:
                vec = {**core, **rest}
                similarity = sum(w * task_vectors[best].get(t, 0.0) for t, w in vec.items())
            if best >= 0 and similarity >= onet_threshold:
                onet = onet_tasks[best]
        groups.append(
            ResponsibilityGroup(
                statement=statement,
                share=round(len(ids) / n_total, 4),
                n_postings=len(ids),
                n_total=n_total,
                posting_ids=tuple(sorted(ids)[:sample_size]),
                onet_task=(str(onet[0]), str(onet[1])) if onet else None,
                similarity=round(similarity, 4),
                n_variants=len(members),
            )
        )
    groups.sort(key=lambda g: (-g.n_postings, g.statement))
    return groups[:max_groups]


def load_onet_tasks(
    path_or_rows: str | os.PathLike[str] | Iterable[Mapping[str, str] | Sequence[str]],
    *,
    soc_prefixes: Iterable[str] | None = None,
) -> list[tuple[str, str]]:
    """O*NET task statements as ``(task_id, text)``, first occurrence of each id.

    Args:
        path_or_rows: path of ``Task Statements.txt`` (tab-separated, no quoting), or rows: mappings
            with "Task ID" and "Task" (and optional "O*NET-SOC Code"), or ``(task_id, text)`` pairs.
        soc_prefixes: keep only tasks of occupations whose SOC code starts with one of these.
    """
    prefixes = tuple(soc_prefixes) if soc_prefixes is not None else None
    if isinstance(path_or_rows, str | os.PathLike):
        path = Path(path_or_rows)
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                missing = {"Task ID", "Task"} - set(reader.fieldnames or ())
                if missing:
                    raise SourceError(f"{path}: missing columns {sorted(missing)}")
                return load_onet_tasks(list(reader), soc_prefixes=prefixes)
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"cannot read O*NET tasks from {path}: {exc}") from exc
    tasks: dict[str, str] = {}
    for row in path_or_rows:
        if isinstance(row, Mapping):
            code = row.get("O*NET-SOC Code", "")
            task_id, text = row.get("Task ID", ""), row.get("Task", "")
        else:
            code, (task_id, text) = "", row
        if prefixes is not None and not str(code).startswith(prefixes):
            continue
        if task_id and text and task_id not in tasks:
            tasks[str(task_id)] = str(text)
    return list(tasks.items())


__all__ = [
    "MAX_WORDS",
    "MIN_WORDS",
    "ONET_THRESHOLD",
    "SIMILARITY_THRESHOLD",
    "ResponsibilityGroup",
    "Statement",
    "clean_statement",
    "extract_responsibilities",
    "extract_statements",
    "group_responsibilities",
    "load_onet_tasks",
    "normalize_statement",
    "statement_tokens",
]
