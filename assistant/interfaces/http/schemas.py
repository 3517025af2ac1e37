"""The request and response bodies of the HTTP API (pydantic models; they make the OpenAPI document).

The answer objects are the batch JSON contract of the CLI (``ask --json``, ``ask --questions``):
routes build them with :func:`assistant.interfaces.serialize.answer_record` and these
models describe them; ``tests/interfaces/http/test_schemas.py`` checks that the two keep
the same fields.  Response models allow fields they do not list, so a field added to the
contract reaches clients before it is described here.  Request models forbid unknown
fields: a misspelt field is a 422 naming it, never silently ignored.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ...incidents.records import EVENT_TYPES, IncidentFilter
from ...types import MAX_QUESTION_CHARS, DocumentInfo, Filters, IngestStatus, Turn, check_question

MAX_TURNS = 50
MAX_TURN_CHARS = 20_000

EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
IngestStatusValue = Literal[tuple(s.value for s in IngestStatus)]  # type: ignore[valid-type]


def _iso_day(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` text is a day (pydantic alone would also take a number as a Unix time)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("a day is written YYYY-MM-DD, like 2010-05-31")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]
"""A calendar day, given as ``YYYY-MM-DD``."""

Question = Annotated[str, Field(min_length=1, json_schema_extra={"maxLength": MAX_QUESTION_CHARS}),
                     AfterValidator(check_question)]
"""A question: an empty one, one without words ("?") and a longer one (naming its length) are refused
in the words of every interface (:func:`~assistant.types.check_question`); the OpenAPI document states
the limit."""


class Request(BaseModel):
    """A request body: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")


class Response(BaseModel):
    """A response body: fields not listed here pass through."""

    model_config = ConfigDict(extra="allow")


# ----- errors --------------------------------------------------------------------------------------


class ErrorDetail(Response):
    """What went wrong."""

    code: str = Field(description="A word for programs: not_found, invalid_request, unauthorized, too_large, ...")
    message: str = Field(description="What went wrong, for people.")


class ErrorBody(Response):
    """Every error answer: ``{"error": {"code", "message"}}``."""

    error: ErrorDetail


# ----- questions -----------------------------------------------------------------------------------


class FiltersIn(Request):
    """Which reports the answer may come from (the ``filters`` of a question line: ``from``, ``to``,
    ``place``, ``source``); an absent field sets no condition."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    date_from: Day | None = Field(default=None, alias="from",
                                  description="The report is dated (or states an event) on or after this day (YYYY-MM-DD).")
    date_to: Day | None = Field(default=None, alias="to",
                                description="The report is dated (or states an event) on or before this day (YYYY-MM-DD).")
    place: str | None = Field(default=None, min_length=1, max_length=200, description="The report names this place.")
    source: str | None = Field(default=None, min_length=1, max_length=200,
                               description="The report's publisher or folder.")

    @model_validator(mode="after")
    def _ordered(self) -> FiltersIn:
        if self.date_from is not None and self.date_to is not None and self.date_from > self.date_to:
            raise ValueError(f"'from' ({self.date_from}) is after 'to' ({self.date_to})")
        return self

    def filters(self) -> Filters:
        """As the assistant's :class:`~assistant.types.Filters`."""
        return Filters(date_from=self.date_from, date_to=self.date_to, place=self.place, source=self.source)


class TurnIn(Request):
    """One earlier message of the conversation."""

    role: Literal["user", "assistant"]
    content: str = Field(max_length=MAX_TURN_CHARS)

    def turn(self) -> Turn:
        """As the assistant's :class:`~assistant.types.Turn`."""
        return Turn(self.role, self.content)


class AskIn(Request):
    """One question; ``history`` (oldest first) makes it a follow-up, condensed as in the chat."""

    question: Question = Field(description="The question.", examples=["How many airstrikes were reported?"])
    id: str | None = Field(default=None, max_length=200, description="Your id for the question, echoed in the answer.")
    k: int | None = Field(default=None, ge=1, le=50, description="Passages retrieved (default: ASSISTANT_TOP_K).")
    history: list[TurnIn] = Field(default_factory=list, max_length=MAX_TURNS,
                                  description="The conversation so far, oldest first.")
    filters: FiltersIn | None = None


class CitationOut(Response):
    """Citation ``[n]`` of the answer: the passage ``text`` at ``start``..``end`` (characters) of the
    stored text of ``document_id``."""

    n: int
    document_id: str
    source: str = Field(description="The document's file name.")
    path: str | None = Field(default=None, description="The document's path relative to the folder it was "
                             "ingested from, where the contract gives it.")
    page: int | None = Field(default=None, description="The 1-based PDF page the passage starts on, where the "
                             "contract gives it (null: not a PDF).")
    chunk_id: str
    start: int
    end: int
    text: str
    score: float


class RetrievedOut(Response):
    """A passage retrieval found, best first."""

    document_id: str
    source: str
    path: str | None = Field(default=None, description="As in the citations.")
    page: int | None = Field(default=None, description="As in the citations.")
    chunk_id: str
    score: float


