"""The core figures in Spark SQL and in DuckDB SQL, to check that both engines agree.

Three figures, each one query per dialect over the output tables (``posting_facts``,
``posting_skills``, ``survey_facts``), counted the way ``roleatlas.analyze`` counts them:

- postings per role — canonical postings only (one per duplicate group);
- skill share per role — distinct canonical postings naming the skill / the role's postings;
- salary percentiles p10, p25, p50, p75, p90 per role and source (``survey``, ``posted``,
  ``estimate``; see ``roleatlas.analyze.salaries``), type-7 linear interpolation.

Percentiles: DuckDB's ``quantile_cont`` and Spark's ``percentile`` (exact, not
``percentile_approx``) both interpolate linearly between order statistics, so they agree up to
float rounding; :data:`PERCENTILE_RTOL` is the tolerance the parity test allows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from roleatlas.store import Store

QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
#: relative tolerance between the engines' percentiles (both exact; only rounding differs)
PERCENTILE_RTOL = 1e-9

POSTINGS_PER_ROLE = """
SELECT role, count(*) AS postings
FROM posting_facts WHERE is_canonical AND role IS NOT NULL
GROUP BY role
"""

SKILL_SHARE = """
WITH per_role AS (
    SELECT role, count(*) AS postings FROM posting_facts
    WHERE is_canonical AND role IS NOT NULL GROUP BY role
)
SELECT f.role, s.skill, count(DISTINCT s.posting_id) AS postings,
       count(DISTINCT s.posting_id) / CAST(max(r.postings) AS DOUBLE) AS share
FROM posting_skills s
JOIN posting_facts f ON f.posting_id = s.posting_id
JOIN per_role r ON r.role = f.role
WHERE f.is_canonical AND f.role IS NOT NULL
GROUP BY f.role, s.skill
"""

_SALARY_VALUES = """
WITH salary_values AS (
    SELECT role, 'survey' AS source, salary_in_usd AS value FROM survey_facts
    WHERE role IS NOT NULL AND salary_in_usd IS NOT NULL AND salary_in_usd > 0
    UNION ALL
    SELECT role, CASE WHEN salary_is_estimate THEN 'estimate' ELSE 'posted' END AS source,
           annual_mid_usd AS value FROM posting_facts
    WHERE is_canonical AND role IS NOT NULL AND annual_mid_usd IS NOT NULL AND annual_mid_usd > 0
)
SELECT role, source, count(*) AS n, {percentiles} AS percentiles
FROM salary_values GROUP BY role, source
"""
_QLIST = ", ".join(str(q) for q in QUANTILES)
SALARY_PERCENTILES = {
    "duckdb": _SALARY_VALUES.format(percentiles=f"quantile_cont(value, [{_QLIST}])"),
    "spark": _SALARY_VALUES.format(percentiles=f"percentile(value, array({_QLIST}))"),
}

FIGURES = ("postings_per_role", "skill_share", "salary_percentiles")


def duckdb_aggregates(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The three figures from a built store, rows sorted by their keys."""
    return _tidy(
        {
            "postings_per_role": store.query(POSTINGS_PER_ROLE),
            "skill_share": store.query(SKILL_SHARE),
            "salary_percentiles": store.query(SALARY_PERCENTILES["duckdb"]),
        }
    )


def spark_aggregates(spark: Any, outputs: Path | str) -> dict[str, list[dict[str, Any]]]:
    """The three figures with Spark SQL over the Parquet outputs of ``build_spark``.

    Args:
        spark: a Spark session.
        outputs: the ``out`` directory of a ``build_spark`` workdir (one dataset per table).
    """
    for table in ("posting_facts", "posting_skills", "survey_facts"):
        spark.read.parquet(f"{outputs}/{table}").createOrReplaceTempView(table)
    run = lambda sql: [r.asDict() for r in spark.sql(sql).collect()]  # noqa: E731
    return _tidy(
        {
            "postings_per_role": run(POSTINGS_PER_ROLE),
            "skill_share": run(SKILL_SHARE),
            "salary_percentiles": run(SALARY_PERCENTILES["spark"]),
        }
    )


def _tidy(figures: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for name, rows in figures.items():
        for r in rows:
            for key, value in r.items():
                if isinstance(value, list | tuple):
                    r[key] = [float(v) for v in value]
        keys = [k for k in ("role", "source", "skill") if rows and k in rows[0]]
        out[name] = sorted(rows, key=lambda r, keys=keys: tuple(str(r[k]) for k in keys))
    return out
