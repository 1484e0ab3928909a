"""The build: ingest → normalize → extract → analyze, each stage handing off through tables.

Every stage is skipped when its inputs and code version are unchanged (its fingerprint), and
writes its output tables in one transaction, so a failed or interrupted build leaves the
previous results serving.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
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
    """Postings → ``posting_facts`` (role, seniority, pay, place); survey → ``survey_facts``."""
    from roleatlas.extract.industries import company_key, infer_company_industries
    from roleatlas.normalize.batch import NORMALIZER_VERSION, normalize_postings, normalize_survey

    fingerprint = _fingerprint(store, "normalize", NORMALIZER_VERSION)
    report = StageReport(stage="normalize")
    if not force and _unchanged(store, "normalize", fingerprint):
        report.skipped = True
        return report
    started = time.perf_counter()
    n_postings = store.count("postings")
    n_survey = store.count("salary_records")
    with store.transaction():
        store.execute("DELETE FROM posting_facts")
        store.execute("DELETE FROM survey_facts")
        tick = progress("normalize postings", n_postings) if progress else None
        for batch in _batches(store, f"SELECT {_POSTING_COLUMNS} FROM postings ORDER BY id"):
            report.rows_out += store.insert("posting_facts", normalize_postings(batch))
            report.rows_in += len(batch)
            if tick:
                tick(len(batch))
        # a posting without industry fields takes its company's majority sector
        companies = store.query(
            "SELECT p.company, f.industry AS sector FROM postings p JOIN posting_facts f ON f.posting_id = p.id"
        )
        by_company = infer_company_industries(companies)
        unknown = store.query(
            "SELECT p.id, p.company FROM postings p JOIN posting_facts f ON f.posting_id = p.id "
            "WHERE f.industry = 'unknown' AND p.company IS NOT NULL"
        )
        fills = [
            {"posting_id": r["id"], "industry": by_company[company_key(r["company"])]}
            for r in unknown
            if by_company.get(company_key(r["company"]), "unknown") != "unknown"
        ]
        store.update_from("posting_facts", fills, key="posting_id")
        report.detail["industry_from_company"] = len(fills)
        tick = progress("normalize survey", n_survey) if progress else None
        for batch in _batches(store, "SELECT * FROM salary_records ORDER BY id"):
            report.rows_out += store.insert("survey_facts", normalize_survey(batch))
            report.rows_in += len(batch)
            if tick:
                tick(len(batch))
        _mark(store, "normalize", fingerprint, report, started)
    return report


def extract_stage(
    store: Store, *, force: bool = False, progress: Progress | None = None
) -> StageReport:
    """``posting_facts`` education/experience columns, ``posting_skills``, responsibilities."""
    from roleatlas.extract.batch import EXTRACTOR_VERSION, extract_postings

    fingerprint = _fingerprint(store, "extract", EXTRACTOR_VERSION)
    report = StageReport(stage="extract")
    if not force and _unchanged(store, "extract", fingerprint):
        report.skipped = True
        return report
    started = time.perf_counter()
    total = store.count("postings")
    with store.transaction():
        store.execute("DELETE FROM posting_skills")
        store.execute("DELETE FROM posting_responsibilities")
        tick = progress("extract", total) if progress else None
        for batch in _batches(store, "SELECT id, title, description FROM postings ORDER BY id"):
            out = extract_postings(batch)
            store.update_from("posting_facts", out.facts, key="posting_id")
            store.insert("posting_skills", out.skills)
            store.insert("posting_responsibilities", out.responsibilities)
            report.rows_in += len(batch)
            report.rows_out += len(out.facts)
            if tick:
                tick(len(batch))
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


def _batches(store: Store, sql: str) -> Iterator[list[dict[str, Any]]]:
    yield from store.iter_batches(sql, batch_size=BATCH_SIZE)


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
