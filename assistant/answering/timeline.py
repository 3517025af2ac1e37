"""The timeline of the reports: one row per dated event, each quoted and cited, and the
overview answer made from it ("what happened in Vesk?", "what happened in May 2019?").

:func:`build_timeline` takes the documents a filter selects (their text and
:class:`~assistant.types.DocumentMeta`) and makes, for every event date a report states
(:func:`assistant.language.dates.event_dates`) and for its report date, a
:class:`TimelineRow`: the day, the place named in the same sentence (else the report's
first place), the sentence itself as a one-line quote (cut at :data:`SUMMARY_CHARS`), and
a :class:`~assistant.types.Citation` of that sentence's span.  Sentences are those the
answerer reads (:func:`assistant.language.sentences.read_sentences`: a hard-wrapped
paragraph's line breaks are spaces, a word hyphenated at a line end is joined, offsets
exact).  A sentence with several dates gives one row per day; a sentence that states an
event day of its own is that day's row and is never quoted again as the report date's lead
(the report row quotes the first lead sentence without such a date, or the event on the
report's own day).  Rows are sorted newest first.  Undated reports are listed apart, never
placed on a date.

:func:`overview_answer` answers an overview question with one cited line per report, newest
first, stating the count (not the one or two sentences of the most similar passage).
:func:`periods` counts reports per week or month for the chart, stacked by kind of event
(the incident record's event type where one was recognised, else ``"report"``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..language.sentences import ReadSentence, read_sentences
from ..types import Answer, Citation, DocumentMeta, Filters

SUMMARY_CHARS = 220
"""A row's quote is the event's sentence, cut to this many characters (with "…")."""

LEAD_WORDS = 5
_LABEL_LINE = re.compile(r"^[\W_]*[\w ()/-]{1,30}:[\W_]*\s")

REPORT_KIND = "report"
"""The kind of a row whose report has no recognised event type."""

KIND_LABELS = {
    REPORT_KIND: "report (no event type recognised)", "airstrike": "air strike", "detention": "detention",
    "insurgentskilled": "insurgents killed", "captureandkill": "capture or kill", "civiliancasualty": "civilian casualty",
}
"""Readable names of the kinds of event (the incident records' event types)."""

_OVERVIEW = re.compile(
    r"^\W*(?:what|which\s+events?)\s+(?:else\s+)?(?:has\s+|have\s+)?(?:happened|happens|occurred|took\s+place|went\s+on"
    r"|was\s+reported|were\s+the\s+(?:main\s+)?(?:events|incidents))"
    r"(?:\s+(?:in|on|during|at|between|since|from|over|across|around|near|last|this|the\s+last|the\s+past)\b|\W*$)"
    r"|^\W*(?:give\s+me\s+|show\s+me\s+)?(?:an?\s+)?(?:overview|summary|timeline|chronology)\s+(?:of|for)\b"
    r"|^\W*(?:summari[sz]e|list)\s+(?:the\s+)?(?:events|incidents|reports)\b",
    re.IGNORECASE,
)


def is_overview(question: str) -> bool:
    """``question`` asks for an overview of a place or a period ("What happened in Vesk?",
    "Give me a timeline of May 2019", "Summarise the events in Orrin") rather than a fact."""
    return _OVERVIEW.search(question) is not None


@dataclass(frozen=True)
class TimelineDocument:
    """What the timeline reads about one document: id, file name, stored text, its
    time-and-place values and its kind of event (``REPORT_KIND`` when unknown)."""

    id: str
    source: str
    text: str
    meta: DocumentMeta
    kind: str = REPORT_KIND


@dataclass(frozen=True)
class TimelineRow:
    """One dated event: ``date``, the ``place`` named with it, the one-line ``summary``
    quoted from the report, its ``citation`` (the sentence's span in the document),
    ``kind`` of event, and ``report_date`` (``is_report`` when the row is the report's own date)."""

    date: date
    document_id: str
    source: str
    publisher: str
    place: str
    summary: str
    kind: str
    citation: Citation
    report_date: date | None
    is_report: bool = False


@dataclass(frozen=True)
class Timeline:
    """The rows (newest first), the undated documents (ids) and the filters it was built under."""

    rows: tuple[TimelineRow, ...]
    undated: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)

    def narrowed(self, start: date, end: date) -> Timeline:
        """Only the rows dated ``start`` to ``end`` (both included)."""
        return Timeline(tuple(r for r in self.rows if start <= r.date <= end), self.undated, self.filters)

    @property
    def documents(self) -> list[str]:
        """The dated documents with rows, newest report first."""
        return list(dict.fromkeys(r.document_id for r in sorted(self.rows, key=_report_order)))


