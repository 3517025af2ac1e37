"""How a count question is worded does not change what it counts: an "or" between two clauses
("a clinic looted or a bridge destroyed") lets either clause count a report; a share question
("what percentage of the reports ...") is the count over the reports in scope, answered "N of M
reports (P %)"; an imperative ("Count the reports that ...") is a count question; a hyphened
modifier of an alternative ("grenades or rocket-propelled grenades") is no condition of its own;
and a number of people at one named event is still the single stated number.  Made-up reports
about the invented Galvenor; the real model, pipeline and store."""

import pytest

from tests.support.reports import assistant_over, count_reading, short_answer

CLINIC = (
    "Galvenor Aid Watch - field note\n\n"
    "FELDRUN, Galvenor (2 March 2033) - Gunmen looted the health clinic in Feldrun on Wednesday night and "
    "carried off medicines. Nobody was hurt.\n"
)
BRIDGE = (
    "Galvenor Courier, 4 March 2033\n\n"
    "Saboteurs destroyed the old stone bridge near Orvanne early on Friday, cutting the only road to the "
    "valley farms.\n"
)
FLOOD = (
    "Galvenor Radio bulletin, 6 March 2033\n\n"
    "Floods cut the road to Telmark on Sunday after two days of rain. Police in Telmark arrested two men for "
    "looting shops.\n"
)
PROTEST = (
    "Galvenor Courier, 9 March 2033\n\n"
    "About 400 people marched in a protest in Zarethe on 8 March 2033 against the rise in fuel prices. The "
    "march ended peacefully in the main square.\n"
)
MARKET = (
    "Galvenor Aid Watch - weekly update, 10 March 2033\n\n"
    "The covered market in Brannock reopened on Thursday after repairs to its roof. Traders said prices of "
    "flour were stable.\n"
)


@pytest.fixture(scope="module")
def galvenor(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "galvenor", {
        "feldrun_clinic.txt": CLINIC, "orvanne_bridge.txt": BRIDGE, "telmark_flood.txt": FLOOD,
        "zarethe_protest.txt": PROTEST, "brannock_market.txt": MARKET,
    })


def test_or_between_clauses_lets_either_count(galvenor):
    # the second noun parses as a conjunct of the first verb, its verb as the noun's modifier
    answer = galvenor.ask("In how many reports was a clinic looted or a bridge destroyed?")
    assert answer.count is not None and answer.count.unit == "reports", answer.text
    assert sorted(answer.count.document_ids) == ["feldrun_clinic", "orvanne_bridge"], answer.text


@pytest.mark.parametrize("question, ids", [
    ("What percentage of the reports mention floods?", ["telmark_flood"]),
    ("What share of reports describe an arrest?", ["telmark_flood"]),
    ("In what proportion of the reports was a road cut?", ["orvanne_bridge", "telmark_flood"]),
])
def test_a_share_of_the_reports_is_the_count_over_the_reports_in_scope(galvenor, question, ids):
    answer = galvenor.ask(question)
    assert answer.count is not None and answer.count.unit == "reports", answer.text
    assert sorted(answer.count.document_ids) == ids, answer.text
    assert answer.count.in_scope == 5 and answer.count.share == pytest.approx(len(ids) / 5)
    assert f"{len(ids)} of 5 reports ({len(ids) * 20} %)" in answer.text, answer.text
    assert len(answer.citations) == len(ids)


def test_a_share_of_one_thing_stated_is_no_count(galvenor):
    assert count_reading("What share of the farmland around Feldrun was flooded?") is None


@pytest.mark.parametrize("question, ids", [
    ("Count the reports that mention arrests.", ["telmark_flood"]),
    ("Count the reports that describe a market reopening.", ["brannock_market"]),
])
def test_an_imperative_count_is_a_count_question(galvenor, question, ids):
    answer = galvenor.ask(question)
    assert answer.count is not None and answer.count.unit == "reports", answer.text
    assert sorted(answer.count.document_ids) == ids, answer.text
    assert "%" not in answer.text  # no share was asked


def test_a_hyphened_modifier_of_an_alternative_is_no_condition():
    query = count_reading("In how many reports did gunmen attack the convoy with rifles or rocket-propelled grenades?")
    assert query is not None and len(query.condition.groups) == 1, query.condition.describe()
    words = {t.lemma for t in query.condition.terms()}
    assert "rocket" not in words and "propel" not in words, words


def test_people_at_one_named_event_are_the_stated_number(galvenor):
    question = "How many people marched in the protest in Zarethe on 8 March 2033?"
    assert galvenor.parse(question).count is None
    assert short_answer(galvenor.ask(question)).text == "400"


DEVICE = (
    "Galvenor Courier, 12 March 2033\n\n"
    "An explosive device went off beside the fuel depot in Pirsk early on Monday, setting two tankers alight.\n"
)
AFTER = (
    "Pirsk district office - notice, 20 March 2033\n\n"
    "The Pirsk road is open again. It had been closed since the explosion that wrecked the fuel depot.\n"
)
RAIN = (
    "Galvenor Radio bulletin, 14 March 2033\n\n"
    "Heavy rain closed the Pirsk road for a day. Traders in Pirsk said flour prices were stable.\n"
)


@pytest.fixture(scope="module")
def pirsk(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "pirsk", {
        "pirsk_device.txt": DEVICE, "pirsk_notice.txt": AFTER, "pirsk_rain.txt": RAIN,
    })


@pytest.mark.parametrize("question", [
    "How many reports describe a bombing?",
    "In how many reports is an attack described?",
])
def test_the_means_of_an_attack_at_work_states_it(pirsk, question):
    # a bombing is named by its means (a bomb, an explosive device made to explode): a device that
    # went off, or the explosion, states one; and a bombing is a kind of attack
    answer = pirsk.ask(question)
    assert answer.count is not None and answer.count.unit == "reports", answer.text
    assert sorted(answer.count.document_ids) == ["pirsk_device", "pirsk_notice"], answer.text


@pytest.mark.parametrize("question, number", [
    ("According to the March 2033 Courier report, how many people marched in the protest in Zarethe?", "400"),
    ("How many people did the report say marched in the Zarethe protest?", "400"),
    ("How many men were arrested in Telmark according to the radio bulletin?", "two"),
])
def test_a_number_one_report_states_is_answered_not_summed(galvenor, question, number):
    # "the ... report", "the radio bulletin": one report pointed at, no cue to add up across reports
    assert galvenor.parse(question).count is None, galvenor.parse(question).count
    assert short_answer(galvenor.ask(question)).text == number


def test_according_to_the_reports_is_no_condition(galvenor):
    answer = galvenor.ask("How many men were arrested in Telmark in total, according to the reports?")
    assert answer.count is not None and answer.count.unit == "sum", answer.text
    assert answer.count.total == 2, answer.text
