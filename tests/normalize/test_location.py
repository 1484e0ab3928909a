"""parse_location and detect_remote on real location strings."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roleatlas.config import data_dir
from roleatlas.normalize.employment import detect_remote
from roleatlas.normalize.location import Location, parse_location

CASES = [
    ("San Francisco, CA 94124", None, ("San Francisco", "CA", "US")),
    ("Burbank, California", None, ("Burbank", "CA", "US")),
    ("San Francisco, CA, US", None, ("San Francisco", "CA", "US")),
    ("Remote", None, (None, None, None)),
    ("United States", None, (None, None, "US")),
    ("New York, NY", None, ("New York", "NY", "US")),
    ("Bella Vista", "AU", ("Bella Vista", None, "AU")),
    ("Sydney NSW", None, ("Sydney", "NSW", "AU")),
    ("Perth WA", None, ("Perth", "WA", "AU")),
    ("Seattle, WA", None, ("Seattle", "WA", "US")),
    ("Toronto, ON", None, ("Toronto", "ON", "CA")),
    ("London, England", None, ("London", "ENG", "GB")),
    ("9920 Jefferson Blvd , Culver City, CA 90232, US", None, ("Culver City", "CA", "US")),
    ("Orange County, California Area", None, ("Orange County", "CA", "US")),
    ("Oregon", None, (None, "OR", "US")),
    ("New South Wales", "AU", (None, "NSW", "AU")),
    ("Australia", "AU", (None, None, "AU")),
    ("OSAKA, Japan", None, ("OSAKA", None, "JP")),
    ("", None, (None, None, None)),
]


@pytest.mark.parametrize(("raw", "hint", "expected"), CASES)
def test_parse_location(raw, hint, expected):
    assert parse_location(raw, country_hint=hint) == Location(*expected)


def test_every_real_location_parses_to_a_known_country():
    root = data_dir()
    paths = sorted(root.glob("glassdoor-*/*.csv")) + sorted(root.glob("indeed-*/*.csv"))
    if not paths:
        pytest.skip("shared data not available")
    unknown = []
    for path in paths:
        hint = "AU" if "-au-" in path.parent.name else None
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            col = next(c for c in reader.fieldnames if c.lower() == "location")
            for value in {row[col] for row in reader}:
                loc = parse_location(value, country_hint=hint)
                if value.strip().lower() != "remote" and loc.country is None:
                    unknown.append(value)
    assert unknown == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.sampled_from([None, "AU", "US"]))
def test_never_crashes(raw, hint):
    loc = parse_location(raw, country_hint=hint)
    assert loc.country is None or len(loc.country) == 2


REMOTE = [
    ({"title": "Data Engineer - 100% Remote", "location": "", "description": ""}, "remote"),
    ({"title": "Data Engineer", "location": "Remote", "description": ""}, "remote"),
    ({"title": "Analyst", "location": "", "description": "You can work from home."}, "remote"),
    (
        {
            "title": "Analyst",
            "location": "Boston, MA",
            "description": "Hybrid: 3 days a week in the office",
        },
        "hybrid",
    ),
    (
        {
            "title": "Analyst",
            "location": "Boston, MA",
            "description": "This position is not remote.",
        },
        "onsite",
    ),
    ({"title": "Analyst", "location": "Boston, MA", "description": "Join our team."}, "onsite"),
    ({"title": "Analyst", "location": "United States", "description": "Join our team."}, None),
    ({"title": "Analyst", "location": None, "description": None}, None),
    ({"title": "Analyst", "location": "Boston, MA", "description": "remote sensing data"}, None),
]


@pytest.mark.parametrize(("kwargs", "expected"), REMOTE)
def test_detect_remote(kwargs, expected):
    assert detect_remote(**kwargs) == expected
