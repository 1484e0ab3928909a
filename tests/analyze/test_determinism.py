"""The analysis is a function of the store: two runs in processes with different string-hash
seeds (so different set iteration orders) store byte-identical results, timestamps aside."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from roleatlas.analyze.run import decode_result
from roleatlas.store import Store

pytestmark = pytest.mark.slow

_ANALYZE = (
    "import sys\n"
    "from roleatlas import pipeline\n"
    "from roleatlas.store import Store\n"
    "with Store(sys.argv[1]) as store:\n"
    "    pipeline.analyze_stage(store, force=True)\n"
)


def _results(path: Path) -> dict[str, object]:
    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("built_at", "seconds")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    with Store(path, read_only=True) as store:
        rows = store.query("SELECT id, data FROM analysis_results")
    return {r["id"]: strip(decode_result(r["data"])) for r in rows}


def test_two_runs_with_different_hash_seeds_store_the_same_results(
    built_db: Path, tmp_path: Path
) -> None:
    runs = []
    for seed in ("1", "2"):
        copy = tmp_path / f"seed{seed}.duckdb"
        shutil.copy(built_db, copy)
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _ANALYZE, str(copy)], env=env, check=True)
        runs.append(_results(copy))
    first, second = runs
    assert len(first) > 600
    assert first.keys() == second.keys()
    differ = [key for key in first if first[key] != second[key]]
    assert differ == []
