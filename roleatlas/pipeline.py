"""The build: ingest → normalize → extract → analyze, each stage handing off through tables.

Every stage is skipped when its inputs and code version are unchanged (its fingerprint), and
writes its output tables in one transaction, so a failed or interrupted build leaves the
previous results serving.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from roleatlas.store import Store, utcnow

BATCH_SIZE = 2000
Progress = Callable[[str, int | None], Callable[[int], None] | None]

_POSTING_COLUMNS = (
    "id, canonical_id, source, title, description, location, country_hint, currency_hint, "
    "salary_text, posted_date, scraped_at, employment_type, industry, sector, remote_text"
)


@dataclass
class StageReport:
    """What one stage did: rows in, out and quarantined, and how long it took."""

    stage: str
    rows_in: int = 0
    rows_out: int = 0
    quarantined: int = 0
    seconds: float = 0.0
    skipped: bool = False
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build(
    store: Store,
    *,
    data_dir: Path | None = None,
    ingest: bool = True,
    force: bool = False,
    progress: Progress | None = None,
) -> list[StageReport]:
    """Run every stage in order; return one report per stage."""
    reports = []
    if ingest and data_dir is not None:
        reports.append(ingest_stage(store, data_dir, progress=progress))
    reports.append(normalize_stage(store, force=force, progress=progress))
    reports.append(extract_stage(store, force=force, progress=progress))
    reports.append(analyze_stage(store, force=force, progress=progress))
    return reports


def ingest_stage(store: Store, data_dir: Path, *, progress: Progress | None = None) -> StageReport:
    """Ingest every known source found under the data directory (unchanged files are skipped)."""
    from roleatlas.sources import ingest_all

    started = time.perf_counter()
    files = ingest_all(
        store,
        Path(data_dir),
        progress=(lambda s, p: progress(f"ingest {s}: {p.name}", None)) if progress else None,
    )
    report = StageReport(
        stage="ingest",
        rows_in=sum(f.read for f in files),
        rows_out=sum(f.stored for f in files),
        quarantined=sum(f.quarantined for f in files),
        skipped=all(f.skipped for f in files),
        detail={"files": len(files), "unchanged": sum(f.skipped for f in files)},
    )
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def normalize_stage(
    store: Store, *, force: bool = False, progress: Progress | None = None
) -> StageReport:
    """Postings → ``posting_facts`` (role, seniority, pay, place); survey → ``survey_facts``.

    Incremental and resumable: only postings and records without facts of the current
    normalizer version are processed, one committed batch at a time; facts of rows no longer in
    the store are dropped. Served results change only in the analyze stage, atomically.
    """
    from roleatlas.normalize.batch import NORMALIZER_VERSION, normalize_postings, normalize_survey

    fingerprint = _fingerprint(store, "normalize", NORMALIZER_VERSION)
    report = StageReport(stage="normalize")
    if not force and _unchanged(store, "normalize", fingerprint):
        report.skipped = True
        return report
    started = time.perf_counter()
    with store.transaction():
        if force:
            store.execute("DELETE FROM posting_facts")
            store.execute("DELETE FROM survey_facts")
        version = [NORMALIZER_VERSION]
        store.execute(
            "DELETE FROM posting_facts WHERE normalizer_version IS DISTINCT FROM ? "
            "OR posting_id NOT IN (SELECT id FROM postings)",
            version,
        )
        store.execute(
            "DELETE FROM survey_facts WHERE normalizer_version IS DISTINCT FROM ? "
            "OR record_id NOT IN (SELECT id FROM salary_records)",
            version,
        )
    todo = "FROM postings WHERE id NOT IN (SELECT posting_id FROM posting_facts)"
    tick = _tick(store, progress, "normalize postings", todo)
    batches = _batches(store, f"SELECT {_POSTING_COLUMNS} {todo} ORDER BY id")
    for batch, facts in parallel_map(normalize_postings, batches):
        report.rows_out += store.insert("posting_facts", facts)
        report.rows_in += len(batch)
        if tick:
            tick(len(batch))
    todo = "FROM salary_records WHERE id NOT IN (SELECT record_id FROM survey_facts)"
    tick = _tick(store, progress, "normalize survey", todo)
    for batch, facts in parallel_map(
        normalize_survey, _batches(store, f"SELECT * {todo} ORDER BY id")
    ):
        report.rows_out += store.insert("survey_facts", facts)
        report.rows_in += len(batch)
        if tick:
            tick(len(batch))
    with store.transaction():
        _link_duplicates(store)
        report.detail["industry_from_company"] = _fill_industries(store)
        store.execute(
            "UPDATE survey_facts SET is_duplicate = (s.duplicate_of IS NOT NULL) "
            "FROM salary_records s WHERE s.id = survey_facts.record_id "
            "AND survey_facts.is_duplicate IS DISTINCT FROM (s.duplicate_of IS NOT NULL)"
        )
        _mark(store, "normalize", fingerprint, report, started)
    return report


def _tick(
    store: Store, progress: Progress | None, label: str, todo: str, params: list[Any] | None = None
) -> Callable[[int], None] | None:
    """A progress callback for the rows ``todo`` selects, or None without progress bars."""
    if progress is None:
        return None
    return progress(label, int(store.scalar(f"SELECT count(*) {todo}", params) or 0))


def _link_duplicates(store: Store) -> None:
    """Carry each posting's current canonical link (it moves when files are re-ingested)."""
    store.execute(
        "UPDATE posting_facts SET canonical_id = p.canonical_id, is_canonical = (p.canonical_id = p.id) "
        "FROM postings p WHERE p.id = posting_facts.posting_id "
        "AND posting_facts.canonical_id IS DISTINCT FROM p.canonical_id"
    )


