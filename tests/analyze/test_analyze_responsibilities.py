"""Responsibility themes: duty filter, employer counting, examples, O*NET task of a theme."""

from __future__ import annotations

import pytest

from roleatlas.analyze.responsibilities import (
    MIN_TASK_SIMILARITY,
    company_key,
    is_duty,
    load_themes,
    role_responsibilities,
    themes_of,
)


@pytest.mark.parametrize(
    "statement",
    [
        "At Sound Hound, we view our data and our engineering team as two of our biggest assets",
        "This role lives at the intersection of the two",
        "Our team builds dashboards for every market",
        "Analyze feature adoption to ensure we are developing the right products",
    ],
)
def test_company_talk_is_not_a_duty(statement: str) -> None:
    assert not is_duty(statement)
    assert themes_of(statement) == []


@pytest.mark.parametrize(
    ("statement", "theme"),
    [
        ("Design, build, and deploy machine learning models", "ml-models"),
        ("Creatively develop deep learning models for speech recognition", "ml-models"),
        ("Build and maintain ETL pipelines in Airflow", "data-pipelines"),
        ("Create dashboards and reports in Tableau for the sales team", "dashboards-reports"),
        ("Communicate findings to non-technical stakeholders", "communicate-findings"),
        ("Design and analyze A/B tests for the checkout flow", "experiments"),
        ("Clean and prepare data from multiple sources", "data-preparation"),
    ],
)
def test_duties_find_their_theme(statement: str, theme: str) -> None:
    assert theme in themes_of(statement)


def test_verb_must_be_a_verb() -> None:
    # "leaders" and "developers" are nouns, not the duty's verb
    assert "mentor-lead" not in themes_of(
        "Collaborate with product leaders and developers across the team"
    )


def test_company_key_folds_reposts() -> None:
    assert company_key("Sound Hound, Inc.") == company_key("SOUNDHOUND") == "soundhound"
    assert company_key(None) is None


def _rows(company: str, postings: int, statement: str, start: int = 0) -> list[dict[str, str]]:
    return [
        {"posting_id": f"{company}-{i}", "statement": statement, "company": company}
        for i in range(start, start + postings)
    ]


def test_one_employers_reposts_are_not_a_theme() -> None:
    rows = _rows("Acme", 6, "Build dashboards and reports for the sales team")
    rows += _rows("Beta", 1, "Write clear meeting notes for the team")
    rows += _rows("Gamma", 1, "Write clear meeting notes for the team")
    found = role_responsibilities(rows)
    assert found["n_read"] == 8
    assert "dashboards-reports" not in {it["theme"] for it in found["items"]}
    assert found["statement_groups"] == []  # each wording comes from fewer than 3 employers


def test_theme_counts_postings_and_employers() -> None:
    rows = _rows("Acme", 3, "Build dashboards and reports for the sales team")
    rows += _rows("Beta", 1, "Create Tableau dashboards for finance")
    rows += _rows("Gamma", 1, "Develop reports on weekly revenue")
    rows += _rows("Delta", 5, "Answer the phone politely every day")
    tasks = [
        {"code": "15-2051.00", "task_id": "1", "task": "Design surveys to collect data."},
        {
            "code": "15-2051.00",
            "task_id": "2",
            "task": "Create graphs, charts, or other visualizations to convey results.",
        },
        {"code": "15-2051.00", "task_id": "3", "task": "Build dashboards and reports for users."},
    ]
    found = role_responsibilities(rows, tasks=tasks)
    item = next(it for it in found["items"] if it["theme"] == "dashboards-reports")
    assert (item["count"], item["n"], item["companies"]) == (5, 10, 3)
    assert item["share"] == 0.5 and item["ci"][0] < 0.5 < item["ci"][1]
    # task 2 shares only "create" with the theme's statements: below the stated similarity
    assert item["onet_task"]["task_id"] == "3"
    assert item["onet_task"]["similarity"] >= MIN_TASK_SIMILARITY
    only_two = role_responsibilities(rows, tasks=tasks[:2])
    item = next(it for it in only_two["items"] if it["theme"] == "dashboards-reports")
    assert item["onet_task"] is None
    companies = [e["posting_id"].split("-")[0] for e in item["examples"]]
    assert len(companies) == len(set(companies)) == 3


def test_thin_share_threshold() -> None:
    rows = [
        {"posting_id": f"p{i}", "statement": "Answer the phone politely", "company": f"c{i}"}
        for i in range(100)
    ]
    rows += [
        {"posting_id": f"p{i}", "statement": "Build and maintain ETL pipelines", "company": f"c{i}"}
        for i in range(4)
    ]
    assert role_responsibilities(rows)["items"] == []  # 4% < 5% of postings
    assert role_responsibilities(rows, min_share=0.03)["items"][0]["theme"] == "data-pipelines"


def test_themes_file_is_well_formed() -> None:
    themes = load_themes()
    assert len({t.id for t in themes}) == len(themes) >= 12
