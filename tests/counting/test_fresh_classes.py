"""Counting classes found on a fresh made-up set (evalsets/oskeria, branch count-fresh), each
reproduced here with other made-up reports about the invented Lurendia (capital Omsk-on-Tay):
a village named only by an apposition ("Tarn, a farming village of Ossel district"), a list of
"towns or villages" (two place levels), a negated relative clause ("a raid in which nobody was
hurt": the raid stated, the hurt denied), and group names as listed (a name wrapped over a line
break, a heading in capitals, a date the pipeline labels as an organisation).  The real
model, pipeline and store."""

import pytest

from assistant.counting.values import _no_name, _strip
from assistant.language.places import find_places, same_level
from tests.support.reports import assistant_over, count_reading

SHELLING = (
    "LURENDIA RELIEF DESK\nField bulletin, 3 October 2031\n\n"
    "Shells fell on Tarn, a farming village of Ossel district, before dawn on 2 October. Two houses burned.\n"
)
SECOND = (
    "Notes from the Ossel road - a volunteer's diary\nWritten 6 October 2031\n\n"
    "On Sunday mortar rounds hit Brisk, a village of Ossel district, and the road to Tarn was closed.\n"
)
WATER = (
    "Ossel district water office, 8 October 2031\n\n"
    "The water supply to Pell town was cut on 7 October after a pipe burst. The village of Morrick\n"
    "had its water supply cut the same day. Markets in Ossel town stayed open.\n"
)
RAID = (
    "Weekly digest, week 41 (9-15 October 2031)\n\n"
    "- Morrick, 10 Oct: gunmen raided the grain store. Nobody was hurt.\n"
    "- Pell town, 12 Oct: two farmers were hurt when a shell landed near the market.\n"
)
# groups: an armed group, a state force, an aid body that tells in the first person what it did,
# and a name the pipeline may cut ("Harbour Relief" in "Harbour Relief lent us ...")
GROUPS = (
    "HARBOUR RELIEF\nSituation note, 20 October 2031\n\n"
    "Our teams distributed 400 food parcels in Pell town on 18 October.\n"
    "Fighters of the Black Kestrel Front fired on the Lurendian Border Guard post at Brisk; the Border Guard\n"
    "returned fire.\n"
)
PARTNER = (
    "Ossel Kitchens Network - monthly note\nIssued 25 October 2031\n\n"
    "In Pell town we distributed hot meals to 80 families. Harbour Relief lent us two trucks.\n"
)
# a denial of harm written as "no casualties"; and casualties stated positively, which are no
# statement that people were injured (they may be deaths only)
QUIET = (
    "Ossel district monitor, 18 October 2031\n\n"
    "Gunmen raided the customs shed at Morrick bridge on Friday. There were no casualties.\n"
)
HEAVY = (
    "Ossel district monitor, 19 October 2031\n\n"
    "A bomb at the Pell bus station on Saturday caused heavy casualties.\n"
)
# a place never named with a level, but put right in a district: a village or a town of a list
AMBUSHED = (
    "Radio Ossel evening news, 21 October 2031\n\n"
    "Gunmen ambushed a bus on the road near Kerrow, in Ossel district, wounding two passengers.\n"
)
RAID2 = (
    "Ossel Evening Post, 16 October 2031\n\n"
    "Armed men raided the police post in Brisk on Tuesday and wounded three officers.\n"
)


@pytest.fixture(scope="module")
def lurendia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "lurendia", {
        "shelling.txt": SHELLING, "second.txt": SECOND, "water.txt": WATER, "raid.md": RAID, "raid2.txt": RAID2,
        "groups.txt": GROUPS, "partner.txt": PARTNER,
        "quiet.txt": QUIET, "heavy.txt": HEAVY, "ambushed.txt": AMBUSHED,
    })


def test_an_apposition_names_a_village_and_its_district():
    mentions = find_places("Shells fell on Tarn, a farming village of Ossel district, before dawn.")
    assert [(m.name, m.level, m.parent) for m in mentions] == [("Tarn", "village", "Ossel"), ("Ossel", "district", "")]
    # a person in apposition is no place: no place word heads the phrase
    assert find_places("We met Arlen, a farmer of the valley road.") == []


