"""Serving without a store: the snapshot has derived figures only and pages say so; static export."""

from __future__ import annotations

import gzip
import json
from xml.etree import ElementTree

from fastapi.testclient import TestClient

from roleatlas.web import create_app, export_site, make_snapshot
from roleatlas.web.datasource import SnapshotSource, StoreSource
from roleatlas.web.settings import WebSettings


def test_snapshot_holds_no_postings_and_serves(sample_db, tmp_path) -> None:
    path, posting_id = sample_db
    snap = tmp_path / "analysis.json.gz"
    report = make_snapshot(path, snap)
    assert report["profile"] == 2 and report["comparison"] == 1
    raw = gzip.decompress(snap.read_bytes()).decode()
    assert posting_id not in raw and "Great job" not in raw
    settings = WebSettings(db=tmp_path / "missing.duckdb", snapshot=snap)
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").json()["origin"] == "snapshot"
        jobs = client.get("/jobs").text
        assert "No postings are loaded" in jobs and "roleatlas build" in jobs
        article = client.get("/compare/data-analyst-vs-data-scientist").text
        assert "No postings are loaded" in article
        assert client.get("/roles/data-analyst").status_code == 200
        filtered = client.get("/salaries/data-analyst.json?level=SE").json()
        assert filtered["note"] and not filtered["live"]


def test_bundled_snapshot_when_present_is_valid() -> None:
    settings = WebSettings()
    if settings.snapshot.exists():
        source = SnapshotSource(settings.snapshot)
        assert source.keys("profile")
        assert not source.has_postings


def test_export_site_writes_pages_and_sitemap(sample_db, tmp_path) -> None:
    source = StoreSource(sample_db[0])
    try:
        counts = export_site(source, tmp_path / "site", base_url="https://example.org")
    finally:
        source.close()
    assert counts == {"roles": 2, "comparisons": 1, "salaries": 2}
    article = (tmp_path / "site/compare/data-analyst-vs-data-scientist/index.html").read_text()
    assert "<svg" in article and "Salary Insights" in article
    assert (tmp_path / "site/static/site.css").exists()
    tree = ElementTree.parse(tmp_path / "site/sitemap.xml")
    locs = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://example.org/compare/data-analyst-vs-data-scientist/" in locs
    assert (
        json.loads((tmp_path / "site/roles/data-analyst.json").read_text())["slug"]
        == "data-analyst"
    )
