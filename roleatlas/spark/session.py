"""A Spark session for the build: local mode on this machine, any master URL on a cluster."""

from __future__ import annotations

import os
import shutil
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from roleatlas.exceptions import ConfigError

#: settings that suit the build's shape: a few wide Python map tasks, small aggregations
DEFAULT_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.adaptive.enabled": "true",
    "spark.sql.session.timeZone": "UTC",
    # rows per Arrow batch sent to a Python worker; postings carry ~3 kB of text each
    "spark.sql.execution.arrow.maxRecordsPerBatch": "2000",
    "spark.sql.parquet.compression.codec": "zstd",
    "spark.driver.memory": "2g",
}


def spark_available() -> str | None:
    """None when Spark can run here, else why not (no pyspark, no Java)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed: pip install 'roleatlas[spark]'"
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        return "Spark needs Java 17 or newer: install a JDK or set JAVA_HOME"
    return None


@contextmanager
def spark_session(master: str = "local[2]", *, conf: dict[str, str] | None = None) -> Iterator[Any]:
    """The active Spark session, or a new one stopped on exit.

    An already active session (a test's, a notebook's, spark-submit's) is reused and left
    running; ``master`` and ``conf`` then do not apply.
    """
    problem = spark_available()
    if problem:
        raise ConfigError(problem)
    # executors must run the interpreter that has roleatlas installed (local mode; on a cluster
    # spark-submit's PYSPARK_PYTHON wins)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    with warnings.catch_warnings():
        # pyspark 4.x warns that it does not yet fully support pandas >= 3 (we only use Arrow)
        warnings.filterwarnings("ignore", category=FutureWarning, module="pyspark")
        from pyspark.sql import SparkSession

        active = SparkSession.getActiveSession()
        if active is None:
            builder = SparkSession.builder.master(master).appName("roleatlas-build")
            for key, value in {**DEFAULT_CONF, **(conf or {})}.items():
                builder = builder.config(key, value)
            session = builder.getOrCreate()
            session.sparkContext.setLogLevel("ERROR")
    if active is not None:
        yield active
        return
    try:
        yield session
    finally:
        session.stop()
