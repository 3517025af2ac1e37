"""Keyword retrieval: BM25 (Robertson & Zaragoza 2009, via the ``bm25s`` library) over the
indexed chunks, so exact names, places, dates and figures match.

The index is built from every chunk (7 s at 10,000 reports: reading the chunks and
tokenising them, docs/COUNTING.md) and, for an embedded store, kept in the store's folder
(:class:`KeywordIndexFile`), so a fresh process reads it instead.  When the store changed, only
the chunks of the documents whose version changed are read and tokenised; BM25's matrix is
then computed again from the kept terms (``bm25s`` has no incremental update).
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import threading
import uuid
import zipfile
from pathlib import Path

import numpy as np

from ..language import tokens as tokens_module
from ..language.tokens import STOPWORDS, normalize, tokens
from ..storage.persisted import (
    Vocabulary,
    atomic_write,
    code_stamp,
    from_json_array,
    json_array,
    offsets,
)
from ..storage.store import ChunkStore
from ..storage.versions import chunk_version
from ..types import Chunk, Passage, Query

logger = logging.getLogger(__name__)

FORMAT = 1
"""The layout of a keyword index folder (:class:`KeywordIndexFile`); another is rebuilt."""

_EMPTY = "\x00"
"""The one term of a chunk without terms (bm25s needs a term in every document)."""


def keyword_terms(text: str) -> list[str]:
    """BM25 terms: lower-case word tokens, light plural/possessive stemming, stop words dropped."""
    return [normalize(t) for t in tokens(text) if t not in STOPWORDS]


class KeywordRetriever:
    """BM25 over every indexed chunk; ``Passage.score`` is the BM25 score.

    The index lives in memory and is brought up to date when the store's content changes
    (checked with :meth:`ChunkStore.revision` on each question, so writes by another process
    are seen too): the chunks of unchanged document versions keep their terms, the others are
    read and tokenised (counted in ``tokenised``), and BM25 is indexed again (``builds``).
    With ``stored`` (:class:`KeywordIndexFile`) the first question reads the index from the
    store's folder, and every update writes it there.
    """

    def __init__(self, store: ChunkStore, stored: KeywordIndexFile | None = None) -> None:
        self.store = store
        self.stored = stored
        self._lock = threading.Lock()
        self._signature: str | None = None
        self._chunks: list[Chunk] = []
        self._terms: list[list[str]] | None = None
        self._bm25 = None
        self._frequencies: dict[str, int] | None = None
        self._masks: dict[str, np.ndarray] = {}
        self.builds = 0
        self.tokenised = 0

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
                self._frequencies = frequencies(self._chunk_terms())
            total = len(self._chunks)
            return {term: self._frequencies.get(term, 0) / total for term in map(normalize, words)}

    def vocabulary(self) -> dict[str, int]:
        """``{term: number of indexed chunks containing it}`` over every BM25 term
        (:func:`keyword_terms`); the index is brought up to date first.  The dictionary is the
        index's own: do not change it."""
        with self._lock:
            self._refresh()
            if self._frequencies is None:
                self._frequencies = frequencies(self._chunk_terms()) if self._chunks else {}
            return self._frequencies

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

    def refresh(self) -> None:
        """Bring the index up to date with the store now (after an ingest), not at the next question."""
        with self._lock:
            self._refresh()

    def _chunk_terms(self) -> list[list[str]]:
        if self._terms is None:
            self._terms = [keyword_terms(c.text) for c in self._chunks]
            self.tokenised += len(self._chunks)
        return self._terms

    def _refresh(self) -> None:
        signature = self.store.revision()
        if signature == self._signature:
            return
        if self._signature is None and self.stored is not None and not self._chunks:
            found = self.stored.load()
            if found is not None:
                revision, self._chunks, self._bm25, self._frequencies, self._terms = found
                self._masks = {}
                if revision == signature:
                    self._signature = signature
                    return
                logger.info("the keyword index in %s was built at another store revision; updating the changed "
                            "documents", self.stored.folder)
        chunks, terms = self._current(self._chunks, self._terms)
        bm25 = _bm25()
        if chunks:
            bm25.index([t or [_EMPTY] for t in terms], show_progress=False)
        self._signature, self._chunks, self._bm25, self._terms = signature, chunks, bm25, terms
        self._frequencies, self._masks = frequencies(terms), {}
        self.builds += 1
        if self.stored is not None and chunks:  # an empty store has nothing to keep (bm25s has no matrix)
            self.stored.save(signature, chunks, bm25, terms, self._frequencies)

    def _current(self, chunks: list[Chunk], terms) -> tuple[list[Chunk], list[list[str]]]:
        """Every current chunk and its terms: those of ``chunks`` whose document version is
        still the indexed one are kept (with ``terms``, a lazy list or ``None``), the
        chunks of new and changed documents read and tokenised."""
        if not chunks:
            fresh = self.store.all_chunks()
            self.tokenised += len(fresh)
            return fresh, [keyword_terms(c.text) for c in fresh]
        before = self.store.versions()
        by_document: dict[str, list[int]] = {}
        for number, chunk in enumerate(chunks):
            by_document.setdefault(chunk.document_id, []).append(number)
        kept = [n for d, numbers in by_document.items() if d in before and len(numbers) == before[d][1]
                and all(chunk_version(chunks[n].id) == before[d][0][:12] and chunks[n].path == before[d][2]
                        for n in numbers)
                for n in numbers]
        kept_documents = {chunks[n].document_id for n in kept}
        changed = {d: h for d, (h, _, _) in before.items() if d not in kept_documents}
        fresh = self.store.chunks_of(changed)
        counts: dict[str, int] = {}
        for chunk in fresh:
            counts[chunk.document_id] = counts.get(chunk.document_id, 0) + 1
        if self.store.versions() != before or any(counts.get(d, 0) != before[d][1] for d in changed):
            logger.info("documents changed while the keyword index was updated; reading every chunk")
            fresh = self.store.all_chunks()
            self.tokenised += len(fresh)
            return fresh, [keyword_terms(c.text) for c in fresh]
        old_terms = terms if terms is not None else [None] * len(chunks)
        rows = [(chunks[n], old_terms[n]) for n in kept] + [(c, None) for c in fresh]
        rows.sort(key=lambda row: (row[0].document_id, row[0].index))
        self.tokenised += sum(1 for _, t in rows if t is None)
        return [c for c, _ in rows], [keyword_terms(c.text) if t is None else t for c, t in rows]


