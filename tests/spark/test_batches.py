"""The Arrow adapters around the pure batch functions, without Spark: same rows as the build."""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from roleatlas.extract.batch import extract_postings
from roleatlas.normalize.batch import normalize_postings
from roleatlas.spark.batches import process_postings
from roleatlas.spark.schema import EXTRA_FIELDS, spark_ddl, table_schema
from roleatlas.store import Store

POSTINGS = [
    {
        "id": f"p{i}",
        "canonical_id": "p0",
        "source": "generic",
        "title": title,
        "company": "Acme Analytics, Inc.",
        "description": "You will build dashboards in SQL and Python.\n"
        "Requirements: a Bachelor's degree in Statistics and 3+ years of experience.",
        "location": "Austin, TX",
        "country_hint": "US",
        "currency_hint": "USD",
        "salary_text": "$90K-$120K (Employer est.)",
        "posted_date": date(2023, 5, 1),
        "scraped_at": None,
        "employment_type": None,
        "industry": None,
        "sector": "Information Technology",
        "remote_text": None,
    }
    for i, title in enumerate(("Senior Data Analyst", "Machine Learning Engineer"))
]


def test_process_postings_merges_the_pure_functions_output(store: Store) -> None:
    schema = pa.schema([*table_schema(store, "posting_facts"), *EXTRA_FIELDS])
    batch = pa.RecordBatch.from_pylist(POSTINGS)
    [out] = list(process_postings(iter([batch]), schema))
    assert out.schema == schema
    rows = out.to_pylist()
    facts = normalize_postings(POSTINGS)
    extracted = extract_postings(POSTINGS)
    for row, fact, extra in zip(rows, facts, extracted.facts, strict=True):
        assert {k: row[k] for k in fact} == fact
        assert {k: row[k] for k in extra} == extra
        assert row["company_key"] == "acme analytics"
        assert [s["skill"] for s in row["skills"]] == [
            s["skill"] for s in extracted.skills if s["posting_id"] == row["posting_id"]
        ]
    assert sum(len(r["responsibilities"]) for r in rows) == len(extracted.responsibilities)


def test_spark_ddl_covers_every_output_column(store: Store) -> None:
    ddl = spark_ddl(pa.schema([*table_schema(store, "posting_facts"), *EXTRA_FIELDS]))
    assert "`fields_of_study` array<string>" in ddl
    assert "`posted_on` date" in ddl
    assert "`skills` array<struct<`skill`: string" in ddl
