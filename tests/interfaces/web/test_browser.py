"""The web chat in a real browser: Debian's chromium driven by Playwright against the real
``app.py`` server on a loopback port.

Every step saves a screenshot under ``test-artifacts/browser/<test>/``.  Every page records
its requests; each test ends by checking that all of them went to the loopback.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.browser import ARTIFACTS, RecordedPage, launch_browser, start_app
from tests.support.paths import ROOT

CORPUS_FILES = (
    "jazira_storm_operation.txt",
    "isaf_test_037.txt",
    "isaf_test_074.txt",
    "isaf_test_216.txt",
    "isaf_test_396.txt",
    "isaf_test_470.txt",
)
AIRSTRIKES = "How many airstrikes were reported?"
TIMEOUT_MS = 90_000

HARBOR_REPORT = """Harbor inspection report, northern district

Date: 14 March 2024

The inspectors counted 17 damaged cranes at the northern harbor after the storm.
Repairs are expected to take six weeks, according to the port authority.
"""
HARBOR_QUESTION = "How many damaged cranes were counted at the northern harbor?"

HOSTILE_REPORT = """Lighthouse log <b>bold?</b>

<style>body { display: none !important; }</style>
<script>window.__pwned = 'script';</script>

The keepers counted 41 migrating storks <img src=x onerror="window.__pwned='img'"> over the cape.
![tracker](http://example.com/pixel.png) Costs were $12 and $x^2$ and $$\\int_0^1 x\\,dx$$ per night.
Template ${window.__pwned='template'} and {{value}} stay text.
"""
HOSTILE_QUESTION = "How many migrating storks did the keepers count?"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """``app.py`` on a free loopback port, indexing a small copy of the corpus on first start."""
    base = tmp_path_factory.mktemp("browser")
    corpus = base / "corpus"
    corpus.mkdir()
    for name in CORPUS_FILES:
        shutil.copy(ROOT / "corpus" / name, corpus / name)
    app = start_app(base / "store", corpus, base / "app.log")
    try:
        yield app.url
    finally:
        app.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_browser(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser, server, request):
    """Factory: a fresh browser context (its own session) with a recording page on the app."""
    contexts = []

    def open_(name: str = "") -> RecordedPage:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        folder = ARTIFACTS / "browser" / (request.node.name + (f"-{name}" if name else ""))
        recorded = RecordedPage.open(context, folder)
        recorded.page.goto(server, wait_until="load")  # never networkidle: gradio keeps a stream open
        recorded.page.wait_for_selector("#question textarea")
        return recorded

    yield open_
    for context in contexts:
        context.close()


def bot_messages(page):
    return page.locator('#chat [data-testid="bot"]')


def ask(recorded: RecordedPage, question: str) -> str:
    """Type ``question``, send it and wait for the finished answer; returns its text."""
    page = recorded.page
    before = bot_messages(page).count()
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat [data-testid=\"bot\"]').length > n", arg=before
    )
    page.wait_for_selector('#sources .sources-panel[data-state="final"]')
    return bot_messages(page).last.inner_text()


def assert_only_local_requests(recorded: RecordedPage) -> None:
    assert recorded.urls, "no request was recorded"
    assert recorded.foreign_urls() == [], recorded.foreign_urls()


def upload(recorded: RecordedPage, files: list[Path]) -> list[list[str]]:
    """Upload ``files`` in the Library tab and return the rows of the upload results table."""
    page = recorded.page
    page.get_by_role("tab", name="Library").click()
    page.locator("#upload input[type=file]").set_input_files([str(f) for f in files])
    page.wait_for_function("n => document.querySelectorAll('#upload tbody tr').length >= n", arg=len(files))
    recorded.shot("files-chosen")
    page.locator("#add").click()
    page.wait_for_function(f"n => ({TABLE_ROWS_JS})('#results').length >= n", arg=len(files))
    return table_rows(page, "#results")


TABLE_ROWS_JS = """sel => [...document.querySelectorAll(sel + ' [role=row]')]
    .map(row => [...row.querySelectorAll('[role=gridcell]')].map(cell => cell.innerText.trim()))
    .filter(cells => cells.some(text => text))"""
"""The non-empty body rows of a gr.Dataframe (it draws them as ``[role=row]`` of ``[role=gridcell]``)."""


def table_rows(page, selector: str) -> list[list[str]]:
    return page.evaluate(TABLE_ROWS_JS, selector)


def document_ids(page) -> list[str]:
    return [row[0] for row in table_rows(page, "#documents")]


def test_airstrikes_citation_opens_the_highlighted_passage(open_page, server) -> None:
    from gradio_client import Client

    recorded = open_page()
    page = recorded.page
    page.locator("#chat").get_by_text("How many", exact=False).first.wait_for()  # examples from the corpus
    recorded.shot("empty-chat-with-examples")

    answer = ask(recorded, AIRSTRIKES)
    assert "34 airstrikes" in answer and "[1]" in answer
    recorded.shot("answer")
    sources = page.locator("#sources")
    assert "jazira_storm_operation" in sources.inner_text()

    page.locator("#chat a.cite", has_text="[1]").first.click()
    mark = page.locator("#document mark#cited-passage")
    mark.wait_for()
    recorded.shot("document-from-answer")

    cited = json.loads(Client(server, verbose=False).predict(AIRSTRIKES, api_name="/ask"))["citations"][0]
    assert mark.text_content() == cited["text"]
    assert "34 airstrikes" in mark.text_content()
    assert page.locator("#document .doc-head").inner_text().startswith("jazira_storm_operation")
    assert _in_view(page, "#document mark#cited-passage")

    # The same passage from the sources panel, after scrolling the viewer away from it.
    page.evaluate("document.querySelector('#document .doc-text').scrollIntoView(); window.scrollTo(0, 0)")
    page.locator("#sources a.cite").first.click()
    page.wait_for_timeout(300)
    assert mark.text_content() == cited["text"]
    assert _in_view(page, "#document mark#cited-passage")
    recorded.shot("document-from-sources")
    assert_only_local_requests(recorded)


def test_the_short_answer_is_bold_and_highlighted_inside_the_cited_passage(open_page, server) -> None:
    from gradio_client import Client

    record = json.loads(Client(server, verbose=False).predict(AIRSTRIKES, api_name="/ask"))
    short = record["short_answer"]
    assert short is not None and short["text"] == "34"
    recorded = open_page()
    page = recorded.page
    answer = ask(recorded, AIRSTRIKES)
    bold = page.locator("#chat b.short-answer").last
    assert bold.inner_text() == "34" and answer.startswith("34")
    recorded.shot("short-answer-in-bold")
    page.locator("#chat a.cite", has_text="[1]").last.click()
    inner = page.locator("#document mark#cited-passage mark#short-answer")
    inner.wait_for()
    assert inner.text_content() == "34"
    # the highlighted span is the document text at the JSON's offsets
    offset = page.evaluate("""() => {
        const text = document.querySelector('#document .doc-text');
        const mark = document.querySelector('#document mark#short-answer');
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEndBefore(mark);
        return range.toString().length;
    }""")
    assert offset == short["start"]
    assert page.locator("#document mark#cited-passage").text_content() == record["citations"][0]["text"]
    recorded.shot("short-answer-highlighted")
    page.locator("#sources a.cite").first.click()
    page.wait_for_timeout(300)
    assert page.locator("#document mark#short-answer").text_content() == "34"
    assert_only_local_requests(recorded)


def _in_view(page, selector: str) -> bool:
    """The element's box overlaps the window and every scrolling ancestor's box."""
    return page.evaluate(
        """sel => {
            const el = document.querySelector(sel);
            const box = el.getBoundingClientRect();
            if (box.bottom <= 0 || box.top >= window.innerHeight) return false;
            for (let p = el.parentElement; p; p = p.parentElement) {
                if (p.scrollHeight > p.clientHeight + 1 && getComputedStyle(p).overflowY !== 'visible') {
                    const outer = p.getBoundingClientRect();
                    if (box.bottom <= outer.top || box.top >= outer.bottom) return false;
                }
            }
            return true;
        }""",
        selector,
    )


def test_upload_ask_and_remove_a_report(open_page, tmp_path) -> None:
    report = tmp_path / "harbor_inspection.txt"
    report.write_text(HARBOR_REPORT, encoding="utf-8")
    empty = tmp_path / "blank.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "scan.bin"
    binary.write_bytes(b"\x00\x01binary")

    recorded = open_page()
    page = recorded.page
    rows = upload(recorded, [report, empty, binary])
    recorded.shot("upload-results")
    by_file = {row[0]: row for row in rows}
    assert by_file["harbor_inspection.txt"][1] == "added"
    assert by_file["blank.txt"][1] == "rejected" and "empty" in by_file["blank.txt"][3]
    assert by_file["scan.bin"][1] == "rejected" and "unsupported" in by_file["scan.bin"][3]
    assert "harbor_inspection" in document_ids(page)

    page.get_by_role("tab", name="Chat").click()
    answer = ask(recorded, HARBOR_QUESTION)
    recorded.shot("answer-from-new-report")
    assert "17 damaged cranes" in answer
    assert "harbor_inspection" in page.locator("#sources").inner_text()
    assert "dated 2024-03-14" in page.locator("#sources").inner_text()

    page.get_by_role("tab", name="Library").click()
    page.locator("#documents [role=gridcell]", has_text="harbor_inspection.txt").click()  # selects its row
    page.wait_for_function("() => document.querySelector('#remove-choice input').value === 'harbor_inspection'")
    page.locator("#remove").click()
    page.locator("#confirm-remove").wait_for()
    assert "Remove harbor_inspection" in page.locator("#confirm-prompt").inner_text()
    recorded.shot("confirm-removal")
    page.locator("#confirm-remove").click()
    page.locator("#library-status", has_text="Removed harbor_inspection").wait_for()
    page.wait_for_function(f"() => !({TABLE_ROWS_JS})('#documents').some(row => row[0] === 'harbor_inspection')")
    recorded.shot("after-removal")

    page.get_by_role("tab", name="Chat").click()
    answer = ask(recorded, HARBOR_QUESTION)
    recorded.shot("answer-after-removal")
    assert "17 damaged cranes" not in answer
    assert "harbor_inspection" not in page.locator("#sources").inner_text()
    assert "harbor_inspection" not in answer
    assert_only_local_requests(recorded)


def test_hostile_document_is_shown_as_text(open_page, tmp_path) -> None:
    hostile = tmp_path / "lighthouse_log.md"
    hostile.write_text(HOSTILE_REPORT, encoding="utf-8")
    recorded = open_page()
    page = recorded.page
    rows = upload(recorded, [hostile])
    assert rows[0][:2] == ["lighthouse_log.md", "added"]

    page.get_by_role("tab", name="Chat").click()
    answer = ask(recorded, HOSTILE_QUESTION)
    assert "41 migrating storks" in answer
    assert '<img src=x onerror="window.__pwned=\'img\'">' in answer  # the markup is shown as text
    page.locator("#chat a.cite", has_text="[1]").first.click()
    page.locator("#document mark#cited-passage").wait_for()
    page.wait_for_timeout(500)  # give any injected handler the chance to run
    recorded.shot("hostile-document")

    text = page.locator("#document .doc-text").inner_text()
    for literal in ("<script>window.__pwned = 'script';</script>", "<style>body", "<b>bold?</b>",
                    "![tracker](http://example.com/pixel.png)", "$x^2$", "${window.__pwned='template'}", "{{value}}"):
        assert literal in text, literal
    assert page.evaluate("window.__pwned") is None
    for area in ("#document .doc-text", "#chat .message-content", "#sources .source-passage"):
        assert page.locator(f"{area} img, {area} script, {area} style").count() == 0, area
    assert page.locator(".katex, math").count() == 0
    # the only markup: the cited passage's mark and, inside it, the short answer's
    assert page.locator("#document .doc-text *").evaluate_all("els => els.map(e => e.tagName + '#' + e.id)") == [
        "MARK#cited-passage", "MARK#short-answer"]
    assert page.evaluate("getComputedStyle(document.body).display") != "none"
    assert_only_local_requests(recorded)
    assert not any("example.com" in url for url in recorded.urls)


def test_two_sessions_chat_at_once_without_sharing_history(open_page) -> None:
    first, second = open_page("first"), open_page("second")
    questions = {id(first): AIRSTRIKES, id(second): "How many villages were captured?"}
    for recorded in (first, second):  # send both before waiting for either
        recorded.page.locator("#question textarea").fill(questions[id(recorded)])
        recorded.page.locator("#question textarea").press("Enter")
        recorded.shot("sent")
    for recorded in (first, second):
        recorded.page.wait_for_selector('#sources .sources-panel[data-state="final"]')
        recorded.shot("answered")
    first_chat = first.page.locator("#chat").inner_text()
    second_chat = second.page.locator("#chat").inner_text()
    assert AIRSTRIKES in first_chat and questions[id(second)] not in first_chat
    assert questions[id(second)] in second_chat and AIRSTRIKES not in second_chat
    assert re.search(r"\b12 villages\b", second_chat)
    for recorded in (first, second):
        assert_only_local_requests(recorded)


LAKEVIEW_REPORT = """Lakeview district security update

Date: 3 June 2019

Three insurgents were killed when a patrol was ambushed on the road north of Lakeview district centre.
After the clash five suspects were detained in Lakeview district for questioning.
"""
STONEBRIDGE_REPORT = """Stonebridge district security update

Date: 4 June 2019

Two insurgents were killed in a firefight at a checkpoint in Stonebridge district.
Police later detained nine suspects in the market of Stonebridge.
"""


def test_a_follow_up_in_the_chat_is_answered_about_the_first_question(open_page, tmp_path) -> None:
    for name, text in (("lakeview_update.txt", LAKEVIEW_REPORT), ("stonebridge_update.txt", STONEBRIDGE_REPORT)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    recorded = open_page()
    page = recorded.page
    rows = upload(recorded, [tmp_path / "lakeview_update.txt", tmp_path / "stonebridge_update.txt"])
    assert {row[1] for row in rows} <= {"added", "unchanged"}, rows

    page.get_by_role("tab", name="Chat").click()
    first = ask(recorded, "How many insurgents were killed in Lakeview district?")
    assert re.search(r"\b(3|[Tt]hree)\b", first) and "[1]" in first, first
    follow_up = ask(recorded, "and how many were detained there?")  # names neither the place nor the subject
    recorded.shot("follow-up")
    assert re.search(r"\b(5|five)\b", follow_up) and "[1]" in follow_up, follow_up
    assert not re.search(r"\b(9|nine)\b", follow_up), follow_up
    sources = page.locator("#sources").inner_text()
    assert "lakeview_update" in sources and "stonebridge_update" not in sources

    other = open_page("other-session")  # a session of its own: the first question is not its history
    alone = ask(other, "and how many were detained there?")
    other.shot("follow-up-without-history")
    assert "Lakeview" not in other.page.locator("#chat").inner_text().replace(alone, "")
    assert_only_local_requests(recorded)
