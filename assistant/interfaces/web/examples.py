"""Example questions taken from the indexed documents, to show under an empty chat.

Mechanism (no question or answer is written by hand): every ``<number> <plural noun>``
phrase in the indexed chunks ("34 airstrikes", "12 villages") gives the candidate
question "How many <noun> were reported?".  Nouns counted in the fewest documents
come first (their answer is least ambiguous), units of measure and time are skipped,
and a candidate is kept only when the assistant actually answers it with a citation
of a document that counts that noun.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from ...types import Answer, Chunk

logger = logging.getLogger(__name__)

QUESTION_TEMPLATE = "How many {noun} were reported?"

_COUNTED = re.compile(r"\b\d{1,3}(?:,\d{3})*\s+([a-z]{4,}s)\b")
_UNITS = frozenset(
    "kilometres kilometers metres meters miles yards feet inches tons tonnes pounds kilograms grams litres "
    "liters gallons percent seconds minutes hours days weeks months years decades centuries times points "
    "dollars euros cents rounds degrees acres hectares".split()
)


def candidate_nouns(chunks: list[Chunk]) -> list[tuple[str, frozenset[str]]]:
    """``(noun, ids of the documents that count it)`` for every counted plural noun,
    fewest documents first, then alphabetical."""
    documents: dict[str, set[str]] = {}
    for chunk in chunks:
        for noun in _COUNTED.findall(chunk.text):
            if noun not in _UNITS and not noun.endswith("ss"):
                documents.setdefault(noun, set()).add(chunk.document_id)
    return sorted(((n, frozenset(d)) for n, d in documents.items()), key=lambda item: (len(item[1]), item[0]))


def example_questions(
    chunks: list[Chunk], ask: Callable[[str], Answer], *, limit: int = 3, tries: int = 12
) -> list[str]:
    """Up to ``limit`` questions that ``ask`` answers from the documents they were taken from.

    Args:
        chunks: the indexed chunks (``ChunkStore.all_chunks()``).
        ask: answers one question (``Assistant.ask``).
        limit: questions wanted.
        tries: candidates asked at most (each costs one ``ask``).
    """
    questions: list[str] = []
    used_documents: set[str] = set()
    for noun, document_ids in candidate_nouns(chunks)[:tries]:
        if document_ids <= used_documents:
            continue  # prefer examples from different documents
        question = QUESTION_TEMPLATE.format(noun=noun)
        try:
            answer = ask(question)
        except Exception:  # an example is a nicety: never fail the page for it
            logger.exception("cannot try the example question %r", question)
            continue
        cited = {c.document_id for c in answer.citations}
        if answer.has_answer and cited & document_ids:
            questions.append(question)
            used_documents |= cited
            if len(questions) == limit:
                break
    return questions
