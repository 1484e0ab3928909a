"""Ingest throughput and memory: generated postings through the generic adapter into DuckDB.

    python benchmarks/bench_ingest.py [--workers 1,2] [N | FILE.jsonl ...]   (default: 10000 100000)

A number N generates N postings (benchmarks/scale.py) into a temporary file; a path ingests
that file. Each (file, workers) pair runs in a fresh process with a fresh store, with
``ROLEATLAS_WORKERS`` set to the worker count; it prints rows/s, wall and CPU seconds (the
ingesting process plus its pool) and the peak RSS of the ingesting process and of the largest
pool process. The machine may be shared: CPU seconds are the steadier figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scale import write_jsonl  # noqa: E402

from roleatlas import config  # noqa: E402
from roleatlas.sources import get_source, ingest_file  # noqa: E402
from roleatlas.store import Store  # noqa: E402


def bench(data: Path, store_path: Path) -> str:
    """Ingest ``data`` into a new store at ``store_path``; one line of figures."""
    size = data.stat().st_size
    with Store(store_path) as store:
        started, cpu = time.perf_counter(), time.process_time()
        report = ingest_file(store, get_source("generic"), data)
        seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    pool = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = time.process_time() - cpu + pool.ru_utime + pool.ru_stime
    workers = os.environ.get("ROLEATLAS_WORKERS", "auto")
    return (
        f"ingest {report.read:>9,} postings  workers {workers}: {seconds:>6.1f}s wall  "
        f"{cpu_s:>6.1f}s CPU  {report.read / seconds:>7,.0f} rows/s  "
        f"{size / 1e6 / seconds:>5.1f} MB/s  stored {report.stored:,} "
        f"quarantined {report.quarantined:,}  peak RSS {own.ru_maxrss // 1024:,} MB "
        f"(pool process {pool.ru_maxrss // 1024:,} MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", default=["10000", "100000"])
    parser.add_argument("--workers", default=os.environ.get("ROLEATLAS_WORKERS", "1"))
    parser.add_argument("--one", nargs=2, metavar=("FILE", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(bench(Path(args.one[0]), Path(args.one[1])), flush=True)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for target in args.targets:
            if target.isdigit():
                data = Path(tmp) / f"postings-{target}.jsonl"
                write_jsonl(int(target), data, data_dir=config.data_dir())
            else:
                data = Path(target)
            for workers in args.workers.split(","):
                store = Path(tmp) / f"bench-{data.stem}-{workers}.duckdb"
                env = {**os.environ, "ROLEATLAS_WORKERS": workers}
                subprocess.run(
                    [sys.executable, __file__, "--one", str(data), str(store)], env=env, check=True
                )
                store.unlink()


if __name__ == "__main__":
    main()
