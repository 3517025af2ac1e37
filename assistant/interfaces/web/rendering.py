"""HTML views of answers, citations and documents for the web chat.

All document, question and answer text is untrusted: every piece of it goes
through :func:`html.escape` here, so markup in a report (``<script>``,
``<img onerror=...>``, ``<style>``) is shown as text.  The only markup in the
output is built by this module.

A citation link is ``<a class="cite" href="#cite/DOC/START/END/N/DIGEST[/PAGE[-LAST]][/aS-E]">[N]</a>``:
``DOC`` is the URL-quoted document id, ``START``/``END`` the passage's character
offsets in the document text, ``DIGEST`` the first 12 hex digits of the SHA-256 of
the passage text (to notice a document that changed since the answer), ``PAGE`` the
PDF page the passage starts on and ``LAST`` the page it ends on when that is a later one
(both absent for other formats); the link of the passage that holds the answer's short
answer ends in ``/aS-E``, the short answer's offsets, which the document view highlights
inside the passage.  The page's script turns a click on such a link into a call of
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
    page: int | None = None
    page_end: int | None = None
    short_start: int | None = None
    short_end: int | None = None


def page_label(page: int | None, page_end: int | None = None) -> str:
    """``"p. 3"`` for page 3, ``"pp. 3–4"`` for a passage from page 3 to 4, ``""`` without a page."""
    if page is None:
        return ""
    return f"pp. {page}–{page_end}" if page_end is not None and page_end > page else f"p. {page}"


def citation_place(citation: Citation) -> str:
    """Where a citation points, for people: its relative path, and its pages for a PDF
    (``north/report.pdf, p. 3``)."""
    place = citation.path or citation.source
    return f"{place}, {page_label(citation.page, citation.page_end)}" if citation.page is not None else place


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
    page = "" if citation.page is None else f"/{citation.page}" + (f"-{citation.page_end}" if citation.page_end else "")
    answer = f"/a{short.start}-{short.end}" if _holds(citation, short) else ""
    return (f"{CITE_PREFIX}{document}/{citation.start}/{citation.end}/{citation.n}/{passage_digest(citation.text)}"
            f"{page}{answer}")


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
    extra = parts[5:]
    answer = extra.pop() if extra and extra[-1].startswith("a") else None
    pages = extra[0].split("-", 1) if len(extra) == 1 else []
    numbers = parts[1:4] + pages
    if (not found or len(parts) not in (5, 6, 7) or len(extra) > 1 or not all(p.isdigit() for p in numbers)
            or not parts[0]):
        raise ValueError(f"not a citation link: {href!r}")
    start, end, n = (int(p) for p in parts[1:4])
    if end < start:
        raise ValueError(f"citation link with end before start: {href!r}")
    page, page_end = (int(pages[0]) if pages else None), (int(pages[1]) if len(pages) == 2 else None)
    short_start = short_end = None
    if answer is not None:
        a, dash, b = answer[1:].partition("-")
        if not (dash and a.isdigit() and b.isdigit() and start <= int(a) < int(b) <= end):
            raise ValueError(f"citation link with a bad short-answer span: {href!r}")
        short_start, short_end = int(a), int(b)
    return CitationTarget(unquote(parts[0]), start, end, n, parts[4], page, page_end, short_start, short_end)


def citation_link(citation: Citation, label: str | None = None, short: ShortAnswer | None = None) -> str:
    """``<a class="cite" ...>[n]</a>`` (or ``label``, escaped) for ``citation``; ``short``: the
    answer's short answer (its span goes into the link of the passage that holds it)."""
    text = escape_text(label) if label is not None else f"[{citation.n}]"
    title = escape_text(f"Open {citation_place(citation)} at the cited passage")
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
    sources = " · ".join(citation_link(c, f"[{c.n}] {citation_place(c)}", short) for c in answer.citations)
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
            details = [c.path or c.source, page_label(c.page, c.page_end)]
            details += [f"dated {stated.isoformat()}"] if stated else []
            details = [d for d in details if d]
            parts.append(
                f'<li class="source" data-n="{c.n}">{citation_link(c, f"[{c.n}] {c.document_id}", answer.short_answer)}'
                f' <span class="source-details">{escape_text(" · ".join(details))}</span>'
                f'<blockquote class="source-passage">{escape_text(c.text)}</blockquote></li>'
            )
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


