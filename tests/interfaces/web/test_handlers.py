"""The web chat: the ``/ask`` API through gradio_client on loopback, and the handlers directly."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest

from assistant.offline import configure_offline

configure_offline()

from assistant import Assistant, Settings
from assistant.interfaces.web.rendering import citation_href, escape_text
from assistant.interfaces.web.ui import (
    EMPTY_INDEX_MESSAGE,
    SEARCHING_MESSAGE,
    WebHandlers,
    create_ui,
    format_answer_html,
    launch_options,
    stage_uploads,
)
from assistant.types import Answer, Citation
from tests.support.paths import CORPUS

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
    _, url, _ = demo.launch(
        server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True, **launch_options()
    )
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


def test_chat_answer_links_its_citations(web_assistant) -> None:
    textbox, history = WebHandlers(web_assistant).chat(AIRSTRIKES, [])
    assert textbox == ""
    assert [m["role"] for m in history] == ["user", "assistant"]
    reply = history[-1]["content"]
    assert "34 airstrikes" in reply
    answer = web_assistant.ask(AIRSTRIKES)
    link = f'<a class="cite" href="{citation_href(answer.citations[0], answer.short_answer)}"'
    assert f"{link} title=" in reply and ">[1]</a>" in reply
    assert ">[1] jazira_storm_operation.txt</a>" in reply  # the sources line under the answer


def test_chat_stream_shows_progress_then_answer_and_sources(web_assistant) -> None:
    steps = list(WebHandlers(web_assistant).chat_stream(AIRSTRIKES, [], k=3))
    assert len(steps) == 3  # searching, passages found, answer (the extractive answerer writes at once)
    assert steps[0].history == [{"role": "user", "content": AIRSTRIKES},
                                {"role": "assistant", "content": SEARCHING_MESSAGE}]
    assert 'data-state="pending"' in steps[0].sources
    assert "3 passages found" in steps[1].history[-1]["content"]
    final_history, sources = steps[-1].history, steps[-1].sources
    assert "34 airstrikes" in final_history[-1]["content"]
    assert 'data-state="final"' in sources
    assert "[1] jazira_storm_operation</a>" in sources and "34 airstrikes" in sources
    assert "jazira_storm_operation.txt" in sources
    assert all(step.notice == "" for step in steps)  # a real question clears the notice line


def test_the_viewer_follows_the_latest_answer(web_assistant) -> None:
    import re

    handlers = WebHandlers(web_assistant)
    first = list(handlers.chat_stream(AIRSTRIKES, []))
    assert all(isinstance(step.viewer, dict) for step in first[:-1])  # gr.skip(): the viewer waits for the answer
    assert first[-1].viewer.startswith('<div class="doc-view"><div class="doc-head"><b>jazira_storm_operation</b>')
    assert "34 airstrikes" in re.search(r'<mark id="cited-passage">(.*?)</mark>', first[-1].viewer, re.DOTALL).group(1)
    second = list(handlers.chat_stream("Who won the 1966 football world cup?", first[-1].history, first[-1].turns))
    assert "cites no passage" in second[-1].viewer  # not the previous answer's document
    opium = list(handlers.chat_stream("How much opium did the combined force seize in Kajaki district?",
                                      second[-1].history, second[-1].turns))
    assert "<b>isaf_test_074</b>" in opium[-1].viewer and "353" in opium[-1].viewer


def test_chat_stream_releases_the_lock_between_steps(web_assistant) -> None:
    handlers = WebHandlers(web_assistant)
    stream = handlers.chat_stream(AIRSTRIKES, [])
    next(stream), next(stream)  # a client that stops reading mid-answer
    assert handlers._lock.acquire(timeout=5)
    handlers._lock.release()
    stream.close()


def test_open_citation_highlights_the_cited_passage(web_assistant) -> None:
    import re

    citation = web_assistant.ask(AIRSTRIKES).citations[0]
    view = WebHandlers(web_assistant).open_citation(citation_href(citation))
    marked = re.search(r'<mark id="cited-passage">(.*?)</mark>', view, re.DOTALL).group(1)
    assert marked == escape_text(citation.text).replace("<br>", "\n")
    assert view.startswith('<div class="doc-view"><div class="doc-head"><b>jazira_storm_operation</b>')
    assert "changed after the answer" not in view


def test_open_citation_explains_bad_links(web_assistant) -> None:
    handlers = WebHandlers(web_assistant)
    assert "does not point at a cited passage" in handlers.open_citation("#cite/nonsense")
    assert "no longer in the library" in handlers.open_citation("#cite/gone/0/10/1/abcdefabcdef")


def test_chat_keeps_the_given_history(web_assistant) -> None:
    previous = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]
    _, history = WebHandlers(web_assistant).chat(AIRSTRIKES, previous)
    assert history[:2] == previous and len(history) == 4
    assert len(previous) == 2  # the input list is not mutated


def test_chat_on_empty_index_says_so(tmp_path, embedder) -> None:
    handlers = WebHandlers(Assistant(Settings(store=tmp_path / "empty"), embedder=embedder))
    _, history = handlers.chat(AIRSTRIKES, [])
    assert history[-1] == {"role": "assistant", "content": escape_text(EMPTY_INDEX_MESSAGE)}
    assert handlers.example_questions() == []
    [step] = handlers.chat_stream("  ", [])
    assert step.history == [] and "type a question" in step.notice  # the chat stays empty: its examples stay
    before = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]
    for _ in range(3):  # notices replace each other: never one more message
        [step] = handlers.chat_stream("", before)
        assert step.history == before and step.notice.count("Please type a question.") == 1
    [step] = handlers.chat_stream(" ?? ", before)  # punctuation only: nothing to ask, as an empty question
    assert step.history == before and "Please type a question in words." in step.notice


def test_answer_html_escapes_document_text() -> None:
    hostile = "<script>alert(1)</script> **bold** $$x^2$$ <img src=x onerror=alert(1)>\nnext line"
    citation = Citation(1, "a<b>", "a<b>.txt", "a<b>:0", 0, len(hostile), hostile, 0.9)
    answer = Answer("q", f"{hostile} [1]", True, citations=(citation,))
    rendered = format_answer_html(answer)
    assert "<script>" not in rendered and "<img" not in rendered and "a<b>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert ">[1] a&lt;b&gt;.txt</a>" in rendered
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

    results, message, table = handlers.upload([str(report_file), str(bad_file)])

    rows = results.to_dict("records")
    assert rows[0]["File"] == "scan.pdf" and rows[0]["Result"] == "rejected"  # rejected files first
    assert rows[0]["Details"].startswith("scan.pdf: ")
    assert rows[1] == {"File": "harbor_inspection.txt", "Result": "added", "Chunks": 1, "Details": ""}
    assert "assistant-upload-" not in str(rows)  # the temporary folder is not shown
    assert "2 files: added 1, replaced 0, unchanged 0, rejected 1 (rejected files are listed first" in message
    assert list(table["Document"]) == ["harbor_inspection"]
    assert assistant.sources() == []  # no publisher named, and the staging folder's name is no source

    record = json.loads(handlers.answer_json("How many damaged cranes were counted at the harbor?"))
    assert record["has_answer"] is True and "17" in record["answer"]
    assert record["citations"][0]["source"] == "harbor_inspection.txt"

    results, _, _ = handlers.upload([str(report_file)])
    assert results.to_dict("records")[0]["Result"] == "unchanged"
    added_at = assistant.document_info("harbor_inspection").added_at
    report_file.write_text("Harbor inspection report.\n\nThe inspectors counted 19 damaged cranes.\n", encoding="utf-8")
    results, message, _ = handlers.upload([str(report_file)])
    [row] = results.to_dict("records")
    assert row["Result"] == "replaced" and row["Details"].startswith("replaced the version added ")
    assert added_at[:10] in row["Details"] and "replaced 1" in message

    selected, view = handlers.open_document("harbor_inspection")  # a clicked row
    assert selected == "harbor_inspection" and "19 damaged cranes" in view and "<b>harbor_inspection</b>" in view
    box, prompt, status = handlers.confirm_removal(selected)
    assert box["visible"] is True and "Remove harbor_inspection from the library?" in prompt and status == ""
    box, status, table, selected, view = handlers.remove("harbor_inspection")
    assert box["visible"] is False and "Removed harbor_inspection (1 chunks)." in status
    assert list(table["Document"]) == [] and selected == "" and "Click a document" in view
    _, history = handlers.chat("How many damaged cranes were counted at the harbor?", [])
    assert history[-1]["content"] == escape_text(EMPTY_INDEX_MESSAGE)


def test_remove_without_a_choice_or_of_a_missing_document(web_assistant) -> None:
    handlers = WebHandlers(web_assistant)
    box, prompt, status = handlers.confirm_removal(None)
    assert box["visible"] is False and "Click a document in the table first" in status
    _, status, table, _, _ = handlers.remove("no_such_document")
    assert "Error: no document &#x27;no_such_document&#x27;" in status
    assert set(WEB_CORPUS) <= set(table["File"])
    _, view = handlers.open_document("no_such_document")
    assert "no longer in the library" in view


def test_upload_without_files(web_assistant) -> None:
    results, message, table = WebHandlers(web_assistant).upload(None)
    assert results.empty and "No files selected." in message
    assert set(WEB_CORPUS) <= set(table["File"])


def test_example_questions_come_from_the_corpus_and_are_answered(web_assistant) -> None:
    handlers = WebHandlers(web_assistant)
    questions = handlers.example_questions()
    assert questions, "no example question found in the corpus"
    for question in questions:
        answer = web_assistant.ask(question)
        assert answer.has_answer and answer.citations, question
    assert handlers.example_questions() is questions  # cached while the index is unchanged
    assert handlers.chat_examples().examples == [{"text": q} for q in questions]


def test_stage_uploads_keeps_names_and_holds_back_a_second_file_of_one_name(tmp_path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.md").write_text(folder, encoding="utf-8")
    staging = tmp_path / "staging"
    staging.mkdir()
    staged = stage_uploads([tmp_path / "a" / "notes.md", tmp_path / "b" / "notes.md"], staging)
    assert staged[0] == staging / "notes.md" and staged[1] is None
    assert staged[0].read_text(encoding="utf-8") == "a"


def test_two_uploads_of_one_name_keep_the_first_and_say_why_not_the_second(tmp_path, embedder) -> None:
    handlers = WebHandlers(Assistant(Settings(store=tmp_path / "store"), embedder=embedder))
    uploads = []
    for folder, count in (("north", 12), ("south", 9)):
        path = tmp_path / "gradio-cache" / folder / "weekly_report.txt"
        path.parent.mkdir(parents=True)
        path.write_text(f"Weekly report. The {folder}ern patrols counted {count} roadblocks.\n", encoding="utf-8")
        uploads.append(str(path))
    results, _, table = handlers.upload(uploads)
    rows = results.to_dict("records")
    assert [r["Result"] for r in rows] == ["rejected", "added"]
    assert "another file of this upload has the same name" in rows[0]["Details"]
    assert list(table["Document"]) == ["weekly_report"]
    assert "12 roadblocks" in handlers.assistant.document_text("weekly_report")


def test_an_upload_of_a_file_name_indexed_in_a_folder_replaces_that_document(tmp_path, embedder) -> None:
    assistant = Assistant(Settings(store=tmp_path / "store"), embedder=embedder)
    log = tmp_path / "depot" / "river" / "ferry_log.txt"
    log.parent.mkdir(parents=True)
    log.write_text("Ferry log. The Tamsin ferry carried 418 passengers this week.\n", encoding="utf-8")
    assistant.ingest([tmp_path / "depot"])
    upload = tmp_path / "gradio-cache" / "abc123" / "ferry_log.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text("Ferry log. The Tamsin ferry carried 502 passengers this week.\n", encoding="utf-8")
    results, _, table = WebHandlers(assistant).upload([str(upload)])
    [row] = results.to_dict("records")
    assert row["Result"] == "replaced", row
    assert list(table["Document"]) == ["river/ferry_log"]
    assert "502 passengers" in assistant.document_text("river/ferry_log")


def test_page_is_served(web_url) -> None:
    import httpx

    response = httpx.get(web_url, timeout=10)
    assert response.status_code == 200
    assert "<gradio-app" in response.text or "gradio" in response.text.lower()


class WordStreamer:
    """Streams the real extractive answer word by word (the shape of a streaming generator)."""

    def __init__(self, answerer) -> None:
        self.answerer = answerer

    def answer(self, query, retrieval):
        return self.answerer.answer(query, retrieval)

    def stream(self, query, retrieval):
        answer = self.answerer.answer(query, retrieval)
        for word in answer.text.split(" "):
            yield word + " "
        yield answer


class Broken:
    def answer(self, query, retrieval):
        raise RuntimeError("model crashed")


def test_chat_uses_the_chosen_answerer_and_streams_its_text(web_assistant) -> None:
    answerers = {"extractive": web_assistant.answerer, "word streamer": WordStreamer(web_assistant.answerer)}
    handlers = WebHandlers(web_assistant, answerers)
    steps = list(handlers.chat_stream(AIRSTRIKES, [], k=5, answerer="word streamer"))
    partial = [step.history[-1]["content"] for step in steps[2:-1]]
    assert len(partial) > 3 and all(text.endswith("▍") for text in partial)
    assert "34 airstrikes" in steps[-1].history[-1]["content"] and ">[1]</a>" in steps[-1].history[-1]["content"]
    plain = list(handlers.chat_stream(AIRSTRIKES, [], k=5, answerer="extractive"))
    assert len(plain) == 3 and plain[-1].history == steps[-1].history


def test_create_ui_offers_the_answerer_choice_only_when_there_are_several(web_assistant) -> None:
    def answerer_dropdowns(demo):
        import gradio as gr

        return [b for b in demo.blocks.values() if isinstance(b, gr.Dropdown) and b.label == "Answerer"]

    one = create_ui(web_assistant, web_assistant.settings)
    two = create_ui(web_assistant, web_assistant.settings, answerers={"a": web_assistant.answerer, "b": Broken()})
    assert [d.visible for d in answerer_dropdowns(one)] == [False]
    [dropdown] = answerer_dropdowns(two)
    assert dropdown.visible is True and [c[0] for c in dropdown.choices] == ["a", "b"]


def test_chat_turns_a_failure_into_a_message(web_assistant) -> None:
    from assistant.interfaces.web.ui import INTERNAL_ERROR_MESSAGE

    handlers = WebHandlers(web_assistant, {"broken": Broken()})
    _, history, sources, *_ = list(handlers.chat_stream(AIRSTRIKES, []))[-1]
    assert history[-1]["content"] == INTERNAL_ERROR_MESSAGE
    assert "Traceback" not in sources and 'data-state="final"' in sources


def test_incidents_table_lists_the_records_and_filters_them(web_assistant) -> None:
    import re

    from assistant.interfaces.web.handlers import WebHandlers

    handlers = WebHandlers(web_assistant)
    table = handlers.incidents_table()
    assert list(table.columns) == ["Report", "Date", "Province", "District", "Events", "Killed", "Captured", "Groups",
                                   "Leaders killed", "Leaders captured", "People named as killed"]
    indexed = {d.id for d in web_assistant.documents()}
    assert len(table) >= 1 and set(table["Report"]) <= indexed
    assert not any(";" in str(v) or "insurgentskilled" in str(v) for v in table["Events"])  # words, not keys
    first = table.iloc[0]
    province = str(first["Province"]).split(",")[0]
    filtered = handlers.incidents_table(province=province)
    assert len(filtered) >= 1 and all(province in str(p) for p in filtered["Province"])
    assert handlers.incidents_table(date_from="2099-01-01").empty

    view = handlers.open_incident(first["Report"])  # a clicked row: the report, its record's values marked
    record = web_assistant.incident_record(first["Report"])
    marks = re.findall(r"<mark[^>]*>", view)
    assert view.count('id="cited-passage"') == 1 and 1 <= len(marks) <= len(record.evidence)
    text = web_assistant.document_text(first["Report"])
    first_span = min(record.evidence, key=lambda e: (e.start, -e.end))
    assert '<mark id="cited-passage" title="' in view and escape_text(text[first_span.start:first_span.end])[:20] in view
    assert "incident record:" in view and "no longer in the library" in handlers.open_incident("gone")


def test_timeline_export_folder_is_removed_with_its_page(web_assistant) -> None:
    import gc

    from assistant.interfaces.web.timeline import TimelineHandlers

    timeline = TimelineHandlers(WebHandlers(web_assistant))
    _, _, csv_file, _, _ = timeline.show("", "", None, None)
    folder = timeline._exports
    assert folder.is_dir() and any(folder.iterdir())  # the CSV and JSON downloads are written there
    del timeline, csv_file
    gc.collect()
    assert not folder.exists()