def _fill_industries(store: Store) -> int:
    """A posting without industry fields takes its company's majority sector."""
    from roleatlas.extract.industries import company_key, infer_company_industries

    companies = store.query(
        "SELECT p.company, f.industry_stated AS sector FROM postings p "
        "JOIN posting_facts f ON f.posting_id = p.id WHERE f.industry_stated <> 'unknown'"
    )
    by_company = infer_company_industries(companies)
    unknown = store.query(
        "SELECT p.id, p.company, f.industry FROM postings p JOIN posting_facts f ON f.posting_id = p.id "
        "WHERE f.industry_stated = 'unknown' AND p.company IS NOT NULL"
    )
    # votes come from the postings' own fields only, so a fill never feeds later fills
    fills = [
        {"posting_id": r["id"], "industry": sector}
        for r in unknown
        if (sector := by_company.get(company_key(r["company"]), "unknown")) != r["industry"]
    ]
    store.update_from("posting_facts", fills, key="posting_id")
    return len(fills)


def extract_stage(
    store: Store, *, force: bool = False, progress: Progress | None = None
) -> StageReport:
    """``posting_facts`` education/experience columns, ``posting_skills``, responsibilities.

    Incremental and resumable: only postings whose facts lack the current extractor version
    are processed, one committed batch at a time.
    """
    from roleatlas.extract.batch import EXTRACTOR_VERSION, extract_postings

    fingerprint = _fingerprint(store, "extract", EXTRACTOR_VERSION, depends=("normalize",))
    report = StageReport(stage="extract")
    if not force and _unchanged(store, "extract", fingerprint):
        report.skipped = True
        return report
    started = time.perf_counter()
    stale = "SELECT posting_id FROM posting_facts WHERE extractor_version IS DISTINCT FROM ?"
    with store.transaction():
        if force:
            store.execute("UPDATE posting_facts SET extractor_version = NULL")
        for table in ("posting_skills", "posting_responsibilities"):
            store.execute(
                f"DELETE FROM {table} WHERE posting_id IN ({stale}) "
                "OR posting_id NOT IN (SELECT posting_id FROM posting_facts)",
                [EXTRACTOR_VERSION],
            )
    todo = f"FROM postings WHERE id IN ({stale})"
    version = [EXTRACTOR_VERSION]
    tick = _tick(store, progress, "extract", todo, version)
    batches = _batches(store, f"SELECT id, title, description {todo} ORDER BY id", version)
    for batch, out in parallel_map(extract_postings, batches):
        with store.transaction():
            store.update_from("posting_facts", out.facts, key="posting_id")
            store.insert("posting_skills", out.skills)
            store.insert("posting_responsibilities", out.responsibilities)
        report.rows_in += len(batch)
        report.rows_out += len(out.facts)
        if tick:
            tick(len(batch))
    with store.transaction():
        report.detail["skills"] = store.count("posting_skills")
        report.detail["responsibilities"] = store.count("posting_responsibilities")
        _mark(store, "extract", fingerprint, report, started)
    return report


