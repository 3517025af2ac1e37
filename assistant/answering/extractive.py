"""The extractive answerer: typed short answers from the retrieved sentences, each quoted
with its ``[n]`` citation, or a decline.

The classic open-domain QA design (Moldovan et al., "The structure and performance of an
open-domain question answering system", ACL 2000; Ravichandran & Hovy, "Learning surface
text patterns for a question answering system", ACL 2002, for scoring by nearness to the
question's words; Brill et al., "An analysis of the AskMSR question-answering system",
EMNLP 2002, for answer redundancy):

1. the question is read once (:class:`~assistant.language.answer_type.QuestionReading`):
   expected answer type, head noun, focus words, identifiers;
2. a passage can answer only when its document states every proper name and year of the
   question (compared without diacritics and with al-/el- variants:
   :func:`assistant.language.names.fold`) and the passage itself states the question's
   identifiers ("report 7", "B-12");
3. candidates are the spans of the expected type in the passages' sentences
   (:mod:`.candidates`, from the entities the English pipeline stored with each chunk);
4. each candidate is scored by a weighted sum (:class:`~assistant.weights.AnswerWeights`)
   of its sentence's share of the question's focus words, the sentence's embedding cosine
   with the question, its nearness to the focus words it shares, whether it stands next to
   the question's head noun, how well its entity label fits the type, how many other
   sentences state it, and the passage's retrieval score;
5. the best candidate is the short answer, stated first, then its sentence with the
   citation; a second sentence is quoted only when it states the same answer (a number
   question) or, for other questions, states the nouns the question puts before its head
   noun ("the *fire* chief": a sentence about a police chief is about another person).

Declining follows from the same mechanism: no candidate of the expected type in a sentence
that carries at least ``min_focus`` of the question's focus, or a best score under
``min_score``; a text with neither a focus word nor a head noun ("hello there") has nothing
for any sentence to carry.  A yes/no question has no span to find: its sentence must carry the focus.

A quoted sentence longer than ``MAX_QUOTE_CHARS`` (a table flattened into one line, a
50,000-character run without a full stop) is cut to about that many characters around
the short answer, with "…" where text was left out (:func:`cap_quote`); its citation
still points at the whole passage.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import NamedTuple
from datetime import date

import numpy as np

from ..language.annotations import Annotations
from ..language.answer_type import HEAD_NOUNS, AnswerType, QuestionReading, named_noun, read_question
from ..language.conditions import GENERIC_WORDS
from ..language.dates import (
    DURATION_UNITS,
    MONTHS,
    YEAR,
    date_strength,
    find_dates,
    is_numeric_date,
    mentions_month,
    numeric_order,
    period_abbreviations,
    ReportDate,
    period_spellings,
    written_date,
)
from ..language.names import (
    abbreviated_as,
    acronyms_in,
    defined_abbreviations,
    fold,
    is_acronym,
    mentions_name,
    mentions_name_nearly,
    name_key,
    name_phrases,
    spells_acronym,
)
from ..language.numbers import numbers_in
from ..language.places import DIRECTIONS, LOCATIVE_PREPOSITIONS, find_places, place_key
from ..language.publishers import Publisher, dateline_credit
from ..language.sentences import column_header, is_label_line
from ..language.tokens import derived, idiom_at, mentions_word, names_person, normalize, paraphrased, related
from ..models.embedders import CachedEmbedder, Embedder
from ..types import Answer, Citation, Passage, Query, Retrieval, ShortAnswer
from ..weights import WEIGHTS, AnswerWeights
from .candidates import ZERO, Candidate, linked_phrase, opened_by, sentence_candidates, subject_of
from .tables import header_names_head, read_row, row_answers

NO_ANSWER = "The reports do not answer this question."
"""The sentence used to decline, everywhere."""

MAX_QUOTE_CHARS = 400
"""Longest sentence quoted whole, in characters (about three lines of the chat)."""

_MAX_SENTENCES = 24
"""Sentences embedded per question: those carrying the most focus (the embedding is most of an answer's cost)."""
_FIRST_BATCH = 6
"""Sentences embedded first when only the quotable ones are needed (:meth:`ExtractiveAnswerer.rank`)."""
_MIN_WORDS = 4
GENERIC_SHARE = 0.05
"""A capitalised word in more than this share of the indexed chunks (the issuing organisation,
the country every report is about) is not a specific answer to a who/which/where question."""
_NUMERIC = frozenset({AnswerType.COUNT, AnswerType.QUANTITY, AnswerType.MONEY, AnswerType.PERCENT})
_NAMED_TYPES = frozenset({AnswerType.PERSON, AnswerType.ORGANISATION, AnswerType.PLACE})
_LINKED_TYPES = frozenset({AnswerType.PERSON, AnswerType.ORGANISATION, AnswerType.PLACE, AnswerType.DESCRIPTION})
"""The answer types a copula or an apposition can define (:func:`_linked_share`: "Iran was the world's ...
exporter"); a day or a number before "was" is no subject ("on Friday was the leader ...")."""


@dataclass(frozen=True)
class ScoredSentence:
    """A candidate answer in a sentence of ``passage``: the sentence at ``start..end`` in the
    document (``text`` with its white space collapsed), the candidate span (``None`` for a
    sentence that answers as a whole: a yes/no question), its ``score`` and the share of the
    question's focus its sentence carries (``focus``); ``resolved``: the calendar day a date
    candidate without its year or day ("Wednesday", "yesterday", "8 June") stands for, read
    against the day its report was written (:func:`assistant.language.dates.written_date`), else ``None``;
    ``features``: the score's features before weighting, in the order focus, cosine, near, head, type fit,
    retrieval rank, linked (:class:`~assistant.weights.AnswerWeights`), for inspecting a ranking."""

    passage: Passage
    start: int
    text: str
    score: float
    end: int = 0
    candidate: Candidate | None = None
    focus: float = 0.0
    resolved: date | None = None
    features: tuple[float, ...] = ()


class ExtractiveAnswerer:
    """Answers with a typed short answer and the quoted sentence that states it.

    Everything it reads comes with the :class:`~assistant.types.Retrieval`: the documents'
    texts and the English pipeline's annotations of each chunk (a chunk indexed without
    them is read on the fly), and the share of indexed chunks containing a word.

    Args:
        embedder: the embedding model (shared with retrieval); the candidate sentences are
            embedded through a :class:`~assistant.models.embedders.CachedEmbedder` of it.
        min_relevance: decline below this candidate score (``None``: ``weights.min_score``).
        max_sentences: most sentences quoted; a further one scores at least ``weights.second`` of
            the best and, for a number, states the same number.
        widen: when no candidate is found in the top ``k`` passages, look at the retrieval's
            whole pool before declining.
        weights: the score's weights and thresholds.
    """

    def __init__(self, embedder: Embedder, *, min_relevance: float | None = None, max_sentences: int = 2,
                 widen: bool = True, weights: AnswerWeights = WEIGHTS.answer) -> None:
        self.embedder = embedder
        self.sentence_embedder = CachedEmbedder(embedder)
        self.widen = widen
        self.weights = weights
        self.min_score = weights.min_score if min_relevance is None else min_relevance
        self.max_sentences = max_sentences

    def answer(self, query: Query, retrieval: Retrieval) -> Answer:
        """An :class:`Answer` (``latency_ms`` left at 0 for the caller to fill in)."""
        ranked, passages = self.ranked(query, retrieval, complete=False)
        return self.answer_ranked(query, ranked, passages)

    def ranked(self, query: Query, retrieval: Retrieval, *,
               complete: bool = True) -> tuple[list[ScoredSentence], Sequence[Passage]]:
        """The candidates :meth:`rank` finds, best first, and the passages they were taken
        from: the top ``k``, or the retrieval's pool when no candidate there carries the focus
        (``complete``: as :meth:`rank`'s)."""
        passages: Sequence[Passage] = retrieval.passages
        ranked = self.rank(query, passages, retrieval, complete=complete)
        if not self._answers(ranked) and self.widen and passages and len(retrieval.pool) > len(passages):
            passages = retrieval.pool
            ranked = self.rank(query, passages, retrieval, complete=complete)
        return ranked, passages

    def _cosines(self, keys: list, texts: Mapping, question_vector: np.ndarray, found: list,
                 score_of, complete: bool) -> dict:
        """The cosine (clipped to 0..1) of each sentence key of ``keys`` with the question; with
        ``complete=False`` only of the keys whose candidates (``found``) can still score at least
        ``weights.second`` of the best (bound: their score with a cosine of 1), in at most two
        batches: the most promising first, then those the best of these leaves in reach."""
        def embed(chosen: list) -> dict:
            if not chosen:
                return {}
            vectors = self.sentence_embedder.embed([" ".join(texts[k].split()) for k in chosen])
            return dict(zip(chosen, (float(np.clip(c, 0.0, 1.0)) for c in vectors @ question_vector)))

        w = self.weights
        if complete or w.cosine < 0 or w.second <= 0 or len(keys) <= _FIRST_BATCH:
            return embed(keys)
        bound: dict = {}
        for f in found:
            key = (f[0].chunk.document_id, f[1])
            bound[key] = max(bound.get(key, float("-inf")), score_of(f, 1.0))
        order = sorted(keys, key=lambda k: -bound[k])
        cosines = embed(order[:_FIRST_BATCH])
        best = max(score_of(f, cosines[(f[0].chunk.document_id, f[1])]) for f in found
                   if (f[0].chunk.document_id, f[1]) in cosines)
        if best <= 0:
            cosines.update(embed(order[_FIRST_BATCH:]))
            return cosines
        cosines.update(embed([k for k in order[_FIRST_BATCH:] if bound[k] + 1e-9 >= w.second * best]))
        return cosines

    def _answers(self, ranked: Sequence[ScoredSentence]) -> bool:
        return bool(ranked) and ranked[0].score >= self.min_score and ranked[0].focus >= self.weights.min_focus

    def answer_ranked(self, query: Query, ranked: Sequence[ScoredSentence], passages: Sequence[Passage]) -> Answer:
        """The answer from candidates already ranked by :meth:`rank` (best first)."""
        reading = _reading(query)
        if not self._answers(ranked):
            return decline(query.text, passages, reading.answer_type.value)
        best = ranked[0]
        chosen = [best]
        numeric = reading.answer_type in _NUMERIC
        same = fold(best.candidate.text) if best.candidate is not None else None
        for other in ranked[1:]:
            if len(chosen) >= self.max_sentences or other.score < self.weights.second * best.score:
                break
            if any(other.start == c.start and other.passage.chunk.document_id == c.passage.chunk.document_id
                   for c in chosen) or other.focus < self.weights.min_focus:
                continue
            if is_label_line(other.text):
                continue  # "Killed (annotated): 6": a header's field repeats the prose, it adds no statement
            stated = other.candidate is not None and fold(other.candidate.text) == same
            if stated or (not numeric and _states_head_phrase(other.text, reading)):
                # one asked number, one answer: a second figure must be the same; another answer is quoted
                # only from a sentence about the same kind of thing ("police chief" for "fire chief": not)
                chosen.append(other)
        return _compose(query.text, chosen, passages, reading.answer_type.value)

    def rank(self, query: Query, passages: Sequence[Passage], retrieval: Retrieval, *,
             complete: bool = True) -> list[ScoredSentence]:
        """The candidates of ``passages`` for the question, best first (see the module docstring).

        ``complete=False``: only the sentences that can score at least ``weights.second`` of the
        best are embedded (a sentence's cosine adds at most ``weights.cosine``); the others keep
        the score without their cosine, below every sentence :meth:`answer_ranked` can quote, so
        the answer is the same and only the order of the list's unquotable tail differs."""
        reading = _reading(query)
        w = self.weights
        folded_docs: dict[str, str] = {}
        defined: dict[str, Mapping[str, str]] = {}  # document id -> the abbreviations it defines ("(COP)")
        written: dict[str, frozenset[str]] = {}  # document id -> the acronyms it writes ("FOB")
        question_folded = set(re.findall(r"\w+", fold(query.text)))
        question_numbers = numbers_in(query.text)
        common = _common_words(retrieval.documents.get(p.chunk.document_id, p.chunk.text) for p in passages)
        names = frozenset(n for n in query.shape.names if n not in common)
        phrases = name_phrases(query.text, names)
        eligible = []
        read_passages = []
        for passage in passages:
            chunk = passage.chunk
            document = retrieval.documents.get(chunk.document_id)
            consistent = document is not None and document[chunk.start:chunk.end] == chunk.text
            text = document if consistent else " " * chunk.start + chunk.text  # a version being replaced: the chunk only
            read = _document_reading(text)
            if chunk.document_id not in folded_docs:
                folded_docs[chunk.document_id] = read.folded
                defined[chunk.document_id] = read.defined if consistent else {}
                written[chunk.document_id] = read.written
            read_passages.append((passage, text, read, consistent))
        # a name no retrieved report states as the question spells it may be stated one letter off
        # ("Kastelorn" for "Qastelorn"); one that some report states keeps its own spelling
        near_names = frozenset(n for n in names if not any(mentions_name(f, n) for f in folded_docs.values()))
        for passage, text, read, consistent in read_passages:
            chunk = passage.chunk
            if not _mentions(folded_docs[chunk.document_id], read.lowered, query, phrases, written[chunk.document_id],
                             near_names):
                continue
            if not all(_states(chunk.text.lower(), i.lower()) for i in reading.identifiers):
                continue  # another item's passage ("report 6" for "report 7")
            annotations = chunk.annotations
            if annotations is None or not consistent or (not annotations.sentences and chunk.text.strip()):
                annotations = _annotate(chunk.text, chunk.start)  # indexed without the English pipeline
            eligible.append((passage, text, annotations))
        weights = _focus_weights(reading, [s for _, _, a in eligible for s in a.sentences])
        focus_total = sum(weights) or 1.0
        # a focus word of a several-word name is stated where a distinctive word of that name is
        # ("Regatta" of "the Grand Vostrel Regatta" in a sentence about "the Vostrel")
        standing_for = []
        for word in reading.focus:
            key = name_key(word.text)
            phrase = next((p for p in phrases if len(p) > 1 and key in p), ())
            standing_for.append(tuple(n for n in phrase if n in query.distinctive and n != key))
        abbreviated: dict[tuple[str, str], frozenset[str]] = {}  # (document, focus word) -> its acronyms there
        in_document: dict[str, list[bool]] = {
            d: [mentions_name(folded, f.text) or mentions_name(folded, f.lemma) or (f.text[:1].isupper() and bool(
                abbreviated.setdefault((d, f.text), abbreviated_as(f.text, query.text, written[d]))))
                or (name_key(f.text) in near_names and mentions_name_nearly(folded, f.text))
                for f in reading.focus]
            for d, folded in folded_docs.items()
        }
        found: list[tuple[Passage, int, int, str, Candidate | None, float, float, float, float, float]] = []
        person_name = reading.answer_type is AnswerType.DESCRIPTION and reading.wants_name and _names_people(
            reading.head or named_noun(reading.doc))
        who = reading.answer_type in (AnswerType.PERSON, AnswerType.ORGANISATION) or person_name
        issued: dict[str, frozenset[str]] = {}  # document id -> the place keys of its dateline
        seen_sentences: set[tuple[str, int]] = set()  # yes/no answers: one per sentence
        seen_candidates: set[tuple[str, int, int]] = set()  # overlapping chunks repeat sentences
        for passage, text, annotations in eligible:
            chunk = passage.chunk
            here = in_document[chunk.document_id]
            for sentence in annotations.sentences:
                key = (chunk.document_id, sentence.start)
                if not _statement(sentence, text):
                    continue
                lemmas = [t.lemma for t in sentence.tokens]
                sentence_text = text[sentence.start:sentence.end]
                row = "|" in sentence_text
                if row:  # a table row is read with its header ("| Zelna | 4 |" under "| District | Killed |")
                    lemmas += _row_header_words(text, sentence.start, sentence.end)
                sentence_folded = _folded_sentence(sentence_text)
                matched: list[tuple[int, float]] = []  # (token index, weight) of focus words in the sentence
                share = 0.0
                for word, weight, elsewhere, others in zip(reading.focus, weights, here, standing_for):
                    at = _find(word.lemma, word.text, lemmas, sentence_folded, defined[chunk.document_id],
                               abbreviated.get((chunk.document_id, word.text), frozenset()))
                    if at is None and any(mentions_name(sentence_folded, other) for other in others):
                        at = -1
                    if at is None and name_key(word.text) in near_names and mentions_name_nearly(sentence_folded, word.text):
                        at = -1  # the name one letter off ("Kastelorn" for "Qastelorn"), no report spelling it so
                    credit = 1.0
                    if at is None and word.pos in ("VERB", "NOUN", "ADJ"):
                        at = _paraphrase_at(word, lemmas)  # "were killed" for "died", "injured" for "wounded"
                        credit = w.paraphrase
                    if at is not None:
                        share += credit * weight
                        if 0 <= at < len(sentence.tokens):
                            matched.append((at, weight))
                    elif elsewhere:
                        share += w.context_credit * weight
                focus = share / focus_total if reading.focus else 1.0 if reading.head else 0.0
                # no focus word and no head noun ("hello there"): nothing a sentence could carry
                if query.years and _other_year(sentence_text, query.years):
                    continue  # a sentence about another year is about another event
                if reading.answer_type is AnswerType.YES_NO:
                    if key in seen_sentences:
                        continue
                    seen_sentences.add(key)
                    found.append((passage, sentence.start, sentence.end, sentence_text, None, focus, 0.0, 0.0, 1.0, 0.0))
                    continue
                entities = annotations.entities_in(sentence)
                described = not reading.wants_name
                candidates = sentence_candidates(reading.answer_type, sentence, entities, text, reading.head,
                                                 described=described, object_of=reading.object_of,
                                                 other_phrase=w.other_phrase, dateline=w.dateline,
                                                 agent=reading.asks_agent, agent_verb=reading.agent_verb,
                                                 direction=reading.direction,
                                                 places=_place_keys(text) if who else frozenset(),
                                                 person=person_name)
                if who:
                    candidates = _not_credited(candidates, dateline_credit(text), w.dateline)
                if reading.answer_type is AnswerType.PLACE:
                    candidates = _issued_elsewhere(candidates, issued.setdefault(chunk.document_id, _issued(text)),
                                                   w.dateline)
                if row:  # each cell read with its column's header and its row's label (.tables)
                    candidates = row_answers(candidates, read_row(text, sentence, reading),
                                             sentence, reading.answer_type in _NUMERIC)
                for candidate in candidates:
                    if candidate.start < chunk.start or candidate.end > chunk.end:
                        continue  # the cited passage must hold the short answer
                    if (chunk.document_id, candidate.start, candidate.end) in seen_candidates:
                        continue
                    seen_candidates.add((chunk.document_id, candidate.start, candidate.end))
                    if _repeats_question(candidate, question_folded, question_numbers):
                        continue
                    kept = 1.0 - _question_share(candidate, question_folded)
                    fit = candidate.fit * kept
                    equated = linked_phrase(sentence.tokens, candidate.first, candidate.last) \
                        if w.linked and reading.answer_type in _LINKED_TYPES else None
                    if equated is not None and _names_head(sentence.tokens, equated, candidate, reading):
                        fit = max(fit, kept)  # "Hamza, the Archi district commander": a person, whatever its label
                    if fit < w.min_fit:
                        continue
                    if reading.answer_type in (AnswerType.PERSON, AnswerType.PLACE, AnswerType.ORGANISATION) and all(
                        retrieval.term_shares.get(normalize(part), 0.0) > GENERIC_SHARE
                        for part in candidate.text.split() if part[:1].isupper()
                    ) and any(part[:1].isupper() for part in candidate.text.split()):
                        fit *= 0.5  # a name most of the index repeats (the issuing agency) is rarely the answer
                    near = _nearness(candidate, matched, w.near_scale)
                    linked = _linked_share(candidate, equated, matched, focus_total)
                    head = _next_to_head(candidate, sentence.tokens, reading)
                    if row and not head:
                        head = _column_head(text, candidate, reading)
                    if reading.answer_type is AnswerType.COUNT and reading.head is not None and not head:
                        continue  # "how many X": a number that does not count X counts something else
                    if w.name_head and reading.wants_name and reading.head is not None and not any(
                            related(t.lemma, reading.head) for t in sentence.tokens):
                        continue  # "the name of the mayor": a name in a sentence that says no mayor is another's
                    found.append((passage, sentence.start, sentence.end, sentence_text, candidate, focus, near, head, fit,
                                  linked))
        if not found:
            return []
        found.sort(key=lambda f: -f[5])
        found = found[: _MAX_SENTENCES * 4]
        sentence_keys = list(dict.fromkeys((f[0].chunk.document_id, f[1]) for f in found))[:_MAX_SENTENCES]
        allowed = set(sentence_keys)
        texts = {}
        for f in found:
            texts.setdefault((f[0].chunk.document_id, f[1]), f[3])
        question_vector = query.vector if query.vector is not None else self.embedder.embed([query.text])[0]
        support: dict[str, set[str]] = {}  # the documents stating each candidate (a report repeating a name is one voice)
        for f in found:
            if f[4] is not None:
                support.setdefault(fold(f[4].text), set()).add(f[0].chunk.document_id)

        def score_of(f, cosine: float) -> float:
            passage, candidate, focus, near, head, fit, linked = f[0], f[4], f[5], f[6], f[7], f[8], f[9]
            redundancy = 0.0 if candidate is None else min(1.0, (len(support[fold(candidate.text)]) - 1) / 3)
            return (w.focus * focus + w.cosine * cosine + w.near * near + w.head * head
                    + w.type_fit * fit + w.redundancy * redundancy + w.rank * min(1.0, max(0.0, passage.score))
                    + w.linked * linked)

        cosines = self._cosines(sentence_keys, texts, question_vector,
                                [f for f in found if (f[0].chunk.document_id, f[1]) in allowed], score_of, complete)
        scored = []
        report_days: dict[str, date | None] = {}
        for f in found:
            passage, start, end, sentence_text, candidate, focus, near, head, fit, linked = f
            key = (passage.chunk.document_id, start)
            if key not in allowed:
                continue
            score = score_of(f, cosines.get(key, 0.0))
            resolved = None
            if reading.answer_type is AnswerType.DATE and candidate is not None and candidate.label in ("DATE", "TIME"):
                resolved = _resolved(candidate.text, passage.chunk.document_id, retrieval.documents, report_days,
                                     retrieval.report_dates)
            scored.append(ScoredSentence(passage, start, _display(sentence_text), score, end, candidate, focus,
                                         resolved, (focus, cosines.get(key, 0.0), near, head, fit,
                                                    min(1.0, max(0.0, passage.score)), linked)))
        scored.sort(key=lambda s: s.score, reverse=True)
        return scored


def _names_people(head: str | None) -> bool:
    """The question's head noun ``head`` names people: a person head noun of the answer types
    (:data:`~assistant.language.answer_type.HEAD_NOUNS`) or a noun of people by WordNet ("vendor")."""
    return head is not None and (head in HEAD_NOUNS[AnswerType.PERSON] or names_person(head))


@functools.lru_cache(maxsize=256)
def _place_keys(text: str) -> frozenset[str]:
    """The keys of the places a report's ``text`` marks as places (:func:`~assistant.language.places.find_places`:
    "Sorrel province", "the town of Orrin", the dateline's "LORN" and its country) and of the places they lie in,
    kept for the last 256 texts."""
    keys = set()
    for mention in find_places(text):
        keys.update(k for k in (mention.key, place_key(mention.parent) if mention.parent else "") if k)
    return frozenset(keys)


def _not_credited(candidates: list[Candidate], credit: Publisher | None, factor: float) -> list[Candidate]:
    """``candidates`` without the news agency the report's dateline credits (``credit``:
    :func:`~assistant.language.publishers.dateline_credit`, "LORN, May 3 (KNA) -"), and with the fit of its
    other mentions ("according to a KNA tally") times ``factor``: the report's issuer is not the person
    or group a who-question asks for."""
    if credit is None:
        return candidates
    name = fold(credit.name)
    kept = []
    for c in candidates:
        if c.start < credit.end and credit.start < c.end:
            continue
        kept.append(replace(c, fit=c.fit * factor) if fold(c.text) == name else c)
    return kept


def _issued(text: str) -> frozenset[str]:
    """The place keys of a report's dateline (:func:`~assistant.language.places.find_places`:
    the city of issue and its country, "ORLAN, Merovia (August 4) -")."""
    keys = set()
    for mention in find_places(text):
        if mention.level == "dateline":
            keys.update(k for k in (mention.key, place_key(mention.parent) if mention.parent else "") if k)
    return frozenset(keys)


def _issued_elsewhere(candidates: list[Candidate], issued: frozenset[str], factor: float) -> list[Candidate]:
    """``candidates`` with the fit of those naming the report's place of issue (``issued``)
    times ``factor`` when the sentence names another place: the event's place, not where the
    report was written or the statement made ("the ministry said in Orlan")."""
    if not issued:
        return candidates
    named = [c for c in candidates if c.label != "NP"]
    if not any(place_key(c.text) not in issued for c in named):
        return candidates
    return [replace(c, fit=c.fit * factor) if place_key(c.text) in issued else c for c in candidates]


def _resolved(span: str, document_id: str, documents: Mapping[str, str],
              report_days: dict[str, date | None], stored: Mapping[str, ReportDate] | None = None) -> date | None:
    """The day a date span without its year or day ("Wednesday", "yesterday", "8 June") stands
    for, read against the report date of its document (``report_days`` caches them by id): the
    day its text was written (:func:`written_date`), else its report date as read at ingest
    (``stored``; not a file's date field: a dateline without its year dated by the collection);
    ``None`` for a full date, a span that is no one day, or an undated report."""
    if is_numeric_date(span) and document_id in documents:  # "07/04/2031": the day in the report's own order
        mentions = find_dates(span, order=numeric_order(documents[document_id]))
        return mentions[0].value if len(mentions) == 1 else None
    if date_strength(span) >= 1.0:
        return None
    if document_id not in report_days:
        found = written_date(documents[document_id]) if document_id in documents else None
        if found is None and stored and document_id in stored and stored[document_id].how != "file":
            found = stored[document_id]
        report_days[document_id] = found.value if found is not None else None
    base = report_days[document_id]
    if base is None:
        return None
    mentions = find_dates(span, base=base)
    return mentions[0].value if len(mentions) == 1 and mentions[0].kind != "full" else None


_LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[a-z])")


