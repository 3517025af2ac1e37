"""What every retriever is: a parsed question in, the top-k passages out (best first, ranks 1..k)."""

from __future__ import annotations

from typing import Protocol

from ..types import Passage, Query


class Retriever(Protocol):
    def retrieve(self, query: Query, k: int) -> list[Passage]:
        """At most ``k`` passages for ``query``, best first, ranks 1..k."""
        ...


def min_max(scores: list[float]) -> list[float]:
    """Scores scaled to 0..1 (all 1.0 when they are equal)."""
    if not scores:
        return []
    low, high = min(scores), max(scores)
    if high == low:
        return [1.0] * len(scores)
    return [(s - low) / (high - low) for s in scores]
