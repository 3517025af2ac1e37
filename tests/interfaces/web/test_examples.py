"""Example questions derived from the indexed chunks."""

from __future__ import annotations

from assistant.interfaces.web.examples import (
    QUESTION_TEMPLATE,
    candidate_nouns,
    example_questions,
)
from assistant.types import Answer, Chunk, Citation


def chunk(document_id: str, text: str) -> Chunk:
    return Chunk(f"{document_id}:0", document_id, f"{document_id}.txt", 0, 0, len(text), text)


CHUNKS = [
    chunk("a", "Forces advanced 9 kilometres and seized 12 villages and 3 rifles over 2 days."),
    chunk("b", "Police found 4 rifles and 1,200 rounds near 7 bridges."),
]


def test_candidates_skip_units_and_prefer_rare_nouns() -> None:
    nouns = candidate_nouns(CHUNKS)
    assert [n for n, _ in nouns] == ["bridges", "villages", "rifles"]
    assert dict(nouns)["rifles"] == frozenset({"a", "b"})


def test_example_questions_keep_only_answered_ones_from_their_document() -> None:
    from_a = (Citation(1, "a", "a.txt", "a:0", 0, 1, "x", 1.0),)

    def ask(question: str) -> Answer:
        if "bridges" in question:  # answered, but from another document: dropped
            return Answer(question, "x [1]", True, citations=from_a)
        if "villages" in question:
            return Answer(question, "12 villages [1]", True, citations=from_a)
        return Answer(question, "The reports do not answer this question.", False)

    assert example_questions(CHUNKS, ask) == [QUESTION_TEMPLATE.format(noun="villages")]