def _report_order(row: TimelineRow) -> tuple:
    return (-(row.report_date or row.date).toordinal(), row.document_id)


def build_timeline(documents: Sequence[TimelineDocument], filters: Filters | None = None) -> Timeline:
    """The timeline of ``documents`` (see the module docstring); with date ``filters`` only
    the rows inside the range are kept (the documents were selected by the same filters)."""
    filters = filters or Filters()
    rows: list[TimelineRow] = []
    undated: list[str] = []
    for document in documents:
        found = _rows(document)
        if not found:
            undated.append(document.id)
        rows += [r for r in found if _inside(r.date, filters)]
    rows.sort(key=lambda r: (-r.date.toordinal(), r.document_id, r.citation.start))
    return Timeline(tuple(rows), tuple(sorted(undated)), filters)


def _inside(day: date, filters: Filters) -> bool:
    return (filters.date_from is None or day >= filters.date_from) and (filters.date_to is None or day <= filters.date_to)


def _rows(document: TimelineDocument) -> list[TimelineRow]:
    meta = document.meta
    report = meta.report
    if report is None and not meta.events:
        return []
    sentences = read_sentences(document.text)
    events: list[tuple[date, ReadSentence]] = []
    for mention in meta.events:
        sentence = _sentence_at(sentences, mention.start)
        if sentence is None or (report is not None and report.start <= mention.start < report.end):
            continue
        events.append((mention.value, sentence))
    rows: dict[tuple[date, int], TimelineRow] = {}
    if report is not None:
        same_day = next((s for day, s in events if day == report.value), None)
        if same_day is not None:  # an event on the report's own day: one row for the day, quoting the event
            rows[(report.value, -1)] = _row(document, report.value, same_day, True)
        else:  # the lead; a sentence stating an event day of its own is that day's row, not this one's
            dated = {s.start for _, s in events}
            lead = _lead(sentences, report.end, dated) or next((s for s in sentences if s.start not in dated), None)
            if lead is not None or not events:
                rows[(report.value, -1)] = _row(document, report.value, lead or ReadSentence(0, 0, ""), True)
    for day, sentence in events:
        if report is not None and day == report.value:
            continue
        rows.setdefault((day, sentence.start), _row(document, day, sentence, False))
    return list(rows.values())


def _sentence_at(sentences: Sequence[ReadSentence], offset: int) -> ReadSentence | None:
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None


def _lead(sentences: Sequence[ReadSentence], after: int, dated: set[int]) -> ReadSentence | None:
    """The report's headline or lead: the first sentence after its date of at least
    :data:`LEAD_WORDS` words that is no ``Label: value`` line or table row and states no
    event date of its own (``dated``: starts of the sentences that do; such a sentence is the
    row of its own day, never a second row on the report date)."""
    for sentence in sentences:
        if (sentence.start >= after and len(sentence.text.split()) >= LEAD_WORDS and sentence.start not in dated
                and not _LABEL_LINE.match(sentence.text) and "|" not in sentence.text):
            return sentence
    return None


def _row(document: TimelineDocument, day: date, sentence: ReadSentence, is_report: bool) -> TimelineRow:
    start, end, text = sentence.start, sentence.end, sentence.text
    places = [p for p in document.meta.places if start <= p.start < end] or list(document.meta.places[:1])
    place = _place_label(places[0]) if places else ""
    summary = " ".join(text.split())
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    citation = Citation(n=0, document_id=document.id, source=document.source, chunk_id="", start=start, end=end,
                        text=document.text[start:end], score=1.0)
    report = document.meta.report
    return TimelineRow(day, document.id, document.source, document.meta.source_name, place, summary, document.kind,
                       citation, report.value if report else None, is_report)


def _place_label(place) -> str:
    name = place.name.title() if place.name.isupper() else place.name
    level = "" if place.level in ("", "dateline") else f" {place.level}"
    return f"{name}{level}" + (f", {place.parent}" if place.parent and place.parent != place.name else "")


