"""The web page's time-and-place parts: the filter chips of the chat, and the Timeline tab.

* Filters: date range, place and source controls next to the question; the filters in use
  show as chips (:func:`chips_html`), each with a remove button; the answer starts with the
  sentence stating the filters applied (:func:`scope_html`).
* Timeline tab: a bar chart of reports per week or month, stacked by kind of event
  (:func:`chart_html`; a click on a bar narrows the list to that period), above the list of
  dated events (:func:`rows_html`: date, place, one-line quote, citation; a click on a row
  opens the cited passage highlighted), with CSV and JSON export.

Clicks reach the server through a hidden bridge component (:data:`TIMELINE_JS`,
:data:`CHIPS_JS`), like the chat's citation links.  All report text is escaped.
"""

from __future__ import annotations

import csv
import html
import json
import logging
import shutil
import tempfile
import weakref
from datetime import date
from pathlib import Path
from typing import Any

from ...answering.timeline import COLUMNS, KIND_LABELS, Timeline, periods, rows_table
from ...types import Answer, Filters
from .rendering import citation_href, escape_text, message_html

logger = logging.getLogger(__name__)

TIMELINE_JS = """
document.addEventListener('click', (event) => {
  const bar = event.target.closest && event.target.closest('.tl-bar');
  const row = event.target.closest && event.target.closest('tr.tl-row');
  if (bar) {
    props.value = 'period:' + bar.getAttribute('data-start') + ':' + bar.getAttribute('data-end') + ':' + Date.now();
  } else if (row) {
    event.preventDefault();
    props.value = 'cite:' + row.getAttribute('data-href') + ':' + Date.now();
  } else {
    return;
  }
  trigger('click');
}, true);
"""
"""A click on a chart bar sends ``period:START:END:t``, on a row ``cite:HREF:t`` (``t`` makes
every click a change)."""

CHIPS_JS = """
document.addEventListener('click', (event) => {
  const button = event.target.closest && event.target.closest('button.chip-remove');
  if (!button) return;
  event.preventDefault();
  props.value = button.getAttribute('data-field') + ':' + Date.now();
  trigger('click');
}, true);
"""
"""A click on a chip's remove button sends ``FIELD:t`` (``from``, ``to``, ``place``, ``source``)."""

TIMELINE_CSS = """
.chips { display: flex; gap: 0.4em; flex-wrap: wrap; min-height: 1.6em; }
.chip { background: var(--background-fill-secondary); border: 1px solid var(--border-color-primary);
  border-radius: 999px; padding: 0.1em 0.3em 0.1em 0.7em; font-size: 0.9em; }
.chip-remove { border: none; background: none; cursor: pointer; font-weight: bold; padding: 0 0.3em; }
.chips-empty, .tl-note { color: var(--body-text-color-subdued); font-size: 0.9em; }
.scope-note { color: var(--body-text-color-subdued); font-style: italic; }
.tl-chart { display: flex; align-items: flex-end; gap: 3px; height: 180px; padding: 0.3em 0;
  border-bottom: 1px solid var(--border-color-primary); overflow-x: auto; }
.tl-bar { display: flex; flex-direction: column-reverse; min-width: 26px; flex: 1; cursor: pointer; height: 100%;
  justify-content: flex-start; position: relative; }
.tl-bar.selected { outline: 2px solid #d97706; }
.tl-segment { width: 100%; }
.tl-label { font-size: 0.7em; text-align: center; white-space: nowrap; }
.tl-count { font-size: 0.75em; text-align: center; }
.tl-legend span { margin-right: 1em; font-size: 0.85em; }
.tl-swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.3em; vertical-align: middle; }
table.tl-rows { width: 100%; border-collapse: collapse; font-size: 0.92em; }
table.tl-rows th { text-align: left; border-bottom: 2px solid var(--border-color-primary); }
table.tl-rows td { border-bottom: 1px solid var(--border-color-primary); padding: 0.3em; vertical-align: top; }
tr.tl-row { cursor: pointer; }
tr.tl-row:hover { background: var(--background-fill-secondary); }
"""

