"""The extractive answerer: quote the sentences of the retrieved passages that best answer
the question, each followed by its ``[n]`` citation, or decline.

Sentence score (0..1 scale)::

    score = 0.6 * cosine(question, sentence) + 0.4 * share of the question's content terms in the sentence

plus the answer-type rules of :mod:`assistant.question`:

* "how many X": only a sentence with a number within four words before X (or
  "X" spelled as a number phrase) can answer; with none, decline.
* "how much"/"what number": the sentence must state a number.
* a proper name in the question that no retrieved passage mentions: decline
  (the reports are about something else).

Decline when the best score is below ``min_relevance``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .embedding import Embedder
from .question import QuestionShape, analyse
from .sentences import content_terms, is_number, normalize, split_sentences, tokens
from .types import Answer, Citation, Passage

NO_ANSWER = "The reports do not answer this question."
"""The sentence used to decline, everywhere."""

_MAX_SENTENCES = 60
_NUMBER_WINDOW = 4


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
    """

    def __init__(
        self,
        embedder: Embedder,
        *,
        min_relevance: float,
        max_sentences: int,
        document_text: Callable[[str], str] | None = None,
    ) -> None:
        self.embedder = embedder
        self.document_text = document_text
        self.min_relevance = min_relevance
        self.max_sentences = max_sentences

    def answer(self, question: str, passages: Sequence[Passage]) -> Answer:
        """An :class:`Answer` (``latency_ms`` left at 0 for the caller to fill in)."""
        shape = analyse(question)
        if not passages or self._misses_names(shape, passages):
            return decline(question, passages)
        ranked = self.rank(question, shape, passages)
        if not ranked or ranked[0].score < self.min_relevance:
            return decline(question, passages)
        chosen = [ranked[0]]
        for candidate in ranked[1:]:
            if len(chosen) >= self.max_sentences or candidate.score < 0.9 * ranked[0].score:
                break
            chosen.append(candidate)
        return _compose(question, sorted(chosen, key=lambda s: (s.passage.rank, s.start)), passages)

    def rank(self, question: str, shape: QuestionShape, passages: Sequence[Passage]) -> list[ScoredSentence]:
        """Candidate sentences that fit the question's answer type, best first."""
        candidates = [
            (passage, passage.chunk.start + span.start, span.text)
            for passage in passages
            for span in split_sentences(passage.chunk.text)
        ][:_MAX_SENTENCES]
        candidates = [c for c in candidates if _fits(shape, c[2])]
        if not candidates:
            return []
        vectors = self.embedder.embed([question] + [text for _, _, text in candidates])
        cosine = vectors[1:] @ vectors[0]
        terms = content_terms(question)
        scored = []
        for (passage, start, text), cos in zip(candidates, cosine):
            overlap = len(terms & content_terms(text)) / len(terms) if terms else 0.0
            score = 0.6 * float(np.clip(cos, 0.0, 1.0)) + 0.4 * overlap
            scored.append(ScoredSentence(passage, start, text, score))
        # Keep one sentence per start offset (overlapping chunks repeat sentences).
        best: dict[tuple[str, int], ScoredSentence] = {}
        for s in scored:
            key = (s.passage.chunk.document_id, s.start)
            if key not in best or s.score > best[key].score:
                best[key] = s
        return sorted(best.values(), key=lambda s: s.score, reverse=True)


    def _misses_names(self, shape: QuestionShape, passages: Sequence[Passage]) -> bool:
        """True when a proper name of the question is in none of the passages' documents."""
        if not shape.names:
            return False
        texts = [p.chunk.text for p in passages]
        if self.document_text is not None:
            texts += [self.document_text(d) for d in dict.fromkeys(p.chunk.document_id for p in passages)]
        haystack = "\n".join(texts).lower()
        return not all(name in haystack for name in shape.names)


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
            citations.append(
                Citation(
                    n=numbers[chunk.id],
                    document_id=chunk.document_id,
                    source=chunk.source,
                    chunk_id=chunk.id,
                    start=chunk.start,
                    end=chunk.end,
                    text=chunk.text,
                    score=sentence.passage.score,
                )
            )
        parts.append(f"{sentence.text} [{numbers[chunk.id]}]")
    return Answer(
        question=question,
        text=" ".join(parts),
        has_answer=True,
        citations=tuple(citations),
        passages=tuple(passages),
    )
