"""The RemoteWLB adapter: month folders of Markdown ads, real and hand-made."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roleatlas.config import data_dir
from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.remotewlb import (
    RemoteWLBPostings,
    ad_body,
    pay_fields,
    salary_text,
    split_ad,
)
from roleatlas.sources.base import Rejected, Row
from roleatlas.sources.registry import get_source

CASES = Path(__file__).parent / "cases" / "remotewlb_tree"
JOBS = "remotewlb-2024/jobs"
SOURCE = RemoteWLBPostings()
#: real ads, each with a known quirk (data/SOURCES.md, section 6)
WRAPPED = "C#/2024-03/reports-engineer"
WRAPPED_FEB = "Nodejs/2024-02/devops-engineer-latam-51840"
NONE_COMPANY = "Golang/2024-10/senior-software-engineer-in-test-sdet"
INDENTED_H1_DEFAULT_SALARY = "PHP/2024-02/php-laravel-developer-40403"
TRACKING_PIXEL = "C#/2024-01/middle-senior-net-developer"
SIMILAR_JOBS_ONLY = "Golang/2024-03/developpeur-golang-h-f-61327"
REAL_ADS = [
    WRAPPED, WRAPPED_FEB, NONE_COMPANY, INDENTED_H1_DEFAULT_SALARY, TRACKING_PIXEL,
    SIMILAR_JOBS_ONLY,
]  # fmt: skip


def jobs_dir() -> Path:
    path = data_dir() / JOBS
    if not path.is_dir():
        pytest.skip(f"real RemoteWLB tree not found under {data_dir()}")
    return path


def raw_text(ad: str) -> str:
    return (jobs_dir() / ad / "README.md").read_text(encoding="utf-8")


@cache
def real_ad(ad: str) -> Row | Rejected:
    """The record of one real ad, read alone from a month folder holding only it."""
    source = jobs_dir() / ad
    root = Path(tempfile.mkdtemp(prefix="remotewlb-"))
    target = root / "jobs" / ad
    target.mkdir(parents=True)
    shutil.copy(source / "README.md", target / "README.md")
    (record,) = SOURCE.read(target.parent)
    shutil.rmtree(root)
    return record


def real_row(ad: str) -> Row:
    record = real_ad(ad)
    assert isinstance(record, Row), record
    return record


def case_records(month: str = "C#/2024-02") -> dict[str, Row | Rejected]:
    """The hand-made month folder's records by slug (the files are read in sorted order)."""
    folder = CASES / "jobs" / month
    slugs = sorted(p.name for p in folder.iterdir())
    records = list(SOURCE.read(folder))
    assert [r.row for r in records] == list(range(len(slugs)))
    return dict(zip(slugs, records, strict=True))


# --- discovery -------------------------------------------------------------------------------


def test_registered() -> None:
    assert get_source("remotewlb") is not None


def test_finds_month_folders_sorted(tmp_path: Path) -> None:
    shutil.copytree(CASES, tmp_path / "remotewlb-2024")
    (tmp_path / "remotewlb-2024" / "jobs" / "C#" / "notes").mkdir()
    found = SOURCE.find(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "remotewlb-2024/jobs/C#/2024-02",
        "remotewlb-2024/jobs/C#/2024-03",
    ]
    assert SOURCE.find(tmp_path / "nothing-here") == []


def test_finds_every_real_month_folder() -> None:
    jobs = jobs_dir()
    found = SOURCE.find(data_dir())
    assert found == sorted(found)
    assert all(p.is_dir() and p.parent.parent == jobs for p in found)
    assert {p.parent.name for p in found} >= {"C#", "Java", "Nontech", "Python"}
    assert sum(1 for p in found for _ in p.glob("*/README.md")) == 15_723


# --- real ads with known quirks -------------------------------------------------------------


def test_header_fields_and_listing_month() -> None:
    v = real_row(INDENTED_H1_DEFAULT_SALARY).values
    assert v["title"] == "PHP Laravel Developer"  # line 1 starts with spaces
    assert v["url"] == "https://www.remotewlb.com/apply/php-laravel-developer-40403"
    assert v["external_id"] == "php-laravel-developer-40403"
    assert v["company"] == "Founders Factory Africa" and v["location"] == "Abuja"
    assert (v["posted_date"], v["date_kind"], v["date_precision"]) == (
        date(2024, 2, 1),
        "listed",
        "month",
    )
    assert v["posted_text"] == "2024-02"
    # the Skill folder is a stack tag, not a role
    assert "PHP" not in (v.get("job_functions") or "") and v.get("job_functions") is None


