"""Fixes from the screenshot review: HEAD, job cards, pay bands, chart labels, skill shares, a11y."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from roleatlas.web import charts
from roleatlas.web.render import pay_band, stated_pay
from roleatlas.web.shares import CATEGORY_LIST_CUT, side_by_side

SVG = "{http://www.w3.org/2000/svg}"


# -- HEAD ------------------------------------------------------------------------------------


def _get_paths(pair: tuple[str, str], role: str) -> list[str]:
    a, b = pair
    return [
        "/", "/roles", f"/roles/{role}", f"/roles/{role}.json", f"/roles/{role}/skills.csv",
        f"/compare/{a}-vs-{b}", f"/compare/{a}-vs-{b}.json", f"/compare/{a}-vs-{b}/skills.csv",
        "/salaries", f"/salaries/{role}", f"/salaries/{role}.json", f"/salaries/{role}/cells.csv",
        "/jobs?q=python", "/jobs.json?q=python", "/jobs.csv", "/fit", "/healthz",
        "/api/v1/roles", f"/api/v1/roles/{role}", "/api/v1/comparisons",
        f"/api/v1/comparisons/{a}-vs-{b}", f"/api/v1/salaries/{role}", "/api/v1/jobs",
        "/api/v1/freshness", "/api/v1/openapi.json", "/static/site.css",
    ]  # fmt: skip


def test_head_answers_like_get_without_a_body(client, pair, roles) -> None:
    for path in _get_paths(pair, roles[0]):
        got = client.get(path)
        head = client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"", path
        assert head.headers["content-type"] == got.headers["content-type"], path
        assert head.headers["content-length"] == str(len(got.content)), path
        assert "default-src 'self'" in head.headers["content-security-policy"]


def test_head_keeps_redirects_and_errors(client, pair) -> None:
    a, b = pair
    moved = client.head(f"/compare/{b}-vs-{a}", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == f"/compare/{a}-vs-{b}"
    assert client.head("/compare/nope-vs-nada").status_code == 404
    assert client.head("/api/v1/fit").status_code == 405  # POST only


# -- job cards and pay -----------------------------------------------------------------------


def test_job_board_snippets_are_inside_their_cards(client) -> None:
    html = client.get("/jobs?q=python").text
    hits = re.search(r'<ol class="hits">(.*?)</ol>', html, re.S).group(1)
    snippets = [m.start() for m in re.finditer(r'<p class="snippet">', hits)]
    assert snippets
    for at in snippets:
        before = hits[:at]
        assert before.rfind("<article") > before.rfind("</article>"), "a snippet outside a card"
        assert (
            hits.find("</article>", at) < hits.find("<article", at) or "<article" not in hits[at:]
        )


@pytest.mark.parametrize(
    ("low", "high", "estimate", "text"),
    [
        (100_000, 130_000, False, "USD 100K – 130K"),
        (187_200, None, False, "USD 187K+"),
        (None, 200_000, False, "up to USD 200K"),
        (66_000, 123_000, True, "USD 66K – 123K (est.)"),
        (90_000, 90_400, False, "USD 90K"),
        (None, None, True, ""),
        (float("nan"), 120_000, False, "up to USD 120K"),
    ],
)
def test_pay_band(low, high, estimate, text) -> None:
    assert pay_band(low, high, estimate) == text


def test_stated_pay_never_prints_none() -> None:
    assert stated_pay(90, None, "USD", "hour") == "USD from 90.00 per hour"
    assert stated_pay(None, 60_000, "EUR", "year") == "EUR up to 60,000 per year"
    assert stated_pay(50_000, 60_000, "GBP", None) == "GBP 50,000–60,000"
    assert stated_pay(None, None, "USD", "year") == ""


def test_no_dash_bands_anywhere(client, pair) -> None:
    a, b = pair
    for path in (f"/compare/{a}-vs-{b}", "/jobs?sort=salary", "/jobs?q=data"):
        html = client.get(path).text
        assert "– –" not in html and "$" not in "".join(re.findall(r"USD [^<]*", html)), path
    featured = re.findall(r'<li class="pay"[^>]*>([^<]*)<', client.get(f"/compare/{a}-vs-{b}").text)
    for band in featured:
        assert re.fullmatch(r"(up to )?USD \d+K(\+| – \d+K)?( \(est\.\))?", band), band


# -- chart labels ----------------------------------------------------------------------------


def test_box_labels_are_never_cut() -> None:
    label = "Entry-level / Junior · board estimate"
    svg = charts.boxes(
        [charts.Box(label, 3), charts.Box("Senior-level / Expert · survey", 7439, 1, 2, 3, 4, 5)],
        title="t",
        desc="d",
    )
    texts = [t.text for t in ElementTree.fromstring(str(svg)).iter(f"{SVG}text")]
    assert f"{label} (n=3)" in texts
    assert "Senior-level / Expert · survey (n=7,439)" in texts
    assert not any("…" in (t or "") for t in texts)


def test_salary_page_box_labels_are_whole(client, roles) -> None:
    html = client.get(f"/salaries/{roles[0]}").text
    labels = re.findall(r'<text [^>]*class="lab"[^>]*>([^<]*)</text>', html)
    assert any("Entry-level / Junior" in lab for lab in labels)
    assert not any("…" in lab for lab in labels)


# -- skill shares ----------------------------------------------------------------------------


def _item(skill: str, share: float, n: int = 100, category: str = "lang") -> dict:
    return {"skill": skill, "label": skill, "category": category, "share": share,
            "count": round(share * n), "n": n, "ci": [share * 0.8, share * 1.2]}  # fmt: skip


def test_side_by_side_settles_every_missing_share() -> None:
    comparison = {
        "a": {"slug": "x", "name": "X", "n_postings": 100},
        "b": {"slug": "y", "name": "Y", "n_postings": 50},
        "skills": {
            "a": {"basis": {"n": 100}, "top": [_item("python", 0.8), _item("excel", 0.4, 100, "sheet"),
                                                _item("sas", 0.3, 100, "stats"), _item("go", 0.2)]},
            "b": {"basis": {"n": 50}, "top": [_item("python", 0.6, 50)]},
            "shared": [], "separating": [],
        },
    }  # fmt: skip
    profile_b = {"skills": {"by_category": {
        "lang": [_item("python", 0.6, 50), _item("go", 0.1, 50)],
        "stats": [_item(f"s{i}", 0.3 - i / 100, 50, "stats") for i in range(CATEGORY_LIST_CUT)],
    }}}  # fmt: skip
    rows = side_by_side(comparison, {"a": None, "b": profile_b})
    assert rows["python"]["b"].found == "comparison"
    go = rows["go"]["b"]
    assert go.found == "profile" and go.share == 0.1 and go.text() == "10%"
    excel = rows["excel"]["b"]  # no "sheet" category for y: no posting asks for it
    assert excel.found == "absent" and excel.share == 0 and excel.text() == "0% (n=50)"
    sas = rows["sas"]["b"]  # the "stats" list is cut: the share is at most its last one
    assert sas.found == "below" and sas.at_most == pytest.approx(0.16)
    assert sas.text() == "not in top skills (≤16%, n=50)"
    without = side_by_side(comparison)["excel"]["b"]
    assert without.found == "below" and without.text() == "not in top skills (≤60%, n=50)"


def test_compare_skill_chart_never_says_no_data(client, app) -> None:
    keys = list(app.state.site.source.keys("comparison"))[:40]
    for key in keys:
        html = client.get(f"/compare/{key}").text
        section = html[html.index('id="skills"') : html.index('id="education"')]
        assert "no data" not in section, key
    csv = client.get(f"/compare/{keys[0]}/skills.csv").text
    assert "found_a" in csv.splitlines()[0]


# -- accessibility ---------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.in_label = 0
        self.skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "label":
            self.in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"] or "")
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.controls.append({**a, "wrapped": "1" if self.in_label else None})
        if tag == "a" and a.get("class") == "skip" and a.get("href") == "#main":
            self.skip = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.in_label -= 1


def _pages(pair: tuple[str, str], role: str) -> list[str]:
    a, b = pair
    return [
        "/", "/roles", f"/roles/{role}", f"/compare/{a}-vs-{b}", "/salaries", f"/salaries/{role}",
        f"/salaries/{role}?level=SE", "/jobs?q=python", "/fit", "/nope",
    ]  # fmt: skip


def test_pages_are_accessible(client, pair, roles) -> None:
    for path in _pages(pair, roles[0]):
        html = client.get(path).text
        page = _Page()
        page.feed(html)
        assert page.skip and '<main id="main"' in html, path
        assert page.headings[0] == 1 and page.headings.count(1) == 1, path
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{path}: heading h{before} then h{after}"
        for control in page.controls:
            labelled = (
                control.get("wrapped")
                or control.get("aria-label")
                or control.get("id") in page.label_for
            )
            assert labelled, f"{path}: unlabelled {control}"
        charts_ = html.split("<svg")[1:]
        for chart in charts_:
            assert 'role="img"' in chart[:300] and "<title" in chart and "<desc" in chart, path
            # the text alternative: every chart is followed by its figures as a table
            assert "<table" in chart[chart.index("</svg>") :], f"{path}: a chart without a table"


def test_fit_result_chart_has_a_table(client) -> None:
    html = client.post("/fit", data={"text": "Python, SQL, Tableau, statistics"}).text
    assert 'class="chart-data"' in html and "<table>" in html


def test_focus_styles_and_skip_link_in_the_stylesheet(client) -> None:
    css = client.get("/static/site.css").text
    assert ":focus-visible" in css and "outline" in css
    assert ".skip:focus" in css
