"""Benchmark: posting extraction, and normalize + extract, over every real posting.

Run from the repository root::

    .venv/bin/python benchmarks/bench_extract.py [--min-postings 20000] [--repeats 3]

Reads the glassdoor, linkedin and indeed files through their source adapters and prints, on one
core, postings per CPU-second (``time.process_time``: steadier than the wall clock on a shared
machine; best of ``--repeats``) and MB/s (UTF-8 description bytes) for:

- ``extract_batch`` over the distinct descriptions (each read once: the per-posting cost);
- ``extract_batch`` over every row, repeated to ``--min-postings`` (as a build sees them: the
  real files repeat half their descriptions, and a batch reads a repeated posting once);
- ``normalize_postings`` + ``extract_postings`` over every row (one batch per pass).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

from roleatlas.config import data_dir
from roleatlas.extract.batch import extract_postings
from roleatlas.extract.posting import extract_batch
from roleatlas.normalize.batch import normalize_postings
from roleatlas.sources import Row, get_source

#: the columns ``normalize_postings`` reads
_COLUMNS = (
    "title", "description", "location", "salary_text", "country_hint", "currency_hint",
    "posted_date", "scraped_at", "employment_type", "industry", "sector", "remote_text",
    "canonical_id", "source",
)  # fmt: skip


def read_rows() -> list[dict[str, Any]]:
    """Every posting row of the glassdoor, linkedin and indeed files, with a made-up id."""
    rows = []
    for name in ("glassdoor", "linkedin", "indeed"):
        source = get_source(name)
        for path in source.find(data_dir()):
            for record in source.read(path):
                if isinstance(record, Row):
                    row = {key: record.values.get(key) for key in _COLUMNS}
                    row["id"] = f"bench-{len(rows)}"
                    row["canonical_id"] = row["canonical_id"] or row["id"]
                    rows.append(row)
    return rows


def cpu_seconds(run: Callable[[], object], repeats: int) -> float:
    """The least CPU time of ``repeats`` runs."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def report(label: str, postings: int, size: int, seconds: float) -> None:
    print(
        f"{label:34s} {postings:>7,} postings  {seconds:6.2f} CPU-s  "
        f"{postings / seconds:>7,.0f} postings/s  {size / seconds / 1e6:5.2f} MB/s"
    )


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--min-postings", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    rows = read_rows()
    if not rows:
        sys.exit(f"no postings under {data_dir()}")
    records = [{"id": r["id"], "title": r["title"], "description": r["description"]} for r in rows]
    distinct = list({r["description"]: r for r in records}.values())
    batch = records * -(-args.min_postings // len(records))

    def size(items: list[dict[str, Any]]) -> int:
        return sum(len((r["description"] or "").encode("utf-8")) for r in items)

    extract_batch(records[:50])  # build the automata outside the timed loops
    normalize_postings(rows[:50])
    print(f"rows read: {len(rows)} ({len(distinct)} distinct descriptions), "
          f"mean description {size(records) / len(records) / 1000:.2f} KB")  # fmt: skip
    seconds = cpu_seconds(lambda: extract_batch(distinct), args.repeats)
    report("extract_batch, distinct", len(distinct), size(distinct), seconds)
    seconds = cpu_seconds(lambda: extract_batch(batch), args.repeats)
    report("extract_batch, all rows repeated", len(batch), size(batch), seconds)
    skills = sum(len(r["skills"]) for r in extract_batch(records)) / len(records)

    def both() -> None:
        normalize_postings(rows)
        extract_postings(rows)

    seconds = cpu_seconds(both, args.repeats)
    report("normalize + extract_postings", len(rows), size(records), seconds)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"skills per posting: {skills:.1f}; peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
