"""The web chat in a real browser: Debian's chromium driven by Playwright against the real
``app.py`` server on a loopback port.

Every step saves a screenshot under ``test-artifacts/browser/<test>/``.  Every page records
its requests; each test ends by checking that all of them went to the loopback.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.browser import ARTIFACTS, RecordedPage, start_app
from tests.support.makefiles import pdf_bytes
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

FILLER = (
    "The review team travelled with the convoy from the depot to the river crossing and back. It spoke with "
    "drivers, escorts and the staff of two checkpoints, and it read the logbooks kept at every stop. Weather on "
    "the road was dry and the bridges were open to heavy vehicles during the whole period of the review. "
)
CONVOY_PAGES = [
    ["Convoy review, northern supply road", *textwrap.wrap(FILLER * 3, 90)],
    ["Findings on the route", *textwrap.wrap(FILLER * 3, 90)],
    ["Losses", "After the ambush the inspectors counted 23 burned trucks on the northern supply road.",
     *textwrap.wrap(FILLER, 90)],
]
"""The lines of a PDF whose answer stands on page 3 (each page is longer than a chunk, so the
answer's chunk starts there)."""
CONVOY_QUESTION = "How many burned trucks did the inspectors count on the northern supply road?"
OPIUM_QUESTION = "How much opium did the combined force seize in Kajaki district?"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """``app.py`` on a free loopback port, indexing a small copy of the corpus on first start."""
    base = tmp_path_factory.mktemp("browser")
    corpus = base / "corpus"
    corpus.mkdir()
    for name in CORPUS_FILES:
        shutil.copy(ROOT / "corpus" / name, corpus / name)
    (corpus / "reviews").mkdir()
    (corpus / "reviews" / "convoy_review.pdf").write_bytes(pdf_bytes(["\n".join(lines) for lines in CONVOY_PAGES]))
    app = start_app(base / "store", corpus, base / "app.log")
    try:
        yield app.url
    finally:
        app.stop()


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
    assert [row[1] for row in rows] == ["rejected", "rejected", "added"]  # rejected files first
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
    page.wait_for_function("() => document.querySelector('#selected-document textarea').value === 'harbor_inspection'")
    page.locator("#library-document", has_text="17 damaged cranes").wait_for()  # and opens it
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


VIEWER_STATE_JS = """() => {
    const view = document.querySelector('#document');
    const mark = view.querySelector('mark#cited-passage');
    const head = view.querySelector('.doc-head');
    if (!mark || !head) return null;
    const m = mark.getBoundingClientRect(), h = head.getBoundingClientRect();
    return {head: head.innerText, mark: mark.textContent, markTop: m.top, headBottom: h.bottom,
            windowHeight: window.innerHeight,
            shown: m.top >= h.bottom - 1 && m.top >= 0 && m.top + 16 <= window.innerHeight};
}"""
"""Where the viewer's highlighted passage and its sticky header are (viewport pixels)."""


def viewer_state(page) -> dict | None:
    return page.evaluate(VIEWER_STATE_JS)


def wait_for_viewer(page, heading: str) -> dict:
    page.wait_for_function(
        "h => { const e = document.querySelector('#document .doc-head');"
        " return e && e.innerText.startsWith(h) && document.querySelector('#document mark#cited-passage'); }",
        arg=heading)
    page.wait_for_timeout(400)  # the viewer's script scrolls on the next frame
    return viewer_state(page)


def test_a_pdf_citation_carries_its_page_in_json_and_on_the_page(open_page, server) -> None:
    from gradio_client import Client

    record = json.loads(Client(server, verbose=False).predict(CONVOY_QUESTION, api_name="/ask"))
    assert record["id"] is None and "23 burned trucks" in record["answer"]
    cited = record["citations"][0]
    assert (cited["source"], cited["path"], cited["page"]) == ("convoy_review.pdf", "reviews/convoy_review.pdf", 3)
    assert all(r["page"] is None for r in record["retrieved"] if not r["source"].endswith(".pdf"))

    recorded = open_page()
    page = recorded.page
    answer = ask(recorded, CONVOY_QUESTION)
    recorded.shot("pdf-answer")
    assert "23 burned trucks" in answer and "reviews/convoy_review.pdf, p. 3" in answer  # the sources line
    assert "reviews/convoy_review.pdf · p. 3" in page.locator("#sources").inner_text()
    state = wait_for_viewer(page, "reviews/convoy_review")  # the viewer opened the answer's citation
    assert "passage [1]: p. 3, characters" in state["head"] and "3 pages" in state["head"]
    assert "23 burned trucks" in state["mark"]
    assert_only_local_requests(recorded)


def test_the_viewer_follows_the_second_answer_and_its_header_never_covers_the_passage(open_page) -> None:
    recorded = open_page()
    page = recorded.page
    assert "34 airstrikes" in ask(recorded, AIRSTRIKES)
    first = wait_for_viewer(page, "jazira_storm_operation")
    assert "34 airstrikes" in first["mark"]
    recorded.shot("first-answer")

    assert "353" in ask(recorded, OPIUM_QUESTION)
    second = wait_for_viewer(page, "isaf_test_074")  # not the first answer's document
    recorded.shot("second-answer")
    assert "353" in second["mark"] and second["shown"], second
    assert _in_view(page, "#document mark#cited-passage")

    assert "23 burned trucks" in ask(recorded, CONVOY_QUESTION)  # a long document, passage at its end
    third = wait_for_viewer(page, "reviews/convoy_review")
    recorded.shot("third-answer")
    assert third["shown"], third  # its first line below the sticky header and inside the window
    assert _in_view(page, "#document mark#cited-passage")
    # Scrolled away and opened again from the sources panel: still below the header.
    page.evaluate("document.querySelector('#document .doc-text').scrollIntoView(); window.scrollTo(0, 0)")
    page.locator("#sources a.cite").first.click()
    page.wait_for_timeout(500)
    again = viewer_state(page)
    assert again["shown"] and _in_view(page, "#document mark#cited-passage"), again
    assert_only_local_requests(recorded)


def test_notices_replace_each_other_and_examples_stay_until_the_first_question(open_page) -> None:
    recorded = open_page()
    page = recorded.page
    examples = page.locator("#chat").get_by_text("How many", exact=False)
    examples.first.wait_for()
    offered = examples.count()
    for _ in range(3):
        page.locator("#question textarea").press("Enter")
        page.wait_for_timeout(400)
    page.locator("#chat-notice", has_text="Please type a question.").wait_for()
    recorded.shot("empty-questions")
    assert page.locator("#chat-notice").inner_text().count("Please type a question.") == 1
    assert bot_messages(page).count() == 0 and examples.count() == offered  # nothing piled up, examples stay

    ask(recorded, AIRSTRIKES)
    assert page.locator("#chat-notice").inner_text().strip() == ""  # the next question clears the notice
    assert bot_messages(page).count() == 1
    assert_only_local_requests(recorded)


GRADIO_NAMESPACES = (
    "annotated_image audio blocks chat_interface chatbot checkbox code color_picker common dataframe dropdown "
    "errors file highlighted_text image image_editor label login number plot radio slider status upload_text video"
)
"""The sections of gradio 6.31's English strings (``templates/frontend/assets/en-*.js``)."""

UNTRANSLATED_JS = """namespaces => {
    const key = new RegExp('^(' + namespaces.split(' ').join('|') + ')[.][a-z_]+$');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let node; (node = walker.nextNode());) {
        if (node.parentElement.closest('script, style')) continue;
        if (key.test(node.textContent.trim())) found.push(node.textContent.trim());
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]'))
        for (const name of ['aria-label', 'title', 'placeholder'])
            if (key.test(el.getAttribute(name) || '')) found.push(el.getAttribute(name));
    return found;
}"""
"""Texts and labels of the page that are gradio i18n keys (``common.complete``)."""


def test_no_untranslated_key_reaches_the_page_or_a_screen_reader(open_page) -> None:
    recorded = open_page()
    page = recorded.page
    ask(recorded, AIRSTRIKES)
    announced = "() => [...document.querySelectorAll('.sr-only')].map(e => e.textContent.trim())"
    # Gradio's announcer says "Loading", then (throttled to one message in 5 s) what the event ended with.
    page.wait_for_function(f"() => ({announced})().some(t => t && !['Loading', 'Textbox'].includes(t))",
                           timeout=20_000)
    assert "Complete" in page.evaluate(announced)
    assert page.evaluate(UNTRANSLATED_JS, GRADIO_NAMESPACES) == []
    for tab in ("Library", "Incidents"):
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(500)
        assert page.evaluate(UNTRANSLATED_JS, GRADIO_NAMESPACES) == [], tab
    assert_only_local_requests(recorded)


HEADER_WORDS_SPLIT_JS = """sel => {
    const split = [];
    for (const span of document.querySelectorAll(sel + ' [role=columnheader] span.header')) {
        const node = [...span.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
        if (!node) continue;
        const text = node.textContent;
        for (const match of text.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            if (lines.size > 1) split.push(match[0]);
        }
    }
    return split;
}"""
"""Header words that the browser broke over two lines ("ch/un/ks")."""


def header_labels(page, selector: str) -> list[str]:
    return page.evaluate(
        "sel => [...document.querySelectorAll(sel + ' [role=columnheader] span.header')].map(s => s.innerText.trim())",
        selector)


def test_incident_rows_open_the_report_and_table_headers_are_labels_in_whole_words(open_page) -> None:
    recorded = open_page()
    page = recorded.page
    page.get_by_role("tab", name="Incidents").click()
    page.locator("#incidents [role=gridcell]").first.wait_for()
    recorded.shot("incidents")
    labels = header_labels(page, "#incidents")
    assert labels[:5] == ["Report", "Date", "Province", "District", "Events"] and "Leaders killed" in labels
    assert not any("_" in label for label in labels)  # labels, not field names
    assert page.evaluate(HEADER_WORDS_SPLIT_JS, "#incidents") == []
    row = table_rows(page, "#incidents")[0]
    page.locator("#incidents [role=gridcell]").first.click()
    page.locator("#incident-document mark#cited-passage").wait_for()
    recorded.shot("incident-opened")
    assert page.locator("#incident-document .doc-head").inner_text().startswith(row[0])
    assert "incident record:" in page.locator("#incident-document .doc-head").inner_text()

    page.get_by_role("tab", name="Library").click()
    page.locator("#documents [role=gridcell]").first.wait_for()
    assert header_labels(page, "#documents") == ["Document", "File", "Pages", "Characters", "Chunks", "Added"]
    assert page.evaluate(HEADER_WORDS_SPLIT_JS, "#documents") == []
    assert_only_local_requests(recorded)


LIBRARY_SIZE = 300


@pytest.fixture(scope="module")
def big_library(tmp_path_factory, embedder) -> Iterator[str]:
    """``app.py`` over a store of ``LIBRARY_SIZE`` small reports in 10 folders (indexed here first)."""
    from assistant import Assistant, IngestStatus, Settings

    base = tmp_path_factory.mktemp("library")
    reports = base / "reports"
    for i in range(LIBRARY_SIZE):
        path = reports / f"district_{i % 10:02d}" / f"daily_report_{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Daily report {i} of district {i % 10}.\n\nThe patrol logged {i + 1} vehicle checks "
                        f"on road {i} and reported no incident.\n", encoding="utf-8")
    report = Assistant(Settings(store=base / "store"), embedder=embedder).ingest([reports])
    assert report.count(IngestStatus.ADDED) == LIBRARY_SIZE, report.rejected
    app = start_app(base / "store", base / "no-corpus", base / "app.log")
    try:
        yield app.url
    finally:
        app.stop()


