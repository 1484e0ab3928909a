"""Load benchmark of the web app: uvicorn on loopback, 32 connections, bounded duration.

    .venv/bin/python benchmarks/bench_web.py [--db PATH] [--duration 10] [--workers 1]
        [--scenarios all|distinct]

Uses ``wrk`` when installed, else an asyncio httpx client. Prints req/s and latency percentiles
per endpoint, with the page cache on (how the app serves) and off (every request rendered), and
writes them to docs/bench/web.md (a block per worker count and scenario set, replaced in place;
the rest of the page is left alone).

The ``distinct`` scenarios are job searches that the page cache cannot answer: a wrk Lua script
cycles through 10,240 different URLs (1,280 query strings of real skill and title words, alone
and in pairs, each with a role and a country or remote filter, on pages 1 to 4). Its two threads
start half a cycle apart, so a URL comes back only after ~5,000 other requests: more than a
worker's page cache holds (2,048 pages), and more than a 20 s run makes at these rates.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
CONNECTIONS = 32
PORTS = range(8890, 8900)  # loopback ports this benchmark may use
#: real skill and title words; singles and pairs of them make the distinct queries
WORDS = (
    "python", "sql", "spark", "tableau", "machine learning", "aws", "excel", "power bi", "r",
    "statistics", "pandas", "airflow", "dbt", "snowflake", "looker", "kubernetes", "docker",
    "pytorch", "tensorflow", "nlp", "deep learning", "etl", "data engineer", "data scientist",
    "analyst", "senior", "lead", "manager", "azure", "gcp", "java", "scala", "go", "kafka",
    "hadoop", "databricks", "bigquery", "redshift", "postgres", "mongodb", "a/b testing",
    "forecasting", "dashboard", "reporting", "visualization", "llm", "computer vision",
    "mlops", "product", "marketing", "finance", "healthcare", "remote", "startup", "fintech",
)  # fmt: skip


def free_port() -> int:
    """The first free loopback port in ``PORTS``."""
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def distinct_queries(n: int = 1280) -> list[str]:
    """``n`` different query strings: every word alone, then pairs of words."""
    pairs = (f"{a} {b}" for a, b in itertools.combinations(WORDS, 2))
    return list(itertools.islice(itertools.chain(WORDS, pairs), n))


def distinct_paths(route: str, roles: list[str], country: str) -> list[str]:
    """Job-search URLs, each different: query × (role + country | role + remote) × page."""
    paths = []
    for n, q in enumerate(distinct_queries()):
        role = roles[n % len(roles)]
        for second in ({"country": country}, {"remote": "remote"}):
            for page in (1, 2, 3, 4):
                params = {"q": q, "role": role, **second, "page": page}
                paths.append(f"{route}?{urlencode(params)}")
    return paths


def lua_script(paths: list[str]) -> str:
    """A wrk script cycling through ``paths``; each wrk thread starts half a cycle apart."""
    quoted = ",\n".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    return f"""local paths = {{
{quoted}
}}
local threads = 0
function setup(thread)
  thread:set("offset", threads * math.floor(#paths / 2))
  threads = threads + 1
end
function init(args) counter = offset end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
"""


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


def run_wrk(url: str, duration: int, *, script: str | None = None) -> dict[str, float]:
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if script:
            lua.write(script)
            lua.flush()
            cmd += ["-s", lua.name]
        out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout

    def ms(label: str) -> float:
        m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    # wrk leaves requests slower than its 2 s timeout out of the percentiles: count them as errors
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    errors = (int(non2xx.group(1)) if non2xx else 0) + (
        sum(map(int, socket_errors.groups())) if socket_errors else 0
    )
    return {"rps": rps, "p50": ms("50%"), "p90": ms("90%"), "p99": ms("99%"),
            "errors": float(errors)}  # fmt: skip


async def run_httpx(base: str, paths: list[str], duration: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + duration
    cycle = itertools.cycle(paths)
    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:

        async def worker() -> None:
            nonlocal errors
            while time.monotonic() < stop:
                t = time.perf_counter()
                r = await client.get(base + next(cycle))
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


def endpoints(base: str, scenarios: str) -> list[tuple[str, str, list[str]]]:
    """``(name, label, paths)`` per scenario: one URL, or a cycle of distinct URLs."""
    roles = httpx.get(f"{base}/api/v1/roles").json()
    comps = httpx.get(f"{base}/api/v1/comparisons").json()
    slug = sorted(roles, key=lambda r: -r["n_postings"])[0]["slug"] if roles else "data-scientist"
    pair = comps[0]["key"] if comps else "data-analyst-vs-data-scientist"
    facets = httpx.get(f"{base}/jobs.json?q=python").json().get("facets", {})
    top_roles = [v for v, _ in facets.get("role", [])[:3]] or [slug]
    country = (facets.get("country") or [["US"]])[0][0]
    fixed = [
        ("compare page", f"/compare/{pair}"),
        ("role page", f"/roles/{slug}"),
        ("salary page, filtered", f"/salaries/{slug}?level=SE&source=survey"),
        ("job search, query + 2 filters", f"/jobs?q=python+sql&role={top_roles[0]}&country=US"),
        (
            "job search JSON, query + 2 filters",
            f"/jobs.json?q=machine+learning&role={top_roles[0]}&remote=remote",
        ),
    ]
    distinct = []
    for name, route in (("job search", "/jobs"), ("job search JSON", "/jobs.json")):
        paths = distinct_paths(route, top_roles, country)
        label = f"{route}?q=…&role=…&(country or remote)=…&page=1-4, {len(paths)} distinct URLs"
        distinct.append((f"{name}, distinct queries + 2 filters", label, paths))
    single = [(name, path, [path]) for name, path in fixed]
    return distinct if scenarios == "distinct" else single + distinct


def warm(base: str, tool: str) -> None:
    """Load every worker's job index (built on a worker's first search) before measuring.

    One request warms one worker only; the others would build their index inside the measured
    run. So 32 connections load a URL none of the scenarios use (it fills no page they would
    hit) until no request takes over a second.
    """
    url = base + "/jobs.json?q=warm+up"
    for _ in range(10):
        if tool != "wrk":
            asyncio.run(run_httpx(base, ["/jobs.json?q=warm+up"], 3))
            return
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", "-d3s", "--timeout", "60s", url],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        slowest = re.search(r"Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)\b", out)
        if slowest and (slowest.group(2) != "s" or float(slowest.group(1)) < 1):
            return


def write_block(out: Path, key: str, lines: list[str]) -> None:
    """Replace this run's block in ``out`` (or append it), leaving the rest of the page alone."""
    start, end = f"<!-- bench_web {key} -->", f"<!-- /bench_web {key} -->"
    block = "\n".join([start, *lines, end])
    text = out.read_text() if out.exists() else "# Web load benchmark\n"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("ROLEATLAS_DB", "roleatlas.duckdb"))
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint (max 20)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--scenarios", choices=("all", "distinct"), default="all",
                        help="every endpoint, or only the distinct-query job searches")  # fmt: skip
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
            warm(base, tool)
            for name, label, paths in endpoints(base, args.scenarios):
                httpx.get(base + paths[0], timeout=30)  # warm: first render, index build
                if tool == "wrk":
                    script = lua_script(paths) if len(paths) > 1 else None
                    r = run_wrk(base + paths[0], duration, script=script)
                else:
                    r = asyncio.run(run_httpx(base, paths, duration))
                row = (name, "on" if cache else "off", label, r)
                rows.append(row)
                print(f"{name:<48} cache {row[1]:<3} {r['rps']:8.0f} req/s  p50 {r['p50']:6.1f} ms  "
                      f"p90 {r['p90']:6.1f} ms  p99 {r['p99']:6.1f} ms  errors {r['errors']:.0f}", flush=True)  # fmt: skip
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    cpu = os.cpu_count()
    lines = [
        f"## {args.workers} worker(s), {args.scenarios} scenarios",
        "",
        f"Command: `.venv/bin/python benchmarks/bench_web.py --db {args.db} --duration {duration} "
        f"--workers {args.workers} --scenarios {args.scenarios}`",
        "",
        f"uvicorn on 127.0.0.1, {args.workers} worker(s), {CONNECTIONS} concurrent connections, "
        f"{duration} s per endpoint, load from `{tool}` on the same {cpu}-core machine. "
        "Cache on = how `roleatlas serve` runs (rendered pages kept by URL); cache off = every "
        "request queried and rendered. Errors count non-2xx responses and socket errors "
        "(including wrk's 2 s timeouts).",
        "",
        "| endpoint | page cache | req/s | p50 ms | p90 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, cache, label, r in rows:
        lines.append(f"| {name} (`{label}`) | {cache} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p90']:.1f} "
                     f"| {r['p99']:.1f} | {r['errors']:.0f} |")  # fmt: skip
    write_block(Path(args.out), f"workers={args.workers} scenarios={args.scenarios}", lines)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
