"""HTML views of answers, citations and documents for the web chat.

All document, question and answer text is untrusted: every piece of it goes
through :func:`html.escape` here, so markup in a report (``<script>``,
``<img onerror=...>``, ``<style>``) is shown as text.  The only markup in the
output is built by this module.

A citation link is ``<a class="cite" href="#cite/DOC/START/END/N/DIGEST">[N]</a>``:
``DOC`` is the URL-quoted document id, ``START``/``END`` the passage's character
offsets in the document text, ``DIGEST`` the first 12 hex digits of the SHA-256 of
the passage text (to notice a document that changed since the answer).  The link of
the passage that holds the answer's short answer ends in ``/S-E``, the short answer's
offsets, which the document view highlights inside the passage.  The page's
script turns a click on such a link into a call of
:meth:`assistant.interfaces.web.ui.WebHandlers.open_citation`.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, unquote

from ...types import Answer, Citation, DocumentInfo, ShortAnswer

CITE_PREFIX = "#cite/"
CITED_MARK_ID = "cited-passage"
SHORT_MARK_ID = "short-answer"
_MARKER = re.compile(r"\[(\d+)\]")
_TYPING_CURSOR = "▍"


@dataclass(frozen=True)
class CitationTarget:
    """What a citation link points at: a passage ``[start, end)`` of a document."""

    document_id: str
    start: int
    end: int
    n: int
    digest: str
    short_start: int | None = None
    short_end: int | None = None


def escape_text(text: str) -> str:
    """HTML-escape untrusted text and keep its line breaks as ``<br>``."""
    return html.escape(text, quote=True).replace("\n", "<br>")


def passage_digest(text: str) -> str:
    """First 12 hex digits of the SHA-256 of ``text`` (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def citation_href(citation: Citation, short: ShortAnswer | None = None) -> str:
    """The link target of a citation (see the module docstring); ``short``: the answer's short
    answer, added when it lies in this passage."""
    document = quote(citation.document_id, safe="")
    href = f"{CITE_PREFIX}{document}/{citation.start}/{citation.end}/{citation.n}/{passage_digest(citation.text)}"
    if _holds(citation, short):
        href += f"/{short.start}-{short.end}"
    return href


def _holds(citation: Citation, short: ShortAnswer | None) -> bool:
    return (short is not None and short.document_id == citation.document_id
            and citation.start <= short.start < short.end <= citation.end)


def parse_citation_href(href: str) -> CitationTarget:
    """Read a link made by :func:`citation_href` (a full URL ending in it is accepted too).

    Raises:
        ValueError: ``href`` is not a citation link.
    """
    _, found, rest = (href or "").partition(CITE_PREFIX)
    parts = rest.split("/")
    if not found or len(parts) not in (5, 6) or not all(p.isdigit() for p in parts[1:4]) or not parts[0]:
        raise ValueError(f"not a citation link: {href!r}")
    start, end, n = (int(p) for p in parts[1:4])
    if end < start:
        raise ValueError(f"citation link with end before start: {href!r}")
    short_start = short_end = None
    if len(parts) == 6:
        a, dash, b = parts[5].partition("-")
        if not (dash and a.isdigit() and b.isdigit() and start <= int(a) < int(b) <= end):
            raise ValueError(f"citation link with a bad short-answer span: {href!r}")
        short_start, short_end = int(a), int(b)
    return CitationTarget(unquote(parts[0]), start, end, n, parts[4], short_start, short_end)


def citation_link(citation: Citation, label: str | None = None, short: ShortAnswer | None = None) -> str:
    """``<a class="cite" ...>[n]</a>`` (or ``label``, escaped) for ``citation``; ``short``: the
    answer's short answer (its span goes into the link of the passage that holds it)."""
    text = escape_text(label) if label is not None else f"[{citation.n}]"
    title = escape_text(f"Open {citation.source} at the cited passage")
    return f'<a class="cite" href="{html.escape(citation_href(citation, short))}" title="{title}">{text}</a>'


def link_markers(text: str, citations: Sequence[Citation], short: ShortAnswer | None = None) -> str:
    """Escape ``text`` and turn each ``[n]`` that names one of ``citations`` into its link."""
    by_number = {c.n: c for c in citations}

    def replace(match: re.Match[str]) -> str:
        citation = by_number.get(int(match.group(1)))
        return citation_link(citation, short=short) if citation is not None else match.group(0)

    return _MARKER.sub(replace, escape_text(text))


def answer_html(answer: Answer) -> str:
    """The chat message of a finished answer: the short answer in bold first (when there is
    one), its text with linked ``[n]`` markers, then one short line naming each cited document
    (also linked), so older answers stay checkable."""
    short = answer.short_answer
    text = answer.text
    lead = ""
    if short is not None:
        stated = " ".join(short.text.split())
        if text.startswith(stated + " — "):
            text = text[len(stated) + 3:]
        lead = f'<b class="short-answer">{escape_text(stated)}</b> — '
    body = lead + link_markers(text, answer.citations, short)
    if not answer.citations:
        return body
    sources = " · ".join(citation_link(c, f"[{c.n}] {c.source}", short) for c in answer.citations)
    return f"{body}<br><br>Sources: {sources}"


def partial_answer_html(text: str) -> str:
    """The chat message of an answer still being written."""
    return escape_text(text) + _TYPING_CURSOR


def sources_html(
    answer: Answer | None, dates: Mapping[str, date | None], note: str = "", *, final: bool | None = None
) -> str:
    """The sources panel: for each citation of ``answer``, its link, document name and file,
    the document's stated date (``dates[document_id]``) when known, and the passage text.

    The panel's ``data-state`` is ``final`` when it shows an answer's sources or ``final`` is
    true (an error ended the question), else ``pending``."""
    state = "final" if (answer is not None if final is None else final) else "pending"
    parts = [f'<div class="sources-panel" data-state="{state}"><h3>Sources</h3>']
    if note:
        parts.append(f'<p class="sources-note">{escape_text(note)}</p>')
    if answer is None:
        if not note:
            parts.append('<p class="sources-note">Ask a question: the passages it cites appear here.</p>')
    elif not answer.citations:
        parts.append('<p class="sources-note">No passage cited: the reports do not answer this question.</p>')
    else:
        parts.append("<ol>")
        for c in answer.citations:
            stated = dates.get(c.document_id)
            details = [c.source] + ([f"dated {stated.isoformat()}"] if stated else [])
            parts.append(
                f'<li class="source" data-n="{c.n}">{citation_link(c, f"[{c.n}] {c.document_id}", answer.short_answer)}'
                f' <span class="source-details">{escape_text(" · ".join(details))}</span>'
                f'<blockquote class="source-passage">{escape_text(c.text)}</blockquote></li>'
            )
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


def document_html(target: CitationTarget, info: DocumentInfo, text: str, stated: date | None) -> str:
    """The whole document with the passage ``text[target.start:target.end]`` in a
    ``<mark id="cited-passage">`` (and the short answer, when the link names one, in a
    ``<mark id="short-answer">`` inside it), under a header naming the document and passage."""
    start, end = min(target.start, len(text)), min(target.end, len(text))
    details = [info.source, f"{info.size:,} characters"] + ([f"dated {stated.isoformat()}"] if stated else [])
    details.append(f"passage [{target.n}]: characters {target.start}–{target.end}")
    header = (
        f'<div class="doc-head"><b>{escape_text(info.id)}</b> '
        f'<span>{escape_text(" · ".join(details))}</span></div>'
    )
    warning = ""
    if passage_digest(text[start:end]) != target.digest:
        warning = (
            '<p class="doc-warning">This document changed after the answer was given: '
            "the highlighted characters may no longer be the cited passage. Ask again.</p>"
        )
    passage = html.escape(text[start:end])
    if target.short_start is not None and target.short_end is not None and not warning:
        a, b = target.short_start - start, target.short_end - start
        passage = (f"{html.escape(text[start:start + a])}<mark id=\"{SHORT_MARK_ID}\" class=\"short-answer\">"
                   f"{html.escape(text[start + a:start + b])}</mark>{html.escape(text[start + b:end])}")
    body = (
        f"{html.escape(text[:start])}<mark id=\"{CITED_MARK_ID}\">{passage}</mark>"
        f"{html.escape(text[end:])}"
    )
    return f'<div class="doc-view">{header}{warning}<div class="doc-text">{body}</div></div>'


def message_html(text: str, kind: str = "info") -> str:
    """A short message box (``kind``: ``info`` or ``error``) with escaped ``text``."""
    return f'<div class="message message-{html.escape(kind)}">{escape_text(text)}</div>'
