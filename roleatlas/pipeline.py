"""The build: ingest → normalize → extract → analyze, each stage handing off through tables.

Every stage is skipped when its inputs and code version are unchanged (its fingerprint). A
stage that runs first withdraws its own fingerprint and those of the stages after it, in the
transaction of its first write, and records its fingerprint again only once its output is
complete: an interrupted build (``--force`` or not) is finished by the next plain build. Served
results change only in the analyze stage, in one transaction.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from roleatlas import pool
from roleatlas.store import Store, utcnow

BATCH_SIZE = 2000
Progress = Callable[[str, int | None], Callable[[int], None] | None]

_POSTING_COLUMNS = (
    "id, canonical_id, source, title, company, description, location, country_hint, "
    "currency_hint, salary_text, posted_date, scraped_at, date_kind, date_precision, employment_type, industry, "
    "sector, remote_text"
)


#: the database's memory cap during the build: it caches blocks up to 80% of RAM by default, so
#: a long build would grow with the store; sorts and joins past the cap spill to disk
MEMORY_LIMIT_BYTES = 1536 << 20
#: reposts of one ad share a dedup key: in one batch, the batch functions read them once
_REPOSTS_TOGETHER = "ORDER BY dedup_key, id"


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
    with store.memory_capped(MEMORY_LIMIT_BYTES):
        normalized = normalize_stage(store, force=force, progress=progress, extract=True)
        reports.append(normalized)
        extracted = int(normalized.detail.get("extracted", 0))
        reports.append(
            extract_stage(
                store, force=force and not extracted, progress=progress, extracted=extracted
            )
        )
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
        detail={
            "files": len(files),
            "unchanged": sum(f.skipped for f in files),
            "refused": {f"{f.source} {f.file}": f.refused for f in files if f.refused},
        },
    )
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def normalize_stage(
    store: Store,
    *,
    force: bool = False,
    progress: Progress | None = None,
    extract: bool = False,
) -> StageReport:
    """Postings → ``posting_facts`` (role, seniority, pay, place); survey → ``survey_facts``.

    Incremental and resumable: only postings and records without facts of the current
    normalizer version are processed, one committed batch at a time; facts of rows no longer in
    the store are dropped. Served results change only in the analyze stage, atomically.

    With ``extract``, each posting is also extracted in the same pass (its facts get the
    extraction columns, and its skills and duties are written with them), so the extract stage
    that follows finds that work done; the report's ``detail["extracted"]`` counts it.
    """
    from roleatlas.extract.batch import EXTRACTOR_VERSION
    from roleatlas.normalize.batch import NORMALIZER_VERSION
    from roleatlas.posting_pass import POSTING_TABLES, Schemas, process_postings, process_survey

    fingerprint = _fingerprint(store, "normalize", NORMALIZER_VERSION)
    report = StageReport(stage="normalize")
    if not force and _unchanged(store, "normalize", fingerprint):
        report.skipped = True
        return report
    started = time.perf_counter()
    drop_stale_facts(store, force=force)
    schemas = Schemas({t: store.arrow_schema(t) for t in (*POSTING_TABLES, "survey_facts")})
    todo = "FROM postings WHERE id NOT IN (SELECT posting_id FROM posting_facts)"
    total = int(store.scalar(f"SELECT count(*) {todo}") or 0)
    tick = (
        progress("normalize postings" + (" + extract" if extract else ""), total)
        if progress
        else None
    )
    batches = store.iter_arrow(
        f"SELECT {_POSTING_COLUMNS} {todo} {_REPOSTS_TOGETHER}", batch_size=BATCH_SIZE
    )
    work = functools.partial(process_postings, schemas=schemas, extract=extract)
    for batch, tables in parallel_map(work, batches, rows=total):
        with store.transaction():  # a posting's facts, skills and duties land together
            for table in POSTING_TABLES:
                if table in tables:
                    store.insert_arrow(table, tables[table])
        report.rows_in += len(batch)
        report.rows_out += tables["posting_facts"].num_rows
        if tick:
            tick(len(batch))
    if extract:
        report.detail["extracted"] = report.rows_out
        report.detail["extractor_version"] = EXTRACTOR_VERSION
    todo = "FROM salary_records WHERE id NOT IN (SELECT record_id FROM survey_facts)"
    total = int(store.scalar(f"SELECT count(*) {todo}") or 0)
    tick = progress("normalize survey", total) if progress else None
    batches = store.iter_arrow(f"SELECT * {todo} ORDER BY id", batch_size=BATCH_SIZE)
    work = functools.partial(process_survey, schemas=schemas)
    for batch, tables in parallel_map(work, batches):  # cheap per record: no pool
        store.insert_arrow("survey_facts", tables["survey_facts"])
        report.rows_in += len(batch)
        report.rows_out += tables["survey_facts"].num_rows
        if tick:
            tick(len(batch))
    with store.transaction():
        _link_duplicates(store)
        report.detail["industry_from_company"] = _fill_industries(store)
        _mark_survey_repeats(store)
        _mark(store, "normalize", fingerprint, report, started)
    return report


def drop_stale_facts(
    store: Store, *, force: bool = False, extractor_version: str | None = None
) -> None:
    """Drop the facts that must be made again, in one transaction, before a per-posting pass.

    Facts of rows no longer stored or of another normalizer version go, and the skills and
    duties of postings without facts; with ``extractor_version``, also postings extracted by
    another version (for a pass that re-extracts them); with ``force``, everything.
    """
    from roleatlas.normalize.batch import NORMALIZER_VERSION
    from roleatlas.posting_pass import POSTING_TABLES

    stale, params = "normalizer_version IS DISTINCT FROM ?", [NORMALIZER_VERSION]
    if extractor_version is not None:
        stale, params = (
            f"{stale} OR extractor_version IS DISTINCT FROM ?",
            [*params, extractor_version],
        )
    with store.transaction():
        _withdraw(store, "normalize")
        if force:
            for table in (*POSTING_TABLES, "survey_facts"):
                store.execute(f"DELETE FROM {table}")
        store.execute(
            f"DELETE FROM posting_facts WHERE {stale} "
            "OR posting_id NOT IN (SELECT id FROM postings)",
            params,
        )
        for table in POSTING_TABLES[1:]:
            store.execute(
                f"DELETE FROM {table} WHERE posting_id NOT IN (SELECT posting_id FROM posting_facts)"
            )
        store.execute(
            "DELETE FROM survey_facts WHERE normalizer_version IS DISTINCT FROM ? "
            "OR record_id NOT IN (SELECT id FROM salary_records)",
            [NORMALIZER_VERSION],
        )


def _link_duplicates(store: Store) -> None:
    """Carry each posting's current canonical link (it moves when files are re-ingested)."""
    store.execute(
        "UPDATE posting_facts SET canonical_id = p.canonical_id, is_canonical = (p.canonical_id = p.id) "
        "FROM postings p WHERE p.id = posting_facts.posting_id "
        "AND posting_facts.canonical_id IS DISTINCT FROM p.canonical_id"
    )


