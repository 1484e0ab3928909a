"""The optimized job index ranks, counts and pages exactly like a plain filter-then-sort."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pytest

from roleatlas.web.search import FACETS, FIELD_WEIGHTS, K1, B, JobIndex, snippet, tokenize

QUERIES = [
    "", "python", "sql", "python sql", "spark", "tableau", "machine learning", "aws", "excel",
    "power bi", "data engineer", "statistics r", "deep learning pytorch", "etl airflow",
    "c++ c#", "node.js", "senior analyst", "the and of", "kubernetes docker", "nlp llm",
    "snowflake dbt", "a/b testing", "looker", "product analytics", "zzzz-no-such-word",
]  # fmt: skip


class ReferenceIndex:
    """The straightforward search: score every term, test every posting, sort every hit."""

    def __init__(self, postings: Iterable[Mapping[str, Any]]) -> None:
        self.docs = [dict(p) for p in postings]
        tfs = []
        for p in self.docs:
            tf: Counter[str] = Counter()
            for name, weight in FIELD_WEIGHTS.items():
                for token in tokenize(p.get(name)):
                    tf[token] += weight
            tfs.append(tf)
        n = len(tfs)
        lengths = [sum(tf.values()) for tf in tfs]
        avg = sum(lengths) / n
        df: Counter[str] = Counter()
        for tf in tfs:
            df.update(tf.keys())
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, tf in enumerate(tfs):
            norm = K1 * (1 - B + B * lengths[i] / avg)
            for term, f in tf.items():
                idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
                self.postings[term].append((i, idf * f * (K1 + 1) / (f + norm)))

    def search(self, query: str, *, filters: Mapping[str, Any], sort: str, page: int) -> Any:
        terms = tokenize(query)
        scores: dict[int, float] = defaultdict(float)
        for term in dict.fromkeys(terms):
            for i, w in self.postings.get(term, ()):
                scores[i] += w
        candidates = list(scores) if terms else range(len(self.docs))
        hits = [i for i in candidates if self._passes(self.docs[i], filters)]
        facets = {
            name: Counter(str(self.docs[i][name]) for i in hits if self.docs[i].get(name)).most_common()
            for name in FACETS
        }  # fmt: skip
        age = [_age(d) for d in self.docs]
        if sort == "salary":
            hits.sort(key=lambda i: (-(self.docs[i].get("annual_mid_usd") or -1), age[i]))
        elif sort == "date" or not terms:
            hits.sort(key=lambda i: (age[i], -scores.get(i, 0)))
        else:
            hits.sort(key=lambda i: (-scores[i], age[i]))
        page_ids = hits[(page - 1) * 20 : page * 20]
        items = [
            (self.docs[i]["id"], round(scores.get(i, 0.0), 3) if terms else None,
             str(snippet((self.docs[i].get("description") or "")[:2000], terms)))
            for i in page_ids
        ]  # fmt: skip
        return len(hits), items, facets

    @staticmethod
    def _passes(d: Mapping[str, Any], filters: Mapping[str, Any]) -> bool:
        for name in FACETS:
            if filters.get(name) and str(d.get(name)) != str(filters[name]):
                return False
        if filters.get("salary_min"):
            top = d.get("annual_max_usd") or d.get("annual_mid_usd") or 0
            if top < float(filters["salary_min"]):
                return False
        since = filters.get("posted_since")
        posted = d.get("posted_on")
        return not since or (isinstance(posted, date) and posted >= since)


def _age(doc: Mapping[str, Any]) -> int:
    posted = doc.get("posted_on")
    return -posted.toordinal() if isinstance(posted, date) else 0


@pytest.fixture(scope="module")
def indexes(app) -> tuple[JobIndex, ReferenceIndex]:  # type: ignore[no-untyped-def]
    postings = app.state.site.source.postings()
    return JobIndex(postings), ReferenceIndex(postings)


def filter_sets(index: JobIndex) -> list[dict[str, Any]]:
    """No filter, each facet alone, and the board's usual pairs (role + country, role + remote)."""
    opts = index.options()
    role = opts["role"][0]
    country = opts["country"][0]
    sets: list[dict[str, Any]] = [{}, {"role": role, "country": country},
                                  {"role": role, "remote": "remote"}, {"role": "None"}]  # fmt: skip
    sets += [{name: values[-1]} for name, values in opts.items() if values]
    sets += [
        {"role": opts["role"][1 % len(opts["role"])], "salary_min": 100_000},
        {"posted_since": date(2024, 6, 1), "seniority": opts["seniority"][0]},
    ]
    return sets


@pytest.mark.parametrize("sort", ["relevance", "date", "salary"])
def test_optimized_search_matches_reference(
    indexes: tuple[JobIndex, ReferenceIndex], sort: str
) -> None:
    fast, reference = indexes
    checked = 0
    for filters in filter_sets(fast):
        for query in QUERIES:
            for page in (1, 2):
                total, items, facets = reference.search(
                    query, filters=filters, sort=sort, page=page
                )
                got = fast.search(query, filters=filters, sort=sort, page=page, page_size=20)
                where = f"q={query!r} filters={filters} sort={sort} page={page}"
                assert got.total == total, where
                assert [(i["id"], i["score"], str(i["snippet"])) for i in got.items] == items, where
                assert got.facets == facets, where
                checked += total > 0
    assert checked > 50  # the real store answers most of these


def test_options_are_the_unfiltered_facets(indexes: tuple[JobIndex, ReferenceIndex]) -> None:
    fast, reference = indexes
    _, _, facets = reference.search("", filters={}, sort="relevance", page=1)
    assert fast.options() == {name: [v for v, _ in counts] for name, counts in facets.items()}


def test_page_past_the_end_is_empty(indexes: tuple[JobIndex, ReferenceIndex]) -> None:
    fast, _ = indexes
    result = fast.search("python", page=10_000)
    assert result.items == [] and result.total > 0


def test_empty_index_searches() -> None:
    index = JobIndex([])
    assert index.search("python").total == 0 and index.options()["role"] == []
