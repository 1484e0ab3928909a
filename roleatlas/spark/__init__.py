"""Scale-out: the build's per-posting stages on Apache Spark (optional extra ``spark``).

``build_spark`` runs ingest and analyze on DuckDB and normalize + extract on Spark through the
same pure batch functions; ``aggregates`` holds the core figures in Spark SQL and DuckDB SQL,
used to check that both engines agree. Importing this package does not import pyspark.
How to run it on a cluster: docs/SPARK.md.
"""

from roleatlas.spark.build import build_spark, export_inputs, load_outputs, run_spark
from roleatlas.spark.session import spark_available, spark_session

__all__ = [
    "build_spark",
    "export_inputs",
    "load_outputs",
    "run_spark",
    "spark_available",
    "spark_session",
]
