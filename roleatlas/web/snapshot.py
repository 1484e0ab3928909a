"""The bundled snapshot: derived figures only, for serving without a store.

It keeps profiles, comparisons, salary statistics and the sources with their dates; it drops
everything that reproduces a posting (featured and bridging jobs, example posting ids) and holds
no survey rows.
"""

from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path
from typing import Any

from roleatlas.store import utcnow
from roleatlas.web.datasource import SNAPSHOT_FORMAT, StoreSource
from roleatlas.web.settings import BUNDLED_SNAPSHOT

_POSTING_KEYS = frozenset({"example_posting_ids", "bridging_postings", "posting_id", "posting_ids"})


def strip_postings(value: Any) -> Any:
    """A copy of an analysis result without posting-level data."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in _POSTING_KEYS:
                continue
            if key == "featured_jobs" and isinstance(item, dict):
                out[key] = {**{k: v for k, v in item.items() if k != "items"}, "items": []}
                continue
            out[key] = strip_postings(item)
        return out
    if isinstance(value, list):
        return [strip_postings(v) for v in value]
    return copy.copy(value)


def make_snapshot(db: str | Path, out: str | Path = BUNDLED_SNAPSHOT) -> dict[str, Any]:
    """Write the snapshot of a built store to ``out`` (gzip JSON); return counts per kind.

    Args:
        db: a store built by ``roleatlas build``.
        out: the snapshot file (default: the one bundled in the package).
    """
    source = StoreSource(db)
    try:
        results = {
            k: {key: strip_postings(v) for key, v in d.items()}
            for k, d in source.all_results().items()
        }
        results.setdefault("meta", {})["freshness"] = {"sources": source.freshness()["sources"]}
    finally:
        source.close()
    data = {
        "format": SNAPSHOT_FORMAT,
        "made_at": utcnow().isoformat(timespec="seconds"),
        "results": results,
    }
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"), default=str)
    tmp.replace(out)
    return {
        "path": str(out),
        "bytes": out.stat().st_size,
        **{k: len(v) for k, v in results.items()},
    }
