"""The web chat: a Gradio page over one shared :class:`~assistant.api.Assistant`.

:func:`create_ui` builds the page (nothing runs at import time); launch it with
:func:`launch_options`.  Two tabs:

* **Chat**: answers stream in (:meth:`Assistant.stream`); each ``[n]`` is a link.
  The sources panel lists the cited passages of the latest answer with document
  name, path, PDF page and stated date (:func:`assistant.language.dates.stated_date`).
  The document viewer follows the latest answer (its first citation); clicking a
  citation opens its document with the passage highlighted and scrolled into view below
  the viewer's header.  A notice line under the question box says what is wrong with an
  empty question (one notice at a time).  Settings: passages per question (k) and, when
  more than one is given, the answerer.  Example questions taken from the corpus
  (:mod:`assistant.interfaces.web.examples`) fill an empty chat until the first question.
* **Library**: the indexed documents, newest first, with a search box and sortable
  columns; click a row to read the document and to remove it (after a confirmation);
  upload several files with progress and a per-file result, rejected files first.
* **Incidents**: the incident records with filters; click a row to open its report with
  the record's values highlighted.

Document and answer text is untrusted: all of it goes through
:mod:`assistant.interfaces.web.rendering`, which escapes it, and the chat renders neither
Markdown nor LaTeX.  A citation click reaches the server through a hidden HTML
component (:data:`BRIDGE_JS`) because the chat's HTML sanitizer strips event
handlers and ``data-`` attributes.  The handlers live in :mod:`assistant.interfaces.web.handlers`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import gradio as gr

from ...answering.base import Answerer
from ...api import Assistant
from ...config import Settings
from ...incidents.records import EVENT_TYPES
from ...ingest.loading import SUPPORTED_SUFFIXES
from ..shared import SharedAssistant
from .handlers import (
    DOCUMENT_COLUMNS,
    EMPTY_INDEX_MESSAGE,
    EMPTY_QUESTION_MESSAGE,
    EVENT_LABELS,
    INCIDENT_COLUMNS,
    INCIDENT_LABELS,
    INCIDENT_VIEWER_PLACEHOLDER,
    INTERNAL_ERROR_MESSAGE,
    LIBRARY_VIEWER_PLACEHOLDER,
    RESULT_COLUMNS,
    SEARCHING_MESSAGE,
    VIEWER_PLACEHOLDER,
    WebHandlers,
    format_answer_html,
    ingest_results_table,
    stage_uploads,
)
from .rendering import message_html, sources_html
from .timeline import CHIPS_JS, TIMELINE_CSS, TIMELINE_JS, TimelineHandlers, chips_html

__all__ = [
    "EMPTY_INDEX_MESSAGE",
    "EMPTY_QUESTION_MESSAGE",
    "INTERNAL_ERROR_MESSAGE",
    "SEARCHING_MESSAGE",
    "WebHandlers",
    "create_ui",
    "format_answer_html",
    "ingest_results_table",
    "launch_options",
    "stage_uploads",
]

logger = logging.getLogger(__name__)

BRIDGE_JS = """
document.addEventListener('click', (event) => {
  const link = event.target.closest && event.target.closest('a.cite');
  if (!link || !(link.getAttribute('href') || '').startsWith('#cite/')) return;
  event.preventDefault();
  event.stopPropagation();
  props.value = link.getAttribute('href');
  trigger('click');
}, true);
"""
"""Installed once by the hidden bridge component: a click on any citation link sends its
``href`` to the server (``bridge.click``)."""

VIEWER_JS = """
const reveal = () => {
  const mark = element.querySelector('mark#cited-passage');
  if (!mark) { element.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; }); return; }
  let box = mark.parentElement;
  while (box && box !== element.parentElement &&
         !(box.scrollHeight > box.clientHeight + 1 && getComputedStyle(box).overflowY !== 'visible')) {
    box = box.parentElement;
  }
  const head = element.querySelector('.doc-head');
  const covered = head ? head.getBoundingClientRect().height : 0;
  if (box && box.scrollHeight > box.clientHeight + 1) {
    const room = box.clientHeight - covered;
    const top = mark.getBoundingClientRect().top - box.getBoundingClientRect().top - covered;
    const height = mark.getBoundingClientRect().height;
    box.scrollTop += top - (height < room ? (room - height) / 2 : 8);
  }
  const shown = mark.getBoundingClientRect();
  if (shown.top < 0 || shown.top + Math.min(shown.height, 60) > window.innerHeight) {
    mark.scrollIntoView({block: 'nearest'});  // the page too, when the viewer reaches below the window
  }
};
watch('value', () => requestAnimationFrame(reveal));
"""
"""Scrolls the highlighted passage into view whenever a document viewer changes: inside the
viewer's scrolling box, centred in the room below the sticky header (or just under it when
the passage is taller than that room), so the header never covers the passage; then the
page, by the least amount, when the passage's first lines are outside the window."""

