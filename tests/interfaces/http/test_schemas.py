"""The API's response schemas keep the fields of the shared JSON contract and of the typed
records they describe: a field added to ``answer_record`` or to a record fails here until the
schema (the OpenAPI document) describes it."""

from __future__ import annotations

import dataclasses
from datetime import date

from pydantic import BaseModel

from assistant.answering.timeline import Timeline, TimelineRow, rows_table
from assistant.incidents.export import record_json
from assistant.incidents.records import Evidence, IncidentRecord
from assistant.interfaces.http.routes import StagedFile, upload_row
from assistant.interfaces.http.schemas import (
    AnswerOut,
    CitationOut,
    DocumentOut,
    EvidenceOut,
    FiltersIn,
    IncidentOut,
    IngestResultOut,
    RetrievedOut,
    ScopeOut,
    TimelineRowOut,
)
from assistant.interfaces.serialize import answer_record
from assistant.types import (
    Answer,
    Chunk,
    Citation,
    DocumentInfo,
    Filters,
    IngestResult,
    IngestStatus,
    Passage,
    Scope,
)


def fields(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


def keys(model: type[BaseModel], *, required: bool = False) -> set[str]:
    """The JSON keys of the model's fields (their aliases where they have one)."""
    return {field.alias or name for name, field in model.model_fields.items() if field.is_required() or not required}


def described(record: dict, model: type[BaseModel]) -> bool:
    """Every key of ``record`` is a field of the schema, and every field the schema requires is in ``record``."""
    return set(record) <= keys(model) and keys(model, required=True) <= set(record)


def answer() -> Answer:
    chunk = Chunk("report:abc:00000", "report", "report.txt", 0, 10, 40, "The patrol counted 12 trucks.")
    citation = Citation(1, "report", "report.txt", chunk.id, 10, 40, chunk.text, 0.61234)
    return Answer("How many trucks?", "The patrol counted 12 trucks. [1]", True, (citation,), (Passage(chunk, 0.61234, 1),),
                  12.34, "extractive")


def test_the_answer_schema_has_the_fields_of_answer_record() -> None:
    record = answer_record(answer(), "q7")
    assert described(record, AnswerOut) and "id" in record
    assert described(record["citations"][0], CitationOut) and described(record["retrieved"][0], RetrievedOut)
    assert AnswerOut.model_validate(record).model_dump(exclude_unset=True) == record


def test_the_filters_of_an_answer_are_described() -> None:
    scope = Scope(Filters(date_from=date(2010, 1, 1), place="Kunduz"), ("in 2010",), "Filters: ...", None,
                  frozenset({"report"}))
    record = answer_record(dataclasses.replace(answer(), scope=scope), "q8")
    assert described(record, AnswerOut) and described(record["filters"], ScopeOut)
    assert AnswerOut.model_validate(record).model_dump(by_alias=True, exclude_unset=True) == record


def test_the_timeline_row_schema_has_every_column_of_rows_table() -> None:
    citation = Citation(1, "report", "report.txt", "report:abc:00000", 10, 40, "x", 1.0)
    row = TimelineRow(date(2010, 5, 10), "report", "report.txt", "ISAF", "Kandahar", "A patrol ...", "detention",
                      citation, date(2010, 5, 11))
    table = rows_table(Timeline((row,)))
    assert described(table[0], TimelineRowOut)
    assert TimelineRowOut.model_validate(table[0]).model_dump(by_alias=True) == table[0]


def test_the_document_schema_has_every_field_of_document_info() -> None:
    info = DocumentInfo("report", "report.txt", "abc", 3, 1200, "2026-12-01T10:00:00+00:00")
    data = DocumentOut.of(info)
    assert set(data) == fields(DocumentOut) and data["chunks"] == 3
    described = fields(DocumentOut) - {"chunks"} | {"n_chunks"} | DocumentOut.INTERNAL
    assert described == {f.name for f in dataclasses.fields(DocumentInfo)}


def test_the_upload_result_schema_has_every_field_of_ingest_result() -> None:
    result = IngestResult("/tmp/up/report.txt", IngestStatus.REJECTED, "report", 0, "/tmp/up/report.txt: empty")
    row = upload_row(result, StagedFile(0, "report.txt"), "/tmp/up")
    row.pop("_index")
    assert set(row) == fields(IngestResultOut) and row["reason"] == "report.txt: empty"
    assert len(fields(IngestResultOut)) == len(dataclasses.fields(IngestResult))
    statuses = set(IngestResultOut.model_json_schema()["properties"]["status"]["enum"])
    assert statuses == {s.value for s in IngestStatus}


def test_the_incident_schema_has_every_field_of_the_records_json() -> None:
    record = IncidentRecord("report", "report.txt", "abc", "2010-05-10", "Kunduz", event_types=("airstrike",),
                            aliases=(("A", "B"),), evidence=(Evidence("province", "Kunduz", 3, 9, "Kunduz"),))
    data = record_json(record)
    assert set(data) == fields(IncidentOut) and set(data["evidence"][0]) == fields(EvidenceOut)
    IncidentOut.model_validate(data)


def test_the_filters_schema_has_every_field_of_filters() -> None:
    assert fields(FiltersIn) == {f.name for f in dataclasses.fields(Filters)}
    assert FiltersIn(date_from="2010-05-01", place="Kunduz").filters() == Filters(date_from=date(2010, 5, 1),
                                                                                  place="Kunduz")
