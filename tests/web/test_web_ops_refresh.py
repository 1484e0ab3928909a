"""Refresh without downtime: `roleatlas serve` keeps answering while `roleatlas build` rebuilds
its store in another process, and moves to the new results when the build publishes them.

Real processes on 127.0.0.1 over copies of small real sources (a build takes seconds).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from roleatlas.store import current_release

SMALL_POSTINGS = "glassdoor-au-da-2021-poorvaldhotre"
SURVEY = "ai-jobs-net"
CLI = [sys.executable, "-c", "from roleatlas.cli import main; main()"]
PAGES = ("/", "/roles", "/jobs?q=python", "/jobs.json?q=sql", "/api/v1/freshness",
         "/salaries", "/healthz")  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    """``roleatlas serve`` on ``tmp_path/store.duckdb`` (started by the test with ``start``)."""
    db = tmp_path / "store.duckdb"
    procs: list[subprocess.Popen[str]] = []

    def start() -> str:
        port = free_port()
        env = {**os.environ, "ROLEATLAS_PAGE_CACHE": "64"}
        procs.append(subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)],
                                      env=env, stderr=subprocess.PIPE, text=True))  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    return base
            except httpx.HTTPError:
                time.sleep(0.2)
        raise AssertionError("server did not start: " + procs[-1].stderr.read())  # type: ignore[union-attr]

    yield start, db, procs  # type: ignore[misc]
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=20)


class Reader(threading.Thread):
    """A client requesting pages back to back; keeps every failure and the served copies."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base = base
        self.stop = threading.Event()
        self.requests = 0
        self.failures: list[str] = []
        self.seen: dict[str, float] = {}  # published copy -> when first served

    def run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=30) as client:
            n = 0
            while not self.stop.is_set():
                path = PAGES[n % len(PAGES)]
                n += 1
                try:
                    r = client.get(path)
                except httpx.HTTPError as exc:
                    self.failures.append(f"{path}: {exc!r}")
                    continue
                self.requests += 1
                if r.status_code != 200:
                    self.failures.append(f"{path}: {r.status_code}")
                elif path == "/healthz":
                    self.seen.setdefault(r.json().get("serving", ""), time.monotonic())


def test_a_build_runs_while_the_site_serves_and_the_site_moves_to_its_results(
    server, data_dir: Path, tmp_path: Path
) -> None:
    start, db, _ = server
    data = tmp_path / "data"
    shutil.copytree(data_dir / SMALL_POSTINGS, data / SMALL_POSTINGS)
    first = run("build", "--db", str(db), "--data-dir", str(data), "-q")
    assert first.returncode == 0, first.stderr
    old = current_release(db)
    assert old is not None  # a build publishes its results
    base = start()
    assert httpx.get(base + "/healthz").json()["serving"] == old.name
    before = httpx.get(base + "/api/v1/freshness").json()["sources"]

    shutil.copytree(data_dir / SURVEY, data / SURVEY)  # a new day brings a new source
    reader = Reader(base)
    reader.start()
    time.sleep(1)
    build = run("build", "--db", str(db), "--data-dir", str(data), "-q")  # the write lock is free
    built = time.monotonic()
    assert build.returncode == 0, build.stderr
    new = current_release(db)
    assert new is not None and new != old
    deadline = time.monotonic() + 60
    while new.name not in reader.seen and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)
    reader.stop.set()
    reader.join(timeout=30)

    assert reader.failures == []
    assert new.name in reader.seen, reader.seen
    switch = reader.seen[new.name] - built
    after = httpx.get(base + "/api/v1/freshness").json()["sources"]
    assert set(after) - set(before)  # the new source's results are served
    print(f"\n{reader.requests} requests, 0 failed; switched {switch:.2f} s after the build ended")
    assert reader.requests > 50


def test_serve_on_a_store_being_built_says_no_results_yet_then_serves_them(
    server, data_dir: Path, tmp_path: Path
) -> None:
    start, db, _ = server
    data = tmp_path / "data"
    for name in (SMALL_POSTINGS, SURVEY):
        shutil.copytree(data_dir / name, data / name)
    build = subprocess.Popen([*CLI, "build", "--db", str(db), "--data-dir", str(data), "-q"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    while not db.exists():  # the build holds the store's write lock from its first moment
        time.sleep(0.05)
    time.sleep(0.5)
    base = start()
    health = httpx.get(base + "/healthz").json()
    assert "no published results yet" in health["note"]
    assert httpx.get(base + "/").status_code == 200
    assert httpx.get(base + "/jobs.json").status_code == 200
    out, err = build.communicate(timeout=300)
    assert build.returncode == 0, err
    deadline = time.monotonic() + 30
    while "serving" not in health and time.monotonic() < deadline:
        time.sleep(0.2)
        health = httpx.get(base + "/healthz").json()
    assert health["serving"] == current_release(db).name  # type: ignore[union-attr]
    assert health["origin"] == "store" and "note" not in health
