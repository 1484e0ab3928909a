"""One small data-access interface for the web app, backed by a store or by a bundled snapshot.

The store-backed source reads the analysis results once at start and keeps them in memory; it
asks the store for postings and live salary figures. The snapshot-backed source has derived
figures only (profiles, comparisons, salary statistics with their sources and dates) and says
so: ``has_postings`` is false and live salary filters are unavailable.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from roleatlas.analyze.keys import search_band_sql
from roleatlas.analyze.run import decode_result
from roleatlas.analyze.text import http_url
from roleatlas.exceptions import StoreError
from roleatlas.store import Store, current_release, publish
from roleatlas.web.salaries import LiveSalaries

#: analysis result kinds the web app reads
KINDS = ("profile", "comparison", "salaries", "meta")
SNAPSHOT_FORMAT = 1

_POSTING_COLUMNS = """
    p.id, p.title, p.company, p.location, p.source, p.url, p.posted_date, f.date_kind,
    f.date_precision, f.scraped_on,
    f.role, f.seniority, f.experience_level, f.country, f.city, f.remote, f.employment_type,
    f.annual_min_usd, f.annual_max_usd, f.annual_mid_usd, f.salary_is_estimate, f.salary_kind,
    f.salary_currency, f.salary_min, f.salary_max, f.salary_period, f.posted_on, f.industry,
    f.degree_min, f.years_min, f.years_max, f.canonical_id