KIND_COLOURS = {
    "report": "#94a3b8", "airstrike": "#dc2626", "detention": "#2563eb", "insurgentskilled": "#7c3aed",
    "captureandkill": "#db2777", "civiliancasualty": "#ea580c",
}
FIELD_LABELS = {"from": "from", "to": "to", "place": "place", "source": "source"}


def filters_from(date_from: str | None, date_to: str | None, place: str | None, source: str | None) -> Filters | None:
    """The page's filter controls as :class:`Filters` (``None``: none set).

    Raises:
        ValueError: a malformed date or from after to (the message names the field).
    """
    return Filters.of({"from": (date_from or "").strip(), "to": (date_to or "").strip(),
                       "place": (place or "").strip(), "source": (source or "").strip()})


def chips_html(date_from: str | None = "", date_to: str | None = "", place: str | None = "",
               source: str | None = "") -> str:
    """The filters in use as chips, each with a remove button (``data-field``)."""
    values = {"from": date_from, "to": date_to, "place": place, "source": source}
    chips = [
        f'<span class="chip" data-field="{key}">{escape_text(FIELD_LABELS[key])}: {escape_text(str(value).strip())}'
        f'<button class="chip-remove" data-field="{key}" title="Remove this filter" aria-label="Remove the {key} filter">'
        f"×</button></span>"
        for key, value in values.items() if value and str(value).strip()
    ]
    if not chips:
        return '<div class="chips" data-count="0"><span class="chips-empty">No filter: every report.</span></div>'
    return f'<div class="chips" data-count="{len(chips)}">{"".join(chips)}</div>'


def applied_chips_html(answer: Answer, date_from: str | None = "", date_to: str | None = "",
                       place: str | None = "", source: str | None = "") -> str:
    """The chips after an answer: the controls' filters (removable, as :func:`chips_html`) and
    each filter the question itself became ("How many ... in Tellin?" -> place: Tellin),
    marked "from the question" and without a remove button (it is part of the question)."""
    controls = {"from": date_from, "to": date_to, "place": place, "source": source}
    html = chips_html(*controls.values())
    if answer.scope is None:
        return html
    f = answer.scope.filters
    applied = {"from": f.date_from.isoformat() if f.date_from else "", "to": f.date_to.isoformat() if f.date_to else "",
               "place": f.place or "", "source": f.source or ""}
    read = [
        f'<span class="chip chip-question" data-field="{key}">{escape_text(FIELD_LABELS[key])}: '
        f'{escape_text(value)} <em>(from the question)</em></span>'
        for key, value in applied.items() if value and not str(controls[key] or "").strip()
    ]
    if not read:
        return html
    given = [c for c in controls.values() if c and str(c).strip()]
    inner = html[html.index(">") + 1 : html.rindex("</div>")] if given else ""
    return f'<div class="chips" data-count="{len(given) + len(read)}">{inner}{"".join(read)}</div>'


def scope_html(answer: Answer) -> str:
    """The sentences stated before an answer (:attr:`~assistant.types.Answer.notes`: how misspelt words
    were read, the filters it was made under; ``""`` without any)."""
    return "".join(f'<p class="scope-note">{escape_text(note)}</p>' for note in answer.notes)


def chart_html(timeline: Timeline, granularity: str = "month", selected: tuple[date, date] | None = None) -> str:
    """Bars of reports per period (see :func:`assistant.answering.timeline.periods`), each
    stacked by kind and clickable (``data-start``/``data-end``), with a legend."""
    bars = periods(timeline, granularity)
    if not bars:
        return message_html("No dated report matches these filters.")
    highest = max(sum(c.values()) for *_, c in bars) or 1
    kinds = sorted({k for *_, c in bars for k in c})
    parts = ['<div class="tl-chart" role="list">']
    for label, start, end, counts in bars:
        total = sum(counts.values())
        chosen = " selected" if selected == (start, end) else ""
        title = f"{label}: {total} report{'s' if total != 1 else ''}" + "".join(
            f", {n} {KIND_LABELS.get(k, k)}" for k, n in counts.items())
        segments = "".join(
            f'<div class="tl-segment" style="height:{70 * n / highest:.1f}%;background:{KIND_COLOURS.get(k, "#64748b")}"'
            f' data-kind="{html.escape(k)}"></div>' for k, n in counts.items())
        short = label.removeprefix("week of ")
        parts.append(
            f'<div class="tl-bar{chosen}" role="listitem" data-start="{start.isoformat()}" data-end="{end.isoformat()}" '
            f'data-count="{total}" title="{html.escape(title)}"><div class="tl-label">{html.escape(short)}</div>'
            f'{segments}<div class="tl-count">{total or ""}</div></div>')
    parts.append("</div>")
    legend = "".join(f'<span><i class="tl-swatch" style="background:{KIND_COLOURS.get(k, "#64748b")}"></i>'
                     f"{escape_text(KIND_LABELS.get(k, k))}</span>" for k in kinds)
    unit = "week" if granularity == "week" else "month"
    parts.append(f'<div class="tl-legend">Reports per {unit}; click a bar to list that {unit} only. {legend}</div>')
    return "".join(parts)


