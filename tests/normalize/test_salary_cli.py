"""The salaries CLI and the salary evaluation over eval/salaries.csv."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from roleatlas.cli import main
from roleatlas.normalize.salary_eval import evaluate_salaries

LABELS = Path(__file__).resolve().parents[2] / "eval" / "salaries.csv"
# 2024-2026 sources; its held-out twin (salaries_2024_holdout.csv) is scored by hand, not here
LABELS_2024 = LABELS.with_name("salaries_2024.csv")


def test_parse_csv_stdin_to_jsonl_in_input_order():
    data = 'raw_salary\n"$53K-$91K (Glassdoor est.)"\n-1\n"$17-$24 Per Hour(Glassdoor est.)"\n'
    result = CliRunner().invoke(main, ["salaries", "parse", "-"], input=data)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["raw"] for r in rows] == [
        "$53K-$91K (Glassdoor est.)",
        "-1",
        "$17-$24 Per Hour(Glassdoor est.)",
    ]
    assert rows[0]["min_amount"] == 53000 and rows[0]["is_estimate"] is True
    assert rows[1]["min_amount"] is None
    assert rows[2]["period"] == "hour" and rows[2]["annual_max"] == 24 * 2080


def test_parse_jsonl_file_to_csv_with_default_currency(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"s": "$60K - $70K (Glassdoor Est.)"}\n{"s": "$2B"}\n', encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "salaries",
            "parse",
            str(path),
            "--column",
            "s",
            "--format",
            "csv",
            "--default-currency",
            "AUD",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.output.splitlines()))
    assert rows[0]["currency"] == "AUD" and rows[0]["max_amount"] == "70000"
    assert rows[1]["currency"] == ""


def test_sniffs_jsonl_without_extension(tmp_path):
    path = tmp_path / "data"
    path.write_text('{"raw_salary": "£45,000 per annum"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["salaries", "parse", str(path)])
    assert json.loads(result.output)["currency"] == "GBP"


def test_missing_column_is_one_clear_line(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("salary\n$1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["salaries", "parse", str(path), "--column", "pay"])
    assert result.exit_code == 2
    assert "no column 'pay'" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_eval_command_meets_regression_guard():
    result = CliRunner().invoke(main, ["eval", "salaries", str(LABELS)])
    assert result.exit_code == 0, result.output
    assert "exact" in result.output and "per field" in result.output
    report = evaluate_salaries(LABELS)
    assert report.total >= 300
    assert report.accuracy >= 0.97
    data = report.to_dict()
    assert set(data) >= {"accuracy", "field_accuracy", "pay_confusion", "worst_errors"}


def test_eval_labels_cover_every_source():
    with LABELS.open(newline="", encoding="utf-8") as fh:
        sources = {row["source"].split("/")[0] for row in csv.DictReader(fh)}
    for prefix in (
        "glassdoor-ds-2020",
        "glassdoor-ds-kaggle",
        "glassdoor-da-2022",
        "glassdoor-de-2023",
        "glassdoor-au",
        "linkedin",
        "indeed",
    ):
        assert any(s.startswith(prefix) for s in sources), prefix


def test_eval_2024_sources_meet_regression_guard():
    report = evaluate_salaries(LABELS_2024)
    assert report.total >= 200
    assert report.accuracy >= 0.99
    with LABELS_2024.open(newline="", encoding="utf-8") as fh:
        sources = {row["source"].split("/")[0] for row in csv.DictReader(fh)}
    assert sources >= {
        "remotewlb-2024",
        "linkedin-us-ml-2025-ivankmk",
        "linkedin-us-aiml-2024",
        "hn-whoishiring-2026",
    }


def test_eval_missing_column(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("raw\n$1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "salaries", str(path)])
    assert result.exit_code == 2 and "missing column" in result.output