def _mark_survey_repeats(store: Store) -> None:
    """Carry each survey record's current repeat mark (it moves when files are re-ingested)."""
    store.execute(
        "UPDATE survey_facts SET is_duplicate = (s.duplicate_of IS NOT NULL) "
        "FROM salary_records s WHERE s.id = survey_facts.record_id "
        "AND survey_facts.is_duplicate IS DISTINCT FROM (s.duplicate_of IS NOT NULL)"
    )


def _fill_industries(store: Store) -> int:
    """A posting without industry fields takes its company's majority sector.

    Votes come from the postings' own fields only (``industry_stated``), so a fill never feeds
    later fills; a tie leaves "unknown". Company names are keyed in Python once per distinct
    name (:func:`company_key`), the votes are counted in SQL.
    """
    from roleatlas.extract.industries import UNKNOWN, company_key, map_industry

    companies = (
        store.arrow("SELECT DISTINCT company FROM postings WHERE company IS NOT NULL")
        .column("company")
        .to_pylist()
    )
    stated = store.arrow("SELECT DISTINCT industry_stated FROM posting_facts")
    sectors = [s for s in stated.column("industry_stated").to_pylist() if s is not None]
    with store.temp_tables("_company_keys", "_sector_votes", "_industry_fills"):
        store.temp_table(
            "_company_keys",
            "company VARCHAR, company_key VARCHAR",
            {"company": companies, "company_key": [company_key(c) for c in companies]},
        )
        store.temp_table(
            "_sector_votes",
            "stated VARCHAR, vote VARCHAR",
            {"stated": sectors, "vote": [map_industry(industry=None, sector=s) for s in sectors]},
        )
        store.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE _industry_fills AS
            WITH votes AS (
                SELECT k.company_key, v.vote AS sector, count(*) AS n
                FROM posting_facts f JOIN postings p ON p.id = f.posting_id
                JOIN _company_keys k ON k.company = p.company
                JOIN _sector_votes v ON v.stated = f.industry_stated
                WHERE f.industry_stated <> '{UNKNOWN}' AND k.company_key <> ''
                  AND v.vote <> '{UNKNOWN}'
                GROUP BY ALL
            ), ranked AS (
                SELECT *, max(n) OVER (PARTITION BY company_key) AS top FROM votes
            ), majority AS (
                SELECT company_key, min(sector) AS sector FROM ranked WHERE n = top
                GROUP BY company_key HAVING count(*) = 1
            )
            SELECT f.posting_id, coalesce(m.sector, '{UNKNOWN}') AS industry
            FROM posting_facts f JOIN postings p ON p.id = f.posting_id
            JOIN _company_keys k ON k.company = p.company
            LEFT JOIN majority m ON m.company_key = k.company_key
            WHERE f.industry_stated = '{UNKNOWN}'
              AND f.industry IS DISTINCT FROM coalesce(m.sector, '{UNKNOWN}')
            """
        )
        store.execute(
            "UPDATE posting_facts SET industry = i.industry FROM _industry_fills i "
            "WHERE posting_facts.posting_id = i.posting_id"
        )
        return int(store.scalar("SELECT count(*) FROM _industry_fills") or 0)


def extract_stage(
    store: Store, *, force: bool = False, progress: Progress | None = None, extracted: int = 0
) -> StageReport:
    """``posting_facts`` education/experience columns, ``posting_skills``, responsibilities.

    Incremental and resumable: only postings whose facts lack the current extractor version
    are processed, one committed batch at a time. ``extracted`` counts postings the normalize
    pass already extracted (``normalize_stage(extract=True)``); the report includes them.
    """
    from roleatlas.extract.batch import EXTRACTOR_VERSION, extract_postings

    fingerprint = _fingerprint(store, "extract", EXTRACTOR_VERSION, depends=("normalize",))
    report = StageReport(stage="extract", rows_in=extracted, rows_out=extracted)
    if extracted:
        report.detail["in_normalize_pass"] = extracted
    elif not force and _unchanged(store, "extract", fingerprint):
        report.skipped = True
        return report
    started = time.perf_counter()
    stale = "SELECT posting_id FROM posting_facts WHERE extractor_version IS DISTINCT FROM ?"
    with store.transaction():
        _withdraw(store, "extract")
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
    total = int(store.scalar(f"SELECT count(*) {todo}", version) or 0)
    tick = progress("extract", total) if progress and total else None
    batches = _batches(
        store, f"SELECT id, title, company, description {todo} {_REPOSTS_TOGETHER}", version
    )
    for batch, out in parallel_map(extract_postings, batches, rows=total):
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
    with store.transaction():
        _withdraw(store, "analyze")
    result = analyze(store, progress=progress)
    report.rows_in = int(result.get("rows_in", 0))
    report.rows_out = int(result.get("rows_out", 0))
    report.detail = {k: v for k, v in result.items() if k not in ("rows_in", "rows_out", "seconds")}
    with store.transaction():
        _mark(store, "analyze", fingerprint, report, started)
    return report


#: below this many rows a process pool costs more (start-up: ~4 s of taxonomies) than it saves
POOL_MIN_ROWS = 20_000


def workers(rows: int | None = None) -> int:
    """Processes for the per-posting work: ``ROLEATLAS_WORKERS``, else every core for big runs."""
    return pool.workers(large=rows is not None and rows >= POOL_MIN_ROWS)


def parallel_map(
    func: Callable[[Any], Any], batches: Iterator[Any], *, rows: int | None = None
) -> Iterator[tuple[Any, Any]]:
    """``(batch, func(batch))`` in order, on :func:`workers` processes.

    The per-posting functions are pure, so they run anywhere; ``rows`` (the rows the batches
    hold, when known) lets a small run skip the pool.
    """
    return pool.parallel_map(func, batches, processes=workers(rows))


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


#: the stages with fingerprints, in build order
STAGES = ("normalize", "extract", "analyze")


def _withdraw(store: Store, stage: str) -> None:
    """Forget the fingerprints of ``stage`` and every later stage: their output is being redone.

    Called inside the transaction of the stage's first write, so a build killed at any point
    leaves no fingerprint saying "done" over output that is not.
    """
    later = STAGES[STAGES.index(stage) :]
    store.execute(
        f"DELETE FROM build_state WHERE stage IN ({', '.join('?' * len(later))})", list(later)
    )


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
