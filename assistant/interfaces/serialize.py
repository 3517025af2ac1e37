"""The JSON shapes of answers: the contract of ``assistant ask --json`` and ``--questions``."""

from __future__ import annotations

from ..types import Answer, Scope


def answer_record(answer: Answer, question_id: str | None = None, *, with_note: bool = True) -> dict:
    """``{"id", "question", "answer", "has_answer", "citations": [{"n", "document_id", "source", "path",
    "page", "chunk_id", "start", "end", "text", "score"}], "retrieved": [{"document_id", "source", "path",
    "page", "chunk_id", "score"}], "latency_ms", "grounding", "short_answer": {"text", "document",
    "start", "end"} | null, "answer_type", "filters"?}``.

    ``id`` is ``question_id`` (``null`` for a question asked without one); ``source`` is the
    document's file name, ``document_id`` the document that ``start``/``end`` index into,
    ``path`` its path relative to the folder it was ingested from
    (the file name for a file ingested directly), ``page`` the 1-based PDF page the passage
    starts on (``null`` for other formats); ``start``/``end`` index into the stored
    document text; ``grounding``, ``short_answer`` (the asked thing as a span of the stored
    text of the document whose id is ``short_answer.document``) and ``answer_type`` (the expected
    answer type the question was read as), ``corrections`` (the question's misspelt words and how
    they were read, ``{"written", "read_as"}`` each): see :class:`~assistant.types.Answer`; ``filters``:
    :func:`scope_record`, when filters were applied.  ``answer`` is what the CLI and the chat
    show (:attr:`~assistant.types.Answer.display_text`): the sentences stating how misspelt words
    were read and the filters the question was answered under first, when there were any
    (``filters.note``); ``with_note``
    false: the answer's text only (the evaluation's records).
    """
    record = {
        "id": question_id,
        "question": answer.question,
        "answer": answer.display_text if with_note else answer.text,
        "has_answer": answer.has_answer,
        "citations": [
            {
                "n": c.n,
                "document_id": c.document_id,
                "source": c.source,
                "path": c.path or c.source,
                "page": c.page,
                "chunk_id": c.chunk_id,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "score": round(c.score, 4),
            }
            for c in answer.citations
        ],
        "retrieved": [
            {"document_id": p.chunk.document_id, "source": p.chunk.source, "path": p.chunk.path or p.chunk.source,
             "page": p.chunk.page, "chunk_id": p.chunk.id, "score": round(p.score, 4)}
            for p in answer.passages
        ],
        "latency_ms": round(answer.latency_ms, 1),
        "grounding": answer.grounding,
        "short_answer": None if answer.short_answer is None else {
            "text": answer.short_answer.text,
            "document": answer.short_answer.document_id,
            "start": answer.short_answer.start,
            "end": answer.short_answer.end,
        },
        "answer_type": answer.answer_type,
        "corrections": [{"written": written, "read_as": read} for written, read in answer.corrections],
    }
    if answer.scope is not None:
        record["filters"] = scope_record(answer.scope)
    return record


def error_record(question_id: object, error: str, line: int | None = None) -> dict:
    """The record a batch writes for a line it could not answer: ``{"id", "error", "line"}``
    (``id`` as the line gave it, ``null`` when it gave none; ``line`` 1-based)."""
    return {"id": question_id, "error": error, "line": line}


def scope_record(scope: Scope) -> dict:
    """``{"from", "to", "place", "source", "read_from_question", "note", "matching_reports"}``:
    the filters an answer was made under (dates ISO or ``null``)."""
    f = scope.filters
    return {
        "from": f.date_from.isoformat() if f.date_from else None,
        "to": f.date_to.isoformat() if f.date_to else None,
        "place": f.place, "source": f.source,
        "read_from_question": list(scope.read), "note": scope.note, "matching_reports": len(scope.documents),
    }
