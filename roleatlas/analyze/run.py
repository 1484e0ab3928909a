"""The analysis stage: every profile, salary page and comparison into ``analysis_results``.

Per-role aggregates are read once with SQL ``GROUP BY`` over all roles (``aggregates.py``); the
profiles and the 561 pairs are then assembled in Python. The table is rewritten inside one
transaction, so a failure leaves the previous results serving.
"""

from __future__ import annotations

import json
import time
import zlib
from collections.abc import Callable
from itertools import combinations
from typing import Any

from roleatlas.analyze.aggregates import Aggregates, RoleInfo
from roleatlas.analyze.compare import ComparisonBuilder, pair_key
from roleatlas.analyze.profiles import ProfileBuilder
from roleatlas.analyze.salaries import BY_OPTIONS, salary_stats_from
from roleatlas.exceptions import NotFoundError
from roleatlas.store import Store, utcnow

ANALYZER_VERSION = "2"
Progress = Callable[[str, int | None], Callable[[int], None] | None]


def compute(
    store: Store, *, roles: dict[str, RoleInfo] | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """Every analysis result as ``{(kind, key): data}``, without writing anything."""
    built_at = utcnow().isoformat(timespec="seconds")
    agg = Aggregates.load(store, roles)
    pb = ProfileBuilder(agg)
    slugs = list(agg.roles)
    tick = progress("analyze profiles", len(slugs)) if progress else None
    profiles = {}
    results: dict[tuple[str, str], Any] = {}
    for slug in slugs:
        profiles[slug] = pb.build(slug, built_at=built_at)
        results[("profile", slug)] = profiles[slug]
        results[("salaries", slug)] = {
            "role": slug,
            "name": agg.roles[slug].name,
            "global": salary_stats_from(agg.salaries, slug),
            "by": {by: salary_stats_from(agg.salaries, slug, by=by) for by in BY_OPTIONS},
            "broader": profiles[slug]["salaries"]["broader"],
        }
        if tick:
            tick(1)
    cb = ComparisonBuilder(agg, pb, profiles)
    pairs = list(combinations(slugs, 2))
    tick = progress("analyze comparisons", len(pairs)) if progress else None
    for a, b in pairs:
        results[("comparison", pair_key(a, b))] = cb.build(a, b, built_at=built_at)
        if tick:
            tick(1)
    results[("meta", "build")] = {
        "built_at": built_at,
        "roles": len(slugs),
        "profiles": len(profiles),
        "comparisons": len(pairs),
        "postings": agg.all_postings,
        "survey_records": sum(b["n"] for b in agg.survey_basis.values()),
        "analysis_version": ANALYZER_VERSION,
    }
    return results


def analyze(store: Store, *, progress: Progress | None = None) -> dict[str, Any]:
    """Rewrite ``analysis_results`` from the posting, survey and reference tables.

    Args:
        store: an open, writable store after normalize and extract.
        progress: optional ``progress(label, total) -> advance(n)`` callback factory.

    Returns:
        ``{"rows_in", "rows_out", "seconds", "profiles", "comparisons"}``.
    """
    started = time.perf_counter()
    results = compute(store, progress=progress)
    meta = results[("meta", "build")]
    meta["seconds"] = round(time.perf_counter() - started, 2)
    built_at = utcnow()
    rows = [
        {
            "id": f"{kind}:{key}",
            "kind": kind,
            "key": key,
            "data": encode_result(data),
            "built_at": built_at,
        }
        for (kind, key), data in results.items()
    ]
    with store.transaction():
        store.execute("DELETE FROM analysis_results")
        store.insert("analysis_results", rows)
    return {
        "rows_in": int(meta["postings"]) + int(meta["survey_records"]),
        "rows_out": len(rows),
        "seconds": round(time.perf_counter() - started, 2),
        "profiles": meta["profiles"],
        "comparisons": meta["comparisons"],
    }


def encode_result(data: Any) -> bytes:
    """A result as stored: compact JSON, zlib-compressed (DuckDB then skips, not inflates, it)."""
    text = json.dumps(data, default=str, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 6)


def decode_result(raw: bytes | str) -> Any:
    """A stored result back as JSON data."""
    if isinstance(raw, str):
        return json.loads(raw)
    return json.loads(zlib.decompress(raw))


def load_result(store: Store, kind: str, key: str) -> dict[str, Any]:
    """One stored result; ``NotFoundError`` when the build has not produced it."""
    raw = store.scalar("SELECT data FROM analysis_results WHERE id = ?", [f"{kind}:{key}"])
    if raw is None:
        raise NotFoundError(
            f"no {kind} {key!r} in the store: run `roleatlas build`, or check the slug"
        )
    return decode_result(raw)


def profile_data(store: Store, slug: str) -> dict[str, Any]:
    """The stored profile of a role."""
    return load_result(store, "profile", slug)


def comparison_data(store: Store, a: str, b: str) -> dict[str, Any]:
    """The stored comparison of two roles, either order."""
    if a == b:
        raise NotFoundError(f"compare two different roles, not {a!r} with itself")
    return load_result(store, "comparison", pair_key(a, b))


def salary_data(store: Store, slug: str) -> dict[str, Any]:
    """The stored salary page of a role (global and every grouping)."""
    return load_result(store, "salaries", slug)
