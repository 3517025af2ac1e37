"""Reranking: the first-stage candidates re-scored by what the question asks for.

No cross-encoder ships its weights in a PyPI package (``STACK.md``), so the reranker
is a small linear model over features of the question and the passage, in the
tradition of answer-type matching in question answering (Prager et al., "Question-
answering by predictive annotation", SIGIR 2000; Harabagiu et al., "FALCON", TREC 2000):
a passage that can answer the question contains a phrase of the expected type.

    score = first_stage_norm + w_type * answer_type + w_year * year + w_cover * coverage

* ``first_stage_norm``: the retriever's score, min-max normalised over the candidates (0..1);
* ``answer_type`` (0..1): when-questions, how precisely the passage states a date (1 full
  date, 0.5 day and month or month and year, 0.25 a year the question does not name);
  how-many/how-much questions, a number the question does not contain; who/which-name
  questions, a multi-word proper name not made of the question's words;
* ``year`` (0 or 1): the passage names every year the question names;
* ``coverage`` (0..1): share of the question's content words found in the passage.

The weights are :attr:`assistant.weights.WEIGHTS.rerank` (chosen on half A of the QA sets,
see :mod:`assistant.weights`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..language.dates import date_strength, dateline_split, is_calendar_word
from ..language.names import title_phrases
from ..language.numbers import is_number
from ..language.question import QuestionShape
from ..language.tokens import STOPWORDS, mentions_word, normalize, tokens
from ..types import Passage, Query
from ..weights import WEIGHTS, RerankWeights
from .base import Retriever, min_max


@dataclass(frozen=True)
class PassageFeatures:
    """The reranker's view of one passage for one question (each 0..1)."""

    answer_type: float
    year: float
    coverage: float


def passage_features(shape: QuestionShape, text: str, weights: RerankWeights = WEIGHTS.rerank) -> PassageFeatures:
    """The answer-type, year and coverage features of ``text`` for a question of ``shape``; a
    date in the passage's dateline (:func:`~assistant.language.dates.dateline_split`: the day
    the report or page was issued, "Nov 8, 2019 ..." before a snippet) counts ``weights.dateline``
    of a date in its body, as it rarely is the date a when-question asks for."""
    words = tokens(text)
    normalised = {normalize(w) for w in words}
    if shape.asks_time:
        dateline, body = dateline_split(text)
        answer_type = max(date_strength(body, shape.years),
                          weights.dateline * date_strength(dateline, shape.years) if dateline else 0.0)
    elif shape.asks_quantity:
        answer_type = float(any(is_number(w) and normalize(w) not in shape.words for w in words))
    elif shape.asks_who or shape.asks_name:
        answer_type = float(any(
            not all(normalize(w) in shape.words or is_calendar_word(w) for w in name.split())
            for name in title_phrases(text)
        ))
    else:
        answer_type = 0.0
    year = float(all(mentions_word(text, y) for y in shape.years)) if shape.years else 0.0
    content = {w for w in shape.words if w not in STOPWORDS}
    coverage = len(content & normalised) / len(content) if content else 0.0
    return PassageFeatures(answer_type, year, coverage)


class AnswerTypeReranker:
    """Re-orders passages by ``score`` above (see the module docstring).

    ``Passage.score`` of the result is the reranked score divided by ``1 + sum of the
    weights``, so it stays within 0..1.
    """

    def __init__(self, weights: RerankWeights = WEIGHTS.rerank) -> None:
        self.weights = weights

    def rerank(self, query: Query, passages: Sequence[Passage]) -> list[Passage]:
        """``passages`` best first under the reranked score, ranks renumbered from 1."""
        shape = query.shape
        w = self.weights
        scale = 1.0 + w.answer_type + w.year + w.coverage
        scored = []
        for passage, first_stage in zip(passages, min_max([p.score for p in passages])):
            f = passage_features(shape, passage.chunk.text, w)
            score = first_stage + w.answer_type * f.answer_type + w.year * f.year + w.coverage * f.coverage
            scored.append((score / scale, passage))
        scored.sort(key=lambda pair: pair[0], reverse=True)
        return [Passage(p.chunk, score, rank) for rank, (score, p) in enumerate(scored, 1)]


class RerankingRetriever:
    """A first-stage retriever's top ``candidates`` passages, reranked; the top ``k`` returned.

    Args:
        first_stage: the retriever whose candidates are reranked.
        reranker: the reranker.
        candidates: passages taken from the first stage (at least ``k`` are always taken).
    """

    def __init__(self, first_stage: Retriever, reranker: AnswerTypeReranker, *, candidates: int = 30) -> None:
        self.first_stage = first_stage
        self.reranker = reranker
        self.candidates = candidates

    def retrieve(self, query: Query, k: int) -> list[Passage]:
        """The first stage's top ``max(k, candidates)`` reranked; the best ``k``."""
        passages = self.first_stage.retrieve(query, max(k, self.candidates))
        return self.reranker.rerank(query, passages)[:k]
