"""Benchmark normalize_postings on every real posting; prints postings/s and MB/s of CPU time.

Run: .venv/bin/python benchmarks/bench_normalize.py  (reads the data dir via ROLEATLAS_DATA_DIR)

Postings are read through the Glassdoor, LinkedIn and Indeed adapters. "Distinct" postings differ
in a field the normalizer reads; every run starts with empty LRU caches (the one-time loads of
GeoNames, pycountry and the ECB rates stay warm). CPU seconds (``time.process_time``), best of 3,
because the machine is shared.
"""

from __future__ import annotations

import functools
import gc
import sys
import time
from typing import Any

from roleatlas import config
from roleatlas.normalize.batch import normalize_postings
from roleatlas.sources import Row, get_source

SOURCES = ("glassdoor", "linkedin", "indeed")
FIELDS = (
    "title",
    "description",
    "location",
    "remote_text",
    "country_hint",
    "currency_hint",
    "salary_text",
    "employment_type",
    "industry",
    "sector",
    "posted_date",
    "scraped_at",
)
ROUNDS = 3


def load_postings() -> list[dict[str, Any]]:
    """``Row.values`` of every real posting, each with an ``id``."""
    rows: list[dict[str, Any]] = []
    for name in SOURCES:
        source = get_source(name)
        for path in source.find(config.data_dir()):
            for item in source.read(path):
                if isinstance(item, Row):
                    values = dict(item.values)
                    values.setdefault("id", f"{name}:{path.name}:{len(rows)}")
                    rows.append(values)
    return rows


def clear_caches() -> None:
    """Empty every bounded LRU cache of the package (``maxsize=1`` loaders stay)."""
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith("roleatlas"):
            continue
        for obj in list(vars(module).values()):
            if isinstance(obj, functools._lru_cache_wrapper):
                size = obj.cache_parameters()["maxsize"]
                if size is not None and size > 1:
                    obj.cache_clear()


def cpu_seconds(rows: list[dict[str, Any]]) -> float:
    """Best of ``ROUNDS`` CPU times of ``normalize_postings(rows)`` from empty caches."""
    best = float("inf")
    for _ in range(ROUNDS):
        clear_caches()
        gc.collect()
        start = time.process_time()
        normalize_postings(rows)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    rows = load_postings()
    distinct = list({tuple(str(r.get(k)) for k in FIELDS): r for r in reversed(rows)}.values())
    mb = sum(len((r.get("description") or "").encode()) for r in distinct) / 1e6
    print(
        f"python {sys.version.split()[0]}; {len(rows):,} postings, {len(distinct):,} distinct, "
        f"{mb:.1f} MB of distinct descriptions"
    )
    normalize_postings(rows[:20])  # one-time loads (GeoNames, pycountry, ECB rates)

    secs = cpu_seconds(distinct)
    print(
        f"distinct postings, cold caches: {len(distinct) / secs:,.0f} postings/s, "
        f"{secs / len(distinct) * 1e3:.3f} ms CPU each, {mb / secs:.2f} MB/s ({secs:.2f} s)"
    )
    secs = cpu_seconds(rows)
    print(f"all postings, cold caches: {len(rows) / secs:,.0f} postings/s ({secs:.2f} s)")


if __name__ == "__main__":
    main()
