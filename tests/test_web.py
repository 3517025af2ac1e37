"""The web chat: the ``/ask`` API through gradio_client on loopback, and the handlers directly."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.offline import configure_offline

configure_offline()

from assistant import Assistant, Settings  # noqa: E402
from assistant.types import Answer, Citation  # noqa: E402
from assistant.web import (  # noqa: E402
    EMPTY_INDEX_MESSAGE,
    WebHandlers,
    create_ui,
    format_answer_html,
    stage_uploads,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
WEB_CORPUS = ("jazira_storm_operation.txt", "isaf_test_037.txt", "isaf_test_074.txt")
AIRSTRIKES = "How many airstrikes were reported?"


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def web_assistant(tmp_path_factory, embedder) -> Assistant:
    """An Assistant over a temp store holding the seed report and two ISAF files."""
    store = tmp_path_factory.mktemp("web-store")
    assistant = Assistant(Settings(store=store), embedder=embedder)
    report = assistant.ingest([CORPUS / name for name in WEB_CORPUS])
    assert not report.rejected, report.rejected
    return assistant


@pytest.fixture(scope="module")
def web_url(web_assistant) -> Iterator[str]:
    """The UI launched in-process on a free loopback port; closed after the module."""
    demo = create_ui(web_assistant, web_assistant.settings)
    _, url, _ = demo.launch(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        yield url
    finally:
        demo.close()


@pytest.fixture(scope="module")
def client(web_url):
    from gradio_client import Client

    return Client(web_url, verbose=False)


def test_ask_endpoint_returns_cited_answer(client) -> None:
    record = json.loads(client.predict(AIRSTRIKES, api_name="/ask"))
    assert record["has_answer"] is True
    assert "34" in record["answer"]
    assert any(
        c["source"] == "jazira_storm_operation.txt" and "34 airstrikes" in c["text"] for c in record["citations"]
    ), record["citations"]


def test_ask_endpoint_reports_empty_question(client) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="empty"):
        client.predict("   ", api_name="/ask")


def test_chat_answer_lists_numbered_citations(web_assistant) -> None:
    textbox, history = WebHandlers(web_assistant).chat(AIRSTRIKES, [])
    assert textbox == ""
    assert [m["role"] for m in history] == ["user", "assistant"]
    reply = history[-1]["content"]
    assert "34 airstrikes" in reply and "[1]" in reply
    assert "<b>[1]</b> jazira_storm_operation (jazira_storm_operation.txt) — " in reply


def test_chat_keeps_the_given_history(web_assistant) -> None:
    previous = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]
    _, history = WebHandlers(web_assistant).chat(AIRSTRIKES, previous)
    assert history[:2] == previous and len(history) == 4
    assert len(previous) == 2  # the input list is not mutated


def test_chat_on_empty_index_says_so(tmp_path, embedder) -> None:
    handlers = WebHandlers(Assistant(Settings(store=tmp_path / "empty"), embedder=embedder))
    _, history = handlers.chat(AIRSTRIKES, [])
    assert history[-1] == {"role": "assistant", "content": EMPTY_INDEX_MESSAGE}
    _, history = handlers.chat("  ", [])
    assert history[-1]["role"] == "assistant" and "type a question" in history[-1]["content"]


def test_answer_html_escapes_document_text() -> None:
    hostile = "<script>alert(1)</script> **bold** $$x^2$$ <img src=x onerror=alert(1)>\nnext line"
    citation = Citation(1, "a<b>", "a<b>.txt", "a<b>:0", 0, len(hostile), hostile, 0.9)
    answer = Answer("q", f"{hostile} [1]", True, citations=(citation,))
    rendered = format_answer_html(answer)
    assert "<script>" not in rendered and "<img" not in rendered and "a<b>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "<b>[1]</b> a&lt;b&gt; (a&lt;b&gt;.txt) — &lt;script&gt;" in rendered
    assert "<br>next line" in rendered


def test_upload_adds_documents_and_reports_each_file(tmp_path, embedder) -> None:
    assistant = Assistant(Settings(store=tmp_path / "upload-store"), embedder=embedder)
    handlers = WebHandlers(assistant)
    uploads = tmp_path / "gradio-cache" / "3f2a9c"  # gradio keeps the original name as the base name
    uploads.mkdir(parents=True)
    report_file = uploads / "harbor_inspection.txt"
    report_file.write_text(
        "Harbor inspection report.\n\nThe inspectors counted 17 damaged cranes at the northern harbor "
        "after the storm. Repairs are expected to take six weeks.\n",
        encoding="utf-8",
    )
    bad_file = uploads / "scan.pdf"
    bad_file.write_bytes(b"%PDF-1.4 not text")

    text, table = handlers.upload([str(report_file), str(bad_file)])

    lines = text.splitlines()
    assert lines[0] == "added: harbor_inspection.txt (1 chunks)"
    assert lines[1].startswith("rejected: scan.pdf: not a readable PDF")
    assert "assistant-upload-" not in text  # the temporary folder is not shown
    assert lines[-1] == "Summary: added 1, updated 0, unchanged 0, rejected 1"
    assert list(table["id"]) == ["harbor_inspection"]

    record = json.loads(handlers.answer_json("How many damaged cranes were counted at the harbor?"))
    assert record["has_answer"] is True and "17" in record["answer"]
    assert record["citations"][0]["source"] == "harbor_inspection.txt"

    text, _ = handlers.upload([str(report_file)])
    assert text.splitlines()[0] == "unchanged: harbor_inspection.txt (1 chunks)"


def test_upload_without_files(web_assistant) -> None:
    text, table = WebHandlers(web_assistant).upload(None)
    assert text == "No files selected."
    assert set(WEB_CORPUS) <= set(table["source"])


def test_stage_uploads_keeps_names_and_separates_duplicates(tmp_path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.md").write_text(folder, encoding="utf-8")
    staging = tmp_path / "staging"
    staging.mkdir()
    staged = stage_uploads([tmp_path / "a" / "notes.md", tmp_path / "b" / "notes.md"], staging)
    assert [p.name for p in staged] == ["notes.md", "notes.md"]
    assert staged[0] != staged[1]
    assert [p.read_text(encoding="utf-8") for p in staged] == ["a", "b"]


def test_page_is_served(web_url) -> None:
    import httpx

    response = httpx.get(web_url, timeout=10)
    assert response.status_code == 200
    assert "<gradio-app" in response.text or "gradio" in response.text.lower()
