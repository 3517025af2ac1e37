"""A phrasal verb of a condition is one WordNet verb: "handed out" is "hand out" (also "give out",
"pass out"), not "hand" ("handed over to the police" is no handing out); "carry out a raid" is
"carry out" (accomplish, carry through), not "carry" (transport).  Made-up reports about the invented
Lurendia; the real parser, WordNet and store."""

import pytest

from tests.support.reports import assistant_over, count_reading

HANDED = (
    "Pell town relief desk, 4 March 2031\n\n"
    "Volunteers handed out food parcels at the Pell town school on 3 March.\n"
)
GAVE = (
    "Kerrow aid bulletin, 6 March 2031\n\n"
    "The Red Lantern society gave out food parcels to displaced families in Kerrow on 5 March.\n"
)
HANDED_OVER = (
    "Brisk police note, 8 March 2031\n\n"
    "A lorry carrying stolen food parcels was stopped near Brisk; the driver was handed over to the police.\n"
)


@pytest.fixture(scope="module")
def lurendia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "phrasal-verbs", {
        "handed.txt": HANDED, "gave.txt": GAVE, "handed_over.txt": HANDED_OVER})


def _verb(query):
    return next(t for g in query.condition.groups for c in g for t in c.terms if t.pos == "VERB")


def test_a_verb_and_its_particle_are_read_as_one_wordnet_verb():
    handed = _verb(count_reading("In how many reports were food parcels handed out?"))
    assert {"hand out", "give out"} <= handed.alternatives and "hand" not in handed.alternatives
    carried = _verb(count_reading("In how many reports did soldiers carry out a raid?"))
    assert "accomplish" in carried.alternatives and "transport" not in carried.alternatives


def test_handed_out_counts_given_out_and_not_handed_over(lurendia):
    answer = lurendia.ask("In how many reports were food parcels handed out?")
    result = answer.count
    assert result is not None, answer.text
    assert {r.document_id for r in result.counted} == {"handed", "gave"}, answer.text
