"""The title classifier on real messy titles, its CLI and its evaluation on eval/titles.csv."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from roleatlas.cli import main
from roleatlas.exceptions import InputError
from roleatlas.normalize.titles import TitleClass, classify_title, classify_titles
from roleatlas.normalize.titles_eval import evaluate_titles
from roleatlas.normalize.titles_io import read_titles

LABELS = Path(__file__).resolve().parents[2] / "eval" / "titles.csv"
KENJEE = Path("glassdoor-ds-2020-kenjee") / "glassdoor_jobs.csv"
AU = Path("glassdoor-au-da-2021-poorvaldhotre") / "glassdoor_jobs.csv"


@pytest.mark.parametrize(
    ("title", "role", "seniority"),
    [
        ("Sr. Data Scientist II", "data-scientist", "senior"),
        ("Data Engineer - 100% Remote", "data-engineer", "mid"),
        ("Big data Technical Manager/ Analyst", "data-engineering-manager", "manager"),
        ("Scientist - Biomarker and Flow Cytometry", "other", "mid"),
        ("Data Center Engineer", "other", "mid"),
        ("Restaurant Crew Member", "other", "mid"),
        ("Research Scientist, Immunology - Cancer Biology", "other", "mid"),
        ("Research Scientist - Computer Vision", "research-scientist", "mid"),
        ("SQL Data Analyst", "data-analyst", "mid"),
        ("Marketing Data Analyst", "data-analyst", "mid"),
        ("Finance Data Analyst", "data-analyst", "mid"),
        ("Digital Marketing Analyst", "marketing-analyst", "mid"),
        ("Senior Financial Analyst", "other", "senior"),
        ("Director, Data Science", "head-of-data-science", "director"),
        ("VP of Machine Learning", "head-of-machine-learning", "executive"),
        ("Head of Business Intelligence", "head-of-data", "director"),
        ("Chief Data and Analytics Officer", "chief-data-officer", "executive"),
        ("Chief AI Officer", "chief-data-officer", "executive"),
        ("Data Science Manager", "data-science-manager", "manager"),
        ("Manager, Data Engineering", "data-engineering-manager", "manager"),
        ("AI Engineering Manager", "machine-learning-manager", "manager"),
        ("Staff Machine Learning Engineer", "machine-learning-engineer", "lead"),
        ("Data Scientist Intern", "data-scientist", "intern"),
        ("Junior Data Engineer II", "data-engineer", "entry"),
        ("Data Analyst I", "data-analyst", "entry"),
        ("Data Engineer 4 - Contract", "data-engineer", "senior"),
        ("Prompt Engineer", "prompt-engineer", "mid"),
        ("MLOps Engineer", "mlops-engineer", "mid"),
        ("NLP Engineer", "nlp-engineer", "mid"),
        ("Analista de Datos", "data-analyst", "mid"),
        ("Nursing Instructor", "other", "mid"),
        ("Technical Recruiter", "other", "mid"),
        ("AI Product Manager", "ai-product-manager", "mid"),
    ],
)
def test_real_titles(title, role, seniority):
    result = classify_title(title)
    assert (result.role, result.seniority) == (role, seniority), result.reasons
    assert 0.0 <= result.confidence <= 1.0 and result.title == title


def test_result_is_frozen_with_reasons():
    result = classify_title("Lead Data Scientist")
    assert isinstance(result, TitleClass) and result.reasons
    with pytest.raises(AttributeError):
        result.role = "other"  # type: ignore[misc]


def test_description_settles_a_bare_head_noun_only():
    text = "We build machine learning models. Our ML platform serves ML predictions."
    assert classify_title("Engineer").role == "software-engineer"
    assert classify_title("Engineer", description=text).role == "machine-learning-engineer"
    assert classify_title("Data Analyst", description=text).role == "data-analyst"


def test_batch_matches_single_and_keeps_order():
    titles = ["Data Engineer", "Hair Stylist", "  data engineer ", "Senior BI Analyst"]
    assert classify_titles(titles) == [classify_title(t) for t in titles]
    assert [r.title for r in classify_titles(titles)] == titles


def test_non_text_title_is_an_input_error():
    with pytest.raises(InputError):
        classify_title(None)  # type: ignore[arg-type]


def test_cli_classifies_a_real_csv_in_input_order(data_dir):
    path = data_dir / KENJEE
    with path.open(encoding="utf-8", newline="") as handle:
        expected = [row["Job Title"] for row in csv.DictReader(handle)]
    result = CliRunner().invoke(
        main, ["titles", "classify", str(path), "--column", "Job Title", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.output.splitlines()))
    assert [r["title"] for r in rows] == expected
    assert {"title", "role", "seniority", "confidence"} <= set(rows[0])
    assert sum(r["role"] == "data-scientist" for r in rows) > len(rows) / 3


def test_cli_jsonl_from_stdin_with_explain(data_dir):
    path = data_dir / AU
    titles = read_titles(str(path), column="Job Title")[:40]
    lines = "\n".join(json.dumps({"job": t}) for t in titles)
    result = CliRunner().invoke(
        main, ["titles", "classify", "-", "--column", "job", "--explain"], input=lines
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["title"] for r in records] == titles
    assert all(r["explain"].startswith("role: ") for r in records)


def test_cli_missing_column_is_one_clear_line(data_dir):
    result = CliRunner().invoke(main, ["titles", "classify", str(data_dir / AU), "--column", "x"])
    assert result.exit_code == 2
    assert "no column 'x'" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_cli_bad_jsonl_and_missing_file_are_input_errors(tmp_path):
    bad = tmp_path / "titles.jsonl"
    bad.write_text('{"title": "Data Analyst"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["titles", "classify", str(bad)])
    assert result.exit_code == 2 and "line 2" in result.output
    result = CliRunner().invoke(main, ["titles", "classify", str(tmp_path / "none.csv")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_evaluation_on_the_labeled_set_guards_regressions():
    report = evaluate_titles(LABELS)
    assert report.rows >= 500
    assert report.role_accuracy >= 0.95 and report.seniority_accuracy >= 0.95
    assert set(report.splits) == {"dev", "holdout"}
    assert report.splits["holdout"].role_accuracy >= 0.95
    assert json.loads(json.dumps(report.to_dict()))["rows"] == report.rows


def test_eval_command_prints_the_report():
    result = CliRunner().invoke(main, ["eval", "titles", str(LABELS)])
    assert result.exit_code == 0, result.output
    assert "role accuracy" in result.output and "seniority accuracy" in result.output
    assert "confusions" in result.output and "worst errors" in result.output


def test_labeled_set_is_distinct_real_titles_from_every_source():
    with LABELS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    titles = [" ".join(r["title"].casefold().split()) for r in rows]
    assert len(set(titles)) == len(titles) >= 500
    sources = {r["source"] for r in rows}
    assert {"ai-jobs-net", "linkedin-ca-2018-linpingyu", "indeed-ca-2018-linpingyu"} <= sources
    assert sum(s.startswith("glassdoor") for s in sources) == 5