PANEL_CSS = """
.sources-panel ol { padding-left: 0; list-style: none; }
.source { margin-bottom: 0.8em; }
.source-details { color: var(--body-text-color-subdued); font-size: 0.9em; }
.source-passage { margin: 0.3em 0 0 0; padding-left: 0.6em; border-left: 3px solid var(--border-color-primary);
  font-size: 0.92em; white-space: normal; overflow-wrap: anywhere; }
.sources-note { color: var(--body-text-color-subdued); }
.doc-head { position: sticky; top: 0; z-index: 1; background: var(--background-fill-primary); padding: 0.3em 0;
  border-bottom: 1px solid var(--border-color-primary); }
.doc-text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.92em; line-height: 1.45; }
.doc-warning, .message-error { color: var(--error-text-color, #b91c1c); }
mark { background: #fef3c7; color: inherit; padding: 0 1px; }
mark#cited-passage { background: #fde68a; }
.chat-notice { color: var(--body-text-color-subdued); font-size: 0.92em; }
mark#short-answer { background: #f59e0b; color: inherit; font-weight: bold; padding: 0; }
"""

PAGE_CSS = """
#chat .message-content, #chat .message { overflow-wrap: anywhere; }
.table-wrap span.header.text { word-break: normal; overflow-wrap: normal; hyphens: none; }
.table-wrap td span.text { word-break: normal; overflow-wrap: break-word; }
"""
"""Page-wide rules (passed at launch, see :func:`launch_options`): table headers wrap between
words only, never inside one ("ch/un/ks"), and a long token in the chat wraps instead of
widening the message."""

I18N_EN = {"common.complete": "Complete"}
"""Gradio 6.31's status announcer reads the key ``common.complete``, which its English
strings lack (they have ``chatbot.complete``): a screen reader said "common.complete"."""
def launch_options() -> dict[str, Any]:
    """Keyword arguments for ``gr.Blocks.launch`` besides host and port.

    ``run_history=False``: Gradio would otherwise keep every question in the browser's
    storage and offer to upload runs to a Hugging Face bucket.  ``css`` (:data:`PAGE_CSS`)
    and ``i18n`` (:data:`I18N_EN`) are page-wide; ``gr.mount_gradio_app`` takes the same
    keywords, so a page mounted in another app gets them too.
    """
    return {"run_history": False, "footer_links": ["api", "settings"], "show_error": False, "css": PAGE_CSS,
            "i18n": gr.I18n(en=I18N_EN)}


