"""A question that asks where a movement went *to* (or came *from*) is answered by the place of that end
of the movement, never by the other end stated in the same sentence.  Made-up reports, real components."""

from __future__ import annotations

import pytest

from assistant.answering.candidates import movement
from assistant.language.annotations import Token
from assistant.language.answer_type import read_question
from tests.support.reports import assistant_over, short_answer

REPORTS = {
    "harmon_day_40.txt": (
        "Harmon Relief Bulletin, 14 March 2031\n\n"
        "Flood waters in the Vessa valley rose again overnight. Relief teams evacuated 212 residents from "
        "Tarn and Milo villages to the school in Orsk. A convoy of 14 trucks carried blankets from the depot "
        "at Kessel to the camp at Dorra.\n"),
    "harmon_day_41.txt": (
        "Harmon Relief Bulletin, 15 March 2031\n\n"
        "Water levels fell in the lower valley. Two volunteers were injured when a wall collapsed in Milo.\n"),
}


@pytest.fixture(scope="module")
def harmon(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "harmon", REPORTS)


@pytest.mark.parametrize("question, direction", [
    ("Where were the residents evacuated to?", "to"),
    ("Which town did the convoy come from?", "from"),
    ("To which town were the families moved?", "to"),
    ("From where did the trucks arrive?", "from"),
    ("Where did the refugees flee to?", "to"),
    ("Which village was he arrested in?", None),  # a place, no movement
    ("Where were the residents evacuated?", None),
])
def test_the_direction_a_question_asks_for(question, direction):
    assert read_question(question).direction == direction


def test_the_preposition_that_opens_a_names_phrase():
    text = "evacuated residents from Tarn and Milo villages to the school in Orsk ."
    tags = ["VERB", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "NOUN", "ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
    tokens, at = [], 0
    for word, tag in zip(text.split(), tags):
        start = text.index(word, at)
        tokens.append(Token(start, start + len(word), tag, word.lower()))
        at = start + len(word)
    assert movement(tokens, 3, text) == "from"  # Tarn
    assert movement(tokens, 5, text) == "from"  # Milo, after "and"
    assert movement(tokens, 11, text) == "to"  # Orsk: in the phrase of "to the school"
    assert movement(tokens, 1, text) is None  # residents: after the verb


@pytest.mark.parametrize("question, wrong", [
    ("Where were the residents evacuated to?", {"tarn", "milo", "tarn and milo villages"}),
    ("Where were the residents evacuated from?", {"orsk", "school", "the school in orsk"}),
    ("Where did the convoy carry the blankets to?", {"kessel", "depot", "the depot at kessel"}),
])
def test_the_other_end_of_the_movement_is_not_the_answer(harmon, question, wrong):
    answer = harmon.ask(question)
    assert answer.has_answer, answer.text
    assert short_answer(answer).text.lower() not in wrong, answer.text
