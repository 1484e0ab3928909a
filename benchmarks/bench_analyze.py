"""Benchmark the analysis stage: all profiles + all comparisons, and reading one comparison.

Usage: ``python benchmarks/bench_analyze.py --db roleatlas.duckdb`` on a built store (it is
copied first, so the store itself is not touched). Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from roleatlas import config
from roleatlas.analyze import analyze, comparison_data
from roleatlas.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="a built store (default: $ROLEATLAS_DB)")
    parser.add_argument("--reads", type=int, default=200, help="reads of one stored comparison")
    parser.add_argument("--pair", nargs=2, default=("data-analyst", "data-scientist"))
    args = parser.parse_args()
    source = config.db_path(args.db)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        shutil.copy(source, path)
        with Store(path) as store:
            started, cpu = time.perf_counter(), time.process_time()
            report = analyze(store)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            # ru_maxrss is KiB on Linux; process_time counts DuckDB's threads too
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"cpus available: {len(os.sched_getaffinity(0))}")
            print(
                f"analyze: {report['profiles']} profiles + {report['comparisons']} comparisons "
                f"({report['rows_out']} rows, {report['rows_in']} input rows) in {seconds:.2f} s "
                f"wall, {cpu:.2f} s CPU, peak RSS {peak:.0f} MB"
            )
        for read_only in (True, False):
            with Store(path, read_only=read_only) as store:
                comparison_data(store, *args.pair)  # warm the connection
                times = []
                for _ in range(args.reads):
                    t = time.perf_counter()
                    comparison_data(store, *args.pair)
                    times.append((time.perf_counter() - t) * 1000)
            times.sort()
            p95 = times[int(0.95 * (len(times) - 1))]
            mode = "read-only store" if read_only else "read-write store"
            print(
                f"read one comparison ({'-vs-'.join(sorted(args.pair))}, {mode}): median "
                f"{statistics.median(times):.2f} ms, p95 {p95:.2f} ms over {args.reads} reads"
            )


if __name__ == "__main__":
    main()
