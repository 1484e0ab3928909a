"""The generic mapped adapter, and every posting adapter over hand-made broken inputs."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from roleatlas.exceptions import InputError, SourceError
from roleatlas.sources.adapters.generic import GenericPostings, cell_value, parse_date
from roleatlas.sources.base import Rejected, Row
from roleatlas.sources.clean import null_if_placeholder
from roleatlas.sources.registry import get_source

CASES = Path(__file__).parent / "cases"
SOURCE = GenericPostings()
MAPPED = SOURCE.configure(
    mapping={
        "title": "Job",
        "company": "Employer",
        "location": "Where",
        "description": "Text",
        "posted_date": "Posted",
        "salary_text": "Pay",
    },
    country="DE",
    currency="EUR",
)
BROKEN = [
    "glassdoor_truncated.csv",
    "glassdoor_latin1.csv",
    "binary.csv",
    "glassdoor_no_title.csv",
    "glassdoor_widths.csv",
    "generic_html.jsonl",
    "generic_mapped.csv",
    "jobspy_sample.csv",
]
ADAPTERS = ["glassdoor", "linkedin", "indeed", "generic", "jobspy"]


def assert_safe_html(html: str) -> None:
    tree = LexborHTMLParser(html)
    assert not tree.css("script")
    for node in tree.css("*"):
        for attr, value in node.attributes.items():
            assert not attr.lower().startswith("on"), html
            assert "javascript:" not in (value or "").replace(" ", "").lower(), html


def test_configure_returns_a_configured_copy() -> None:
    assert SOURCE.mapping["title"] == "title" and SOURCE.country is None
    assert MAPPED.mapping["title"] == "Job" and MAPPED.mapping["url"] == "url"
    assert MAPPED.required == ("Job", "Employer", "Where", "Text", "Posted", "Pay")
    via_registry = get_source("generic", mapping={"title": "Job"})
    assert via_registry.mapping["title"] == "Job"
    assert get_source("generic").mapping["title"] == "title"
    assert SOURCE.find(Path(".")) == []


@pytest.mark.parametrize(
    "mapping", [{"salary": "Pay"}, {"title": ""}, {"nonsense": "x", "title": "Job"}]
)
def test_bad_mappings_are_input_errors(mapping: dict[str, str]) -> None:
    with pytest.raises(InputError):
        SOURCE.configure(mapping=mapping)


def test_mapped_csv_with_html() -> None:
    got = list(MAPPED.read(CASES / "generic_mapped.csv"))
    assert all(isinstance(r, Row) for r in got) and len(got) == 2
    first, second = (r.values for r in got)
    assert (first["title"], first["company"], first["location"]) == (
        "ML Engineer",
        "Initech",
        "Berlin, Germany",
    )
    assert first["posted_date"] == date(2024, 3, 5)
    assert first["salary_text"] == "€70.000 - €90.000 per year"
    assert (first["country_hint"], first["currency_hint"]) == ("DE", "EUR")
    assert first["description"] == "Train models.\nApply"
    assert_safe_html(first["description_html"])
    assert second["posted_date"] is None and second["description_html"] is None
    assert second["source_file"] == "generic_mapped.csv"


def test_json_lines_one_record_per_line() -> None:
    got = list(SOURCE.read(CASES / "generic_html.jsonl"))
    lines = (CASES / "generic_html.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(got) == len(lines)
    reasons = {r.row: r.reason for r in got if isinstance(r, Rejected)}
    assert reasons[1] == "empty row"
    assert reasons[2].startswith("invalid JSON")
    assert reasons[3] == "not a JSON object but list"
    assert reasons[4] == "no job title"
    assert reasons[5] == "bad posted_date: 'last week'"
    first = got[0].values
    assert first["external_id"] == "12345"
    assert first["job_functions"] == "Engineering, Research"
    assert first["posted_date"] == date(2024, 5, 1)
    assert_safe_html(first["description_html"])
    assert "alert" not in first["description"]
    assert 'href="https://example.org/jobs/1"' in first["description_html"]


def test_unknown_extension_and_missing_mapped_column() -> None:
    with pytest.raises(SourceError, match="unknown format"):
        list(SOURCE.read(CASES / "nothing.xlsx"))
    with pytest.raises(SourceError, match="missing column"):
        list(MAPPED.read(CASES / "glassdoor_no_title.csv"))


@pytest.mark.parametrize("adapter", ADAPTERS)
@pytest.mark.parametrize("case", BROKEN)
def test_broken_inputs_give_reasons_or_one_line_errors(adapter: str, case: str) -> None:
    source = get_source(adapter)
    try:
        got = list(source.read(CASES / case))
    except SourceError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert all(isinstance(r, Row | Rejected) for r in got)
    assert all(r.reason for r in got if isinstance(r, Rejected))
    for r in got:
        if isinstance(r, Row) and r.values["description_html"]:
            assert_safe_html(r.values["description_html"])


_CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_CELL, _CELL, _CELL), max_size=8))
def test_any_csv_gives_one_record_per_row(cells: list[tuple[str, str, str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # "\r\n" ends, so a lone "\r" in a cell gets quoted
    writer.writerow(["title", "company", "description"])
    writer.writerows(cells)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "postings.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
        try:
            got = list(SOURCE.read(path))
        except SourceError as error:
            assert "\x00" in buffer.getvalue(), error  # only NULs make it "binary"
            return
    assert len(got) == len(cells)
    for record, (title, _, _) in zip(got, cells, strict=True):
        if isinstance(record, Row):
            assert record.values["title"]
        else:
            assert record.reason
        if null_if_placeholder(title) is None:
            assert isinstance(record, Rejected)


@given(st.one_of(st.none(), st.text(max_size=30), st.dates(), st.datetimes()))
def test_parse_date_gives_a_date_none_or_the_value(value: object) -> None:
    parsed = parse_date(value)
    assert parsed is None or isinstance(parsed, date) or parsed == value
    if isinstance(parsed, date):
        assert parse_date(parsed.isoformat()) == parsed


@given(
    st.sampled_from(["title", "company_rating", "posted_date", "job_functions"]),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
        max_leaves=6,
    ),
)
def test_cell_value_never_crashes(name: str, value: object) -> None:
    cell_value(name, value)
