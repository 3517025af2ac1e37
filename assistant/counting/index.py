"""The in-memory index that a count reads: every document's sentences as lemmas, its places
and its date, and which documents contain which lemma.

Built from the annotations the English pipeline stored at ingest
(:meth:`assistant.storage.store.ChunkStore.document_annotations`) and rebuilt when the store's
revision changes (as :class:`assistant.retrieval.keyword.KeywordRetriever` does for BM25), so
a count never reads the store document by document.

Places come from the named entities (``GPE``, ``LOC``, ``FAC``) and from place phrases of any
country ("Vesk district", "the province of Tëren", "Marjit village, Vesk district, Karvesh
province": a chain says which place lies in which).  Over all documents they make a
gazetteer: each place's levels and the places it lies in.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import regex

from ..language.annotations import Annotations
from ..language.conditions import PLACE_LEVELS
from ..language.dates import stated_date
from ..language.names import NAME_WORD

_LEVEL = "|".join(PLACE_LEVELS)
_CONNECTOR = r"(?:al|el|ad|as|ar|an|e|ye|wa|de|del|la|le)"
_NAME = rf"{NAME_WORD}(?:(?:[^\S\n]*-[^\S\n]*|[^\S\n]+{_CONNECTOR}[^\S\n]*-?[^\S\n]*|[^\S\n]+){NAME_WORD}){{0,3}}"
_NAMED_LEVEL = regex.compile(rf"(?P<name>{_NAME})[^\S\n]+(?P<level>(?i:{_LEVEL}))\b")
_LEVEL_OF = regex.compile(rf"\b(?i:the)[^\S\n]+(?P<level>(?i:{_LEVEL}))[^\S\n]+of[^\S\n]+(?P<name>{_NAME})")
_NOT_NAMES = frozenset("""the a an this that each every our their its his her all both northern southern eastern
western central north south east west same neighbouring neighboring provincial national local one two three
new old in on at of and from for by near to into across""".split())


def place_key(name: str) -> str:
    """A place name as compared: lower case, accents removed, hyphens and apostrophes as
    spaces, the article "el" as "al", a trailing place word and a leading "the" dropped
    (``"Ras el-Kamar District"`` -> ``"ras al kamar"``; ``"Tëren"`` -> ``"teren"``)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = re.sub(r"[-‐–’'`]", " ", plain.casefold()).split()
    words = ["al" if w == "el" else w for w in words]
    while len(words) > 1 and words[-1] in PLACE_LEVELS:
        words.pop()
    while words and words[0] == "the":
        words.pop(0)
    return " ".join(words)


@dataclass(frozen=True)
class Place:
    """A place named in a document: ``key`` (:func:`place_key`), ``name`` as written, ``level``
    (a place word, ``""`` unknown), ``start``/``end`` in the document, ``parent``: the key of
    the place the text puts it in (``""``)."""

    key: str
    name: str
    level: str
    start: int
    end: int
    parent: str = ""


def find_places(text: str, annotations: Annotations) -> list[Place]:
    """Every place of ``text``: place phrases (with their level and parent) and the ``GPE``,
    ``LOC`` and ``FAC`` entities, in text order, one per span."""
    found: dict[tuple[int, int], Place] = {}
    for pattern in (_NAMED_LEVEL, _LEVEL_OF):
        for match in pattern.finditer(text):
            name, dropped = _clean(match.group("name"))
            if not name:
                continue
            start = match.start("name") + dropped
            end = match.end()
            found[(start, end)] = Place(place_key(name), name, match.group("level").lower(),
                                        min(start, match.start()), end)
    covered = [(p.start, p.end) for p in found.values()]
    for entity in annotations.entities:
        if entity.label not in ("GPE", "LOC", "FAC"):
            continue
        if any(a <= entity.start < b or a < entity.end <= b for a, b in covered):
            continue
        name = text[entity.start : entity.end]
        key = place_key(name)
        if key and key not in _NOT_NAMES:
            found[(entity.start, entity.end)] = Place(key, name, "", entity.start, entity.end)
    places = sorted(found.values(), key=lambda p: p.start)
    return _chained(text, places)


def _clean(name: str) -> tuple[str, int]:
    words = regex.split(r"(\s+)", name)
    dropped = 0
    while words and words[0].lower() in _NOT_NAMES:
        dropped += len(words[0]) + (len(words[1]) if len(words) > 1 else 0)
        words = words[2:]
    rest = "".join(words).strip()
    return (rest, dropped) if rest and rest[0].isupper() else ("", 0)


def _chained(text: str, places: list[Place]) -> list[Place]:
    """``X village, Y district`` / ``X (Y province)``: Y is X's parent."""
    result = list(places)
    for i in range(len(result) - 1):
        here, after = result[i], result[i + 1]
        between = text[here.end : after.start]
        if re.fullmatch(r"\s*[,(]\s*(?:in\s+)?", between) and _rank(after.level) > _rank(here.level):
            result[i] = Place(here.key, here.name, here.level, here.start, here.end, after.key)
    return result


def _rank(level: str) -> int:
    return PLACE_LEVELS.index(level) if level in PLACE_LEVELS else -1


