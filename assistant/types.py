"""Typed records passed between the pipeline stages.

Every stage takes and returns these frozen dataclasses, never dicts:
``Document -> Chunk -> Passage`` at ingest, ``Query -> Retrieval -> Answer (Citation)``
per question.  Offsets are character offsets (Python ``str`` indices) into ``Document.text``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from .language.annotations import Annotations
from .language.answer_type import QuestionReading, read_question
from .language.dates import DateMention, ReportDate, parse_iso
from .language.document_questions import DocumentProperty
from .language.places import PlaceMention
from .language.question import QuestionShape, analyse

if TYPE_CHECKING:
    import numpy as np

    from .counting.query import CountQuery
    from .counting.result import CountResult


@dataclass(frozen=True)
class DocumentMeta:
    """When, where and by whom a document says it was written, read at ingest
    (:func:`assistant.ingest.metadata.describe`); every value keeps its span in ``Document.text``.

    ``report``: the report date (``None``: undated; never the ingest day); ``events``: the
    days of the events it states (full dates, and dates resolved against ``report``);
    ``places``: the places it names, with their admin level; ``publisher``/``publisher_span``:
    the issuing organisation when the text names it (``""``/``None`` otherwise);
    ``folder``: the name of the file's folder (the source when no publisher is named);
    ``file_modified``: the file's modification day, kept to show, never used as its date;
    ``months``: the months it names without a day ("in June 2011"), as ``YYYYMM``;
    ``years``: every year it names.
    """

    report: ReportDate | None = None
    events: tuple[DateMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    publisher: str = ""
    publisher_span: tuple[int, int] | None = None
    folder: str = ""
    file_modified: date | None = None
    months: tuple[int, ...] = ()
    years: tuple[int, ...] = ()

    @property
    def source_name(self) -> str:
        """The publisher, else the folder (``""`` when neither is known)."""
        return self.publisher or self.folder

    def days(self) -> list[date]:
        """The report date and every event day, sorted, each once."""
        found = {m.value for m in self.events}
        if self.report is not None:
            found.add(self.report.value)
        return sorted(found)


@dataclass(frozen=True)
class Document:
    """One loaded document.

    ``path`` is the file's path relative to the folder given to the ingest (``/``
    separators, Unicode NFC; see :func:`assistant.ingest.loading.relative_path`), its
    file name when the file was given directly; ``id`` is ``path`` without the file's
    extension (``north/weekly_report`` for ``north/weekly_report.txt``, the stem for a
    file directly inside that folder; see :func:`assistant.ingest.loading.document_id`);
    ``source`` is the file name.  ``text`` is the decoded text the document is stored
    with (BOM removed, line endings ``\\n``); ``content_hash`` is the SHA-256 hex digest
    of ``text``.  ``page_starts[i]`` is the offset in ``text`` where page ``i + 1``
    begins (PDFs; empty for formats without pages).  ``annotations``: its sentences, tokens
    and named entities (:func:`assistant.language.nlp.annotate`), set at ingest; ``meta``:
    its dates, places and source (set at ingest; ``None`` until read).
    """

    id: str
    source: str
    text: str
    content_hash: str
    page_starts: tuple[int, ...] = ()
    path: str = ""
    meta: DocumentMeta | None = field(default=None, compare=False, repr=False)
    annotations: Annotations | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Chunk:
    """A contiguous span of a document: ``document.text[start:end] == text``.

    ``page`` is the 1-based page on which the chunk starts (PDFs), else ``None``;
    ``page_end`` the page of its last character when that is a later page (else ``None``);
    ``source`` the document's file name and ``path`` its relative path
    (:attr:`Document.path`; the file name for chunks stored before paths were recorded).
    ``annotations``: its sentences and entities (:class:`Annotations`), ``None`` for a chunk
    indexed before the English pipeline ran at ingest.
    """

    id: str
    document_id: str
    source: str
    index: int
    start: int
    end: int
    text: str
    page: int | None = None
    path: str = ""
    page_end: int | None = None
    annotations: Annotations | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its retrieval score (higher is better) and 1-based rank."""

    chunk: Chunk
    score: float
    rank: int


