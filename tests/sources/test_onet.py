"""The O*NET 29.3 adapter: every real file read whole, quirks kept, broken inputs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.onet import FILES, OnetSource
from roleatlas.sources.base import Rejected, Row

SOURCE = OnetSource()


def onet_file(data_dir: Path, name: str) -> Path:
    return data_dir / "onet-29.3" / name


def test_find_lists_the_files_in_table_order(data_dir: Path) -> None:
    assert [p.name for p in SOURCE.find(data_dir)] == list(FILES)
    assert SOURCE.find(data_dir / "nowhere") == []


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FILES))
def test_every_line_becomes_one_record(data_dir: Path, name: str) -> None:
    path = onet_file(data_dir, name)
    lines = path.read_bytes().count(b"\n")
    records = list(SOURCE.read(path))
    assert len(records) == lines - 1
    table = FILES[name][0]
    assert all(r.table == table for r in records if isinstance(r, Row))
    columns = {column for _, column, _ in FILES[name][1]}
    assert all(set(r.values) == columns for r in records if isinstance(r, Row))
    rejected = Counter(r.reason for r in records if isinstance(r, Rejected))
    assert rejected == {}


def test_none_category_is_kept_as_the_word(data_dir: Path) -> None:
    path = onet_file(data_dir, "Education, Training, and Experience Categories.txt")
    records = list(SOURCE.read(path))
    assert len(records) == 41
    none = [r.values for r in records if r.values["category_description"] == "None"]
    assert [(v["element_id"], v["scale_id"], v["category"]) for v in none] == [
        ("3.A.1", "RW", 1),
        ("3.A.2", "PT", 1),
    ]


def test_types_and_quotes(data_dir: Path) -> None:
    tech = next(iter(SOURCE.read(onet_file(data_dir, "Technology Skills.txt"))))
    assert tech.values["hot_technology"] is True and tech.values["in_demand"] is False
    tools = [r.values for r in SOURCE.read(onet_file(data_dir, "Tools Used.txt"))]
    assert any(v["example"] == 'Laser facsimile machines"' for v in tools)
    tasks = {
        r.values["task_id"]: r.values
        for r in SOURCE.read(onet_file(data_dir, "Task Statements.txt"))
    }
    assert (
        tasks["15287"]["task"]
        == 'Conduct "head counts" to help predict the outcome of upcoming votes.'
    )
    assert tasks["15287"]["incumbents_responding"] is None
    related = next(iter(SOURCE.read(onet_file(data_dir, "Related Occupations.txt"))))
    assert related.values["rank"] == 1
    zones = {
        r.values["code"]: r.values["job_zone"]
        for r in SOURCE.read(onet_file(data_dir, "Job Zones.txt"))
    }
    assert zones["15-2051.00"] in range(1, 6)


def test_bad_cells_and_widths_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "Job Zones.txt"
    path.write_text(
        "O*NET-SOC Code\tTitle\tJob Zone\tDate\tDomain Source\n"
        "15-2051.00\tData Scientists\t4\t08/2023\tAnalyst\n"
        "15-2051.01\tBusiness Intelligence Analysts\tfour\t08/2023\tAnalyst\n"
        "15-2041.00\tStatisticians\n"
        "\tNo Code\t3\t08/2023\tAnalyst\n"
        "15-1221.00\tComputer Scientists\tn/a\tn/a\tAnalyst\n",
        encoding="utf-8",
    )
    records = list(SOURCE.read(path))
    assert [getattr(r, "reason", "ok") for r in records] == [
        "ok",
        "bad Job Zone: 'four'",
        "row has 2 cells, header has 5",
        "empty key column(s) code",
        "ok",
    ]
    assert records[-1].values["job_zone"] is None and records[-1].values["date"] is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("Skills.txt", "Element ID\tElement Name\n", "not an O\\*NET file this adapter reads"),
        ("Job Zones.txt", "Code\tZone\n", "missing column"),
        ("Job Zones.txt", b"\x00\x01\x02binary", "binary file"),
        # UTF-16 with a byte-order mark is read: its header then lacks the columns
        ("Job Zones.txt", "O*NET-SOC Code\tTitle\n".encode("utf-16"), "missing column"),
    ],
)
def test_broken_files_raise_one_line(tmp_path: Path, name: str, content, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(SourceError, match=message) as info:
        list(SOURCE.read(path))
    assert "\n" not in str(info.value)