def _display(text: str) -> str:
    """A sentence as quoted: a word hyphenated across a line break joined ("air-\\nstrikes" ->
    "airstrikes", as :func:`assistant.language.sentences.reading_units` reads it), white space collapsed."""
    return " ".join(_LINE_HYPHEN.sub("", text).split())


_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def _states(text: str, identifier: str) -> bool:
    """``text`` (lower case) states the identifier as a whole word; an ordinal ("42nd") also as
    its number ("day 42"); a part of a year ("Q3") also written out, with a space or a hyphen
    ("third quarter", "third-quarter")."""
    ordinal = _ORDINAL.match(identifier)
    spaced = " ".join(text.replace("-", " ").split())  # "third-quarter revenue" writes "third quarter"
    return mentions_word(text, identifier) or (ordinal is not None and mentions_word(text, ordinal.group(1))) or any(
        mentions_word(spaced, spelling) for spelling in period_spellings(identifier))  # "Q3": "third quarter"


def _other_year(sentence: str, years: frozenset[str]) -> bool:
    """The sentence names a year, none of them one the question names."""
    stated = set(YEAR.findall(sentence))
    return bool(stated) and not (stated & years)


def _statement(sentence, text: str) -> bool:
    """A sentence that can state an answer: at least four words and a verb, or a table row
    (cells joined by ``" | "``); not a heading, dateline or label."""
    if "|" in text[sentence.start:sentence.end]:
        return True
    return len(sentence.tokens) >= _MIN_WORDS and any(t.pos in ("VERB", "AUX") for t in sentence.tokens)


