"""Retrieval: a question in, the top-k passages out.  Dense (:mod:`.dense`), BM25
(:mod:`.keyword`), their fusion (:mod:`.hybrid`), reranking of the fused candidates
(:mod:`.reranking`), and the one factory that builds what the settings name (:mod:`.factory`)."""

from .base import Retriever, min_max
from .dense import DenseRetriever
from .factory import build_retriever
from .hybrid import HybridRetriever
from .keyword import KeywordRetriever
from .reranking import AnswerTypeReranker, RerankingRetriever

__all__ = ["AnswerTypeReranker", "DenseRetriever", "HybridRetriever", "KeywordRetriever", "RerankingRetriever",
           "Retriever", "build_retriever", "min_max"]
