"""A yes/no question with a when- or where-clause ("was anyone hurt when the dam was breached?") is
answered by the sentence that settles it, not read as asking for a date or a place.  Made-up
reports; the real parser, WordNet, model and store."""

import pytest

from tests.support.reports import assistant_over

DAM = (
    "Dam breached at Velk\n\n"
    "VELK, Ostrania (May 2, 2035) - Saboteurs breached the irrigation dam at Velk on Thursday night. "
    "No one was hurt, but floodwater covered the road to Marn for two days.\n"
)


@pytest.fixture(scope="module")
def velk(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "yes-no-clauses", {"dam.txt": DAM})


def test_a_when_clause_does_not_make_a_yes_no_question_a_date_question(velk):
    answer = velk.ask("Was anyone hurt when the dam at Velk was breached?")
    assert answer.answer_type == "yes_no"
    assert answer.has_answer and "No one was hurt" in answer.text
