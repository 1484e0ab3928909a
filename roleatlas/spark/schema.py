"""Store column types as Arrow schemas and Spark DDL, so Spark writes what DuckDB loads back."""

from __future__ import annotations

import pyarrow as pa

from roleatlas.store import Store

#: DuckDB type -> (Arrow type, Spark SQL type)
_TYPES: dict[str, tuple[pa.DataType, str]] = {
    "VARCHAR": (pa.string(), "string"),
    "JSON": (pa.string(), "string"),
    "DOUBLE": (pa.float64(), "double"),
    "FLOAT": (pa.float32(), "float"),
    "BIGINT": (pa.int64(), "bigint"),
    "INTEGER": (pa.int32(), "int"),
    "BOOLEAN": (pa.bool_(), "boolean"),
    "DATE": (pa.date32(), "date"),
    "TIMESTAMP": (pa.timestamp("us"), "timestamp"),
}

#: per-posting output of the Spark pass beyond ``posting_facts``: the fill's inputs and the
#: nested skills and responsibilities, exploded into their own tables afterwards
EXTRA_FIELDS: list[pa.Field] = [
    pa.field("company_key", pa.string()),
    pa.field("industry_vote", pa.string()),
    pa.field(
        "skills",
        pa.list_(
            pa.struct(
                [
                    ("skill", pa.string()),
                    ("category", pa.string()),
                    ("kind", pa.string()),
                    ("required", pa.bool_()),
                ]
            )
        ),
    ),
    pa.field(
        "responsibilities",
        pa.list_(pa.struct([("position", pa.int32()), ("statement", pa.string())])),
    ),
]


def arrow_type(duckdb_type: str) -> pa.DataType:
    """The Arrow type of a DuckDB column type (``VARCHAR[]`` -> ``list<string>``)."""
    if duckdb_type.endswith("[]"):
        return pa.list_(arrow_type(duckdb_type[:-2]))
    return _TYPES.get(duckdb_type.split("(")[0], _TYPES["VARCHAR"])[0]


def table_schema(store: Store, table: str) -> pa.Schema:
    """The Arrow schema of a store table, column for column."""
    return pa.schema([pa.field(name, arrow_type(dtype)) for name, dtype in store.columns(table)])


def spark_ddl(schema: pa.Schema) -> str:
    """A Spark DDL schema string (``a string, b array<double>``) for an Arrow schema."""
    return ", ".join(f"`{f.name}` {_spark_type(f.type)}" for f in schema)


def _spark_type(t: pa.DataType) -> str:
    if pa.types.is_list(t):
        return f"array<{_spark_type(t.value_type)}>"
    if pa.types.is_struct(t):
        return "struct<" + ", ".join(f"`{f.name}`: {_spark_type(f.type)}" for f in t) + ">"
    for arrow, spark in _TYPES.values():
        if t == arrow:
            return spark
    raise ValueError(f"no Spark type for Arrow {t}")
