"""One canonical posting per job: reposts, re-scrapes and the same ad on other boards."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roleatlas.sources import all_sources, get_source, ingest_all, ingest_file
from roleatlas.sources.clean import dedup_key
from roleatlas.sources.dedup import (
    description_words,
    group_postings,
    link_postings,
    title_key,
)
from roleatlas.store import Store

AD = (
    "Acme builds data tools for hospitals and clinics. You will design pipelines in Python and "
    "SQL, run them on Airflow, and keep dashboards honest for the clinical teams who rely on them. "
    "You have five years of experience with data warehouses, you write clear tests, and you "
    "like to explain numbers to people who are not engineers.\n\n"
    "We offer a salary of 150,000 to 180,000 USD, equity and four weeks of paid leave."
)


def _posting(i: int, *, title: str = "Senior Data Engineer", description: str = AD, **more: Any):
    return {
        "id": f"p{i}",
        "source": more.pop("source", "generic"),
        "source_file": more.pop("source_file", "a.jsonl"),
        "source_row": i,
        "posted_date": None,
        "title": title,
        "company": more.pop("company", "Acme"),
        "description": description,
        "external_id": more.pop("external_id", None),
    }


@pytest.mark.parametrize(
    "variant",
    [
        AD + "\n\n## CLICK TO [APPLY](https://www.remotewlb.com/apply/senior-data-engineer)",
        AD + "\n![](https://remotive.com/job/track/1234567/blank.gif?source=public_api)",
        "Description\n\n" + AD,
        "Job Description: " + AD,
        "DescriptionAcme builds" + AD.removeprefix("Acme builds"),
        AD + "\n\n#LI-Remote #LI-DNI",
        AD.upper(),
        AD.replace(",", " ,").replace("\n\n", "\n"),
    ],
)
def test_boilerplate_variants_share_the_key(variant: str) -> None:
    key = dedup_key(title="Senior Data Engineer", description=AD)
    assert dedup_key(title="Senior Data Engineer", description=variant) == key
    assert dedup_key(title="Senior Data Engineer (m/w/d)", description=variant) == key


def test_company_is_not_in_the_key() -> None:
    meta = dedup_key(title="Research Scientist", description=AD, company="Meta")
    platforms = dedup_key(
        title="Research Scientist", description=AD, company="Meta Platforms, Inc."
    )
    assert meta == platforms
    # without a description the company keeps bare titles apart
    assert dedup_key(title="Analyst", description=None, company="A") != dedup_key(
        title="Analyst", description=None, company="B"
    )


def test_other_title_or_text_gets_another_key() -> None:
    key = dedup_key(title="Senior Data Engineer", description=AD)
    assert dedup_key(title="Data Engineer (Scala)", description=AD) != key
    assert dedup_key(title="Senior Data Engineer", description=AD + " Visa sponsored.") != key


def test_location_line_variant_joins_the_group() -> None:
    rows = [
        _posting(1, description="Location: Austin, TX\n\n" + AD),
        _posting(2, description="Location: Remote, Canada\n\n" + AD, source="remotewlb"),
        # a re-scrape that kept only part of the text: contained in the longer copy
        _posting(3, description=AD.split("\n\n")[0], source="linkedin"),
    ]
    groups = group_postings(rows)
    assert set(groups.canonical.values()) == {"p1"}
    assert groups.near_pairs >= 2


def test_staffing_template_under_other_titles_stays_apart() -> None:
    template = AD.replace("Acme", "Unreal Staffing")
    rows = [
        _posting(1, title="Senior Python Developer", description=template),
        _posting(2, title="Senior Java Developer", description=template),
        _posting(3, title="Senior Java Developer", description=template + "\nRemote, US."),
    ]
    canonical = group_postings(rows).canonical
    assert canonical["p1"] == "p1"
    assert canonical["p2"] == canonical["p3"] == "p2"


def test_a_board_id_links_an_edited_repost_of_one_title() -> None:
    rows = [
        _posting(1, source="remotewlb", external_id="ai-engineer", description=AD),
        _posting(2, source="remotewlb", external_id="ai-engineer", description="Other text."),
        _posting(3, source="remotewlb", external_id="ml-engineer", description="Other text 2."),
        # the board re-used the slug for another employer's ad
        _posting(
            6, source="remotewlb", external_id="ai-engineer", description="Third.", company="Beta"
        ),
        _posting(
            7, source="remotewlb", external_id="ai-engineer", description="4th", company="Acme Inc"
        ),
        # one HN post naming two roles: one id, two postings
        _posting(4, source="hackernews", external_id="4711", title="Data Analyst"),
        _posting(5, source="hackernews", external_id="4711", title="Backend Engineer"),
    ]
    canonical = group_postings(rows).canonical
    assert canonical == {
        "p1": "p1", "p2": "p1", "p3": "p3", "p4": "p4", "p5": "p5", "p6": "p6", "p7": "p1",
    }  # fmt: skip


def test_different_ads_stay_apart() -> None:
    other = "Beta makes games. " * 20
    canonical = group_postings([_posting(1), _posting(2, description=other)]).canonical
    assert canonical == {"p1": "p1", "p2": "p2"}


def test_canonical_ids_do_not_depend_on_row_order() -> None:
    rows = [
        _posting(i, description=f"Office {i % 3}.\n\n{AD}", source_file=f"f{i % 4}.jsonl")
        for i in range(12)
    ]
    rows[5]["posted_date"] = __import__("datetime").date(2024, 1, 1)
    expected = group_postings(rows).canonical
    assert set(expected.values()) == {"p5"}, "the earliest posted copy is the canonical one"
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    assert group_postings(shuffled).canonical == expected


@given(st.text(max_size=300))
def test_normalising_never_crashes_and_is_idempotent(text: str) -> None:
    words = description_words(text)
    assert all(w.isalnum() and w.islower() or w.isdigit() for w in words)
    assert description_words(b" ".join(words).decode()) == words
    title_key(text)


def _write(path: Path, postings: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(p) + "\n" for p in postings))
    return path


def test_ingest_links_a_new_file_into_existing_groups_and_reruns_change_nothing(
    store: Store, tmp_path: Path
) -> None:
    generic = get_source("generic")
    first = _write(
        tmp_path / "day1.jsonl",
        [
            {"title": "Senior Data Engineer", "company": "Acme", "description": AD},
            {"title": "Senior Java Developer", "company": "Unreal Staffing", "description": AD},
        ],
    )
    second = _write(
        tmp_path / "day2.jsonl",
        [
            {"title": "Senior Data Engineer", "company": "Acme Inc.", "description": "Description\n" + AD},
            {"title": "Senior Data Engineer (Remote)", "company": "Acme", "description": "Austin.\n" + AD},
        ],
    )  # fmt: skip
    ingest_file(store, generic, first, data_dir=tmp_path)
    ingest_file(store, generic, second, data_dir=tmp_path)
    rows = store.query(
        "SELECT id, title, canonical_id FROM postings ORDER BY source_file, source_row"
    )
    assert len(rows) == 4, "every row stays"
    engineer = {r["canonical_id"] for r in rows if "Data Engineer" in r["title"]}
    java = {r["canonical_id"] for r in rows if "Java" in r["title"]}
    assert engineer == {rows[0]["id"]} and java == {rows[1]["id"]}
    before = store.query("SELECT id, canonical_id FROM postings ORDER BY id")
    assert link_postings(store).changed == 0
    assert ingest_file(store, generic, second, data_dir=tmp_path).skipped
    assert store.query("SELECT id, canonical_id FROM postings ORDER BY id") == before

    # the other file order gives the same canonical ids
    with Store(tmp_path / "other.duckdb") as other:
        ingest_file(other, generic, second, data_dir=tmp_path)
        ingest_file(other, generic, first, data_dir=tmp_path)
        assert other.query("SELECT id, canonical_id FROM postings ORDER BY id") == before


def test_a_replaced_file_leaves_no_link_to_a_gone_posting(store: Store, tmp_path: Path) -> None:
    generic = get_source("generic")
    first = _write(tmp_path / "a.jsonl", [{"title": "Data Engineer", "description": AD}])
    second = _write(
        tmp_path / "b.jsonl", [{"title": "Data Engineer", "description": AD + " #LI-1"}]
    )
    ingest_file(store, generic, first, data_dir=tmp_path)
    ingest_file(store, generic, second, data_dir=tmp_path)
    assert store.scalar("SELECT count(DISTINCT canonical_id) FROM postings") == 1
    _write(first, [{"title": "Data Analyst", "description": "Count things. " * 10}])
    ingest_file(store, generic, first, data_dir=tmp_path)
    assert store.count("postings", "canonical_id NOT IN (SELECT id FROM postings)") == 0
    assert store.scalar("SELECT count(DISTINCT canonical_id) FROM postings") == 2


REAL_SOURCES = ("remotewlb", "linkedin-us-aiml", "linkedin-us-ml")


def test_real_reposts_and_cross_source_copies(data_dir: Path, tmp_path: Path) -> None:
    """RemoteWLB and the LinkedIn US files: every row kept, reposts and copies counted once."""
    sources = [
        name for name in all_sources() if name in REAL_SOURCES or name.startswith("linkedin-us")
    ]
    if "remotewlb" not in sources:
        pytest.skip("no remotewlb adapter")
    with Store(tmp_path / "real.duckdb") as store:
        reports = ingest_all(store, data_dir, only=sources)
        stored = sum(r.stored for r in reports)
        assert store.count("postings") == stored, "no row is dropped"
        figures = store.query(
            "SELECT count(*) AS rows, count(DISTINCT canonical_id) AS canonical, "
            "count(DISTINCT dedup_key) AS keys FROM postings"
        )[0]
        cross = store.scalar(
            "SELECT count(*) FROM (SELECT canonical_id FROM postings GROUP BY canonical_id "
            "HAVING count(DISTINCT source) > 1)"
        )
        print(f"\nreal: {figures} cross-source groups {cross}")
        # the same slug of one employer listed under other skill or month folders is one posting
        assert (
            store.scalar(
                "SELECT count(*) FROM (SELECT external_id FROM postings WHERE source = 'remotewlb' "
                "AND company IS NOT NULL GROUP BY external_id, company "
                "HAVING count(DISTINCT canonical_id) > 1)"
            )
            == 0
        )
        # near-duplicates merge beyond the exact keys, and each canonical posting is its own
        assert figures["canonical"] < figures["keys"] < figures["rows"]
        assert store.count("postings", "canonical_id NOT IN (SELECT id FROM postings)") == 0
        assert (
            store.count(
                "postings", "canonical_id IN (SELECT id FROM postings WHERE canonical_id <> id)"
            )
            == 0
        )
        rerun = link_postings(store)
        print(f"full re-link: {rerun}")
        assert rerun.changed == 0, "incremental linking equals linking everything"
        if any(name.startswith("linkedin-us") for name in sources):
            assert cross > 0
    shutil.rmtree(tmp_path, ignore_errors=True)
