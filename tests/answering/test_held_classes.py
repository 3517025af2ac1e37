"""Failure classes of typed single answers found on unseen questions, each reproduced on made-up
reports about the fictional country of Marrowen (written with their questions before the product
was run on them; the real model, pipeline, WordNet and store):

* a day written without its year ("on 2 July") names a day of the reports, whichever year has it;
* "what area of X" asks for a measure (hectares), not a place;
* "who" may ask for an organisation or a country acting as the agent;
* a focus verb stated by a related word: "found" for "uncovered", "won" for "champion"/"victory",
  "lost their lives" for "died"."""

import pytest

from tests.support.reports import assistant_over, short_answer

CLINIC = (
    "Car bomb at the Veskar clinic\n\n"
    "VESKAR, 2 July 2031 - A car bomb exploded outside the Veskar clinic in Tamrin district on Wednesday. "
    "The blast killed three nurses and wounded eleven patients, the provincial health office said.\n"
)
LATER = (
    "Road reopened near Oskel\n\n"
    "OSKEL, 10 January 2033 - Engineers reopened the Oskel pass road after clearing a landslide. "
    "Traffic resumed in the afternoon.\n"
)
FIELDS = (
    "Fields burned near Dunmarra\n\n"
    "DUNMARRA, 14 May 2032 - Armed men set fire to wheat fields around Dunmarra village on Monday night. "
    "About 22 hectares of wheat were burned before farmers put the fire out near the Pell river.\n"
)
LETTERS = (
    "Threats against the Halvik water board\n\n"
    "HALVIK, 3 March 2032 - Leaflets threatening the staff of the Halvik water board were left at its offices. "
    "The Grey Lantern Movement claimed responsibility for the leaflets in a statement on Tuesday. "
    "The leaflets were signed in the name of the Brotherhood of the Tarn, the police said.\n"
)
CUP = (
    "Marathon in Tolberg\n\n"
    "TOLBERG, 20 September 2032 - Mira Delk led the Tolberg marathon for most of the afternoon in heavy rain. "
    "In the end Anja Korvisto was crowned champion after a late sprint past the old mill.\n"
)
FERRY = (
    "Ferry capsized on Lake Sorn\n\n"
    "SORN, 8 August 2032 - A ferry carrying traders capsized on Lake Sorn on Friday. Fourteen passengers "
    "lost their lives and nine were rescued by fishermen, the port authority said.\n"
)
CACHE = (
    "Weapons cache near Brenlow\n\n"
    "BRENLOW, 5 June 2032 - During a search of the Brenlow mill, police uncovered a cache of forty mortar "
    "rounds hidden under the floor.\n"
)


@pytest.fixture(scope="module")
def reports(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "held", {
        "veskar_clinic.txt": CLINIC, "oskel_road.txt": LATER, "dunmarra_fields.txt": FIELDS,
        "halvik_letters.txt": LETTERS, "tolberg_marathon.txt": CUP, "sorn_ferry.txt": FERRY, "brenlow_cache.txt": CACHE,
    })


def test_a_day_without_its_year_is_read_in_the_year_that_has_reports(reports):
    # the newest report is from January 2033, so "2 July" would read as 2 July 2032, a day no report has
    answer = reports.ask("How many patients were wounded in the car bomb at the Veskar clinic on July 2?")
    assert short_answer(answer).text == "eleven"
    assert "2031" in answer.text or any("2031" in n for n in (answer.scope.notes if answer.scope else ())), answer.text


def test_a_day_no_year_has_is_not_a_filter(reports):
    # no report of any year is dated 30 December: the day is a word of the question, not a filter
    answer = reports.ask("How many patients were wounded in the car bomb at the Veskar clinic on 30 December?")
    assert answer.scope is not None and answer.scope.filters.date_from is None, answer.scope
    assert any("not a filter" in note for note in answer.scope.notes)
    assert not answer.text.startswith("No report matches"), answer.text


def test_a_dated_question_still_filters(reports):
    # a full date that no report has selects nothing: the filter stays strict
    answer = reports.ask("How many patients were wounded at the Veskar clinic on 2 July 2032?")
    assert not answer.has_answer


def test_what_area_asks_for_a_measure(reports):
    answer = reports.ask("What area of wheat was burned around Dunmarra village?")
    assert "hectares" in short_answer(answer).text


def test_who_may_ask_for_an_organisation(reports):
    answer = reports.ask("Who claimed responsibility for the leaflets left at the Halvik water board?")
    assert short_answer(answer).text.endswith("Grey Lantern Movement")


def test_whose_name_may_be_an_organisation(reports):
    answer = reports.ask("In whose name were the leaflets at the Halvik water board signed?")
    assert "Brotherhood" in short_answer(answer).text


def test_won_is_stated_as_champion(reports):
    # WordNet defines "champion" as "someone who has won first place in a competition"
    answer = reports.ask("Who won the Tolberg marathon?")
    assert "Korvisto" in short_answer(answer).text


def test_died_is_stated_as_lost_their_lives(reports):
    answer = reports.ask("How many passengers died when the ferry capsized on Lake Sorn?")
    assert short_answer(answer).text == "Fourteen"


def test_found_is_stated_as_uncovered(reports):
    answer = reports.ask("What did the police find in the Brenlow mill?")
    assert "mortar rounds" in short_answer(answer).text


EARNINGS = (
    "Tarvik Mills results\n\n"
    "TARVIK, 2 November 2032 - Tarvik Mills said its revenue in the third quarter rose to $48 million, "
    "helped by the grain harvest.\n"
)
BAKERY = (
    "Osk Bakeries results\n\n"
    "OSK, 4 August 2032 - Osk Bakeries said its Q2 revenue was $31 million, up from a weak winter.\n"
)


@pytest.fixture(scope="module")
def earnings(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "held-q", {"tarvik_mills.txt": EARNINGS, "osk_bakeries.txt": BAKERY})


def test_a_quarter_asked_by_its_abbreviation(earnings):
    answer = earnings.ask("What revenue did Tarvik Mills report for Q3?")
    assert "48 million" in short_answer(answer).text


def test_a_quarter_asked_in_words_of_an_abbreviated_report(earnings):
    answer = earnings.ask("What revenue did Osk Bakeries report in the second quarter?")
    assert "31 million" in short_answer(answer).text
