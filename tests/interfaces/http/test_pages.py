"""The server's pages in a real browser (Debian's chromium via Playwright): the interactive API
docs served offline, and the web chat behind its login (a read key may ask, not change the
library).  Screenshots go to ``test-artifacts/browser/<test>/``."""

from __future__ import annotations

import pytest

from tests.interfaces.http.conftest import Api
from tests.support.browser import ARTIFACTS, RecordedPage

TIMEOUT_MS = 90_000


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    recorded = RecordedPage.open(context, ARTIFACTS / "browser" / request.node.name)
    yield recorded
    context.close()


def test_the_api_docs_load_nothing_from_outside_the_machine(api: Api, page: RecordedPage) -> None:
    page.page.goto(f"{api.url}/docs", wait_until="load")
    page.page.locator(".opblock").first.wait_for()
    page.shot("docs")
    summaries = page.page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/v1/ask", "/v1/chat/completions", "/v1/documents/{document_id}"} <= {s.strip() for s in summaries}
    assert page.page.locator(".authorize").count() == 1  # the bearer key can be entered
    assert page.foreign_urls() == [], page.foreign_urls()


def test_the_web_chat_asks_for_a_login_and_a_read_key_may_ask_but_not_upload(api: Api, page: RecordedPage,
                                                                             tmp_path) -> None:
    p = page.page
    p.goto(api.url, wait_until="load")
    p.get_by_label("username").fill(api.read_name)
    p.get_by_label("password").fill("not-the-key-0123456789")
    page.shot("login")
    p.get_by_role("button", name="Login").click()
    p.get_by_text("Incorrect Credentials").wait_for()
    p.get_by_label("username").fill(api.read_name)
    p.get_by_label("password").fill(api.read_key)
    p.get_by_role("button", name="Login").click()
    p.wait_for_selector("#question textarea")
    p.locator("#question textarea").fill("How many airstrikes were reported?")
    p.locator("#question textarea").press("Enter")
    p.wait_for_selector('#sources .sources-panel[data-state="final"]')
    assert "34 airstrikes" in p.locator('#chat [data-testid="bot"]').last.inner_text()
    page.shot("answer")

    report = tmp_path / "read_only_check.txt"
    report.write_text("Read only check: 9 tents were counted.\n", encoding="utf-8")
    p.get_by_role("tab", name="Library").click()
    p.locator("#upload input[type=file]").set_input_files([str(report)])
    p.wait_for_function("() => document.querySelectorAll('#upload tbody tr').length >= 1")
    p.locator("#add").click()
    p.locator("#library-status").get_by_text("may read the library but not change it").wait_for()
    page.shot("upload-refused")
    with api.client() as client:
        assert client.get("/v1/documents/read_only_check").status_code == 404
    assert page.foreign_urls() == [], page.foreign_urls()
