"""Greenhouse, Lever and Ashby adapters: saved responses and the live API via recorded answers.

Nothing leaves the machine: ``fetch`` goes through an ``httpx.MockTransport`` that answers
with responses written by hand from each API's public documentation (``recorded/``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.ashby import AshbySource
from roleatlas.sources.adapters.greenhouse import GreenhouseSource
from roleatlas.sources.adapters.lever import LeverSource
from roleatlas.sources.base import Rejected, Row
from roleatlas.sources.http import make_client
from roleatlas.sources.registry import get_source

RECORDED = Path(__file__).parent / "recorded"
Handler = Callable[[httpx.Request], httpx.Response]


def recorded(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


def client_for(handler: Handler) -> httpx.Client:
    return make_client(httpx.MockTransport(handler), sleep=lambda _: None)


def serve(body: bytes, status: int = 200, seen: list | None = None) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return httpx.Response(status, content=body, headers={"Content-Type": "application/json"})

    return client_for(handler)


def rows(records) -> list[dict]:
    return [r.values for r in records if isinstance(r, Row)]


def test_adapters_are_registered_and_find_nothing(tmp_path: Path) -> None:
    for name in ("greenhouse", "lever", "ashby"):
        source = get_source(name)
        assert source.tables == ("postings",)
        assert source.find(tmp_path) == []


def test_greenhouse_saved_response() -> None:
    records = list(GreenhouseSource().read(RECORDED / "greenhouse_acme.json"))
    assert len(records) == 3
    assert isinstance(records[2], Rejected) and records[2].reason == "no job title"
    first, second = rows(records)
    assert first["external_id"] == "4012345007"
    assert first["title"] == "Senior Machine Learning Engineer"
    assert first["company"] == "Acme Analytics"  # the board's own company name wins
    assert second["company"] == "acme"  # else the board name (file stem without the prefix)
    assert first["location"] == "San Francisco, CA"
    assert first["url"] == "https://job-boards.greenhouse.io/acme/jobs/4012345007"
    assert first["posted_date"] == date(2024, 12, 2)  # first_published, not updated_at
    assert second["posted_date"] == date(2025, 1, 10)
    assert first["employment_type"] == "Full-time" and first["remote_text"] == "Hybrid"
    assert second["remote_text"] == "Remote - US"
    assert first["job_functions"] == "Engineering"
    assert first["salary_text"] == "$185,000 — $240,000 USD"
    # HTML-escaped content is unescaped, then sanitized: formatting kept, scripts gone
    assert "<strong>Python</strong>" in first["description_html"]
    assert "<script" not in first["description_html"] and "alert" not in first["description"]
    assert "Train and ship ranking models in Python and PyTorch" in first["description"]
    assert first["source"] == "greenhouse" and first["source_file"] == "greenhouse_acme.json"
    assert first["source_row"] == 0


def test_lever_saved_response() -> None:
    first, second = rows(LeverSource().read(RECORDED / "lever_acme.json"))
    assert first["external_id"] == "5f8a2c1e-93b4-4c61-a0de-2b7f1e0c9a11"
    assert first["title"] == "Data Scientist, Forecasting"
    assert first["company"] == "acme"
    assert first["location"] == "Toronto, ON" and first["country_hint"] == "CA"
    assert first["posted_date"] == date(2024, 12, 2)  # createdAt, milliseconds since epoch
    assert first["employment_type"] == "Full-time" and first["remote_text"] == "hybrid"
    assert first["salary_text"] == "CAD 120,000 - 150,000 per year"
    assert first["currency_hint"] == "CAD"
    assert first["job_functions"] == "Research, Applied AI"
    # the lists and the closing text are part of the posting
    assert "Build forecasting models" in first["description"]
    assert "What you bring" in first["description"]
    assert "equal opportunity employer" in first["description"]
    assert first["url"] == "https://jobs.lever.co/acme/5f8a2c1e-93b4-4c61-a0de-2b7f1e0c9a11"
    assert second["salary_text"] is None and second["remote_text"] == "remote"


def test_ashby_saved_response() -> None:
    first, second = rows(AshbySource().read(RECORDED / "ashby_acme.json"))
    assert first["title"] == "Analytics Engineer" and first["company"] == "acme"
    assert first["salary_text"] == "USD 81,000 - 87,000 per year"
    assert first["currency_hint"] == "USD"
    assert first["employment_type"] == "Full-time" and first["remote_text"] == "Hybrid"
    assert first["posted_date"] == date(2024, 3, 4)
    assert first["job_functions"] == "Data, Analytics"
    assert "<strong>dbt</strong>" in first["description_html"]
    assert second["remote_text"] == "Remote" and second["salary_text"] is None
    assert second["url"].startswith("https://jobs.ashbyhq.com/acme/")


def test_configured_company_name() -> None:
    source = get_source("lever", company="Acme Corp.")
    assert {v["company"] for v in rows(source.read(RECORDED / "lever_acme.json"))} == {"Acme Corp."}


@pytest.mark.parametrize(
    ("source", "file", "url", "query"),
    [
        (
            GreenhouseSource(),
            "greenhouse_acme.json",
            "https://boards-api.greenhouse.io/v1/boards/acme/jobs",
            {"content": "true"},
        ),
        (
            LeverSource(),
            "lever_acme.json",
            "https://api.lever.co/v0/postings/acme",
            {"mode": "json"},
        ),
        (
            AshbySource(),
            "ashby_acme.json",
            "https://api.ashbyhq.com/posting-api/job-board/acme",
            {"includeCompensation": "true"},
        ),
    ],
)
def test_fetch_gets_the_documented_address(source, file: str, url: str, query: dict) -> None:
    seen: list[httpx.Request] = []
    with serve(recorded(file), seen=seen) as client:
        records = list(source.fetch("acme", client=client))
    (request,) = seen
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == query
    assert request.headers["User-Agent"].startswith("roleatlas/")
    saved = list(source.read(RECORDED / file))
    assert len(records) == len(saved)
    fetched = rows(records)
    assert {v["source_file"] for v in fetched} == {"acme"}
    assert [v["title"] for v in fetched] == [v["title"] for v in rows(saved)]


@pytest.mark.parametrize(
    ("source", "body", "status", "message"),
    [
        (GreenhouseSource(), recorded("greenhouse_not_found.json"), 404, "not found \\(HTTP 404"),
        (LeverSource(), recorded("lever_not_found.json"), 404, "not found \\(HTTP 404"),
        (AshbySource(), b"", 404, "not found"),
        (AshbySource(), b"upstream error", 502, "HTTP 502"),
        (GreenhouseSource(), recorded("greenhouse_acme.json")[:700], 200, "malformed JSON"),
        (LeverSource(), b"<!DOCTYPE html><html><title>Jobs</title></html>", 200, "HTML instead"),
        (LeverSource(), recorded("ashby_acme.json"), 200, "expected a JSON array"),
        (LeverSource(), recorded("lever_not_found.json"), 200, "Document not found"),
        (AshbySource(), recorded("lever_acme.json"), 200, "no 'jobs' list"),
        (GreenhouseSource(), b"   ", 200, "empty response"),
    ],
)
def test_fetch_errors_are_one_line(source, body: bytes, status: int, message: str) -> None:
    with serve(body, status) as client, pytest.raises(SourceError, match=message) as info:
        source.fetch("acme", client=client)
    assert "\n" not in str(info.value)
    assert source.name in str(info.value)


def test_fetch_network_failure() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Name or service not known", request=request)

    with client_for(handler) as client, pytest.raises(SourceError, match="network error"):
        GreenhouseSource().fetch("acme", client=client)


def test_fetch_retries_a_server_error_then_succeeds() -> None:
    answers = [httpx.Response(503), httpx.Response(429, headers={"Retry-After": "0"})]

    def handler(request: httpx.Request) -> httpx.Response:
        return (
            answers.pop(0) if answers else httpx.Response(200, content=recorded("ashby_acme.json"))
        )

    with client_for(handler) as client:
        assert len(list(AshbySource().fetch("acme", client=client))) == 2
    assert answers == []


@pytest.mark.parametrize("board", ["", "../admin", "acme/jobs", "a b", "x" * 200])
def test_bad_board_names(board: str) -> None:
    with serve(b"{}") as client, pytest.raises(SourceError, match="bad board name"):
        GreenhouseSource().fetch(board, client=client)


def test_job_entries_that_are_not_objects(tmp_path: Path) -> None:
    path = tmp_path / "acme.json"
    path.write_text(json.dumps({"jobs": ["oops", {"title": "ML Engineer", "id": 1,
                                                  "location": "not an object"}]}))  # fmt: skip
    bad, good = GreenhouseSource().read(path)
    assert isinstance(bad, Rejected) and bad.reason == "job entry is not a JSON object"
    assert isinstance(good, Row) and good.values["location"] is None
    assert good.values["company"] == "acme"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (recorded("lever_acme.json")[:300], "malformed JSON"),
        (b"<html><body>Sign in</body></html>", "HTML, not a saved"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "binary file"),
    ],
)
def test_broken_saved_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "lever_acme.json"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message) as info:
        list(LeverSource().read(path))
    assert "\n" not in str(info.value)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
KEYS = [
    "id", "title", "text", "location", "content", "metadata", "departments", "updated_at",
    "first_published", "categories", "salaryRange", "createdAt", "workplaceType", "lists",
    "description", "compensation", "publishedAt", "employmentType", "isRemote", "jobUrl",
]  # fmt: skip
jobs = st.dictionaries(st.sampled_from(KEYS), json_values, max_size=8)


@settings(max_examples=150, deadline=None)
@given(jobs, st.sampled_from([GreenhouseSource(), LeverSource(), AshbySource()]))
def test_any_job_shape_gives_a_row_or_a_rejection(job: dict, source) -> None:
    (record,) = source._records([job], board="acme", source_file="acme")
    assert isinstance(record, Row | Rejected)
