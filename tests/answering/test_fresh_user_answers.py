"""What a fresh user met in single answers over their own reports (issue 13): a greeting is no question,
an amount keeps the word that says what it measures, a second quoted sentence is about the same kind of
thing, and a count stated after its noun ("the crew of six") counts that noun.  Made-up reports about
fictional places, real components."""

from __future__ import annotations

import pytest

from tests.support.reports import assistant_over, short_answer

REPORTS = {
    "vellan_harbour.txt": (
        "Port Vellan Harbour Notice, 3 March 2031\n\n"
        "About 2,000 litres of diesel leaked from a damaged tank at the Port Vellan fuel jetty on Tuesday. "
        "Harbour staff laid booms around the jetty. Fire chief Dominic Yarrow said the leak was contained by "
        "the evening. The crew of six was rescued by the lifeboat Mary Ellen after the trawler Gull's Wake ran "
        "aground near the jetty.\n"),
    "sedge_council.txt": (
        "Sedge District Council Bulletin, 5 March 2031\n\n"
        "The council of Sedge approved 45,000 crowns for a new well in the village of Marrow Ford. Work on the "
        "well will begin in April. A convoy of 12 trucks brought pipes to the village on Thursday. The Kessel "
        "Trust donated EUR 9,000 for the pump. Volunteers in Marrow Ford raised 3,000 yesterday for the school.\n"),
    "orrin_update.txt": (
        "Orrin Province Update, 6 March 2031\n\n"
        "Three smugglers were detained near the Orrin bridge on Monday. Police chief Anton Merrel said all three "
        "had assisted in an attack on a border post. The attackers set a fire that destroyed the post's store. Police "
        "seized 40 kilograms of copper wire.\n"),
}


@pytest.fixture(scope="module")
def vellan(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "vellan", REPORTS)


@pytest.mark.parametrize("text", ["hello there", "thanks a lot"])
def test_a_greeting_is_declined(vellan, text):
    answer = vellan.ask(text)
    assert not answer.has_answer and answer.short_answer is None, answer.text


@pytest.mark.parametrize("question, expected", [
    ("How much diesel leaked?", "About 2,000 litres"),
    ("How much money was approved for the well in Sedge?", "45,000 crowns"),
    ("How much copper wire was seized?", "40 kilograms"),
    ("How much did the Kessel Trust donate for the pump?", "EUR 9,000"),
    ("How much money did the volunteers in Marrow Ford raise for the school?", "3,000"),
])
def test_an_amount_keeps_its_unit_or_currency(vellan, question, expected):
    assert short_answer(vellan.ask(question)).text == expected


def test_a_second_sentence_about_another_kind_of_chief_is_not_quoted(vellan):
    answer = vellan.ask("Who is the fire chief there?")
    assert short_answer(answer).text == "Dominic Yarrow", answer.text
    assert "Merrel" not in answer.text and len(answer.citations) == 1, answer.text


@pytest.mark.parametrize("question, expected", [
    ("How many crew members were rescued from the Gull's Wake?", "six"),
    ("How many trucks were in the convoy?", "12"),
])
def test_a_count_stated_after_its_noun_counts_that_noun(vellan, question, expected):
    assert short_answer(vellan.ask(question)).text == expected


def test_a_question_of_a_head_noun_only_is_still_answered(vellan):
    # "how many trucks were reported?" has no focus word besides its head noun: the head is what to carry
    assert short_answer(vellan.ask("How many trucks were reported?")).text == "12"
