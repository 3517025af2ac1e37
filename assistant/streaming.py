"""Answers as a stream of updates, for pages that show an answer while it is being made.

:func:`stream_answer` runs the same two steps as :func:`assistant.chain.build_chain`
(retrieve, then answer) and reports after each step:

1. ``AnswerUpdate(stage="retrieved")`` with the passages found;
2. ``AnswerUpdate(stage="text")`` for every piece of text a streaming answerer
   produces (none for the extractive answerer, which makes its answer at once);
3. ``AnswerUpdate(stage="done")`` with the final :class:`~assistant.types.Answer`.

An answerer streams when it has a ``stream(question, passages)`` method (see
:class:`StreamingAnswerer`); otherwise its ``answer(question, passages)`` is called.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal, Protocol, runtime_checkable

from .chain import Answerer
from .retrieval import Retriever
from .types import Answer, Passage

Stage = Literal["retrieved", "text", "done"]


@runtime_checkable
class StreamingAnswerer(Protocol):
    """An answerer that can hand out its text while writing it.

    ``stream`` yields text pieces (``str``, to be concatenated) and then exactly
    one final :class:`Answer` whose ``text`` is the complete, checked answer
    (it may differ from the concatenated pieces, e.g. with unsupported
    citations dropped).
    """

    def answer(self, question: str, passages: Sequence[Passage]) -> Answer: ...

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterable[str | Answer]: ...


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


def stream_answer(retriever: Retriever, answerer: Answerer, question: str, k: int) -> Iterator[AnswerUpdate]:
    """Retrieve the top ``k`` passages for ``question`` and answer from them, step by step.

    The final answer's ``latency_ms`` is the wall time from the start of retrieval,
    as in :func:`assistant.chain.build_chain`.

    Raises:
        RuntimeError: a streaming answerer ended without yielding its final ``Answer``.
    """
    started = time.perf_counter()
    passages = tuple(retriever.retrieve(question, k))
    yield AnswerUpdate("retrieved", passages)
    if isinstance(answerer, StreamingAnswerer):
        final: Answer | None = None
        text = ""
        for piece in answerer.stream(question, passages):
            if isinstance(piece, Answer):
                final = piece
                continue
            text += piece
            yield AnswerUpdate("text", passages, text)
        if final is None:
            raise RuntimeError(f"{type(answerer).__name__}.stream ended without a final Answer")
    else:
        final = answerer.answer(question, passages)
    final = replace(final, latency_ms=(time.perf_counter() - started) * 1000.0)
    yield AnswerUpdate("done", passages, final.text, final)
