"""The ``roleatlas`` command line. Each module registers the commands of one area on ``main``.

The CLI mirrors the library: a command parses its options, calls one library function and
prints its result. No logic lives here.
"""

from __future__ import annotations

import importlib
import pkgutil

from roleatlas.cli.app import eval_group, main

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if _module != "app":
        importlib.import_module(f"{__name__}.{_module}")

__all__ = ["main", "eval_group"]