def _bm25():
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets DEBUG on import
    return bm25s.BM25()


def frequencies(terms: list[list[str]]) -> dict[str, int]:
    """``{term: number of chunks containing it}`` for the chunks' ``terms``."""
    counts: dict[str, int] = {}
    for chunk_terms in terms:
        for term in set(chunk_terms):
            counts[term] = counts.get(term, 0) + 1
    return counts


_CHUNK_FIELDS = ("id", "document_id", "source", "index", "start", "end", "text", "page", "path", "page_end")


class KeywordIndexFile:
    """Where a :class:`KeywordRetriever` keeps its index: a folder in the store's folder
    holding one generation at a time (``g-<hex>/``: ``bm25s``'s own files, written by
    ``BM25.save`` and read by ``BM25.load``, and ``chunks.npz``: the chunks, their terms and the
    term frequencies) and ``current.json``, written atomically after the generation, naming
    it with the store revision it was built at and the code that built it.  A reader follows
    ``current.json``: a crash while a generation is written leaves the previous one in use.
    A folder it cannot read (missing files, another format or code) is rebuilt, with one log line.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.expected = {"kind": "keyword-index", "format": FORMAT,
                         "code": code_stamp([sys.modules[__name__], tokens_module])}
        self.loads = 0
        self.saves = 0

    def load(self):
        """``(revision, chunks, bm25, frequencies, terms)`` (``terms``: a lazy list), or ``None``."""
        pointer = self.folder / "current.json"
        if not pointer.is_file():
            return None
        try:
            current = json.loads(pointer.read_text(encoding="utf-8"))
            differs = [k for k, v in self.expected.items() if current.get(k) != v]
            if differs:
                logger.info("the keyword index in %s was written by another version (%s); it is rebuilt",
                            self.folder, ", ".join(differs))
                return None
            generation = self.folder / str(current["generation"])
            import bm25s

            logging.getLogger("bm25s").setLevel(logging.WARNING)
            bm25 = bm25s.BM25.load(generation, mmap=False, load_corpus=False, show_progress=False)
            with np.load(generation / "chunks.npz", allow_pickle=False) as archive:
                columns = from_json_array(archive["chunks"])
                chunks = [Chunk(**dict(zip(_CHUNK_FIELDS, row))) for row in zip(*(columns[f] for f in _CHUNK_FIELDS))]
                counts = from_json_array(archive["frequencies"])
                terms = _StoredTerms(from_json_array(archive["vocabulary"]), archive["terms"], archive["offsets"])
            if len(terms) != len(chunks) or int(bm25.scores["num_docs"]) != len(chunks):
                raise ValueError("the chunks, their terms and the BM25 matrix disagree")
        except (OSError, ValueError, KeyError, TypeError, IndexError, zipfile.BadZipFile, EOFError) as exc:
            logger.warning("the keyword index in %s cannot be read (%s); it is rebuilt", self.folder, exc)
            return None
        self.loads += 1
        return str(current.get("revision", "")), chunks, bm25, counts, terms

    def save(self, revision: str, chunks: list[Chunk], bm25, terms: list[list[str]], counts: dict[str, int]) -> bool:
        """Write a new generation and point ``current.json`` at it; ``False`` (logged) when
        the folder cannot be written (the index then stays in memory only)."""
        name = f"g-{uuid.uuid4().hex[:12]}"
        generation = self.folder / name
        try:
            generation.mkdir(parents=True)
            bm25.save(generation, show_progress=False)
            vocabulary = Vocabulary()
            arrays = {
                "chunks": json_array({f: [getattr(c, f) for c in chunks] for f in _CHUNK_FIELDS}),
                "frequencies": json_array(counts),
                "terms": np.array([i for t in terms for i in vocabulary.ids(t)], dtype=np.int32),
                "offsets": offsets(map(len, terms)),
            }
            arrays["vocabulary"] = json_array(vocabulary.strings())
            atomic_write(generation / "chunks.npz", lambda file: np.savez(file, **arrays))
            pointer = json.dumps({**self.expected, "revision": revision, "generation": name}).encode("utf-8")
            atomic_write(self.folder / "current.json", lambda file: file.write(pointer))
        except Exception as exc:  # noqa: BLE001 - a file that cannot be written must never fail a question
            logger.warning("the keyword index could not be written to %s (%s); it is kept in memory only",
                           self.folder, exc)
            shutil.rmtree(generation, ignore_errors=True)
            return False
        for old in self.folder.glob("g-*"):  # earlier generations (a reader that opened one has read it)
            if old.name != name:
                shutil.rmtree(old, ignore_errors=True)
        self.saves += 1
        return True


class _StoredTerms:
    """The chunks' terms as read from a keyword index folder, each list decoded when first read."""

    def __init__(self, vocabulary: list[str], flat: np.ndarray, bounds: np.ndarray) -> None:
        self._vocabulary, self._flat, self._bounds = vocabulary, flat, bounds.tolist()

    def __len__(self) -> int:
        return len(self._bounds) - 1

    def __getitem__(self, number: int) -> list[str]:
        vocabulary = self._vocabulary
        return [vocabulary[i] for i in self._flat[self._bounds[number] : self._bounds[number + 1]].tolist()]
