"""Pages and JSON through the real app on the real built store."""

from __future__ import annotations

import csv
import io
import re

import pytest

ARTICLE_SECTIONS = [
    "Definitions", "Responsibilities", "Skills: mentioned and stated as required", "Educational Backgrounds",
    "Tools and Software Used", "Common Industries", "Outlooks",
    "Practical Tips for Getting Started", "Transition Plans", "Featured Jobs", "Salary Insights",
    "Related Comparisons",
]  # fmt: skip


def h2s(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)
    ]


def test_home_lists_roles_popular_comparisons_and_freshness(client, roles) -> None:
    html = client.get("/").text
    assert "Find a role" in html and "Compare two roles" in html
    assert "Popular comparisons" in html and 'href="/compare/' in html
    assert "Data freshness" in html
    assert f'href="/roles/{roles[0]}"' in html


def test_compare_page_is_the_article_in_reader_order(client, pair) -> None:
    a, b = pair
    r = client.get(f"/compare/{a}-vs-{b}")
    assert r.status_code == 200
    html = r.text
    assert re.search(r"\d+ min read", html) and "Updated" in html
    headings = h2s(html)
    positions = [headings.index(s) for s in ARTICLE_SECTIONS]
    assert positions == sorted(positions), headings
    assert html.count("<svg") >= 2, "skill and salary charts"
    assert 'role="img"' in html and "<title" in html
    assert "n=" in html


def test_reversed_comparison_redirects_permanently(client, pair) -> None:
    a, b = pair
    r = client.get(f"/compare/{b}-vs-{a}", follow_redirects=False)
    assert r.status_code == 301
    assert r.headers["location"] == f"/compare/{a}-vs-{b}"
    r = client.get(f"/compare/{b}-vs-{a}.json", follow_redirects=False)
    assert r.headers["location"] == f"/compare/{a}-vs-{b}.json"


def test_compare_json_is_the_same_data_as_the_api(client, pair) -> None:
    a, b = pair
    page = client.get(f"/compare/{a}-vs-{b}.json").json()
    api = client.get(f"/api/v1/comparisons/{b}-vs-{a}").json()
    assert page == api
    assert page["comparison"]["a"]["slug"] == a


def test_role_page_sections_chart_and_csv(client, roles) -> None:
    slug = roles[0]
    html = client.get(f"/roles/{slug}").text
    for heading in ("Definition", "Responsibilities", "Skills", "Tools and software", "Salaries"):
        assert heading in h2s(html)
    assert "<svg" in html
    rows = list(csv.DictReader(io.StringIO(client.get(f"/roles/{slug}/skills.csv").text)))
    assert rows and {"skill", "share", "n"} <= set(rows[0])
    assert client.get(f"/roles/{slug}.json").json()["slug"] == slug


def test_salary_page_filters_are_live(client, roles) -> None:
    slug = roles[0]
    plain = client.get(f"/salaries/{slug}.json").json()
    senior = client.get(f"/salaries/{slug}.json?level=SE&source=survey").json()
    assert senior["live"] and senior["filters"] == {"level": "SE", "source": "survey"}
    n_all = sum(c["n"] for c in plain["stats"]["global"]["cells"] if c["source"] == "survey")
    n_se = sum(c["n"] for c in senior["stats"]["global"]["cells"] if c["source"] == "survey")
    assert 0 < n_se < n_all
    html = client.get(f"/salaries/{slug}?level=SE").text
    assert "<svg" in html and "selected>Senior" in html


def test_suppressed_salary_cells_say_so(client, roles) -> None:
    slug = roles[-1]
    html = client.get(f"/salaries/{slug}?country=IS").text
    assert "not enough data (n=" in html


def test_job_board_search_filters_and_facets(client) -> None:
    data = client.get("/jobs.json?q=python+machine+learning&remote=&sort=relevance").json()
    assert data["total"] > 0
    scores = [i["score"] for i in data["items"]]
    assert scores == sorted(scores, reverse=True)
    top_role = data["facets"]["role"][0][0]
    narrowed = client.get(f"/jobs.json?q=python&role={top_role}&country=US").json()
    assert 0 < narrowed["total"] <= data["total"]
    assert all(i["role"] == top_role and i["country"] == "US" for i in narrowed["items"])
    html = client.get(f"/jobs?q=python&role={top_role}").text
    assert "<mark>" in html and "Refine" in html


def test_job_board_pages_and_sorts(client) -> None:
    first = client.get("/jobs.json?sort=salary").json()
    pays = [i["annual_max_usd"] for i in first["items"] if i["annual_max_usd"]]
    assert first["pages"] > 1 and pays
    second = client.get("/jobs.json?sort=salary&page=2").json()
    assert {i["id"] for i in first["items"]}.isdisjoint(i["id"] for i in second["items"])


def test_posting_page_shows_fields_and_skills(client) -> None:
    hit = client.get("/jobs.json?q=sql").json()["items"][0]
    html = client.get(f"/jobs/{hit['id']}").text
    assert "Normalized fields" in html and "Extracted skills" in html
    assert hit["title"].split()[0] in html


def test_fit_ranks_roles_and_finds_jobs(client) -> None:
    r = client.post("/fit", data={"text": "Python, SQL, machine learning, TensorFlow, statistics"})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    assert "Fit to each role" in r.text and "<svg" in r.text
    api = client.post("/api/v1/fit", json={"text": "Tableau, Excel, SQL, Power BI"}).json()
    assert len(api["skills"]) >= 3
    assert api["fits"][0]["fit"] >= api["fits"][-1]["fit"]


def test_openapi_documents_the_api(client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/roles", "/api/v1/comparisons/{pair}", "/api/v1/jobs", "/api/v1/fit"):
        assert path in spec["paths"]


@pytest.mark.parametrize("path", ["/", "/jobs", "/api/v1/roles", "/static/site.css", "/nope"])
def test_security_headers_on_every_response(client, path) -> None:
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"]
