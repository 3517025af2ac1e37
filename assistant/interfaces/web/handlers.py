"""The event handlers of the web chat (:mod:`assistant.interfaces.web.ui` lays out the page).

:class:`WebHandlers` binds every handler to one shared assistant.  The chat
history is passed in and out by Gradio (each browser session has its own);
the assistant's calls are serialised by the lock of a
:class:`~assistant.interfaces.shared.SharedAssistant` (the embedding model's
tokenizer is not safe to call from several threads), which a streamed answer
holds only while it computes, never while the page reads; uploads and removals go
through its writer.  Every handler turns errors into a message for the page, never
a traceback.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import gradio as gr
import pandas as pd

from ...answering.base import Answerer
from ...api import Assistant
from ...errors import AssistantError, EmptyIndexError
from ...incidents.records import IncidentFilter
from ...ingest.metadata import UPLOAD_STAGING_PREFIX
from ...language.dates import stated_date
from ...types import Answer, IngestReport, IngestResult, IngestStatus, Turn, has_words
from ..serialize import answer_record
from ..shared import SharedAssistant
from .examples import example_questions
from .rendering import (
    answer_html,
    citation_href,
    document_html,
    escape_text,
    message_html,
    parse_citation_href,
    partial_answer_html,
    sources_html,
)
from .timeline import applied_chips_html, filters_from, scope_html

logger = logging.getLogger(__name__)

ChatHistory = list[dict[str, Any]]
"""Chatbot messages: ``{"role": "user" | "assistant", "content": html}``."""

T = TypeVar("T")

DOCUMENT_COLUMNS = ["Document", "File", "Pages", "Characters", "Chunks", "Added"]
"""The Library table's column labels (``File`` is the path inside the folder it came from)."""
RESULT_COLUMNS = ["File", "Result", "Chunks", "Details"]
"""The upload results' column labels."""
DEFAULT_ANSWERER = "extractive (quotes the reports)"

EMPTY_INDEX_MESSAGE = "No documents are indexed yet. Add reports in the Library tab, then ask again."
EMPTY_QUESTION_MESSAGE = "Please type a question."
NO_WORDS_MESSAGE = "Please type a question in words."
INTERNAL_ERROR_MESSAGE = "Sorry, something went wrong. The details are in the server log."
UPLOAD_FAILED_MESSAGE = "Sorry, the upload failed. The details are in the server log."
READ_ONLY_MESSAGE = "Your login may read the library but not change it: log in with an admin key."
NO_CHOICE_MESSAGE = "Click a document in the table first."
SEARCHING_MESSAGE = "Searching the reports…"
VIEWER_PLACEHOLDER = "Click a citation [n] in an answer or in the sources to open its document here."
NO_CITATION_VIEWER = "This answer cites no passage, so no document is shown."
LIBRARY_VIEWER_PLACEHOLDER = "Click a document in the table to read it here."
INCIDENT_VIEWER_PLACEHOLDER = "Click a row to open its report with the values of the record highlighted."

RESULT_ORDER = (IngestStatus.REJECTED, IngestStatus.REPLACED, IngestStatus.ADDED, IngestStatus.UNCHANGED)
"""Upload results are listed in this order: rejected files first, so none is buried."""


class ChatStep(NamedTuple):
    """One update of the chat (what :meth:`WebHandlers.chat_stream` yields, in the order of
    the page's outputs): the question box, the chat messages, the sources panel, the
    conversation, the document viewer, the notice line under the question box and the filter
    chips (a finished answer's: the controls' filters and those read from its question).  A
    ``gr.skip()`` leaves that part of the page as it is."""

    textbox: Any
    history: Any
    sources: Any
    turns: list[Turn]
    viewer: Any
    notice: Any
    chips: Any = gr.skip()


def format_answer_html(answer: Answer) -> str:
    """The chat message of an answer (see :func:`assistant.interfaces.web.rendering.answer_html`)."""
    return answer_html(answer)


