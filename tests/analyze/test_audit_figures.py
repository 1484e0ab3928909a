"""The audit (benchmarks/audit_figures.py) over the real build: no unexplained difference."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

AUDIT = Path(__file__).resolve().parents[2] / "benchmarks" / "audit_figures.py"


def test_published_figures_match_an_independent_recomputation(
    built_db: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = importlib.util.spec_from_file_location("audit_figures", AUDIT)
    assert spec and spec.loader
    audit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(audit)
    rc = audit.main(["--db", str(built_db), "--data", str(data_dir)])
    out = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + out)
    assert rc == 0, out
    assert "0 unexplained differences" in out
    audited = int(out.rsplit("\n", 2)[-2].split()[0])
    assert audited >= 15
