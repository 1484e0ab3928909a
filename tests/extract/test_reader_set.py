"""The reader-labeled set, degree misreads, German postings, employers and skill families."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleatlas.extract.education import extract_education
from roleatlas.extract.posting import extract_batch
from roleatlas.extract.skill_taxonomy import broader_names, skills_by_name
from roleatlas.extract.skills import extract_skills
from roleatlas.extract.skills_eval import evaluate_skills, read_labels

EVAL = Path(__file__).resolve().parents[2] / "eval"
READER = EVAL / "skills_reader.jsonl"


def _names(text: str, **kwargs) -> set[str]:
    return {m.name for m in extract_skills(text, **kwargs)}


def test_reader_set_shape() -> None:
    dev, held = read_labels(READER), read_labels(EVAL / "skills_reader_holdout.jsonl")
    assert len(dev) + len(held) >= 100 and len(held) == 30
    assert not {r["id"] for r in dev} & {r["id"] for r in held}
    assert sum(r["lang"] == "de" for r in dev + held) >= 10
    modern = ("linkedin-us-ml", "linkedin-us-aiml", "remotewlb", "hackernews")
    assert sum(r["source"] in modern for r in dev + held) >= 40


def test_reader_set_floor() -> None:
    report = evaluate_skills(READER)
    figures = report.to_dict()
    assert figures["precision"] >= 0.90 and figures["recall"] >= 0.86
    assert figures["degree_min_accuracy"] >= 0.92
    assert figures["years_experience_min_accuracy"] >= 0.92
    assert figures["by_language"]["de"]["degree_min_accuracy"] >= 0.9
    text = report.render()
    assert "misses by category:" in text and "false positives by category:" in text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Master's degree preferred; bachelor's degree required.", "bachelor"),
        ("Certified Scrum Master a plus. Bachelor's degree in CS.", "bachelor"),
        ("Our product is a next-generation Master Scheduler. BS in Statistics.", "bachelor"),
        ("A drive to learn and master new technologies.", None),
        ("You are a master communicator. Bachelor's degree preferred.", "bachelor"),
        ("Working knowledge of SAP Material Master preferred. Bachelor's degree.", "bachelor"),
        (
            "We have a position in Vicksburg, MS for a scientist. Bachelor of Science or higher",
            "bachelor",
        ),
        ("Master your craft with leading training programs.", None),
        ("Master in CS/CE/EE, or equivalent", "master"),
        ("Abgeschlossenes Studium der Informatik, Mathematik oder vergleichbar", "bachelor"),
        ("Einen Hochschulabschluss in einem MINT-Fach", "bachelor"),
        ("Erfolgreich vorangetriebenes Bachelor- oder Masterstudium (FH/Universität)", None),
    ],
)
def test_degree_reading(text: str, level: str | None) -> None:
    assert extract_education(text).degree_min == level


def test_german_years_and_skills() -> None:
    text = (
        "Du verfügst über mindestens 3 Jahre Berufserfahrung mit maschinellem Lernen und Statistik."
    )
    assert extract_education(text).years_experience_min == 3
    names = _names("Erfahrung mit Datenbanken, Statistik und maschinelles Lernen; agiles Mindset")
    assert {"Database design", "Statistics", "Machine learning", "Agile"} <= names


def test_employer_is_no_tool_unless_listed_with_tools() -> None:
    text = "At Snowflake we build the data cloud. Experience with Snowflake is a must."
    assert "Snowflake" not in _names(text, company="Snowflake Computing, Inc.")
    listed = "Experience with MPP databases, such as Snowflake, Redshift, BigQuery."
    assert "Snowflake" in _names(listed, company="Snowflake Computing")
    assert "Snowflake" in _names(text)
    rows = extract_batch([{"id": 1, "title": "DE", "description": text, "company": "Snowflake"}])
    assert "Snowflake" not in {s["name"] for s in rows[0]["skills"]}


def test_named_methods_keep_their_family() -> None:
    names = _names(
        "Random forest, k-means, LSTM and logistic regression; fine-tuning LLMs with LoRA"
    )
    assert {"Random forest", "K-means", "LSTM", "Logistic regression", "LoRA"} <= names
    assert broader_names("Random forest")[0] == "Decision trees"
    assert "Fine-tuning" in broader_names("LoRA")
    by_name = skills_by_name()
    assert all(b in by_name for s in by_name.values() for b in s.broader)


def test_ai_needs_work_asked_of_it() -> None:
    assert "Artificial intelligence" not in _names("We are an AI company building AI solutions.")
    assert "Artificial intelligence" in _names("Experience with AI/ML and Python.")
    assert "Artificial intelligence" in _names("Strong experience in artificial intelligence.")
