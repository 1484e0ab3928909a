"""Every known source adapter, by name."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from typing import Any

from roleatlas.exceptions import UnknownSourceError
from roleatlas.sources import adapters
from roleatlas.sources.base import Source


@functools.cache
def all_sources() -> dict[str, Source]:
    """Adapters by name, collected from the ``SOURCES`` list of every adapter module."""
    found: dict[str, Source] = {}
    for info in sorted(pkgutil.iter_modules(adapters.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{adapters.__name__}.{info.name}")
        for source in getattr(module, "SOURCES", ()):
            if source.name in found:
                raise RuntimeError(f"two adapters named {source.name!r}")
            found[source.name] = source
    return found


def get_source(name: str, **options: Any) -> Source:
    """The adapter called ``name``; ``options`` configure adapters that take them."""
    sources = all_sources()
    if name not in sources:
        raise UnknownSourceError(f"unknown source {name!r}; known: {', '.join(sorted(sources))}")
    source = sources[name]
    if options:
        configure = getattr(source, "configure", None)
        if configure is None:
            raise UnknownSourceError(f"source {name!r} takes no options")
        return configure(**options)
    return source
