"""Settings: where the data directory and the store live."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DATA_DIR = Path("../shared/data")
DEFAULT_DB = Path("roleatlas.duckdb")


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The raw data directory: ``override``, else ``ROLEATLAS_DATA_DIR``, else ``../shared/data``."""
    value = override or os.environ.get("ROLEATLAS_DATA_DIR") or DEFAULT_DATA_DIR
    return Path(value)


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The store file: ``override``, else ``ROLEATLAS_DB``, else ``./roleatlas.duckdb``."""
    value = override or os.environ.get("ROLEATLAS_DB") or DEFAULT_DB
    return Path(value)
