"""The filter controls and the Timeline tab in a real browser (Debian's chromium via Playwright)
against the real ``app.py`` on a loopback port, over invented Valdoria reports.

Screenshots of every step go under ``test-artifacts/browser/<test>/``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.interfaces.web.test_browser import ask, assert_only_local_requests
from tests.support.browser import ARTIFACTS, RecordedPage, start_app
from tests.support.paths import ROOT

VALDORIA = ROOT / "evalsets" / "valdoria" / "docs"
TIMEOUT_MS = 90_000


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("browser-timeplace")
    corpus = base / "corpus"
    for folder in ("news", "ngo", "ministry"):
        shutil.copytree(VALDORIA / folder, corpus / folder)
    app = start_app(base / "store", corpus, base / "app.log")
    try:
        yield app.url
    finally:
        app.stop()


@pytest.fixture
def page(browser, server, request) -> Iterator[RecordedPage]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    recorded = RecordedPage.open(context, ARTIFACTS / "browser" / request.node.name)
    recorded.page.goto(server, wait_until="load")
    recorded.page.wait_for_selector("#question textarea")
    yield recorded
    assert_only_local_requests(recorded)
    context.close()


def chips(page) -> int:
    return int(page.locator("#filter-chips .chips").get_attribute("data-count"))


def test_filter_controls_chips_and_the_answer_stating_them(page):
    p = page.page
    assert chips(p) == 0
    p.locator("#filter-from input, #filter-from textarea").first.fill("2019-04-01")
    p.locator("#filter-from input, #filter-from textarea").first.press("Tab")
    p.wait_for_function("() => document.querySelector('#filter-chips .chips').dataset.count === '1'")
    place = p.locator("#filter-place input").first
    place.fill("Orrin")
    place.press("Enter")
    p.wait_for_function("() => document.querySelector('#filter-chips .chips').dataset.count === '2'")
    assert "place: Orrin" in p.locator("#filter-chips").inner_text()
    page.shot("two-filters")
    text = ask(page, "Why did the schools close?")
    assert "Filters: reports dated 2019-04-01 or later, naming Orrin" in text
    sources = p.locator("#sources").inner_text()
    assert "dalmesa_post_schools" in sources
    page.shot("answer-with-filters")
    p.locator('#filter-chips button.chip-remove[data-field="place"]').click()
    p.wait_for_function("() => document.querySelector('#filter-chips .chips').dataset.count === '1'")
    assert p.locator("#filter-place input").first.input_value() == ""
    page.shot("place-removed")
    p.locator("#filter-from input, #filter-from textarea").first.fill("2019-13-01")
    text = ask(page, "Why did the schools close?")
    assert "Error: 'from' must be a date like 2010-05-31, got '2019-13-01'" in text
    page.shot("bad-date")


def test_timeline_tab_chart_narrowing_and_cited_rows(page):
    p = page.page
    p.get_by_role("tab", name="Timeline").click()
    p.wait_for_selector("#timeline-chart .tl-bar")
    bars = p.locator("#timeline-chart .tl-bar")
    assert bars.count() >= 4
    all_rows = int(p.locator("table.tl-rows").get_attribute("data-rows"))
    assert "Undated, not on the timeline: ngo/clearwater_field_note" in p.locator("#timeline-list").inner_text()
    page.shot("timeline")
    busiest = max(range(bars.count()), key=lambda i: int(bars.nth(i).get_attribute("data-count")))
    bar = bars.nth(busiest)
    start, end = bar.get_attribute("data-start"), bar.get_attribute("data-end")
    bar.click()
    p.wait_for_selector("#timeline-chart .tl-bar.selected")
    rows = p.locator("table.tl-rows tr.tl-row")
    narrowed = rows.count()
    assert 0 < narrowed < all_rows
    for i in range(narrowed):
        day = rows.nth(i).locator("td").first.inner_text()
        assert start <= day <= end
    page.shot("narrowed")
    row = rows.first
    quote = row.locator("td").nth(2).inner_text().strip("“”").rstrip("…")
    row.click()
    mark = p.locator("#timeline-document mark#cited-passage")
    mark.wait_for()
    assert " ".join(quote.split())[:60] in " ".join(mark.inner_text().split())
    page.shot("row-opened")
    p.locator("#timeline-place input").first.fill("Karvesh")
    p.locator("#timeline-place input").first.press("Enter")
    p.locator("#timeline-show").click()
    p.wait_for_function("() => !document.querySelector('#timeline-chart .tl-bar.selected')")
    for i in range(p.locator("table.tl-rows tr.tl-row").count()):
        assert p.locator("table.tl-rows tr.tl-row").nth(i).get_attribute("data-document")
    page.shot("filtered-by-place")