def stage_uploads(paths: Sequence[str | Path], staging_dir: Path) -> list[Path | None]:
    """Copy uploaded files into ``staging_dir`` under their original file names; one entry
    per upload, ``None`` for a file whose name an earlier upload of the batch already has.

    Gradio stores each upload as ``<cache>/<hash>/<original name>``, so the base name is
    the name the user uploaded.  A browser sends file names, not folders, so an upload is
    known by its file name (its document id is the name without the extension) and two
    uploads of one name in one batch cannot both be kept: the second is reported (see
    :meth:`WebHandlers.upload`) instead of silently replacing the first.
    """
    staged: list[Path | None] = []
    for path in paths:
        source = Path(path)
        target = staging_dir / source.name
        if target.exists():
            staged.append(None)
            continue
        shutil.copyfile(source, target)
        staged.append(target)
    return staged


def ingest_results_table(report: IngestReport, staging_dir: Path | None = None) -> pd.DataFrame:
    """One row per file, rejected files first (:data:`RESULT_ORDER`): file name, result
    (added / replaced / unchanged / rejected), chunks, and the details: why it was
    rejected, when the version it replaced was added, the id it moved from.

    Paths inside ``staging_dir`` (the temporary upload folder) are shown by file name only.
    """
    rows = []
    for result in sorted(report.results, key=lambda r: RESULT_ORDER.index(r.status)):
        chunks = result.n_chunks if result.status is not IngestStatus.REJECTED else None
        rows.append([Path(result.path).name, result.status.value, chunks, _details(result, staging_dir)])
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def _details(result: IngestResult, staging_dir: Path | None) -> str:
    if result.status is IngestStatus.REJECTED:
        reason = result.reason or ""
        return reason.replace(f"{staging_dir}/", "") if staging_dir is not None else reason
    if result.status is IngestStatus.REPLACED and result.previous_added_at:
        return f"replaced the version added {_added(result.previous_added_at)}"
    if result.previous_id:
        return f"now {result.document_id} (was {result.previous_id})"
    return ""


def _upload_paths(files: Any) -> list[str]:
    """Normalise a gr.File value (None, one path, or a list of paths/file objects) to paths."""
    if files is None:
        return []
    if not isinstance(files, (list, tuple)):
        files = [files]
    return [str(getattr(f, "name", f)) for f in files]


def _added(timestamp: str) -> str:
    """``2026-11-29T18:45:07+00:00`` -> ``2026-11-29 18:45 UTC``."""
    day, _, clock = timestamp.partition("T")
    return f"{day} {clock[:5]} UTC" if clock.endswith("+00:00") else timestamp


