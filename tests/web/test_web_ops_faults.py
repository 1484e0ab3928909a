"""Hostile requests and hostile data: /fit never answers 500, bodies are bounded before they are
read, every error carries the security headers, and CSV cells never run as formulas."""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import web_sample as sample
from starlette.exceptions import StarletteDeprecationWarning

from roleatlas.sources.postings import make_posting
from roleatlas.store import Store, utcnow
from roleatlas.web import create_app
from roleatlas.web.app import MAX_BODY, SECURITY_HEADERS
from roleatlas.web.routes.common import spreadsheet_safe
from roleatlas.web.settings import WebSettings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

FORMULA_TITLE = '=HYPERLINK("https://evil.example","Click for the salary")'
FORMULA_COMPANY = "+cmd|' /C calc'!A0"
DEEP = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
SURROGATE = b'{"text": "python \\ud800 sql"}'


def assert_secured(response) -> None:  # type: ignore[no-untyped-def]
    for name, value in SECURITY_HEADERS:
        assert response.headers.get(name.decode()) == value.decode(), name


@pytest.fixture(scope="module")
def formula_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web sample plus a posting whose title and company are spreadsheet formulas."""
    path = tmp_path_factory.mktemp("formula") / "formula.duckdb"
    with Store(path) as store:
        sample.fill(store)
        row = make_posting(source="glassdoor", source_file="evil.csv", row=1, raw={},
                           title=FORMULA_TITLE, company=FORMULA_COMPANY, location="@SUM(A1:A9)",
                           description="Python and SQL.", posted_date=date(2022, 3, 2))  # fmt: skip
        posting = row.values  # type: ignore[union-attr]
        store.insert("postings", [{**posting, "ingested_at": utcnow()}])
        store.insert("posting_facts", [{
            "posting_id": posting["id"], "canonical_id": posting["id"], "is_canonical": True,
            "source": "glassdoor", "role": "data-analyst", "seniority": "-1+2",
            "country": "US", "posted_on": date(2022, 3, 2)}])  # fmt: skip
    return path


@pytest.fixture
def client(formula_db: Path) -> Iterator[TestClient]:
    app = create_app(WebSettings(db=formula_db, page_cache_size=0))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    app.state.site.source.close()


# -- /fit -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/fit", "/api/v1/fit"])
def test_a_deeply_nested_body_is_a_400_or_422(client, path) -> None:
    r = client.post(path, content=DEEP, headers={"content-type": "application/json"})
    assert r.status_code in (400, 422), r.text[:200]
    assert_secured(r)


def test_a_lone_surrogate_is_read_as_a_replacement_character(client) -> None:
    r = client.post("/fit", content=SURROGATE, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text[:200]
    assert_secured(r)
    assert "python \ufffd sql" in r.text


def test_the_api_refuses_a_lone_surrogate_as_invalid(client) -> None:
    r = client.post("/api/v1/fit", content=SURROGATE, headers={"content-type": "application/json"})
    assert r.status_code == 422 and "unicode" in r.json()["error"]
    assert_secured(r)


def test_a_lone_surrogate_in_a_form_is_harmless(client) -> None:
    r = client.post("/fit", content=b"text=python+%ED%A0%80+sql",
                    headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert r.status_code == 200 and "python" in r.text


@pytest.mark.parametrize("path", ["/fit", "/api/v1/fit"])
def test_an_announced_huge_body_is_refused_unread(client, path) -> None:
    # the announced length alone refuses it: the 300 MB are never sent, let alone read
    def body() -> Iterator[bytes]:
        yield b'{"text": "'
        raise AssertionError("the server read past the limit")

    r = client.post(path, content=body(),
                    headers={"content-type": "application/json", "content-length": str(300 << 20)})  # fmt: skip
    assert r.status_code == 413
    assert_secured(r)


def test_a_streamed_body_is_cut_at_the_limit(client) -> None:
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        while sent < 20 * MAX_BODY:
            sent += 64 << 10
            yield b"a" * (64 << 10)

    r = client.post("/fit", content=body(),
                    headers={"content-type": "application/json", "accept": "application/json"})  # fmt: skip
    assert r.status_code == 413 and r.json()["status"] == 413
    assert_secured(r)


def test_fit_is_in_the_openapi_document(client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    body = paths["/fit"]["post"]["requestBody"]["content"]
    assert {"application/json", "application/x-www-form-urlencoded"} <= set(body)
    assert "/api/v1/fit" in paths


# -- every error carries the security headers -------------------------------------------------------
def test_an_unexpected_error_is_a_secured_500_without_a_traceback(formula_db: Path) -> None:
    app = create_app(WebSettings(db=formula_db, page_cache_size=0))

    @app.get("/boom.json")
    def boom() -> None:
        raise ZeroDivisionError("a bug")

    with TestClient(app, raise_server_exceptions=False) as test_client:
        r = test_client.get("/boom.json")
        html = test_client.get("/boom.json", headers={"accept": "text/html"})
    app.state.site.source.close()
    assert r.status_code == 500 and r.json()["status"] == 500
    assert "Traceback" not in r.text and "a bug" not in r.text
    assert_secured(r)
    assert_secured(html)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/no/such/page", 404), ("GET", "/jobs.json?page=0", 422),
     ("DELETE", "/fit", 405), ("GET", "/roles?q=data+analyst", 303)],
)  # fmt: skip
def test_errors_and_redirects_carry_the_security_headers(client, method, path, status) -> None:
    r = client.request(method, path, follow_redirects=False)
    assert r.status_code == status
    assert_secured(r)


# -- CSV ------------------------------------------------------------------------------------------
def test_job_csv_cells_never_run_as_formulas(client) -> None:
    r = client.get("/jobs.csv")
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.text)))
    evil = next(row for row in rows if "HYPERLINK" in row["title"])
    assert evil["title"] == "'" + FORMULA_TITLE
    assert evil["company"] == "'" + FORMULA_COMPANY
    assert evil["location"] == "'@SUM(A1:A9)"
    assert evil["seniority"] == "'-1+2"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@A1", "'@A1"), ("\tx", "'\tx"),
     ("\rx", "'\rx"), ("Data Analyst", "Data Analyst"), ("a=b", "a=b"), (-3.5, -3.5), (None, None)],
)  # fmt: skip
def test_spreadsheet_safe(value, safe) -> None:
    assert spreadsheet_safe(value) == safe
