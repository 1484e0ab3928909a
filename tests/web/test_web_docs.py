"""docs/WEB.md documents every route the app registers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from starlette.routing import Mount

from roleatlas.web import create_app
from roleatlas.web.settings import WebSettings

WEB_MD = Path(__file__).resolve().parents[2] / "docs" / "WEB.md"
INTERNAL: frozenset[str] = frozenset()


def _routes(routes: Iterable[Any], prefix: str = "") -> Iterator[tuple[str, frozenset[str]]]:
    """``(path, methods)`` of every route, through included routers and mounts."""
    for route in routes:
        context = getattr(route, "include_context", None)
        if context is not None:  # FastAPI ≥ 0.165 keeps included routers whole
            yield from _routes(context.included_router.routes, prefix + context.prefix)
        elif isinstance(route, Mount):
            yield prefix + route.path + "/{path}", frozenset({"GET"})
        else:
            yield prefix + route.path, frozenset(getattr(route, "methods", None) or {"GET"})


def registered(tmp_path: Path) -> dict[str, frozenset[str]]:
    app = create_app(WebSettings(db=tmp_path / "none.duckdb", page_cache_size=0))
    found: dict[str, frozenset[str]] = {}
    for path, methods in _routes(app.routes):
        found[path] = found.get(path, frozenset()) | methods
    return {p: m for p, m in found.items() if p not in INTERNAL}


def _documented(path: str, doc: str) -> bool:
    """A route is documented when its path appears in backticks (parameters may be renamed)."""
    parts = re.split(r"\{[a-z_]+\}", path)
    pattern = r"[^`/?\s]+".join(re.escape(p) for p in parts)
    return re.search(r"`(GET |POST )?" + pattern + r"[`?]", doc) is not None


def test_every_route_is_in_web_md(tmp_path) -> None:
    doc = WEB_MD.read_text()
    routes = registered(tmp_path)
    assert "/compare/{pair}" in routes and "/api/v1/fit" in routes, sorted(routes)
    missing = [p for p in sorted(routes) if not _documented(p, doc)]
    assert not missing, f"routes missing from docs/WEB.md: {missing}"


def test_web_md_names_the_security_headers_and_commands() -> None:
    doc = WEB_MD.read_text()
    for needle in ("content-security-policy", "x-content-type-options", "referrer-policy",
                   "x-frame-options", "roleatlas snapshot", "roleatlas export-site", "HEAD"):  # fmt: skip
        assert needle in doc
