"""The skills taxonomy: size, validation, O*NET and ESCO links."""

from __future__ import annotations

import pytest

from roleatlas.exceptions import TaxonomyError
from roleatlas.extract.skill_taxonomy import Skill, load_skills, skills_by_name, validate_skills


def test_taxonomy_loads_with_core_and_breadth() -> None:
    skills = load_skills()
    core = [s for s in skills if s.source == "core"]
    assert len([s for s in core if s.kind == "hard"]) >= 300
    assert any(s.kind == "soft" for s in core)
    assert any(s.kind == "certification" for s in core)
    assert any(s.source == "onet" for s in skills)
    assert len({s.name for s in skills}) == len(skills)


def test_links_to_onet_and_esco() -> None:
    python = skills_by_name()["Python"]
    assert python.onet_example == "Python" and python.onet_hot is True
    assert python.onet_commodity_code and python.esco_uri.startswith("http://data.europa.eu/esco/")


def test_duplicate_name_is_rejected() -> None:
    skill = Skill(name="X", category="c", kind="hard", aliases=("x",))
    with pytest.raises(TaxonomyError):
        validate_skills([skill, skill])


def test_alias_claimed_twice_is_rejected() -> None:
    a = Skill(name="A", category="c", kind="hard", aliases=("scikit-learn",))
    b = Skill(name="B", category="c", kind="hard", aliases=("Scikit Learn",))
    with pytest.raises(TaxonomyError, match="claimed"):
        validate_skills([a, b])


def test_bad_kind_is_rejected() -> None:
    with pytest.raises(TaxonomyError):
        validate_skills([Skill(name="A", category="c", kind="tool", aliases=())])  # type: ignore[arg-type]
