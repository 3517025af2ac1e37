"""Retrievers: a question in, the top-k passages out (best first)."""

from __future__ import annotations

from typing import Protocol

from .embedding import Embedder
from .store import ChunkStore
from .types import Passage


class Retriever(Protocol):
    def retrieve(self, question: str, k: int) -> list[Passage]:
        """At most ``k`` passages, best first, ranks 1..k."""
        ...


class DenseRetriever:
    """Cosine similarity between the question's embedding and the chunk embeddings."""

    def __init__(self, store: ChunkStore, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder

    def retrieve(self, question: str, k: int) -> list[Passage]:
        vector = self.embedder.embed([question])[0]
        return self.store.query(vector, k)
