"""The answer chain, as a langchain runnable: question -> retriever -> answerer -> Answer.

Any answerer with ``answer(question, passages) -> Answer`` can replace the
extractive one without touching retrieval.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from langchain_core.runnables import Runnable, RunnableLambda

from .retrieval import Retriever
from .types import Answer, Passage


class Answerer(Protocol):
    def answer(self, question: str, passages: Sequence[Passage]) -> Answer: ...


def build_chain(retriever: Retriever, answerer: Answerer) -> Runnable:
    """A runnable taking ``{"question": str, "k": int}`` and returning an :class:`Answer`."""

    def retrieve(inputs: dict) -> dict:
        started = time.perf_counter()
        passages = retriever.retrieve(inputs["question"], inputs["k"])
        return {"question": inputs["question"], "passages": passages, "started": started}

    def answer(state: dict) -> Answer:
        result = answerer.answer(state["question"], state["passages"])
        return replace(result, latency_ms=(time.perf_counter() - state["started"]) * 1000.0)

    return RunnableLambda(retrieve, name="retrieve") | RunnableLambda(answer, name="answer")
