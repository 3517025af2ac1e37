"""Retrievers: a question in, the top-k passages out (best first, ranks 1..k).

* :class:`DenseRetriever`: cosine similarity of embeddings (Chroma's HNSW index).
* :class:`KeywordRetriever`: BM25 (Robertson & Zaragoza 2009, via the ``bm25s`` library)
  over the same chunks, so exact names, places, dates and figures match.
* :class:`HybridRetriever`: both, fused by a convex combination of normalised scores
  (Bruch et al., ACM TOIS 2023).
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

import numpy as np

from .chunking import chunk_version
from .embedding import Embedder
from .sentences import STOPWORDS, normalize, tokens
from .store import QUERY_ATTEMPTS, ChunkStore
from .types import Chunk, Passage

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
    (checked with :meth:`ChunkStore.revision` on each question, so writes by
    another process are seen too).
    """

    def __init__(self, store: ChunkStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._signature: str | None = None
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
        signature = self.store.revision()
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
    """Dense and BM25 candidates fused by a convex combination of min-max normalised scores.

    ``fused = alpha * dense_norm + (1 - alpha) * bm25_norm``, each score min-max normalised
    over that retriever's candidates (a candidate missing from one list scores 0 there).
    Bruch, Gai & Ingber, "An Analysis of Fusion Functions for Hybrid Retrieval" (ACM TOIS
    2023) found this beats reciprocal rank fusion; on our two QA sets it matched RRF's
    recall@5 and raised MRR on the report questions from 0.80 to 0.87 (docs/EVAL.md).

    Args:
        dense: the dense retriever.
        keywords: the keyword retriever.
        alpha: weight of the dense scores (0..1).
        candidates: passages taken from each retriever before fusion (at least ``k``).

    ``Passage.score`` is the fused score (0..1).
    """

    def __init__(self, dense: Retriever, keywords: Retriever, *, alpha: float = 0.5, candidates: int = 30) -> None:
        if not 0.0 <= alpha <= 1.0:
            raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
        self.retrievers = (dense, keywords)
        self.alpha = alpha
        self.candidates = candidates

    def retrieve(self, question: str, k: int) -> list[Passage]:
        """The fused top ``k``.  When a document was updated between the retrievers' reads
        (their passages name two versions of it), the retrieval is run again, up to
        ``QUERY_ATTEMPTS`` times; if the versions still differ, each document keeps only
        the passages of its best-ranked passage's version.  So an answer never mixes an
        old and a new version of a document."""
        for _attempt in range(QUERY_ATTEMPTS):
            passages = self._fuse(question, k)
            versions = {(p.chunk.document_id, chunk_version(p.chunk.id)) for p in passages}
            if len(versions) == len({document_id for document_id, _ in versions}):
                return passages
        kept: dict[str, str] = {}
        for p in passages:
            kept.setdefault(p.chunk.document_id, chunk_version(p.chunk.id))
        same = [p for p in passages if kept[p.chunk.document_id] == chunk_version(p.chunk.id)]
        return [Passage(p.chunk, p.score, rank) for rank, p in enumerate(same, 1)]

    def _fuse(self, question: str, k: int) -> list[Passage]:
        fused: dict[str, float] = {}
        chunks: dict[str, Chunk] = {}
        for weight, retriever in zip((self.alpha, 1.0 - self.alpha), self.retrievers):
            passages = retriever.retrieve(question, max(k, self.candidates))
            for passage, value in zip(passages, min_max([p.score for p in passages])):
                fused[passage.chunk.id] = fused.get(passage.chunk.id, 0.0) + weight * value
                chunks.setdefault(passage.chunk.id, passage.chunk)
        best = sorted(fused, key=lambda cid: fused[cid], reverse=True)[:k]
        return [Passage(chunks[cid], fused[cid], rank) for rank, cid in enumerate(best, 1)]


def min_max(scores: list[float]) -> list[float]:
    """Scores scaled to 0..1 (all 1.0 when they are equal)."""
    if not scores:
        return []
    low, high = min(scores), max(scores)
    if high == low:
        return [1.0] * len(scores)
    return [(s - low) / (high - low) for s in scores]


def build_retriever(settings, store: ChunkStore, embedder: Embedder, keywords: KeywordRetriever) -> Retriever:
    """The retriever named by ``settings.retriever`` (``dense``, ``bm25`` or ``hybrid``), its
    top ``settings.fusion_candidates`` reranked when ``settings.rerank`` is on."""
    from .reranking import AnswerTypeReranker, RerankingRetriever

    retriever: Retriever
    if settings.retriever == "dense":
        retriever = DenseRetriever(store, embedder)
    elif settings.retriever == "bm25":
        retriever = keywords
    else:
        retriever = HybridRetriever(
            DenseRetriever(store, embedder), keywords, alpha=settings.hybrid_alpha, candidates=settings.fusion_candidates
        )
    if settings.rerank:
        retriever = RerankingRetriever(retriever, AnswerTypeReranker(), candidates=settings.fusion_candidates)
    return retriever
