"""Hostile posting content goes through the real ingestion and the store, and none of it survives."""

from __future__ import annotations

import logging
import re


def test_script_handlers_and_javascript_urls_do_not_survive(sample_client, sample_db) -> None:
    _, posting_id = sample_db
    html = sample_client.get(f"/jobs/{posting_id}").text
    body = html.split('<main id="main">', 1)[1]
    assert not re.search(r"<script", body, re.I)
    assert not re.search(r"\son\w+\s*=", body, re.I), "no event-handler attributes"
    assert "javascript:" not in body.lower()
    assert "<b>Python</b>" in body, "formatting survives"
    assert "&lt;script&gt;alert(3)" in body, "the title is escaped, not executed"
    listing = sample_client.get("/jobs?q=python").text
    assert "<script" not in listing.split('<main id="main">', 1)[1]
    assert "javascript:" not in listing.lower()


def test_definition_text_is_escaped(sample_client) -> None:
    html = sample_client.get("/roles/data-analyst").text
    assert "&lt;b&gt;work with data&lt;/b&gt;" in html


def test_posting_html_is_sanitized_again_at_render() -> None:
    from roleatlas.web.render import clean_html

    dirty = '<p onclick="x()">a</p><script>b()</script><a href="javascript:c()">d</a>'
    out = str(clean_html(dirty))
    assert "onclick" not in out and "<script" not in out and "javascript:" not in out


def test_fit_text_is_not_stored_logged_or_cached(sample_client, caplog) -> None:
    secret = "Python SQL zebra-unicorn-7731"
    with caplog.at_level(logging.DEBUG):
        r = sample_client.post("/fit", data={"text": secret})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    assert "zebra-unicorn-7731" not in caplog.text
    site = sample_client.app.state.site
    assert not any("zebra" in key for key in site.cache._pages)
