"""The web chat: a Gradio app over one shared :class:`~assistant.api.Assistant`.

:func:`create_ui` builds the page (nothing runs at import time):

* a chat whose answers keep their ``[n]`` markers and list the cited passages
  under them as ``[n] document (file) — passage``;
* an API endpoint ``/ask`` returning the answer as JSON text
  (:func:`assistant.serialize.answer_record`), for scripts and tests;
* an upload box for ``.txt``/``.md`` files and the list of indexed documents.

Document text is untrusted: every piece of it is HTML-escaped and the chat
renders neither Markdown nor LaTeX, so a report cannot inject markup.
The chat history lives in each browser session's Chatbot value; the only
shared object is the assistant, whose calls are serialised by a lock (the
embedding model's tokenizer is not safe to call from several threads).
"""

from __future__ import annotations

import html
import json
import logging
import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from .api import Assistant
from .config import Settings
from .errors import AssistantError, EmptyIndexError
from .loading import SUPPORTED_SUFFIXES
from .serialize import answer_record
from .types import Answer, IngestReport, IngestResult, IngestStatus

logger = logging.getLogger(__name__)

ChatHistory = list[dict[str, Any]]
"""Chatbot messages: ``{"role": "user" | "assistant", "content": ...}``."""

DOCUMENT_COLUMNS = ["id", "source", "chunks", "characters", "added"]

EMPTY_INDEX_MESSAGE = "No documents are indexed yet. Upload .txt or .md reports under “Add documents”, then ask again."
EMPTY_QUESTION_MESSAGE = "Please type a question."
INTERNAL_ERROR_MESSAGE = "Sorry, something went wrong while answering. The details are in the server log."


def escape_text(text: str) -> str:
    """HTML-escape untrusted text and keep its line breaks as ``<br>``."""
    return html.escape(text, quote=True).replace("\n", "<br>")


def format_answer_html(answer: Answer) -> str:
    """The chat message of an answer: its text, then one line per citation.

    Each citation reads ``[n] document name (source file) — passage text``
    (the document name is its id); every piece of document text is escaped.
    """
    parts = [escape_text(answer.text)]
    for c in answer.citations:
        parts.append(
            f"<b>[{c.n}]</b> {escape_text(c.document_id)} ({escape_text(c.source)}) — {escape_text(c.text)}"
        )
    return "<br><br>".join(parts)


def format_ingest_report(report: IngestReport, staging_dir: Path | None = None) -> str:
    """One line per file (``added: x.txt (3 chunks)``, ``rejected: reason``) and the summary.

    Paths inside ``staging_dir`` (the temporary upload folder) are shown by file name only.
    """
    lines = [_result_line(result) for result in report.results]
    if staging_dir is not None:
        prefix = f"{staging_dir}/"
        lines = [line.replace(prefix, "") for line in lines]
    lines.append(f"Summary: {report.summary()}")
    return "\n".join(lines)


def _result_line(result: IngestResult) -> str:
    name = Path(result.path).name
    if result.status is IngestStatus.REJECTED:
        return f"rejected: {result.reason or name}"
    if result.status is IngestStatus.UNCHANGED:
        return f"unchanged: {name} ({result.n_chunks} chunks)"
    return f"{result.status.value}: {name} ({result.n_chunks} chunks)"


def stage_uploads(paths: Sequence[str | Path], staging_dir: Path) -> list[Path]:
    """Copy uploaded files into ``staging_dir`` under their original file names.

    Gradio stores each upload as ``<cache>/<hash>/<original name>``, so the
    base name is the name the user uploaded (the document id is derived from
    it).  Two uploads with the same name go to separate subfolders, so the
    ingest reports the clash instead of one file silently replacing the other.
    """
    staged: list[Path] = []
    for index, path in enumerate(paths):
        source = Path(path)
        target = staging_dir / source.name
        if target.exists():
            target = staging_dir / f"dup{index}" / source.name
            target.parent.mkdir()
        shutil.copyfile(source, target)
        staged.append(target)
    return staged


def _upload_paths(files: Any) -> list[str]:
    """Normalise a gr.File value (None, one path, or a list of paths/file objects) to paths."""
    if files is None:
        return []
    if not isinstance(files, (list, tuple)):
        files = [files]
    return [str(getattr(f, "name", f)) for f in files]


