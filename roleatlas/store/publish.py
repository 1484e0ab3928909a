"""Published copies of a store: what the site serves while the store itself is being rebuilt.

A build writes the store file (``roleatlas.duckdb``) and holds the database's write lock for
as long as it runs, so the site never reads that file. When a build has committed, it
*publishes*: the store is checkpointed and copied to a new, never-again-written file under
``roleatlas.duckdb.published/`` and the pointer file ``CURRENT`` there is replaced (an atomic
rename) to name it. A server follows ``CURRENT`` and reopens the new copy read-only, so readers
move from one complete result to the next with nothing in between. The last :data:`KEEP`
copies stay, so a rollback is repointing ``CURRENT`` (:func:`rollback`).

    roleatlas.duckdb                         the store (written by ingest and build)
    roleatlas.duckdb.published/
        20261127T060412123456.duckdb         a published copy (read-only from now on)
        20261128T060409654321.duckdb
        CURRENT                              "20261128T060409654321.duckdb"
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from roleatlas.exceptions import StoreError
from roleatlas.store.db import Store, utcnow

#: published copies kept (the current one and the ones before it, for a rollback)
KEEP = 3
POINTER = "CURRENT"
_SUFFIX = ".duckdb"


def releases_dir(db: str | Path) -> Path:
    """The folder of the store's published copies (``<store>.published``)."""
    db = Path(db)
    return db.with_name(db.name + ".published")


def releases(db: str | Path) -> list[Path]:
    """The store's published copies, oldest first."""
    folder = releases_dir(db)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith(_SUFFIX) and p.is_file())


def current_release(db: str | Path) -> Path | None:
    """The published copy the site serves, or None when the store was never published."""
    folder = releases_dir(db)
    try:
        name = (folder / POINTER).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise StoreError(f"cannot read {folder / POINTER}: {exc}") from exc
    path = folder / name
    return path if name.endswith(_SUFFIX) and "/" not in name and path.is_file() else None


def publish(store: Store, *, keep: int = KEEP) -> Path:
    """Copy the store's committed state to a new published copy and point ``CURRENT`` at it.

    Args:
        store: a store opened for writing (the caller holds the write lock, so nothing
            writes while the file is copied).
        keep: published copies kept, the new one included; older ones are deleted (a server
            still reading one keeps its open file until it moves on).

    Returns:
        The new published copy.
    """
    if store.read_only:
        raise StoreError(f"cannot publish {store.path}: it is open read-only")
    folder = releases_dir(store.path)
    folder.mkdir(parents=True, exist_ok=True)
    name = utcnow().strftime("%Y%m%dT%H%M%S%f") + _SUFFIX
    target, part = folder / name, folder / (name + ".part")
    with store.exclusive():
        store.execute("CHECKPOINT")  # every commit in the main file, the write-ahead log empty
        try:
            shutil.copyfile(store.path, part)
            _fsync(part)
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise StoreError(f"cannot publish {store.path} to {folder}: {exc}") from exc
    os.replace(part, target)
    point(store.path, target)
    for old in releases(store.path)[: -max(keep, 1)]:
        if old != target:
            old.unlink(missing_ok=True)
    return target


def point(db: str | Path, release: Path) -> None:
    """Make ``release`` the served copy: ``CURRENT`` is replaced in one rename."""
    folder = releases_dir(db)
    tmp = folder / (POINTER + ".tmp")
    tmp.write_text(release.name + "\n", encoding="utf-8")
    _fsync(tmp)
    os.replace(tmp, folder / POINTER)


def rollback(db: str | Path) -> Path:
    """Serve the published copy before the current one again; return it."""
    served = current_release(db)
    older = [p for p in releases(db) if served is None or p.name < served.name]
    if not older:
        raise StoreError(f"no published copy of {db} older than the current one to roll back to")
    point(db, older[-1])
    return older[-1]


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
