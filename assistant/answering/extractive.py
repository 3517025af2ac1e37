"""The extractive answerer: quote the sentences of the retrieved passages that best answer
the question, each followed by its ``[n]`` citation, or decline.

Sentence score (0..1 scale)::

    score = 0.6 * cosine(question, sentence) + 0.4 * share of the question's content terms in the sentence

plus the answer-type rules of :mod:`assistant.language.question`:

* only passages whose document names every proper name and year of the question
  (and month) are used (otherwise the reports are about something else);
* fragments of under four words (datelines, labels) are not quoted;
* "how many X": only a sentence with a number within seven words before X answers;
* "how much"/"what number": the sentence must state a number;
* what-name / which-leader / also-known-as: the sentence must contain a specific proper
  name that the question does not (a name common across the index is not specific);
  such a name adds ``0.0375``, or ``0.075`` for a two-word name;
* who-questions: a new specific name adds ``0.15`` but is not required (the answer may
  be a description: "a suspected militant");
* when / what date: the sentence must state a time; a full date adds ``0.15``,
  day-month or month-year ``0.075``, a new year ``0.0375``;
* "which X"/"what X": a sentence naming X next to a new proper name adds ``0.15``.

Decline when the best score is below ``min_relevance``.

A quoted sentence longer than ``MAX_QUOTE_CHARS`` (a table flattened into one line, a
50,000-character run without a full stop) is cut to about that many characters around
the words the question asks about, with "…" where text was left out
(:func:`cap_quote`); its citation still points at the whole passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..language.dates import date_strength, is_calendar_word, mentions_month
from ..language.names import capitalised_words, has_title_phrase
from ..language.numbers import is_number
from ..language.question import QuestionShape
from ..language.sentences import split_sentences
from ..language.tokens import STOPWORDS, content_terms, mentions_word, normalize, tokens
from ..models.embedders import Embedder
from ..types import Answer, Citation, Passage, Query, Retrieval

NO_ANSWER = "The reports do not answer this question."
"""The sentence used to decline, everywhere."""

MAX_QUOTE_CHARS = 400
"""Longest sentence quoted whole, in characters (about three lines of the chat)."""

_MAX_SENTENCES = 80
_NUMBER_WINDOW = 7
_TYPED_BONUS = 0.15
_WORD = re.compile(r"[A-Za-z0-9][\w'’\-]*")
GENERIC_SHARE = 0.05


@dataclass(frozen=True)
class ScoredSentence:
    passage: Passage
    start: int  # offset in the document
    text: str
    score: float


class ExtractiveAnswerer:
    """Answers by quoting sentences of the retrieved passages.

    Everything it reads comes with the :class:`~assistant.types.Retrieval`: the documents'
    full texts (a name the question mentions counts as present when the passage's document
    states it) and the share of indexed chunks containing a word (a capitalised word in
    more than ``GENERIC_SHARE`` of them, such as a capital city or the issuing
    organisation, is not taken for the specific name a who/which question asks for).

    Args:
        embedder: the embedding model (shared with retrieval).
        min_relevance: decline when the best sentence scores below this.
        max_sentences: most sentences quoted; a further sentence is quoted only when it
            scores at least 90% of the best one.
        widen: when no sentence of the top ``k`` passages fits the question's answer type,
            look at the retrieval's whole pool before declining.
    """

    def __init__(self, embedder: Embedder, *, min_relevance: float, max_sentences: int, widen: bool = True) -> None:
        self.embedder = embedder
        self.widen = widen
        self.min_relevance = min_relevance
        self.max_sentences = max_sentences

    def answer(self, query: Query, retrieval: Retrieval) -> Answer:
        """An :class:`Answer` (``latency_ms`` left at 0 for the caller to fill in)."""
        ranked, passages = self.ranked(query, retrieval)
        return self.answer_ranked(query, ranked, passages)

    def ranked(self, query: Query, retrieval: Retrieval) -> tuple[list[ScoredSentence], Sequence[Passage]]:
        """The sentences :meth:`rank` finds, best first, and the passages they were taken
        from: the top ``k``, or the retrieval's pool when none of those fits."""
        passages: Sequence[Passage] = retrieval.passages
        ranked = self.rank(query, passages, retrieval)
        if not ranked and self.widen and passages and len(retrieval.pool) > len(passages):
            passages = retrieval.pool
            ranked = self.rank(query, passages, retrieval)
        return ranked, passages

    def answer_ranked(self, query: Query, ranked: Sequence[ScoredSentence], passages: Sequence[Passage]) -> Answer:
        """The answer from sentences already ranked by :meth:`rank` (best first)."""
        if not ranked or ranked[0].score < self.min_relevance:
            return decline(query.text, passages)
        chosen = [ranked[0]]
        for candidate in ranked[1:]:
            if len(chosen) >= self.max_sentences or candidate.score < 0.9 * ranked[0].score:
                break
            chosen.append(candidate)
        return _compose(query, sorted(chosen, key=lambda s: (s.passage.rank, s.start)), passages)

    def rank(self, query: Query, passages: Sequence[Passage], retrieval: Retrieval) -> list[ScoredSentence]:
        """Candidate sentences of ``passages`` that fit the question's answer type, best first.

        Only passages whose document mentions every name and year of the question
        are used; a name-seeking question needs a sentence with a new, specific name.
        """
        shape = query.shape
        contexts = _contexts(passages, retrieval.documents)
        eligible = [p for p in passages if _mentions(contexts[p.chunk.document_id], shape)]
        common_here = _generic_names(contexts.values())

        def generic(word: str) -> bool:
            if word.lower() in common_here:
                return True
            return retrieval.term_shares.get(normalize(word), 0.0) > GENERIC_SHARE

        candidates = []
        for passage in eligible:
            for span in split_sentences(passage.chunk.text):
                if _is_fragment(span.text):
                    continue
                novel = _novel_names(span.text, shape, generic)
                if _fits(shape, span.text) and (novel or not shape.asks_name) and (
                    not shape.asks_time or date_strength(span.text, shape.years) > 0
                ):
                    candidates.append((passage, passage.chunk.start + span.start, span.text, bool(novel)))
        candidates = candidates[:_MAX_SENTENCES]
        if not candidates:
            return []
        question_vector = query.vector if query.vector is not None else self.embedder.embed([query.text])[0]
        cosine = self.embedder.embed([c[2] for c in candidates]) @ question_vector
        terms = content_terms(query.text)
        best: dict[tuple[str, int], ScoredSentence] = {}
        for (passage, start, text, novel), cos in zip(candidates, cosine):
            overlap = len(terms & content_terms(text)) / len(terms) if terms else 0.0
            score = 0.6 * float(np.clip(cos, 0.0, 1.0)) + 0.4 * overlap
            if shape.asked_noun and shape.asked_noun in {normalize(t) for t in tokens(text)} and novel:
                score += _TYPED_BONUS
            if shape.asks_time:
                score += _TYPED_BONUS * date_strength(text, shape.years)
            if shape.asks_name and novel:
                score += _TYPED_BONUS * (0.5 if has_title_phrase(text, after_start=True) else 0.25)
            if shape.asks_who and novel:
                score += _TYPED_BONUS
            sentence = ScoredSentence(passage, start, text, score)
            key = (passage.chunk.document_id, start)  # overlapping chunks repeat sentences
            if key not in best or score > best[key].score:
                best[key] = sentence
        return sorted(best.values(), key=lambda s: s.score, reverse=True)