def test_villages_named_only_by_apposition_are_listed(lurendia):
    answer = lurendia.ask("Which villages were shelled or hit by mortar rounds?")
    assert answer.count is not None and answer.count.unit == "list", answer.text
    assert {v.value for v in answer.count.values} == {"Tarn", "Brisk"}, answer.text


def test_towns_or_villages_is_one_list_of_two_levels(lurendia):
    query = count_reading("Which towns or villages lost their water supply?")
    assert query is not None and query.unit == "list" and query.level == "town|village"
    assert all(t.lemma != "village" for t in query.condition.terms())  # the second noun is no condition
    assert same_level("village", query.level) and same_level("city", query.level)
    assert not same_level("district", query.level)
    answer = lurendia.ask("Which towns or villages had their water supply cut?")
    assert {v.value for v in answer.count.values} == {"Pell", "Morrick"}, answer.text


def test_a_negated_relative_clause_is_a_clause_of_its_own():
    query = count_reading("How many reports describe a raid in which nobody was hurt?")
    assert query is not None and query.unit == "reports"
    clauses = [c for group in query.condition.groups for c in group]
    raid = [c for c in clauses if any(t.lemma == "raid" for t in c.terms)]
    hurt = [c for c in clauses if any(t.lemma == "hurt" for t in c.terms)]
    assert raid and not raid[0].negated and hurt and hurt[0].negated
    assert raid[0] is not hurt[0]


def test_a_raid_in_which_nobody_was_hurt_is_counted(lurendia):
    answer = lurendia.ask("How many reports describe a raid in which nobody was hurt?")
    assert answer.count is not None and answer.count.count == 2, answer.text
    assert sorted(r.document_id for r in answer.count.counted) == ["quiet", "raid"], answer.text


def test_no_casualties_denies_injuries_but_casualties_state_none(lurendia):
    answer = lurendia.ask("In how many reports was it stated that nobody was injured?")
    assert "quiet" in {r.document_id for r in answer.count.counted}, answer.text
    answer = lurendia.ask("In how many reports were people injured?")
    assert "heavy" not in {r.document_id for r in answer.count.counted}, answer.text


def test_group_names_are_listed_as_names():
    assert _strip("the\nGrey Owl\nMovement") == "Grey Owl Movement"
    text = "KEY POINTS\nOn 19/03/2031 the Grey Owl Movement attacked. ISAF said so.\nISAF REPORT LINE\n"
    at = text.index("19/03/2031")
    assert _no_name(text, at, at + len("19/03/2031"))
    assert _no_name(text, 0, 3)  # "KEY" of a heading in capitals
    grey = text.index("Grey")
    assert not _no_name(text, grey, grey + len("Grey Owl Movement"))
    isaf = text.rindex("ISAF")
    assert not _no_name(text, isaf, isaf + 4)  # an acronym the text writes again


def test_armed_groups_leave_out_state_forces_and_aid_bodies(lurendia):
    query = count_reading("Which armed groups are named in the reports?")
    assert query is not None and query.list_kind == "group" and query.armed
    assert not count_reading("Which groups are named in the reports?").armed
    answer = lurendia.ask("Which armed groups are named in the reports?")
    values = {v.value for v in answer.count.values}
    assert "Black Kestrel Front" in values, answer.text
    assert not values & {"Lurendian Border Guard", "Border Guard", "Harbour Relief", "Ossel Kitchens Network"}, answer.text


def test_a_report_telling_what_we_did_names_its_publisher(lurendia):
    answer = lurendia.ask("Which organisations distributed food?")
    values = {v.value for v in answer.count.values}
    assert {"Harbour Relief", "Ossel Kitchens Network"} <= values, answer.text


def test_a_name_right_before_its_district_is_a_place_in_it():
    mentions = find_places("Gunmen ambushed a bus near Kerrow, in Ossel district, wounding two.")
    assert [(m.name, m.level, m.parent) for m in mentions] == [("Kerrow", "", "Ossel"), ("Ossel", "district", "")]
    assert [m.name for m in find_places("It began on Monday, Ossel district said.")] == ["Ossel"]


def test_a_place_put_in_a_district_is_listed_as_a_village(lurendia):
    answer = lurendia.ask("In which villages were people wounded?")
    assert "Kerrow" in {v.value for v in answer.count.values}, answer.text
