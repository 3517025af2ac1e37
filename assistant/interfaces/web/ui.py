"""The web chat: a Gradio page over one shared :class:`~assistant.api.Assistant`.

:func:`create_ui` builds the page (nothing runs at import time); launch it with
:func:`launch_options`.  Two tabs:

* **Chat**: answers stream in (:meth:`Assistant.stream`); each ``[n]`` is a link.
  The sources panel lists the cited passages of the latest answer with document
  name, file and stated date (:func:`assistant.language.dates.stated_date`).  Clicking a
  citation opens the whole document with the passage highlighted and scrolled
  into view.  Settings: passages per question (k) and, when more than one is
  given, the answerer.  Example questions taken from the corpus
  (:mod:`assistant.interfaces.web.examples`) fill an empty chat.
* **Library**: the indexed documents; upload several files with progress and a
  per-file result; remove a document after a confirmation.

Document and answer text is untrusted: all of it goes through
:mod:`assistant.interfaces.web.rendering`, which escapes it, and the chat renders neither
Markdown nor LaTeX.  A citation click reaches the server through a hidden HTML
component (:data:`BRIDGE_JS`) because the chat's HTML sanitizer strips event
handlers and ``data-`` attributes.  The handlers live in :mod:`assistant.interfaces.web.handlers`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import gradio as gr

from ...answering.base import Answerer
from ...api import Assistant
from ...config import Settings
from ...incidents.records import EVENT_TYPES
from ...ingest.loading import SUPPORTED_SUFFIXES
from .handlers import (
    DOCUMENT_COLUMNS,
    EMPTY_INDEX_MESSAGE,
    EMPTY_QUESTION_MESSAGE,
    INCIDENT_COLUMNS,
    INTERNAL_ERROR_MESSAGE,
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
watch('value', () => {
  const mark = element.querySelector('mark#cited-passage');
  if (mark) mark.scrollIntoView({block: 'center', behavior: 'instant'});
});
"""
"""Scrolls the highlighted passage into view whenever the document viewer changes."""

PANEL_CSS = """
.sources-panel ol { padding-left: 0; list-style: none; }
.source { margin-bottom: 0.8em; }
.source-details { color: var(--body-text-color-subdued); font-size: 0.9em; }
.source-passage { margin: 0.3em 0 0 0; padding-left: 0.6em; border-left: 3px solid var(--border-color-primary);
  font-size: 0.92em; white-space: normal; }
.sources-note { color: var(--body-text-color-subdued); }
.doc-head { position: sticky; top: 0; background: var(--background-fill-primary); padding: 0.3em 0;
  border-bottom: 1px solid var(--border-color-primary); }
.doc-text { white-space: pre-wrap; font-size: 0.92em; line-height: 1.45; }
.doc-warning, .message-error { color: var(--error-text-color, #b91c1c); }
mark#cited-passage { background: #fde68a; color: inherit; padding: 0 1px; }
"""


def launch_options() -> dict[str, Any]:
    """Keyword arguments for ``gr.Blocks.launch`` besides host and port.

    ``run_history=False``: Gradio would otherwise keep every question in the browser's
    storage and offer to upload runs to a Hugging Face bucket.
    """
    return {"run_history": False, "footer_links": ["api", "settings"], "show_error": False}


