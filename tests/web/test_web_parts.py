"""Charts, search and fit as plain functions."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from roleatlas.web import charts
from roleatlas.web.fit import fit_roles
from roleatlas.web.search import JobIndex, snippet, tokenize

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(str(svg))


def test_charts_are_well_formed_accessible_svg() -> None:
    bars = charts.grouped_bars(
        [("Python & <R>", [charts.Bar("py", 70, "70 of 100"), charts.Bar("py", None)])],
        series=["Analyst", "Scientist"], title="Skills", desc="Shares",
    )  # fmt: skip
    root = parse(bars)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Skills"
    assert any(t.text == "70 of 100" for t in root.iter(f"{SVG}title"))
    boxes = charts.boxes(
        [charts.Box("SE", 120, 80e3, 90e3, 100e3, 120e3, 140e3), charts.Box("EX", 4)],
        title="Pay", desc="d",
    )  # fmt: skip
    texts = [t.text for t in parse(boxes).iter(f"{SVG}text")]
    assert "not enough data (n=4)" in texts
    line = charts.line(
        [("survey", [charts.Bar("2023", 1e5), charts.Bar("2024", 1.1e5)])], title="t", desc="d"
    )
    assert parse(line).find(f"{SVG}polyline") is not None
    assert charts.boxes([], title="t", desc="d") == ""


def test_tokenize_keeps_programming_names() -> None:
    assert tokenize("C++, C# and Node.js for the win") == ["c++", "c#", "node.js", "win"]


def test_bm25_prefers_title_matches_and_filters() -> None:
    docs = [
        {"id": "1", "title": "Data Engineer", "company": "A", "description": "python spark", "role": "de",
         "posted_on": date(2020, 1, 1)},
        {"id": "2", "title": "Python Developer", "company": "B", "description": "python python", "role": "swe",
         "posted_on": date(2021, 1, 1)},
        {"id": "3", "title": "Analyst", "company": "C", "description": "excel", "role": "da",
         "posted_on": date(2022, 1, 1)},
    ]  # fmt: skip
    index = JobIndex(docs)
    result = index.search("python")
    assert [i["id"] for i in result.items] == ["2", "1"]
    assert dict(result.facets["role"]) == {"swe": 1, "de": 1}
    assert index.search("python", filters={"role": "de"}).total == 1
    assert [i["id"] for i in index.search("").items] == ["3", "2", "1"]
    assert index.search("", filters={"posted_since": date(2021, 6, 1)}).total == 1


def test_snippet_escapes_and_marks() -> None:
    out = str(snippet("Use <script> and Python daily", ["python"]))
    assert "&lt;script&gt;" in out and "<mark>Python</mark>" in out


def test_fit_weights_by_share() -> None:
    profiles = {
        "a": {"name": "A", "skills": {"top": [{"skill": "python", "share": 0.8}, {"skill": "excel", "share": 0.2}]}},
        "b": {"name": "B", "skills": {"top": [{"skill": "python", "share": 0.2}, {"skill": "excel", "share": 0.8}]}},
    }  # fmt: skip
    fits = fit_roles(["python"], profiles)
    assert [f.slug for f in fits] == ["a", "b"]
    assert round(fits[0].fit, 2) == 0.8 and fits[0].gaps[0]["skill"] == "excel"
