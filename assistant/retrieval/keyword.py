"""Keyword retrieval: BM25 (Robertson & Zaragoza 2009, via the ``bm25s`` library) over the
indexed chunks, so exact names, places, dates and figures match."""

from __future__ import annotations

import json
import logging
import threading

import numpy as np

from ..language.tokens import STOPWORDS, normalize, tokens
from ..storage.store import ChunkStore
from ..types import Chunk, Passage, Query


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
        self._masks: dict[str, np.ndarray] = {}

    def retrieve(self, query: Query, k: int) -> list[Passage]:
        """The top ``k`` chunks by BM25 score of ``query.text``'s terms (chunks scoring 0 left out),
        among the chunks its filters select (``query.where``: the same Chroma filter the dense
        retriever applies, so both rank the same reports)."""
        terms = keyword_terms(query.text)
        with self._lock:
            self._refresh()
            if not terms or not self._chunks:
                return []
            scores = self._bm25.get_scores(terms)
            chunks = self._chunks
            if query.where is not None:
                scores = np.where(self._mask(query.where), scores, 0.0)
        order = np.argsort(-scores, kind="stable")[:k]
        return [Passage(chunks[i], float(scores[i]), rank) for rank, i in enumerate(order, 1) if scores[i] > 0]

    def term_share(self, word: str) -> float:
        """Share (0..1) of indexed chunks that contain ``word`` (as a BM25 term)."""
        return self.term_shares([word]).get(normalize(word), 0.0)

    def term_shares(self, words) -> dict[str, float]:
        """``{normalize(word): share}`` for each of ``words``: the share (0..1) of indexed
        chunks that contain it as a BM25 term."""
        with self._lock:
            self._refresh()
            if not self._chunks:
                return {normalize(w): 0.0 for w in words}
            if self._frequencies is None:
                counts: dict[str, int] = {}
                for chunk in self._chunks:
                    for term in set(keyword_terms(chunk.text)):
                        counts[term] = counts.get(term, 0) + 1
                self._frequencies = counts
            total = len(self._chunks)
            return {term: self._frequencies.get(term, 0) / total for term in map(normalize, words)}

    def _mask(self, where) -> np.ndarray:
        """Which of the indexed chunks match ``where`` (one store read per filter and revision)."""
        key = json.dumps(where, sort_keys=True)
        mask = self._masks.get(key)
        if mask is None:
            allowed = set(self.store.matching_ids(dict(where)))
            mask = np.fromiter((c.id in allowed for c in self._chunks), dtype=bool, count=len(self._chunks))
            if len(self._masks) > 64:
                self._masks.clear()
            self._masks[key] = mask
        return mask

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
        self._masks = {}
