"""The title classifier on 2022-2026 and German postings, and on eval/titles_2024.csv."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from roleatlas.cli import main
from roleatlas.normalize.titles import classify_title
from roleatlas.normalize.titles_eval import evaluate_titles

LABELS = Path(__file__).resolve().parents[2] / "eval" / "titles_2024.csv"
SOURCES = {
    "remotewlb-2024",
    "linkedin-us-ml-2025-ivankmk",
    "linkedin-us-aiml-2024",
    "hn-whoishiring-2026",
    "stepstone-de-2024-sspratz96",
    "stepstone-de-2022-agurowietz",
}


@pytest.mark.parametrize(
    ("title", "role", "seniority"),
    [
        # A specialty after a comma, dash or bracket outranks plain software engineering.
        ("Software Engineer, Machine Learning", "machine-learning-engineer", "mid"),
        ("Lead Software Engineer, Machine Learning", "machine-learning-engineer", "lead"),
        ("Software Engineer, ML Infrastructure, Limited Duration", "mlops-engineer", "mid"),
        ("Senior Software Engineer - AI Platform", "mlops-engineer", "senior"),
        ("Staff Software Engineer (Generative AI)", "ai-engineer", "lead"),
        ("Senior Software Engineer, Data Platform", "data-engineer", "senior"),
        ("Software Engineer, Computer Vision - Reality Labs", "computer-vision-engineer", "mid"),
        ("Senior Software Engineer - Conversational AI", "nlp-engineer", "senior"),
        ("AI/ML Senior Software Engineer (United States)", "machine-learning-engineer", "senior"),
        ("Gen AI Software Developer Senior", "ai-engineer", "senior"),
        ("Machine Learning Operations (MLOps) Engineer", "mlops-engineer", "mid"),
        ("Machine Learning (Data Focused)  Engineer", "machine-learning-engineer", "mid"),
        ("Lead ML Operations Engineer (MLOps)", "mlops-engineer", "lead"),
        ("Lead Product Engineer - ML Platform", "mlops-engineer", "lead"),
        # ...but a stack or a plain team name does not.
        (
            "Senior Software Developer (JavaScript, TypeScript and SQL)",
            "software-engineer",
            "senior",
        ),
        ("Senior Software Engineer, Frontend", "software-engineer", "senior"),
        ("Software Engineer (Unreal Engine)", "software-engineer", "mid"),
        (
            "Software Engineer for Training AI Data - Python, Dutch Language",
            "software-engineer",
            "mid",
        ),
        # 2024-2026 vocabulary.
        ("AI Engineer (US)", "ai-engineer", "mid"),
        ("Junior AI Engineer", "ai-engineer", "entry"),
        ("Applied AI Engineer", "ai-engineer", "mid"),
        ("Senior Agentic AI Engineers", "ai-engineer", "senior"),
        ("Fullstack AI Agent Engineer", "ai-engineer", "mid"),
        ("Lead Machine Learning Engineer (LLM)", "machine-learning-engineer", "lead"),
        ("Machine Learning Platform Engineer", "mlops-engineer", "mid"),
        ("Founding ML Engineer", "machine-learning-engineer", "senior"),
        ("Founding Engineer (Staff level)", "software-engineer", "lead"),
        ("Forward Deployed Engineers", "solutions-architect", "mid"),
        ("Forward Deployed AI Engineer", "ai-engineer", "mid"),
        ("Senior ML Engineer", "machine-learning-engineer", "senior"),
        ("Staff SWE, AI", "ai-engineer", "lead"),
        ("PyTorch Development Lead", "machine-learning-engineer", "lead"),
        # Levels: Google-style L5/L6, "Senior/Lead" open from the first level.
        ("Research Engineer L5 - Machine Learning Efficiency", "research-engineer", "senior"),
        (
            "Software Engineer L6 - Operating System Security Development",
            "software-engineer",
            "lead",
        ),
        ("Senior/Lead Data Analyst", "data-analyst", "senior"),
        ("Senior or Staff Software Engineer in Test", "software-engineer", "senior"),
        # German postings: gender markers and endings, job words, student jobs.
        ("Data Scientist (m/w/d)* im Controlling", "data-scientist", "mid"),
        ("Azure Data Engineer m/w/d", "data-engineer", "mid"),
        ("(Senior) Cloud Data Engineer Supply Solutions (m/w/d)", "data-engineer", "senior"),
        ("Senior Java Backend Engineer – IT Area DL Secure (w/m/d)", "software-engineer", "senior"),
        ("Senior Data Engineer (m/w/d)", "data-engineer", "senior"),
        (
            "Cloud Data Architect/Teamlead für IT Cloud Development (all genders)",
            "data-architect",
            "lead",
        ),
        ("Datenanalyst (w/m/d)", "data-analyst", "mid"),
        (
            "Datenanalyst:in Schwerpunkt strategische Vertriebssteuerung (m/w/d)",
            "data-analyst",
            "mid",
        ),
        ("Datenanalytiker (m/w/d) im Vertragsmanagement", "data-analyst", "mid"),
        ("Data Scientist / Datenwissenschaftler*in (m/w/d)", "data-scientist", "mid"),
        ("Praktikant*in Data Scientist (m/w/d)", "data-scientist", "intern"),
        ("Praktikum (m/w/d) in Technology, Data & Innovation 2024", "data-analyst", "intern"),
        ("Werkstudent Data Engineering (m/w/d)", "data-engineer", "intern"),
        (
            "Werkstudententätigkeit im Bereich Machine Learning Engineer / Data Scientist ab Juli 2022",
            "machine-learning-engineer",
            "intern",
        ),
        (
            "Abteilungsleitung (m/w/d) Data Integration & Software Development",
            "head-of-data",
            "director",
        ),
        ("Analyst Data Science & Artificial Intelligence (m/w/d)", "data-scientist", "mid"),
        ("Referent Data Engineering (m/w/d)", "data-engineer", "mid"),
        ("(Senior) DWH Analyst (m/w/d)", "data-engineer", "senior"),
        ("Webanalyst (m/w/d)", "marketing-analyst", "mid"),
        ("Softwareentwickler (w/m/d)", "software-engineer", "mid"),
        (
            "Full stack Data Engineer (w/m/d) für ein KI-Projekt in der onkologischen Forschung am CIO",
            "data-engineer",
            "mid",
        ),
    ],
)
def test_real_2022_2026_titles(title, role, seniority):
    result = classify_title(title)
    assert (result.role, result.seniority) == (role, seniority), result.reasons


@pytest.mark.parametrize(
    ("description", "role"),
    [
        (
            "You will pretrain large language models, run research experiments on training "
            "dynamics and turn research ideas into code with our research scientists.",
            "research-engineer",
        ),
        (
            "Build machine learning models for ranking. Our ML platform serves ML predictions.",
            "machine-learning-engineer",
        ),
        (
            "Build LLM agents for customers: prompts, retrieval and evaluation of AI features. "
            "Our AI platform ships weekly.",
            "ai-engineer",
        ),
        ("We build the backend of a payments product in Go and Postgres.", "software-engineer"),
    ],
)
def test_member_of_technical_staff_is_decided_by_its_description(description, role):
    assert classify_title("Member of Technical Staff").role == "software-engineer"
    assert classify_title("Member of Technical Staff", description=description).role == role


WORDS = st.sampled_from(
    "data scientist engineer analyst senior jr lead head of director ml ai bi - , / "
    "manager intern ii 3 machine learning software werkstudent datenanalyst leiter".split()
)
MARKERS = st.sampled_from(["(m/w/d)", "(w/m/d)", "(m/f/d)", "(all genders)", "m/w/d", "(f/m/x)"])


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=8).map(" ".join), MARKERS)
def test_a_gender_marker_never_changes_the_classification(title, marker):
    base, marked = classify_title(title), classify_title(f"{title} {marker}")
    assert (marked.role, marked.seniority) == (base.role, base.seniority)


def test_evaluation_on_the_2022_2026_set_guards_regressions():
    report = evaluate_titles(LABELS)
    assert report.rows >= 300
    assert set(report.splits) == {"dev", "holdout"}
    for split in report.splits.values():
        assert split.role_accuracy >= 0.96 and split.seniority_accuracy >= 0.96


def test_2022_2026_set_is_distinct_real_titles_from_every_new_source():
    with LABELS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    titles = [" ".join(r["title"].casefold().split()) for r in rows]
    assert len(set(titles)) == len(titles) >= 300
    assert {r["source"] for r in rows} == SOURCES
    holdout = sum(r["split"] == "holdout" for r in rows) / len(rows)
    assert 0.25 <= holdout <= 0.4
    old = Path(__file__).resolve().parents[2] / "eval" / "titles.csv"
    with old.open(encoding="utf-8", newline="") as handle:
        older = {" ".join(r["title"].casefold().split()) for r in csv.DictReader(handle)}
    assert not older & set(titles)


def test_eval_command_without_labels_runs_both_sets():
    result = CliRunner().invoke(main, ["eval", "titles"])
    assert result.exit_code == 0, result.output
    assert "eval/titles.csv" in result.output and "eval/titles_2024.csv" in result.output
    result = CliRunner().invoke(main, ["eval", "titles", "--json"])
    assert [r["path"] for r in json.loads(result.output)] == [
        "eval/titles.csv",
        "eval/titles_2024.csv",
    ]
