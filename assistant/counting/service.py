"""Count, sum or list across every report in scope: :class:`Counter`.

For a :class:`~assistant.counting.query.CountQuery` under the question's
:class:`~assistant.types.Scope` (:func:`assistant.retrieval.scope.resolve_scope`):

1. refresh the :class:`~assistant.counting.index.SentenceIndex` when the store changed;
2. the reports in scope (M): the scope's documents; a period counts the reports *dated* in
   it (their report date, :func:`assistant.retrieval.scope.by_report_date`), not those that
   merely mention a day of it, and an undated report is in no period;
3. candidates: the reports whose lemmas include a word of every condition group (the
   index's postings), widened by the keyword (BM25) and dense retrievers' top
   :data:`PRESELECT` chunks for the condition's words, so a report stating it in other words
   can still show as "possibly";
4. decide each candidate from its sentences (:func:`assistant.counting.matching.decide`);
   a counted report whose evidence is far from the scope's place is only "possibly".  Only
   the candidates that *can* state the condition are decided (:meth:`Counter.possible`: a
   sentence with the words a clause needs, from the index's sentence postings); the others
   would be decided "no", so the answer is the same, and the retrievers are asked only when
   such a report is not already a candidate by its words;
5. the answer (:mod:`assistant.counting.answer`).
"""

from __future__ import annotations

import time
from collections import Counter as Tally
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import numpy as np

from ..retrieval.scope import by_report_date
from ..types import Answer, Citation, Scope
from .answer import compose, event_sum
from ..language.conditions import REFERRING_PRONOUNS
from ..language.names import defined_abbreviations, is_acronym
from ..language.places import LEVELS, NAME_MARKS, names_place, place_key
from ..language.sentences import column_header
from .index import IndexedDocument, SentenceIndex
from .matching import Decision, Hit, decide, term_key_sets, term_words
from .query import CountQuery, Term

PRESELECT = 200
"""Chunks taken from each of the keyword and dense retrievers as extra candidates."""