def test_board_default_salary_is_not_pay() -> None:
    assert "`💰 65k-95k USD`" in raw_text(INDENTED_H1_DEFAULT_SALARY)
    assert real_row(INDENTED_H1_DEFAULT_SALARY).values["salary_text"] is None
    assert "`💰 65k-95k USD`" in raw_text(TRACKING_PIXEL)
    assert real_row(TRACKING_PIXEL).values["salary_text"] is None


@pytest.mark.parametrize("ad", [WRAPPED, WRAPPED_FEB])
def test_wrapped_h4_location_is_whole(ad: str) -> None:
    lines = raw_text(ad).split("\n")
    assert lines[2].count("`") % 2 == 1  # the H4 goes on into line 4
    v = real_row(ad).values
    assert "\n" not in v["location"] and "`" not in v["location"]
    assert lines[3].split("`")[0].strip().split(",")[-1] in v["location"]
    assert not v["description"].startswith(lines[3][:30])


def test_wrapped_h4_keeps_isle_of_man() -> None:
    assert raw_text(WRAPPED).split("\n")[2].endswith("Isle of")
    assert "Isle of Man" in real_row(WRAPPED).values["location"]


def test_none_company_is_null() -> None:
    assert raw_text(NONE_COMPANY).split("\n")[1].strip() == "### None"
    v = real_row(NONE_COMPANY).values
    assert v["company"] is None and v["description"]


def test_footer_logo_and_tracking_pixel_removed() -> None:
    text = raw_text(TRACKING_PIXEL)
    assert "remotive.com/job/track" in text
    v = real_row(TRACKING_PIXEL).values
    for field in ("description", "description_html"):
        assert "remotive.com" not in v[field] and "CLICK TO" not in v[field]
        assert "<img" not in v[field]
    assert "<p>" in v["description_html"] or "<li>" in v["description_html"]
    footer = real_row(NONE_COMPANY).values
    assert "## CLICK TO [APPLY]" in raw_text(NONE_COMPANY)
    assert "CLICK TO" not in footer["description"] and "APPLY" not in footer["description"]


def test_similar_jobs_only_ad_is_quarantined() -> None:
    record = real_ad(SIMILAR_JOBS_ONLY)
    assert isinstance(record, Rejected)
    assert record.reason.startswith("empty ad")
    assert record.raw["file"] == "developpeur-golang-h-f-61327/README.md"


# --- hand-made broken ads ---------------------------------------------------------------------


def test_hand_made_ads_give_one_record_each() -> None:
    records = case_records()
    reasons = {s: r.reason for s, r in records.items() if isinstance(r, Rejected)}
    assert reasons == {
        "no-header": "no RemoteWLB header: line 1 is not '# [<title>](<apply URL>)'",
        "truncated-early": "truncated: the file ends inside its header",
        "truncated-h4": "truncated: the '####' salary/location line never closes its code span",
        "empty-ad": "empty ad: only the board's 'Check out similar jobs below' line",
        "empty-body": "empty ad: no description",
        "only-a-link": "empty ad: only a link",
    }
    assert all("\n" not in reason for reason in reasons.values())


def test_hand_made_good_ad() -> None:
    v = case_records()["board-default-wrapped"].values
    assert v["title"] == "Senior Data Engineer"
    assert v["company"] is None
    assert v["salary_text"] is None  # the board default, listed before 2024-03
    assert v["location"] == "Albania,Andorra,Isle of Man,Israel,Italy"
    assert "Python & SQL" in v["description"]
    assert "• Own the warehouse" in v["description"]
    assert "imgix" not in v["description_html"] and "track" not in v["description_html"]
    assert "CLICK TO" not in v["description"]


def test_hand_made_placeholder_salary_bad_url_and_html() -> None:
    v = case_records()["zero-salary-ftp-url"].values
    assert v["salary_text"] is None  # `~0k`
    assert v["url"] is None  # not http(s)
    assert v["location"] == "US,Remote"
    assert "<script" not in v["description_html"] and "onclick" not in v["description_html"]
    assert "Ship them." in v["description"] and "alert" not in v["description"]


def test_default_salary_is_kept_from_march_2024() -> None:
    (record,) = case_records("C#/2024-03").values()
    assert record.values["salary_text"] == "65k-95k USD"
    assert record.values["currency_hint"] == "USD"  # a remote ad naming no other country
    assert record.values["company"] is None  # an empty H3
    assert record.values["location"] is None