@dataclass(frozen=True)
class IndexedSentence:
    """One sentence: its span in the document and its tokens' lemmas, lower-case words,
    parts of speech and spans (parallel tuples)."""

    start: int
    end: int
    lemmas: tuple[str, ...]
    words: tuple[str, ...]
    pos: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class IndexedDocument:
    """One document as a count reads it: ``text``, ``sentences``, ``places``, ``date`` (the
    date it states about itself, else the date of its incident record; ``None``: undated) and
    ``facts``: structured values of its incident record used as accelerators
    (``province``, ``district``, ``killed``, ``captured``, ``names_killed``, ``groups``)."""

    id: str
    source: str
    text: str
    sentences: tuple[IndexedSentence, ...]
    places: tuple[Place, ...]
    entities: tuple[tuple[int, int, str], ...]
    date: date | None = None
    facts: Mapping[str, object] = field(default_factory=dict)

    def paragraph(self, offset: int) -> tuple[int, int]:
        """The span of the paragraph (text between blank lines) around ``offset``."""
        start = self.text.rfind("\n\n", 0, offset)
        end = self.text.find("\n\n", offset)
        return (0 if start < 0 else start + 2), (len(self.text) if end < 0 else end)

    def heading(self, offset: int) -> tuple[int, int] | None:
        """The nearest heading line above ``offset`` (a short line without a final full stop,
        alone in its paragraph or in capitals), or ``None``."""
        position = offset
        while position > 0:
            line_start = self.text.rfind("\n", 0, position - 1) + 1
            line = self.text[line_start:position].strip()
            if line and len(line) < 80 and not line.endswith((".", ",", ";", ":")) and (
                    line.isupper() or line.startswith("#")) and line_start < offset:
                return line_start, line_start + len(self.text[line_start:position].rstrip())
            position = line_start - 1 if line_start > 0 else 0
            if offset - position > 6000:
                break
        return None


@dataclass(frozen=True)
class Gazetteer:
    """What the whole collection says about each place (by :func:`place_key`): its levels, the
    places it lies in, and how many documents name it."""

    levels: Mapping[str, frozenset[str]]
    parents: Mapping[str, frozenset[str]]
    documents: Mapping[str, int]

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
    """Every document's sentences, lemmas, places and date, in memory.

    ``load(ids)`` returns the documents' texts and annotations (and ``facts(ids)`` their
    incident records' values); ``revision()`` changes whenever the indexed content does.
    """

    def __init__(self, revision: Callable[[], str], documents: Callable[[], list[tuple[str, str]]],
                 load: Callable[[list[str]], Iterable[tuple[str, str, str, Annotations]]],
                 facts: Callable[[list[str]], Mapping[str, Mapping[str, object]]] | None = None) -> None:
        self._revision = revision
        self._documents = documents
        self._load = load
        self._facts = facts
        self._lock = threading.Lock()
        self._signature: str | None = None
        self.documents: dict[str, IndexedDocument] = {}
        self.postings: dict[str, set[str]] = {}
        self.gazetteer = Gazetteer({}, {}, {})

    def refresh(self) -> None:
        """Rebuild when the store changed since the last build (checked on every call)."""
        signature = self._revision()
        if signature == self._signature:
            return
        with self._lock:
            if signature == self._signature:
                return
            ids = [document_id for document_id, _ in self._documents()]
            facts = self._facts(ids) if self._facts is not None else {}
            documents: dict[str, IndexedDocument] = {}
            for lo in range(0, len(ids), 500):
                for document_id, source, text, annotations in self._load(ids[lo : lo + 500]):
                    documents[document_id] = build_document(document_id, source, text, annotations,
                                                            facts.get(document_id, {}))
            self.documents = documents
            self.postings = postings(documents.values())
            self.gazetteer = gazetteer(documents.values())
            self._signature = signature

    def candidates(self, lemmas: Iterable[str]) -> set[str]:
        """The documents containing any of ``lemmas`` (single words; multi-word entries by
        their last word)."""
        found: set[str] = set()
        for lemma in lemmas:
            word = lemma.split()[-1] if " " in lemma else lemma
            found |= self.postings.get(word, set())
        return found


def build_document(document_id: str, source: str, text: str, annotations: Annotations,
                   facts: Mapping[str, object] | None = None) -> IndexedDocument:
    """The :class:`IndexedDocument` of one annotated document."""
    sentences = []
    for sentence in annotations.sentences:
        tokens = sentence.tokens
        sentences.append(IndexedSentence(
            sentence.start, sentence.end,
            tuple(sys_intern(t.lemma) for t in tokens),
            tuple(sys_intern(text[t.start : t.end].lower()) for t in tokens),
            tuple(sys_intern(t.pos) for t in tokens),
            tuple((t.start, t.end) for t in tokens),
        ))
    facts = dict(facts or {})
    day = stated_date(text)
    if day is None and facts.get("date"):
        try:
            day = date.fromisoformat(str(facts["date"]))
        except ValueError:
            day = None
    places = tuple(find_places(text, annotations))
    entities = tuple((e.start, e.end, e.label) for e in annotations.entities)
    return IndexedDocument(document_id, source, text, tuple(sentences), places, entities, day, facts)


def sys_intern(value: str) -> str:
    import sys

    return sys.intern(value)


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
    for document in documents:
        seen = set()
        for place in document.places:
            if place.level:
                levels.setdefault(place.key, set()).add(place.level)
            if place.parent:
                parents.setdefault(place.key, set()).add(place.parent)
            seen.add(place.key)
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
    return Gazetteer({k: frozenset(v) for k, v in levels.items()}, {k: frozenset(v) for k, v in parents.items()},
                     counts)
