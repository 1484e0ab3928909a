"""The Hacker News adapter over the seven real runs and a hand-made broken run."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
import real_files
from hypothesis import given
from hypothesis import strategies as st
from real_files import real

from roleatlas.config import data_dir
from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.hackernews import (
    HackerNewsJobs,
    header_fields,
    read_comment,
    read_story,
    split_roles,
)
from roleatlas.sources.base import Rejected, Row
from roleatlas.sources.registry import get_source

CASES = Path(__file__).parent / "cases"
RUNS = ["2026-01-01", "2026-02-01", "2026-03-15", "2026-04-17", "2026-04-28", "2026-05-03",
        "2026-05-05"]  # fmt: skip
FILES = [f"hn-whoishiring-2026/runs/{run}/raw.json" for run in RUNS]
SOURCE = HackerNewsJobs()
REASONS = {
    "no role named in the post", "no role named in the story title",
    "reply or meta comment, not a job offer", "job seeker, not a job offer",
    "link to a job aggregator or search tool", "position closed",
    "flagged, dead or deleted post", "no text", "no HN item id", "not a JSON object",
}  # fmt: skip


def records(name: str) -> list[Row | Rejected]:
    return real_files.records("hackernews", name)


def rows(name: str) -> list[Row]:
    return [r for r in records(name) if isinstance(r, Row)]


def jobs(name: str) -> list[dict]:
    return json.loads(real(name).read_text(encoding="utf-8"))["jobs"]


def broken() -> list[Row | Rejected]:
    return list(SOURCE.read(CASES / "hn_broken_run.json"))


def test_registered_and_finds_every_run() -> None:
    assert get_source("hackernews") is not None
    if not data_dir().is_dir():
        pytest.skip("no data directory")
    found = {p.relative_to(data_dir()).as_posix() for p in SOURCE.find(data_dir())}
    assert found == set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_every_post_becomes_its_records(name: str) -> None:
    posts = jobs(name)
    by_row: dict[int, list[Row | Rejected]] = defaultdict(list)
    for record in records(name):
        by_row[record.row].append(record)
    # every post is read: one rejection, or one posting per role (sharing the post's row)
    assert sorted(by_row) == list(range(len(posts)))
    for row, found in by_row.items():
        assert all(isinstance(r, Row) for r in found) or len(found) == 1
        for r in found:
            if isinstance(r, Row):
                assert r.values["external_id"] == str(posts[row]["id"])
    ids = [r.values["id"] for r in rows(name)]
    assert len(ids) == len(set(ids))
    assert {r.reason for r in records(name) if isinstance(r, Rejected)} <= REASONS


@pytest.mark.parametrize("name", FILES)
def test_postings_carry_link_date_and_clean_text(name: str) -> None:
    for r in rows(name):
        v = r.values
        assert v["title"] and v["description"]
        assert v["url"] == f"https://news.ycombinator.com/item?id={v['external_id']}"
        assert isinstance(v["posted_date"], date) and date(2025, 12, 1) <= v["posted_date"]
        assert (v["date_kind"], v["date_precision"]) == ("posted", "day")
        assert "&#x2F;" not in v["description"] and "&#x27;" not in v["title"]
        assert "<p>" not in v["description"]
        assert v["description_html"].startswith("<p>")


def test_most_posts_are_read_and_some_name_several_roles() -> None:
    name = FILES[-1]
    counts = Counter(r.row for r in rows(name))
    assert len(counts) > 0.8 * len(jobs(name))
    assert sum(1 for n in counts.values() if n > 1) > 20


def test_same_post_in_two_runs_gives_the_same_postings() -> None:
    first, second = FILES[3], FILES[4]  # the same April thread, fetched twice
    texts = {j["id"]: j["text"] for j in jobs(first)}
    same = {j["id"] for j in jobs(second) if texts.get(j["id"]) == j["text"]}
    assert len(same) > 200

    def postings(name: str) -> set[tuple]:
        return {
            (r.values["external_id"], r.values["title"], r.values["company"],
             r.values["description"])
            for r in rows(name)
            if int(r.values["external_id"]) in same
        }  # fmt: skip

    assert postings(first) == postings(second)


def test_multi_role_post_from_the_real_thread() -> None:
    found = {r.values["title"] for r in rows(FILES[0]) if r.values["external_id"] == "46467948"}
    assert {"Senior level systems engineers", "Senior level product engineers"} <= found


def test_direct_story_gives_company_and_role() -> None:
    story = [r for r in rows(FILES[1]) if r.values["title"] == "Enterprise Account Executive"]
    assert story and story[0].values["company"] == "Kyber (YC W23)"


def test_header_fields_in_any_order_and_entities() -> None:
    acme = [r for r in broken() if r.row == 0]
    assert [r.values["title"] for r in acme] == [
        "Senior Software Engineers (Fullstack & Backend)",
        "Staff/Lead iOS Engineer",
    ]
    v = acme[0].values
    assert (v["company"], v["location"], v["remote_text"]) == (
        "Acme & Sons", "Berlin, Germany", "REMOTE (EU)",
    )  # fmt: skip
    assert (v["salary_text"], v["employment_type"]) == ("€70/100k + equity", "Full-time")
    assert 'We\'re building "tools" for <teams>.' in v["description"]
    assert "&lt;teams&gt;" in v["description_html"]
    assert acme[0].values["description"] == acme[1].values["description"]
    assert acme[0].values["id"] != acme[1].values["id"]


def test_roles_listed_as_body_bullets() -> None:
    kite = [r.values["title"] for r in broken() if r.row == 3]
    assert kite == ["Senior Backend Engineer", "Product Designer"]


def test_only_multiple_roles_keeps_one_posting_as_written() -> None:
    quill = [r for r in broken() if r.row == 4]
    assert [r.values["title"] for r in quill] == ["Multiple roles"]


def test_broken_run_records_and_reasons() -> None:
    found = {r.row: r.reason for r in broken() if isinstance(r, Rejected)}
    assert found == {
        1: "reply or meta comment, not a job offer",
        2: "no role named in the post",
        5: "flagged, dead or deleted post",
        6: "no text",
        7: "no HN item id",
        8: "not a JSON object",
        10: "link to a job aggregator or search tool",
    }
    assert {r.row for r in broken()} == set(range(11))


def test_ids_are_stable_across_reads() -> None:
    assert [r.values["id"] for r in broken() if isinstance(r, Row)] == [
        r.values["id"] for r in broken() if isinstance(r, Row)
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [("hn_not_json.json", "not JSON"), ("hn_no_jobs.json", "no 'jobs' array")],
)
def test_a_file_that_is_not_a_run_is_one_error_line(name: str, message: str) -> None:
    with pytest.raises(SourceError, match=message) as error:
        list(SOURCE.read(CASES / name))
    assert "\n" not in str(error.value)


def test_binary_file_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "raw.json"
    path.write_bytes(b"\x00\x01\x02")
    with pytest.raises(SourceError, match="binary"):
        list(SOURCE.read(path))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senior Engineer & Designer", ["Senior Engineer", "Designer"]),
        ("Engineers (Fullstack & Backend)", ["Engineers (Fullstack & Backend)"]),
        ("Software, Mobile, QA, IT, TPM", ["Software, Mobile, QA, IT, TPM"]),
        ("Backend Engineer, and Data Scientist", ["Backend Engineer", "Data Scientist"]),
        ("Staff/Lead iOS Engineer", ["Staff/Lead iOS Engineer"]),
        ("Engineer (Remote, US", ["Engineer"]),
    ],
)
def test_split_roles(text: str, expected: list[str]) -> None:
    assert split_roles(text) == expected


def test_prose_post_and_story_title() -> None:
    offer = read_comment("Mapbox is hiring a Geospatial Data Engineer on our Boundaries team.")
    assert not isinstance(offer, str)
    assert (offer.company, offer.roles) == ("Mapbox", ["Geospatial Data Engineer"])
    story = read_story("Ubicloud (YC W24): Software Engineer – $95-$250K in Turkey, Netherlands")
    assert not isinstance(story, str)
    assert (story.company, story.roles, story.salary) == (
        "Ubicloud (YC W24)", ["Software Engineer"], "$95-$250K",
    )  # fmt: skip
    assert story.location == "Turkey, Netherlands"


def test_header_fields_split_at_dashes_only_outside_prose() -> None:
    assert header_fields("Wolf Games — Director of Engineering — Remote (US) — Contract") == [
        "Wolf Games", "Director of Engineering", "Remote (US)", "Contract",
    ]  # fmt: skip
    line = "Hiring – REMOTE LATAM - We build AI tools for law firms"
    assert header_fields(line) == [line]


@given(st.text(max_size=300))
def test_post_parsers_never_crash(text: str) -> None:
    for offer in (read_comment(text), read_story(text)):
        assert isinstance(offer, str) or all(role.strip() for role in offer.roles)
    assert all(part for part in header_fields(text or "x"))