@dataclass(frozen=True)
class Filters:
    """Which reports a question is about; ``None`` fields set no condition.

    ``date_from``/``date_to``: the report's date (or a date of an event it states) lies in
    this range, both ends included; ``place``: the report names this place (any spelling
    the place reader matches); ``source``: the report's publisher or folder.

    Raises:
        ValueError: ``date_from`` is after ``date_to`` (the message names both fields).
    """

    date_from: date | None = None
    date_to: date | None = None
    place: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        if self.date_from is not None and self.date_to is not None and self.date_from > self.date_to:
            raise ValueError(f"'from' ({self.date_from}) is after 'to' ({self.date_to})")

    @classmethod
    def of(cls, values: Mapping[str, Any], where: str = "", labels: Mapping[str, str] | None = None) -> Filters | None:
        """The filters of ``{"from", "to", "place", "source"}`` (``YYYY-MM-DD`` dates; a missing
        or empty value sets no condition), or ``None`` when none is set: the shape of the
        CLI options, of a question line and of a QA line.

        Raises:
            ValueError: a malformed date or "from" after "to"; the message names the field,
                after ``where`` (``"in.jsonl:3: "``), as ``labels`` names it (``{"from": "--from"}``;
                default ``'from'``).
        """
        labels = labels or {}
        try:
            dates = {key: parse_iso(str(values[key]), labels.get(key, repr(key))) if values.get(key) else None
                     for key in ("from", "to")}
            for key in ("place", "source"):
                if values.get(key) is not None and not isinstance(values[key], str):
                    raise ValueError(f"{labels.get(key, repr(key))} must be a string, got {values[key]!r}")
            if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
                raise ValueError(f"{labels.get('from', repr('from'))} ({dates['from']}) is after "
                                 f"{labels.get('to', repr('to'))} ({dates['to']})")
            filters = cls(dates["from"], dates["to"], (values.get("place") or "").strip() or None,
                          (values.get("source") or "").strip() or None)
        except ValueError as exc:
            raise ValueError(f"{where}{exc}") from None
        return None if filters.empty else filters

    @property
    def empty(self) -> bool:
        """No condition is set."""
        return self.date_from is None and self.date_to is None and not self.place and not self.source


@dataclass(frozen=True)
class Scope:
    """The filters a question is answered under, as applied (:mod:`assistant.retrieval.scope`).

    ``filters``: the given filters with what the question itself says added (a given filter
    wins); ``read``: the question's words read as filters (``"in May 2019"``); ``note``: the
    sentence an answer states them with; ``notes``: the remarks in it (how a word was read); ``where``: the Chroma filter
    (:func:`assistant.storage.timeplace.where_clause`); ``documents``: the ids of the
    indexed reports that match (empty: none matches).
    """

    filters: Filters
    read: tuple[str, ...] = ()
    note: str = ""
    notes: tuple[str, ...] = ()
    where: Mapping[str, Any] | None = field(default=None, compare=False)
    documents: frozenset[str] = frozenset()


MAX_QUESTION_CHARS = 4000
"""The longest question every interface accepts (characters): longer is a ``ValueError``
naming the length (:func:`check_question_length`, called by ``Assistant.parse`` and by the HTTP
request models before answering)."""


def check_question_length(question: str) -> str:
    """``question`` unchanged when, stripped, it has at most :data:`MAX_QUESTION_CHARS` characters.

    Raises:
        ValueError: longer, naming its length: ``the question is 4,001 characters long; the limit is 4,000``
            (the one wording of every interface).
    """
    length = len(question.strip())
    if length > MAX_QUESTION_CHARS:
        raise ValueError(f"the question is {length:,} characters long; the limit is {MAX_QUESTION_CHARS:,}")
    return question


def has_words(text: str) -> bool:
    """Whether ``text`` holds a word: a letter or digit of any script (``"?"``, ``"..."``, ``"-- !"``
    hold none)."""
    return any(ch.isalnum() for ch in text)


def check_question(question: str) -> str:
    """``question`` unchanged when it can be asked: not empty, with a word (:func:`has_words`), and not
    longer than :data:`MAX_QUESTION_CHARS` (:func:`check_question_length`).  The one check of every
    interface (``Assistant.parse``, the HTTP request models).

    Raises:
        ValueError: ``the question is empty``; ``the question has no words: '?'`` (punctuation or
            symbols only: nothing to search for, so never answered from whatever passage comes first);
            or too long, naming its length.
    """
    asked = question.strip()
    if not asked:
        raise ValueError("the question is empty")
    check_question_length(asked)
    if not has_words(asked):
        raise ValueError(f"the question has no words: {asked[:40]!r}; ask it in words")
    return question


