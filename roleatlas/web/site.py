"""The web app's shared state: the data source, the role catalog, the job index, the page cache."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from roleatlas.exceptions import NotFoundError
from roleatlas.web.datasource import DataSource
from roleatlas.web.search import JobIndex
from roleatlas.web.settings import WebSettings


@dataclass(frozen=True, slots=True)
class RoleEntry:
    slug: str
    name: str
    definition: str | None
    n_postings: int
    n_survey: int
    thin: bool


class PageCache:
    """Rendered pages by URL, least recently used dropped first; the data never change at run time."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, key: str) -> tuple[bytes, str] | None:
        """A cached page, or None (no recency update: a lock-free read on the hot path)."""
        return self._pages.get(key)

    def get_or_make(self, key: str, make: Callable[[], tuple[bytes, str]]) -> tuple[bytes, str]:
        with self._lock:
            hit = self._pages.get(key)
            if hit is not None:
                self._pages.move_to_end(key)
                return hit
        page = make()
        if self.size:
            with self._lock:
                self._pages[key] = page
                while len(self._pages) > self.size:
                    self._pages.popitem(last=False)
        return page


class Site:
    """Everything a page needs, built once at app start."""

    def __init__(self, source: DataSource, settings: WebSettings) -> None:
        self.source = source
        self.settings = settings
        self.cache = PageCache(settings.page_cache_size)
        self.roles = _catalog(source)
        self._lock = threading.Lock()

    @cached_property
    def index(self) -> JobIndex:
        """The job board's search index (built on first use; empty without postings)."""
        return JobIndex(self.source.postings())

    @cached_property
    def posting_skills(self) -> dict[str, frozenset[str]]:
        """Skill slugs of every canonical posting, for the fit page's matching jobs."""
        return self.source.posting_skill_sets()

    def role(self, slug: str) -> RoleEntry:
        """A role of the catalog; ``NotFoundError`` for an unknown slug."""
        try:
            return self.roles[slug]
        except KeyError:
            raise NotFoundError(f"unknown role {slug!r}: see /api/v1/roles for the list") from None

    def name(self, slug: str) -> str:
        entry = self.roles.get(slug)
        return entry.name if entry else slug.replace("-", " ").title()

    @cached_property
    def freshness(self) -> dict[str, Any]:
        """Sources and date ranges, read once."""
        return self.source.freshness()


def _catalog(source: DataSource) -> dict[str, RoleEntry]:
    roles: dict[str, RoleEntry] = {}
    for slug in source.keys("profile"):
        p = source.result("profile", slug) or {}
        basis = p.get("basis") or {}
        definition = (p.get("definition") or {}).get("text")
        roles[slug] = RoleEntry(
            slug=slug,
            name=p.get("name") or slug.replace("-", " ").title(),
            definition=definition,
            n_postings=int(((basis.get("postings") or {}).get("n")) or 0),
            n_survey=int(((basis.get("survey") or {}).get("n")) or 0),
            thin=bool((p.get("thin") or {}).get("postings")),
        )
    if not roles:
        for slug, role in _taxonomy().items():
            roles[slug] = RoleEntry(
                slug=slug,
                name=getattr(role, "name", slug),
                definition=getattr(role, "definition", None),
                n_postings=0,
                n_survey=0,
                thin=True,
            )
    return dict(sorted(roles.items(), key=lambda kv: kv[1].name.lower()))


def _taxonomy() -> dict[str, Any]:
    try:
        from roleatlas.normalize.roles import load_taxonomy

        return dict(load_taxonomy().roles)
    except Exception:  # the taxonomy is optional for the web app: no roles is a valid state
        return {}
