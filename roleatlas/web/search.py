"""Job-board search: an in-memory BM25 index over canonical postings, with filters and facets.

DuckDB's full-text extension is not available offline, and the board holds a few thousand
canonical postings, so the index is built at app start in pure Python. Each term keeps its
postings' BM25 weights precomputed (idf × saturated, length-normalised tf), so a query is a sum
of dictionary lookups. Title and company count more than the description (field weights).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any

from markupsafe import Markup

K1, B = 1.2, 0.75
FIELD_WEIGHTS = {"title": 3, "company": 2, "description": 1}
FACETS = ("role", "seniority", "country", "remote", "employment_type", "source")
SORTS = ("relevance", "date", "salary")
_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*(?:\.[a-z0-9]+)?")
_STOP = frozenset(
    "a an and are as at be by for from has have in is it its of on or our that the this to we"
    " will with you your".split()
)


def tokenize(text: str | None) -> list[str]:
    """Lower-case word tokens, keeping ``c++``, ``c#`` and ``node.js``; stop words dropped."""
    if not text:
        return []
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP]


@dataclass(slots=True)
class SearchResult:
    """One page of hits, the total, and the facet counts over every hit."""

    total: int
    items: list[dict[str, Any]]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


class JobIndex:
    """BM25 over title, company and description of canonical postings."""

    def __init__(self, postings: Iterable[Mapping[str, Any]]) -> None:
        self.docs: list[dict[str, Any]] = []
        self.by_id: dict[str, int] = {}
        tfs: list[Counter[str]] = []
        for p in postings:
            doc = {k: v for k, v in p.items() if k != "description"}
            doc["snippet_source"] = (p.get("description") or "")[:2000]
            tf: Counter[str] = Counter()
            for name, weight in FIELD_WEIGHTS.items():
                for token in tokenize(p.get(name)):
                    tf[token] += weight
            self.by_id[doc["id"]] = len(self.docs)
            self.docs.append(doc)
            tfs.append(tf)
        n = len(self.docs)
        lengths = [sum(tf.values()) for tf in tfs]
        avg = (sum(lengths) / n) if n else 1.0
        df: Counter[str] = Counter()
        for tf in tfs:
            df.update(tf.keys())
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, tf in enumerate(tfs):
            norm = K1 * (1 - B + B * lengths[i] / avg)
            for term, f in tf.items():
                idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
                self.postings[term].append((i, idf * f * (K1 + 1) / (f + norm)))
        self.postings = dict(self.postings)

    def __len__(self) -> int:
        return len(self.docs)

    def options(self) -> dict[str, list[str]]:
        """Every value of every facet, most common first."""
        return {
            name: [
                v for v, _ in Counter(str(d[name]) for d in self.docs if d.get(name)).most_common()
            ]
            for name in FACETS
        }

    def search(
        self,
        query: str = "",
        *,
        filters: Mapping[str, Any] | None = None,
        sort: str = "relevance",
        page: int = 1,
        page_size: int = 20,
    ) -> SearchResult:
        """Hits for ``query`` (all postings when empty) matching every filter.

        Args:
            query: free text; a posting matches when it contains any term, ranked by BM25.
            filters: facet values (``role``, ``seniority``, ``country``, ``remote``,
                ``employment_type``, ``source``), ``salary_min`` (annual USD, the posting's top
                of band at least this) and ``posted_since`` (a date).
            sort: ``relevance`` (BM25, then newest), ``date`` or ``salary``.
            page: 1-based page number.
            page_size: hits per page.
        """
        filters = filters or {}
        terms = tokenize(query)
        if terms:
            scores: dict[int, float] = defaultdict(float)
            for term in dict.fromkeys(terms):
                for i, w in self.postings.get(term, ()):
                    scores[i] += w
            candidates: Iterable[int] = scores
        else:
            scores, candidates = {}, range(len(self.docs))
        tests = _tests(filters)
        hits = [i for i in candidates if all(t(self.docs[i]) for t in tests)]
        facets = {
            name: Counter(
                str(self.docs[i][name]) for i in hits if self.docs[i].get(name)
            ).most_common()
            for name in FACETS
        }
        if sort == "salary":
            hits.sort(
                key=lambda i: (-(self.docs[i].get("annual_mid_usd") or -1), _age(self.docs[i]))
            )
        elif sort == "date" or not terms:
            hits.sort(key=lambda i: (_age(self.docs[i]), -scores.get(i, 0)))
        else:
            hits.sort(key=lambda i: (-scores[i], _age(self.docs[i])))
        start = (page - 1) * page_size
        items = []
        for i in hits[start : start + page_size]:
            item = {k: v for k, v in self.docs[i].items() if k != "snippet_source"}
            item["score"] = round(scores.get(i, 0.0), 3) if terms else None
            item["snippet"] = snippet(self.docs[i]["snippet_source"], terms)
            items.append(item)
        return SearchResult(total=len(hits), items=items, facets=facets)


def _age(doc: Mapping[str, Any]) -> int:
    posted = doc.get("posted_on")
    return -posted.toordinal() if isinstance(posted, date) else 0


def _tests(filters: Mapping[str, Any]) -> list[Any]:
    tests = []
    for name in FACETS:
        value = filters.get(name)
        if value:
            tests.append(lambda d, n=name, v=str(value): str(d.get(n)) == v)
    if filters.get("salary_min"):
        floor = float(filters["salary_min"])
        tests.append(lambda d: (d.get("annual_max_usd") or d.get("annual_mid_usd") or 0) >= floor)
    if filters.get("posted_since"):
        since = filters["posted_since"]
        tests.append(lambda d: isinstance(d.get("posted_on"), date) and d["posted_on"] >= since)
    return tests


def snippet(text: str, terms: Sequence[str], *, width: int = 220) -> Markup:
    """An escaped excerpt around the first query term, with the terms in ``<mark>``."""
    if not text:
        return Markup("")
    lower = text.lower()
    positions = [p for p in (lower.find(t) for t in terms) if p >= 0]
    start = max(0, min(positions) - 60) if positions else 0
    excerpt = text[start : start + width].replace("\n", " ")
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    html = escape(excerpt)
    if terms:
        alternation = "|".join(
            re.escape(escape(t)) for t in sorted(set(terms), key=len, reverse=True)
        )
        html = re.sub(
            rf"(?<![\w&#])(?:{alternation})(?!\w)",
            lambda m: f"<mark>{m.group(0)}</mark>",
            html,
            flags=re.I,
        )
    return Markup(prefix + html + suffix)