class Counter:
    """Answers :class:`CountQuery` s over one store.

    Args:
        index: the sentence index of the store.
        preselect: ``preselect(text, n) -> document ids``: the keyword and dense retrievers'
            candidates for ``text`` (their top ``n`` chunks), or ``None`` to skip.
        place_keys: ``place_keys(name) -> keys``: the indexed place keys a place filter
            stands for (:meth:`assistant.storage.catalog.Catalog.place_keys`).
        page_at: ``page_at(document_id, offset) -> page``: the PDF page of an offset
            (:meth:`assistant.storage.store.ChunkStore.page_at`), for the citations.
        widen: ``widen(scope) -> scope``: a place scope as a count reads it, with the reports
            that name only a place inside it (:func:`assistant.retrieval.scope.with_contained_places`).
    """

    def __init__(self, index: SentenceIndex, preselect: Callable[[str, int], set[str]] | None = None,
                 place_keys: Callable[[str], list[str]] | None = None,
                 page_at: Callable[[str, int], int | None] | None = None,
                 widen: Callable[[Scope], Scope] | None = None) -> None:
        self.widen = widen
        self.index = index
        self.preselect = preselect
        self.place_keys = place_keys or (lambda name: [])
        self.page_at = page_at
        self._inside: dict[tuple[frozenset[str], str], bool] = {}
        self._inside_of: object | None = None

    def answer(self, query: CountQuery, scope: Scope | None = None) -> Answer:
        """The answer to ``query`` over the reports of ``scope`` (``None``: every indexed
        report), with ``latency_ms`` and ``scope`` (as counted) set."""
        started = time.perf_counter()
        self.index.refresh()
        documents = self.index.documents
        if scope is not None and self.widen is not None:
            scope = self.widen(scope)
        counted_scope = by_report_date(scope, {i: d.date for i, d in documents.items()}) if scope else None
        scoped = [documents[i] for i in sorted(counted_scope.documents) if i in documents] \
            if counted_scope is not None else list(documents.values())
        places = [set(self.place_keys(counted_scope.filters.place)) or {place_key(counted_scope.filters.place)} - {""}] \
            if counted_scope is not None and counted_scope.filters.place else []
        query = self.with_long_forms(query)
        decisions = self.decisions(query, scoped, places, counted_scope)
        query = event_sum(query, decisions) or query  # stated numbers of the counted events: their sum
        answer = compose(query, decisions, len(scoped), len(documents), self.index.gazetteer, counted_scope,
                         [k for keys in places for k in keys], self.index.postings)
        return replace(answer, citations=self._paged(answer.citations),
                       latency_ms=(time.perf_counter() - started) * 1000.0, scope=counted_scope)

    LONG_FORM_REPORTS = 50
    """How many reports writing an acronym are read for the long form they define."""

    def with_long_forms(self, query: CountQuery) -> CountQuery:
        """``query`` with each acronym of its condition ("BRF") also stated by the long forms the
        collection's reports define for it ("Border Rifles Force (BRF)": :func:`defined_abbreviations`,
        read in at most :data:`LONG_FORM_REPORTS` reports that write the acronym), so a report
        writing only the long form states it."""
        documents = self.index.documents

        def widened(term: Term) -> Term:
            if not (term.name and is_acronym(term.text)):
                return term
            long_forms = set()
            for document_id in sorted(self.index.postings.get(term.text.lower(), set()))[:self.LONG_FORM_REPORTS]:
                document = documents.get(document_id)
                if document is not None:
                    long = defined_abbreviations(document.text).get(term.text.upper())
                    if long:
                        long_forms.add(" ".join(NAME_MARKS.sub(" ", long).split()))
            return replace(term, alternatives=term.alternatives | long_forms) if long_forms else term

        groups = tuple(tuple(replace(c, terms=tuple(widened(t) for t in c.terms)) for c in group)
                       for group in query.condition.groups)
        return replace(query, condition=replace(query.condition, groups=groups))

    def _paged(self, citations: tuple[Citation, ...]) -> tuple[Citation, ...]:
        """``citations`` with the PDF pages their evidence starts and ends on."""
        if self.page_at is None:
            return citations
        out = []
        for citation in citations:
            document = self.index.documents.get(citation.document_id)
            if document is not None and document.pages:
                page = self.page_at(citation.document_id, citation.start)
                last = self.page_at(citation.document_id, max(citation.start, citation.end - 1))
                citation = replace(citation, page=page, page_end=last if last is not None and page is not None
                                   and last > page else None)
            out.append(citation)
        return tuple(out)

    # ----- scope -------------------------------------------------------------------------------

    def names_place(self, document: IndexedDocument, keys: set[str]) -> bool:
        """``document`` names one of the place ``keys``, or a place the collection puts in it,
        or its incident record's province or district is it."""
        gazetteer = self.index.gazetteer
        for place in document.places:
            if place.key in keys or any(gazetteer.within(place.key, k) for k in keys):
                return True
        return any(place_key(str(document.facts.get(f) or "")) in keys for f in ("province", "district"))

    def near_place(self, document: IndexedDocument, offset: int, places: Sequence[set[str]]) -> bool:
        """Every scope place is named near ``offset``: in its sentence or paragraph, in the
        heading above it, in the words of its line or heading (a bullet "- Durnhold: ...", a
        table row, where the place rules and the entity recogniser read no place), or the
        report names no other place with that level; never when the evidence's paragraph names
        another place and not the scope's ("an ambush near Ravel" in a report datelined Vorn)."""
        gazetteer = self.index.gazetteer
        if self._inside_of is not gazetteer or len(self._inside) > 100_000:
            self._inside, self._inside_of = {}, gazetteer
        inside = self._inside
        for keys in places:
            frozen = frozenset(keys)
            # a report naming the scope's place and no other of its level puts its smaller places in it
            sole_levels = _sole_levels(document, keys, gazetteer)
            sole = bool(sole_levels)

            def hits(place) -> bool:
                """The place is one of ``keys`` or lies in one (kept per gazetteer: a count over a
                province asks this for every place of thousands of reports), or the report is
                about the scope's place alone and the place is of no level of it."""
                key = place.key
                found = inside.get((frozen, key))
                if found is None:
                    found = key in keys or any(gazetteer.within(key, k) for k in keys)
                    inside[(frozen, key)] = found
                return found or sole and place.level != "dateline" and not (
                    sole_levels & (gazetteer.levels.get(key, frozenset()) | {place.level}))

            para = document.paragraph(offset)
            heading = document.heading(offset)
            spans = [para] + ([heading] if heading else [])

            def elsewhere(a: int, b: int) -> bool | None:
                """The places named in ``a``-``b``: ``False`` when one is the scope's, ``True`` when
                only others are (not datelines, not facilities such as "Serrin Street", which lie in
                a town, not places the scope lies in), ``None`` when none."""
                named = [p for p in document.places if a <= p.start < b and p.level != "dateline"
                         and not any(label == "FAC" and x <= p.start < y for x, y, label in document.entities)]
                if not named:
                    return None
                if any(hits(p) for p in named):
                    return False
                return any(not any(gazetteer.within(k, p.key) for k in keys) for p in named)

            row = table_row_place(document.text, offset, frozen)
            if row is not None:
                line = document.text[document.text.rfind("\n", 0, offset) + 1:].split("\n", 1)[0]
                if row or any(gazetteer.within(place_key(cell), k) for cell in line.split("|") if cell.strip()
                              for k in keys):
                    continue  # the row names the place, or a place the collection puts in it
                return False  # a row of a table by place that names another place
            sentence = next((s for s in document.sentences if s.start <= offset < s.end), None)
            if sentence is not None and elsewhere(sentence.start, sentence.end):
                return False  # "the market bombing in Halm" in a paragraph naming Vorn
            if sentence is not None and elsewhere(para[0], para[1]) is None:
                # a paragraph naming no place refers back to the last place named before it
                before = [s for s in document.sentences if s.end <= para[0]]
                for earlier in reversed(before):
                    verdict = elsewhere(earlier.start, earlier.end)
                    if verdict is not None:
                        if verdict:
                            return False
                        break
            if any(hits(p) and any(a <= p.start < b for a, b in spans) for p in document.places):
                continue
            if names_place(_line_at(document.text, offset), frozen) or (
                    heading and names_place(document.text[heading[0]:heading[1]], frozen)):
                continue  # "- Durnhold: ... five soldiers were wounded": the bullet or heading names it
            if any(not hits(p) and p.level != "dateline" and para[0] <= p.start < para[1]
                   and not any(gazetteer.within(k, p.key) for k in keys) for p in document.places):
                return False  # the evidence's paragraph names another place, not one the scope lies in
            levels = {lvl for k in keys for lvl in gazetteer.levels.get(k, ())}
            # another place the report names *with* that level ("Teren province"); a bare name
            # ("Paktika" in an editor's note) is not enough to put the evidence elsewhere
            others = {p.key for p in document.places if not hits(p) and p.level in levels}
            if not others:
                continue
            return False
        return True

    # ----- decisions ---------------------------------------------------------------------------

    def decisions(self, query: CountQuery, scoped: Sequence[IndexedDocument], places: Sequence[set[str]] = (),
                  scope: Scope | None = None) -> list[Decision]:
        """One decision per candidate report in scope (reports that state nothing of the
        condition are left out); ``places``: the scope's place keys."""
        in_scope = {d.id: d for d in scoped}
        plan = self._plan(query)
        possible = self.possible(query, set(in_scope), plan)
        only = None
        if possible is None:
            candidates = self.candidates(query, set(in_scope))
        else:  # the candidates that can state the condition: the same decisions, fewer of them
            by_words = self.candidates(query, set(in_scope), preselect=False)
            candidates = possible & by_words
            if possible - by_words and self.preselect is not None:
                candidates |= possible & self._preselected(query, set(in_scope))
            assert plan is not None
            postings = self.index.sentence_postings
            where = {key: postings.by_document(numbers) for key, numbers in plan.items()}

            def only(document: IndexedDocument, clause) -> list:
                """The sentences of ``document`` that may hold a hit of ``clause`` (the others hold none)."""
                return [document.sentences[i] for i in where[id(clause)].get(document.id, ())]
        decisions = []
        elsewhere = f"names {scope.filters.place if scope else 'the place'} only elsewhere in the report"
        for document_id in sorted(candidates):
            document = in_scope[document_id]
            near = (lambda hit, d=document: self.near_place(d, hit.sentence.start, places)) if places else None
            sentences = (lambda clause, d=document: only(d, clause)) if only is not None else None
            decision = decide(document, query.condition, near, elsewhere, sentences=sentences)
            if query.condition.empty and places:
                decision = self._naming(decision, places)
            if decision.status != "no":
                decisions.append(decision)
        return decisions

    def _naming(self, decision: Decision, places: Sequence[set[str]]) -> Decision:
        """For a condition-free count: the evidence is the first sentence naming the scope's place."""
        document = decision.document
        gazetteer = self.index.gazetteer
        for place in document.places:
            if any(place.key in keys or gazetteer.within(place.key, k) for keys in places for k in keys):
                sentence = next((s for s in document.sentences if s.start <= place.start < s.end), None)
                if sentence is not None:
                    return replace(decision, hits=(Hit(sentence, ()),))
        return decision

    def candidates(self, query: CountQuery, in_scope: set[str], preselect: bool = True) -> set[str]:
        """The reports in scope worth deciding: those whose words could state every condition
        group but at most one, each group through a clause whose required terms all but one
        occur in the report (the index's postings, :func:`assistant.counting.matching.term_words`:
        what :func:`~assistant.counting.matching.decide` can count or call "possibly"), plus the
        keyword and dense retrievers' top :data:`PRESELECT` chunks for the condition's words
        (``preselect`` false: without those)."""
        if query.condition.empty:
            return set(in_scope)
        groups = query.condition.groups
        per_group: list[set[str]] = []
        for group in groups:
            reached: set[str] = set()
            for clause in group:
                required = [t for t in clause.terms if t.required] or list(clause.terms)
                hits: Tally[str] = Tally()
                for term in required:
                    hits.update(self.index.candidates(term_words(term)) & in_scope)
                need = len(required) - (1 if len(required) > 1 else 0)
                reached |= {d for d, n in hits.items() if n >= need}
            per_group.append(reached)
        tally: Tally[str] = Tally()
        for reached in per_group:
            tally.update(reached)
        need = len(groups) - (1 if len(groups) > 1 else 0)
        found = {d for d, n in tally.items() if n >= need}
        if preselect and self.preselect is not None:
            found |= self._preselected(query, in_scope)
        return found

    def _preselected(self, query: CountQuery, in_scope: set[str]) -> set[str]:
        text = " ".join(t.text for t in query.condition.terms())
        return self.preselect(text, PRESELECT) & in_scope if self.preselect is not None else set()

    def possible(self, query: CountQuery, in_scope: set[str], plan: dict[int, np.ndarray] | None = None
                 ) -> set[str] | None:
        """The reports in scope that have, for every condition group but at most one (every
        group when there is one), a sentence that may hold a hit of one of its clauses
        (:meth:`_clause_sentences`: what :func:`~assistant.counting.matching.match_clause`
        needs to find a hit), read from the index's sentence postings by
        :func:`~assistant.counting.matching.term_key_sets`.  Every other report is decided "no".
        ``None``: the condition is empty or a term may be stated anywhere.  ``plan``: the
        query's :meth:`_plan`, when already made."""
        plan = self._plan(query) if plan is None else plan
        if plan is None:
            return None
        postings = self.index.sentence_postings
        groups = query.condition.groups
        tally: Tally[str] = Tally()
        for group in groups:
            sentences = [plan[id(clause)] for clause in group]
            if sentences:
                tally.update(postings.documents_of(np.concatenate(sentences)) & in_scope)
        need = max(1, len(groups) - 1)
        return {d for d, n in tally.items() if n >= need}

    def _plan(self, query: CountQuery) -> dict[int, np.ndarray] | None:
        """``{id(clause): the numbers of the sentences that may hold a hit of it}`` for every
        clause of the condition (:meth:`_clause_sentences`); ``None``: the condition is empty
        or a term may be stated anywhere."""
        if query.condition.empty:
            return None
        plan = {}
        for group in query.condition.groups:
            for clause in group:
                found = self._clause_sentences(clause)
                if found is None:
                    return None
                plan[id(clause)] = found
        return plan

    def _clause_sentences(self, clause) -> np.ndarray | None:
        """The numbers of the sentences that may hold a hit of ``clause``: with R required
        terms, all of them when R is 1, R - 1 of them when R is 3 or more, and when R is 2 both
        or one with another term of the clause (a hit missing one required term needs two
        matched words); without required terms, any term.  ``None``: a term has no keys."""
        postings = self.index.sentence_postings
        required, optional = [], []
        for term in clause.terms:
            sets = term_key_sets(term)
            if sets is None:
                return None
            (required if term.required else optional).append(postings.with_all_of_any(sets))
        if not required:
            return np.unique(np.concatenate(optional)) if optional else np.zeros(0, dtype=np.int32)
        if len(required) == 1:
            return required[0]
        if len(required) == 2:
            both = np.intersect1d(required[0], required[1])
            either = np.union1d(required[0], required[1])
            # one of them and a pronoun that may stand for the other (matching.referred)
            both = np.union1d(both, np.intersect1d(either, postings.with_all_of_any(
                tuple((p,) for p in sorted(REFERRING_PRONOUNS)))))
            if not optional:
                return both
            return np.union1d(both, np.intersect1d(either, np.unique(np.concatenate(optional))))
        numbers, counts = np.unique(np.concatenate(required), return_counts=True)
        return numbers[counts >= len(required) - 1]


