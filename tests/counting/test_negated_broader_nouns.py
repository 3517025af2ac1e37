"""Under a negation a broader noun states the narrower one: a report saying there was "no damage to
any structures" states that no buildings were damaged (a building is a structure), while a report of
damage to structures does not state that buildings were damaged.  Made-up reports about the invented
Quarnel district; the real parser, WordNet and store."""

import pytest

from tests.support.reports import assistant_over, count_reading

NO_STRUCTURES = (
    "Quarnel district assessment, 2 July 2033\n\n"
    "After the storm near Lessa, engineers found there was no damage to any structures.\n"
)
NO_BUILDINGS = (
    "Quarnel district assessment, 5 July 2033\n\n"
    "No buildings were damaged when the dam near Vorn overflowed on 4 July.\n"
)
STRUCTURES_HIT = (
    "Quarnel district assessment, 8 July 2033\n\n"
    "The flood damaged several structures along the river in Pell on 7 July.\n"
)


@pytest.fixture(scope="module")
def quarnel(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "negated-broader", {
        "no_structures.txt": NO_STRUCTURES, "no_buildings.txt": NO_BUILDINGS, "structures_hit.txt": STRUCTURES_HIT})


def test_a_negated_noun_accepts_its_broader_noun():
    query = count_reading("How many reports say that no buildings were damaged?")
    noun = next(t for g in query.condition.groups for c in g for t in c.terms if t.pos == "NOUN")
    assert "structure" in noun.alternatives
    positive = count_reading("How many reports say that buildings were damaged?")
    noun = next(t for g in positive.condition.groups for c in g for t in c.terms if t.pos == "NOUN")
    assert "structure" not in noun.alternatives


def test_no_damage_to_structures_states_no_buildings_damaged(quarnel):
    answer = quarnel.ask("How many reports say that no buildings were damaged?")
    assert answer.count is not None, answer.text
    assert {r.document_id for r in answer.count.counted} == {"no_structures", "no_buildings"}, answer.text


def test_damaged_structures_are_no_damaged_buildings(quarnel):
    answer = quarnel.ask("How many reports say that buildings were damaged?")
    assert answer.count is not None, answer.text
    assert {r.document_id for r in answer.count.counted} == set(), answer.text