@dataclass(frozen=True)
class Query:
    """A question parsed once, in :class:`~assistant.api.Assistant`, and passed to every stage.

    ``text``: the standalone question (a follow-up already condensed); ``asked``: what
    the user typed; ``filters``: the reports it is about; ``shape``: what it asks for (:func:`assistant.language.question.analyse`);
    ``count``: its reading as a count/sum/list across reports
    (:func:`assistant.counting.reading.read_count_query`: unit, condition, scope), ``None``
    when it is not one or counting is off; ``vector``: its embedding (set
    before retrieval, ``None`` until then); ``reading``: what the English pipeline reads in
    it (:class:`~assistant.language.answer_type.QuestionReading`: the expected answer type,
    head noun, focus words, identifiers and the spaCy parse itself as ``reading.doc``), the
    one parse of the question every stage uses; ``distinctive``: those of its proper names
    that are no common English word (WordNet: "Valhalla", "Loudoun", not "Brigade"), any of
    which is enough to state a name phrase of several words (a report writes "Valhalla" for
    "Assassin's Creed Valhalla"); empty: every word of a name must be stated.
    ``corrections``: the misspelt words of ``asked`` that ``text`` reads otherwise, as
    ``(written, read_as)`` pairs (:func:`assistant.language.spelling.correct_spelling`);
    ``document_property``: what it asks about a report itself (its author or date), ``None`` when
    it asks what reports state (:func:`assistant.language.document_questions.asked_property`).
    """

    text: str
    shape: QuestionShape
    asked: str = ""
    filters: Filters = field(default_factory=Filters)
    count: CountQuery | None = None
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)
    reading: QuestionReading | None = field(default=None, compare=False, repr=False)
    scope: Scope | None = None
    distinctive: frozenset[str] = frozenset()
    corrections: tuple[tuple[str, str], ...] = ()
    document_property: DocumentProperty | None = None

    @property
    def where(self) -> Mapping[str, Any] | None:
        """The Chroma filter retrieval applies (``None``: every report)."""
        return self.scope.where if self.scope is not None else None

    @classmethod
    def parse(cls, text: str, asked: str | None = None, filters: Filters | None = None, *,
              read: bool = True) -> Query:
        """``text`` parsed: its shape and (``read``) its reading by the English pipeline
        (about 30 ms); the caller adds the count reading and the vector."""
        return cls(text=text, shape=analyse(text), asked=text if asked is None else asked,
                   filters=filters or Filters(), reading=read_question(text) if read else None)

    @property
    def names(self) -> frozenset[str]:
        """The proper names the question mentions (lower case)."""
        return self.shape.names

    @property
    def years(self) -> frozenset[str]:
        """The four-digit years the question mentions."""
        return self.shape.years


@dataclass(frozen=True)
class Retrieval:
    """What retrieval hands the answerer, so it never calls back into retrieval or the store.

    ``passages``: the top ``k``, best first; ``pool``: the top ``widen_factor * k``
    (``passages`` is its head), where an answerer looks when no top-``k`` passage fits
    the question; ``documents``: the full stored text of every document in ``pool``, by
    id; ``term_shares``: for the capitalised words of the pool's passages (normalised
    with :func:`assistant.language.tokens.normalize`), the share (0..1) of indexed chunks
    that contain them, to tell a specific name from one the whole index repeats;
    ``annotations``: each pool document's sentences, tokens and entities (documents indexed
    before annotations existed are missing); every passage's ``chunk.annotations`` is its
    document's annotations within the chunk; ``report_dates``: each pool document's report date
    as read at ingest (:class:`~assistant.language.dates.ReportDate`; undated ones are missing),
    for a report whose text alone does not date it (a dateline without its year, dated by the
    collection).
    """

    passages: tuple[Passage, ...]
    pool: tuple[Passage, ...] = ()
    documents: Mapping[str, str] = field(default_factory=dict)
    term_shares: Mapping[str, float] = field(default_factory=dict)
    annotations: Mapping[str, Annotations] = field(default_factory=dict)
    report_dates: Mapping[str, ReportDate] = field(default_factory=dict)


