"""Industry mapping over the real Glassdoor and LinkedIn fields."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roleatlas.config import data_dir
from roleatlas.extract.industries import (
    UNKNOWN,
    company_key,
    decode_linkedin_industry,
    infer_company_industries,
    map_industry,
    sectors,
)

# (file, company column, industry column, sector column)
SOURCES = [
    ("glassdoor-ds-2020-kenjee/glassdoor_jobs.csv", "Company Name", "Industry", "Sector"),
    ("glassdoor-ds-kaggle-uncleaned/Uncleaned_DS_jobs.csv", "Company Name", "Industry", "Sector"),
    ("glassdoor-da-2022-nadirbcn/glassdoor_jobs.csv", "Company Name", "Industry", "Sector"),
    ("glassdoor-au-da-2021-poorvaldhotre/glassdoor_jobs.csv", "Company Name", "Industry", "Sector"),
    ("glassdoor-de-2023-hamitouche/jobs.csv", "company", "company_industry", "company_sector"),
    ("linkedin-ca-2018-linpingyu/DataScientist.csv", "company", "industry", None),
    ("linkedin-ca-2018-linpingyu/DataAnalyst.csv", "company", "industry", None),
]
PLACEHOLDERS = {"", "-1", "N/A"}


def _rows() -> list[dict[str, str | None]]:
    out = []
    for source, company, industry, sector in SOURCES:
        path = data_dir() / source
        if not path.exists():
            pytest.skip(f"real data not found at {path}")
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                out.append(
                    {
                        "company": row[company],
                        "industry": row[industry],
                        "sector": row[sector] if sector else None,
                    }
                )
    return out


def test_fixed_list() -> None:
    names = sectors()
    assert len(names) == 26 and names[-1] == UNKNOWN
    assert {"Information Technology", "Biotech & Pharmaceuticals", "Finance"} <= set(names)


def test_every_real_value_maps() -> None:
    """No real industry/sector value that carries information falls to "unknown"."""
    unmapped = Counter()
    for row in _rows():
        result = map_industry(industry=row["industry"], sector=row["sector"])
        assert result in sectors()
        values = {row["industry"], row["sector"]} - PLACEHOLDERS - {None}
        if result == UNKNOWN and values and not all(v.startswith("$") for v in values):
            unmapped[(row["industry"], row["sector"])] += 1
    assert not unmapped


def test_glassdoor_examples() -> None:
    assert (
        map_industry(industry="IT Services", sector="Information Technology")
        == "Information Technology"
    )
    assert (
        map_industry(industry="Health Care Services & Hospitals", sector="Healthcare")
        == "Health Care"
    )
    assert (
        map_industry(industry="Staffing & Outsourcing", sector="Business Service")
        == "Business Services"
    )
    assert map_industry(industry="-1", sector="-1") == UNKNOWN
    assert map_industry(industry="N/A", sector="N/A") == UNKNOWN
    assert map_industry() == UNKNOWN
    # shifted Australian rows: the sector cell holds a revenue band, the industry cell a sector
    assert (
        map_industry(industry="Government", sector="$500 million to $1 billion (USD)")
        == "Government"
    )
    assert map_industry(industry="Information Technology", sector="Unknown / Non-Applicable") == (
        "Information Technology"
    )


def test_linkedin_decoding() -> None:
    raw = "Information,Technology,and,Services,Computer,Software,Internet"
    assert decode_linkedin_industry(raw) == [
        "Information Technology and Services",
        "Computer Software",
        "Internet",
    ]
    assert decode_linkedin_industry("Financial,Services,Banking,Consumer,Services") == [
        "Financial Services",
        "Banking",
        "Consumer Services",
    ]
    assert map_industry(industry="Financial,Services,Banking,Consumer,Services") == "Finance"
    assert map_industry(industry="Hospital,&,Health,Care") == "Health Care"
    assert (
        map_industry(industry="Insurance,Financial,Services,Hospital,&,Health,Care") == "Insurance"
    )
    assert map_industry(industry="Marketing,Advertising") == "Business Services"


def test_linkedin_real_values_fully_decoded() -> None:
    for row in _rows():
        raw = row["industry"] or ""
        if row["sector"] is None and raw:
            words = [w for w in raw.split(",") if w and w.lower() != "and"]
            decoded = " ".join(decode_linkedin_industry(raw)).replace(" and ", " ").split()
            assert len(decoded) == len(words), raw


def test_company_key() -> None:
    assert company_key("Booz Allen Hamilton Inc.\n3.9") == "booz allen hamilton"
    assert company_key("Google LLC") == company_key("google") == "google"
    assert company_key("The Walt Disney Company") == "walt disney company"
    assert company_key("AT&T") == "at&t"
    assert company_key(None) == company_key("") == ""


def test_infer_company_industries_real() -> None:
    rows = _rows()
    inferred = infer_company_industries(rows)
    assert inferred[company_key("Booz Allen Hamilton\n3.9")] != UNKNOWN
    assert set(inferred.values()) <= set(sectors())
    # a LinkedIn posting (no sector) of a company known from Glassdoor gets its majority sector
    covered = sum(1 for r in rows if inferred.get(company_key(r["company"]), UNKNOWN) != UNKNOWN)
    assert covered / len(rows) > 0.7


def test_infer_ties_are_unknown() -> None:
    rows = [
        {"company": "Acme Inc", "industry": "Internet", "sector": "-1"},
        {"company": "ACME", "industry": "Banks & Credit Unions", "sector": "Finance"},
        {"company": "Beta\n4.1", "industry": "Computer,Software", "sector": None},
        {"company": "beta llc", "industry": "-1", "sector": "-1"},
    ]
    assert infer_company_industries(rows) == {"acme": UNKNOWN, "beta": "Information Technology"}


@given(st.one_of(st.none(), st.text(max_size=80)), st.one_of(st.none(), st.text(max_size=80)))
def test_map_industry_always_in_list(industry: str | None, sector: str | None) -> None:
    assert map_industry(industry=industry, sector=sector) in sectors()


@given(st.text(max_size=80))
def test_company_key_idempotent(name: str) -> None:
    key = company_key(name)
    assert company_key(key) == key
    assert key == key.casefold().strip()
