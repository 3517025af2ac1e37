"""The extractive answerer: quote the sentences of the retrieved passages that best answer
the question, each followed by its ``[n]`` citation, or decline.

Sentence score (0..1 scale)::

    score = 0.6 * cosine(question, sentence) + 0.4 * share of the question's content terms in the sentence

plus the answer-type rules of :mod:`assistant.question`:

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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .embedding import Embedder
from .question import MONTHS, QuestionShape, analyse, mentions_month
from .sentences import (
    STOPWORDS, content_terms, date_strength, is_number, mentions_word, normalize, split_sentences, tokens,
)
from .types import Answer, Citation, Passage

NO_ANSWER = "The reports do not answer this question."
"""The sentence used to decline, everywhere."""

_MAX_SENTENCES = 80
_NUMBER_WINDOW = 7
_TYPED_BONUS = 0.15
_WORD = re.compile(r"[A-Za-z0-9][\w'’\-]*")
_NAME_PHRASE = re.compile(r"(?<!^)\b[A-Z][a-z'’\-]+\s+[A-Z][a-z'’\-]+")
GENERIC_SHARE = 0.05
_MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’\-]+")


@dataclass(frozen=True)
class ScoredSentence:
    passage: Passage
    start: int  # offset in the document
    text: str
    score: float


class ExtractiveAnswerer:
    """Answers by quoting sentences of the retrieved passages.

    Args:
        embedder: the embedding model (shared with retrieval).
        min_relevance: decline when the best sentence scores below this.
        max_sentences: most sentences quoted; a further sentence is quoted only when it
            scores at least 90% of the best one.
        document_text: looks up a document's full text by id, so that a name the
            question mentions counts as present when the passage's document states it.
        term_share: share of indexed chunks containing a word; a capitalised word in more
            than ``GENERIC_SHARE`` of them (a capital city, the issuing organisation) is not
            taken for the specific name a who/which question asks for.
        widen: a retriever's ``retrieve(question, k)``: when no sentence of the given
            passages fits the question's answer type, the answerer looks at the top
            ``widen_factor * len(passages)`` passages before it declines.
        widen_factor: how much further to look.
    """

    def __init__(
        self,
        embedder: Embedder,
        *,
        min_relevance: float,
        max_sentences: int,
        document_text: Callable[[str], str] | None = None,
        term_share: Callable[[str], float] | None = None,
        widen: Callable[[str, int], Sequence[Passage]] | None = None,
        widen_factor: int = 4,
    ) -> None:
        self.embedder = embedder
        self.widen = widen
        self.widen_factor = widen_factor
        self.term_share = term_share
        self.document_text = document_text
        self.min_relevance = min_relevance
        self.max_sentences = max_sentences

    def answer(self, question: str, passages: Sequence[Passage]) -> Answer:
        """An :class:`Answer` (``latency_ms`` left at 0 for the caller to fill in)."""
        ranked, passages = self.ranked(question, passages)
        return self.answer_ranked(question, ranked, passages)

    def ranked(self, question: str, passages: Sequence[Passage]) -> tuple[list[ScoredSentence], Sequence[Passage]]:
        """The sentences :meth:`rank` finds, best first, and the passages they were taken
        from: the given ones, or further down the retrieval (``widen``) when none fits."""
        shape = analyse(question)
        ranked = self.rank(question, shape, passages)
        if not ranked and self.widen is not None and passages and self.widen_factor > 1:
            passages = tuple(self.widen(question, len(passages) * self.widen_factor))
            ranked = self.rank(question, shape, passages)
        return ranked, passages

    def answer_ranked(self, question: str, ranked: Sequence[ScoredSentence], passages: Sequence[Passage]) -> Answer:
        """The answer from sentences already ranked by :meth:`rank` (best first)."""
        if not ranked or ranked[0].score < self.min_relevance:
            return decline(question, passages)
        chosen = [ranked[0]]
        for candidate in ranked[1:]:
            if len(chosen) >= self.max_sentences or candidate.score < 0.9 * ranked[0].score:
                break
            chosen.append(candidate)
        return _compose(question, sorted(chosen, key=lambda s: (s.passage.rank, s.start)), passages)

    def rank(self, question: str, shape: QuestionShape, passages: Sequence[Passage]) -> list[ScoredSentence]:
        """Candidate sentences that fit the question's answer type, best first.

        Only passages whose document mentions every name and year of the question
        are used; a name-seeking question needs a sentence with a new, specific name.
        """
        contexts = self._contexts(passages)
        eligible = [p for p in passages if _mentions(contexts[p.chunk.document_id], shape)]
        common_here = _generic_names(contexts.values())

        def generic(word: str) -> bool:
            if word.lower() in common_here:
                return True
            return self.term_share is not None and self.term_share(word) > GENERIC_SHARE

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
        vectors = self.embedder.embed([question] + [c[2] for c in candidates])
        cosine = vectors[1:] @ vectors[0]
        terms = content_terms(question)
        best: dict[tuple[str, int], ScoredSentence] = {}
        for (passage, start, text, novel), cos in zip(candidates, cosine):
            overlap = len(terms & content_terms(text)) / len(terms) if terms else 0.0
            score = 0.6 * float(np.clip(cos, 0.0, 1.0)) + 0.4 * overlap
            if shape.asked_noun and shape.asked_noun in {normalize(t) for t in tokens(text)} and novel:
                score += _TYPED_BONUS
            if shape.asks_time:
                score += _TYPED_BONUS * date_strength(text, shape.years)
            if shape.asks_name and novel:
                score += _TYPED_BONUS * (0.5 if _NAME_PHRASE.search(text) else 0.25)
            if shape.asks_who and novel:
                score += _TYPED_BONUS
            sentence = ScoredSentence(passage, start, text, score)
            key = (passage.chunk.document_id, start)  # overlapping chunks repeat sentences
            if key not in best or score > best[key].score:
                best[key] = sentence
        return sorted(best.values(), key=lambda s: s.score, reverse=True)

    def _contexts(self, passages: Sequence[Passage]) -> dict[str, str]:
        """Lower-case text of each passage's document (its retrieved passages without a lookup)."""
        contexts: dict[str, str] = {}
        for passage in passages:
            contexts[passage.chunk.document_id] = contexts.get(passage.chunk.document_id, "") + "\n" + passage.chunk.text
        if self.document_text is not None:
            for document_id in contexts:
                contexts[document_id] = self.document_text(document_id)
        return {d: text.lower() for d, text in contexts.items()}


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
    words = _CAPITALISED.findall(sentence)[1:] if sentence[:1].isupper() else _CAPITALISED.findall(sentence)
    return [
        w for w in words
        if normalize(w) not in shape.words and w.lower() not in STOPWORDS and not generic(w)
        and w.lower() not in MONTHS and w.lower() not in _MONTH_ABBREVIATIONS
    ]


def _counts(words: list[str], counted: str) -> bool:
    """A number stands within a few words before the counted noun."""
    for i, word in enumerate(words):
        if normalize(word) == counted:
            if any(is_number(w) for w in words[max(0, i - _NUMBER_WINDOW) : i]):
                return True
    return False


def _compose(question: str, chosen: Sequence[ScoredSentence], passages: Sequence[Passage]) -> Answer:
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    parts = []
    for sentence in chosen:
        chunk = sentence.passage.chunk
        if chunk.id not in numbers:
            numbers[chunk.id] = len(numbers) + 1
            citations.append(Citation.of_passage(numbers[chunk.id], sentence.passage))
        parts.append(f"{sentence.text} [{numbers[chunk.id]}]")
    return Answer(
        question=question,
        text=" ".join(parts),
        has_answer=True,
        citations=tuple(citations),
        passages=tuple(passages),
    )