def _focus_weights(reading: QuestionReading, sentences: Sequence) -> list[float]:
    """Each focus word's weight: its part-of-speech weight times how rare it is among the
    sentences at hand (normalised inverse sentence frequency, ``log((N+1)/(df+1)) / log(N+1)``,
    at least ``0.2``): a word that every retrieved sentence repeats (the report's province)
    says little about which sentence answers; the asked relation ("seized", "rifles") does."""
    n = len(sentences)
    if not n:
        return [f.weight for f in reading.focus]
    lemma_sets = [{t.lemma for t in s.tokens} for s in sentences]
    out = []
    for word in reading.focus:
        df = sum(1 for lemmas in lemma_sets if word.lemma in lemmas or word.text.lower() in lemmas)
        idf = math.log((n + 1) / (df + 1)) / math.log(n + 1) if n > 0 else 1.0
        out.append(word.weight * max(0.2, idf))
    return out


def _reading(query: Query) -> QuestionReading:
    return query.reading if query.reading is not None else read_question(query.text)


def _annotate(text: str, offset: int) -> Annotations:
    """The annotations of a chunk indexed without them, read now (offsets shifted into the document)."""
    from ..language.annotations import Entity, Sentence, Token
    from ..language.nlp import annotate

    read = annotate(text)
    return Annotations(
        tuple(Sentence(s.start + offset, s.end + offset,
                       tuple(Token(t.start + offset, t.end + offset, t.pos, t.lemma) for t in s.tokens))
              for s in read.sentences),
        tuple(Entity(e.start + offset, e.end + offset, e.label) for e in read.entities),
    )


