"""Count, sum or list across every report in scope: :class:`Counter`.

For a :class:`~assistant.counting.query.CountQuery`:

1. refresh the :class:`~assistant.counting.index.SentenceIndex` when the store changed;
2. the reports in scope: every indexed report whose date, places and source fit the scope
   (M); a scope place that no report gives a level below a country and that most reports
   name is read as the collection's own country and restricts nothing;
3. candidates: the reports whose lemmas include a word of every condition group (the
   index's postings), widened by the keyword (BM25) and dense retrievers' top
   :data:`PRESELECT` chunks for the condition's words, so a report stating it in other words
   can still show as "possibly";
4. decide each candidate from its sentences (:func:`assistant.counting.matching.decide`);
   a counted report whose evidence is far from the scope's place is only "possibly";
5. the answer (:mod:`assistant.counting.answer`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ..types import Answer
from .answer import compose
from .index import IndexedDocument, SentenceIndex, place_key
from .matching import Decision, Hit, decide
from .query import CountQuery

PRESELECT = 200
"""Chunks taken from each of the keyword and dense retrievers as extra candidates."""

COUNTRY_SHARE = 0.25
"""A scope place named by at least this share of the reports, never with a level below a
country, is the collection's own country."""


class Counter:
    """Answers :class:`CountQuery` s over one store.

    Args:
        index: the sentence index of the store.
        preselect: ``preselect(text, n) -> document ids``: the keyword and dense retrievers'
            candidates for ``text`` (their top ``n`` chunks), or ``None`` to skip.
    """

    def __init__(self, index: SentenceIndex,
                 preselect: Callable[[str, int], set[str]] | None = None) -> None:
        self.index = index
        self.preselect = preselect
        self._places: list[set[str]] = []

    def answer(self, query: CountQuery) -> Answer:
        """The answer to ``query`` (``latency_ms`` set), always with ``has_answer`` true except
        when nothing is indexed in scope and the question lists or sums."""
        started = time.perf_counter()
        self.index.refresh()
        documents = self.index.documents
        scoped, notes = self.in_scope(query)
        decisions = self.decisions(query, scoped)
        answer = compose(query, decisions, len(scoped), len(documents), self.index.gazetteer, notes)
        return replace(answer, latency_ms=(time.perf_counter() - started) * 1000.0)

    # ----- scope -------------------------------------------------------------------------------

    def in_scope(self, query: CountQuery) -> tuple[list[IndexedDocument], list[str]]:
        """The reports in scope and notes on how the scope was read."""
        scope = query.scope
        notes: list[str] = []
        places = []
        for spellings in scope.places:
            keys = {place_key(s) for s in spellings}
            if self._country(keys):
                notes.append(f"{spellings[0].title()} is read as the country of the whole collection")
                continue
            places.append(keys)
        found = []
        for document in self.index.documents.values():
            if scope.date_from is not None or scope.date_to is not None:
                if document.date is None:
                    continue
                if scope.date_from is not None and document.date < scope.date_from:
                    continue
                if scope.date_to is not None and document.date > scope.date_to:
                    continue
            if places and not all(self.names_place(document, keys) for keys in places):
                continue
            if scope.sources and not _from_source(document, scope.sources):
                continue
            found.append(document)
        if scope.date_from is not None or scope.date_to is not None:
            undated = sum(1 for d in self.index.documents.values() if d.date is None)
            if undated:
                notes.append(f"{undated} undated report{'s' if undated != 1 else ''} not in scope")
        self._places = places
        return found, notes

    def _country(self, keys: set[str]) -> bool:
        gazetteer = self.index.gazetteer
        total = max(1, len(self.index.documents))
        for key in keys:
            levels = gazetteer.levels.get(key, frozenset())
            if levels - {"country"}:
                return False
            if gazetteer.documents.get(key, 0) / total >= COUNTRY_SHARE:
                return True
        return False

    def names_place(self, document: IndexedDocument, keys: set[str]) -> bool:
        """``document`` names one of the place ``keys``, or a place the collection puts in it,
        or its incident record's province or district is it."""
        gazetteer = self.index.gazetteer
        for place in document.places:
            if place.key in keys or any(gazetteer.within(place.key, k) for k in keys):
                return True
        return any(place_key(str(document.facts.get(f) or "")) in keys for f in ("province", "district"))

    def near_place(self, document: IndexedDocument, offset: int) -> bool:
        """Every scope place is named near ``offset``: in its sentence or paragraph, in the
        heading above it, or the report names no other place of that level (or its
        incident record is there)."""
        gazetteer = self.index.gazetteer
        for keys in getattr(self, "_places", []):
            def hits(place) -> bool:
                return place.key in keys or any(gazetteer.within(place.key, k) for k in keys)

            para = document.paragraph(offset)
            heading = document.heading(offset)
            spans = [para] + ([heading] if heading else [])
            if any(hits(p) and any(a <= p.start < b for a, b in spans) for p in document.places):
                continue
            if any(place_key(str(document.facts.get(f) or "")) in keys for f in ("province", "district")):
                continue
            named = [p for p in document.places if p.level or gazetteer.levels.get(p.key)]
            levels = {lvl for k in keys for lvl in gazetteer.levels.get(k, ())}
            others = {p.key for p in named if not hits(p) and (p.level in levels or levels & set(gazetteer.levels.get(p.key, ())))}
            if not others:
                continue
            return False
        return True

    # ----- decisions ---------------------------------------------------------------------------

    def decisions(self, query: CountQuery, scoped: Sequence[IndexedDocument]) -> list[Decision]:
        """One decision per candidate report in scope (reports that state nothing of the
        condition are left out)."""
        in_scope = {d.id: d for d in scoped}
        candidates = self.candidates(query, set(in_scope))
        decisions = []
        for document_id in sorted(candidates):
            decision = decide(in_scope[document_id], query.condition)
            if query.condition.empty and self._places:
                decision = self._naming(decision)
            if decision.status == "counted" and self._places and not query.condition.empty:
                offset = decision.hits[0].sentence.start if decision.hits else 0
                if not self.near_place(in_scope[document_id], offset):
                    decision = replace(decision, status="possibly",
                                       why=f"names {query.scope.place_text} only elsewhere in the report")
            if decision.status != "no":
                decisions.append(decision)
        return decisions

    def _naming(self, decision: Decision) -> Decision:
        """For a condition-free count: the evidence is the first sentence naming the scope's place."""
        document = decision.document
        gazetteer = self.index.gazetteer
        for place in document.places:
            if any(place.key in keys or gazetteer.within(place.key, k) for keys in self._places for k in keys):
                sentence = next((s for s in document.sentences if s.start <= place.start < s.end), None)
                if sentence is not None:
                    return replace(decision, hits=(Hit(sentence, ()),))
        return decision

    def candidates(self, query: CountQuery, in_scope: set[str]) -> set[str]:
        """The reports in scope worth deciding (see the module docstring)."""
        if query.condition.empty:
            return set(in_scope)
        found: set[str] | None = None
        for group in query.condition.groups:
            words: set[str] = set()
            for clause in group:
                required = [t for t in clause.terms if getattr(t, "required", True)]
                for term in required or clause.terms:
                    words |= {a.split()[0] if term.name else a for a in term.alternatives}
            hit = self.index.candidates(words)
            found = hit if found is None else found | hit if len(query.condition.groups) > 1 else found & hit
        found = (found or set()) & in_scope
        if self.preselect is not None:
            text = " ".join(t.text for t in query.condition.terms())
            found |= self.preselect(text, PRESELECT) & in_scope
        return found


def facts_of(records: Mapping[str, object]) -> dict[str, dict[str, object]]:
    """Accelerator values from incident records: ``{document_id: {field: value}}``."""
    out: dict[str, dict[str, object]] = {}
    for document_id, record in records.items():
        out[document_id] = {
            "date": getattr(record, "date", None),
            "province": getattr(record, "province", None),
            "district": getattr(record, "district", None),
            "killed": getattr(record, "killed", None),
            "captured": getattr(record, "captured", None),
            "names_killed": tuple(getattr(record, "names_killed", ()) or ()),
            "groups": tuple(getattr(record, "target_groups", ()) or ()),
        }
    return out


def _from_source(document: IndexedDocument, sources: Sequence[str]) -> bool:
    head = (document.text[:800] + "\n" + document.text[-300:]).lower()
    folder = document.id.rsplit("/", 1)[0].lower() if "/" in document.id else ""
    return any(s and (s in head or s == folder) for s in sources)