class WebHandlers:
    """The event handlers of the page, bound to one shared assistant.

    They hold no per-user state: the chat history is passed in and out by Gradio.

    Args:
        assistant: the shared assistant.
        answerers: the answerers offered in the page, by display name; default: the
            assistant's own answerer as :data:`DEFAULT_ANSWERER`.
        shared: the assistant's locks and writer when a server shares it with other
            interfaces (default: its own, writes on ``assistant``).
        may_change: whether the logged-in user (Gradio's user name, ``None`` without a
            login) may upload and remove documents; default: everyone.
    """

    def __init__(self, assistant: Assistant, answerers: Mapping[str, Answerer] | None = None, *,
                 shared: SharedAssistant | None = None, may_change: Callable[[str | None], bool] | None = None) -> None:
        self.assistant = assistant
        self.answerers: dict[str, Answerer] = dict(answerers or {DEFAULT_ANSWERER: assistant.answerer})
        self._shared = shared or SharedAssistant(assistant)
        self._lock = self._shared.lock
        self._may_change = may_change or (lambda user: True)
        self._examples: tuple[Any, list[str]] | None = None

    # ----- chat --------------------------------------------------------------------------------

    def chat_stream(
        self, message: str, history: ChatHistory | None, turns: Sequence[Turn] | None = None,
        k: float | None = None, answerer: str | None = None, date_from: str | None = "",
        date_to: str | None = "", place: str | None = "", source: str | None = "",
    ) -> Iterator[ChatStep]:
        """Answer ``message`` step by step; yields :class:`ChatStep` s.

        The last message of ``history`` is the answer so far: a searching note, then the
        text as a streaming answerer writes it, then the finished answer with linked
        citations, while the document viewer opens the finished answer's first citation
        (so it always shows the latest answer).  ``turns`` is this browser session's
        conversation (plain text, oldest first, kept by the page in a ``gr.State``): it
        makes ``message`` a follow-up (condensed as in :meth:`Assistant.ask`), and the
        answered question and its answer are added to it.  ``date_from``/``date_to``/
        ``place``/``source``: the filter controls (empty: no condition); the answer starts
        with the sentence stating the filters applied.  An empty question (or one of punctuation only,
        "?": :func:`~assistant.types.has_words`) changes nothing
        but the notice line (one notice at a time, cleared by the next question; the chat
        stays empty, so its example questions stay).  Errors (empty index, a malformed
        filter, anything unexpected) become a readable assistant message and leave
        ``turns`` as it was.
        """
        history = list(history or [])
        turns = list(turns or [])
        if not has_words(message or ""):  # empty, or punctuation only ("?"): nothing to ask
            notice = NO_WORDS_MESSAGE if (message or "").strip() else EMPTY_QUESTION_MESSAGE
            yield ChatStep(gr.skip(), history, gr.skip(), turns, gr.skip(), notice_html(notice))
            return
        history.append({"role": "user", "content": escape_text(message)})
        yield ChatStep(*_notice(history, SEARCHING_MESSAGE), turns, gr.skip(), "")
        try:
            chosen = self.answerers.get(answerer or "", next(iter(self.answerers.values())))
            filters = filters_from(date_from, date_to, place, source)
            updates = self.assistant.stream(message, k=int(k) if k else None, answerer=chosen, history=turns,
                                            filters=filters)
            for update in self._locked(updates):
                if update.stage == "retrieved":
                    found = f"{len(update.passages)} passages found; writing the answer…"
                    yield ChatStep(*_notice(history, found), turns, gr.skip(), "")
                elif update.stage == "text":
                    yield ChatStep("", [*history, _bot(partial_answer_html(update.text))],
                                   sources_html(None, {}, "Writing…"), turns, gr.skip(), "")
                elif update.answer is not None:
                    answer = update.answer
                    turns = [*turns, Turn("user", message.strip()), Turn("assistant", answer.text)]
                    yield ChatStep("", [*history, _bot(scope_html(answer) + answer_html(answer))],
                                   sources_html(answer, self._dates(answer)), turns, self._answer_viewer(answer), "",
                                   applied_chips_html(answer, date_from, date_to, place, source))
        except EmptyIndexError:
            yield ChatStep(*_notice(history, EMPTY_INDEX_MESSAGE, final=True), turns, gr.skip(), "")
        except (AssistantError, ValueError) as exc:
            yield ChatStep(*_notice(history, f"Error: {exc}", final=True), turns, gr.skip(), "")
        except Exception:
            logger.exception("failed to answer %r", message)
            yield ChatStep(*_notice(history, INTERNAL_ERROR_MESSAGE, final=True), turns, gr.skip(), "")

    def chat(self, message: str, history: ChatHistory | None, k: float | None = None,
             turns: Sequence[Turn] | None = None) -> tuple[str, ChatHistory]:
        """:meth:`chat_stream` run to its end; returns the textbox and the final history."""
        textbox, final = "", list(history or [])
        for step in self.chat_stream(message, history, turns, k):
            textbox = step.textbox if isinstance(step.textbox, str) else textbox
            final = step.history
        return textbox, final

    def _answer_viewer(self, answer: Answer) -> str:
        """The viewer for a finished answer: its first citation opened, or a note that it cites nothing."""
        if not answer.citations:
            return message_html(NO_CITATION_VIEWER)
        return self.open_citation(citation_href(answer.citations[0]))

    def _locked(self, iterator: Iterator[T]) -> Iterator[T]:
        """Advance ``iterator`` under the lock (:meth:`SharedAssistant.locked`)."""
        return self._shared.locked(iterator)

    def _dates(self, answer: Answer) -> dict[str, date | None]:
        dates: dict[str, date | None] = {}
        for document_id in {c.document_id for c in answer.citations}:
            try:
                with self._lock:
                    text = self.assistant.document_text(document_id)
                dates[document_id] = stated_date(text)
            except AssistantError:
                dates[document_id] = None
        return dates

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

    def open_citation(self, href: str) -> str:
        """The document viewer's HTML for a citation link (see :mod:`assistant.interfaces.web.rendering`):
        the whole document with the cited passage highlighted, or a message saying why not."""
        try:
            target = parse_citation_href(href)
        except ValueError:
            return message_html("This link does not point at a cited passage.", "error")
        try:
            with self._lock:
                info = self.assistant.document_info(target.document_id)
                text = self.assistant.document_text(target.document_id) if info is not None else ""
        except Exception:
            logger.exception("cannot open %r", href)
            return message_html(INTERNAL_ERROR_MESSAGE, "error")
        if info is None:
            return message_html(f"The document {target.document_id} is no longer in the library.", "error")
        return document_html(target, info, text, stated_date(text))

    def example_questions(self) -> list[str]:
        """Example questions from the indexed documents (:mod:`assistant.interfaces.web.examples`), computed
        once per state of the index."""
        try:
            with self._lock:
                signature = self.assistant.revision()
                if self._examples is not None and self._examples[0] == signature:
                    return self._examples[1]
                chunks = self.assistant.chunks()
                questions = example_questions(chunks, self.assistant.ask) if chunks else []
                self._examples = (signature, questions)
        except Exception:
            logger.exception("cannot make example questions")
            return []
        return questions

    def chat_examples(self) -> gr.Chatbot:
        """The chat's example questions, as an update of the Chatbot."""
        return gr.Chatbot(examples=[{"text": q} for q in self.example_questions()] or None)

    # ----- incidents ---------------------------------------------------------------------------

    def incidents_table(
        self, date_from: str = "", date_to: str = "", province: str = "", event_type: str = "any"
    ) -> pd.DataFrame:
        """The incident records matching the filters (empty filter: no condition), one row a
        report, columns labelled by :data:`INCIDENT_LABELS`; an unreadable filter or a
        failure gives an empty table."""
        flt = IncidentFilter(
            date_from=date_from.strip() or None,
            date_to=date_to.strip() or None,
            province=province.strip() or None,
            event_type=None if event_type in ("", "any", None) else event_type,
            incidents_only=True,
        )
        try:
            with self._lock:
                rows = self.assistant.incident_rows(flt)
        except Exception:
            logger.exception("cannot list the incidents")
            rows = []
        labels = [INCIDENT_LABELS[c] for c in INCIDENT_COLUMNS]
        return pd.DataFrame([[_readable(row.get(c)) for c in INCIDENT_COLUMNS] for row in rows], columns=labels)

    def open_incident(self, document_id: str | None) -> str:
        """The viewer's HTML for an incident row: the report with every value of its record
        highlighted (the first one scrolled into view), or a message saying why not."""
        if not document_id:
            return message_html(INCIDENT_VIEWER_PLACEHOLDER)
        try:
            with self._lock:
                record = self.assistant.incident_record(document_id)
                info = self.assistant.document_info(document_id)
                text = self.assistant.document_text(document_id) if info is not None else ""
        except Exception:
            logger.exception("cannot open the incident of %r", document_id)
            return message_html(INTERNAL_ERROR_MESSAGE, "error")
        if info is None or record is None:
            return message_html(f"The document {document_id} is no longer in the library.", "error")
        spans = [(e.start, e.end, f"{e.field.replace('_', ' ')}: {e.value}") for e in record.evidence]
        what = f"incident record: {len(spans)} highlighted value{'' if len(spans) == 1 else 's'}"
        return document_html(None, info, text, stated_date(text), highlights=spans, what=what)

    # ----- library -----------------------------------------------------------------------------

    def documents_table(self) -> pd.DataFrame:
        """The indexed documents, newest first (then by id): columns :data:`DOCUMENT_COLUMNS`
        (added as ``YYYY-MM-DD HH:MM UTC``, so the column also sorts by time)."""
        try:
            with self._lock:
                documents = self.assistant.documents()
        except Exception:
            logger.exception("cannot list the documents")
            documents = []
        documents = sorted(sorted(documents, key=lambda d: d.id), key=lambda d: d.added_at, reverse=True)
        rows = [[d.id, d.path or d.source, d.pages or None, d.size, d.n_chunks, _added(d.added_at)] for d in documents]
        return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)

    def library(self) -> pd.DataFrame:
        """The Library table (:meth:`documents_table`)."""
        return self.documents_table()

    def open_document(self, document_id: str | None) -> tuple[str, str]:
        """Select ``document_id`` (a clicked row) and show it: returns the selection and the
        Library viewer's HTML (the whole document, or why not)."""
        if not document_id:
            return "", message_html(LIBRARY_VIEWER_PLACEHOLDER)
        try:
            with self._lock:
                info = self.assistant.document_info(document_id)
                text = self.assistant.document_text(document_id) if info is not None else ""
        except Exception:
            logger.exception("cannot open %r", document_id)
            return "", message_html(INTERNAL_ERROR_MESSAGE, "error")
        if info is None:
            return "", message_html(f"The document {document_id} is no longer in the library.", "error")
        return document_id, document_html(None, info, text, stated_date(text))

    def upload(
        self, files: Any, request: gr.Request = None, progress: gr.Progress = gr.Progress()
    ) -> tuple[pd.DataFrame, str, pd.DataFrame]:
        """Ingest uploaded files; returns the per-file results (rejected first), a summary
        message and the documents table (a login that may not change the library gets
        :data:`READ_ONLY_MESSAGE`)."""
        paths = _upload_paths(files)
        empty = pd.DataFrame([], columns=RESULT_COLUMNS)
        if not self._may_change(_user(request)):
            return empty, message_html(READ_ONLY_MESSAGE, "error"), self.library()
        if not paths:
            return empty, message_html("No files selected."), self.library()
        try:
            results = self._ingest_uploads(paths, progress)
            rejected = int((results["Result"] == IngestStatus.REJECTED.value).sum())
            note = " (rejected files are listed first, with the reason)" if rejected else ""
            message = message_html(f"{len(paths)} files: {_summary(results)}{note}")
        except Exception:
            logger.exception("upload of %d files failed", len(paths))
            results, message = empty, message_html(UPLOAD_FAILED_MESSAGE, "error")
        return results, message, self.library()

    def _ingest_uploads(self, paths: list[str], progress: Callable[..., Any]) -> pd.DataFrame:
        with tempfile.TemporaryDirectory(prefix=UPLOAD_STAGING_PREFIX) as tmp:
            staging_dir = Path(tmp)
            staged = stage_uploads(paths, staging_dir)
            files = [p for p in staged if p is not None]
            progress((0, len(files)), desc="Indexing", unit="files")

            def report(done: int, total: int, path: str) -> None:
                progress((done, total), desc=f"Indexed {Path(path).name}", unit="files")

            result = self._shared.ingest(files, progress=report, by_name=True) if files else IngestReport()
        logger.info("upload: %s", result.summary())
        ingested = iter(result.results)
        merged = [next(ingested) if target is not None else _same_name(path) for path, target in zip(paths, staged)]
        return ingest_results_table(IngestReport(tuple(merged)), staging_dir)

    def confirm_removal(self, document_id: str | None) -> tuple[Any, str, str]:
        """Show the confirmation box for removing ``document_id``; returns the box update, its
        question and the status message (an error when no document is chosen)."""
        if not document_id:
            return gr.update(visible=False), "", message_html(NO_CHOICE_MESSAGE, "error")
        question = f"Remove {document_id} from the library? Answers will no longer cite it."
        return gr.update(visible=True), message_html(question), ""

    def remove(self, document_id: str | None, request: gr.Request = None) -> tuple[Any, str, pd.DataFrame, str, str]:
        """Remove ``document_id``; returns the hidden confirmation box, a message, the table,
        the cleared selection and the Library viewer's placeholder (a login that may not
        change the library gets :data:`READ_ONLY_MESSAGE`)."""
        placeholder = message_html(LIBRARY_VIEWER_PLACEHOLDER)
        if not self._may_change(_user(request)):
            return (gr.update(visible=False), message_html(READ_ONLY_MESSAGE, "error"), self.library(), document_id or "",
                    placeholder)
        if not document_id:
            return gr.update(visible=False), message_html(NO_CHOICE_MESSAGE, "error"), self.library(), "", placeholder
        try:
            info, removed = self._shared.remove(document_id)
            message = message_html(f"Removed {info.id} ({removed} chunks).")
        except AssistantError as exc:
            message = message_html(f"Error: {exc}", "error")
        except Exception:
            logger.exception("cannot remove %r", document_id)
            message = message_html(INTERNAL_ERROR_MESSAGE, "error")
        return gr.update(visible=False), message, self.library(), "", placeholder