def _find(lemma: str, text: str, lemmas: Sequence[str], sentence_folded: str,
          defined: Mapping[str, str] | None = None, acronyms: frozenset[str] = frozenset()) -> int | None:
    """Where the focus word stands in the sentence: its token index, ``-1`` when it is found
    only by its folded spelling (a name written another way, an abbreviation written out by its
    initials or as its document ``defined`` it: "Combat Outpost" for "COP" when the report
    writes "Combat Outpost (COP)"; a word of the question's name that one of ``acronyms``
    abbreviates: "FOB" for "Forward"; a part of a year and its abbreviation: "Q3" for "third quarter"
    and back), ``None`` when absent."""
    for i, candidate in enumerate(lemmas):
        if candidate == lemma:
            return i
    for i, candidate in enumerate(lemmas):
        if related(candidate, lemma):
            return i
    for i, candidate in enumerate(lemmas):
        if len(candidate) >= 3 and candidate.isalpha() and derived(candidate, lemma):
            return i  # "ten insurgent deaths" states "died", "12 injuries" "injured"
    if text[:1].isupper() or any(c.isdigit() for c in text):
        stated = mentions_name(sentence_folded, text) or spells_acronym(sentence_folded, text) or (
            bool(defined) and text.upper() in defined and mentions_name(sentence_folded, defined[text.upper()])) or any(
            mentions_name(sentence_folded, a) for a in acronyms) or any(
            mentions_name(sentence_folded, spelling) for spelling in period_spellings(text))  # "Q3": "third quarter"
        return -1 if stated else None
    if any(mentions_name(sentence_folded, a) for a in period_abbreviations(lemma)):
        return -1  # "the third quarter" written "Q3"
    return None


