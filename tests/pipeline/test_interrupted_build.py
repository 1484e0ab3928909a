"""A ``build --force`` killed (SIGKILL) inside any stage is finished by the next plain build.

Runs over copies of two small real sources (a Glassdoor board and the ai-jobs.net survey), so
each build takes seconds. The child process kills itself from the build's progress callback,
so the kill lands inside the chosen stage, after some of its batches have committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from roleatlas.analyze.run import decode_result
from roleatlas.pipeline import build
from roleatlas.store import Store

SMALL_SOURCES = ("glassdoor-au-da-2021-poorvaldhotre", "ai-jobs-net")
#: columns that hold the wall clock, not the data
CLOCK_COLUMNS = {"ingested_at", "finished_at", "seconds", "built_at", "applied_at", "refused_at"}
#: what a stage's last run did (a resumed run does less), not what the store holds
RUN_COLUMNS = {"rows_in", "rows_out"}

CHILD = """
import os, signal, sys
from roleatlas import pipeline
from roleatlas.store import Store

db, stage, label, after = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
pipeline.BATCH_SIZE = 100  # many committed batches, so the kill lands between two of them
done = 0

def progress(name, total):
    if not name.startswith(label):
        return None
    def tick(n):
        global done
        done += n
        if done >= after:
            os.kill(os.getpid(), signal.SIGKILL)
    return tick

with Store(db) as store:
    if stage == "extract":
        pipeline.extract_stage(store, force=True, progress=progress)
    else:
        pipeline.build(store, ingest=False, force=True, progress=progress)
print("not killed")
"""


@pytest.fixture(scope="module")
def clean_build(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean build of the small sources: the store every repaired build must equal."""
    root = tmp_path_factory.mktemp("interrupted")
    for name in SMALL_SOURCES:
        shutil.copytree(data_dir / name, root / "data" / name)
    path = root / "clean.duckdb"
    with Store(path) as store:
        build(store, data_dir=root / "data")
    return path


def contents(path: Path) -> dict[str, Any]:
    """Every table's rows without wall-clock columns, order-free; analysis results decoded."""
    out: dict[str, Any] = {}
    with Store(path, read_only=True) as store:
        for table in store.table_counts():
            skip = CLOCK_COLUMNS | (RUN_COLUMNS if table == "build_state" else set())
            cols = [c for c, _ in store.columns(table) if c not in skip]
            names = ", ".join(f'"{c}"' for c in cols)
            rows = store.query(f'SELECT {names} FROM "{table}"')
            if table == "analysis_results":
                rows = [
                    {**r, "data": _no_clock(decode_result(r["data"]))}
                    for r in rows
                    if r["id"] != "meta:build"
                ]
            out[table] = sorted(repr(sorted(r.items())) for r in rows)
    return out


def _no_clock(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _no_clock(v) for k, v in value.items() if k not in CLOCK_COLUMNS}
    if isinstance(value, list):
        return [_no_clock(v) for v in value]
    return value


@pytest.mark.parametrize(
    ("stage", "label", "after", "redone"),
    [
        ("build", "normalize postings", 200, "normalize"),  # posting facts partly rewritten
        ("build", "normalize survey", 20_000, "normalize"),  # survey facts partly rewritten
        ("extract", "extract", 300, "extract"),  # the extract stage alone, forced
        ("build", "analyze", 1, "analyze"),  # inside the analysis
    ],
    ids=["normalize-postings", "normalize-survey", "extract", "analyze"],
)
def test_a_killed_forced_build_is_finished_by_the_next_plain_build(
    clean_build: Path, tmp_path: Path, stage: str, label: str, after: int, redone: str
) -> None:
    path = tmp_path / "store.duckdb"
    shutil.copy(clean_build, path)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), stage, label, str(after)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == -9, child.stdout + child.stderr  # killed inside the stage
    with Store(path) as store:
        reports = {r.stage: r for r in build(store, ingest=False)}
    assert not reports[redone].skipped  # no fingerprint said "done" over the killed stage
    assert contents(path) == contents(clean_build)