def _contexts(passages: Sequence[Passage], documents: Mapping[str, str]) -> dict[str, str]:
    """Lower-case text of each passage's document (its retrieved passages when its text is not given)."""
    contexts: dict[str, str] = {}
    for passage in passages:
        contexts[passage.chunk.document_id] = contexts.get(passage.chunk.document_id, "") + "\n" + passage.chunk.text
    return {d: documents.get(d, text).lower() for d, text in contexts.items()}


def decline(question: str, passages: Sequence[Passage] = ()) -> Answer:
    """The answer that says the reports do not answer ``question``."""
    return Answer(question=question, text=NO_ANSWER, has_answer=False, passages=tuple(passages))


def _fits(shape: QuestionShape, sentence: str) -> bool:
    words = tokens(sentence)
    if shape.counted is not None:
        return _counts(words, shape.counted)
    if shape.asks_quantity:
        return any(is_number(w) for w in words)
    return True


def _mentions(context: str, shape: QuestionShape) -> bool:
    """The document names every year and month of the question, and its proper names, each
    as a whole word: all of them when the question has one or two, all but one when it has
    three or more (a long question's capitalised words include spelling variants and
    title-case words such as "Ceremony").  Measured in docs/EVAL.md ("Answerer")."""
    missing = sum(not mentions_word(context, name) for name in shape.names)
    return (
        missing <= _names_allowed_missing(len(shape.names))
        and all(mentions_word(context, year) for year in shape.years)
        and all(mentions_month(context, month) for month in shape.months)
    )