class WebHandlers:
    """The event handlers of the page, bound to one shared assistant.

    They hold no per-user state: the chat history is passed in and out by Gradio.
    """

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self._lock = threading.Lock()

    def chat(self, message: str, history: ChatHistory | None) -> tuple[str, ChatHistory]:
        """Answer ``message`` in the chat; returns the cleared textbox and the new history.

        Errors (empty index, empty question, anything unexpected) become a
        readable assistant message, never a traceback.
        """
        history = list(history or [])
        if not (message or "").strip():
            return "", history + [{"role": "assistant", "content": EMPTY_QUESTION_MESSAGE}]
        history.append({"role": "user", "content": escape_text(message)})
        history.append({"role": "assistant", "content": self._reply(message)})
        return "", history

    def _reply(self, question: str) -> str:
        try:
            with self._lock:
                answer = self.assistant.ask(question)
        except EmptyIndexError:
            return EMPTY_INDEX_MESSAGE
        except (AssistantError, ValueError) as exc:
            return escape_text(f"Error: {exc}")
        except Exception:
            logger.exception("failed to answer %r", question)
            return INTERNAL_ERROR_MESSAGE
        return format_answer_html(answer)

    def answer_json(self, question: str) -> str:
        """Answer ``question`` and return :func:`answer_record` as JSON text (the ``/ask`` endpoint).

        Raises:
            gradio.Error: the index is empty, the question is empty, or answering failed.
        """
        try:
            with self._lock:
                answer = self.assistant.ask(question)
        except (AssistantError, ValueError) as exc:
            raise gr.Error(str(exc), print_exception=False) from exc
        except Exception as exc:
            logger.exception("failed to answer %r", question)
            raise gr.Error(INTERNAL_ERROR_MESSAGE) from exc
        return json.dumps(answer_record(answer), ensure_ascii=False)

    def upload(self, files: Any) -> tuple[str, pd.DataFrame]:
        """Ingest uploaded files; returns the per-file report and the refreshed document table."""
        paths = _upload_paths(files)
        if not paths:
            return "No files selected.", self.documents_table()
        try:
            report_text = self._ingest_uploads(paths)
        except Exception:
            logger.exception("upload of %d files failed", len(paths))
            report_text = "Sorry, the upload failed. The details are in the server log."
        return report_text, self.documents_table()

    def _ingest_uploads(self, paths: list[str]) -> str:
        with tempfile.TemporaryDirectory(prefix="assistant-upload-") as tmp:
            staging_dir = Path(tmp)
            staged = stage_uploads(paths, staging_dir)
            with self._lock:
                report = self.assistant.ingest(staged)
        logger.info("upload: %s", report.summary())
        return format_ingest_report(report, staging_dir)

    def documents_table(self) -> pd.DataFrame:
        """The indexed documents as a table (id, source, chunks, characters, added)."""
        try:
            with self._lock:
                documents = self.assistant.documents()
        except Exception:
            logger.exception("cannot list the documents")
            documents = []
        rows = [[d.id, d.source, d.n_chunks, d.size, d.added_at] for d in documents]
        return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def create_ui(assistant: Assistant, settings: Settings) -> gr.Blocks:
    """Build the web page over ``assistant`` (not launched).

    Launch it with ``create_ui(...).launch(server_name=settings.host, server_port=settings.port)``.
    """
    handlers = WebHandlers(assistant)
    with gr.Blocks(title="Report assistant", analytics_enabled=False) as demo:
        gr.Markdown("# Report assistant\nAsk questions about the indexed reports; answers cite their sources.")
        _chat_section(handlers)
        table = _documents_section(handlers)
        demo.load(handlers.documents_table, outputs=table, api_visibility="private")
        gr.api(handlers.answer_json, api_name="ask")
    logger.debug("web UI built for store %s", settings.store)
    return demo


def _chat_section(handlers: WebHandlers) -> None:
    chatbot = gr.Chatbot(
        label="Answers",
        height=520,
        render_markdown=False,
        sanitize_html=True,
        latex_delimiters=[],
        allow_tags=False,
        feedback_options=None,
    )
    with gr.Row():
        question = gr.Textbox(
            placeholder="Ask a question, e.g. How many airstrikes were reported?",
            show_label=False,
            scale=5,
            autofocus=True,
        )
        send = gr.Button("Ask", variant="primary", scale=1)
    for trigger in (question.submit, send.click):
        trigger(handlers.chat, inputs=[question, chatbot], outputs=[question, chatbot], api_visibility="private")


def _documents_section(handlers: WebHandlers) -> gr.Dataframe:
    with gr.Accordion("Add documents", open=False):
        files = gr.File(
            label="Reports (.txt, .md)",
            file_count="multiple",
            file_types=list(SUPPORTED_SUFFIXES),
            type="filepath",
        )
        add = gr.Button("Add to index")
        report = gr.Textbox(label="Result", lines=4, interactive=False)
    with gr.Accordion("Indexed documents", open=False):
        table = gr.Dataframe(headers=DOCUMENT_COLUMNS, interactive=False, wrap=True)
        refresh = gr.Button("Refresh")
    add.click(handlers.upload, inputs=files, outputs=[report, table], api_visibility="private")
    refresh.click(handlers.documents_table, outputs=table, api_visibility="private")
    return table
