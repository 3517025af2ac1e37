"""What the index holds by time, place and source: one entry per document, read from the
document records (:meth:`ChunkStore.document_metas`) and kept until the store's revision changes.

It answers what a filter needs before the store is queried: the newest report date (what
"last week" is relative to), which indexed place keys a place name stands for, which source
keys a source name stands for, and the list of places and sources a page offers.
"""

from __future__ import annotations

import logging
import sys
import threading
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..language.places import names_place, place_key, spelling_key
from ..language.publishers import source_key
from ..types import DocumentInfo, DocumentMeta, Filters
from .persisted import (
    code_stamp,
    decoder,
    encoder,
    from_json_array,
    json_array,
    load_index,
    save_index,
    schema,
)
from .store import ChunkStore
from .timeplace import document_source_keys, where_clause


@dataclass(frozen=True)
class CatalogEntry:
    """One indexed document: its store record and its time-and-place values (``None``: not read yet)."""

    info: DocumentInfo
    meta: DocumentMeta | None

    @property
    def report_date(self) -> date | None:
        return self.meta.report.value if self.meta is not None and self.meta.report is not None else None


logger = logging.getLogger(__name__)

COLLECTION_SHARE = 0.25
"""A place named (never with a level) by at least this share of the reports is the collection's
own country (:meth:`Catalog.names_whole_collection`); chosen on the counting sets' half A."""