"""


class DataSource:
    """What every page reads: roles, analysis results, postings and live salary figures."""

    kind = "none"
    has_postings = False
    has_live_salaries = False

    def __init__(self, results: Mapping[str, Mapping[str, Any]]) -> None:
        self._results = {k: dict(results.get(k, {})) for k in KINDS}

    # -- derived figures ---------------------------------------------------------------------
    def result(self, kind: str, key: str) -> dict[str, Any] | None:
        """One analysis result, or None."""
        return self._results.get(kind, {}).get(key)

    def keys(self, kind: str) -> list[str]:
        """The keys of every result of one kind, sorted."""
        return sorted(self._results.get(kind, {}))

    def all_results(self) -> dict[str, dict[str, Any]]:
        return self._results

    def freshness(self) -> dict[str, Any]:
        """Sources with their record counts and date ranges, and when the analysis was built."""
        stored = self.result("meta", "freshness") or {}
        build = self.result("meta", "build") or {}
        return {"sources": stored.get("sources", {}), "built_at": build.get("built_at"),
                "build": build, "origin": self.kind}  # fmt: skip

    # -- postings (none without a store) ------------------------------------------------------
    def postings(self) -> list[dict[str, Any]]:
        """Every canonical posting with its normalized facts and a description for search."""
        return []

    def posting(self, posting_id: str) -> dict[str, Any] | None:
        """One posting with its description, facts, skills and the sources that also list it."""
        return None

    def posting_skill_sets(self) -> dict[str, frozenset[str]]:
        """The skill slugs of every canonical posting."""
        return {}

    def salary_stats(self, role: str, filters: Mapping[str, Any]) -> dict[str, Any] | None:
        """Live salary figures for a role under filters; None when this source cannot."""
        return None

    def close(self) -> None:
        """Release the store, if any."""


class StoreSource(DataSource):
    """Reads a store built by ``roleatlas build`` (read-only), or a published copy of one."""

    kind = "store"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.store = Store(path, read_only=True)
        results: dict[str, dict[str, Any]] = {k: {} for k in KINDS}
        if self.store.table_exists("analysis_results"):
            for row in self.store.query("SELECT kind, key, data FROM analysis_results"):
                data = decode_result(row["data"])
                results.setdefault(row["kind"], {})[row["key"]] = data
        super().__init__(results)
        self.has_postings = self.store.table_exists("posting_facts") and bool(
            self.store.scalar("SELECT count(*) FROM posting_facts WHERE is_canonical")
        )
        self.has_live_salaries = self.store.table_exists("survey_facts")
        self._live = LiveSalaries(self.store)

    def postings(self) -> list[dict[str, Any]]:
        if not self.has_postings:
            return []
        rows = self.store.query(
            f"SELECT {_POSTING_COLUMNS}, p.description FROM postings p "
            "JOIN posting_facts f ON f.posting_id = p.id WHERE f.is_canonical"
        )
        for row in rows:
            row["url"] = http_url(row.get("url"))
        return rows

    def posting(self, posting_id: str) -> dict[str, Any] | None:
        if not self.has_postings:
            return None
        rows = self.store.query(
            f"SELECT {_POSTING_COLUMNS}, p.description, p.description_html, p.salary_text, "
            "p.scraped_at, f.is_canonical, f.fields_of_study, f.certifications, f.degree_preferred, "
            f"f.role_confidence, f.region, {search_band_sql(self.store, 'f')} AS search_band "
            "FROM postings p JOIN posting_facts f ON f.posting_id = p.id WHERE p.id = ?",
            [posting_id],
        )
        if not rows:
            return None
        posting = rows[0]
        posting["url"] = http_url(posting.get("url"))
        posting["skills"] = self.store.query(
            "SELECT skill, category, kind, required FROM posting_skills WHERE posting_id = ? "
            "ORDER BY required DESC NULLS LAST, category, skill",
            [posting_id],
        )
        group = posting.get("canonical_id") or posting_id
        posting["also_on"] = self.store.query(
            "SELECT p.id, p.source, p.url, f.posted_on, f.date_kind, f.date_precision, "
            "f.scraped_on FROM posting_facts f JOIN postings p ON p.id = f.posting_id "
            "WHERE f.canonical_id = ? AND f.posting_id <> ? ORDER BY f.posted_on NULLS LAST",
            [group, posting_id],
        )
        if posting["also_on"]:
            seen = [
                d
                for o in (posting, *posting["also_on"])
                if (d := o.get("posted_on") or o.get("scraped_on")) is not None
            ]
            posting["first_seen"] = min(seen, default=None)
            posting["last_seen"] = max(seen, default=None)
        return posting

    def posting_skill_sets(self) -> dict[str, frozenset[str]]:
        if not self.has_postings:
            return {}
        rows = self.store.query(
            "SELECT s.posting_id, list(s.skill) AS skills FROM posting_skills s "
            "JOIN posting_facts f ON f.posting_id = s.posting_id WHERE f.is_canonical "
            "GROUP BY s.posting_id"
        )
        return {r["posting_id"]: frozenset(r["skills"]) for r in rows}

    def freshness(self) -> dict[str, Any]:
        fresh = super().freshness()
        if self.store.table_exists("ingest_files"):
            from roleatlas.sources import store_status

            fresh["sources"] = {
                name: {k: s.get(k) for k in ("stored", "duplicates", "first_date", "last_date")}
                for name, s in store_status(self.store)["sources"].items()
            }
        return fresh

    def salary_stats(self, role: str, filters: Mapping[str, Any]) -> dict[str, Any] | None:
        return self._live.stats(role, filters) if self.has_live_salaries else None

    def close(self) -> None:
        self.store.close()


class SnapshotSource(DataSource):
    """Reads the bundled snapshot: derived figures only, no postings or survey rows."""

    kind = "snapshot"

    def __init__(self, path: str | Path) -> None:
        data = load_snapshot(path)
        super().__init__(data.get("results", {}))
        self.made_at = data.get("made_at")


class EmptySource(DataSource):
    """Neither a store nor a snapshot: every page says how to load data."""

    kind = "empty"

    def __init__(self, note: str | None = None) -> None:
        super().__init__({})
        self.note = note


#: what a server says while the store it was given is being built and was never published
PENDING = (
    "no published results yet: a build is writing {db}; the site switches to its results "
    "when the build commits"
)


def open_source(*, db: str | Path, snapshot: str | Path, publish_first: bool = False) -> DataSource:
    """What to serve for the store at ``db``.

    The store's current published copy when it has one (``roleatlas build`` publishes), else
    the store itself, read-only — with ``publish_first``, published first, so that a build can
    take the store while the site serves the copy. A store that is being written and was never
    published gives an empty source saying so; no store gives the snapshot at ``snapshot``,
    else nothing.
    """
    release = current_release(db)
    if release is not None:
        return StoreSource(release)
    if Path(db).exists():
        try:
            if publish_first:
                with Store(db) as store:
                    return StoreSource(publish(store))
            return StoreSource(db)
        except StoreError as exc:
            if not _locked(exc):
                raise
            return EmptySource(PENDING.format(db=db))
    if Path(snapshot).exists():
        return SnapshotSource(snapshot)
    return EmptySource()


def _locked(exc: StoreError) -> bool:
    """Whether the store could not be opened because another process is writing it."""
    return "lock" in str(exc).lower()


def load_snapshot(path: str | Path) -> dict[str, Any]:
    """A snapshot file's content; raise ``StoreError`` when it is unreadable."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read snapshot {path}: {exc}") from exc
    if data.get("format") != SNAPSHOT_FORMAT:
        raise StoreError(
            f"snapshot {path} has format {data.get('format')!r}, not {SNAPSHOT_FORMAT}"
        )
    return data