def notice_html(text: str) -> str:
    """The notice line under the question box (one at a time: each replaces the last)."""
    return f'<div class="chat-notice" role="status">{escape_text(text)}</div>'


def _same_name(path: str) -> IngestResult:
    name = Path(path).name
    return IngestResult(path, IngestStatus.REJECTED, reason=(
        f"{name}: another file of this upload has the same name; an upload keeps file names only, so rename "
        f"one and upload it again (or add their folders with `assistant ingest FOLDER`)"))


def _readable(value: Any) -> Any:
    """A table cell for people: lists (``a;b``) as ``a, b``, event types as words."""
    if isinstance(value, str) and ";" in value or value in EVENT_LABELS:
        return ", ".join(EVENT_LABELS.get(part, part) for part in str(value).split(";") if part)
    return value


def _user(request: gr.Request | None) -> str | None:
    """The logged-in user name of a Gradio request (``None``: no login, or no request)."""
    return getattr(request, "username", None) if request is not None else None


def _bot(content: str) -> dict[str, Any]:
    return {"role": "assistant", "content": content}


def _notice(history: ChatHistory, text: str, *, final: bool = False) -> tuple[str, ChatHistory, str]:
    """A chat step whose answer message and sources panel both show ``text`` (escaped)."""
    return "", [*history, _bot(escape_text(text))], sources_html(None, {}, text, final=final)


def _summary(results: pd.DataFrame) -> str:
    counts = results["Result"].value_counts()
    return ", ".join(f"{status.value} {int(counts.get(status.value, 0))}" for status in IngestStatus)


INCIDENT_COLUMNS = (
    "document_id", "date", "province", "district", "event_types", "killed", "captured", "target_groups",
    "leaders_killed", "leaders_captured", "names_killed",
)
"""The incident table's fields (a subset of :data:`assistant.incidents.export.COLUMNS`)."""

INCIDENT_LABELS = {
    "document_id": "Report", "date": "Date", "province": "Province", "district": "District",
    "event_types": "Events", "killed": "Killed", "captured": "Captured", "target_groups": "Groups",
    "leaders_killed": "Leaders killed", "leaders_captured": "Leaders captured",
    "names_killed": "People named as killed",
}
"""The incident table's column labels, by field."""

EVENT_LABELS = {
    "airstrike": "airstrike", "detention": "detention", "insurgentskilled": "insurgents killed",
    "captureandkill": "capture and kill", "civiliancasualty": "civilian casualty",
}
"""Event types (:data:`assistant.incidents.records.EVENT_TYPES`) in words."""