def create_ui(
    assistant: Assistant, settings: Settings, *, answerers: Mapping[str, Answerer] | None = None,
    shared: SharedAssistant | None = None, may_change: Callable[[str | None], bool] | None = None,
) -> gr.Blocks:
    """Build the web page over ``assistant`` (not launched).

    ``answerers`` (display name -> answerer) are offered in the chat settings when there
    are several; default: the assistant's own.  ``shared`` and ``may_change``: see
    :class:`WebHandlers` (the server, :mod:`assistant.interfaces.http`, passes both).  Launch with
    ``create_ui(...).launch(server_name=settings.web.host, server_port=settings.web.port, **launch_options())``,
    or mount it on the HTTP API's app (``app.py`` does).
    """
    handlers = WebHandlers(assistant, answerers, shared=shared, may_change=may_change)
    timeline = TimelineHandlers(handlers)
    with gr.Blocks(title="Report assistant", analytics_enabled=False, fill_width=True) as demo:
        gr.Markdown("# Report assistant\nAsk about the indexed reports; every answer cites its passages.")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                chatbot, chat_place, chat_source = _chat_tab(handlers, settings, timeline)
            with gr.Tab("Timeline", id="timeline"):
                timeline_outputs, timeline_place, timeline_source = _timeline_tab(timeline)
            with gr.Tab("Library", id="library"):
                table = _library_tab(handlers)
            with gr.Tab("Incidents", id="incidents"):
                incidents = _incidents_tab(handlers)
        demo.load(handlers.library, outputs=table, api_visibility="private")
        demo.load(timeline.filter_choices, outputs=[chat_place, chat_source, timeline_place, timeline_source],
                  api_visibility="private")
        demo.load(timeline.show, inputs=timeline_outputs["inputs"], outputs=timeline_outputs["outputs"],
                  api_visibility="private")
        demo.load(handlers.chat_examples, outputs=chatbot, api_visibility="private")
        demo.load(handlers.incidents_table, outputs=incidents, api_visibility="private")
        gr.api(handlers.answer_json, api_name="ask")
    logger.debug("web UI built for store %s", settings.storage.store)
    return demo


def _chat_tab(handlers: WebHandlers, settings: Settings,
              timeline: TimelineHandlers) -> tuple[gr.Chatbot, gr.Dropdown, gr.Dropdown]:
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(
                label="Answers",
                height=560,
                render_markdown=False,
                sanitize_html=True,
                latex_delimiters=[],
                allow_tags=False,
                feedback_options=None,
                buttons=["copy", "copy_all"],  # no "share": it posts to Hugging Face
                elem_id="chat",
            )
            with gr.Row():
                question = gr.Textbox(
                    placeholder="Ask a question about the reports", show_label=False, scale=5, elem_id="question"
                )
                send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
            notice = gr.HTML("", css_template=PANEL_CSS, elem_id="chat-notice")
            with gr.Row(equal_height=True):
                date_from = gr.Textbox(label="From (YYYY-MM-DD)", scale=1, elem_id="filter-from")
                date_to = gr.Textbox(label="To (YYYY-MM-DD)", scale=1, elem_id="filter-to")
                place = gr.Dropdown([], value=None, label="Place", allow_custom_value=True, scale=1, elem_id="filter-place")
                source = gr.Dropdown([], value=None, label="Source", allow_custom_value=True, scale=1,
                                     elem_id="filter-source")
            chips = gr.HTML(chips_html(), css_template=TIMELINE_CSS, elem_id="filter-chips")
            with gr.Accordion("Settings", open=False):
                k = gr.Slider(1, 20, value=settings.retrieval.top_k, step=1, label="Passages per question (k)", elem_id="k")
                names = list(handlers.answerers)
                answerer = gr.Dropdown(names, value=names[0], label="Answerer", visible=len(names) > 1)
        with gr.Column(scale=2):
            sources = gr.HTML(sources_html(None, {}), css_template=PANEL_CSS, elem_id="sources")
            viewer = _viewer("document", VIEWER_PLACEHOLDER)
    bridge = gr.HTML("", html_template="", js_on_load=BRIDGE_JS, visible="hidden", elem_id="citation-bridge")
    bridge.click(handlers.open_citation, inputs=bridge, outputs=viewer, api_visibility="private")
    turns = gr.State([])  # this browser session's conversation (Turns), for follow-up questions
    controls = [date_from, date_to, place, source]
    for control in controls:
        control.change(timeline.chips, inputs=controls, outputs=chips, api_visibility="private")
    chip_bridge = gr.HTML("", html_template="", js_on_load=CHIPS_JS, visible="hidden", elem_id="chip-bridge")
    chip_bridge.click(timeline.remove_chip, inputs=[chip_bridge, *controls], outputs=[*controls, chips],
                      api_visibility="private")
    ask_inputs = [question, chatbot, turns, k, answerer, *controls]
    ask_outputs = [question, chatbot, sources, turns, viewer, notice, chips]  # the fields of ChatStep
    for trigger in (question.submit, send.click):
        trigger(handlers.chat_stream, inputs=ask_inputs, outputs=ask_outputs, api_visibility="private")
    chatbot.example_select(_example_text, outputs=question, api_visibility="private").then(
        handlers.chat_stream, inputs=ask_inputs, outputs=ask_outputs, api_visibility="private"
    )
    chatbot.clear(lambda: [], outputs=turns, api_visibility="private")
    return chatbot, place, source


