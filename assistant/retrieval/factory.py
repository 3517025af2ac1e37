"""The retriever the settings name, built in one place."""

from __future__ import annotations

from ..config import Settings
from ..models.embedders import Embedder
from ..storage.store import ChunkStore
from .base import Retriever
from .dense import DenseRetriever
from .hybrid import HybridRetriever
from .keyword import KeywordRetriever
from .reranking import AnswerTypeReranker, RerankingRetriever


def build_retriever(settings: Settings, store: ChunkStore, embedder: Embedder, keywords: KeywordRetriever) -> Retriever:
    """The retriever named by ``settings.retrieval.retriever`` (``dense``, ``bm25`` or ``hybrid``), its
    top ``settings.retrieval.fusion_candidates`` reranked when ``settings.retrieval.rerank`` is on."""
    retriever: Retriever
    if settings.retrieval.retriever == "dense":
        retriever = DenseRetriever(store, embedder)
    elif settings.retrieval.retriever == "bm25":
        retriever = keywords
    else:
        retriever = HybridRetriever(
            DenseRetriever(store, embedder), keywords, alpha=settings.retrieval.hybrid_alpha,
            candidates=settings.retrieval.fusion_candidates,
        )
    if settings.retrieval.rerank:
        retriever = RerankingRetriever(retriever, AnswerTypeReranker(), candidates=settings.retrieval.fusion_candidates)
    return retriever
