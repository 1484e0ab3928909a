"""The build with the per-posting stages on Spark: DuckDB → Parquet → Spark → Parquet → DuckDB.

Ingest and analyze stay on DuckDB. In between, the raw tables are exported to Parquet, Spark
runs normalize and extract in one ``mapInArrow`` pass over the same pure batch functions the
DuckDB build calls, fills a posting's unknown industry from its company's majority sector as a
Spark aggregation, and writes one Parquet dataset per output table; the serving store then loads
them in one transaction. The stage fingerprints are the DuckDB build's, so either engine skips
work the other has already done.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from roleatlas import pipeline
from roleatlas.pipeline import Progress, StageReport
from roleatlas.spark.batches import process_postings, process_survey
from roleatlas.spark.schema import EXTRA_FIELDS, spark_ddl, table_schema
from roleatlas.spark.session import spark_session
from roleatlas.store import Store, utcnow

#: the raw columns the per-posting functions read (the same as the DuckDB build's)
POSTING_INPUT = pipeline._POSTING_COLUMNS
#: the DuckDB stages the Spark pass stands in for, in order
STAGES = ("normalize", "extract")
#: output tables, in load order
OUTPUTS = ("posting_facts", "posting_skills", "posting_responsibilities", "survey_facts")
#: aim for Parquet input splits of about this size, so every core gets several tasks
SPLIT_BYTES = 32 * 1024 * 1024

_FILL_SQL = """
WITH votes AS (
    SELECT company_key, industry_vote AS sector, count(*) AS n FROM processed
    WHERE company_key <> '' AND industry_vote <> 'unknown' GROUP BY company_key, industry_vote
), ranked AS (
    SELECT company_key, sector, n, max(n) OVER (PARTITION BY company_key) AS top FROM votes
), company_sector AS (
    -- a tie for the top count means "unknown", as infer_company_industries decides
    SELECT company_key, min(sector) AS sector FROM ranked WHERE n = top
    GROUP BY company_key HAVING count(*) = 1
)
SELECT p.*, c.sector AS company_sector FROM processed p
LEFT JOIN company_sector c ON p.industry = 'unknown' AND p.company_key = c.company_key
"""


def build_spark(
    store: Store,
    *,
    data_dir: Path | None = None,
    master: str = "local[2]",
    workdir: Path | str | None = None,
    force: bool = False,
    conf: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> list[StageReport]:
    """Run the build with normalize and extract on Spark; return one report per step.

    Args:
        store: the serving store; ingest reads into it, the Spark outputs load back into it.
        data_dir: ingest every known source under it first (DuckDB ingest), when given.
        master: Spark master URL (``local[2]``, ``spark://host:7077``, ``yarn``); ignored when a
            Spark session is already active (``spark-submit``).
        workdir: where the Parquet hand-off lives (kept); a temporary directory when None.
        force: re-run the Spark pass even when the inputs and code versions are unchanged.
        conf: extra Spark settings for a new session.
        progress: the build's progress callback (``label, total -> tick``).

    Returns:
        Reports for ``ingest`` (when run), ``export``, ``spark``, ``load`` and ``analyze``; the
        three middle ones are a single skipped ``spark`` report when nothing changed.
    """
    reports = []
    if data_dir is not None:
        reports.append(pipeline.ingest_stage(store, Path(data_dir), progress=progress))
    if not force and all(pipeline._unchanged(store, s, _fingerprint(store, s)) for s in STAGES):
        reports.append(StageReport(stage="spark", skipped=True))
    else:
        with _workdir(workdir) as root:
            exported = export_inputs(store, root, force=force, progress=progress)
            reports.append(exported)
            if exported.rows_out:
                with spark_session(master, conf=conf) as spark:
                    reports.append(run_spark(spark, store, root, progress=progress))
            else:  # new files held nothing new (e.g. only known reposts): no Spark job
                reports.append(StageReport(stage="spark", detail={"nothing_to_process": True}))
            reports.append(load_outputs(store, root, spark=reports[-1]))
    reports.append(pipeline.analyze_stage(store, force=force, progress=progress))
    return reports


def export_inputs(
    store: Store, root: Path, *, force: bool = False, progress: Progress | None = None
) -> StageReport:
    """The rows needing work → ``root/in/*.parquet``, streamed by DuckDB.

    Incremental, like the DuckDB build: facts of an older normalizer or extractor version and
    of rows no longer stored are dropped first (everything with ``force``), then only postings
    and survey records without current facts are exported, so a new day of postings sends just
    that day to Spark.
    """
    from roleatlas.extract.batch import EXTRACTOR_VERSION

    report = StageReport(stage="export")
    started = time.perf_counter()
    if progress:
        progress("export new postings, salary records to Parquet", None)
    pipeline.drop_stale_facts(store, force=force, extractor_version=EXTRACTOR_VERSION)
    inputs = root / "in"
    inputs.mkdir(parents=True, exist_ok=True)
    for table, columns, done in (
        ("postings", POSTING_INPUT, "SELECT posting_id FROM posting_facts"),
        ("salary_records", "*", "SELECT record_id FROM survey_facts"),
    ):
        target = inputs / f"{table}.parquet"
        # COPY streams; Store.arrow() would hold every description in memory at once
        store.execute(
            f"COPY (SELECT {columns} FROM {table} WHERE id NOT IN ({done})) "
            f"TO {_sql_path(target)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 4096)"
        )
        n = pq.read_metadata(target).num_rows
        report.rows_in += n
        report.rows_out += n
        report.detail[table] = n
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def run_spark(
    spark: Any, store: Store, root: Path, *, progress: Progress | None = None
) -> StageReport:
    """Normalize + extract on Spark from ``root/in`` into one Parquet dataset per output table."""
    from pyspark.sql import functions as F

    report = StageReport(stage="spark", detail={"master": spark.sparkContext.master})
    started = time.perf_counter()
    facts_schema = table_schema(store, "posting_facts")
    processed_schema = pa.schema([*facts_schema, *EXTRA_FIELDS])
    survey_schema = table_schema(store, "survey_facts")
    out, work = root / "out", root / "work"
    postings_file = root / "in" / "postings.parquet"
    _size_splits(spark, postings_file)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=FutureWarning, module="pyspark")
        if progress:
            progress("spark: normalize + extract postings", None)
        postings = spark.read.parquet(str(postings_file))
        postings.mapInArrow(
            partial(process_postings, schema=processed_schema), spark_ddl(processed_schema)
        ).write.mode("overwrite").parquet(str(work / "processed"))

        processed = spark.read.parquet(str(work / "processed"))
        processed.createOrReplaceTempView("processed")
        filled = spark.sql(_FILL_SQL)
        facts = filled.withColumn("industry", F.coalesce("company_sector", "industry")).select(
            *facts_schema.names
        )
        facts.write.mode("overwrite").parquet(str(out / "posting_facts"))
        processed.select("posting_id", F.explode("skills").alias("s")).select(
            "posting_id", "s.*"
        ).write.mode("overwrite").parquet(str(out / "posting_skills"))
        processed.select("posting_id", F.explode("responsibilities").alias("r")).select(
            "posting_id", "r.*"
        ).write.mode("overwrite").parquet(str(out / "posting_responsibilities"))

        if progress:
            progress("spark: normalize survey", None)
        spark.read.parquet(str(root / "in" / "salary_records.parquet")).mapInArrow(
            partial(process_survey, schema=survey_schema), spark_ddl(survey_schema)
        ).write.mode("overwrite").parquet(str(out / "survey_facts"))

        report.detail["industry_from_company"] = filled.where("company_sector IS NOT NULL").count()
        report.detail["partitions"] = postings.rdd.getNumPartitions()
    report.rows_in = sum(
        pq.read_metadata(root / "in" / f"{t}.parquet").num_rows
        for t in ("postings", "salary_records")
    )
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def load_outputs(store: Store, root: Path, *, spark: StageReport) -> StageReport:
    """Append ``root/out`` to the four output tables in one transaction; mark the stages.

    The rows Spark processed had no facts (``export_inputs`` dropped stale ones), so loading
    appends. Then, over the whole store as the DuckDB build does: canonical links are carried,
    unknown industries are filled from every posting's company votes (old and new postings
    vote together), and survey repeats are marked.
    """
    report = StageReport(stage="load")
    started = time.perf_counter()
    with store.transaction():
        for table in OUTPUTS:
            names = ", ".join(f'"{n}"' for n in table_schema(store, table).names)
            folder = root / "out" / table
            before = store.count(table)
            if spark.rows_in and any(folder.glob("*.parquet")):
                source = _sql_path(folder / "*.parquet")
                store.execute(
                    f'INSERT INTO "{table}" ({names}) SELECT {names} FROM read_parquet({source})'
                )
            n = store.count(table) - before
            report.detail[table] = n
            report.rows_out += n
        report.rows_in = report.rows_out
        spark.rows_out = report.detail["posting_facts"] + report.detail["survey_facts"]
        pipeline._link_duplicates(store)
        report.detail["industry_from_company"] = pipeline._fill_industries(store)
        pipeline._mark_survey_repeats(store)
        # the DuckDB build's own records, so `roleatlas build` afterwards skips both stages
        for stage in STAGES:  # in order: extract's fingerprint includes normalize's
            store.insert(
                "build_state",
                [
                    {
                        "stage": stage,
                        "fingerprint": _fingerprint(store, stage),
                        "rows_in": spark.rows_in,
                        "rows_out": spark.rows_out,
                        "seconds": spark.seconds,
                        "finished_at": utcnow(),
                    }
                ],
                on_conflict="replace",
            )
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def _fingerprint(store: Store, stage: str) -> str:
    """The DuckDB build's fingerprint of ``normalize`` or ``extract``, as it computes it."""
    from roleatlas.extract.batch import EXTRACTOR_VERSION
    from roleatlas.normalize.batch import NORMALIZER_VERSION

    if stage == "normalize":
        return pipeline._fingerprint(store, "normalize", NORMALIZER_VERSION)
    return pipeline._fingerprint(store, "extract", EXTRACTOR_VERSION, depends=("normalize",))


def _size_splits(spark: Any, path: Path) -> None:
    """Split the input into at least two tasks per core, at most ``SPLIT_BYTES`` each."""
    cores = max(1, spark.sparkContext.defaultParallelism)
    size = path.stat().st_size
    split = max(1024 * 1024, min(SPLIT_BYTES, size // (2 * cores) + 1))
    spark.conf.set("spark.sql.files.maxPartitionBytes", str(split))
    spark.conf.set("spark.sql.files.openCostInBytes", str(min(split, 4 * 1024 * 1024)))


@contextmanager
def _workdir(workdir: Path | str | None) -> Iterator[Path]:
    if workdir is not None:
        path = Path(workdir)
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    path = Path(tempfile.mkdtemp(prefix="roleatlas-spark-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"
