"""Honest dates: no card or page calls a scrape date (or a stand-in) a posting date."""

from __future__ import annotations

import re
from datetime import date

import pytest

from roleatlas.analyze.run import decode_result
from roleatlas.analyze.text import date_label
from roleatlas.store import Store

_POSTED = re.compile(r"\b(?:posted|listed) (\d{4}-\d{2}-\d{2}|[A-Z][a-z]+ \d{4}|\d{4})", re.I)


def test_date_label_says_what_a_date_is() -> None:
    day = date(2025, 3, 2)
    assert date_label({"posted_on": day, "date_kind": "posted"}) == "posted 2025-03-02"
    assert (
        date_label(
            {"posted_on": date(2024, 3, 1), "date_kind": "listed", "date_precision": "month"}
        )
        == "listed March 2024"
    )
    assert (
        date_label({"posted_on": None, "date_kind": "scraped", "scraped_on": date(2018, 7, 22)})
        == "scraped July 2018 (posting date unknown)"
    )
    # a scrape date is never a posting date, even if a row mislabels its kind
    assert date_label({"posted_on": None, "date_kind": "posted", "scraped_on": day}).startswith(
        "scraped"
    )
    assert date_label({}) == "date unknown"


def test_every_featured_card_dates_honestly(built_db) -> None:  # type: ignore[no-untyped-def]
    with Store(built_db, read_only=True) as store:
        real = {
            r["posting_id"]: r
            for r in store.query(
                "SELECT posting_id, CAST(posted_on AS VARCHAR) AS posted_on, date_kind, "
                "date_precision, CAST(scraped_on AS VARCHAR) AS scraped_on FROM posting_facts"
            )
        }
        cards = [
            card
            for row in store.query(
                "SELECT data FROM analysis_results WHERE kind IN ('comparison', 'profile')"
            )
            for card in _cards(decode_result(row["data"]))
        ]
    assert cards, "no job cards in the built store"
    for card in cards:
        fact = real[card["posting_id"]]
        assert card["date_label"] == date_label(fact)
        if fact["posted_on"] is None:
            assert not _POSTED.search(card["date_label"]), card
        else:
            assert fact["date_kind"] in ("posted", "listed")


def _cards(result):  # type: ignore[no-untyped-def]
    for key in ("featured_jobs",):
        block = result.get(key)
        if isinstance(block, dict):
            yield from block.get("items") or []


@pytest.mark.parametrize("kind", ["scraped", "undated"])
def test_posting_pages_never_show_a_scrape_date_as_posted(client, built_db, kind) -> None:  # type: ignore[no-untyped-def]
    where = "f.date_kind = 'scraped'" if kind == "scraped" else "f.date_kind IS NULL"
    with Store(built_db, read_only=True) as store:
        ids = [
            r["posting_id"]
            for r in store.query(
                f"SELECT posting_id FROM posting_facts f WHERE f.is_canonical AND {where} "
                "ORDER BY posting_id LIMIT 25"
            )
        ]
    if not ids:
        pytest.skip(f"no {kind} postings in the built store")
    for posting_id in ids:
        page = client.get(f"/jobs/{posting_id}")
        assert page.status_code == 200
        text = re.sub(r"<[^>]+>", " ", page.text)
        assert not _POSTED.search(text), (posting_id, _POSTED.search(text))
        assert ("Scraped " in text) if kind == "scraped" else ("Date unknown" in text)


def test_posting_pages_link_to_apply(client, built_db) -> None:  # type: ignore[no-untyped-def]
    with Store(built_db, read_only=True) as store:
        rows = store.query(
            "SELECT p.id, p.url FROM postings p JOIN posting_facts f ON f.posting_id = p.id "
            "WHERE f.is_canonical AND p.url LIKE 'http%' ORDER BY p.id LIMIT 10"
        )
    assert rows, "no posting with a link in the built store"
    for r in rows:
        page = client.get(f"/jobs/{r['id']}")
        assert page.status_code == 200
        assert 'class="apply"' in page.text
        assert r["url"].replace("&", "&amp;") in page.text