def _paraphrase_at(word, lemmas: Sequence[str]) -> int | None:
    """The index of the first of ``lemmas`` that says the focus ``word`` in other words
    (:func:`~assistant.language.tokens.paraphrased`), else ``None``."""
    for i, candidate in enumerate(lemmas):
        if paraphrased(candidate, word.lemma, word.pos):
            return i
    return idiom_at(lemmas, word.lemma, word.pos)  # "lost their lives" for "died"


def _nearness(candidate: Candidate, matched: Sequence[tuple[int, float]], scale: float) -> float:
    """Weighted mean of ``exp(-distance / scale)`` over the focus words the sentence shares
    (distance in words from the candidate's nearer end; 0 inside it)."""
    matched = [(i, w) for i, w in matched if not candidate.first <= i <= candidate.last]  # not its own words
    if not matched:
        return 0.0
    total = sum(weight for _, weight in matched)
    value = 0.0
    for index, weight in matched:
        distance = 0 if candidate.first <= index <= candidate.last else min(abs(index - candidate.first),
                                                                            abs(index - candidate.last))
        value += weight * math.exp(-distance / scale)
    return value / total


def _names_head(tokens: Sequence, equated: tuple[int, int], candidate: Candidate, reading: QuestionReading) -> bool:
    """The phrase ``equated`` (token indices) that a copula or an apposition equates with the name
    ``candidate`` states the question's head noun ("Hamza, the Archi district Taliban *commander*" for
    "which commander ...", "the current *president* is Gianni Infantino"): the sentence says the name is
    one of the kind asked, so its entity label (an ORG for a rare name) does not lower its type fit.
    Only for person, organisation and place questions and a name (not a described noun phrase)."""
    if reading.head is None or candidate.label == "NP" or reading.answer_type not in _NAMED_TYPES:
        return False
    low, high = equated
    return any(related(t.lemma, reading.head) for t in tokens[low:high + 1])


