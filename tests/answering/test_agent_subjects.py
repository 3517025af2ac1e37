"""A bare "who" question asking for the doer of a deed ("who won the cup?", "who funded the bridge?")
is answered by a country, team or organisation when the report states it as the subject of the asked
verb, and still by a person when a person did it.  Made-up reports, the real model, pipeline and store."""

import pytest

from tests.support.reports import assistant_over, short_answer

CUP_FINAL = (
    "Final of the Orsk Cup\n\n"
    "Ostrelia, coached by Ivo Brandt, won the Orsk Cup on Sunday in Braven. "
    "The striker Anton Velk scored twice in the final.\n"
)
BRIDGE = (
    "New bridge at Dorsk\n\n"
    "DORSK, Merovia (March 3, 2031) - The new bridge over the Ulva river at Dorsk opened on Monday. "
    "The Ministry of Transport funded the bridge, which the engineer Lena Marsh designed.\n"
)
RALLY = (
    "Cycling race in Kessa\n\n"
    "KESSA, Talvia (May 2, 2031) - Talvia hosted the Kessa mountain race on Saturday. "
    "The cyclist Mira Osk won the race, ahead of riders from Merovia and Kaldoria.\n"
)


@pytest.fixture(scope="module")
def sport(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "agents", {
        "orsk_cup.txt": CUP_FINAL, "dorsk_bridge.txt": BRIDGE, "kessa_race.txt": RALLY,
    })


def test_a_country_that_did_the_asked_deed_answers_who(sport):
    assert short_answer(sport.ask("Who won the Orsk Cup?")).text == "Ostrelia"


def test_an_organisation_that_did_the_asked_deed_answers_who(sport):
    assert short_answer(sport.ask("Who funded the new bridge at Dorsk?")).text.endswith("Ministry of Transport")


def test_a_person_who_did_the_deed_still_answers_who(sport):
    assert short_answer(sport.ask("Who won the Kessa mountain race?")).text == "Mira Osk"
    assert short_answer(sport.ask("Who designed the new bridge at Dorsk?")).text == "Lena Marsh"
    assert short_answer(sport.ask("Who scored twice in the final?")).text == "Anton Velk"


def test_the_subject_of_the_asked_verb_is_read_from_word_order():
    from assistant.answering.candidates import subject_of
    from assistant.language.nlp import annotate

    def tokens_of(text):
        read = annotate(text)
        return [t for s in read.sentences for t in s.tokens], read

    def subject(text, name, verb):
        tokens, _ = tokens_of(text)
        lemmas = [t.lemma for t in tokens]
        words = name.lower().split()
        first = next(i for i in range(len(lemmas)) if lemmas[i:i + len(words)] == words)
        return subject_of(tokens, first, first + len(words) - 1, verb)

    assert subject("Ostrelia won the cup.", "Ostrelia", "win")
    assert subject("Ostrelia, coached by Ivo Brandt, won the cup.", "Ostrelia", "win")
    assert not subject("Ostrelia, coached by Ivo Brandt, won the cup.", "Ivo Brandt", "win")
    assert subject("The cup was won by Ostrelia on Sunday.", "Ostrelia", "win")
    assert subject("The brigade is commanded by Colonel Maren Dask.", "Maren Dask", "command")  # a title between
    assert not subject("Ostrelia lost the final to Kaldoria.", "Ostrelia", "win")
    assert not subject("Ostrelia beat Kaldoria to win the cup.", "Kaldoria", "win")  # an infinitive's object


def test_who_asks_for_the_doer_of_its_verb():
    from assistant.language.answer_type import read_question

    assert read_question("Who won the Orsk Cup?").agent_verb == "win"
    assert read_question("Who has funded the new bridge?").agent_verb == "fund"
    assert read_question("Who was captured?").agent_verb is None
    assert read_question("Who did Ostrelia beat?").agent_verb is None


def test_a_sayer_is_no_doer():
    from assistant.language.answer_type import read_question

    assert read_question("Who said the bridge would reopen?").agent_verb is None  # every quote has a sayer
