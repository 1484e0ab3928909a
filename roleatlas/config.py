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


#: profiles and comparisons describe the postings of the latest this-many months by default
DEFAULT_RECENT_MONTHS = 36


def recent_months(override: int | str | None = None) -> int:
    """The recent-market window in months (``ROLEATLAS_RECENT_MONTHS``); 0 means all history."""
    value = override if override is not None else os.environ.get("ROLEATLAS_RECENT_MONTHS")
    if value is None or str(value).strip() == "":
        return DEFAULT_RECENT_MONTHS
    try:
        months = int(value)
    except ValueError:
        from roleatlas.exceptions import InputError

        raise InputError(f"ROLEATLAS_RECENT_MONTHS must be a whole number, not {value!r}") from None
    if months < 0:
        from roleatlas.exceptions import InputError

        raise InputError(f"the recent window cannot be negative ({months} months)")
    return months