def _timeline_tab(timeline: TimelineHandlers) -> tuple[dict, gr.Dropdown, gr.Dropdown]:
    """The chart of reports per period above the list of dated events, with filters and export."""
    gr.Markdown("One row per dated event a report states, newest first; undated reports are listed apart.")
    with gr.Row(equal_height=True):
        date_from = gr.Textbox(label="From (YYYY-MM-DD)", elem_id="timeline-from")
        date_to = gr.Textbox(label="To (YYYY-MM-DD)", elem_id="timeline-to")
        place = gr.Dropdown([], value=None, label="Place", allow_custom_value=True, elem_id="timeline-place")
        source = gr.Dropdown([], value=None, label="Source", allow_custom_value=True, elem_id="timeline-source")
        granularity = gr.Radio(["month", "week"], value="month", label="Bars per", elem_id="timeline-granularity")
        show = gr.Button("Show", variant="primary", elem_id="timeline-show")
    chart = gr.HTML("", css_template=TIMELINE_CSS, elem_id="timeline-chart")
    with gr.Row():
        csv_file = gr.DownloadButton("Export CSV", value=None, elem_id="timeline-csv")
        json_file = gr.DownloadButton("Export JSON", value=None, elem_id="timeline-json")
    with gr.Row():
        with gr.Column(scale=3):
            rows = gr.HTML("", css_template=TIMELINE_CSS + PANEL_CSS, elem_id="timeline-list")
        with gr.Column(scale=2):
            viewer = gr.HTML(message_html("Click a row to open the cited passage here."), css_template=PANEL_CSS,
                             js_on_load=VIEWER_JS, max_height=620, elem_id="timeline-document")
    selected = gr.State(None)
    inputs = [date_from, date_to, place, source, granularity]
    outputs = [chart, rows, csv_file, json_file, selected]
    for trigger in (show.click, granularity.change):
        trigger(timeline.show, inputs=inputs, outputs=outputs, api_visibility="private")
    bridge = gr.HTML("", html_template="", js_on_load=TIMELINE_JS, visible="hidden", elem_id="timeline-bridge")
    bridge.click(timeline.click, inputs=[bridge, selected, *inputs], outputs=[chart, rows, viewer, selected],
                 api_visibility="private")
    return {"inputs": inputs, "outputs": outputs}, place, source


def _example_text(event: gr.SelectData) -> str:
    return str((event.value or {}).get("text", ""))


def _first_cell(event: gr.SelectData) -> str:
    """The first column of a clicked table row (the document id in every table here)."""
    row = event.row_value or []
    return str(row[0]) if row else ""


def _viewer(elem_id: str, placeholder: str) -> gr.HTML:
    return gr.HTML(message_html(placeholder), css_template=PANEL_CSS, js_on_load=VIEWER_JS, max_height=620,
                   elem_id=elem_id)


