"""The pages in a real headless Chromium against a real uvicorn server on loopback."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):  # type: ignore[no-untyped-def]
    sync_api = pytest.importorskip("playwright.sync_api")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )  # fmt: skip
        context = browser.new_context(
            viewport={"width": 1280, "height": 2000}, java_script_enabled=False
        )
        tab = context.new_page()
        errors: list[str] = []
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.errors = errors  # type: ignore[attr-defined]
        yield tab
        context.close()
        browser.close()


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_compare_page(page, server, pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    page.goto(f"{server}/compare/{b}-vs-{a}")
    assert page.url.endswith(f"/compare/{a}-vs-{b}"), "redirected to the canonical URL"
    headings = page.locator("main h2").all_inner_texts()
    for section in (
        "Definitions",
        "Skills: mentioned and stated as required",
        "Salary Insights",
        "Transition Plans",
    ):
        assert section in headings
    assert page.locator("main svg[role=img]").count() >= 2
    assert page.locator("nav.toc a").count() >= 10
    _shot(page, "compare")
    page.locator("#skills").scroll_into_view_if_needed()
    _shot(page, "compare-skills")
    assert not page.errors, page.errors  # CSP violations show up as console errors


def test_role_page(page, server, roles) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/roles/{roles[0]}")
    assert page.locator("h1").inner_text()
    assert page.locator("#skills svg[role=img]").count() == 1
    assert page.locator("link[rel=stylesheet]").count() == 1
    _shot(page, "role")


def test_salary_page_with_a_filter(page, server, roles) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/salaries/{roles[0]}")
    page.select_option("#f-level", "SE")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "level=SE" in page.url
    assert page.locator("main svg[role=img]").count() >= 2
    assert "Experience level = " in page.locator("main").inner_text()
    _shot(page, "salaries-senior")


def test_job_board_search_and_filter(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/jobs")
    page.fill("#j-q", "python")
    page.select_option("#j-remote", index=1) if page.locator(
        "#j-remote option"
    ).count() > 1 else None
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "q=python" in page.url
    assert page.locator("ol.hits > li article.job-card").count() > 0
    assert page.locator("ol.hits mark").count() > 0
    _shot(page, "jobs")
    page.locator("ol.hits article.job-card h3 a").first.click()
    page.wait_for_load_state()
    assert "Extracted skills" in page.locator("main").inner_text()
    _shot(page, "job")


def test_fit_page(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/fit")
    page.fill("#fit-text", "Python, SQL, Tableau, statistics, machine learning, AWS")
    page.click("form.fit-form button[type=submit]")
    page.wait_for_load_state()
    assert "Fit to each role" in page.locator("main").inner_text()
    assert page.locator("main svg[role=img]").count() == 1
    _shot(page, "fit")


def test_mobile_layout(page, server, pair, roles) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    page.set_viewport_size({"width": 390, "height": 1600})
    for name, path in (("compare", f"/compare/{a}-vs-{b}"), ("salaries", f"/salaries/{roles[0]}"),
                       ("jobs", "/jobs?q=python")):  # fmt: skip
        page.goto(f"{server}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"no horizontal scrolling on a phone ({path} is {width}px wide)"
        _shot(page, f"{name}-mobile")
    page.goto(f"{server}/salaries/{roles[0]}")
    label = page.locator("#level-h ~ figure svg text.lab").first
    assert (
        float(page.evaluate("e => getComputedStyle(e).fontSize", label.element_handle())[:-2]) > 16
    )
    page.set_viewport_size({"width": 1280, "height": 2000})


def test_skip_link_and_focus_outline(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/jobs")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    box = page.locator("a.skip").bounding_box()
    assert box and box["x"] >= 0, "the skip link shows when focused"
