"""Live job boards through an injected transport: fetch, save the response, ingest, re-run."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from roleatlas.exceptions import SourceError
from roleatlas.sources.boards import fetch_board
from roleatlas.sources.http import make_client
from roleatlas.store import Store

RECORDED = Path(__file__).parent / "recorded"


def client_for(body: bytes, status: int = 200) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body, headers={"content-type": "application/json"})

    return make_client(httpx.MockTransport(handler), sleep=lambda _: None)


@pytest.mark.parametrize("name", ["greenhouse", "lever", "ashby"])
def test_fetch_saves_then_ingests_and_a_second_fetch_adds_nothing(
    tmp_path: Path, store: Store, name: str
) -> None:
    body = (RECORDED / f"{name}_acme.json").read_bytes()
    first = fetch_board(
        store, name, "acme", data_dir=tmp_path, client=client_for(body), day="2026-11-27"
    )
    saved = tmp_path / "jobboards" / name / "2026-11-27" / "acme.json"
    assert json.loads(saved.read_text()) == json.loads(body)
    assert first.read == first.stored + first.quarantined and first.stored > 0
    again = fetch_board(
        store, name, "acme", data_dir=tmp_path, client=client_for(body), day="2026-11-27"
    )
    assert again.skipped
    # the next day's identical answer is stored and linked to the first sighting
    later = fetch_board(
        store, name, "acme", data_dir=tmp_path, client=client_for(body), day="2026-11-28"
    )
    assert later.stored == first.stored
    assert store.count("postings", "canonical_id <> id") == first.stored


def test_unknown_board_is_one_line(tmp_path: Path, store: Store) -> None:
    with pytest.raises(SourceError) as info:
        fetch_board(
            store,
            "greenhouse",
            "nope",
            data_dir=tmp_path,
            client=client_for(b'{"status":404}', 404),
        )
    assert "\n" not in str(info.value)
    assert store.count("postings") == 0


def test_bad_board_name_is_refused(tmp_path: Path, store: Store) -> None:
    with pytest.raises(SourceError, match="bad board name"):
        fetch_board(store, "lever", "../etc", data_dir=tmp_path, client=client_for(b"[]"))
