"""Responsibility statements: extraction from real postings, grouping, O*NET mapping."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roleatlas.config import data_dir
from roleatlas.exceptions import SourceError
from roleatlas.extract.responsibilities import (
    MAX_WORDS,
    MIN_WORDS,
    clean_statement,
    extract_responsibilities,
    extract_statements,
    group_responsibilities,
    load_onet_tasks,
    normalize_statement,
)

CASES = Path(__file__).parent / "cases" / "sections_labeled.jsonl"
TASKS = "onet-29.3/Task Statements.txt"
_DESCRIPTION = ("Job Description", "job description", "description")


@cache
def _rows(source: str) -> dict[str, dict[str, str]]:
    path = data_dir() / source
    if not path.exists():
        pytest.skip(f"real data not found at {path}")
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["row_id"]: row for row in csv.DictReader(handle)}


def description(source: str, row_id: str) -> str:
    row = _rows(source)[row_id]
    return next(row[k] for k in _DESCRIPTION if k in row)


def test_glassdoor_bullets() -> None:
    statements = extract_statements(
        description("glassdoor-ds-2020-kenjee/glassdoor_jobs.csv", "98")
    )
    texts = [s.text for s in statements]
    assert (
        "Work with camera, laser, radar, and ultrasound data and curate datasets for machine learning"
        in texts
    )
    assert {s.source for s in statements} == {"section"}
    assert all(not t.endswith((".", ";", ":")) for t in texts)


def test_you_will_prefix_is_dropped() -> None:
    # "In this role, you will:\n...\nBe responsible for designing machine learning algorithms..."
    texts = extract_responsibilities(
        description("glassdoor-ds-2020-kenjee/glassdoor_jobs.csv", "98")
    )
    assert texts[0].startswith("Be responsible for designing machine learning algorithms")


def test_linkedin_glued_bullets_are_split() -> None:
    # "...profile dataAdding new features ... testing platform Contributing to our production..."
    texts = extract_responsibilities(
        description("linkedin-ca-2018-linpingyu/DataScientist.csv", "168")
    )
    assert texts[:3] == [
        "Collaborating with the team to discover new insights in our unique traveler profile data",
        "Adding new features to our automated campaign management systems and A/B testing platform",
        "Contributing to our production code base, driving additional efficiency and impacting "
        "Sojern's bottomline",
    ]


def test_fallback_without_heading() -> None:
    text = description("glassdoor-da-2022-nadirbcn/glassdoor_jobs.csv", "869")
    statements = extract_statements(text)
    assert statements and {s.source for s in statements} == {"fallback"}
    assert (
        "Write ETL scripts to extract data from SQL DB by using ADF and load into Salesforce"
        in [s.text for s in statements]
    )


def test_labeled_statements_found() -> None:
    with CASES.open(encoding="utf-8") as handle:
        cases = [json.loads(line) for line in handle if line.strip()]
    expected = [(c, s) for c in cases for s in c["statements"]]
    hits = sum(
        s in extract_responsibilities(description(c["source"], c["row_id"])) for c, s in expected
    )
    print(f"labelled statements extracted: {hits}/{len(expected)}")
    assert hits / len(expected) >= 0.8


def test_clean_statement() -> None:
    assert (
        clean_statement("  • Build   dashboards for the sales team; ")
        == "Build dashboards for the sales team"
    )
    assert (
        clean_statement("- DEVELOP AND MAINTAIN ETL PIPELINES.")
        == "Develop and maintain etl pipelines"
    )
    assert (
        clean_statement("You will partner with product managers daily.")
        == "Partner with product managers daily"
    )
    assert clean_statement("Build models") is None  # under four words
    assert clean_statement("Perform other duties as assigned.") is None
    assert clean_statement("Strong SQL skills and experience") is None
    assert clean_statement(" ".join(["word"] * 41)) is None


def test_normalize_statement() -> None:
    a = normalize_statement("Developing dashboards and reports for stakeholders")
    b = normalize_statement("Develop dashboards & reports for the stakeholders.")
    assert a == b == "develop dashboard report stakeholder"
    assert normalize_statement("Analyse data") == normalize_statement("analyzing data")


DATA_ROLE_SOC = ("15-2051", "15-2041", "15-1211", "15-1242", "15-1243", "15-2031", "13-1111")


def test_group_real_postings_with_onet() -> None:
    tasks = load_onet_tasks(data_dir() / TASKS, soc_prefixes=DATA_ROLE_SOC)
    postings, seen = [], set()
    for source in (
        "glassdoor-ds-2020-kenjee/glassdoor_jobs.csv",
        "glassdoor-ds-kaggle-uncleaned/Uncleaned_DS_jobs.csv",
    ):
        for row_id in _rows(source):
            text = description(source, row_id)
            if text not in seen:  # the scraper repeats postings
                seen.add(text)
                postings.append((f"{source}#{row_id}", extract_responsibilities(text)))
    groups = group_responsibilities(postings, onet_tasks=tasks, min_share=0.01, max_groups=15)
    assert groups == group_responsibilities(
        postings, onet_tasks=tasks, min_share=0.01, max_groups=15
    )
    assert 5 <= len(groups) <= 15
    all_statements = {s for _, statements in postings for s in statements}
    for group in groups:
        assert group.statement in all_statements
        assert group.n_total == len(postings)
        assert group.n_postings >= max(2, 0.01 * len(postings))
        assert group.share == round(group.n_postings / group.n_total, 4)
        assert 0 < len(group.posting_ids) <= 5
        if group.onet_task is not None:
            assert group.similarity >= 0.3 and group.onet_task in tasks
    assert [g.n_postings for g in groups] == sorted((g.n_postings for g in groups), reverse=True)
    mapped = {g.statement: g.onet_task[1] for g in groups if g.onet_task}
    print(f"{len(mapped)}/{len(groups)} groups mapped to O*NET: {mapped}")
    assert mapped


def test_group_small_example() -> None:
    postings = [
        ("a", ["Build dashboards for sales leadership", "Write SQL queries against the warehouse"]),
        ("b", ["Building dashboards for the sales leadership team"]),
        (
            "c",
            [
                "Write complex SQL queries against our warehouse",
                "Mentor junior analysts on methods",
            ],
        ),
        ("d", []),
    ]
    tasks = [("1", "Write SQL queries to retrieve data from the warehouse."), ("2", "Plant trees.")]
    groups = group_responsibilities(postings, onet_tasks=tasks, min_share=0.5)
    assert [(g.n_postings, g.n_total, g.posting_ids) for g in groups] == [
        (2, 4, ("a", "b")),
        (2, 4, ("a", "c")),
    ]
    assert groups[1].onet_task == ("1", "Write SQL queries to retrieve data from the warehouse.")
    assert groups[0].onet_task is None
    assert group_responsibilities([]) == []


def test_load_onet_tasks() -> None:
    tasks = load_onet_tasks(data_dir() / TASKS)
    assert len(tasks) == len({task_id for task_id, _ in tasks}) > 17000
    scientists = dict(load_onet_tasks(data_dir() / TASKS, soc_prefixes=("15-2051.00",)))
    assert scientists and all(text for text in scientists.values())
    assert load_onet_tasks([("7", "Do it.")]) == [("7", "Do it.")]
    with pytest.raises(SourceError):
        load_onet_tasks(data_dir() / "no-such-file.txt")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_extract_properties(text: str) -> None:
    statements = extract_statements(text)
    assert statements == extract_statements(text)
    assert len({s.text.casefold() for s in statements}) == len(statements)
    for s in statements:
        assert MIN_WORDS <= len(s.text.split()) <= MAX_WORDS
        assert s.source in ("section", "fallback")
        assert not s.text.endswith((".", ";", ":", ","))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abcdef"), st.lists(st.text(max_size=60), max_size=4)), max_size=8
    )
)
def test_group_properties(postings: list[tuple[str, list[str]]]) -> None:
    groups = group_responsibilities(postings, min_share=0.1, max_groups=3)
    assert len(groups) <= 3
    for g in groups:
        assert 0 < g.share <= 1 and 2 <= g.n_postings <= g.n_total
        assert g.onet_task is None and g.similarity == 0.0


@given(st.text(max_size=200))
def test_normalize_properties(text: str) -> None:
    key = normalize_statement(text)
    assert key == normalize_statement(text)
    assert key == key.lower() and "  " not in key