def analyze_stage(
    store: Store, *, force: bool = False, progress: Progress | None = None
) -> StageReport:
    """Role profiles, all comparisons and salary insights into ``analysis_results``."""
    from roleatlas.analyze import ANALYZER_VERSION, analyze

    fingerprint = _fingerprint(store, "analyze", ANALYZER_VERSION, depends=("normalize", "extract"))
    report = StageReport(stage="analyze")
    if not force and _unchanged(store, "analyze", fingerprint):
        report.skipped = True
        return report
    started = time.perf_counter()
    result = analyze(store, progress=progress)
    report.rows_in = int(result.get("rows_in", 0))
    report.rows_out = int(result.get("rows_out", 0))
    report.detail = {k: v for k, v in result.items() if k not in ("rows_in", "rows_out", "seconds")}
    with store.transaction():
        _mark(store, "analyze", fingerprint, report, started)
    return report


def parallel_map(
    func: Callable[[list[dict[str, Any]]], Any], batches: Iterator[list[dict[str, Any]]]
) -> Iterator[tuple[list[dict[str, Any]], Any]]:
    """``(batch, func(batch))`` in order; on a process pool when ``ROLEATLAS_WORKERS`` > 1.

    The per-posting functions are pure, so they run anywhere; at most two batches per worker
    are in flight, which keeps memory flat in the number of postings.
    """
    workers = int(os.environ.get("ROLEATLAS_WORKERS", "1") or 1)
    if workers <= 1:
        for batch in batches:
            yield batch, func(batch)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[tuple[list[dict[str, Any]], Future[Any]]] = deque()
        for batch in batches:
            pending.append((batch, pool.submit(func, batch)))
            if len(pending) >= 2 * workers:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


def _batches(
    store: Store, sql: str, params: list[Any] | None = None
) -> Iterator[list[dict[str, Any]]]:
    yield from store.iter_batches(sql, params, batch_size=BATCH_SIZE)


def _fingerprint(store: Store, stage: str, version: str, *, depends: tuple[str, ...] = ()) -> str:
    """Hash of the ingested files, the stage's code version and the stages it reads from."""
    files = store.query("SELECT source, source_file, sha256 FROM ingest_files ORDER BY ALL")
    parts = [stage, version, *(f"{f['source']}|{f['source_file']}|{f['sha256']}" for f in files)]
    for dep in depends:
        parts.append(
            str(store.scalar("SELECT fingerprint FROM build_state WHERE stage = ?", [dep]))
        )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def _unchanged(store: Store, stage: str, fingerprint: str) -> bool:
    return (
        store.scalar("SELECT fingerprint FROM build_state WHERE stage = ?", [stage]) == fingerprint
    )


def _mark(store: Store, stage: str, fingerprint: str, report: StageReport, started: float) -> None:
    report.seconds = round(time.perf_counter() - started, 2)
    store.insert(
        "build_state",
        [
            {
                "stage": stage,
                "fingerprint": fingerprint,
                "rows_in": report.rows_in,
                "rows_out": report.rows_out,
                "seconds": report.seconds,
                "finished_at": utcnow(),
            }
        ],
        on_conflict="replace",
    )
