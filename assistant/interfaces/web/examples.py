"""Example questions taken from the indexed documents, to show under an empty chat.

Mechanism (no question or answer is written by hand): every ``<number> <plural noun>``
phrase in the indexed chunks ("34 airstrikes", "12 villages") gives the candidate
question "How many <noun> were reported?".  Nouns counted in the fewest documents
come first (their answer is least ambiguous), units of measure and time are skipped,
and a candidate is kept only when the assistant actually answers it, checked when the
examples are made: the answer does not decline, cites a document that counts that
noun, and states a count of it (a number within seven words before the noun that is
not the day of a date: "the July 2 attacks" is no count of attacks, and "51 reports
match" no count of operations).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from ...language.dates import YEAR, is_calendar_word
from ...language.numbers import is_number
from ...language.tokens import normalize, tokens
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


_IDENTIFIER = re.compile(r"\S*_\S*|\[\d+\]")

COUNT_WINDOW = 7
"""Words before the counted noun in which its number must stand (as in the extractive answerer)."""


def states_count(text: str, noun: str) -> bool:
    """``text`` puts a number within :data:`COUNT_WINDOW` words before ``noun`` (any plural
    form), and that number is not the day or year of a date ("July 2", "2010").  Words of
    identifiers (``jazira_storm_operation``) and citation markers do not count."""
    words = tokens(_IDENTIFIER.sub(" ", text))
    wanted = normalize(noun)
    for i, word in enumerate(words):
        if normalize(word) != wanted:
            continue
        for j in range(max(0, i - COUNT_WINDOW), i):
            date_part = (j > 0 and is_calendar_word(words[j - 1])) or bool(YEAR.fullmatch(words[j]))
            if is_number(words[j]) and not date_part:
                return True
    return False


def example_questions(
    chunks: list[Chunk], ask: Callable[[str], Answer], *, limit: int = 3, tries: int = 20
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
        if answer.has_answer and cited & document_ids and states_count(answer.text, noun):
            questions.append(question)
            used_documents |= cited
            if len(questions) == limit:
                break
    return questions
