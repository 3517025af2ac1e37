"""Answers about a report itself: its author (the byline it states) or its own date, for a
question that asks so (:attr:`~assistant.types.Query.document_property`, read by
:func:`assistant.language.document_questions.asked_property`).

The report asked about is the one retrieval ranks first for the question's other words ("the
article *about the Fasby bridge blast*"); the answer is that report's byline or date as it is
written in the text, cited at its line.  When that report states neither, the question goes to the
ordinary answerer, which reads what the reports' sentences say.
"""

from __future__ import annotations

from collections.abc import Callable

from ..language.document_questions import DocumentProperty, bylines
from ..types import Answer, Citation, DocumentMeta, Query, Retrieval, ShortAnswer
from .base import Answerer


class DocumentFacts:
    """An :class:`~assistant.answering.base.Answerer` for questions about a report itself, handing
    every other question (and one whose report states no such fact) to ``inner``.

    ``meta_of``: a document's time-and-place values by id (its report date with the span it was
    read from; ``None`` when not read yet)."""

    def __init__(self, inner: Answerer, meta_of: Callable[[str], DocumentMeta | None]) -> None:
        self.inner = inner
        self.meta_of = meta_of

    def answer(self, query: Query, retrieval: Retrieval) -> Answer:
        """The report's byline or date (module docstring), else ``inner``'s answer."""
        found = self._fact(query, retrieval) if query.document_property is not None else None
        return found if found is not None else self.inner.answer(query, retrieval)

    def _fact(self, query: Query, retrieval: Retrieval) -> Answer | None:
        if not retrieval.passages:
            return None
        passage = retrieval.passages[0]
        chunk = passage.chunk
        text = retrieval.documents.get(chunk.document_id)
        if text is None:
            return None
        if query.document_property is DocumentProperty.AUTHOR:
            named = bylines(text)
            if not named:
                return None
            start, end, line_start, line_end = named[0].start, named[0].end, named[0].line_start, named[0].line_end
        else:
            meta = self.meta_of(chunk.document_id)
            report = meta.report if meta is not None else None
            if report is None or report.how == "file" or report.end <= report.start:
                return None
            start, end = report.start, report.end
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line_end = len(text) if line_end == -1 else line_end
        line = text[line_start:line_end].strip()
        line_start = text.index(line, line_start)
        citation = Citation(n=1, document_id=chunk.document_id, source=chunk.source,
                            chunk_id=f"{chunk.document_id}#{line_start}-{line_start + len(line)}",
                            start=line_start, end=line_start + len(line), text=line, score=passage.score,
                            path=chunk.path)
        short = ShortAnswer(text[start:end], chunk.document_id, start, end)
        return Answer(query.text, f"{short.text} — {line} [1]", True, (citation,), retrieval.passages,
                      short_answer=short, answer_type="person" if query.document_property is DocumentProperty.AUTHOR
                      else "date")