class ScopeOut(Response):
    """The filters an answer was made under: the given ones and what the question itself said."""

    date_from: str | None = Field(alias="from", description="Day (YYYY-MM-DD) or null.")
    date_to: str | None = Field(alias="to", description="Day (YYYY-MM-DD) or null.")
    place: str | None
    source: str | None
    read_from_question: list[str] = Field(description="The question's words read as filters.")
    note: str = Field(description="The sentence the answer states them with.")
    matching_reports: int = Field(description="Indexed reports the filters select.")


class ShortAnswerOut(Response):
    """The asked thing itself (a name, date, number, ...): ``text`` is the stored text of the
    document ``document`` (its id) from ``start`` to ``end``, inside the cited passage."""

    text: str
    document: str = Field(description="The id of the document the offsets index into.")
    start: int
    end: int


class CorrectionOut(Response):
    """A misspelt word of the question (``written``) and the word of the reports it was read as."""

    written: str
    read_as: str


class AnswerOut(Response):
    """The answer object of the batch JSON contract (``assistant ask --json``)."""

    id: str | None = Field(default=None, description="The request's id, when it gave one.")
    question: str = Field(description="The question answered (a follow-up: the condensed question).")
    answer: str = Field(description="The answer with its [n] markers, or the decline sentence.")
    has_answer: bool = Field(description="False when the reports do not answer the question.")
    citations: list[CitationOut]
    retrieved: list[RetrievedOut]
    latency_ms: float
    grounding: str = Field(description="extractive, grounded, repaired, fallback or declined (README).")
    short_answer: ShortAnswerOut | None = Field(
        default=None, description="The short answer stated first in the answer; null when declined or when the answer "
        "is a sentence without such a span.")
    answer_type: str | None = Field(
        default=None, description="The expected answer type the question was read as (person, organisation, place, "
        "date, count, quantity, money, percent, description, yes_no); null for an answer from the incident records.")
    filters: ScopeOut | None = Field(default=None, description="The filters applied, when there were any.")
    corrections: list[CorrectionOut] = Field(
        default_factory=list, description="The question's misspelt words and the indexed words they were read as.")


# ----- documents -----------------------------------------------------------------------------------


class DocumentOut(Response):
    """An indexed document (``size`` in characters, ``added_at`` ISO 8601 UTC)."""

    id: str
    source: str
    content_hash: str
    chunks: int
    size: int
    added_at: str
    path: str = Field(description="Its path relative to the folder it was ingested from (the file name for a file "
                      "ingested directly or uploaded).")
    pages: int = Field(description="Its PDF page count (0 for other formats).")
    path_assumed: bool = Field(description="The store did not record the path (a store of an older format): the "
                               "file name is assumed until the file is ingested again.")

    INTERNAL: ClassVar[frozenset[str]] = frozenset({"annotation_version", "meta_version"})
    """Fields of :class:`~assistant.types.DocumentInfo` that are the store's bookkeeping, not shown."""

    @classmethod
    def of(cls, info: DocumentInfo) -> dict:
        """The JSON of a :class:`~assistant.types.DocumentInfo`: ``n_chunks`` as ``chunks``, any
        other field under its own name, :attr:`INTERNAL` ones left out."""
        data = {k: v for k, v in vars(info).items() if k != "n_chunks" and k not in cls.INTERNAL}
        return {**data, "chunks": info.n_chunks}


class DocumentList(Response):
    """The indexed documents, sorted by id."""

    documents: list[DocumentOut]


class DocumentTextOut(DocumentOut):
    """An indexed document with its stored text (citation offsets index into it)."""

    text: str


class IngestResultOut(Response):
    """What happened to one uploaded file."""

    file: str = Field(description="The file name as uploaded.")
    status: IngestStatusValue
    document_id: str | None
    chunks: int
    reason: str | None = Field(description="Why it was rejected.")
    document_path: str | None = Field(description="The document's path (an upload's is its file name).")
    previous_added_at: str | None = Field(description="When the version it replaced was added (replaced only).")
    previous_id: str | None = Field(description="The id the same text was indexed under before (a store of an older "
                                    "format, whose ids were bare file names).")
    reindexed: bool = Field(description="The text is unchanged but was indexed again (newer annotations).")


class UploadOut(Response):
    """The result of an upload, one entry per file in the order sent, and the counts per status."""

    results: list[IngestResultOut]
    summary: dict[str, int] = Field(description="Files per status (added, replaced, unchanged, rejected).")


class RemovedOut(Response):
    """A document removed."""

    id: str = Field(description="The id of the document removed (whether it was named by id, path or file name).")
    path: str | None = Field(default=None, description="Its path relative to the folder it was ingested from.")
    source: str | None = Field(default=None, description="Its file name.")
    chunks: int = Field(description="Chunks removed with it.")


# ----- incidents -----------------------------------------------------------------------------------


