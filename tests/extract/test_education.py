"""Degree levels, years of experience, fields of study and certifications."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roleatlas.extract.education import extract_education


@pytest.mark.parametrize(
    ("text", "low", "preferred"),
    [
        ("BS/MS in Computer Science", "bachelor", None),
        ("Master's or PhD in Statistics", "master", None),
        ("PhD preferred, MS required.", "master", "phd"),
        ("Bachelor's degree required; Master's preferred.", "bachelor", "master"),
        ("High school diploma or GED required.", "high school", None),
        ("Associate's degree in IT", "associate", None),
        ("Located in Jackson, MS 39201. Proficient in MS Excel.", None, None),
        ("Great teammates and free snacks.", None, None),
        ("Working experienceBachelor's degree in Economics", "bachelor", None),
    ],
)
def test_degree_levels(text: str, low: str | None, preferred: str | None) -> None:
    education = extract_education(text)
    assert (education.degree_min, education.degree_preferred) == (low, preferred)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("3+ years of experience with SQL", 3, None),
        ("3-5 years of relevant experience", 3, 5),
        ("A minimum of two years experience in analytics", 2, None),
        ("Seven (7) years of professional experience", 7, None),
        ("Founded 20 years ago, we serve banks. 4+ years of experience required.", 4, None),
        ("We have served clients for over 25 years.", None, None),
        ("1-3 years experience", 1, 3),
    ],
)
def test_years_of_experience(text: str, low: float | None, high: float | None) -> None:
    education = extract_education(text)
    assert (education.years_experience_min, education.years_experience_max) == (low, high)


def test_fields_of_study_and_certifications() -> None:
    education = extract_education(
        "BS in Computer Science, Statistics or Economics. AWS Certified Solutions Architect a plus."
    )
    assert education.fields_of_study == ("computer science", "statistics", "economics")
    assert education.certifications == ("AWS Certified Solutions Architect",)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_never_crashes(text: str) -> None:
    education = extract_education(text)
    assert education == extract_education(text)
