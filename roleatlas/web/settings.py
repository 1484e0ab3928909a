"""Web settings: one class, read from ``ROLEATLAS_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from roleatlas import config

#: the snapshot of derived figures the package ships, served when no store exists
BUNDLED_SNAPSHOT = Path(__file__).parent / "snapshot" / "analysis.json.gz"


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Where the web app reads its data and how much it caches."""

    db: Path = field(default_factory=config.db_path)
    snapshot: Path = BUNDLED_SNAPSHOT
    #: rendered pages kept in memory (least recently used are dropped)
    page_cache_size: int = 2048
    #: postings per page on the job board
    page_size: int = 20
    site_name: str = "RoleAtlas"
    #: serve the store's published copy (publishing the store first if it has none) and move
    #: to each new one a build publishes; off, the store file itself is read (tests, export)
    follow: bool = False
    #: how often a following server looks for a newer published copy, in seconds
    refresh_seconds: float = 1.0

    @classmethod
    def from_env(cls, *, db: str | os.PathLike[str] | None = None) -> WebSettings:
        """Settings from ``ROLEATLAS_DB``, ``ROLEATLAS_SNAPSHOT``, ``ROLEATLAS_PAGE_CACHE`` and
        ``ROLEATLAS_FOLLOW`` (``1``: follow published copies, as ``roleatlas serve`` does)."""
        snapshot = os.environ.get("ROLEATLAS_SNAPSHOT")
        cache = os.environ.get("ROLEATLAS_PAGE_CACHE")
        return cls(
            db=config.db_path(db),
            snapshot=Path(snapshot) if snapshot else BUNDLED_SNAPSHOT,
            page_cache_size=int(cache) if cache else 2048,
            follow=os.environ.get("ROLEATLAS_FOLLOW", "0") == "1",
        )
