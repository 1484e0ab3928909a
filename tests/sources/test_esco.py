"""The ESCO adapter: real occupations and skills, URI kinds, broken inputs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.esco import EscoSource, uri_kind
from roleatlas.sources.base import Rejected, Row

SOURCE = EscoSource()


def test_real_files(data_dir: Path) -> None:
    occupations, skills = SOURCE.find(data_dir)
    occ = list(SOURCE.read(occupations))
    assert len(occ) == 3658 and all(isinstance(r, Row) for r in occ)
    assert {r.table for r in occ} == {"esco_occupations"}
    assert Counter(r.values["kind"] for r in occ) == {"occupation": 3039, "isco": 619}
    sk = list(SOURCE.read(skills))
    assert len(sk) == 13939 and all(isinstance(r, Row) for r in sk)
    assert set(sk[0].values) == {"uri", "description"}
    assert sk[0].values["description"].startswith("manage musical staff")


def test_uri_kind() -> None:
    assert uri_kind("http://data.europa.eu/esco/isco/C2511") == "isco"
    assert uri_kind("http://data.europa.eu/esco/occupation/abc") == "occupation"
    assert uri_kind("https://example.org/esco/skill/abc") is None
    assert uri_kind("http://data.europa.eu/esco/skill") is None


def test_wrong_kind_and_short_rows_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "occupations.csv"
    path.write_text(
        "id,description\n"
        "http://data.europa.eu/esco/occupation/1,data scientist Data scientists find...\n"
        "http://data.europa.eu/esco/skill/2,a skill in the occupations file\n"
        "not-a-uri\n",
        encoding="utf-8",
    )
    records = list(SOURCE.read(path))
    assert isinstance(records[0], Row) and records[0].values["kind"] == "occupation"
    assert [r.reason for r in records[1:] if isinstance(r, Rejected)] == [
        "not an ESCO occupation or isco URI",
        "row has 1 cells, header has 2",
    ]


def test_unknown_file_and_truncated_file(tmp_path: Path) -> None:
    other = tmp_path / "languages.csv"
    other.write_text("id,description\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not an ESCO file"):
        list(SOURCE.read(other))
    cut = tmp_path / "skills.csv"
    cut.write_text('id,description\nhttp://data.europa.eu/esco/skill/1,"manage staff', "utf-8")
    with pytest.raises(SourceError, match="truncated") as info:
        list(SOURCE.read(cut))
    assert "\n" not in str(info.value)
