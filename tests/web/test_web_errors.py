"""Bad parameters get a 4xx with a clear message, never a 500."""

from __future__ import annotations

import pytest

BAD = [
    ("/roles/no-such-role", 404),
    ("/roles/no-such-role.json", 404),
    ("/api/v1/roles/no-such-role", 404),
    ("/api/v1/roles/BAD%20SLUG", 422),
    ("/compare/data-analyst", 400),
    ("/compare/x-vs-x", 404),
    ("/api/v1/comparisons/a-vs-b", 404),
    ("/salaries/data-analyst?level=XX", 400),
    ("/salaries/data-analyst?year=abc", 400),
    ("/salaries/data-analyst?country=United%20States", 400),
    ("/jobs.json?page=0", 422),
    ("/jobs.json?page=abc", 422),
    ("/jobs.json?salary_min=-5", 422),
    ("/jobs.json?posted_since=yesterday", 422),
    ("/jobs.json?sort=random", 422),
    ("/jobs.json?q=" + "x" * 500, 422),
    ("/jobs.json?country=USA", 422),
    ("/jobs/%3Cscript%3E", 404),
    ("/api/v1/jobs/nope", 404),
    ("/no/such/page", 404),
]


@pytest.mark.parametrize(("path", "status"), BAD)
def test_bad_parameters_are_4xx_with_a_message(sample_client, path, status) -> None:
    r = sample_client.get(path)
    assert r.status_code == status, r.text[:300]
    if path.startswith("/api/") or ".json" in path:
        body = r.json()
        assert body["status"] == status and body["error"]
        assert "Traceback" not in body["error"]


def test_bad_fit_bodies(sample_client) -> None:
    assert sample_client.post("/api/v1/fit", json={"text": "x" * 60_000}).status_code == 422
    assert sample_client.post("/api/v1/fit", json={}).status_code == 422
    r = sample_client.post(
        "/fit", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 400
    assert sample_client.post("/fit", data={"text": "y" * 60_000}).status_code == 400


def test_html_errors_are_pages(sample_client) -> None:
    r = sample_client.get("/roles/no-such-role")
    assert r.status_code == 404 and "<h1>Not found</h1>" in r.text
    assert "unknown role" in r.text