def _linked_share(candidate: Candidate, linked: tuple[int, int] | None, matched: Sequence[tuple[int, float]],
                  total: float) -> float:
    """The share (of ``total``, the question's focus weight) of the focus words ``matched`` in the
    sentence (token index, weight) that stand in the phrase the sentence equates with the candidate by
    a copula or an apposition (:func:`~.candidates.linked_phrase`: "*Iran* was the world's second-largest
    oil exporter", "*Hamza*, the Archi district Taliban commander"): the sentence says the candidate is
    the thing the question describes, not merely that it stands near its words; 0 without such a phrase
    (``linked``: its token indices, or ``None``)."""
    if linked is None or total <= 0:
        return 0.0
    low, high = linked
    inside = sum(weight for index, weight in dict(matched).items() if low <= index <= high
                 and not candidate.first <= index <= candidate.last)
    return min(1.0, inside / total)


def _next_to_head(candidate: Candidate, tokens: Sequence, reading: QuestionReading) -> float:
    """1 when the candidate stands next to the question's head noun: a count before it within
    four words ("30 fuel trucks", "five suspected insurgents"), a name right before or after it ("Kodgai village", "village
    of Kodgai"), or, for a "who did X" question without a head noun, a name that is the subject of X
    ("*Ostrelia*, coached by ..., won the cup": :func:`~.candidates.subject_of`; not a described doer such as
    "a local official": the question asks who), and so for a name, place or group that is the subject of
    the verb a "which X" question asks the doer of (:attr:`QuestionReading.subject_of`: "which team won the
    cup?"), or, when the question word follows a preposition other than a place's, a time's or a
    movement's ("*among* what were they hidden?"), a candidate in a phrase that preposition opens
    ("hidden *among* Qurans": the answer stands where the question's preposition puts it, a surface
    pattern in the sense of Ravichandran & Hovy 2002), else 0."""
    head = reading.head
    asked = reading.preposition
    if asked and asked not in LOCATIVE_PREPOSITIONS and asked not in DIRECTIONS and asked != "of" \
            and opened_by(tokens, candidate.first, asked):
        return 1.0  # "among what were they hidden?": "hidden among Qurans"
    doer = reading.agent_verb or reading.subject_of
    described = candidate.label == "NP" and reading.answer_type is not AnswerType.DESCRIPTION
    if doer and not described and candidate.label != ZERO and reading.answer_type not in _NUMERIC \
            and reading.answer_type is not AnswerType.DATE and subject_of(tokens, candidate.first, candidate.last, doer):
        return 1.0  # "which team won the cup?": "Ostrelia won the cup"
    if head is None:
        return 0.0
    if candidate.label == ZERO:  # "no civilians", "none of the trucks"; "no one", "nobody" for people
        inside = tokens[candidate.first + 1: candidate.last + 1]
        after = tokens[candidate.last + 1: candidate.last + 5]
        verb = _zero_verb(tokens, candidate.last)
        asked = [f.lemma for f in reading.focus if f.pos == "VERB"]
        if verb is not None and asked and not any(related(verb, lemma) for lemma in asked):
            return 0.0  # "five were wounded and nobody was killed": a none of another event
        if any(related(t.lemma, head) for t in (*inside, *after)):
            return 1.0
        if not names_person(head) or after and after[0].lemma == "of":  # "none of the guards": those only
            return 0.0
        if not inside or inside[0].lemma == "one":  # "no one", "nobody": no person of any kind
            return 1.0
        # "no civilians" answers "how many people", not "how many attackers"
        return 1.0 if head in GENERIC_WORDS and any(t.pos == "NOUN" and names_person(t.lemma) for t in inside) else 0.0
    if reading.answer_type in (AnswerType.COUNT, AnswerType.QUANTITY):
        after = tokens[candidate.last + 1: candidate.last + 5]
        if any(related(t.lemma, head) for t in after):
            return 1.0
        if _counts_noun_before(candidate, tokens, reading):
            return 1.0  # "the crew of six" for "how many crew members"
        if reading.answer_type is AnswerType.COUNT and head in GENERIC_WORDS and names_person(head):
            # "how many people": a count of a kind of people ("five soldiers"), or one whose noun the
            # sentence leaves out for the asked event ("killing three and injuring 12 others")
            if any(t.pos == "NOUN" and names_person(t.lemma) for t in after[:2]):
                return 1.0
            return 1.0 if _elided_count(candidate, tokens, reading) else 0.0
        return 0.0
    if any(t.lemma == head for t in tokens[candidate.first: candidate.last + 1]):
        return 1.0
    before = tokens[max(0, candidate.first - 6): candidate.first]  # "the president is Swiss-Italian X"
    after = tokens[candidate.last + 1: candidate.last + 2]
    return 1.0 if any(t.lemma == head for t in (*before, *after)) else 0.0