def create_ui(
    assistant: Assistant, settings: Settings, *, answerers: Mapping[str, Answerer] | None = None
) -> gr.Blocks:
    """Build the web page over ``assistant`` (not launched).

    ``answerers`` (display name -> answerer) are offered in the chat settings when there
    are several; default: the assistant's own.  Launch with
    ``create_ui(...).launch(server_name=settings.web.host, server_port=settings.web.port, **launch_options())``.
    """
    handlers = WebHandlers(assistant, answerers)
    timeline = TimelineHandlers(handlers)
    with gr.Blocks(title="Report assistant", analytics_enabled=False, fill_width=True) as demo:
        gr.Markdown("# Report assistant\nAsk about the indexed reports; every answer cites its passages.")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                chatbot, chat_place, chat_source = _chat_tab(handlers, settings, timeline)
            with gr.Tab("Timeline", id="timeline"):
                timeline_outputs, timeline_place, timeline_source = _timeline_tab(timeline)
            with gr.Tab("Library", id="library"):
                table, choice = _library_tab(handlers)
            with gr.Tab("Incidents", id="incidents"):
                incidents = _incidents_tab(handlers)
        demo.load(handlers.library, outputs=[table, choice], api_visibility="private")
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
            viewer = gr.HTML(
                message_html(VIEWER_PLACEHOLDER),
                css_template=PANEL_CSS,
                js_on_load=VIEWER_JS,
                max_height=620,
                elem_id="document",
            )
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
    ask_outputs = [question, chatbot, sources, turns]
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


def _library_tab(handlers: WebHandlers) -> tuple[gr.Dataframe, gr.Dropdown]:
    table = gr.Dataframe(
        headers=DOCUMENT_COLUMNS, interactive=False, wrap=True, label="Indexed documents", elem_id="documents"
    )
    with gr.Row():
        choice = gr.Dropdown([], label="Document to remove", scale=4, elem_id="remove-choice")
        remove = gr.Button("Remove…", variant="stop", scale=1, elem_id="remove")
    with gr.Group(visible=False, elem_id="confirm-removal") as confirm:
        prompt = gr.HTML("", css_template=PANEL_CSS, elem_id="confirm-prompt")
        with gr.Row():
            yes = gr.Button("Yes, remove it", variant="stop", elem_id="confirm-remove")
            no = gr.Button("Cancel", elem_id="cancel-remove")
    status = gr.HTML("", css_template=PANEL_CSS, elem_id="library-status")
    supported = ", ".join(SUPPORTED_SUFFIXES)
    files = gr.File(label=f"Add reports ({supported})", file_count="multiple", type="filepath", elem_id="upload")
    add = gr.Button("Add to library", variant="primary", elem_id="add")
    results = gr.Dataframe(
        headers=RESULT_COLUMNS, interactive=False, wrap=True, label="Upload results", elem_id="results"
    )

    table.select(_selected_document, outputs=choice, api_visibility="private")
    remove.click(handlers.confirm_removal, inputs=choice, outputs=[confirm, prompt, status], api_visibility="private")
    no.click(lambda: (gr.update(visible=False), ""), outputs=[confirm, status], api_visibility="private")
    yes.click(handlers.remove, inputs=choice, outputs=[confirm, status, table, choice], api_visibility="private")
    add.click(
        handlers.upload, inputs=files, outputs=[results, status, table, choice], api_visibility="private"
    ).success(lambda: None, outputs=files, api_visibility="private")
    return table, choice


def _incidents_tab(handlers: WebHandlers) -> gr.Dataframe:
    """The incident records extracted from the reports, with filters."""
    gr.Markdown("One row per report in which an incident was recognised. Counts are minimums; empty: no number stated.")
    with gr.Row():
        date_from = gr.Textbox(label="From (YYYY-MM-DD)", elem_id="incidents-from")
        date_to = gr.Textbox(label="To (YYYY-MM-DD)", elem_id="incidents-to")
        province = gr.Textbox(label="Province", elem_id="incidents-province")
        event_type = gr.Dropdown(["any", *EVENT_TYPES], value="any", label="Event type", elem_id="incidents-event")
        show = gr.Button("Show", variant="primary", elem_id="incidents-show")
    table = gr.Dataframe(
        headers=list(INCIDENT_COLUMNS), interactive=False, wrap=True, label="Incidents", elem_id="incidents"
    )
    show.click(
        handlers.incidents_table, inputs=[date_from, date_to, province, event_type], outputs=table,
        api_visibility="private",
    )
    return table


def _selected_document(event: gr.SelectData) -> gr.Dropdown:
    row = event.row_value or []
    return gr.Dropdown(value=row[0] if row else None)
