"""Questions worded otherwise than their reports: a synonym, a verb whose result the report states
("died" for "were killed"), a distance asked of a report with a casualty table, and questions that
read like counts across reports but ask what one report says.  Made-up reports about the fictional
country of Brevania, written with their questions before the product was run on them; the real
model, pipeline, WordNet and store."""

import pytest

from tests.support.reports import assistant_over, count_reading, short_answer

MARKET = (
    "Shelling of the Dorvel market\n\n"
    "DORVEL, 9 April 2032 - Artillery shells struck the covered market of Dorvel on Tuesday afternoon. "
    "Six traders were killed and 14 shoppers were injured, the district health office said.\n"
)
CONVOY = (
    "Relief convoy reaches Saltmere\n\n"
    "A relief convoy of nine trucks left Harrow on Friday and reached Saltmere after covering 63 kilometres "
    "of mountain road. The convoy uncovered two roadside mines near the Tessel bridge, which engineers "
    "removed.\n\n"
    "| Village | Killed | Injured |\n"
    "|---|---|---|\n"
    "| Saltmere | 3 | 5 |\n"
    "| Orlin | 1 | 2 |\n"
)
CLINICS = (
    "Messages for village clinics\n\n"
    "The Brevanian health ministry has launched a text-message service called Lumen for village clinics in "
    "the north. The fortress above Harrow, a ruin since the war, is known in the old tongue as Kastel Mor.\n"
)
PRICES = (
    "Fuel prices in Kestrov\n\n"
    "After the blockade of the Kestrov port, traders charged four times more for diesel than in March, "
    "the chamber of commerce said. Bread prices doubled in the same weeks.\n"
)


@pytest.fixture(scope="module")
def reports(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "paraphrase", {
        "dorvel_market.txt": MARKET, "saltmere_convoy.md": CONVOY, "kestrov_prices.txt": PRICES, "clinics.txt": CLINICS,
    })


def test_a_verb_the_report_states_as_its_cause(reports):
    # the report says "were killed"; "died" is what killing causes (WordNet's cause pointer)
    assert short_answer(reports.ask("How many traders died when the Dorvel market was shelled?")).text == "Six"


def test_a_synonym_of_the_asked_verb(reports):
    # "wounded" for "injured", "found" for "uncovered": WordNet synonyms
    assert short_answer(reports.ask("How many shoppers were wounded in the shelling of the Dorvel market?")).text == "14"
    answer = reports.ask("How many mines did the convoy find near the Tessel bridge?")
    assert short_answer(answer).text == "two"


def test_a_distance_is_a_number_with_a_unit_of_length(reports):
    answer = reports.ask("How far did the relief convoy travel to reach Saltmere?")
    assert short_answer(answer).text == "63 kilometres"


def test_a_distance_is_not_a_bare_count(reports):
    # only the casualty table states a number about Orlin: no distance
    answer = reports.ask("How far is Orlin from the Tessel bridge?")
    assert not answer.has_answer or "kilomet" in short_answer(answer).text


def test_how_many_times_more_asks_a_single_ratio():
    # "times more" is a multiple one report states, not a count of reports
    assert count_reading("How many times more did traders charge for diesel after the blockade?") is None


def test_a_question_word_inside_a_relative_clause_does_not_list():
    # "the operation in which two soldiers were hurt" describes the operation; the question asks who
    assert count_reading("Who was arrested during the May operation in which two soldiers were hurt?") is None


def test_a_question_word_at_the_end_of_a_statement_asks_for_one_thing():
    assert count_reading("Traders said the blockade raised the price of which fuels?") is None


def test_a_ratio_is_answered_from_the_report(reports):
    answer = reports.ask("How many times more did traders charge for diesel after the Kestrov blockade?")
    assert short_answer(answer).text == "four"


def test_a_name_asked_of_a_thing_is_a_proper_name(reports):
    # "service" and "fortress" are no person, place or group: the name asked for is a proper name the
    # sentence gives, not any noun phrase of it
    answer = reports.ask("What is the name of the health ministry's text-message service for village clinics?")
    assert short_answer(answer).text == "Lumen"
    answer = reports.ask("What is the fortress above Harrow called in the old tongue?")
    assert short_answer(answer).text == "Kastel Mor"
