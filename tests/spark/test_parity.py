"""Both engines build the same store: DuckDB ``pipeline.build`` vs ``build_spark`` (local[2]).

Runs on a deterministic sample of the shared data (whole duplicate groups, one in
``ROLEATLAS_PARITY_SAMPLE``; ``1`` means everything) to stay within a few minutes on two cores.
"""

from __future__ import annotations

import math
import os
import shutil
from pathlib import Path

import pytest

from roleatlas import pipeline
from roleatlas.sources import get_source, ingest_file
from roleatlas.spark import build_spark, spark_available, spark_session
from roleatlas.spark.aggregates import PERCENTILE_RTOL, duckdb_aggregates, spark_aggregates
from roleatlas.spark.build import OUTPUTS
from roleatlas.store import Store

pytestmark = pytest.mark.slow

SAMPLE = int(os.environ.get("ROLEATLAS_PARITY_SAMPLE", "4"))


@pytest.fixture(scope="module")
def spark():  # type: ignore[no-untyped-def]
    reason = spark_available()
    if reason:
        pytest.skip(reason)
    with spark_session("local[2]") as session:
        yield session


@pytest.fixture(scope="module")
def sample_db(ingested_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session store with a sample of its postings and salary records, unbuilt."""
    path = tmp_path_factory.mktemp("parity") / "sample.duckdb"
    shutil.copy(ingested_db, path)
    with Store(path) as store, store.transaction():
        if SAMPLE > 1:
            store.execute(
                f"DELETE FROM postings WHERE hash(coalesce(canonical_id, id)) % {SAMPLE} <> 0"
            )
            store.execute(f"DELETE FROM salary_records WHERE hash(id) % {2 * SAMPLE} <> 0")
        for table in (*OUTPUTS, "analysis_results", "build_state"):
            store.execute(f'DELETE FROM "{table}"')
    return path


@pytest.fixture(scope="module")
def duck_db(sample_db: Path) -> Path:
    path = sample_db.with_name("duckdb.duckdb")
    shutil.copy(sample_db, path)
    with Store(path) as store:
        pipeline.build(store, ingest=False, force=True)
    return path


@pytest.fixture(scope="module")
def spark_build(sample_db: Path, spark) -> tuple[Path, Path, list[pipeline.StageReport]]:  # type: ignore[no-untyped-def]
    path = sample_db.with_name("spark.duckdb")
    shutil.copy(sample_db, path)
    workdir = sample_db.with_name("spark-work")
    with Store(path) as store:
        reports = build_spark(store, workdir=workdir, force=True)
    return path, workdir, reports


def test_sample_is_not_trivial(duck_db: Path) -> None:
    with Store(duck_db, read_only=True) as store:
        assert store.count("posting_facts") > 500
        assert store.count("survey_facts") > 1000
        assert store.count("posting_skills") > 1000


def test_every_output_table_is_identical(duck_db: Path, spark_build) -> None:  # type: ignore[no-untyped-def]
    spark_db, _, _ = spark_build
    with Store(spark_db) as store:
        store.execute(f"ATTACH '{duck_db}' AS duck (READ_ONLY)")
        for table in OUTPUTS:
            assert store.count(table) == store.scalar(f"SELECT count(*) FROM duck.{table}")
            for a, b in ((table, f"duck.{table}"), (f"duck.{table}", table)):
                extra = store.query(f"SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b} LIMIT 3")
                assert extra == [], f"{table}: rows in {a} only"
        store.execute("DETACH duck")


def test_postings_per_role_are_identical(duck_db: Path, spark_build, spark) -> None:  # type: ignore[no-untyped-def]
    _, workdir, _ = spark_build
    with Store(duck_db, read_only=True) as store:
        duck = duckdb_aggregates(store)["postings_per_role"]
    assert spark_aggregates(spark, workdir / "out")["postings_per_role"] == duck
    assert len(duck) > 5


def test_skill_lists_and_shares_are_identical(duck_db: Path, spark_build, spark) -> None:  # type: ignore[no-untyped-def]
    _, workdir, _ = spark_build
    with Store(duck_db, read_only=True) as store:
        duck = duckdb_aggregates(store)["skill_share"]
    ours = spark_aggregates(spark, workdir / "out")["skill_share"]
    key = lambda r: (r["role"], r["skill"], r["postings"])  # noqa: E731
    assert [key(r) for r in ours] == [key(r) for r in duck]
    for a, b in zip(ours, duck, strict=True):
        assert a["share"] == pytest.approx(b["share"], rel=1e-12)


def test_salary_percentiles_agree_within_tolerance(duck_db: Path, spark_build, spark) -> None:  # type: ignore[no-untyped-def]
    _, workdir, _ = spark_build
    with Store(duck_db, read_only=True) as store:
        duck = duckdb_aggregates(store)["salary_percentiles"]
    ours = spark_aggregates(spark, workdir / "out")["salary_percentiles"]
    assert [(r["role"], r["source"], r["n"]) for r in ours] == [
        (r["role"], r["source"], r["n"]) for r in duck
    ]
    assert {r["source"] for r in duck} >= {"survey", "posted"}
    for a, b in zip(ours, duck, strict=True):
        for x, y in zip(a["percentiles"], b["percentiles"], strict=True):
            assert math.isclose(x, y, rel_tol=PERCENTILE_RTOL), (a, b)


def test_the_spark_store_serves_like_the_duckdb_store(duck_db: Path, spark_build) -> None:  # type: ignore[no-untyped-def]
    spark_db, _, reports = spark_build
    assert [r.stage for r in reports] == ["export", "spark", "load", "analyze"]
    with Store(duck_db, read_only=True) as a, Store(spark_db, read_only=True) as b:
        assert duckdb_aggregates(a) == duckdb_aggregates(b)
        assert a.count("analysis_results") == b.count("analysis_results")


def test_an_unchanged_store_is_skipped_by_both_engines(spark_build) -> None:  # type: ignore[no-untyped-def]
    spark_db, _, _ = spark_build
    with Store(spark_db) as store:
        again = build_spark(store)
        assert [(r.stage, r.skipped) for r in again] == [("spark", True), ("analyze", True)]
        duck = pipeline.build(store, ingest=False)
        assert all(r.skipped for r in duck)


def test_a_new_day_of_postings_is_all_spark_processes(
    duck_db: Path,
    spark_build,
    tmp_path: Path,
    new_day_file: Path,  # type: ignore[no-untyped-def]
) -> None:
    spark_db, _, _ = spark_build
    spark_copy, duck_copy = tmp_path / "spark.duckdb", tmp_path / "duck.duckdb"
    shutil.copy(spark_db, spark_copy)
    shutil.copy(duck_db, duck_copy)
    with Store(spark_copy) as store:
        ingest_file(store, get_source("generic"), new_day_file)
        reports = {r.stage: r for r in build_spark(store, workdir=tmp_path / "work")}
    assert reports["export"].detail == {"postings": 2, "salary_records": 0}
    assert reports["load"].detail["posting_facts"] == 2
    assert not reports["analyze"].skipped
    with Store(duck_copy) as store:
        ingest_file(store, get_source("generic"), new_day_file)
        pipeline.build(store, ingest=False)
        store.execute(f"ATTACH '{spark_copy}' AS spark (READ_ONLY)")
        for table in OUTPUTS:  # the incremental Spark store equals the DuckDB one
            for a, b in ((table, f"spark.{table}"), (f"spark.{table}", table)):
                extra = store.query(f"SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b} LIMIT 3")
                assert extra == [], f"{table}: rows in {a} only"
        store.execute("DETACH spark")