class Catalog:
    """The time-and-place view of one store (thread-safe; re-read when the store changes)."""

    def __init__(self, store: ChunkStore, stored: CatalogFile | None = None) -> None:
        self.store = store
        self.stored = stored
        self._lock = threading.Lock()
        self._revision: str | None = None
        self._entries: dict[str, CatalogEntry] = {}
        self._derived: dict[str, object] = {}
        self._derived_of: dict[str, CatalogEntry] | None = None

    def entries(self) -> dict[str, CatalogEntry]:
        """``{document_id: entry}`` of every indexed document."""
        with self._lock:
            revision = self.store.revision()
            if revision != self._revision:
                entries = self.stored.load(revision) if self._revision is None and self.stored is not None else None
                if entries is None:
                    entries = {i: CatalogEntry(info, meta) for i, (info, meta) in self.store.document_metas().items()}
                    if self.stored is not None:
                        self.stored.save(revision, entries)
                self._entries = entries
                self._revision = revision
            return self._entries

    def newest(self) -> date | None:
        """The newest report date in the index (``None``: no dated report)."""
        dates = [e.report_date for e in self.entries().values() if e.report_date is not None]
        return max(dates, default=None)

    def date_span(self) -> tuple[date, date] | None:
        """The oldest and newest report dates (kept until the entries are re-read: every question
        reads them, a pass over every report)."""
        return self._cached("date span", self._date_span)

    def _date_span(self) -> tuple[date, date] | None:
        dates = [e.report_date for e in self.entries().values() if e.report_date is not None]
        return (min(dates), max(dates)) if dates else None

    def _cached(self, name: str, build):
        """``build()``, kept until the entries are re-read (a count asks for the same place
        sets several times; each is a pass over every report's places)."""
        entries = self.entries()
        if self._derived_of is not entries:
            self._derived, self._derived_of = {}, entries
        if name not in self._derived:
            self._derived[name] = build()
        return self._derived[name]

    def _parents(self) -> dict[str, set[str]]:
        parents: dict[str, set[str]] = {}
        for meta in self._metas():
            for place in meta.places:
                if place.parent and place.level != "dateline":
                    parents.setdefault(place.key, set()).add(place_key(place.parent))
        return parents

    def contained_keys(self, keys: list[str]) -> list[str]:
        """``keys`` and the keys of the places the indexed reports put inside them, at any
        depth ("Marjit village, Vesk district, Karvesh province": Marjit and Vesk lie in Karvesh)."""
        parents: dict[str, set[str]] = self._cached("parents", self._parents)
        found, frontier = set(keys), set(keys)
        while frontier:
            frontier = {child for child, ps in parents.items() if ps & frontier and child not in found}
            found |= frontier
        return list(keys) + sorted(found - set(keys))

    def place_keys(self, name: str) -> list[str]:
        """The indexed place keys ``name`` stands for: its own key when a document names it,
        else the keys that contain it as whole words (``"Ras Kamar"`` finds nothing, ``"Kamar"``
        finds ``"ras al kamar"``), and the keys spelt the same up to transliteration
        (:func:`~assistant.language.places.spelling_key`: ``"Ras al Qamar"`` with ``"Ras
        al-Kamar"``)."""
        known, spelt = self._cached("place keys", self._place_keys)
        found = _matching(place_key(name), known)
        return found + sorted(k for k in spelt.get(spelling_key(name), ()) if k not in found)

    def _place_keys(self) -> tuple[set[str], dict[str, list[str]]]:
        """The place keys of every indexed report, and those keys by their :func:`spelling_key`
        (one pass, not one per name asked about)."""
        known = {p.key for e in self._metas() for p in e.places}
        spelt: dict[str, list[str]] = {}
        for key in known:
            spelt.setdefault(spelling_key(key), []).append(key)
        return known, spelt

    def source_keys(self, name: str) -> list[str]:
        """The indexed source keys ``name`` stands for (as :meth:`place_keys`)."""
        return _matching(source_key(name), self._cached(
            "source keys", lambda: {k for e in self._metas() for k in document_source_keys(e)}))

    def knows_place(self, name: str) -> bool:
        """A document names a place ``name`` stands for."""
        return bool(self.place_keys(name))

    def naming_documents(self, name: str) -> frozenset[str]:
        """The ids of the documents whose text names the place ``name`` stands for, whatever
        the document's own places say: the catalog links a place to a report only where the
        place rules or the entity recogniser read it ("Koslo city"), and misses the same name
        in a bullet (``"- Durnhold: ..."``), a table cell, or a phrase the recogniser reads as
        a person ("between Merran and Koslo").  Compared as :func:`place_key` compares names,
        in every spelling the indexed reports use for it (:meth:`place_keys`) and the one given;
        whole capitalised words only (:func:`assistant.language.places.names_place`)."""
        return self._cached(f"naming {name}", lambda: self._naming(name))

    def _naming(self, name: str) -> frozenset[str]:
        keys = set(self.place_keys(name)) | ({place_key(name)} - {""})
        spellings = {name} | {p.name for m in self._metas() for p in m.places if p.key in keys}
        words = {max(s.split(), key=len) for s in spellings if s.split()}
        phrases = {v for w in words for v in (w, w.upper(), w[:1].upper() + w[1:].lower())}
        texts = self.store.documents_containing(sorted(phrases))
        return frozenset(i for i, text in texts.items() if i in self.entries() and names_place(text, keys))

    def place_documents(self, name: str, *, contained: bool = False) -> frozenset[str]:
        """The ids of the documents a place filter on ``name`` selects: those whose places
        are one of :meth:`place_keys` (``contained``: or a place inside it, :meth:`contained_keys`)
        and those whose text names it (:meth:`naming_documents`)."""
        keys = set(self.place_keys(name))
        if contained:
            keys = set(self.contained_keys(sorted(keys)))
        linked = {i for i, e in self.entries().items()
                  if e.meta is not None and not keys.isdisjoint(p.key for p in e.meta.places)}
        return frozenset(linked) | self.naming_documents(name)

    def knows_place_with_level(self, name: str) -> bool:
        """A document names ``name`` with its admin level or as a dateline ("Vesk district",
        "the town of Orrin", "KARVESH, 12 April"): read by the place rules, not only guessed
        by the entity recogniser."""
        keys = set(self.place_keys(name))
        return not keys.isdisjoint(self._cached("levelled keys", self._levelled))

    def names_whole_collection(self, name: str) -> bool:
        """``name`` stands for the country (or region) the whole collection is about: at least
        :data:`COLLECTION_SHARE` of the indexed reports name it, and no report gives it an
        admin level or a dateline ("Valdoria" in reports about Valdoria, "Afghanistan" in ISAF
        releases; never "Helmand", which reports call a province).  A report names it when one of
        its places is it or when its text does (:meth:`naming_documents`: also inside the name of a
        national body, "Morvania Press Service")."""
        keys = set(self.place_keys(name))
        metas = self._metas()
        if not keys or not metas:
            return False
        if not keys.isdisjoint(self._cached("levelled keys", self._levelled)):
            return False
        linked = self._cached("keys per report", lambda: {i: frozenset(p.key for p in e.meta.places)
                                                          for i, e in self.entries().items() if e.meta is not None})
        naming = {i for i, named in linked.items() if not named.isdisjoint(keys)}
        if len(naming) >= COLLECTION_SHARE * len(self.entries()):
            return True
        # the country's name inside the names of the collection's own bodies ("Morvania Press Service",
        # "Office for Relief in Morvania"): the text names it where the recogniser saw an organisation;
        # not when another place is already the collection's country by its place mentions ("Valdoria",
        # and "Aldomir", its capital, in the name of the "Aldomir Daily")
        if self._cached("countries by mentions", self._countries_by_mentions):
            return False
        return len(naming | self.naming_documents(name)) >= COLLECTION_SHARE * len(self.entries())

    def _countries_by_mentions(self) -> frozenset[str]:
        """The place keys named (as places) by at least :data:`COLLECTION_SHARE` of the reports and
        never with an admin level or as a dateline."""
        counts: Counter[str] = Counter()
        for meta in self._metas():
            counts.update({p.key for p in meta.places})
        levelled = self._cached("levelled keys", self._levelled)
        return frozenset(k for k, n in counts.items()
                         if k not in levelled and n >= COLLECTION_SHARE * len(self.entries()))

    def _levelled(self) -> set[str]:
        """The place keys some report names with an admin level or as a dateline."""
        return {p.key for meta in self._metas() for p in meta.places if p.level}

    def places(self) -> list[tuple[str, int]]:
        """``(name, number of documents)`` of every named place, most named first."""
        counts: Counter[str] = Counter()
        names: dict[str, str] = {}
        for meta in self._metas():
            for place in {p.key: p for p in meta.places}.values():
                counts[place.key] += 1
                names.setdefault(place.key, place.name.title() if place.name.isupper() else place.name)
        return [(names[k], n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def sources(self) -> list[tuple[str, int]]:
        """``(source name, number of documents)``: the publisher, else the folder."""
        counts = Counter(m.source_name for m in self._metas() if m.source_name)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def where(self, filters: Filters, *, contained: bool = False) -> dict | None:
        """The Chroma ``where`` of ``filters`` with the place and source names resolved to the
        indexed keys (:func:`assistant.storage.timeplace.where_clause`), a place filter also
        matching every report whose text names the place (:meth:`naming_documents`); ``contained``:
        and the reports that name only a place inside it (:meth:`contained_keys`)."""
        places = self.place_keys(filters.place) if filters.place else None
        if places and contained:
            places = self.contained_keys(places)
        naming = self.naming_documents(filters.place) if filters.place else None
        sources = self.source_keys(filters.source) if filters.source else None
        return where_clause(filters, places=places, sources=sources, naming=naming)

    def _metas(self) -> list[DocumentMeta]:
        return [e.meta for e in self.entries().values() if e.meta is not None]


class CatalogFile:
    """The catalog's entries kept in the store's folder (:mod:`assistant.storage.persisted`),
    so a fresh process does not read every document record (2.5 s at 10,000 reports).  Used
    only when it was written at the store's current revision."""

    def __init__(self, path: Path, version: str = "") -> None:
        self.path = path
        self.expected = {"kind": "catalog", "format": 1, "version": version, "schema": schema(CatalogEntry),
                         "code": code_stamp([sys.modules[__name__], sys.modules[DocumentMeta.__module__]])}
        self.loads = 0

    def load(self, revision: str) -> dict[str, CatalogEntry] | None:
        """The entries written at ``revision``, else ``None``."""
        found = load_index(self.path, self.expected)
        if found is None:
            return None
        header, archive = found
        if header.get("revision") != revision:
            logger.info("the catalog file %s was written at another store revision; reading the store", self.path)
            return None
        try:
            with archive:
                rows = from_json_array(archive["entries"])
            read = decoder(CatalogEntry)
            entries = {entry.info.id: entry for entry in map(read, rows)}
        except (ValueError, KeyError, TypeError, IndexError, OSError, zipfile.BadZipFile) as exc:
            logger.warning("the catalog file %s cannot be read (%s); reading the store", self.path, exc)
            return None
        self.loads += 1
        return entries

    def save(self, revision: str, entries: dict[str, CatalogEntry]) -> None:
        """Write ``entries`` as read at ``revision`` (a failure is logged, never raised)."""
        try:
            save_index(self.path, {**self.expected, "revision": revision},
                       {"entries": json_array(list(map(encoder(CatalogEntry), entries.values())))})
        except (OSError, TypeError, ValueError) as exc:
            logger.warning("the catalog could not be written to %s (%s)", self.path, exc)


def _matching(key: str, known: set[str]) -> list[str]:
    if not key:
        return []
    if key in known:
        return [key]
    padded = f" {key} "
    return sorted(k for k in known if padded in f" {k} ")