def _states_head_phrase(sentence: str, reading: QuestionReading) -> bool:
    """The ``sentence`` states the nouns the question puts before its head (:attr:`~assistant.language.answer_type.QuestionReading.head_modifiers`), or
    the question has none: a sentence about a "police chief" gives no second answer to "who is the fire
    chief?"."""
    lowered = sentence.lower()
    return all(mentions_word(lowered, word) for word in reading.head_modifiers)


def _counts_noun_before(candidate: Candidate, tokens: Sequence, reading: QuestionReading) -> bool:
    """The number ``candidate`` is stated after the noun it counts: "the *crew* of six", "a family of
    five" (a noun, "of", the number, and no noun of the number's own after it: "a convoy of 12 trucks" counts
    trucks), that noun being the question's head noun or a noun the question puts before its head ("how
    many *crew* members": ``reading.head_modifiers``)."""
    first, last = candidate.first, candidate.last
    if first < 2 or tokens[first - 1].lemma != "of" or tokens[first - 2].pos != "NOUN":
        return False
    if last + 1 < len(tokens) and tokens[last + 1].pos in ("NOUN", "PROPN", "ADJ", "NUM"):
        return False
    return any(related(tokens[first - 2].lemma, h) for h in (reading.head, *reading.head_modifiers) if h)


_ELIDED_BEFORE = ("ADV", "ADP", "ADJ", "PART")  # "killing at least three", "wounding as many as 12"


def _elided_count(candidate: Candidate, tokens: Sequence, reading: QuestionReading) -> bool:
    """The number ``candidate`` counts the asked event's people without naming them: the asked
    event follows it as a noun or participle ("12 injuries", "four deaths", "12 wounded"), or no
    noun follows it (or "others": "injuring 12 others") and it is the object of a verb of the
    question's asked verbs ("killing three") or the subject of one ("three were killed",
    "12 others were injured"); read from the part-of-speech tags."""
    asked = [f.lemma for f in reading.focus if f.pos == "VERB"]
    if not asked:
        return False
    following = tokens[candidate.last + 1: candidate.last + 6]
    if following and following[0].pos in ("NOUN", "ADJ", "VERB") and any(
            derived(following[0].lemma, lemma) for lemma in asked):
        return True  # "12 injuries", "four deaths", "12 wounded": the event itself counted
    if following and following[0].pos in ("NOUN", "PROPN", "ADJ", "NUM") and following[0].lemma != "other":
        return False
    if following and following[0].lemma == "other":
        following = following[1:]
    for token in reversed(tokens[max(0, candidate.first - 4): candidate.first]):
        if token.pos in _ELIDED_BEFORE:
            continue
        if token.pos == "VERB" and any(derived(token.lemma, lemma) for lemma in asked):
            return True
        break
    for token in following:
        if token.pos in ("AUX", "ADV", "PART"):
            continue
        return token.pos == "VERB" and any(derived(token.lemma, lemma) for lemma in asked)
    return False


def _row_header_words(text: str, start: int, end: int) -> list[str]:
    """The lower-case words of the header cells above the table row ``start..end`` of ``text``
    (:func:`~assistant.language.sentences.column_header` of each of its cells)."""
    words: list[str] = []
    for at in [start] + [i + 1 for i in range(start, end) if text[i] == "|"]:
        header = column_header(text, at, blocks=True)
        if header is not None:
            words += [w for w in re.findall(r"[^\W\d_]+", header.lower()) if w not in words]
    return words


def _column_head(text: str, candidate: Candidate, reading: QuestionReading) -> float:
    """1 when the header of the table column the count ``candidate`` stands in names the
    question's head noun ("Civilians killed" for "how many civilians"), or, for a question about
    people in general, the asked event ("Killed" for "how many people were killed"); else 0."""
    header = column_header(text, candidate.start, blocks=True)
    if header is None or reading.head is None:
        return 0.0
    words = re.findall(r"[^\W\d_]+", header.lower())
    if any(related(w, reading.head) for w in words) or header_names_head(header, reading):
        return 1.0
    asked = [f.lemma for f in reading.focus if f.pos == "VERB"]
    people = reading.head in GENERIC_WORDS and names_person(reading.head)
    return 1.0 if people and any(derived(w, v) for w in words for v in asked) else 0.0


def _zero_verb(tokens: Sequence, last: int) -> str | None:
    """The lemma of the verb a none ("nobody", "no houses", "none of the trucks") is the subject
    of: the first verb within five words after it, past auxiliaries, adverbs, particles and an
    "of" phrase, before any punctuation or conjunction; ``None`` when there is none (read from
    the part-of-speech tags); an adjective after a form of "be" is the predicate it is the subject of
    ("no civilians were *present*": a state, not the asked event)."""
    previous = None
    for token in tokens[last + 1: last + 6]:
        if token.pos == "VERB":
            return token.lemma
        if token.pos == "ADJ" and previous is not None and previous.pos == "AUX" and previous.lemma == "be":
            return token.lemma
        previous = token
        if token.pos in ("PUNCT", "CCONJ", "SCONJ"):
            return None
    return None


def _question_share(candidate: Candidate, question_words: set[str]) -> float:
    """The share of the candidate's words that the question already has (a description that
    repeats the question describes nothing new).  A date's or a length of time's numbers, months and
    units (a ``DATE`` or ``TIME`` candidate) repeat the question's words without repeating the question:
    "July 29, 2021" for "the date of the 2021 draft" (the year asked is the year the answer should
    have), "six years" for "how long did the Seven Years War last"."""
    words = [w for w in re.findall(r"\w+", fold(candidate.text)) if w not in ("the", "a", "an", "of", "and")]
    dated = candidate.label in ("DATE", "TIME")
    repeated = sum(w in question_words and not (dated and _time_word(w)) for w in words)
    return repeated / len(words) if words else 1.0


def _time_word(word: str) -> bool:
    """``word`` (folded) is a number, a month or a unit of time ("2021", "may", "years")."""
    return word.isdigit() or word in MONTHS or word.removesuffix("s") in DURATION_UNITS


