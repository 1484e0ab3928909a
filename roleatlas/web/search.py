"""Job-board search: an in-memory BM25 index over canonical postings, with filters and facets.

DuckDB's full-text extension is not available offline, and the board holds a few thousand
canonical postings, so the index is built at app start in pure Python. Everything a query needs
is precomputed there, because an uncached search runs under 32-way concurrency on two cores:

- each term's postings (doc ids and BM25 weights, idf × saturated, length-normalised tf) as two
  compact arrays, so a query sums a few of them;
- each facet value's set of doc ids, so facet filters are set intersections;
- per-facet columns of labels, so facet counts walk only the hits;
- per-doc sort keys (age, salary), so the page is a top-k (``heapq.nsmallest``) and not a sort.

Title and company count more than the description (field weights). Ranking, ties and facet
order match a plain filter-then-sort over every posting (``tests/web/test_web_search_reference.py``
holds that reference and checks them against each other).
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
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


@lru_cache(maxsize=4096)
def query_terms(query: str) -> tuple[str, ...]:
    """The distinct terms of a query, in order (cached: the same words recur across pages)."""
    return tuple(dict.fromkeys(tokenize(query)))


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
        self._build_postings(tfs)
        self._build_columns()

    def _build_postings(self, tfs: list[Counter[str]]) -> None:
        n = len(tfs)
        lengths = [sum(tf.values()) for tf in tfs]
        avg = (sum(lengths) / n) if n else 1.0
        df: Counter[str] = Counter()
        for tf in tfs:
            df.update(tf.keys())
        idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        ids: dict[str, array[int]] = defaultdict(lambda: array("I"))
        weights: dict[str, array[float]] = defaultdict(lambda: array("d"))
        for i, tf in enumerate(tfs):
            norm = K1 * (1 - B + B * lengths[i] / avg)
            for term, f in tf.items():
                ids[term].append(i)
                weights[term].append(idf[term] * f * (K1 + 1) / (f + norm))
        #: term -> (doc ids ascending, BM25 weights)
        self.postings: dict[str, tuple[array[int], array[float]]] = {
            t: (ids[t], weights[t]) for t in ids
        }

    def _build_columns(self) -> None:
        docs = self.docs
        #: facet -> per-doc label (None when the posting has no value: not counted)
        self._labels = {
            name: [str(d[name]) if d.get(name) else None for d in docs] for name in FACETS
        }
        members: dict[str, dict[str, set[int]]] = {name: defaultdict(set) for name in FACETS}
        for i, d in enumerate(docs):
            for name in FACETS:
                members[name][str(d.get(name))].add(i)  # a filter compares str(value)
        self._members = {n: {v: frozenset(s) for v, s in m.items()} for n, m in members.items()}
        self._age = [_age(d) for d in docs]
        self._salary_key = [
            (-(d.get("annual_mid_usd") or -1), a) for d, a in zip(docs, self._age, strict=True)
        ]
        self._top_usd = [d.get("annual_max_usd") or d.get("annual_mid_usd") or 0 for d in docs]
        self._posted = [
            d.get("posted_on") if isinstance(d.get("posted_on"), date) else None for d in docs
        ]
        self._all_facets = self._facet_counts(range(len(docs)))

    def __len__(self) -> int:
        return len(self.docs)

    def options(self) -> dict[str, list[str]]:
        """Every value of every facet, most common first."""
        return {name: [v for v, _ in counts] for name, counts in self._all_facets.items()}

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
        terms = query_terms(query)
        scores = self._scores(terms)
        allowed = self._allowed(filters)
        # hits keep the candidate order (postings order when there is a query, doc order
        # otherwise): facet ties and sort ties follow it
        hits: list[int]
        if terms:
            hits = list(scores if allowed is None else filter(allowed.__contains__, scores))
        else:
            hits = list(range(len(self.docs)) if allowed is None else sorted(allowed))
        hits = self._in_ranges(hits, filters)
        if terms or allowed is not None or len(hits) != len(self.docs):
            facets = self._facet_counts(hits)
        else:
            facets = {name: list(counts) for name, counts in self._all_facets.items()}
        start = (page - 1) * page_size
        top = heapq.nsmallest(start + page_size, hits, key=self._sort_key(sort, terms, scores))
        items = []
        for i in top[start:]:
            item = {k: v for k, v in self.docs[i].items() if k != "snippet_source"}
            item["score"] = round(scores.get(i, 0.0), 3) if terms else None
            item["snippet"] = snippet(self.docs[i]["snippet_source"], terms)
            items.append(item)
        return SearchResult(total=len(hits), items=items, facets=facets)

    def _scores(self, terms: Sequence[str]) -> dict[int, float]:
        """BM25 per matching doc, summed term by term (the order fixes the float sums)."""
        scores: dict[int, float] = {}
        for term in terms:
            ids, weights = self.postings.get(term, ((), ()))
            if not scores:
                scores = dict(zip(ids, weights, strict=True))
                continue
            get = scores.get
            for i, w in zip(ids, weights, strict=True):
                scores[i] = get(i, 0.0) + w
        return scores

    def _allowed(self, filters: Mapping[str, Any]) -> frozenset[int] | None:
        """Doc ids matching every facet filter; None when no facet is filtered."""
        sets = [
            self._members[name].get(str(filters[name]), frozenset())
            for name in FACETS
            if filters.get(name)
        ]
        if not sets:
            return None
        sets.sort(key=len)
        return sets[0].intersection(*sets[1:])

    def _in_ranges(self, hits: list[int], filters: Mapping[str, Any]) -> list[int]:
        if filters.get("salary_min"):
            floor, top = float(filters["salary_min"]), self._top_usd
            hits = [i for i in hits if top[i] >= floor]
        if filters.get("posted_since"):
            since, posted = filters["posted_since"], self._posted
            hits = [i for i in hits if posted[i] is not None and posted[i] >= since]
        return hits

    def _facet_counts(self, hits: Iterable[int]) -> dict[str, list[tuple[str, int]]]:
        hits = hits if isinstance(hits, list | range) else list(hits)
        facets = {}
        for name, labels in self._labels.items():
            counts = Counter(map(labels.__getitem__, hits))
            counts.pop(None, None)  # deleting keeps the others' first-seen order for ties
            facets[name] = counts.most_common()
        return facets

    def _sort_key(self, sort: str, terms: Sequence[str], scores: Mapping[int, float]) -> Any:
        age = self._age
        if sort == "salary":
            return self._salary_key.__getitem__
        if not terms:
            return age.__getitem__
        if sort == "date":
            return lambda i: (age[i], -scores[i])
        return lambda i: (-scores[i], age[i])


def _age(doc: Mapping[str, Any]) -> int:
    posted = doc.get("posted_on")
    return -posted.toordinal() if isinstance(posted, date) else 0


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
        html = _marker(tuple(terms)).sub(lambda m: f"<mark>{m.group(0)}</mark>", html)
    return Markup(prefix + html + suffix)


@lru_cache(maxsize=1024)
def _marker(terms: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(escape(t)) for t in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"(?<![\w&#])(?:{alternation})(?!\w)", re.I)
