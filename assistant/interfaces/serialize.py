"""The JSON shapes of answers: the contract of ``assistant ask --json`` and ``--questions``."""

from __future__ import annotations

from ..types import Answer, Scope


def answer_record(answer: Answer, question_id: str | None = None) -> dict:
    """``{"id"?, "question", "answer", "has_answer", "citations": [{"n", "source", "chunk_id",
    "start", "end", "text", "score"}], "retrieved": [{"source", "chunk_id", "score"}], "latency_ms", "grounding", "filters"?}`` (``grounding``: see
    :class:`~assistant.types.Answer`; ``filters``: :func:`scope_record`, when filters were applied)."""
    record: dict = {} if question_id is None else {"id": question_id}
    record.update(
        question=answer.question,
        answer=answer.text,
        has_answer=answer.has_answer,
        citations=[
            {
                "n": c.n,
                "source": c.source,
                "chunk_id": c.chunk_id,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "score": round(c.score, 4),
            }
            for c in answer.citations
        ],
        retrieved=[
            {"source": p.chunk.source, "chunk_id": p.chunk.id, "score": round(p.score, 4)} for p in answer.passages
        ],
        latency_ms=round(answer.latency_ms, 1),
        grounding=answer.grounding,
    )
    if answer.scope is not None:
        record["filters"] = scope_record(answer.scope)
    return record


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
