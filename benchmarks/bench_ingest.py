"""Ingest throughput and memory: N generated postings through the generic adapter into DuckDB.

    python benchmarks/bench_ingest.py [N ...]     (default: 10000 100000)

Each size runs in a fresh process-local store in a temporary directory; prints rows/s, MB/s
and the process's peak RSS after the run.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scale import write_jsonl  # noqa: E402

from roleatlas import config  # noqa: E402
from roleatlas.sources import get_source, ingest_file  # noqa: E402
from roleatlas.store import Store  # noqa: E402


def bench(n: int, workdir: Path) -> dict:
    data = workdir / f"postings-{n}.jsonl"
    size = write_jsonl(n, data, data_dir=config.data_dir())
    with Store(workdir / f"bench-{n}.duckdb") as store:
        started = time.perf_counter()
        report = ingest_file(store, get_source("generic"), data)
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "postings": n,
        "stored": report.stored,
        "quarantined": report.quarantined,
        "seconds": round(seconds, 2),
        "rows_per_s": round(n / seconds),
        "mb_per_s": round(size / 1e6 / seconds, 2),
        "peak_rss_mb": round(peak_mb),
    }


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            r = bench(n, Path(tmp))
            print(
                f"ingest {r['postings']:>9,} postings: {r['seconds']:>7.1f}s  {r['rows_per_s']:>7,} rows/s  "
                f"{r['mb_per_s']:>5.1f} MB/s  stored {r['stored']:,} quarantined {r['quarantined']:,}  "
                f"peak RSS {r['peak_rss_mb']:,} MB"
            )
