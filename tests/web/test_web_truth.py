"""Pages say what their figures mean (issue 12): labels and notes as a reader sees them."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def _text(client: TestClient, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, url
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.text))


def test_role_page_shows_mentioned_and_required_and_broader_pay(client: TestClient) -> None:
    text = _text(client, "/roles/head-of-data-science")
    assert "Stated as required" in text and "Mentioned" in text
    assert "closest broader role" in text
    assert "not of Head of Data Science" in text


def test_role_page_outlook_names_its_occupation(client: TestClient) -> None:
    text = _text(client, "/roles/data-analyst")
    assert "not Data Analyst alone" in text
    text = _text(client, "/roles/machine-learning-engineer")
    assert "Related occupation" in text
    assert "Median interval: cluster bootstrap" in text


def test_comparison_page_words_pay_and_experience_for_a_reader(client: TestClient) -> None:
    html = client.get("/compare/data-analyst-vs-data-scientist").text
    heading = re.search(r'<h2 id="skills-h">([^<]*)</h2>', html)
    assert heading and heading.group(1) == "Skills: mentioned and stated as required"
    text = _text(client, "/compare/data-analyst-vs-data-scientist")
    assert "Stated as required" in text
    assert "Pay change" not in text
    assert "not what one person gains by switching" in text
    assert "postings ask for about" in text
