"""A name of several words in the question is stated by a report that writes only its
distinctive word ("the Vostrel" for "the Grand Vostrel Regatta"), never by a common word
of it alone ("Brigade" for an invented "Tolvar Brigade").  Made-up reports, the real model,
pipeline, WordNet and store."""

import pytest

from assistant.language.names import name_phrases
from assistant.language.wordnet import wordnet
from assistant.types import Query
from tests.support.reports import assistant_over, short_answer

REGATTA = (
    "Harbour week in Olbec\n\n"
    "OLBEC, Sarmatia (May 2, 2032) - The Vostrel was first sailed on 14 June 1911, when eleven boats "
    "left the old harbour of Olbec. The race is now held every second summer.\n"
)
BRIGADE = (
    "Northern front update\n\n"
    "KESTA, Sarmatia (May 9, 2032) - The Black Reed Brigade is commanded by Colonel Maren Dask, the defence "
    "office said. Its units withdrew from Kesta on Monday.\n"
)


@pytest.fixture(scope="module")
def sarmatia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "names", {"olbec_regatta.txt": REGATTA,
                                                                "northern_front.txt": BRIGADE})


def test_the_distinctive_word_of_a_long_name_states_it(sarmatia):
    answer = sarmatia.ask("When was the Grand Vostrel Regatta first sailed?")
    assert answer.has_answer
    assert "1911" in short_answer(answer).text


def test_a_common_word_of_an_invented_name_does_not_state_it(sarmatia):
    assert not sarmatia.ask("Who commands the Tolvar Brigade?").has_answer
    answer = sarmatia.ask("Who commands the Black Reed Brigade?")
    assert answer.has_answer and short_answer(answer).text == "Maren Dask"


def test_name_phrases_group_the_words_of_one_name():
    question = "Did the Legend of Zelda: Breath of the Wild come out before Assassin's Creed Valhalla?"
    names = Query.parse(question, read=False).names
    assert name_phrases(question, names) == [("legend", "zelda"), ("breath", "wild"),
                                              ("assassin", "creed", "valhalla")]


@pytest.mark.parametrize("word, common", [("brigade", True), ("water", True), ("Valhalla", False),
                                          ("loudoun", False), ("tolvar", False)])
def test_common_words_are_those_wordnet_writes_in_lower_case(word, common):
    assert wordnet().common_word(word) is common