def _names_allowed_missing(count: int) -> int:
    return 1 if count >= 3 else 0


def _is_fragment(sentence: str) -> bool:
    """Fewer than four words: a dateline, a label or a heading, not a statement."""
    return len(_WORD.findall(sentence)) < 4


def _generic_names(contexts: Iterable[str]) -> set[str]:
    """Capitalised words found in at least three of the documents at hand: too common to be an answer."""
    seen: dict[str, int] = {}
    for context in contexts:
        for word in set(tokens(context)):
            seen[word] = seen.get(word, 0) + 1
    return {word for word, count in seen.items() if count >= 3}


def _novel_names(sentence: str, shape: QuestionShape, generic: Callable[[str], bool]) -> list[str]:
    """Capitalised words of the sentence (not its first word) that the question does not
    contain and that are not generic in the documents at hand."""
    words = capitalised_words(sentence, latin_only=True)
    words = words[1:] if sentence[:1].isupper() else words
    return [
        w for w in words
        if normalize(w) not in shape.words and w.lower() not in STOPWORDS and not generic(w)
        and not is_calendar_word(w)
    ]


def _counts(words: list[str], counted: str) -> bool:
    """A number stands within a few words before the counted noun."""
    for i, word in enumerate(words):
        if normalize(word) == counted:
            if any(is_number(w) for w in words[max(0, i - _NUMBER_WINDOW) : i]):
                return True
    return False


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


def _focus(sentence: str, shape: QuestionShape, terms: Iterable[str]) -> int:
    """Where in ``sentence`` the question's counted noun, else its first content term found, is
    (0 when none is)."""
    lowered = sentence.lower()
    for term in ([shape.counted] if shape.counted else []) + sorted(terms, key=len, reverse=True):
        if match := re.search(rf"\b{re.escape(term)}", lowered):
            return match.start()
    return 0


def _compose(query: Query, chosen: Sequence[ScoredSentence], passages: Sequence[Passage]) -> Answer:
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    parts = []
    terms = content_terms(query.text)
    for sentence in chosen:
        chunk = sentence.passage.chunk
        if chunk.id not in numbers:
            numbers[chunk.id] = len(numbers) + 1
            citations.append(Citation.of_passage(numbers[chunk.id], sentence.passage))
        quoted = cap_quote(sentence.text, _focus(sentence.text, query.shape, terms))
        parts.append(f"{quoted} [{numbers[chunk.id]}]")
    return Answer(
        question=query.text,
        text=" ".join(parts),
        has_answer=True,
        citations=tuple(citations),
        passages=tuple(passages),
    )
