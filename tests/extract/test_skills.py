"""Skill extraction: ambiguous names, spans into the original text, required context."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roleatlas.extract.skill_taxonomy import fold, skills_by_name
from roleatlas.extract.skills import extract_skills


def names(text: str, **kwargs) -> set[str]:
    return {m.name for m in extract_skills(text, **kwargs)}


@pytest.mark.parametrize(
    ("text", "skill", "present"),
    [
        ("Experience with Python, R, and SQL.", "R", True),
        ("Tools: R/Python for modeling", "R", True),
        ("Strong programming skills in R.", "R", True),
        ("Our R&D group builds sensors.", "R", False),
        ("Contact R. Smith for details", "R", False),
        ("Led by J.R. Ewing since 1990", "R", False),
        ("Experience in C/C++ and Java", "C", True),
        ("Programming in C, Python or Go", "C", True),
        ("Present to C-level executives", "C", False),
        ("Proficiency in C++ required", "C", False),
        ("Building services in C# and .NET", "C", False),
        ("Languages: Python, Go, Rust", "Go", True),
        ("Backend work in Golang", "Go", True),
        ("Go the extra mile for customers", "Go", False),
        ("You are a go-getter who can go fast", "Go", False),
        ("Numerical work in Python, Julia or MATLAB", "Julia", True),
        ("Please send your resume to Julia Roberts", "Julia", False),
        ("Big data with Apache Spark and Hadoop", "Apache Spark", True),
        ("Experience with Spark SQL and Hive", "Apache Spark", True),
        ("Ideas that spark joy in our users", "Apache Spark", False),
        ("Advanced Excel skills (pivot tables)", "Microsoft Excel", True),
        ("Proficient in Word, Excel and PowerPoint", "Microsoft Excel", True),
        ("You will excel in a fast-paced team", "Microsoft Excel", False),
        ("Candidates who excel at communication", "Microsoft Excel", False),
        ("Analysis in SAS and SPSS", "SAS", True),
        ("We sell a SaaS platform to banks", "SAS", False),
        ("Functional programming in Scala", "Scala", True),
        ("Dashboards in Looker and Tableau", "Looker", True),
        ("Pipelines orchestrated with Airflow", "Apache Airflow", True),
        ("Data lake on HDFS queried with Hive", "Apache Hive", True),
        ("Experience building ML models", "Machine learning", True),
        ("Web pages in HTML and XML feeds", "Machine learning", False),
        ("Reporting in Power BI and other BI tools", "Business intelligence", True),
        ("Senior BI Analyst position", "Business intelligence", False),
        ("Cloud experience: AWS, GCP or Azure", "Google Cloud Platform", True),
        ("Knowledge of ICH, GCP and clinical regulations", "Google Cloud Platform", False),
        ("Languages: Python, Spark, SQL", "SQL", True),
        ("Visit https://example.com/python-jobs.html today", "HTML", False),
    ],
)
def test_ambiguous_names(text: str, skill: str, present: bool) -> None:
    assert (skill in names(text)) is present


def test_aliases_and_spelling_variants() -> None:
    text = "Modeling with sklearn and scikit learn; reports in PowerBI; Amazon Web Services"
    found = {m.name: m for m in extract_skills(text)}
    assert {"scikit-learn", "Power BI", "AWS"} <= set(found)
    assert len(found["scikit-learn"].spans) == 2


def test_spans_point_at_an_alias_in_the_original_text() -> None:
    text = "Requirements:\n  * 3+ years with  PYTHON,\tScikit-Learn and\nmachine   learning.\n"
    aliases = {s.name: s for s in skills_by_name().values()}
    for match in extract_skills(text):
        skill = aliases[match.name]
        forms = {fold(a) for a in (*skill.aliases, *skill.cased, *skill.ambiguous)}
        for start, end in match.spans:
            assert fold(text[start:end]) in forms


def test_glued_linkedin_text() -> None:
    text = (
        "Location: Irvine, CASalary $110,000QualificationsExperience with SQL and TableauBachelor's"
    )
    found = names(text)
    assert {"SQL", "Tableau"} <= found


def test_required_and_preferred_context() -> None:
    text = (
        "Requirements:\n- Python and SQL\n\nNice to have:\n- Tableau\n- Spark is a plus\n"
        "About us: we use Excel everywhere."
    )
    found = {m.name: m.required for m in extract_skills(text)}
    assert found["Python"] is True and found["SQL"] is True
    assert found["Tableau"] is False and found["Apache Spark"] is False


def test_sentence_level_preferred() -> None:
    found = {m.name: m.required for m in extract_skills("Experience with Docker is preferred.")}
    assert found["Docker"] is False


def test_field_of_study_is_not_a_skill() -> None:
    assert "Statistics" not in names("Master's degree in Statistics, Mathematics or Physics.")
    assert "Statistics" in names("Master's degree required. Strong knowledge of statistics.")


def test_core_only_switch() -> None:
    text = "Front ends in JavaScript and jQuery; models in Python and SQL."
    assert "jQuery" in names(text)  # from the O*NET breadth list
    assert names(text, breadth=False) == {"JavaScript", "Python", "SQL"}


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_never_crashes_and_spans_are_valid(text: str) -> None:
    matches = extract_skills(text)
    assert matches == extract_skills(text)
    for match in matches:
        for start, end in match.spans:
            assert 0 <= start < end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Python", "R", "SQL", " ", ", ", "/", "\n", "Go", "C++", "excel",
                                 "Spark", "ML", "İ", "ß", "experience", "Bachelor", "PowerBI"]),
                max_size=30))  # fmt: skip
def test_tokens_never_crash(parts: list[str]) -> None:
    text = "".join(parts)
    for match in extract_skills(text):
        for start, end in match.spans:
            assert 0 <= start < end <= len(text) and text[start:end].strip()
