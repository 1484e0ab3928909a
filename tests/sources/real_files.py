"""Shared helpers for adapter tests over the real files in the data directory."""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from roleatlas.config import data_dir
from roleatlas.sources import get_source
from roleatlas.sources.base import Rejected, Row


def real(name: str) -> Path:
    """A real data file, or skip the test when the data directory lacks it."""
    path = data_dir() / name
    if not path.is_file():
        pytest.skip(f"real data file {name} not found under {data_dir()}")
    return path


@cache
def records(source: str, name: str) -> list[Row | Rejected]:
    """Every record the named adapter reads from a real file (read once per session)."""
    return list(get_source(source).read(real(name)))


@cache
def raw_rows(name: str, key: Callable[[str], object] = int) -> dict[object, dict[str, str]]:
    """The file's raw rows by their ``row_id`` (converted with ``key``)."""
    with real(name).open(newline="", encoding="utf-8") as handle:
        return {key(r["row_id"]): r for r in csv.DictReader(handle)}
