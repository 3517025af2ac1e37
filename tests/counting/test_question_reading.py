"""How a count question is read and decided, on made-up reports of the tests' own
(``tests/data/counting-reading``: Tarvik province and Quessel district, invented places).

Real spaCy parse, real WordNet, real Chroma and embedding model."""

from __future__ import annotations

import pytest

from assistant.language.inflection import agree_with_do, is_base_verb
from tests.support.paths import DATA
from tests.support.reports import assistant_over_folder, count_reading as read

READING = DATA / "counting-reading"


@pytest.fixture(scope="module")
def reading_assistant(tmp_path_factory, embedder):
    return assistant_over_folder(tmp_path_factory, embedder, "reading", READING)




def terms_of(query):
    return {(t.lemma, t.pos): t for group in query.condition.groups for clause in group for t in clause.terms}


def test_inflection_agrees_with_the_dropped_auxiliary():
    assert agree_with_do("reopen", "did") == "reopened"
    assert agree_with_do("rise", "did") == "rose"
    assert agree_with_do("withdraw", "did") == "withdrew"
    assert agree_with_do("mention", "does") == "mentions"
    assert agree_with_do("withdraw", "do") == "withdraw"
    assert is_base_verb("reopen") and not is_base_verb("road") and not is_base_verb("suspects")


@pytest.mark.parametrize(("question", "verb", "subject"), [
    ("In how many reports did a road reopen?", "reopen", "road"),
    ("In how many reports did a bridge collapse?", "collapse", "bridge"),
    ("In how many reports did the militia withdraw from the town?", "withdraw", "militia"),
    ("In how many reports did prices rise?", "rise", "price"),
    ("In how many reports did a road finally reopen?", "reopen", "road"),
])
def test_a_do_supported_question_keeps_its_verb_and_subject(question, verb, subject):
    terms = terms_of(read(question))
    # the verb is read as a verb (not the noun "road reopen") and its subject must be in the sentence
    assert (verb, "VERB") in terms and terms[(verb, "VERB")].required
    assert (verb, "NOUN") not in terms
    assert terms[(subject, "NOUN")].required and not terms[(subject, "NOUN")].in_document


def test_does_and_a_negated_do_are_read_too():
    mention = read("In how many reports does the report mention a curfew?")
    assert [t.lemma for t in mention.condition.terms()] == ["curfew"]  # "mention" only reports
    negated = read("In how many reports did the army not fire?")
    clause = negated.condition.groups[0][0]
    assert clause.negated and {t.lemma for t in clause.terms} == {"army", "fire"}


def test_a_road_reopening_is_not_a_clinic_reopening(reading_assistant):
    answer = reading_assistant.ask("In how many reports did a road reopen?")
    # the clinic note says a clinic reopened and, in another sentence, that a road stays closed
    assert answer.count is not None and answer.count.document_ids == ("tarvik_roads",)
    assert "Vellan-Oster road reopened" in answer.citations[0].text
    collapsed = reading_assistant.ask("In how many reports did a bridge collapse?")
    assert collapsed.count.document_ids == ("quessel_bridge",)
    rose = reading_assistant.ask("In how many reports did prices rise?")
    assert rose.count.document_ids == ("quessel_bridge",)


def test_without_negates_its_own_part_of_a_combined_condition():
    query = read("In how many reports was a bridge damaged without anyone being hurt?")
    damaged, hurt = query.condition.groups
    assert not damaged[0].negated and {t.lemma for t in damaged[0].terms} == {"bridge", "damage"}
    assert hurt[0].negated and [t.lemma for t in hurt[0].terms] == ["hurt"]
    noun = read("In how many reports was a village shelled without casualties?")
    shelled, casualties = noun.condition.groups
    assert not shelled[0].negated and casualties[0].negated
    assert [t.lemma for t in casualties[0].terms] == ["casualty"]


def test_a_bridge_damaged_without_anyone_hurt(reading_assistant):
    answer = reading_assistant.ask("In how many reports was a bridge damaged without anyone being hurt?")
    # the police statement's bridge was damaged too, but two guards were injured
    assert answer.count.document_ids == ("quessel_culvert",)
    cited = " ".join(c.text for c in answer.citations)
    assert "damaged the stone bridge" in cited and "Nobody was injured" in cited


def test_a_word_stated_only_in_the_report_carries_no_negation_or_hedge(reading_assistant):
    # "medical" need only be in the report: its "no orders to let medical supplies through until
    # 30 May" neither negates nor hedges the stopping of the convoy
    answer = reading_assistant.ask("In how many reports was a medical convoy stopped?")
    assert answer.count.document_ids == ("kemmet_convoy",)
    assert not answer.count.possibly
    # a negation of the required words still refuses the sentence
    refused = reading_assistant.ask("In how many reports was a convoy stopped?")
    assert "vellan_convoy" not in refused.count.document_ids