def test_library_search_and_click_to_remove_with_300_documents(browser, big_library, request, tmp_path) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    recorded = RecordedPage.open(context, ARTIFACTS / "browser" / request.node.name)
    page = recorded.page
    try:
        page.goto(big_library, wait_until="load")
        page.wait_for_selector("#question textarea")
        started = time.perf_counter()
        page.get_by_role("tab", name="Library").click()
        page.locator("#documents [role=gridcell]").first.wait_for()
        shown = time.perf_counter() - started
        recorded.shot("library-300")
        assert shown < 5.0, f"the Library of {LIBRARY_SIZE} documents took {shown:.1f} s to show"

        newest = tmp_path / "zz_newest_briefing.txt"  # named to sort last: it must still come first
        newest.write_text("Briefing. The engineers counted 6 damaged culverts on the coast road.\n", encoding="utf-8")
        bad = tmp_path / "notes.doc"
        bad.write_bytes(b"\xd0\xcf\x11\xe0 old word file")
        rows = upload(recorded, [newest, bad])
        assert [row[1] for row in rows] == ["rejected", "added"] and "unsupported" in rows[0][3]
        page.wait_for_function(f"() => ({TABLE_ROWS_JS})('#documents')[0][0] === 'zz_newest_briefing'")

        search = page.locator("#documents input[placeholder^='Search']")
        started = time.perf_counter()
        search.fill("daily_report_157")
        page.wait_for_function(f"() => ({TABLE_ROWS_JS})('#documents').length === 1")
        searched = time.perf_counter() - started
        assert table_rows(page, "#documents")[0][:2] == ["district_07/daily_report_157",
                                                          "district_07/daily_report_157.txt"]
        recorded.shot("searched")
        assert searched < 2.0, f"searching {LIBRARY_SIZE} documents took {searched:.1f} s"

        page.locator("#documents [role=gridcell]", has_text="daily_report_157.txt").click()
        page.locator("#library-document", has_text="158 vehicle checks").wait_for()
        assert page.locator("#selected-document textarea").input_value() == "district_07/daily_report_157"
        page.locator("#remove").click()
        page.locator("#confirm-remove").click()
        page.locator("#library-status", has_text="Removed district_07/daily_report_157").wait_for()
        recorded.shot("removed")
        search.fill("")
        search.fill("daily_report_157")
        page.wait_for_function(f"() => ({TABLE_ROWS_JS})('#documents').length === 0")
        search.fill("district_07/daily_report_1")  # 107, 117, ..., 197 without 157
        page.wait_for_function(f"() => ({TABLE_ROWS_JS})('#documents').length === 9")
        assert_only_local_requests(recorded)
    finally:
        context.close()
