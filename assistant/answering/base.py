"""What an answerer is: a parsed question and its retrieval in, an :class:`~assistant.types.Answer` out.

Any object with ``answer(query, retrieval)`` can replace the extractive answerer without
touching retrieval; one that also has ``stream(query, retrieval)`` hands out its text
while writing it (:class:`StreamingAnswerer`, used by :mod:`.streaming`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from ..types import Answer, Query, Retrieval


class Answerer(Protocol):
    def answer(self, query: Query, retrieval: Retrieval) -> Answer:
        """The answer to ``query`` from ``retrieval`` (``latency_ms`` left at 0 for the caller)."""
        ...


@runtime_checkable
class StreamingAnswerer(Protocol):
    """An answerer that can hand out its text while writing it.

    ``stream`` yields text pieces (``str``, to be concatenated) and then exactly
    one final :class:`Answer` whose ``text`` is the complete, checked answer
    (it may differ from the concatenated pieces, e.g. with unsupported
    citations dropped).
    """

    def answer(self, query: Query, retrieval: Retrieval) -> Answer: ...

    def stream(self, query: Query, retrieval: Retrieval) -> Iterable[str | Answer]: ...
