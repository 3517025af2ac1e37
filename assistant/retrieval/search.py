"""One search per question: the passages, the wider pool behind them, and what the answerer
needs to know about their documents, in one :class:`~assistant.types.Retrieval`.

The answerer never calls back into retrieval or the store: everything it reads (the
documents' full texts, how common a word is in the index) comes with the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..language.annotations import Annotations
from ..language.names import capitalised_words
from ..storage.store import ChunkStore
from ..types import Passage, Query, Retrieval
from .base import Retriever
from .keyword import KeywordRetriever


class PassageSearch:
    """A retriever with the store and keyword index behind it.

    Args:
        retriever: ranks the passages (see :func:`assistant.retrieval.factory.build_retriever`).
        store: where the documents' texts are read.
        keywords: the BM25 index, for the share of chunks containing a word.
        widen_factor: the pool holds ``widen_factor * k`` passages (1: the top ``k`` only).
        candidates: up to this many passages, the retriever ranks a longer list the same way
            at its head (its fusion and reranking candidates), so one retrieval gives both the
            top ``k`` and the pool; beyond it the top ``k`` is retrieved on its own.
    """

    def __init__(self, retriever: Retriever, store: ChunkStore, keywords: KeywordRetriever, *,
                 widen_factor: int = 4, candidates: int = 30) -> None:
        self.retriever = retriever
        self.store = store
        self.keywords = keywords
        self.widen_factor = max(1, widen_factor)
        self.candidates = candidates

    def search(self, query: Query, k: int) -> Retrieval:
        """The top ``k`` passages for ``query``, its pool of ``widen_factor * k`` and their
        documents' texts, annotations and word shares (each passage's chunk carries its
        annotations: :attr:`~assistant.types.Chunk.annotations`)."""
        pool = tuple(self.retriever.retrieve(query, k * self.widen_factor))
        exact_head = k * self.widen_factor <= self.candidates
        passages = pool[:k] if exact_head else tuple(self.retriever.retrieve(query, k))
        document_ids = list(dict.fromkeys(p.chunk.document_id for p in (*pool, *passages)))
        documents = self.store.document_texts(document_ids)
        annotations = self.store.document_annotations(document_ids)
        words = {w for p in pool for w in capitalised_words(p.chunk.text)}
        return Retrieval(passages=_annotated(passages, annotations), pool=_annotated(pool, annotations),
                         documents=documents, term_shares=self.keywords.term_shares(sorted(words)),
                         annotations=annotations, report_dates=self.store.report_dates(document_ids))


def _annotated(passages: tuple[Passage, ...], annotations: Mapping[str, Annotations]) -> tuple[Passage, ...]:
    """``passages`` whose chunks carry their document's annotations within the chunk."""
    out = []
    for p in passages:
        document = annotations.get(p.chunk.document_id)
        chunk = p.chunk if document is None else replace(p.chunk, annotations=document.within(p.chunk.start, p.chunk.end))
        out.append(Passage(chunk, p.score, p.rank))
    return tuple(out)