@dataclass(frozen=True)
class AskRequest:
    """One question for :meth:`assistant.api.Assistant.as_runnable`: ``k`` passages (``None``:
    the setting), ``history`` the conversation so far (oldest first)."""

    question: str
    k: int | None = None
    history: tuple[Turn, ...] = ()
    filters: Filters | None = None

    @classmethod
    def of(cls, value: AskRequest | str | Mapping[str, Any]) -> AskRequest:
        """A request from a question string, a mapping ``{"question", "k"?, "history"?}``
        (history items are :class:`Turn` s or ``{"role", "content"}`` mappings) or a request.

        Raises:
            TypeError: another type; ValueError: a mapping without ``question``.
        """
        if isinstance(value, AskRequest):
            return value
        if isinstance(value, str):
            return cls(value)
        if isinstance(value, Mapping):
            if "question" not in value:
                raise ValueError("an ask request needs a 'question'")
            history: Sequence[Any] = value.get("history") or ()
            turns = tuple(t if isinstance(t, Turn) else Turn(t["role"], t["content"]) for t in history)
            return cls(str(value["question"]), value.get("k"), turns)
        raise TypeError(f"an ask request is a question string, a mapping or an AskRequest, not {type(value).__name__}")


@dataclass(frozen=True)
class Citation:
    """A numbered reference ``[n]`` from an answer to the passage that supports it.

    ``start``/``end`` are the cited chunk's offsets in its document; ``text`` is
    the chunk text; ``score`` is the passage's retrieval score; ``source`` is the
    document's file name, ``path`` its relative path (:attr:`Document.path`) and
    ``page`` the 1-based PDF page on which the passage starts (``None`` for other formats)
    and ``page_end`` the page it ends on when that is a later one (``None`` otherwise).
    """

    n: int
    document_id: str
    source: str
    chunk_id: str
    start: int
    end: int
    text: str
    score: float
    path: str = ""
    page: int | None = None
    page_end: int | None = None

    @classmethod
    def of_passage(cls, n: int, passage: Passage) -> Citation:
        """Citation ``[n]`` of a whole retrieved passage (its chunk's offsets and text, its score)."""
        chunk = passage.chunk
        return cls(
            n=n,
            document_id=chunk.document_id,
            source=chunk.source,
            chunk_id=chunk.id,
            start=chunk.start,
            end=chunk.end,
            text=chunk.text,
            score=passage.score,
            path=chunk.path or chunk.source,
            page=chunk.page,
            page_end=chunk.page_end,
        )


@dataclass(frozen=True)
class ShortAnswer:
    """The asked thing itself, as a span of a document: ``text == document text[start:end]``
    of ``document_id`` (the document of the citation the answer quotes)."""

    text: str
    document_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Answer:
    """The result of one question.

    ``has_answer`` is false when the reports do not answer the question; then
    ``citations`` is empty and ``text`` is the decline sentence.
    ``latency_ms`` is wall time from question to answer in milliseconds.
    ``grounding`` says how the text was made and checked: ``"extractive"`` (made
    without an LLM: quoted by the extractive answerer, or counted across the reports), ``"grounded"`` (generated; every marker and number checked,
    nothing removed), ``"repaired"`` (generated; a marker or sentence that failed the
    checks was removed), ``"fallback"`` (the generated text failed the checks: this is
    the extractive answer instead) or ``"declined"`` (the generator declined).
    ``count``: for a count, sum or list across reports, what was counted (N, M, the counted
    and "possibly" reports, the total, the values), else ``None``.
    ``short_answer``: the asked thing (a name, date, number, ...) as a document span, stated
    first in ``text``; ``None`` when declined or when the answer is a sentence without such a
    span (a yes/no question, a description the text does not delimit).  ``answer_type``: the
    expected answer type the question was read as (``AnswerType`` value), ``None`` when it was
    not read (a count across the reports).  ``corrections``: the question's misspelt words and
    how they were read (``(written, read_as)`` pairs, :attr:`Query.corrections`).
    """

    question: str
    text: str
    has_answer: bool
    citations: tuple[Citation, ...] = ()
    passages: tuple[Passage, ...] = ()
    latency_ms: float = 0.0
    grounding: str = "extractive"
    count: CountResult | None = None
    short_answer: ShortAnswer | None = None
    answer_type: str | None = None
    scope: Scope | None = None
    corrections: tuple[tuple[str, str], ...] = ()

    @property
    def notes(self) -> tuple[str, ...]:
        """The sentences stated before ``text``: how misspelt words were read, then the filters
        applied (each when there is one)."""
        notes = []
        if self.corrections:
            notes.append(spelling_note(self.corrections))
        if self.scope is not None and self.scope.note:
            notes.append(self.scope.note)
        return tuple(notes)

    @property
    def display_text(self) -> str:
        """``text`` after :attr:`notes` (when any): what the CLI and the web chat show."""
        return "\n\n".join([*self.notes, self.text])