def periods(timeline: Timeline, granularity: str = "month") -> list[tuple[str, date, date, dict[str, int]]]:
    """``(label, start, end, {kind: reports})`` for every week (Monday first) or month from
    the oldest to the newest row, oldest first; a report counts once per period and kind.

    Raises:
        ValueError: ``granularity`` is not ``"week"`` or ``"month"``.
    """
    if granularity not in ("week", "month"):
        raise ValueError(f"granularity must be 'week' or 'month', got {granularity!r}")
    if not timeline.rows:
        return []
    seen: dict[date, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in timeline.rows:
        seen[_period_start(row.date, granularity)][row.kind].add(row.document_id)
    first, last = min(seen), max(seen)
    result = []
    current = first
    while current <= last:
        end = _period_end(current, granularity)
        counts = {kind: len(ids) for kind, ids in sorted(seen.get(current, {}).items())}
        label = current.strftime("%Y-%m") if granularity == "month" else f"week of {current.isoformat()}"
        result.append((label, current, end, counts))
        current = end + timedelta(days=1)
    return result


def _period_start(day: date, granularity: str) -> date:
    return day.replace(day=1) if granularity == "month" else day - timedelta(days=day.weekday())


def _period_end(start: date, granularity: str) -> date:
    if granularity == "week":
        return start + timedelta(days=6)
    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def overview_answer(question: str, timeline: Timeline, *, limit: int = 20) -> Answer:
    """One cited line per report, newest first: ``2019-05-09 · Vesk: "Gunmen set fire ..." [1]``,
    after a line stating how many reports the timeline holds (at most ``limit`` lines; the
    rest are counted).  Each report's line quotes its row nearest to the report date inside
    the filter (its own date row when kept)."""
    by_document: dict[str, list[TimelineRow]] = defaultdict(list)
    for row in timeline.rows:
        by_document[row.document_id].append(row)
    if not by_document:
        return Answer(question, "No dated report matches, so there is no timeline to give.", False)
    best_rows = [min(rows, key=lambda r: (not r.is_report, abs(((r.report_date or r.date) - r.date).days)))
                 for rows in by_document.values()]
    ordered = sorted(best_rows, key=lambda r: (-r.date.toordinal(), r.document_id))
    lines, citations = [], []
    for n, best in enumerate(ordered[:limit], start=1):
        citation = Citation(n, best.citation.document_id, best.citation.source, best.citation.chunk_id,
                            best.citation.start, best.citation.end, best.citation.text, best.citation.score)
        citations.append(citation)
        where = f" · {best.place}" if best.place else ""
        lines.append(f"{best.date.isoformat()}{where}: \"{best.summary}\" [{n}]")
    count = len(ordered)
    head = f"{count} report{'s' if count != 1 else ''} in the timeline, newest first"
    if count > limit:
        head += f" (the first {limit} shown)"
    kinds = Counter(r.kind for r in ordered if r.kind != REPORT_KIND)
    if kinds:
        head += "; " + ", ".join(f"{n} {KIND_LABELS.get(k, k)}" for k, n in kinds.most_common())
    text = head + ":\n" + "\n".join(lines)
    return Answer(question, text, True, tuple(citations))


def rows_table(timeline: Timeline) -> list[dict]:
    """The rows as flat records for CSV/JSON export and tables, with readable column names
    (:data:`COLUMNS`); the citation as document id and character offsets."""
    return [{
        "date": r.date.isoformat(), "place": r.place, "summary": r.summary, "kind": r.kind,
        "report": r.document_id, "file": r.source, "source": r.publisher,
        "report date": r.report_date.isoformat() if r.report_date else "",
        "cited characters": f"{r.citation.start}-{r.citation.end}",
        "start": r.citation.start, "end": r.citation.end,
    } for r in timeline.rows]


COLUMNS = ("date", "place", "summary", "kind", "report", "file", "source", "report date", "cited characters")
"""The columns of :func:`rows_table` shown in tables and CSV (``start``/``end`` are in JSON too)."""


def documents_for(entries: Mapping[str, tuple[str, str, DocumentMeta]], kinds: Mapping[str, str]) -> list[TimelineDocument]:
    """:class:`TimelineDocument` s from ``{id: (file name, text, meta)}`` and ``{id: kind}``."""
    return [TimelineDocument(i, source, text, meta, kinds.get(i, REPORT_KIND))
            for i, (source, text, meta) in sorted(entries.items())]