def _library_tab(handlers: WebHandlers) -> gr.Dataframe:
    gr.Markdown("Newest first. Search with the box above the table, sort by clicking a column's menu, and click a "
                "row to read the document or remove it.")
    with gr.Row():
        with gr.Column(scale=3):
            table = gr.Dataframe(
                headers=DOCUMENT_COLUMNS, interactive=False, wrap=True, label="Indexed documents",
                show_search="search", max_height=520, elem_id="documents",
                column_widths=["200px", "230px", "70px", "110px", "85px", "120px"],
            )
            with gr.Row():
                selected = gr.Textbox(label="Selected document", interactive=False, scale=4,
                                      placeholder="click a row of the table", elem_id="selected-document")
                remove = gr.Button("Remove…", variant="stop", scale=1, elem_id="remove")
            with gr.Group(visible=False, elem_id="confirm-removal") as confirm:
                prompt = gr.HTML("", css_template=PANEL_CSS, elem_id="confirm-prompt")
                with gr.Row():
                    yes = gr.Button("Yes, remove it", variant="stop", elem_id="confirm-remove")
                    no = gr.Button("Cancel", elem_id="cancel-remove")
            status = gr.HTML("", css_template=PANEL_CSS, elem_id="library-status")
        with gr.Column(scale=2):
            viewer = _viewer("library-document", LIBRARY_VIEWER_PLACEHOLDER)
    supported = ", ".join(SUPPORTED_SUFFIXES)
    files = gr.File(label=f"Add reports ({supported})", file_count="multiple", type="filepath", elem_id="upload")
    add = gr.Button("Add to library", variant="primary", elem_id="add")
    results = gr.Dataframe(
        headers=RESULT_COLUMNS, interactive=False, wrap=True, label="Upload results (rejected files first)",
        elem_id="results", column_widths=["25%", "10%", "8%", "57%"],
    )

    def open_row(event: gr.SelectData) -> tuple[str, str]:
        return handlers.open_document(_first_cell(event))

    table.select(open_row, outputs=[selected, viewer], api_visibility="private")
    remove.click(handlers.confirm_removal, inputs=selected, outputs=[confirm, prompt, status], api_visibility="private")
    no.click(lambda: (gr.update(visible=False), ""), outputs=[confirm, status], api_visibility="private")
    yes.click(handlers.remove, inputs=selected, outputs=[confirm, status, table, selected, viewer],
              api_visibility="private")
    add.click(
        handlers.upload, inputs=files, outputs=[results, status, table], api_visibility="private"
    ).success(lambda: None, outputs=files, api_visibility="private")
    return table


def _incidents_tab(handlers: WebHandlers) -> gr.Dataframe:
    """The incident records extracted from the reports, with filters; a row opens its report."""
    gr.Markdown("One row per report in which an incident was recognised. Counts are minimums; empty: no number "
                "stated. Click a row to open the report with the record's values highlighted.")
    with gr.Row():
        date_from = gr.Textbox(label="From (YYYY-MM-DD)", elem_id="incidents-from")
        date_to = gr.Textbox(label="To (YYYY-MM-DD)", elem_id="incidents-to")
        province = gr.Textbox(label="Province", elem_id="incidents-province")
        event_type = gr.Dropdown([("any", "any"), *((EVENT_LABELS[e], e) for e in EVENT_TYPES)], value="any",
                                 label="Event type", elem_id="incidents-event")
        show = gr.Button("Show", variant="primary", elem_id="incidents-show")
    table = gr.Dataframe(
        headers=[INCIDENT_LABELS[c] for c in INCIDENT_COLUMNS], interactive=False, wrap=True, label="Incidents",
        elem_id="incidents", max_height=480,
        column_widths=["190px", "105px", "100px", "110px", "160px", "80px", "95px", "110px", "90px", "100px",
                       "190px"],
    )
    viewer = _viewer("incident-document", INCIDENT_VIEWER_PLACEHOLDER)
    show.click(
        handlers.incidents_table, inputs=[date_from, date_to, province, event_type], outputs=table,
        api_visibility="private",
    )

    def open_row(event: gr.SelectData) -> str:
        return handlers.open_incident(_first_cell(event))

    table.select(open_row, outputs=viewer, api_visibility="private")
    return table
