"""Arrow batch in, Arrow batch out: the pipeline's pure batch functions, shaped for ``mapInArrow``.

No Spark here. Each function takes an iterator of Arrow record batches of raw store rows and
yields record batches of the target schema, calling the very ``normalize_postings``,
``extract_postings`` and ``normalize_survey`` the DuckDB build calls, so both engines compute
each row with the same code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pyarrow as pa

#: rows handed to the batch functions at once; bounds a Python worker's memory
CHUNK_ROWS = 1000


def process_postings(
    batches: Iterator[pa.RecordBatch], schema: pa.Schema
) -> Iterator[pa.RecordBatch]:
    """Raw ``postings`` rows -> one row per posting: ``posting_facts`` columns, nested extras.

    The nested ``skills`` and ``responsibilities`` lists and the ``company_key`` /
    ``industry_vote`` columns are described in :data:`roleatlas.spark.schema.EXTRA_FIELDS`.
    """
    from roleatlas.extract.batch import extract_postings
    from roleatlas.extract.industries import company_key, map_industry
    from roleatlas.normalize.batch import normalize_postings

    for rows in _chunks(batches):
        facts = normalize_postings(rows)
        extracted = extract_postings(rows)
        by_id = {f["posting_id"]: f for f in facts}
        for fact in extracted.facts:
            by_id[fact["posting_id"]].update(fact)
        skills: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for s in extracted.skills:
            skills[s["posting_id"]].append(s)
        duties: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in extracted.responsibilities:
            duties[r["posting_id"]].append(r)
        for row, fact in zip(rows, facts, strict=True):
            pid = fact["posting_id"]
            fact["company_key"] = company_key(row.get("company")) if row.get("company") else ""
            # the same vote the DuckDB build casts: the posting's own mapped sector
            fact["industry_vote"] = map_industry(industry=None, sector=fact["industry"])
            fact["skills"] = skills.get(pid, [])
            fact["responsibilities"] = duties.get(pid, [])
        yield pa.RecordBatch.from_pylist(facts, schema=schema)


def process_survey(
    batches: Iterator[pa.RecordBatch], schema: pa.Schema
) -> Iterator[pa.RecordBatch]:
    """Raw ``salary_records`` rows -> ``survey_facts`` rows."""
    from roleatlas.normalize.batch import normalize_survey

    for rows in _chunks(batches):
        yield pa.RecordBatch.from_pylist(normalize_survey(rows), schema=schema)


def _chunks(batches: Iterator[pa.RecordBatch]) -> Iterator[list[dict[str, Any]]]:
    for batch in batches:
        for start in range(0, batch.num_rows, CHUNK_ROWS):
            rows = batch.slice(start, CHUNK_ROWS).to_pylist()
            if rows:
                yield rows
