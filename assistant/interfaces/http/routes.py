"""The ``/v1`` routes: questions, documents, incident records, health.

Every route calls :class:`~assistant.interfaces.shared.SharedAssistant` (the assistant's
methods behind its locks), never the store.  Routes are plain functions, so FastAPI runs
each request in its thread pool; a question waits only for other questions (the
assistant's lock), never for an upload being indexed (the writer's lock).
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, StreamingResponse

from ...answering.timeline import rows_table
from ...config import Settings
from ...ingest.metadata import UPLOAD_STAGING_PREFIX
from ...errors import AssistantError, DocumentNotFound
from ...incidents.export import record_json
from ...types import IngestResult, IngestStatus
from ..serialize import answer_record
from ..shared import SharedAssistant
from .auth import KeyRing, requires
from .errors import ApiError, error_body, from_assistant_error
from .schemas import (
    AnswerOut,
    AskIn,
    DocumentList,
    DocumentOut,
    DocumentTextOut,
    ErrorBody,
    HealthOut,
    IncidentList,
    IncidentsQuery,
    RemovedOut,
    TimelineOut,
    TimelineQuery,
    UploadOut,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ApiContext:
    """What the routes share: the assistant behind its locks, the settings, the keys."""

    shared: SharedAssistant
    settings: Settings
    keys: KeyRing


def errors(*statuses: int) -> dict:
    """The OpenAPI ``responses`` entry of these error statuses (all of shape :class:`ErrorBody`)."""
    return {status: {"model": ErrorBody} for status in statuses}


def json_errors(*statuses: int) -> dict:
    """:func:`errors` for a route whose own answer is not JSON (FastAPI would document the
    errors under the route's media type): the JSON schema by reference (registered by the
    JSON routes' :func:`errors`)."""
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    return {status: {"content": content} for status in statuses}


DocumentId = Annotated[str, PathParam(min_length=1, max_length=1000,
                                      description="A document id, its path (north/weekly_report.txt) or its "
                                                  "file name when only one document has it; the reply gives the id.")]


def find_document(assistant, name: str):
    """The :class:`~assistant.types.DocumentInfo` that ``name`` names (id, path or file name, as
    ``assistant docs remove``: :meth:`Assistant.find_document`).

    Raises:
        ApiError: 404 ``document_not_found`` (no server path in the message); 422 a file name of
            several documents (listing their ids).
    """
    try:
        return assistant.find_document(name)
    except DocumentNotFound as exc:
        raise ApiError(404, f"no document {name!r} is indexed (give its id, path or file name)",
                       "document_not_found") from exc
    except AssistantError as exc:
        raise from_assistant_error(exc) from exc

STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
"""Headers of event streams: no caching, no buffering by an nginx in front."""

AUTH = (401, 403)
"""The statuses every route can answer when keys are configured."""

BODY = (400, 413, 422)
"""The statuses of a route that reads a body: not parseable, too large, not valid."""


def event_stream(description: str, events: list[str]) -> dict:
    """The OpenAPI ``responses`` entry of a 200 that is a stream of server-sent events named ``events``
    (each event's ``data`` is one line of JSON)."""
    schema = {"type": "object", "required": ["data"], "properties": {
        "event": {"type": "string", "enum": events}, "data": {"type": "string", "description": "JSON"}}}
    return {200: {"description": description, "content": {"text/event-stream": {"schema": schema}}}}


class EventStream(StreamingResponse):
    """A stream of server-sent events (``text/event-stream``), built by the route itself (not
    FastAPI's generator routes: they cannot answer bad input with its status first)."""

    media_type = "text/event-stream"


def sse(event: str, data: dict) -> bytes:
    """One server-sent event: ``event: NAME`` and its JSON ``data`` line."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def api_router(context: ApiContext) -> APIRouter:
    """The ``/v1`` routes of questions, documents, incident records and health."""
    shared, settings = context.shared, context.settings
    reader = [Depends(requires(context.keys, "read"))]
    admin = [Depends(requires(context.keys, "admin"))]
    router = APIRouter(prefix="/v1")

    # ----- questions ---------------------------------------------------------------------------

    @router.post("/ask", response_model=AnswerOut, response_model_exclude_unset=True, tags=["questions"],
                 dependencies=reader,
                 responses=errors(*AUTH, *BODY, 409), summary="Answer a question with citations")
    def ask(request: AskIn) -> dict:
        """The answer object of ``assistant ask --json``. An empty index is 409 (``empty_index``)."""
        try:
            answer = shared.ask(request.question, request.k, [t.turn() for t in request.history],
                                request.filters.filters() if request.filters else None)
        except (AssistantError, ValueError) as exc:
            raise from_assistant_error(exc) from exc
        return answer_record(answer, request.id)

    @router.post("/ask/stream", response_class=EventStream, tags=["questions"], dependencies=reader,
                 responses={**json_errors(*AUTH, *BODY, 409),
                            **event_stream("progress, text, then done (or error)", ["progress", "text", "done", "error"])},
                 summary="Answer a question step by step (server-sent events)")
    def ask_stream(request: AskIn) -> EventStream:
        """Server-sent events: ``progress`` (``{"stage": "retrieved", "passages": N}``), ``text`` (``{"text"}``: an LLM's words so far, before the checks; none
        from the extractive answerer), then ``done`` (the answer object of ``POST /v1/ask``), or
        ``error`` (``{"error": {"code", "message"}}``) when answering fails midway.  Bad
        input and an empty index are answered with their status before the stream starts."""
        updates = shared.stream(request.question, request.k, [t.turn() for t in request.history],
                                request.filters.filters() if request.filters else None)
        try:
            first = next(updates)
        except (AssistantError, ValueError) as exc:
            raise from_assistant_error(exc) from exc

        def events() -> Iterator[bytes]:
            update = first
            try:
                while True:
                    if update.stage == "retrieved":
                        yield sse("progress", {"stage": "retrieved", "passages": len(update.passages)})
                    elif update.stage == "text":
                        yield sse("text", {"text": update.text})
                    elif update.answer is not None:
                        yield sse("done", answer_record(update.answer, request.id))
                        return
                    update = next(updates)
            except StopIteration:
                return
            except Exception as exc:  # the status is sent already: the error becomes the last event
                error = from_assistant_error(exc) if isinstance(exc, (AssistantError, ValueError)) else None
                if error is None:
                    logger.exception("streaming an answer to %r failed", request.question)
                    error = ApiError(500, "the server failed to answer; the details are in its log")
                yield sse("error", error_body(error.code, error.message))

        return EventStream(events(), headers=STREAM_HEADERS)

    # ----- documents ---------------------------------------------------------------------------

    @router.get("/documents", response_model=DocumentList, tags=["documents"], dependencies=reader,
                responses=errors(*AUTH), summary="List the indexed documents")
    def documents() -> dict:
        """The indexed documents, sorted by id."""
        return {"documents": [DocumentOut.of(d) for d in shared.assistant.documents()]}

    @router.get("/documents/{document_id:path}", response_model=DocumentTextOut, tags=["documents"],
                dependencies=reader, responses=errors(*AUTH, 404), summary="One document with its text")
    def document(document_id: DocumentId) -> dict:
        """A document's metadata and stored text (citation offsets index into it); 404 when it
        is not indexed."""
        info = find_document(shared.assistant, document_id)
        try:
            text = shared.assistant.document_text(info.id)
        except AssistantError as exc:  # removed meanwhile
            raise from_assistant_error(exc) from exc
        return {**DocumentOut.of(info), "text": text}

    @router.post("/documents", response_model=UploadOut, tags=["documents"], dependencies=admin,
                 responses=errors(*AUTH, *BODY), summary="Upload files (admin)")
    def upload(files: Annotated[list[UploadFile], File(description="One or more report files.")]) -> dict:
        """Index uploaded files (formats of the README): one result per file, in the order sent
        (``added``, ``updated``, ``unchanged`` or ``rejected`` with the reason; a rejected file
        never stops the others).  A file's name without its extension is its document id, unless one
        indexed document has that file name (at any path): the file then replaces it (several: rejected).
        Questions are answered while an upload is indexed; uploads run one at a time."""
        with tempfile.TemporaryDirectory(prefix=UPLOAD_STAGING_PREFIX) as tmp:
            staged = stage(files, Path(tmp))
            rows: list[dict] = [upload_row(IngestResult(f.sent, IngestStatus.REJECTED, reason=f.refused), f, tmp)
                                for f in staged if f.path is None]
            waiting = {str(f.path): f for f in staged if f.path is not None}
            if waiting:
                report = shared.ingest([Path(p) for p in waiting], by_name=True)
                rows += [upload_row(result, waiting[result.path], tmp) for result in report.results]
        rows.sort(key=lambda row: row.pop("_index"))
        summary = {s.value: sum(1 for row in rows if row["status"] == s.value) for s in IngestStatus}
        logger.info("upload of %d files: %s", len(rows), summary)
        return {"results": rows, "summary": summary}

    @router.delete("/documents/{document_id:path}", response_model=RemovedOut, tags=["documents"],
                   dependencies=admin, responses=errors(*AUTH, 404), summary="Remove a document (admin)")
    def remove(document_id: DocumentId) -> dict:
        """Remove a document and its chunks, named by its id, its path or its file name (as
        ``assistant docs remove``); the reply gives the id of the document removed; 404 when there is
        no such document (also for a second remove), 422 for a file name of several documents."""
        try:
            info, removed = shared.remove(document_id)
        except DocumentNotFound as exc:
            raise ApiError(404, f"no document {document_id!r} is indexed (give its id, path or file name)",
                           "document_not_found") from exc
        except AssistantError as exc:
            raise from_assistant_error(exc) from exc
        return {"id": info.id, "path": info.path, "source": info.source, "chunks": removed}

    # ----- incidents, health -------------------------------------------------------------------

    @router.get("/incidents", response_model=IncidentList, tags=["incidents"], dependencies=reader,
                responses=errors(*AUTH, 422), summary="Incident records, with the filters of the CLI")
    def incidents(query: Annotated[IncidentsQuery, Query()]) -> dict:
        """The incident records matching the filters (``assistant incidents --format json``), by
        incident date then id."""
        with shared.lock:  # the place and source filters read the reader's catalog
            records = shared.assistant.incident_records(query.incident_filter(), query.report_filters())
        return {"incidents": [record_json(r) for r in records]}

    @router.get("/timeline", response_model=TimelineOut, tags=["incidents"], dependencies=reader,
                responses=errors(*AUTH, 422), summary="The dated events of the reports, newest first, each cited")
    def timeline(query: Annotated[TimelineQuery, Query()]) -> dict:
        """``assistant timeline --format json``: one row per dated event of the reports the filters
        select, newest first, each quoted with its span, and the ids of the undated documents."""
        with shared.lock:
            found = shared.assistant.timeline(query.filters())
        return {"rows": rows_table(found), "undated": list(found.undated)}

    @router.get("/health", response_model=HealthOut, tags=["health"], dependencies=reader,
                responses={**errors(*AUTH), 503: {"model": HealthOut, "description": "The store cannot be reached."}},
                summary="Whether the store answers, and what is loaded")
    def health() -> dict | JSONResponse:
        """``ok`` with the counts of documents and chunks, or 503 ``unavailable`` when the
        store does not answer."""
        assistant = shared.assistant
        body = {"store": assistant.location, "embedder": str(getattr(assistant.embedder, "name", "unknown")),
                "generator": settings.generator.backend, "access_control": context.keys.enabled}
        try:
            body.update(status="ok", store_reachable=True, documents=assistant.count_documents(),
                        chunks=assistant.count_chunks())
        except Exception as exc:
            logger.warning("health: the store does not answer: %s", exc)
            body.update(status="unavailable", store_reachable=False, documents=None, chunks=None, message=str(exc))
            return JSONResponse(body, status_code=503)
        return body

    return router


@dataclass(frozen=True)
class StagedFile:
    """One uploaded file: its place in the request, its name as sent, and where it was written
    (``None`` when it was refused, with the reason in ``refused``)."""

    index: int
    sent: str
    path: Path | None = None
    refused: str | None = None


def stage(files: list[UploadFile], folder: Path) -> list[StagedFile]:
    """Write the uploads into ``folder`` under their own file names (the name's last part:
    a client's folders are dropped).  A second file of one name, and a file without a usable
    name, are refused with the reason."""
    staged: list[StagedFile] = []
    for index, upload in enumerate(files):
        sent = upload.filename or ""
        name = PurePosixPath(sent.replace("\\", "/")).name
        if name in ("", ".", "..") or "\x00" in name:
            staged.append(StagedFile(index, sent, refused=f"{sent!r}: the upload has no usable file name"))
            continue
        target = folder / name
        if target.exists():  # an upload knows file names only: two of one name cannot both be kept
            staged.append(StagedFile(index, sent, refused=(
                f"{name}: another file of this upload has the same name; an upload keeps file names only, so "
                f"rename one and upload it again (or add their folders with `assistant ingest FOLDER`)")))
            continue
        with target.open("wb") as out:
            shutil.copyfileobj(upload.file, out)
        staged.append(StagedFile(index, sent, target))
    return staged


def upload_row(result: IngestResult, staged: StagedFile, staging: str) -> dict:
    """The JSON of one file's result: ``file`` as sent, the staging folder left out of the
    reason, any field the ingest result adds under its own name; ``_index`` (the file's
    place in the request) is for sorting and is removed before the answer."""
    reason = result.reason.replace(f"{staging}/", "") if result.reason else None
    extra = {k: v for k, v in vars(result).items() if k not in ("path", "status", "document_id", "n_chunks", "reason")}
    return {**extra, "file": staged.sent, "status": result.status.value, "document_id": result.document_id,
            "chunks": result.n_chunks, "reason": reason, "_index": staged.index}
