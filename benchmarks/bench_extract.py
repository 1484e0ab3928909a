"""Benchmark: full posting extraction over every real posting, repeated to >= 20k postings.

Run from the repository root::

    .venv/bin/python benchmarks/bench_extract.py [--min-postings 20000]

Prints postings/s, MB/s (UTF-8 description bytes) on one core and the peak RSS.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import time
from pathlib import Path

from roleatlas.config import data_dir
from roleatlas.extract.posting import extract_batch

_TITLE = ("Job Title", "job title", "title")
_DESCRIPTION = ("Job Description", "job description", "description")


def read_postings(base: Path) -> list[dict]:
    """Every posting row of the glassdoor-*, linkedin-* and indeed-* files."""
    csv.field_size_limit(1 << 28)
    records = []
    for path in sorted(base.glob("*/*.csv")):
        if path.parent.name.split("-")[0] not in ("glassdoor", "linkedin", "indeed"):
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                title = next((row[k] for k in _TITLE if k in row), "")
                description = next((row[k] for k in _DESCRIPTION if k in row), "")
                records.append({"id": f"{path.parent.name}/{path.name}#{row['row_id']}",
                                "title": title, "description": description})  # fmt: skip
    return records


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--min-postings", type=int, default=20_000)
    args = parser.parse_args()
    postings = read_postings(data_dir())
    if not postings:
        sys.exit(f"no postings under {data_dir()}")
    extract_batch(postings[:50])  # build the automaton outside the timed loop
    repeats = -(-args.min_postings // len(postings))
    batch = postings * repeats
    size = sum(len(p["description"].encode("utf-8")) for p in batch)
    start = time.perf_counter()
    results = extract_batch(batch)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    skills = sum(len(r["skills"]) for r in results)
    print(f"distinct rows read:  {len(postings)} (x{repeats} = {len(batch)} postings)")
    print(f"mean description:    {size / len(batch) / 1000:.2f} KB")
    print(f"seconds:             {seconds:.2f}")
    print(f"postings/s:          {len(batch) / seconds:,.0f}")
    print(f"MB/s:                {size / seconds / 1e6:.2f}")
    print(f"skills per posting:  {skills / len(batch):.1f}")
    print(f"peak RSS:            {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
