"""RoleAtlas: compare careers in AI and data from real job postings and salary records.

The public surface, imported lazily so that the command line starts fast::

    from roleatlas import Store, build, ingest_all, classify_title, parse_salary, extract_posting
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Store": "roleatlas.store",
    "build": "roleatlas.pipeline",
    "ingest_all": "roleatlas.sources",
    "ingest_file": "roleatlas.sources",
    "get_source": "roleatlas.sources",
    "store_status": "roleatlas.sources",
    "classify_title": "roleatlas.normalize.titles",
    "load_taxonomy": "roleatlas.normalize.roles",
    "parse_salary": "roleatlas.normalize.salary",
    "parse_location": "roleatlas.normalize.location",
    "extract_posting": "roleatlas.extract.posting",
    "RoleAtlasError": "roleatlas.exceptions",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'roleatlas' has no attribute {name!r}")
