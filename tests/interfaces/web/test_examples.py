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


def test_an_answer_is_offered_only_when_it_states_a_count_of_the_noun() -> None:
    from assistant.interfaces.web.examples import states_count

    assert states_count("Coalition aircraft have conducted 34 airstrikes. [1]", "airstrikes")
    assert states_count("Police found four rifles. [1]", "rifles")
    assert not states_count("A strike against those behind the July 2 attacks on the station. [1]", "attacks")
    assert not states_count("In 2010 attacks rose. [1]", "attacks")
    assert not states_count("51 reports match: ops_report_operation (2010-04-26) [1], other [2].", "operations")
    assert not states_count("The reports do not answer this question.", "villages")


def test_an_answer_without_the_count_is_not_offered() -> None:
    from_b = (Citation(1, "b", "b.txt", "b:0", 0, 1, "x", 1.0),)

    def ask(question: str) -> Answer:  # cites the right document but states no count of the noun
        if "bridges" in question:
            return Answer(question, "The bridges near the July 7 market were closed. [1]", True, citations=from_b)
        return Answer(question, "The reports do not answer this question.", False)

    assert example_questions(CHUNKS, ask) == []
