"""Cost curve of the full build: N generated postings, ingest → normalize → extract → analyze.

    python benchmarks/bench_build.py [--engine duckdb|spark] [--master local[2]] [N ...]
        (default sizes: 10000 100000 1000000)

Each size generates N perturbed real postings (benchmarks/scale.py), ingests them through the
generic adapter into a fresh store, then runs the build (``pipeline`` stages on DuckDB, or
``roleatlas.spark.build_spark``). Prints per stage wall time and peak memory — the summed RSS of
this process and all its children, so for Spark the JVM and its Python workers — and postings/s
for the whole build. ``--json FILE`` appends one JSON line per size.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scale import write_jsonl  # noqa: E402

from roleatlas import config, pipeline  # noqa: E402
from roleatlas.sources import get_source, ingest_file  # noqa: E402
from roleatlas.store import Store  # noqa: E402

_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


class TreeMemory:
    """Samples the RSS of this process plus every descendant; keeps the peak per stage."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peaks: dict[str, int] = {}
        self.stage = "setup"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def mark(self, stage: str) -> None:
        self.stage = stage
        self.peaks[stage] = tree_rss_kb()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            rss = tree_rss_kb()
            if rss > self.peaks.get(self.stage, 0):
                self.peaks[self.stage] = rss


def tree_rss_kb(root: int | None = None) -> int:
    """Resident memory (kB) of a process and all its descendants, from /proc."""
    root = root or os.getpid()
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)  # fields[1] is the parent pid
        rss[pid] = int(fields[21]) * _PAGE_KB  # fields[21] is rss in pages
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def bench(n: int, workdir: Path, *, engine: str, master: str) -> dict:
    data = workdir / f"postings-{n}.jsonl"
    if not data.exists():
        write_jsonl(n, data, data_dir=config.data_dir())
    db = workdir / f"bench-{engine}-{n}.duckdb"
    db.unlink(missing_ok=True)
    stages: dict[str, float] = {}
    with TreeMemory() as memory, Store(db) as store:
        started = time.perf_counter()
        memory.mark("ingest")
        report = ingest_file(store, get_source("generic"), data)
        stages["ingest"] = time.perf_counter() - started
        if engine == "spark":
            from roleatlas.spark import build_spark

            memory.mark("spark")
            for r in build_spark(store, master=master, workdir=workdir / f"spark-{n}", force=True):
                stages[r.stage] = r.seconds
        else:
            # the stages as `pipeline.build` runs them: extraction inside the normalize pass
            with store.memory_capped(pipeline.MEMORY_LIMIT_BYTES):
                memory.mark("normalize+extract")
                r = pipeline.normalize_stage(store, force=True, extract=True)
                stages["normalize+extract"] = r.seconds
                r = pipeline.extract_stage(store, extracted=r.detail["extracted"])
                stages["normalize+extract"] += r.seconds
                memory.mark("analyze")
                stages["analyze"] = pipeline.analyze_stage(store, force=True).seconds
        total = time.perf_counter() - started
        memory.mark("done")
    return {
        "engine": engine,
        "postings": n,
        "stored": report.stored,
        "stages_s": {k: round(v, 1) for k, v in stages.items()},
        "total_s": round(total, 1),
        "postings_per_s": round(n / total, 1),
        "peak_rss_mb": {k: round(v / 1024) for k, v in memory.peaks.items() if k != "done"},
        "peak_mb": round(max(memory.peaks.values()) / 1024),
        "cpu_s": round(sum(os.times()[:4]), 1),
        "cpu_main_s": round(sum(os.times()[:2]), 1),
        "workers": pipeline.workers(n),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--workdir", type=Path, help="keep inputs and stores here (reused)")
    parser.add_argument("--json", type=Path, help="append one JSON line per size to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="roleatlas-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            r = bench(n, workdir, engine=args.engine, master=args.master)
            stages = "  ".join(f"{k} {v:.1f}s" for k, v in r["stages_s"].items())
            print(
                f"{r['engine']:<6} {n:>9,} postings: {r['total_s']:>8.1f}s "
                f"{r['postings_per_s']:>7.1f} postings/s  peak {r['peak_mb']:,} MB  [{stages}]  "
                f"peak MB by stage {r['peak_rss_mb']}  cpu {r['cpu_s']}s (this process {r['cpu_main_s']}s)  workers {r['workers']}",
                flush=True,
            )
            if args.json:
                with args.json.open("a") as handle:
                    handle.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
