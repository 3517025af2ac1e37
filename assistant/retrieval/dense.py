"""Dense retrieval: cosine similarity of embeddings (Chroma's HNSW index)."""

from __future__ import annotations

from ..models.embedders import Embedder
from ..storage.store import ChunkStore
from ..types import Passage, Query


class DenseRetriever:
    """Cosine similarity between the question's embedding and the chunk embeddings.

    ``Passage.score`` is the cosine similarity (-1..1).
    """

    def __init__(self, store: ChunkStore, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder

    def retrieve(self, query: Query, k: int) -> list[Passage]:
        """The ``k`` chunks nearest to ``query.vector`` (embedded here when the query has none)
        among those its filters select (``query.where``, applied inside the store)."""
        vector = query.vector if query.vector is not None else self.embedder.embed([query.text])[0]
        return self.store.query(vector, k, where=query.where)
