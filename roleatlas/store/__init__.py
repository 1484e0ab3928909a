"""The store: versioned DuckDB schema and the only gateway to the database driver."""

from roleatlas.store.db import Store, utcnow
from roleatlas.store.publish import current_release, publish, releases, releases_dir, rollback
from roleatlas.store.schema import MIGRATIONS

__all__ = [
    "Store",
    "MIGRATIONS",
    "current_release",
    "publish",
    "releases",
    "releases_dir",
    "rollback",
    "utcnow",
]