PLACE_COLUMNS = frozenset(LEVELS) | {"location", "place", "area", "locality", "site", "settlement"}
"""Header words of a table column that names each row's place."""


def table_row_place(text: str, offset: int, keys: frozenset[str]) -> bool | None:
    """For ``offset`` in a table row of ``text`` whose table has a place column (a header
    such as "Province", "District", "Location": :data:`PLACE_COLUMNS`): whether the row's line
    names one of the place ``keys`` ("| Benthar (Aldomir) | 2 | 3 |" for Aldomir; not "| Karvesh |
    1 | 4 |").  ``None`` outside such a table (the paragraph and heading decide)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start:len(text) if end == -1 else end]
    if "|" not in line:
        return None
    headers = set()
    at = start
    for cell in line.split("|"):
        stripped = cell.strip()
        if stripped:
            header = column_header(text, at + cell.index(stripped[0]))
            if header is not None:
                headers.update(header.lower().split())
        at += len(cell) + 1
    if not headers & PLACE_COLUMNS:
        return None
    return names_place(line, keys)


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


def _sole_levels(document: IndexedDocument, keys: set[str], gazetteer) -> set[str]:
    """The levels ``document`` itself gives a scope place (one of ``keys``: "Khost province") when it
    names no other place of those levels outside it (a report about one province puts its
    districts in it, even where the collection never says so), else none.  Villages, towns
    and cities are no such container.  A report naming a scope place only without its level
    gives it the collection's levels when it names it in a title or heading line
    (:func:`_in_title`) and names no other place the collection gives such a level."""
    small = {"village", "town", "city"}
    levels = {p.level for p in document.places if p.key in keys and p.level in LEVELS} - small
    titled = not levels
    if titled:  # "CALDER OFFICE / Tamsel Province": the title names it, its level the collection's
        levels = {level for p in document.places if p.key in keys and p.level not in LEVELS
                  and _in_title(document, p.start) for level in gazetteer.levels.get(p.key, ())} - small
    if not levels:
        return set()
    for place in document.places:
        if place.key in keys or place.level == "dateline" or any(gazetteer.within(place.key, k) for k in keys):
            continue
        if place.level in levels or titled and place.level not in LEVELS and levels & gazetteer.levels.get(
                place.key, frozenset()):
            return set()  # another place of the level: a competing province
    return levels


TITLE_LINE = 80
"""Characters a title or heading line is shorter than."""


def _in_title(document: IndexedDocument, offset: int) -> bool:
    """``offset`` stands in a title or heading line of ``document``: a short line (under
    :data:`TITLE_LINE` characters, no final full stop) of its first block (the masthead and
    title before the first blank line), or a heading (:meth:`IndexedDocument.heading`)."""
    text = document.text
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    line = text[start:end].strip()
    if not line or len(line) >= TITLE_LINE or line.endswith((".", ";", ",")):
        return False
    if "\n\n" not in text[:start].strip("\n"):
        return True  # the first block
    heading = document.heading(min(end + 1, len(text)))
    return heading is not None and heading[0] <= offset < heading[1]


def _line_at(text: str, offset: int) -> str:
    """The line of ``text`` that holds ``offset`` (a bullet, a table row)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start: end if end >= 0 else len(text)]
