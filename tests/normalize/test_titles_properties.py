"""Hypothesis properties of the title classifier: total, deterministic, case-insensitive."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from roleatlas.normalize.roles import SENIORITY_LEVELS, load_taxonomy
from roleatlas.normalize.titles import classify_title

ROLES = set(load_taxonomy().roles)
WORDS = st.sampled_from(
    "data scientist engineer analyst senior jr lead head of director ml ai bi - , / ( ) "
    "manager intern ii 3 machine learning business marketing research lab & vp chief".split()
)
TITLES = st.one_of(st.text(max_size=80), st.lists(WORDS, max_size=10).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(TITLES)
def test_never_crashes_and_stays_in_the_taxonomy(title):
    result = classify_title(title)
    assert result.role in ROLES and result.seniority in SENIORITY_LEVELS
    assert 0.0 <= result.confidence <= 1.0 and result.reasons


@settings(max_examples=200, deadline=None)
@given(TITLES)
def test_deterministic(title):
    assert classify_title(title) == classify_title(title)


@settings(max_examples=200, deadline=None)
@given(TITLES, st.sampled_from(["", " ", "  \t", "\n"]), st.sampled_from(["", " ", "\t "]))
def test_case_and_surrounding_whitespace_insensitive(title, before, after):
    base = classify_title(title)
    for variant in (title.upper(), title.lower(), f"{before}{title}{after}"):
        other = classify_title(variant)
        assert (other.role, other.seniority, other.confidence, other.reasons) == (
            base.role,
            base.seniority,
            base.confidence,
            base.reasons,
        )


@settings(max_examples=100, deadline=None)
@given(TITLES, st.text(max_size=200))
def test_description_never_crashes(title, description):
    assert classify_title(title, description=description).role in ROLES
