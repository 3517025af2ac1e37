"""Every number the answer chain weighs with, in one object (:data:`WEIGHTS`).

How they were chosen: on half A ("tune", ``evalsets/split.py``) of the four QA sets only
(``../shared/data/reports-qa``, ``../shared/data/devset``, ``evalsets/corpus``,
``evalsets/valdoria``), with ``bench/answer_sweep.py``; a value was kept only when half B did
not get worse.  The figures of both halves are in ``docs/EVAL.md`` ("Typed answers").
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RerankWeights:
    """The reranker's feature weights, added to the normalised first-stage score
    (:mod:`assistant.retrieval.reranking`).

    ``dateline``: for a when-question, the share of the answer-type credit a date gets when it is
    only the passage's dateline (the day the report or page was issued: "Nov 8, 2031 ...",
    :func:`~assistant.language.dates.dateline_split`); chosen on devset half A (1.0, the earlier
    reading, and 0.5 and 0.0 tried: recall@5 68, 69 and 69 of 78), the answerer's own
    ``AnswerWeights.dateline`` is the same factor for a dateline's candidates."""

    answer_type: float = 0.2
    year: float = 0.2
    coverage: float = 0.2
    dateline: float = 0.5


@dataclass(frozen=True)
class AnswerWeights:
    """The extractive answerer's candidate score (:mod:`assistant.answering.extractive`):
    a weighted sum of features that each lie in 0..1.

    ``focus``: the weighted share of the question's focus words in the candidate's sentence;
    ``cosine``: the sentence's embedding cosine with the question; ``near``: how close the
    candidate stands to the focus words it shares (``exp(-distance / near_scale)``, distance
    in words); ``head``: the candidate stands next to the question's head noun ("Kodgai
    *village*", "30 *trucks*"); ``type_fit``: how well its entity label fits the expected answer
    type (:data:`assistant.language.answer_type.ENTITY_TYPES`); ``redundancy``: how many other
    retrieved documents state the same candidate (answer redundancy, Brill et al. 2002); ``rank``:
    the passage's retrieval score.

    ``context_credit``: a focus word found in the candidate's passage but not its sentence counts
    this much; ``min_focus``: decline when the best candidate's sentence (with its context) holds
    less than this share of the focus; ``min_score``: decline below this score; ``min_fit``: a
    candidate whose type fit is lower is not one; ``second``: a further sentence is quoted when
    it scores at least this share of the best (for a number, only when it states the same number);
    ``name_head``: when 1, a question asking for the name of an X ("the name of the *mayor*") is
    answered only from a sentence that states X (or a word :func:`~assistant.language.tokens.related` to it);
    ``other_phrase``: the type fit of a noun phrase that is not the object of the verb a description
    question asks about ("what did the patrol *find*": :func:`~assistant.answering.candidates.verb_objects`);
    ``dateline``: the factor on the type fit of a candidate inside a sentence's dateline (the
    report's place and day of issue, :func:`~assistant.answering.candidates.dateline_end`);
    ``paraphrase``: the share of a focus word's weight that a sentence gets when it states the word
    only in other words (a WordNet synonym, kind, derived or causing word: "were killed" for "died",
    :func:`~assistant.language.tokens.paraphrased`); ``linked``: the share of the question's focus words
    in the phrase the sentence equates with the candidate by a copula or an apposition ("*Iran* was the
    world's second-largest oil exporter", "*Hamza*, the Archi district Taliban commander":
    :func:`~assistant.answering.candidates.linked_phrase`; the definition and apposition patterns of
    Ravichandran & Hovy 2002), for person, organisation, place and description questions; chosen on half
    A of the four QA sets (0.3-1.0 alike, 1.5 worse).
    """

    focus: float = 1.0
    cosine: float = 0.5
    near: float = 0.7
    head: float = 0.3
    type_fit: float = 0.4
    redundancy: float = 0.0
    rank: float = 0.2
    near_scale: float = 4.0
    context_credit: float = 0.5
    min_focus: float = 0.4
    min_score: float = 1.5
    min_fit: float = 0.3
    second: float = 0.7
    name_head: float = 1.0
    other_phrase: float = 0.5
    dateline: float = 0.5
    paraphrase: float = 0.8
    linked: float = 0.7


@dataclass(frozen=True)
class Weights:
    """All weights: the reranker's and the answerer's."""

    rerank: RerankWeights = field(default_factory=RerankWeights)
    answer: AnswerWeights = field(default_factory=AnswerWeights)


WEIGHTS = Weights()
"""The weights in use."""
