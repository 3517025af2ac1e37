"""The generated answerer: an LLM writes the answer from numbered passages, code checks it.

Steps for one question (``answer`` or ``stream``):

1. the extractive answerer ranks the sentences of the retrieved passages (one
   embedding batch, well under a second) and gives its answer: with ``gate`` on, a
   question it declines (no sentence fits the question's answer type, or a name of
   the question is in no retrieved document) is declined without calling the LLM; its
   answer is also the fallback of step 4;
2. only passages with a candidate sentence (one that fits the question's answer type
   in a document naming the question's names and years) are shown, ordered by their
   best sentence's score; the first ``max_passages`` go into the prompt as ``[1]..[k]``
   (``prompts/answer.txt``).  This also keeps passages that cannot answer (and any
   instructions in them) out of the prompt.  With no candidate at all (gate off) the
   retrieval order is used.  Small
   models use the start of their context best ("Lost in the Middle", Liu et al., TACL
   2024); measured here, Qwen2.5-Coder-1.5B declined or cited the wrong passage on
   questions whose answer passage was retrieved third, and answered once it was first;
3. a reply containing the decline sentence :data:`~assistant.answering.extractive.NO_ANSWER`
   is a decline (``has_answer`` false, ``grounding="declined"``), unless the extractive
   answerer found an answer: then that answer is returned (``grounding="fallback"``).
   Measured on reports-qa, Qwen2.5-Coder-1.5B declined 4 of the 25 answerable
   questions, all 4 answered right by the extractive answerer, and none of the 5
   unanswerable ones (docs/GENERATORS.md);
4. otherwise :func:`assistant.answering.grounding.ground` checks markers and numbers; when nothing
   with a valid citation is left, or a quantity question ("how many", "how much") gets
   an answer stating no number, the extractive answer is returned instead
   (``grounding="fallback"``), else the checked text with exactly the cited passages
   (``"grounded"`` or ``"repaired"``);
5. typed answers: the prompt lists the extractive answerer's typed candidates (the expected
   answer type and the spans of that type, each with its passage number), and the same check
   runs in code (:func:`short_answer_of`): the generated answer's short answer is the first
   candidate it states, and that candidate must appear in a passage the answer cites, as its
   numbers must; a generated answer that states a candidate only an uncited passage holds falls
   back to the extractive answer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..models.generators import Generator
from ..language.names import fold, mentions_name
from ..types import Answer, Passage, Query, Retrieval, ShortAnswer
from .citations import citations_for
from .extractive import NO_ANSWER, ExtractiveAnswerer, ScoredSentence
from .grounding import ground, stated_numbers
from .prompts import Prompts

logger = logging.getLogger(__name__)

_LEAD_IN = re.compile(r"^\s*(?:answer|response)\s*:\s*", re.IGNORECASE)


def _squash(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def is_decline(reply: str) -> bool:
    """The reply states the decline sentence (case, punctuation and spacing ignored)."""
    return _squash(NO_ANSWER) in _squash(reply)


class GeneratedAnswerer:
    """Answers with a :class:`~assistant.models.generators.Generator`, checked in code (see the module docstring).

    Args:
        generator: the LLM backend.
        prompts: the loaded prompt templates.
        extractive: the extractive answerer (gate and fallback).
        max_passages: most passages in the prompt.
        gate: decline without calling the LLM when the extractive answerer declines.
    """

    def __init__(self, generator: Generator, prompts: Prompts, extractive: ExtractiveAnswerer, *,
                 max_passages: int, gate: bool) -> None:
        self.generator = generator
        self.prompts = prompts
        self.extractive = extractive
        self.max_passages = max_passages
        self.gate = gate

    def prepare(self, query: Query, retrieval: Retrieval) -> tuple[Answer, list[Passage]]:
        """The extractive answer and the passages to show the LLM, best first (steps 1-2)."""
        fallback, shown, _ = self._prepare(query, retrieval)
        return fallback, shown

    def _prepare(self, query: Query, retrieval: Retrieval) -> tuple[Answer, list[Passage], list[ScoredSentence]]:
        ranked, widened = self.extractive.ranked(query, retrieval)
        fallback = self.extractive.answer_ranked(query, ranked, widened)
        passages = widened
        best = list(dict.fromkeys(s.passage.chunk.id for s in ranked))
        if not best:  # nothing fits the question (gate off): the retrieval order
            return fallback, list(passages[: self.max_passages]), list(ranked)
        by_id = {p.chunk.id: p for p in passages}
        return fallback, [by_id[chunk_id] for chunk_id in best[: self.max_passages]], list(ranked)

    def _messages(self, query: Query, shown: Sequence[Passage], ranked: Sequence[ScoredSentence]):
        numbers = {p.chunk.id: n for n, p in enumerate(shown, start=1)}
        candidates = list(dict.fromkeys(
            (" ".join(s.candidate.text.split()), numbers[s.passage.chunk.id])
            for s in ranked if s.candidate is not None and s.passage.chunk.id in numbers
        ))[:8]
        answer_type = query.reading.answer_type.value if query.reading is not None else None
        return self.prompts.answer_messages(query.text, shown, candidates, answer_type)

    def answer(self, query: Query, retrieval: Retrieval) -> Answer:
        """The checked :class:`Answer` (``latency_ms`` left at 0 for the caller)."""
        fallback, shown, ranked = self._prepare(query, retrieval)
        if self.gate and not fallback.has_answer:
            return fallback
        reply = self.generator.generate(self._messages(query, shown, ranked))
        return self.check(query, reply, retrieval.passages, shown, fallback, ranked)

    def stream(self, query: Query, retrieval: Retrieval) -> Iterator[str | Answer]:
        """Text pieces as the LLM writes them (unchecked), then the checked :class:`Answer`
        (the :class:`~assistant.answering.streaming.StreamingAnswerer` protocol).

        A gated decline yields only the :class:`Answer`.
        """
        fallback, shown, ranked = self._prepare(query, retrieval)
        if self.gate and not fallback.has_answer:
            yield fallback
            return
        pieces: list[str] = []
        for piece in self.generator.stream(self._messages(query, shown, ranked)):
            pieces.append(piece)
            yield piece
        yield self.check(query, "".join(pieces), retrieval.passages, shown, fallback, ranked)

    def check(self, query: Query, reply: str, passages: Sequence[Passage], shown: Sequence[Passage],
              fallback: Answer, ranked: Sequence[ScoredSentence] = ()) -> Answer:
        """Turn the LLM's ``reply`` over the ``shown`` passages into a checked :class:`Answer`
        (``ranked``: the extractive answerer's typed candidates, for the short-answer check)."""
        question = query.text
        reply = _LEAD_IN.sub("", reply.strip())
        if is_decline(reply):
            if fallback.has_answer:
                return replace(fallback, grounding="fallback")
            return Answer(question=question, text=NO_ANSWER, has_answer=False, passages=tuple(passages),
                          grounding="declined")
        result = ground(reply, [p.chunk.text for p in shown], given=stated_numbers(question))
        if result.status == "failed" or (query.shape.asks_quantity and not stated_numbers(result.text)):
            logger.info("generated answer failed the checks, extractive fallback: %r", reply[:300])
            return replace(fallback, grounding="fallback")
        if result.removed:
            logger.info("removed unsupported sentences: %s", result.removed)
        cited = [shown[n - 1] for n in result.cited]
        short, grounded = short_answer_of(result.text, cited, ranked)
        if not grounded:
            logger.info("generated short answer is in no cited passage, extractive fallback: %r", reply[:300])
            return replace(fallback, grounding="fallback")
        return Answer(
            question=question,
            text=result.text,
            has_answer=True,
            citations=citations_for(result.cited, shown),
            passages=tuple(passages),
            grounding=result.status,
            short_answer=short,
            answer_type=fallback.answer_type,
        )


def short_answer_of(text: str, cited: Sequence[Passage], ranked: Sequence[ScoredSentence]) -> tuple[ShortAnswer | None, bool]:
    """The short answer of a generated ``text``: the typed candidate (of ``ranked``) it states
    first, as the span of a ``cited`` passage that holds it; and whether the text is grounded in
    this respect (``False`` when it states a candidate that no cited passage holds).

    Names compare without diacritics and with al-/el- variants (:func:`assistant.language.names.fold`)."""
    folded = fold(text)
    cited_ids = {p.chunk.id for p in cited}
    stated = [s for s in ranked if s.candidate is not None and mentions_name(folded, s.candidate.text)]
    if not stated:
        return None, True
    stated.sort(key=lambda s: folded.find(fold(s.candidate.text)))
    first = fold(stated[0].candidate.text)
    for s in stated:
        if fold(s.candidate.text) == first and s.passage.chunk.id in cited_ids:
            c = s.candidate
            return ShortAnswer(c.text, s.passage.chunk.document_id, c.start, c.end), True
    if any(mentions_name(fold(p.chunk.text), stated[0].candidate.text) for p in cited):
        return None, True  # a cited passage states it, only not where the candidate was read
    return None, False
