"""Another name of a person asked for: the name an alias cue of a report introduces, over
made-up reports about fictional places, with the real model, pipeline and store."""

import pytest

from assistant import NO_ANSWER
from assistant.language.aliases import asks_alias, stated_aliases
from tests.support.reports import assistant_over, short_answer

KESSEL = (
    "Militia leader sighted in Ravno\n\n"
    "Residents of Ravno said that Commander Ilmar Kessel (also known as the Grey Fox) was seen at the market on "
    "Monday. Kessel has led the Ravno militia since 2028.\n"
)
VOLKOV = (
    "Profile: the commander of the Ostran Front\n\n"
    "Commander Darek Volkov, also known as Black Heron, leads the Ostran Front in the hills east of Brenna. "
    "He took command of the group in 2029 after the death of its founder, Pavel Ostrov.\n"
)
MAYOR = (
    "New mayor in Selm\n\n"
    "Anna Brodsky was sworn in as mayor of Selm on Tuesday, the town council said.\n"
)


@pytest.fixture(scope="module")
def profiles(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "aliases",
                          {"kessel.txt": KESSEL, "volkov.txt": VOLKOV, "selm_mayor.txt": MAYOR})


def test_the_alias_is_the_name_after_the_cue(profiles):
    for question in ("What is Ilmar Kessel's alias?", "What is the nickname of Ilmar Kessel?",
                     "What other name is Commander Kessel known by?"):
        assert short_answer(profiles.ask(question)).text == "Grey Fox", question
    assert short_answer(profiles.ask("What is Darek Volkov also known as?")).text == "Black Heron"


def test_an_alias_no_report_states_is_declined(profiles):
    answer = profiles.ask("What is Anna Brodsky's nickname?")
    assert not answer.has_answer and answer.text == NO_ANSWER


def test_alias_questions_and_cues():
    assert asks_alias("What is Ilmar Kessel's alias?") and asks_alias("Under what name is Volkov also known?")
    assert not asks_alias("Who is also known as Black Heron?")
    assert not asks_alias("What did the police find in the barn?")
    text = "Volkov, alias Black Heron, and a man known locally as Ostap Brel (a.k.a. the Miller) met."
    assert [text[a:b] for a, b in stated_aliases(text)] == ["Black Heron", "Ostap Brel", "Miller"]
