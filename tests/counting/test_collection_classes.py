"""Counting classes found on a fresh made-up set (evalsets/kestrany, branch kes), each reproduced
here with other made-up reports about the invented Morvania (capital Port Ellis): the country's
name, written mostly inside the names of its own bodies ("Morvania Press Service"), is no place
filter; a kind of attack whose usual sense is another ("denied the charge") states no attack.
The real model, pipeline and store."""

import pytest

from assistant.language.wordnet import wordnet
from tests.support.reports import assistant_over

WIRE = (
    "Morvania Press Service (MPS)\nPORT ELLIS, 3 March 2030\n\n"
    "Police detained four men in Grell town, in Amber province, on 2 March.\n"
)
RELIEF = (
    "Office for Relief in Morvania\nSituation note, 10 March 2030\n\n"
    "Three traders were detained at a checkpoint near Dorn, in Amber province, on 8 March.\n"
)
POLICE = (
    "Amber Province Police\nStatement, 15 March 2030\n\n"
    "Two smugglers were detained in Dorn town on 14 March.\n"
)
COUNCIL = (
    "Dorn district council\nNotice, 20 March 2030\n\n"
    "The market of Grell reopened after repairs to its roof.\n"
)
HARVEST = (
    "Farm bulletin, 25 March 2030\n\n"
    "Farmers across Morvania planted wheat early this year. Rain fell in Grell town.\n"
)
LAWYER = (
    "Port Ellis Courier, 26 March 2030\n\n"
    "The lawyer of the teacher Anton Vell said he denied the charge. A hearing is set for May.\n"
)
ATTACK = (
    "Amber Evening Post, 27 March 2030\n\n"
    "Gunmen attacked the police post in Dorn town on Monday and fled north.\n"
)
SCHOOL = (
    "Amber education office, 28 March 2030\n\n"
    "The school in Grell town reopened its library on Tuesday.\n"
)


@pytest.fixture(scope="module")
def morvania(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "morvania", {
        "wire.txt": WIRE, "relief.txt": RELIEF, "police.txt": POLICE, "council.txt": COUNCIL,
        "harvest.txt": HARVEST, "lawyer.txt": LAWYER, "attack.txt": ATTACK, "school.txt": SCHOOL,
    })


def test_the_country_named_by_its_bodies_is_no_place_filter(morvania):
    assert morvania.catalog.names_whole_collection("Morvania")
    answer = morvania.ask("How many people were detained in Morvania in March 2030, in total?")
    assert answer.count is not None and answer.count.unit == "sum", answer.text
    assert answer.count.total == 9, answer.text


def test_a_kind_whose_usual_sense_is_another_states_no_attack(morvania):
    assert not wordnet().dominant("charge", "noun")
    assert wordnet().dominant("shelling", "noun")
    assert "charge" not in wordnet().related("attack", "noun")
    assert "raid" in wordnet().related("attack", "noun")
    answer = morvania.ask("In how many reports is an attack described?")
    assert answer.count is not None, answer.text
    assert [r.document_id for r in answer.count.counted] == ["attack"], answer.text


# armed groups by what the sentences say they do: one named like a state force ("Army") claims, one
# named like a civic body ("Defence League") is blamed; an aid trust, a hospital and an observatory
# known by its initials are named near the violence or in other sentences, and are no armed groups
AMBUSH = (
    "Morvania Press Service\nDORN, 4 April 2030\n\n"
    "Gunmen ambushed an army patrol near Dorn town on Sunday, wounding two soldiers.\n"
    "The wounded were taken to Dorn General Hospital.\n"
    "The Ravel Hill Army claimed responsibility in a call to a local radio station.\n"
)
GRENADE = (
    "Morvania Press Service\nGRELL, 9 April 2030\n\n"
    "A grenade was thrown into the Grell market on Friday. No group has claimed responsibility.\n"
    "The Tessel Defence League, which the governor blamed for the attack, denied any part in it.\n"
)
TRUST = (
    "Amber Food Trust\nField note, 12 April 2030\n\n"
    "The Amber Food Trust distributed 300 food parcels in Grell town after the attack on the market.\n"
)
OBSERVATORY = (
    "Amber Observatory for Rights (AOR), monthly note, 30 April 2030\n\n"
    "AOR recorded two attacks in Amber province in April, one of them on the Grell market.\n"
)


@pytest.fixture(scope="module")
def amber(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "amber", {
        "ambush.txt": AMBUSH, "grenade.txt": GRENADE, "trust.txt": TRUST, "observatory.txt": OBSERVATORY,
    })


