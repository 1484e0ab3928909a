"""Live job boards: fetch a board's public JSON, keep the response, ingest it.

Each fetch is saved as ``{data_dir}/jobboards/{source}/{YYYY-MM-DD}/{board}.json`` before it
is ingested, so every figure can be traced to the response it came from, re-ingesting a day
adds nothing, and a job seen again on a later day is linked to its first sighting as a
duplicate (its true age is the first day it was seen).
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx

from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.jobboards import BOARD_NAME
from roleatlas.sources.http import get_json, make_client
from roleatlas.sources.ingest import FileReport, ingest_file
from roleatlas.sources.registry import get_source
from roleatlas.store import Store

BOARD_SOURCES = ("greenhouse", "lever", "ashby")


def save_board(
    name: str,
    board: str,
    *,
    data_dir: Path,
    client: httpx.Client | None = None,
    day: str | None = None,
) -> Path:
    """Fetch one board's jobs and save the response; return the saved file."""
    if name not in BOARD_SOURCES:
        raise SourceError(f"unknown job board {name!r}; known: {', '.join(BOARD_SOURCES)}")
    source = get_source(name)
    if not BOARD_NAME.match(board or ""):
        raise SourceError(f"{name}: bad board name {board!r}")
    owned = client is None
    client = client or make_client()
    try:
        url = source.url.format(board=quote(board, safe=""))
        payload = get_json(
            client, url, what=f"{name} board {board!r}", params=source.params or None
        )
    finally:
        if owned:
            client.close()
    source.jobs(payload, what=f"{name} board {board!r}")
    day = day or datetime.now(UTC).date().isoformat()
    target = Path(data_dir) / "jobboards" / name / day / f"{board}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", dir=target.parent, delete=False, suffix=".part", encoding="utf-8"
    ) as tmp:
        json.dump(payload, tmp, ensure_ascii=False)
    os.replace(tmp.name, target)
    return target


def fetch_board(
    store: Store,
    name: str,
    board: str,
    *,
    data_dir: Path,
    client: httpx.Client | None = None,
    company: str | None = None,
    day: str | None = None,
) -> FileReport:
    """Fetch, save and ingest one board; return the ingest report."""
    path = save_board(name, board, data_dir=data_dir, client=client, day=day)
    source = get_source(name, company=company) if company else get_source(name)
    return ingest_file(store, source, path, data_dir=data_dir)