def spelling_note(corrections: tuple[tuple[str, str], ...]) -> str:
    """The sentence telling how misspelt words were read: ``'Read "kiled" as "killed".'``."""
    return "Read " + ", ".join(f'"{written}" as "{read}"' for written, read in corrections) + "."


@dataclass(frozen=True)
class Turn:
    """One message of a conversation: ``role`` is ``"user"`` or ``"assistant"``."""

    role: str
    content: str

    def __post_init__(self) -> None:
        if self.role not in ("user", "assistant"):
            raise ValueError(f"a conversation turn's role must be 'user' or 'assistant', got {self.role!r}")


Message = tuple[str, str]
"""A chat message for a generator as ``(role, content)``, role ``"system"``, ``"user"`` or ``"assistant"``."""


@dataclass(frozen=True)
class DocumentInfo:
    """What the store knows about one indexed document (``size`` in characters).

    ``path``: its relative path (:attr:`Document.path`); ``pages``: its PDF page count (0
    for other formats); ``path_assumed``: the store did not record the path (a store made
    before format 2, see :mod:`assistant.storage.store`), so ``path`` is the file name,
    assumed until the file is ingested again.  ``added_at``: when this version was
    written (ISO 8601, UTC).  ``annotation_version``:
    :data:`assistant.language.nlp.ANNOTATION_VERSION` of its stored annotations, 0 when it
    has none; ``meta_version``: the version of its time-and-place values, 0 when it has none.
    """

    id: str
    source: str
    content_hash: str
    n_chunks: int
    size: int
    added_at: str
    path: str = ""
    pages: int = 0
    path_assumed: bool = False
    meta_version: int = 0
    annotation_version: int = 0


class IngestStatus(str, Enum):
    """What happened to one file during an ingest: ``added`` (a new path), ``replaced``
    (the text of an indexed path changed: the new version replaced the old one),
    ``unchanged`` (the same text again), ``rejected`` (not indexed; see the reason).

    ``UPDATED`` is the old name of ``REPLACED`` (same member, kept for code written
    against it)."""

    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"
    UPDATED = "replaced"  # noqa: PIE796 (an alias of REPLACED, on purpose)


@dataclass(frozen=True)
class IngestResult:
    """The outcome for one file.

    ``path``: the file as given to the ingest; ``document_path``: its relative path
    (:attr:`Document.path`); ``reason``: why it was rejected; ``previous_added_at``: when
    the version it replaced was added (``replaced`` only); ``previous_id``: the id the
    same text was indexed under before (a document of a store made before format 2,
    whose id was the bare file name, now moved to the id of its path); ``reindexed``: the
    text is unchanged but was indexed again (its stored annotations came from an older
    English pipeline, :data:`assistant.language.nlp.ANNOTATION_VERSION`).
    """

    path: str
    status: IngestStatus
    document_id: str | None = None
    n_chunks: int = 0
    reason: str | None = None
    document_path: str | None = None
    previous_added_at: str | None = None
    previous_id: str | None = None
    reindexed: bool = False


@dataclass(frozen=True)
class IngestReport:
    """The outcomes of one ingest call, in input order, with counts per status."""

    results: tuple[IngestResult, ...] = field(default_factory=tuple)

    def count(self, status: IngestStatus) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def rejected(self) -> tuple[IngestResult, ...]:
        return tuple(r for r in self.results if r.status is IngestStatus.REJECTED)

    def summary(self) -> str:
        return ", ".join(f"{s.value} {self.count(s)}" for s in IngestStatus)
