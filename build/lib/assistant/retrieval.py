"""Retrievers: a question in, the top-k passages out (best first, ranks 1..k).

* :class:`DenseRetriever`: cosine similarity of embeddings (Chroma's HNSW index).
* :class:`KeywordRetriever`: BM25 (Robertson & Zaragoza 2009, via the ``bm25s`` library)
  over the same chunks, so exact names, places, dates and figures match.
* :class:`HybridRetriever`: both, fused by reciprocal rank fusion
  (Cormack, Clarke & Büttcher, SIGIR 2009: ``score = sum 1 / (60 + rank)``).
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

import numpy as np

from .embedding import Embedder
from .sentences import STOPWORDS, normalize, tokens
from .store import ChunkStore
from .types import Chunk, Passage

RRF_K = 60
"""The rank constant of reciprocal rank fusion (Cormack et al. 2009)."""


class Retriever(Protocol):
    def retrieve(self, question: str, k: int) -> list[Passage]:
        """At most ``k`` passages, best first, ranks 1..k."""
        ...


class DenseRetriever:
    """Cosine similarity between the question's embedding and the chunk embeddings.

    ``Passage.score`` is the cosine similarity (-1..1).
    """

    def __init__(self, store: ChunkStore, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder

    def retrieve(self, question: str, k: int) -> list[Passage]:
        vector = self.embedder.embed([question])[0]
        return self.store.query(vector, k)


def keyword_terms(text: str) -> list[str]:
    """BM25 terms: lower-case word tokens, light plural/possessive stemming, stop words dropped."""
    return [normalize(t) for t in tokens(text) if t not in STOPWORDS]


class KeywordRetriever:
    """BM25 over every indexed chunk; ``Passage.score`` is the BM25 score.

    The index lives in memory and is rebuilt when the store's content changes
    (checked with :meth:`ChunkStore.signature` on each question, so writes by
    another process are seen too).
    """

    def __init__(self, store: ChunkStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._signature: tuple | None = None
        self._chunks: list[Chunk] = []
        self._bm25 = None
        self._frequencies: dict[str, int] | None = None

    def retrieve(self, question: str, k: int) -> list[Passage]:
        terms = keyword_terms(question)
        with self._lock:
            self._refresh()
            if not terms or not self._chunks:
                return []
            scores = self._bm25.get_scores(terms)
            chunks = self._chunks
        order = np.argsort(-scores, kind="stable")[:k]
        return [Passage(chunks[i], float(scores[i]), rank) for rank, i in enumerate(order, 1) if scores[i] > 0]

    def term_share(self, word: str) -> float:
        """Share (0..1) of indexed chunks that contain ``word`` (as a BM25 term)."""
        with self._lock:
            self._refresh()
            if not self._chunks:
                return 0.0
            if self._frequencies is None:
                counts: dict[str, int] = {}
                for chunk in self._chunks:
                    for term in set(keyword_terms(chunk.text)):
                        counts[term] = counts.get(term, 0) + 1
                self._frequencies = counts
            return self._frequencies.get(normalize(word), 0) / len(self._chunks)

    def _refresh(self) -> None:
        signature = self.store.signature()
        if signature == self._signature:
            return
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets DEBUG on import
        chunks = self.store.all_chunks()
        bm25 = bm25s.BM25()
        if chunks:
            bm25.index([keyword_terms(c.text) or ["\x00"] for c in chunks], show_progress=False)
        self._signature, self._chunks, self._bm25, self._frequencies = signature, chunks, bm25, None


class HybridRetriever:
    """Dense and BM25 candidates fused by reciprocal rank fusion.

    Args:
        retrievers: the retrievers to fuse (dense first: it breaks ties).
        candidates: passages taken from each retriever before fusion (at least ``k``).

    ``Passage.score`` is the fused RRF score (at most ``len(retrievers) / 61``).
    """

    def __init__(self, *retrievers: Retriever, candidates: int = 30) -> None:
        self.retrievers = retrievers
        self.candidates = candidates

    def retrieve(self, question: str, k: int) -> list[Passage]:
        fused: dict[str, float] = {}
        chunks: dict[str, Chunk] = {}
        for retriever in self.retrievers:
            for passage in retriever.retrieve(question, max(k, self.candidates)):
                fused[passage.chunk.id] = fused.get(passage.chunk.id, 0.0) + 1.0 / (RRF_K + passage.rank)
                chunks.setdefault(passage.chunk.id, passage.chunk)
        best = sorted(fused, key=lambda cid: fused[cid], reverse=True)[:k]
        return [Passage(chunks[cid], fused[cid], rank) for rank, cid in enumerate(best, 1)]


def build_retriever(settings, store: ChunkStore, embedder: Embedder, keywords: KeywordRetriever) -> Retriever:
    """The retriever named by ``settings.retriever`` (``dense``, ``bm25`` or ``hybrid``)."""
    if settings.retriever == "dense":
        return DenseRetriever(store, embedder)
    if settings.retriever == "bm25":
        return keywords
    return HybridRetriever(DenseRetriever(store, embedder), keywords, candidates=settings.fusion_candidates)
