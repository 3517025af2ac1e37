"""The answer chain, as a langchain runnable: question -> retriever -> answerer -> Answer.

Any answerer with ``answer(question, passages) -> Answer`` can replace the
extractive one without touching retrieval.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from langchain_core.runnables import Runnable, RunnableLambda

from .retrieval import Retriever
from .types import Answer, Passage, Turn

Condenser = Callable[[str, Sequence[Turn]], str]
"""Rewrites a follow-up question into a standalone one given the history (see :mod:`assistant.condense`)."""


class Answerer(Protocol):
    def answer(self, question: str, passages: Sequence[Passage]) -> Answer: ...


def build_chain(retriever: Retriever, answerer: Answerer, condenser: Condenser | None = None) -> Runnable:
    """A runnable taking ``{"question": str, "k": int, "history"?: Sequence[Turn]}`` and
    returning an :class:`Answer`.

    With a ``condenser`` and a non-empty ``history`` the question is first rewritten
    into a standalone one, which retrieval, the answerer and ``Answer.question`` use.
    """

    def retrieve(inputs: dict) -> dict:
        started = time.perf_counter()
        question = inputs["question"]
        if condenser is not None and inputs.get("history"):
            question = condenser(question, inputs["history"])
        passages = retriever.retrieve(question, inputs["k"])
        return {"question": question, "passages": passages, "started": started}

    def answer(state: dict) -> Answer:
        result = answerer.answer(state["question"], state["passages"])
        return replace(result, latency_ms=(time.perf_counter() - state["started"]) * 1000.0)

    return RunnableLambda(retrieve, name="retrieve") | RunnableLambda(answer, name="answer")