def _repeats_question(candidate: Candidate, question_words: set[str], question_numbers: set[float]) -> bool:
    """The candidate says nothing new: all its words are the question's, or it is a number
    the question states."""
    words = [w for w in re.findall(r"\w+", fold(candidate.text)) if w not in ("the", "a", "an", "of", "and")]
    if not words or all(w in question_words for w in words):
        return True
    if candidate.label == "NUM":
        values = numbers_in(candidate.text)
        return bool(values) and values <= question_numbers
    return False


def _common_words(texts) -> frozenset[str]:
    """Words the documents at hand also write in lower case ("ceremony", "awards"): a question's
    capitalised word that is one of them is a title-case common noun, not a name the answer's
    report must state (proper nouns are the words only ever written capitalised)."""
    found: set[str] = set()
    for text in texts:
        found.update(_LOWER_WORD.findall(text))
    return frozenset(found)


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]+(?![\w'’-])")


_folded_sentence = functools.lru_cache(maxsize=16384)(fold)
""":func:`fold` of a sentence's text, kept for the last 16,384 distinct sentences (the passages of a
collection's questions repeat them)."""


class _DocumentReading(NamedTuple):
    """What :meth:`ExtractiveAnswerer.rank` reads off a document's whole text, once per text."""

    folded: str  # :func:`fold` of the text
    lowered: str  # the text in lower case
    defined: Mapping[str, str]  # :func:`defined_abbreviations` (read only)
    written: frozenset[str]  # :func:`acronyms_in`


@functools.lru_cache(maxsize=256)
def _document_reading(text: str) -> _DocumentReading:
    """The folded and lower-case ``text``, the abbreviations it defines and the acronyms it writes,
    kept for the last 256 distinct texts: a collection's questions keep retrieving the same reports,
    and folding and scanning a whole report was about a tenth of the answerer's own (non-model) time."""
    return _DocumentReading(fold(text), text.lower(), MappingProxyType(defined_abbreviations(text)), acronyms_in(text))


def _mentions(folded: str, lower: str, query: Query, phrases: Sequence[tuple[str, ...]],
              acronyms: frozenset[str] = frozenset(), near: frozenset[str] = frozenset()) -> bool:
    """The document states every proper name of the question, in its name ``phrases``
    (:func:`~assistant.language.names.name_phrases`; any spelling :func:`fold`
    equates; an acronym also written out: "improvised explosive device" for "IED"; a name written out
    in the question and abbreviated by one of the document's ``acronyms``: "FOB" for "Forward
    Operating Base"; a name of several words by one of its distinctive words, :func:`_states_phrase`; a name
    of ``near`` also one letter off, :func:`~assistant.language.names.mentions_name_nearly`)
    and every year and month it names."""
    shape = query.shape
    return (
        all(_states_phrase(folded, phrase, query, acronyms, near) for phrase in phrases)
        and all(mentions_word(lower, year) for year in shape.years)
        and all(mentions_month(lower, month) for month in shape.months)
    )


def _states_phrase(folded: str, phrase: tuple[str, ...], query: Query, acronyms: frozenset[str] = frozenset(),
                   near: frozenset[str] = frozenset()) -> bool:
    """``folded`` states the name ``phrase`` (its words of :attr:`Query.names`, in order, from
    :func:`~assistant.language.names.name_phrases`): every word (or its abbreviation among the
    document's ``acronyms``), or one of its :attr:`Query.distinctive` words ("Valhalla" states
    "Assassin's Creed Valhalla"; "Brigade" never states "Tolvar Brigade"); a word of ``near`` also one
    letter off (:func:`~assistant.language.names.mentions_name_nearly`)."""
    stated = [_states_name(folded, name, query.text) or abbreviated_as(name, query.text, acronyms)
              or (name in near and mentions_name_nearly(folded, name)) for name in phrase]
    if all(stated):
        return True
    return len(phrase) > 1 and any(name in query.distinctive and here for name, here in zip(phrase, stated))


def _states_name(folded: str, name: str, question: str) -> bool:
    """``folded`` (a folded text) states ``name`` (lower case, as :attr:`Query.names` holds it)
    in any spelling, or writes it out when the question writes it as an acronym."""
    if mentions_name(folded, name):
        return True
    written = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", question, re.IGNORECASE)
    return written is not None and is_acronym(written.group(0)) and spells_acronym(folded, written.group(0))


def decline(question: str, passages: Sequence[Passage] = (), answer_type: str | None = None) -> Answer:
    """The answer that says the reports do not answer ``question``."""
    return Answer(question=question, text=NO_ANSWER, has_answer=False, passages=tuple(passages),
                  answer_type=answer_type)


def cap_quote(sentence: str, focus: int = 0, limit: int = MAX_QUOTE_CHARS) -> str:
    """``sentence`` when it has at most ``limit`` characters, else about ``limit`` characters
    of it around the offset ``focus`` (a third before, the rest after), cut at spaces when
    there are any near the ends, with "…" for each end left out."""
    if len(sentence) <= limit:
        return sentence
    start = max(0, min(focus - limit // 3, len(sentence) - limit))
    end = start + limit
    if start > 0 and (space := sentence.find(" ", start, start + 40)) != -1:
        start = space + 1
    if end < len(sentence) and (space := sentence.rfind(" ", end - 40, end)) != -1:
        end = space
    return ("…" if start > 0 else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")


def _compose(question: str, chosen: Sequence[ScoredSentence], passages: Sequence[Passage],
             answer_type: str | None) -> Answer:
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    parts = []
    for sentence in chosen:
        chunk = sentence.passage.chunk
        if chunk.id not in numbers:
            numbers[chunk.id] = len(numbers) + 1
            citations.append(Citation.of_passage(numbers[chunk.id], sentence.passage))
        focus = max(0, sentence.candidate.start - sentence.start) if sentence.candidate is not None else 0
        parts.append(f"{cap_quote(sentence.text, focus)} [{numbers[chunk.id]}]")
    best = chosen[0]
    short = None
    text = " ".join(parts)
    if best.candidate is not None:
        c = best.candidate
        short = ShortAnswer(c.text, best.passage.chunk.document_id, c.start, c.end)
        day = f" ({best.resolved.day} {best.resolved:%B %Y})" if best.resolved is not None else ""
        stated = _display(c.text)  # "district hospi-\ntal" is shown as "district hospital"
        text = f"0 ({stated}) — {text}" if c.label == ZERO else f"{stated}{day} — {text}"
    return Answer(
        question=question,
        text=text,
        has_answer=True,
        citations=tuple(citations),
        passages=tuple(passages),
        short_answer=short,
        answer_type=answer_type,
    )