def test_unreadable_files_are_quarantined_not_raised(tmp_path: Path) -> None:
    month = tmp_path / "Python" / "2024-05"
    (month / "latin1").mkdir(parents=True)
    (month / "latin1" / "README.md").write_bytes(
        "# [Café](https://x.y/apply/latin1)".encode("cp1252")
    )
    (month / "binary").mkdir()
    (month / "binary" / "README.md").write_bytes(b"\x00\x01\x02")
    (month / "no-readme").mkdir()
    records = list(SOURCE.read(month))
    assert [r.row for r in records] == [0, 1]  # "no-readme" holds no ad
    assert [r.reason if isinstance(r, Rejected) else r for r in records] == [
        "binary file, not text",
        "not UTF-8 text (byte 6)",
    ]


def test_folder_problems_raise_one_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not a RemoteWLB month folder") as error:
        list(SOURCE.read(tmp_path))
    assert "\n" not in str(error.value)
    with pytest.raises(SourceError, match="cannot read folder") as error:
        list(SOURCE.read(tmp_path / "2024-05"))
    assert "\n" not in str(error.value)


# --- pure helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "month", "expected"),
    [
        ("~0k", date(2024, 3, 1), None),
        ("0", date(2024, 3, 1), None),
        ("$0", date(2024, 3, 1), None),
        (" ", date(2024, 3, 1), None),
        (None, date(2024, 3, 1), None),
        ("65k-95k USD", date(2024, 1, 1), None),
        ("65k-95k USD", date(2024, 2, 1), None),
        ("65k-95k USD", date(2024, 3, 1), "65k-95k USD"),
        ("~185k", date(2024, 1, 1), "~185k"),
        ("$174,000/yr - $235,000/yr", date(2024, 5, 1), "$174,000/yr - $235,000/yr"),
        ("0.0", date(2024, 5, 1), None),
        ("100k", date(2024, 5, 1), "100k"),
    ],
)
def test_salary_text(span: str | None, month: date, expected: str | None) -> None:
    assert salary_text(span, month=month) == expected


@given(st.text(max_size=300))
def test_split_ad_never_crashes(text: str) -> None:
    parsed = split_ad(text)
    if isinstance(parsed, str):
        assert "\n" not in parsed
    else:
        fields, body = parsed
        assert fields["title"] is not None


@given(st.text(alphabet="ab #![]()\n`*-.:/", max_size=200))
def test_ad_body_is_idempotent(markdown: str) -> None:
    once = ad_body(markdown)
    assert ad_body(once) == once


# --- the whole real tree ----------------------------------------------------------------------


@pytest.mark.slow
def test_whole_tree_every_file_one_record() -> None:
    folders = SOURCE.find(data_dir())
    if not folders:
        pytest.skip("real RemoteWLB tree not found")
    readmes = rows = 0
    reasons: Counter[str] = Counter()
    ids: set[str] = set()
    for folder in folders:
        records = list(SOURCE.read(folder))
        assert [r.row for r in records] == list(range(len(records)))
        readmes += sum(1 for _ in folder.glob("*/README.md"))
        for r in records:
            if isinstance(r, Rejected):
                reasons[r.reason] += 1
                continue
            rows += 1
            ids.add(r.values["id"])
            v = r.values
            assert v["title"] and v["url"].startswith("https://www.remotewlb.com/apply/")
            assert v["url"].endswith("/" + v["external_id"])
            assert v["salary_text"] not in {"~0k", "0", "$0"}
            assert "CLICK TO [APPLY]" not in v["description"]
            if v["posted_date"] < date(2024, 3, 1):
                assert v["salary_text"] != "65k-95k USD"
    assert readmes == 15_723 == rows + sum(reasons.values())
    assert len(ids) == rows
    assert all(reason.startswith("empty ad") for reason in reasons)
    assert reasons["empty ad: only the board's 'Check out similar jobs below' line"] == 31


@pytest.mark.parametrize(
    ("text", "location", "expected"),
    [
        ("240000.0", "United States", ("240000.0", "USD")),
        ("~230k", "Remote", ("~230k", "USD")),
        ("$113,000 - $162,000", "Remote within the US", ("$113,000 - $162,000", "USD")),
        # the board's USD label on local pay: no price rather than a guess
        ("USD 232000.0~348000.0", "Poland", (None, None)),
        ("3500000.0", "India", (None, None)),
        ("$110,000 - $130,000 / year", "Canada", ("$110,000 - $130,000 / year", "CAD")),
        ("€117,420 - €146,775", "Germany (Remote)", ("€117,420 - €146,775", None)),
        ("£95-115k", "Remote", ("£95-115k", None)),
    ],
)
def test_pay_is_kept_where_its_currency_is_knowable(text, location, expected) -> None:  # type: ignore[no-untyped-def]
    assert pay_fields(text, location) == expected