def rows_html(timeline: Timeline, note: str = "") -> str:
    """The list of dated events, newest first: date, place, quote, report and kind; a click on
    a row opens the cited passage (``data-href`` is its citation link)."""
    head = f'<p class="tl-note">{escape_text(note)}</p>' if note else ""
    if timeline.undated:
        head += (f'<p class="tl-note" id="timeline-undated">Undated, not on the timeline: '
                 f'{escape_text(", ".join(timeline.undated))}</p>')
    if not timeline.rows:
        return head + message_html("No dated event in this selection.")
    parts = [head, f'<table class="tl-rows" data-rows="{len(timeline.rows)}"><thead><tr><th>Date</th><th>Place</th>'
             '<th>What the report says</th><th>Report</th><th>Kind</th></tr></thead><tbody>']
    for row in timeline.rows:
        href = citation_href(row.citation)
        parts.append(
            f'<tr class="tl-row" data-href="{html.escape(href)}" data-document="{html.escape(row.document_id)}">'
            f"<td>{row.date.isoformat()}</td><td>{escape_text(row.place)}</td>"
            f"<td>“{escape_text(row.summary)}”</td>"
            f'<td><a class="tl-cite" href="{html.escape(href)}">{escape_text(row.document_id)}</a></td>'
            f"<td>{escape_text(KIND_LABELS.get(row.kind, row.kind))}</td></tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def export_files(timeline: Timeline, folder: Path) -> tuple[str, str]:
    """The timeline written as ``timeline.csv`` and ``timeline.json`` in a new folder under
    ``folder``; returns their paths."""
    target = Path(tempfile.mkdtemp(prefix="timeline-", dir=folder))
    rows = rows_table(timeline)
    csv_path, json_path = target / "timeline.csv", target / "timeline.json"
    with csv_path.open("w", encoding="utf-8", newline="") as sink:
        writer = csv.DictWriter(sink, fieldnames=list(COLUMNS), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    json_path.write_text(json.dumps({"rows": rows, "undated": list(timeline.undated)}, ensure_ascii=False, indent=2),
                         encoding="utf-8")
    return str(csv_path), str(json_path)


def parse_period(value: str) -> tuple[date, date] | None:
    """``period:START:END:t`` from :data:`TIMELINE_JS` -> ``(start, end)``, else ``None``."""
    parts = (value or "").split(":")
    if len(parts) < 3 or parts[0] != "period":
        return None
    try:
        return date.fromisoformat(parts[1]), date.fromisoformat(parts[2])
    except ValueError:
        return None


def parse_row_click(value: str) -> str | None:
    """``cite:HREF:t`` from :data:`TIMELINE_JS` -> ``HREF``, else ``None``."""
    if not (value or "").startswith("cite:"):
        return None
    return value[len("cite:") :].rsplit(":", 1)[0]


def choices(pairs: list[tuple[str, int]]) -> list[Any]:
    """Dropdown choices ``("Name (3)", "Name")`` from ``(name, count)`` pairs."""
    return [(f"{name} ({count})", name) for name, count in pairs]


class TimelineHandlers:
    """The handlers of the filter chips and the Timeline tab, sharing the page's
    :class:`~assistant.interfaces.web.handlers.WebHandlers` (its assistant and lock).

    Every handler turns errors into a message for the page, never a traceback.
    """

    def __init__(self, web) -> None:
        self.web = web
        self.assistant = web.assistant
        self._exports = Path(tempfile.mkdtemp(prefix="assistant-timeline-"))
        # the export files live only as long as the page (Gradio copies a download into its own cache)
        weakref.finalize(self, shutil.rmtree, self._exports, ignore_errors=True)

    def filter_choices(self) -> tuple[Any, Any, Any, Any]:
        """The place and source dropdowns of the chat and the Timeline tab, filled from the index."""
        import gradio as gr

        try:
            with self.web._lock:
                places, sources = choices(self.assistant.places()), choices(self.assistant.sources())
        except Exception:
            logger.exception("cannot list the places and sources")
            places, sources = [], []
        return (gr.Dropdown(choices=places), gr.Dropdown(choices=sources),
                gr.Dropdown(choices=places), gr.Dropdown(choices=sources))

    def chips(self, date_from: str, date_to: str, place: str | None, source: str | None) -> str:
        """The chips of the filter controls' values."""
        return chips_html(date_from, date_to, place, source)

    def remove_chip(self, value: str, date_from: str, date_to: str, place: str | None,
                    source: str | None) -> tuple[str, str, str | None, str | None, str]:
        """Clear the control a chip's remove button names; returns the four controls and the chips."""
        field = (value or "").split(":")[0]
        values = {"from": date_from, "to": date_to, "place": place, "source": source}
        if field in values:
            values[field] = "" if field in ("from", "to") else None
        return values["from"], values["to"], values["place"], values["source"], chips_html(*values.values())

    def show(self, date_from: str, date_to: str, place: str | None, source: str | None,
             granularity: str = "month") -> tuple[str, str, Any, Any, str | None]:
        """The chart, the list and the two export files for the filters; returns ``(chart, list,
        csv, json, selected period)``.  A malformed filter is a message in the list."""
        import gradio as gr

        try:
            filters = filters_from(date_from, date_to, place, source)
            with self.web._lock:
                timeline = self.assistant.timeline(filters)
        except ValueError as exc:
            return "", message_html(f"Error: {exc}", "error"), gr.update(), gr.update(), None
        except Exception:
            logger.exception("cannot build the timeline")
            return "", message_html("Sorry, the timeline could not be made. The details are in the server log.",
                                    "error"), gr.update(), gr.update(), None
        csv_path, json_path = export_files(timeline, self._exports)
        note = (f"{len(timeline.documents)} dated reports, {len(timeline.rows)} dated events, newest first."
                " Click a row to open its passage.")
        return (chart_html(timeline, granularity), rows_html(timeline, note),
                gr.DownloadButton(value=csv_path), gr.DownloadButton(value=json_path), None)

    def click(self, value: str, selected: Any, date_from: str, date_to: str, place: str | None, source: str | None,
              granularity: str = "month") -> tuple[Any, Any, Any, Any]:
        """A bar click narrows the list to its period (the bar shows as selected; a second
        click on it shows every period again); a row click opens its passage in the viewer.
        ``selected``: this browser session's selected period (``[start, end]`` ISO or ``None``).
        Returns ``(chart, list, viewer, selected)`` updates."""
        import gradio as gr

        href = parse_row_click(value)
        if href is not None:
            return gr.update(), gr.update(), self.web.open_citation(href), selected
        period = parse_period(value)
        if period is None:
            return gr.update(), gr.update(), gr.update(), selected
        try:
            filters = filters_from(date_from, date_to, place, source)
            with self.web._lock:
                timeline = self.assistant.timeline(filters)
        except ValueError as exc:
            return gr.update(), message_html(f"Error: {exc}", "error"), gr.update(), selected
        except Exception:
            logger.exception("cannot narrow the timeline")
            return gr.update(), message_html("Sorry, the timeline could not be made.", "error"), gr.update(), selected
        chosen = [period[0].isoformat(), period[1].isoformat()]
        if selected == chosen:
            note = f"{len(timeline.rows)} dated events, newest first."
            return chart_html(timeline, granularity), rows_html(timeline, note), gr.update(), None
        narrowed = timeline.narrowed(*period)
        note = (f"{len(narrowed.rows)} dated events from {chosen[0]} to {chosen[1]}"
                " (click the bar again to show every period).")
        return chart_html(timeline, granularity, period), rows_html(narrowed, note), gr.update(), chosen
