"""Throughput of the salary parsers on the real strings of the shared data.

Run: ``.venv/bin/python benchmarks/bench_salaries.py`` (from the repository root). Prints figures;
asserts nothing. Times are CPU seconds of this process (steadier than the wall clock on a
shared machine).
"""

from __future__ import annotations

import csv
import sys
import time

from roleatlas.config import data_dir
from roleatlas.normalize import salary
from roleatlas.normalize.salary import parse_salary
from roleatlas.normalize.salary_text import find_salaries_in_text

MIN_PARSES = 100_000


def salary_strings() -> list[tuple[str, str | None]]:
    """Every Glassdoor salary cell (duplicates kept, as a pipeline would see them)."""
    out = []
    for path in sorted(data_dir().glob("glassdoor-*/*.csv")):
        default = "AUD" if "-au-" in path.parent.name else None
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            col = next(c for c in reader.fieldnames if c.lower() == "salary estimate")
            out += [(row[col], default) for row in reader]
    return out


def descriptions() -> list[str]:
    """Every distinct job description of the posting files."""
    seen: dict[str, None] = {}
    for pattern in ("glassdoor-*/*.csv", "linkedin-*/*.csv", "indeed-*/*.csv"):
        for path in sorted(data_dir().glob(pattern)):
            with path.open(newline="", encoding="utf-8") as fh:
                reader = csv.DictReader(fh)
                col = next(c for c in reader.fieldnames if "description" in c.lower())
                for row in reader:
                    seen.setdefault(row[col])
    return list(seen)


def bench_strings(strings: list[tuple[str, str | None]], *, cached: bool) -> tuple[int, float]:
    rounds = -(-MIN_PARSES // len(strings))

    def clear() -> None:
        salary._parse_field.cache_clear()
        salary._parse_cached.cache_clear()

    clear()
    start = time.process_time()
    for _ in range(rounds):
        for text, default in strings:
            if not cached:
                clear()
            parse_salary(text, default_currency=default)
    return rounds * len(strings), time.process_time() - start


def main() -> int:
    strings = salary_strings()
    if not strings:
        print(f"no Glassdoor files under {data_dir()}", file=sys.stderr)
        return 1
    parse_salary("$1K", default_currency="EUR")  # load the FX rates once, outside the timing
    distinct = len(set(strings))
    print(f"salary strings: {len(strings)} cells ({distinct} distinct) from {data_dir()}")
    for cached in (False, True):
        n, secs = bench_strings(strings, cached=cached)
        label = "cache warm " if cached else "cache off  "
        print(f"  parse_salary {label}: {n:,} parses in {secs:.2f} s = {n / secs:,.0f} strings/s")

    docs = descriptions()
    size_mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    rounds, found = 0, 0
    start = time.process_time()
    while rounds < 3 or time.process_time() - start < 2.0:
        found = sum(len(find_salaries_in_text(d)) for d in docs)
        rounds += 1
    secs = time.process_time() - start
    print(f"descriptions: {len(docs)} distinct, {size_mb:.2f} MB, {found} pay mentions found")
    print(
        f"  find_salaries_in_text: {rounds * len(docs) / secs:,.0f} descriptions/s, "
        f"{rounds * size_mb / secs:.1f} MB/s ({rounds} passes in {secs:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