class IncidentsQuery(Request):
    """The filters of ``assistant incidents`` (query parameters)."""

    date_from: Day | None = Field(default=None, alias="from", description="Incident date on or after (YYYY-MM-DD).")
    date_to: Day | None = Field(default=None, alias="to", description="Incident date on or before (YYYY-MM-DD).")
    province: str | None = Field(default=None, max_length=200, description="Province, any spelling (Paktia = Paktiya).")
    event_type: EventType | None = Field(default=None, description="Event type.")
    group: str | None = Field(default=None, max_length=200, description="Target group key (taliban, haqqani, ...).")
    all: bool = Field(default=False, description="Also documents in which no incident was recognised.")
    place: str | None = Field(default=None, min_length=1, max_length=200, description="Reports naming this place.")
    source: str | None = Field(default=None, min_length=1, max_length=200,
                               description="Reports of this publisher or folder.")

    @model_validator(mode="after")
    def _ordered(self) -> IncidentsQuery:
        if self.date_from is not None and self.date_to is not None and self.date_from > self.date_to:
            raise ValueError(f"from ({self.date_from}) is after to ({self.date_to})")
        return self

    def incident_filter(self) -> IncidentFilter:
        """As the records' :class:`~assistant.incidents.records.IncidentFilter` (days as ISO text)."""
        return IncidentFilter(
            date_from=self.date_from.isoformat() if self.date_from else None,
            date_to=self.date_to.isoformat() if self.date_to else None,
            province=self.province or None, event_type=self.event_type, target_group=self.group or None,
            incidents_only=not self.all,
        )

    def report_filters(self) -> Filters | None:
        """The place and source conditions on the reports (``None``: none)."""
        return Filters(place=self.place, source=self.source) if self.place or self.source else None


class TimelineQuery(Request):
    """The filters of ``assistant timeline`` (query parameters)."""

    date_from: Day | None = Field(default=None, alias="from",
                                  description="Reports dated (or stating an event) on or after (YYYY-MM-DD).")
    date_to: Day | None = Field(default=None, alias="to",
                                description="Reports dated (or stating an event) on or before (YYYY-MM-DD).")
    place: str | None = Field(default=None, min_length=1, max_length=200, description="Reports naming this place.")
    source: str | None = Field(default=None, min_length=1, max_length=200,
                               description="Reports of this publisher or folder.")

    @model_validator(mode="after")
    def _ordered(self) -> TimelineQuery:
        if self.date_from is not None and self.date_to is not None and self.date_from > self.date_to:
            raise ValueError(f"from ({self.date_from}) is after to ({self.date_to})")
        return self

    def filters(self) -> Filters | None:
        """As the assistant's :class:`~assistant.types.Filters` (``None``: no condition)."""
        found = Filters(date_from=self.date_from, date_to=self.date_to, place=self.place, source=self.source)
        return None if found.empty else found


class TimelineRowOut(Response):
    """One dated event (a row of ``assistant timeline --format json``): the quoted ``summary`` is
    ``start``..``end`` of the stored text of the document ``report``."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    date: str
    place: str
    summary: str
    kind: str
    report: str = Field(description="The document id.")
    file: str
    source: str = Field(description="The report's publisher.")
    report_date: str = Field(alias="report date", description="The report's own date (YYYY-MM-DD) or empty.")
    cited_characters: str = Field(alias="cited characters", description="START-END")
    start: int
    end: int


class TimelineOut(Response):
    """The timeline: its rows, newest first, and the documents that are not dated (ids)."""

    rows: list[TimelineRowOut]
    undated: list[str]


class EvidenceOut(Response):
    """The span a value was read from: ``text`` at ``start``..``end`` of the document's stored text."""

    field: str
    value: str
    start: int
    end: int
    text: str


class IncidentOut(Response):
    """One incident record (``assistant incidents --format json``): counts are minimums stated in
    the text, ``null`` when no number is given; every value's span is in ``evidence``."""

    document_id: str
    source: str
    content_hash: str
    date: str | None
    province: str | None
    district: str | None
    event_types: list[str]
    killed: int | None
    killed_phrase: str | None
    captured: int | None
    captured_phrase: str | None
    target_groups: list[str]
    leaders_killed: int
    leaders_captured: int
    names_killed: list[str]
    aliases: list[list[str]]
    evidence: list[EvidenceOut]


class IncidentList(Response):
    """The matching incident records, by incident date then id."""

    incidents: list[IncidentOut]


# ----- health --------------------------------------------------------------------------------------


class HealthOut(Response):
    """Whether the store answers, how much it holds, and which models answer."""

    status: Literal["ok", "unavailable"]
    store: str = Field(description="The store folder or Chroma server URL.")
    store_reachable: bool
    documents: int | None
    chunks: int | None
    embedder: str = Field(description="The embedding model.")
    generator: str = Field(description="Who writes answers: extractive, llama-cpp or openai.")
    access_control: bool = Field(description="API keys are required.")
    message: str | None = Field(default=None, description="Why the store is not reachable.")
