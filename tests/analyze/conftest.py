"""Fixtures for the analysis tests: a store holding the real ai-jobs.net survey."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from roleatlas.store import Store

#: exact survey titles used as roles in these tests (the real build uses the role taxonomy)
TEST_ROLES = {
    "Data Scientist": "data-scientist",
    "Data Analyst": "data-analyst",
    "Data Engineer": "data-engineer",
    "Machine Learning Engineer": "machine-learning-engineer",
    "Head of Data": "head-of-data",
}
EXPERIENCE_TO_SENIORITY = {"EN": "entry", "MI": "mid", "SE": "senior", "EX": "executive"}
REMOTE = {"0": "onsite", "50": "hybrid", "100": "remote"}


def survey_rows(path: Path) -> list[dict]:
    """The survey CSV as ``survey_facts`` rows; a row repeating an earlier one is a duplicate."""
    seen: set[tuple[str, ...]] = set()
    rows = []
    with path.open(newline="", encoding="utf-8") as fh:
        for i, rec in enumerate(csv.DictReader(fh)):
            key = tuple(rec.values())
            rows.append(
                {
                    "record_id": f"r{i}",
                    "is_duplicate": key in seen,
                    "role": TEST_ROLES.get(rec["job_title"]),
                    "seniority": EXPERIENCE_TO_SENIORITY.get(rec["experience_level"]),
                    "experience_level": rec["experience_level"],
                    "employment_type": rec["employment_type"],
                    "work_year": int(rec["work_year"]),
                    "salary_in_usd": float(rec["salary_in_usd"]),
                    "employee_residence": rec["employee_residence"],
                    "company_location": rec["company_location"],
                    "company_size": rec["company_size"],
                    "remote": REMOTE.get(rec["remote_ratio"]),
                }
            )
            seen.add(key)
    return rows


@pytest.fixture(scope="session")
def survey_csv(data_dir: Path) -> Path:
    path = data_dir / "ai-jobs-net" / "salaries.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    return path


@pytest.fixture(scope="session")
def survey_db(survey_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("survey") / "survey.duckdb"
    with Store(path) as store:
        store.insert("survey_facts", survey_rows(survey_csv))
    return path


@pytest.fixture
def survey_store(survey_db: Path):  # type: ignore[no-untyped-def]
    with Store(survey_db, read_only=True) as store:
        yield store
