"""The build's per-posting pass: one Arrow batch of raw postings in, the rows to store out.

A pure function, so it runs in the build's process pool (or anywhere): it reads the batch,
normalizes every posting and, when asked, extracts from it in the same pass, and returns Arrow
tables already shaped like the store's tables, so the writing process only appends them.
Normalizing and extracting in one pass reads each posting once and writes its facts once,
instead of inserting the normalized facts and then updating them with the extracted columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from roleatlas.extract.batch import extract_postings
from roleatlas.normalize.batch import normalize_postings, normalize_survey
from roleatlas.pool import paused_gc

#: the tables the pass writes, in the order they are written
POSTING_TABLES = ("posting_facts", "posting_skills", "posting_responsibilities")


@dataclass(frozen=True)
class Schemas:
    """Arrow schemas of the tables the pass writes, read from the store once per build."""

    tables: dict[str, pa.Schema]

    def table(self, name: str, rows: list[dict[str, Any]]) -> pa.Table:
        """``rows`` as an Arrow table of ``name``'s columns that the rows carry."""
        schema = self.tables[name]
        keys = rows[0].keys() if rows else ()
        fields = [f for f in schema if f.name in keys]
        return pa.Table.from_pylist(rows, schema=pa.schema(fields))


def process_postings(
    batch: pa.RecordBatch, *, schemas: Schemas, extract: bool
) -> dict[str, pa.Table]:
    """``posting_facts`` rows for a batch of ``postings`` rows, with skills and duties if ``extract``.

    Args:
        batch: raw ``postings`` rows (the columns :func:`normalize_postings` reads).
        schemas: the store's schemas of :data:`POSTING_TABLES`.
        extract: also run :func:`extract_postings` and fill the extraction columns.

    Returns:
        ``{table: rows}`` for the tables that got rows; ``posting_facts`` always.
    """
    rows = batch.to_pylist()
    with paused_gc():
        facts = normalize_postings(rows)
        extracted = extract_postings(rows) if extract else None
    out = {}
    if extracted is not None:
        for fact, more in zip(facts, extracted.facts, strict=True):
            fact.update(more)
        if extracted.skills:
            out["posting_skills"] = schemas.table("posting_skills", extracted.skills)
        if extracted.responsibilities:
            out["posting_responsibilities"] = schemas.table(
                "posting_responsibilities", extracted.responsibilities
            )
    out["posting_facts"] = schemas.table("posting_facts", facts)
    return out


def process_survey(batch: pa.RecordBatch, *, schemas: Schemas) -> dict[str, pa.Table]:
    """``survey_facts`` rows for a batch of ``salary_records`` rows."""
    return {"survey_facts": schemas.table("survey_facts", normalize_survey(batch.to_pylist()))}


__all__ = ["POSTING_TABLES", "Schemas", "process_postings", "process_survey"]