def test_armed_groups_are_those_the_sentences_give_a_part_in_violence(amber):
    answer = amber.ask("Which armed groups are named in the reports?")
    assert answer.count is not None and answer.count.unit == "list", answer.text
    assert {v.value for v in answer.count.values} == {"Ravel Hill Army", "Tessel Defence League"}, answer.text


# "food or relief goods": food, or relief goods; a report of food parcels states the first
PARCELS = (
    "Grell volunteers' note, 14 April 2030\n\n"
    "Our volunteers distributed 400 food parcels in Grell town on Saturday.\n"
)
GOODS = (
    "Dorn council notice, 15 April 2030\n\n"
    "Relief goods were distributed in Dorn town on Monday from two lorries.\n"
)
MEDICINE = (
    "Dorn clinic note, 16 April 2030\n\n"
    "Nurses distributed vaccines to the children of Dorn town.\n"
)


# a pronoun subject stands for the noun of the sentence before ("Four clinics reopened. They had
# been closed"); not for a noun the sentence before does not state
REOPENED = (
    "Dorn health office, 17 April 2030\n\n"
    "Four clinics of Dorn district reopened on Monday. They had been closed since the floods of March.\n"
)
ROAD = (
    "Dorn roads office, 18 April 2030\n\n"
    "The Keld road was repaired on Monday. It had been closed for a week.\n"
)


# a verb's rare second sense gives no words: "turned back" is "arrest" only in a sense seldom used
CONVOY = (
    "Keld relief desk, 19 April 2030\n\n"
    "A relief convoy was turned back by soldiers at a checkpoint near Keld town on Friday.\n"
)
ARREST = (
    "Dorn police, 20 April 2030\n\n"
    "Police arrested two men in Dorn town on Saturday.\n"
)


@pytest.fixture(scope="module")
def deliveries(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "deliveries", {
        "parcels.txt": PARCELS, "goods.txt": GOODS, "medicine.txt": MEDICINE, "reopened.txt": REOPENED,
        "road.txt": ROAD, "convoy.txt": CONVOY, "arrest.txt": ARREST,
    })


def test_a_pronoun_subject_states_the_noun_of_the_sentence_before(deliveries):
    answer = deliveries.ask("In how many reports were clinics closed?")
    assert answer.count is not None and answer.count.unit == "reports", answer.text
    assert [r.document_id for r in answer.count.counted] == ["reopened"], answer.text
    assert "road" not in {r.document_id for r in answer.count.possibly}, answer.text


def test_the_first_of_coordinated_modifiers_stands_for_the_noun(deliveries):
    answer = deliveries.ask("In how many reports were food or relief goods distributed?")
    assert answer.count is not None and answer.count.unit == "reports", answer.text
    assert sorted(r.document_id for r in answer.count.counted) == ["goods", "parcels"], answer.text


# one event in two reports, one of them undated: the same number at the same village is added once
MONTHLY = (
    "Amber monitor, monthly note, 5 June 2030\n\n"
    "| Date | Place | Event |\n|---|---|---|\n"
    "| 2 May | Varrow | Gunmen fired on a bus; 4 people wounded |\n"
    "| 9 May | Keld | A mine exploded under a cart; two houses burned |\n"
)
UNDATED = (
    "VARROW (MPS) - Gunmen fired on a bus near the village of Varrow late on Tuesday, wounding four\n"
    "people, officials said.\n"
)
KELD = (
    "Keld town council, 20 May 2030\n\n"
    "Four people were wounded in Keld on 18 May when a shell hit the market.\n"
)


@pytest.fixture(scope="module")
def wounded(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "wounded", {
        "monthly.md": MONTHLY, "undated.txt": UNDATED, "keld.txt": KELD,
    })


def test_an_undated_report_of_the_same_number_at_the_same_village_is_added_once(wounded):
    answer = wounded.ask("How many people were wounded, in total?")
    assert answer.count is not None and answer.count.unit == "sum", answer.text
    assert answer.count.total == 8, answer.text
    assert [r.document_id for r in answer.count.counted if r.same_as] == ["undated"], answer.text


def test_a_rare_sense_of_the_condition_verb_gives_no_words(deliveries):
    assert wordnet().rare_sense("arrest", "verb", 2)
    assert "turn back" not in wordnet().related("arrest", "verb")
    answer = deliveries.ask("In how many reports were people arrested?")
    assert answer.count is not None and answer.count.unit == "reports", answer.text
    assert [r.document_id for r in answer.count.counted] == ["arrest"], answer.text
