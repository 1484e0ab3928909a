"""The bundled role taxonomy and the seniority / experience-level mappings."""

from __future__ import annotations

import pytest

from roleatlas.exceptions import TaxonomyError
from roleatlas.normalize.roles import (
    SENIORITY_LEVELS,
    experience_level,
    load_taxonomy,
    parse_taxonomy,
    seniority_from_experience,
    taxonomy_from_text,
)
from roleatlas.normalize.titles_lexicon import ROLE_CODES

SLUGS = """data-scientist applied-scientist statistician quantitative-analyst
machine-learning-engineer mlops-engineer ai-engineer computer-vision-engineer nlp-engineer
prompt-engineer research-scientist research-engineer data-engineer analytics-engineer
data-architect database-administrator data-governance-analyst data-analyst
business-intelligence-analyst business-intelligence-engineer business-analyst product-analyst
marketing-analyst data-science-manager machine-learning-manager analytics-manager
data-engineering-manager head-of-data-science head-of-machine-learning head-of-data
chief-data-officer ai-product-manager solutions-architect software-engineer other""".split()


def test_taxonomy_has_exactly_the_35_slugs():
    taxonomy = load_taxonomy()
    assert len(SLUGS) == 35
    assert set(taxonomy.roles) == set(SLUGS)
    assert load_taxonomy() is taxonomy


def test_every_role_is_complete_and_broader_is_valid():
    taxonomy = load_taxonomy()
    for slug, role in taxonomy.roles.items():
        assert role.slug == slug and role.name and role.definition.endswith(".")
        assert role.family in taxonomy.families
        assert role.broader is None or role.broader in taxonomy.roles
        if slug != "other":
            assert role.aliases, slug
        if slug not in ("other", "quantitative-analyst", "prompt-engineer"):
            assert role.onet_codes, slug
    assert taxonomy.get("data-scientist").onet_codes == ("15-2051.00",)
    assert taxonomy.get("data-scientist").esco_uris[0].startswith("http://data.europa.eu/esco/")


def test_esco_uris_exist_in_the_real_esco_file(data_dir):
    known = {
        line.split(",", 1)[0]
        for line in (data_dir / "esco" / "occupations.csv").read_text("utf-8").splitlines()
    }
    uris = {u for role in load_taxonomy().roles.values() for u in role.esco_uris}
    assert uris and uris <= known


def test_onet_codes_exist_in_the_real_onet_file(data_dir):
    text = (data_dir / "onet-29.3" / "Occupation Data.txt").read_text("utf-8")
    known = {line.split("\t", 1)[0] for line in text.splitlines()[1:]}
    codes = {c for role in load_taxonomy().roles.values() for c in role.onet_codes}
    assert codes <= known


def test_classifier_codes_cover_the_taxonomy():
    assert set(ROLE_CODES.values()) == set(load_taxonomy().roles)


def test_unknown_broader_and_bad_entries_raise_taxonomy_error():
    role = {"name": "X", "family": "f", "definition": "An x.", "broader": "nope"}
    with pytest.raises(TaxonomyError, match="unknown broader"):
        parse_taxonomy({"families": {"f": "F"}, "roles": {"x": role}})
    with pytest.raises(TaxonomyError, match="missing definition"):
        parse_taxonomy({"roles": {"x": {"name": "X", "family": "f"}}})
    with pytest.raises(TaxonomyError):
        parse_taxonomy(["not", "a", "mapping"])
    with pytest.raises(TaxonomyError, match="unknown role"):
        load_taxonomy().get("astronaut")


def test_experience_levels_round_trip():
    assert [experience_level(s) for s in SENIORITY_LEVELS] == [
        "EN",
        "EN",
        "MI",
        "SE",
        "SE",
        "SE",
        "EX",
        "EX",
    ]
    for level in ("EN", "MI", "SE", "EX"):
        assert experience_level(seniority_from_experience(level)) == level
    assert seniority_from_experience(" se ") == "senior"
    assert seniority_from_experience("Mid-level") == "mid"
    with pytest.raises(TaxonomyError):
        seniority_from_experience("XX")
    with pytest.raises(TaxonomyError):
        experience_level("boss")


def test_duplicate_slugs_raise_taxonomy_error():
    entry = "    name: X\n    family: f\n    definition: An x.\n"
    text = f"families:\n  f: F\nroles:\n  x:\n{entry}  x:\n{entry}"
    with pytest.raises(TaxonomyError, match="duplicate role slug 'x'"):
        taxonomy_from_text(text)
    assert set(taxonomy_from_text(f"families:\n  f: F\nroles:\n  x:\n{entry}").roles) == {"x"}
