"""Load benchmark of the web app: uvicorn on loopback, 32 connections, bounded duration.

    .venv/bin/python benchmarks/bench_web.py [--db PATH] [--duration 10] [--workers 1]

Uses ``wrk`` when installed, else an asyncio httpx client. Prints req/s and latency percentiles
per endpoint, with the page cache on (how the app serves) and off (every request rendered), and
writes them to docs/bench/web.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CONNECTIONS = 32


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, workers: int, *, cache: bool) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ROLEATLAS_PAGE_CACHE": "2048" if cache else "0"}
    cmd = [sys.executable, "-c", "from roleatlas.cli import main; main()", "serve", "--db", db, "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers)]  # fmt: skip
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(
        "server did not start: " + (proc.stderr.read().decode() if proc.stderr else "")
    )


def run_wrk(url: str, duration: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip

    def ms(label: str) -> float:
        m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rps": rps, "p50": ms("50%"), "p90": ms("90%"), "p99": ms("99%"),
            "errors": float(non2xx.group(1)) if non2xx else 0.0}  # fmt: skip


async def run_httpx(url: str, duration: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + duration
    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:

        async def worker() -> None:
            nonlocal errors
            while time.monotonic() < stop:
                t = time.perf_counter()
                r = await client.get(url)
                latencies.append((time.perf_counter() - t) * 1000)
                errors += r.status_code >= 400

        started = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(CONNECTIONS)))
        elapsed = time.monotonic() - started
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))]

    return {"rps": len(latencies) / elapsed, "p50": pct(0.5), "p90": pct(0.9), "p99": pct(0.99),
            "errors": float(errors)}  # fmt: skip


def endpoints(base: str) -> list[tuple[str, str]]:
    roles = httpx.get(f"{base}/api/v1/roles").json()
    comps = httpx.get(f"{base}/api/v1/comparisons").json()
    slug = sorted(roles, key=lambda r: -r["n_postings"])[0]["slug"] if roles else "data-scientist"
    pair = comps[0]["key"] if comps else "data-analyst-vs-data-scientist"
    jobs = httpx.get(f"{base}/jobs.json?q=python").json()
    top_role = (jobs.get("facets", {}).get("role") or [[slug]])[0][0]
    return [
        ("compare page", f"/compare/{pair}"),
        ("role page", f"/roles/{slug}"),
        ("salary page, filtered", f"/salaries/{slug}?level=SE&source=survey"),
        ("job search, query + 2 filters", f"/jobs?q=python+sql&role={top_role}&country=US"),
        (
            "job search JSON, query + 2 filters",
            f"/jobs.json?q=machine+learning&role={top_role}&remote=remote",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("ROLEATLAS_DB", "roleatlas.duckdb"))
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint (max 20)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", default=str(ROOT / "docs/bench/web.md"))
    args = parser.parse_args()
    duration = min(args.duration, 20)
    tool = "wrk" if shutil.which("wrk") else "httpx"
    rows = []
    for cache in (True, False):
        port = free_port()
        proc = start_server(args.db, port, args.workers, cache=cache)
        base = f"http://127.0.0.1:{port}"
        try:
            for name, path in endpoints(base):
                httpx.get(base + path, timeout=30)  # warm: first render, index build
                if tool == "wrk":
                    r = run_wrk(base + path, duration)
                else:
                    r = asyncio.run(run_httpx(base + path, duration))
                row = (name, "on" if cache else "off", path, r)
                rows.append(row)
                print(f"{name:<36} cache {row[1]:<3} {r['rps']:8.0f} req/s  p50 {r['p50']:6.1f} ms  "
                      f"p90 {r['p90']:6.1f} ms  p99 {r['p99']:6.1f} ms  errors {r['errors']:.0f}", flush=True)  # fmt: skip
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    cpu = os.cpu_count()
    lines = [
        "# Web load benchmark",
        "",
        f"Command: `.venv/bin/python benchmarks/bench_web.py --db {args.db} --duration {duration} "
        f"--workers {args.workers}`",
        "",
        f"uvicorn on 127.0.0.1, {args.workers} worker(s), {CONNECTIONS} concurrent connections, "
        f"{duration} s per endpoint, load from `{tool}` on the same {cpu}-core machine. "
        "Cache on = how `roleatlas serve` runs (rendered pages kept by URL); cache off = every "
        "request queried and rendered.",
        "",
        "| endpoint | page cache | req/s | p50 ms | p90 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, cache, path, r in rows:
        lines.append(f"| {name} (`{path}`) | {cache} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p90']:.1f} "
                     f"| {r['p99']:.1f} | {r['errors']:.0f} |")  # fmt: skip
    lines += ["", "Targets: compare page ≥ 500 req/s with p99 < 50 ms; job search with a query and "
              "two filters p99 < 100 ms.", ""]  # fmt: skip
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
