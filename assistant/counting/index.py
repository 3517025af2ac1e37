"""The in-memory index that a count reads: every document's sentences as lemmas, its places
and its report date, and which documents contain which lemma.

Built from what ingest stored on each document record (:meth:`assistant.storage.store.ChunkStore.annotated_documents`):
the English pipeline's sentences, tokens and entities, and the document's time-and-place
values (:class:`assistant.types.DocumentMeta`: the report date of
:func:`assistant.language.dates.report_date`, the places of
:func:`assistant.language.places.find_places` plus the place entities).  Rebuilt when the
store's revision changes (as :class:`assistant.retrieval.keyword.KeywordRetriever` does for
BM25), so a count never reads the store document by document.  For an embedded store the
index is also kept in the store's folder (:mod:`assistant.counting.stored`) and read by the next
process.  Over all documents the places make a gazetteer: each place's levels and the places
the reports put it in.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np

from ..language.daytime import PART_PHRASES, PART_WORDS, day_part_positions, may_tell_time
from ..language.places import LEVELS, NAME_MARKS, PlaceMention, place_key
from ..language.conditions import SUM_CUES
from ..language.sentences import column_header_span, header_cells
from ..types import Document, DocumentMeta

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexedSentence:
    """One sentence: its span in the document and its tokens' lemmas, lower-case words,
    parts of speech and spans (parallel tuples); ``keys``: :func:`sentence_keys` (``None``:
    not computed, every term is looked for in full)."""

    start: int
    end: int
    lemmas: tuple[str, ...]
    words: tuple[str, ...]
    pos: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    keys: frozenset[str] | None = field(default=None, compare=False, repr=False)


def day_part_key(part: str) -> str:
    """The key of :func:`sentence_keys` that says a sentence states a part of the day
    (:func:`assistant.language.daytime.day_part_positions`: "shortly before midnight", "3 a.m.")."""
    return f"<day part:{part}>"


_PART_LEADS = frozenset(w for words in PART_WORDS.values() for w in words) | frozenset(
    p[0] for phrases in PART_PHRASES.values() for p in phrases if p)


def sentence_keys(lemmas: tuple[str, ...], words: tuple[str, ...]) -> frozenset[str]:
    """What a sentence can state, as the keys a term is looked up by
    (:func:`assistant.counting.matching.term_key_sets`): its lemmas and lower-case words, each
    two adjacent lemmas joined ("air strike" -> "airstrike"), the pieces of words written with
    hyphens or apostrophes ("al-qaida" -> "al", "qaida": how names are matched) and a
    :func:`day_part_key` for each part of the day it states.  A sentence whose keys share
    none with a term's keys cannot state the term, so the term's full match is skipped there."""
    keys = set(lemmas)
    keys.update(words)
    keys.update(sys.intern(a + b) for a, b in zip(lemmas, lemmas[1:]))
    clock = False
    for i, word in enumerate(words):
        if NAME_MARKS.search(word) or len(word.split()) != 1:
            keys.update(sys.intern(piece) for piece in NAME_MARKS.sub(" ", word).split())
        if not clock:
            clock = word in _PART_LEADS or may_tell_time(word, words[i + 1] if i + 1 < len(words) else "")
    if clock:  # only then can day_part_positions find a part of the day
        keys.update(day_part_key(part) for part in day_part_positions(words))
    return frozenset(keys)


@dataclass(frozen=True)
class IndexedDocument:
    """One document as a count reads it: ``text``, ``sentences``, ``places`` (its
    :class:`~assistant.language.places.PlaceMention` s, in text order), ``entities``
    (``(start, end, label)``), ``date`` (its report date; ``None``: undated) and ``facts``:
    structured values of its incident record used as accelerators (``province``,
    ``district``, ``killed``, ``captured``, ``names_killed``, ``groups``); ``path``: its
    relative path; ``pages``: its PDF page count (0: no pages)."""

    id: str
    source: str
    text: str
    sentences: tuple[IndexedSentence, ...]
    places: tuple[PlaceMention, ...]
    entities: tuple[tuple[int, int, str], ...]
    date: date | None = None
    facts: Mapping[str, object] = field(default_factory=dict)
    content_hash: str = ""
    path: str = ""
    pages: int = 0

    def paragraph(self, offset: int) -> tuple[int, int]:
        """The span of the paragraph (text between blank lines) around ``offset``."""
        start = self.text.rfind("\n\n", 0, offset)
        end = self.text.find("\n\n", offset)
        return (0 if start < 0 else start + 2), (len(self.text) if end < 0 else end)

    def heading(self, offset: int) -> tuple[int, int] | None:
        """The nearest heading line above ``offset``, or ``None``: a short line (under 80
        characters) without a final full stop, comma or colon that is in capitals, a Markdown
        heading (``#``), or the first line of its paragraph ("Vesk district" above its bullets)."""
        text = self.text
        line_end = text.rfind("\n", 0, offset)
        scanned = 0
        while line_end > 0 and scanned < 6000:
            line_start = text.rfind("\n", 0, line_end) + 1
            line = text[line_start:line_end].strip()
            first_of_paragraph = line_start == 0 or text[max(0, line_start - 2):line_start] == "\n\n"
            if line and len(line) < 80 and not line.endswith((".", ",", ";", ":")) and (
                    line.isupper() or line.startswith("#") or first_of_paragraph):
                start = line_start + (len(text[line_start:line_end]) - len(text[line_start:line_end].lstrip()))
                return start, start + len(line)
            scanned += line_end - line_start + 1
            line_end = line_start - 1
        return None


@dataclass(frozen=True)
class Gazetteer:
    """What the whole collection says about each place (by :func:`place_key`): its levels, the
    places it lies in, and how many documents name it."""

    levels: Mapping[str, frozenset[str]]
    parents: Mapping[str, frozenset[str]]
    documents: Mapping[str, int]
    settlements: frozenset[str] = frozenset()
    """Places no report names with a level but one puts right in a district ("Tirek, Sablin
    district", "near Ravel, in Brodny district", "Hask (Tobrin district)"): a village or a town."""

    def within(self, key: str, container: str, depth: int = 4) -> bool:
        """``key`` is ``container`` or lies in it (through the collection's place chains)."""
        frontier, seen = {key}, {key}
        for _ in range(depth):
            if container in frontier:
                return True
            frontier = {p for k in frontier for p in self.parents.get(k, ()) if p not in seen}
            seen |= frontier
        return container in frontier


class SentenceIndex:
    """Every document's sentences, lemmas, places and report date, in memory.

    ``revision()`` changes whenever the indexed content does; ``documents()`` lists the
    indexed ``(document_id, content_hash)``; ``load(ids)`` returns those documents with their
    ``annotations`` and ``meta`` set (:class:`~assistant.types.Document`); ``facts(ids)``
    their incident records' values (optional).
    """

    def __init__(self, revision: Callable[[], str], documents: Callable[[], Iterable[tuple[str, str]]],
                 load: Callable[[list[str]], Iterable[Document]],
                 facts: Callable[[list[str]], Mapping[str, Mapping[str, object]]] | None = None,
                 stored=None) -> None:
        self._revision = revision
        self._documents = documents
        self._load = load
        self._facts = facts
        self.stored = stored
        self.builds = 0
        self._lock = threading.Lock()
        self._signature: str | None = None
        self.documents: dict[str, IndexedDocument] = {}
        self.postings: dict[str, set[str]] = {}
        self.sentence_postings = SentencePostings.build(())
        self.gazetteer = Gazetteer({}, {}, {})

    def refresh(self) -> None:
        """Rebuild when the store changed since the last build (checked on every call); a
        document whose content is unchanged keeps its built entry.

        With ``stored`` (an :class:`assistant.counting.stored.IndexFile`), the first refresh
        reads the index file: built at the store's current revision, it is used as it is;
        built at another one (the store was written after it, or a writer died between the
        store write and the index write), its documents whose content hash is unchanged are
        kept and the others rebuilt.  Every rebuild writes the file again."""
        signature = self._revision()
        if signature == self._signature:
            return
        with self._lock:
            if signature == self._signature:
                return
            if self._signature is None and self.stored is not None and not self.documents and self._read(signature):
                return
            versions = dict(self._documents())
            kept = {i: d for i, d in self.documents.items() if versions.get(i) == d.content_hash and d.content_hash}
            ids = [i for i in versions if i not in kept]
            facts = self._facts(list(versions)) if self._facts is not None else {}
            documents: dict[str, IndexedDocument] = {}
            for lo in range(0, len(ids), 500):
                for document in self._load(ids[lo : lo + 500]):
                    documents[document.id] = build_document(document, facts.get(document.id, {}))
            for document_id, document in kept.items():
                documents[document_id] = document if document.facts == facts.get(document_id, {}) else \
                    replace(document, facts=dict(facts.get(document_id, {})))
            self.documents = dict(sorted(documents.items()))
            self.postings = postings(self.documents.values())
            self.sentence_postings = SentencePostings.build(self.documents.values())
            self.gazetteer = gazetteer(self.documents.values())
            self._signature = signature
            self.builds += 1
            if self.stored is not None:
                self.stored.save(signature, self.documents, self.postings, self.sentence_postings)

    def _read(self, signature: str) -> bool:
        """Take the index file's content; ``True`` when it was built at ``signature``."""
        found = self.stored.load()
        if found is None:
            return False
        revision, documents, postings_, sentence_postings = found
        self.documents = documents
        if revision != signature:
            logger.info("the sentence index file was built at another store revision; updating the changed documents")
            return False
        self.postings, self.sentence_postings = postings_, sentence_postings
        self.gazetteer = gazetteer(documents.values())
        self._signature = signature
        return True

    def candidates(self, lemmas: Iterable[str]) -> set[str]:
        """The documents containing any of ``lemmas`` (single words; multi-word entries by
        their last word)."""
        found: set[str] = set()
        for lemma in lemmas:
            word = lemma.split()[-1] if " " in lemma else lemma
            found |= self.postings.get(word, set())
        return found


class SentencePostings:
    """Which sentences of the indexed documents have which :func:`sentence_keys`, for finding
    the few sentences that can state a condition without reading every document.

    Sentences are numbered in document order (``documents``: the document ids, ``first[d]``:
    the number of document ``d``'s first sentence); ``by_key[key]``: the sorted numbers of the
    sentences with that key (``int32`` arrays: about 4 bytes per key of a sentence)."""

    def __init__(self, documents: list[str], first: np.ndarray, by_key: dict[str, np.ndarray]) -> None:
        self.documents = documents
        self.first = first
        self.by_key = by_key
        self._owner = np.repeat(np.arange(len(documents), dtype=np.int32), np.diff(first)) if len(documents) else \
            np.zeros(0, dtype=np.int32)

    @classmethod
    def build(cls, documents: Iterable[IndexedDocument]) -> SentencePostings:
        ids: list[str] = []
        first = [0]
        lists: dict[str, list[int]] = {}
        number = 0
        for document in documents:
            ids.append(document.id)
            for sentence in document.sentences:
                for key in sentence.keys if sentence.keys is not None else sentence_keys(sentence.lemmas, sentence.words):
                    found = lists.get(key)
                    if found is None:
                        lists[key] = [number]
                    else:
                        found.append(number)
                number += 1
            first.append(number)
        return cls(ids, np.array(first, dtype=np.int64),
                   {k: np.array(v, dtype=np.int32) for k, v in lists.items()})

    def with_any(self, keys: Iterable[str]) -> np.ndarray:
        """The sorted numbers of the sentences having any of ``keys``."""
        arrays = [a for a in (self.by_key.get(k) for k in keys) if a is not None]
        if not arrays:
            return np.zeros(0, dtype=np.int32)
        return arrays[0] if len(arrays) == 1 else np.unique(np.concatenate(arrays))

    def with_all_of_any(self, key_sets: Iterable[Iterable[str]]) -> np.ndarray:
        """The sorted numbers of the sentences having every key of one of ``key_sets``."""
        arrays = []
        for keys in key_sets:
            found = None
            for key in keys:
                got = self.by_key.get(key)
                if got is None:
                    found = None
                    break
                found = got if found is None else np.intersect1d(found, got, assume_unique=True)
            if found is not None and len(found):
                arrays.append(found)
        if not arrays:
            return np.zeros(0, dtype=np.int32)
        return arrays[0] if len(arrays) == 1 else np.unique(np.concatenate(arrays))

    def by_document(self, sentences: np.ndarray) -> dict[str, list[int]]:
        """``{document id: the positions of the sentences in it}`` for the ``sentences``
        (sorted numbers), in text order."""
        owners = self._owner[sentences]
        local = (sentences - self.first[owners]).tolist()
        found: dict[str, list[int]] = {}
        ids = self.documents
        for owner, position in zip(owners.tolist(), local):
            found.setdefault(ids[owner], []).append(position)
        return found

    def documents_of(self, sentences: np.ndarray) -> set[str]:
        """The ids of the documents the ``sentences`` (numbers) belong to."""
        return {self.documents[d] for d in np.unique(self._owner[sentences]).tolist()}


def build_document(document: Document, facts: Mapping[str, object] | None = None) -> IndexedDocument:
    """The :class:`IndexedDocument` of one document with its ``annotations`` (required) and
    ``meta`` (``None``: undated, no places)."""
    text, annotations = document.text, document.annotations
    if annotations is None:
        raise ValueError(f"{document.id}: the document has no annotations (run the English pipeline first)")
    sentences = []
    every_token = [t for sentence in annotations.sentences for t in sentence.tokens]
    for sentence in annotations.sentences:
        tokens = with_column_headers(text, sentence.tokens, every_token)
        lemmas = tuple(sys.intern(t.lemma) for t in tokens)
        words = tuple(sys.intern(text[t.start : t.end].lower()) for t in tokens)
        sentences.append(IndexedSentence(
            sentence.start, sentence.end, lemmas, words,
            tuple(sys.intern(t.pos) for t in tokens),
            tuple((t.start, t.end) for t in tokens),
            sentence_keys(lemmas, words),
        ))
    meta = document.meta or DocumentMeta()
    day = meta.report.value if meta.report is not None else None
    places = tuple(p for p in meta.places if p.key)
    entities = tuple((e.start, e.end, e.label) for e in annotations.entities)
    return IndexedDocument(document.id, document.source, text, tuple(sentences), places, entities, day,
                           dict(facts or {}), document.content_hash, document.path or document.source,
                           len(document.page_starts))


def with_column_headers(text: str, tokens: Sequence, every_token: Sequence) -> list:
    """``tokens`` (one sentence's) with, after the tokens of each cell of a table row, the tokens
    of that column's header cell (:func:`~assistant.language.sentences.column_header_span`): the
    row "| Dask | 2 | 1 |" under "| District | Violations | Civilians wounded |" reads "Dask
    District 2 Violations 1 Civilians wounded", so a condition and a number are read from a row
    as from a sentence.  The header tokens keep their own spans (before the row); a sentence
    outside a table is returned as it is."""
    if not tokens or "|" not in text[tokens[0].start:tokens[-1].end]:
        return list(tokens)
    out: list = []
    current: tuple[int, int] | None = None

    def close() -> None:
        if current is not None:
            out.extend(t for t in every_token if current[0] <= t.start < current[1])

    for token in tokens:
        if text[token.start:token.end] == "|":
            close()
            current = None
        else:
            span = column_header_span(text, token.start)
            if span != current:
                close()
                current = span
        out.append(token)
    close()
    return out


def postings(documents: Iterable[IndexedDocument]) -> dict[str, set[str]]:
    """``{lemma or lower-case word: ids of the documents that contain it}``; two adjacent
    words also count joined ("air strike" -> "airstrike")."""
    found: dict[str, set[str]] = {}
    for document in documents:
        words: set[str] = set()
        for sentence in document.sentences:
            words.update(sentence.lemmas)
            words.update(sentence.words)
            words.update(a + b for a, b in zip(sentence.lemmas, sentence.lemmas[1:]))
        for word in words:
            found.setdefault(word, set()).add(document.id)
    return found


def gazetteer(documents: Iterable[IndexedDocument]) -> Gazetteer:
    """The collection's places: levels, parents and document counts (see :class:`Gazetteer`)."""
    levels: dict[str, set[str]] = {}
    parents: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    settlements: set[str] = set()
    for document in documents:
        seen = set()
        ordered = sorted(document.places, key=lambda p: p.start)
        for place, after in zip(ordered, ordered[1:]):
            if place.level not in LEVELS and place.level != "dateline" and after.level in _DISTRICT_LEVELS \
                    and _IN_NEXT.fullmatch(document.text[place.end:after.start]) and after.key != place.key:
                parents.setdefault(place.key, set()).add(after.key)
                settlements.add(place.key)
        for place in document.places:
            if place.level in LEVELS:
                levels.setdefault(place.key, set()).add(place.level)
            if place.parent and place_key(place.parent) != place.key:
                parents.setdefault(place.key, set()).add(place_key(place.parent))
            seen.add(place.key)
        if "|" in document.text:
            for key, level in table_places(document.text):
                levels.setdefault(key, set()).add(level)
                seen.add(key)
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
    return Gazetteer({k: frozenset(v) for k, v in levels.items()}, {k: frozenset(v) for k, v in parents.items()},
                     counts, frozenset(k for k in settlements if not levels.get(k)))


def table_places(text: str) -> list[tuple[str, str]]:
    """The places a table of ``text`` names in a column whose header is a place level
    (``"| Kelda | Lissel |"`` under ``"| District | Village |"`` -> ``("kelda", "district")``,
    ``("lissel", "village")``): ``(place key, level)`` per cell that is a name (it starts with a
    capital letter and is no total row's label, :data:`~assistant.language.conditions.SUM_CUES`)."""
    found = []
    for value, _, header in header_cells(text):
        if value[:1].isupper() and value.casefold() not in SUM_CUES:
            words = re.findall(r"[^\W\d_]+", header.casefold())
            level = next((w for w in words if w in LEVELS), None)
            if level is not None and len(words) <= 2:
                found.append((place_key(value), level))
    return found


_DISTRICT_LEVELS = frozenset({"district", "municipality", "county"})
_IN_NEXT = re.compile(r"[^\S\n]*[,(][^\S\n]*(?:in[^\S\n]+)?(?:the[^\S\n]+)?")
"""Between a place and the district right after it that contains it: ", ", " (", ", in the "."""