def document_html(target: CitationTarget | None, info: DocumentInfo, text: str, stated: date | None, *,
                  highlights: Sequence[tuple[int, int, str]] = (), what: str = "") -> str:
    """The whole document under a header naming it (id, path, size, pages, stated date).

    With ``target`` (a citation link), the passage ``text[target.start:target.end]`` is in a
    ``<mark id="cited-passage">`` and the header says which passage (its page for a PDF)
    and warns when the text changed since the answer.  ``highlights`` are other spans
    ``(start, end, title)`` to mark instead (an incident record's evidence); the first is
    the one scrolled to (``id="cited-passage"``), overlapping ones are merged.  ``what``
    is a last header item (``"incident record: 3 values"``).
    """
    details = [info.path or info.source, f"{info.size:,} characters"]
    details += [f"{info.pages} pages"] if info.pages else []
    details += [f"dated {stated.isoformat()}"] if stated else []
    warning = ""
    if target is not None:
        place = f"{page_label(target.page, target.page_end)}, " if target.page is not None else ""
        details.append(f"passage [{target.n}]: {place}characters {target.start}–{target.end}")
        highlights = [(target.start, target.end, "")]
        start, end = min(target.start, len(text)), min(target.end, len(text))
        if passage_digest(text[start:end]) != target.digest:
            warning = (
                '<p class="doc-warning">This document changed after the answer was given: '
                "the highlighted characters may no longer be the cited passage. Ask again.</p>"
            )
    if what:
        details.append(what)
    header = (
        f'<div class="doc-head"><b>{escape_text(info.id)}</b> '
        f'<span>{escape_text(" · ".join(details))}</span></div>'
    )
    if target is not None and target.short_start is not None and target.short_end is not None and not warning:
        body = _marked_short(text, target)
    else:
        body = _marked(text, highlights)
    return f'<div class="doc-view">{header}{warning}<div class="doc-text">{body}</div></div>'


def _marked_short(text: str, target: CitationTarget) -> str:
    """``text`` escaped with the cited passage in ``<mark id="cited-passage">`` and, inside it,
    the short answer in ``<mark id="short-answer">``."""
    start, end = min(target.start, len(text)), min(target.end, len(text))
    a, b = min(max(target.short_start, start), end), min(max(target.short_end, start), end)
    return (f"{html.escape(text[:start])}<mark id=\"{CITED_MARK_ID}\">{html.escape(text[start:a])}"
            f"<mark id=\"{SHORT_MARK_ID}\" class=\"short-answer\">{html.escape(text[a:b])}</mark>"
            f"{html.escape(text[b:end])}</mark>{html.escape(text[end:])}")


def _marked(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """``text`` escaped, with each span in a ``<mark>``: the first span given is
    ``id="cited-passage"`` (the one scrolled to), overlapping spans are merged."""
    clamped = [(min(s, len(text)), min(e, len(text)), t) for s, e, t in spans if e >= s]
    if not clamped:
        return html.escape(text)
    first = clamped[0][:2]
    merged: list[list] = []
    for start, end, title in sorted(clamped):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2] = "; ".join(t for t in (merged[-1][2], title) if t)
            merged[-1][3] |= (start, end) == first
        else:
            merged.append([start, end, title, (start, end) == first])
    parts, at, named = [], 0, False
    for start, end, title, is_first in merged:
        attributes = ""
        if is_first and not named:
            attributes, named = f' id="{CITED_MARK_ID}"', True
        if title:
            attributes += f' title="{html.escape(title, quote=True)}"'
        parts.append(f"{html.escape(text[at:start])}<mark{attributes}>{html.escape(text[start:end])}</mark>")
        at = end
    parts.append(html.escape(text[at:]))
    return "".join(parts)


def message_html(text: str, kind: str = "info") -> str:
    """A short message box (``kind``: ``info`` or ``error``) with escaped ``text``."""
    return f'<div class="message message-{html.escape(kind)}">{escape_text(text)}</div>'
