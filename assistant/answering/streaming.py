"""Answers as a stream of updates, for pages that show an answer while it is being made.

:func:`stream_answer` searches, then answers, and reports after each step:

1. ``AnswerUpdate(stage="retrieved")`` with the passages found;
2. ``AnswerUpdate(stage="text")`` for every piece of text a streaming answerer
   produces (none for the extractive answerer, which makes its answer at once);
3. ``AnswerUpdate(stage="done")`` with the final :class:`~assistant.types.Answer`.

An answerer streams when it has a ``stream(query, retrieval)`` method (see
:class:`~assistant.answering.base.StreamingAnswerer`); otherwise its
``answer(query, retrieval)`` is called.  :meth:`assistant.api.Assistant.ask` is the last
update of this stream, so the two paths cannot drift.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from ..types import Answer, Passage, Query, Retrieval
from .base import Answerer, StreamingAnswerer

Stage = Literal["retrieved", "text", "done"]


@dataclass(frozen=True)
class AnswerUpdate:
    """One step of a streamed answer.

    ``text`` is the answer text so far (the final text when ``stage == "done"``);
    ``answer`` is set only when ``stage == "done"``.
    """

    stage: Stage
    passages: tuple[Passage, ...] = ()
    text: str = ""
    answer: Answer | None = None


def stream_answer(
    search: Callable[[Query, int], Retrieval], answerer: Answerer, query: Query, k: int,
    started: float | None = None,
) -> Iterator[AnswerUpdate]:
    """Search the top ``k`` passages for ``query`` and answer from them, step by step.

    ``search`` is :meth:`assistant.retrieval.search.PassageSearch.search`.  The final
    answer's ``latency_ms`` is the wall time since ``started`` (a ``time.perf_counter()``
    value; default: the start of the search).

    Raises:
        RuntimeError: a streaming answerer ended without yielding its final ``Answer``.
    """
    started = time.perf_counter() if started is None else started
    retrieval = search(query, k)
    yield AnswerUpdate("retrieved", retrieval.passages)
    if isinstance(answerer, StreamingAnswerer):
        final: Answer | None = None
        text = ""
        for piece in answerer.stream(query, retrieval):
            if isinstance(piece, Answer):
                final = piece
                continue
            text += piece
            yield AnswerUpdate("text", retrieval.passages, text)
        if final is None:
            raise RuntimeError(f"{type(answerer).__name__}.stream ended without a final Answer")
    else:
        final = answerer.answer(query, retrieval)
    final = replace(final, latency_ms=(time.perf_counter() - started) * 1000.0)
    yield AnswerUpdate("done", retrieval.passages, final.text, final)
