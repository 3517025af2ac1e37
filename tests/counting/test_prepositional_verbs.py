"""A verb with a preposition and a bare noun ("taken *into custody*") is one predicate: the WordNet
verb of that multiword when WordNet has it, else the verbs of the WordNet noun naming it ("taking
into custody" is an arrest); and a verb whose happening WordNet also names with such a noun ("arrest":
"taking into custody") is stated by the verb phrase ("were taken into custody").  Made-up reports
about the invented Morvaine; the real parser, WordNet and store."""

import pytest

from tests.support.reports import assistant_over, count_reading

CUSTODY = (
    "Verlo town police bulletin, 3 May 2032\n\n"
    "Two smugglers were taken into custody in Verlo town on 2 May.\n"
)
ARRESTED = (
    "Kassam border note, 6 May 2032\n\n"
    "Border guards arrested three smugglers near Kassam on 5 May.\n"
)
TOOK_LORRIES = (
    "Dorn valley digest, 8 May 2032\n\n"
    "Smugglers took the stolen lorries into the hills near Dorn on 7 May.\n"
)


@pytest.fixture(scope="module")
def morvaine(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "prepositional-verbs", {
        "custody.txt": CUSTODY, "arrested.txt": ARRESTED, "took_lorries.txt": TOOK_LORRIES})


def _verb(query):
    return next(t for g in query.condition.groups for c in g for t in c.terms if t.pos == "VERB")


def test_a_verb_preposition_and_noun_are_read_as_one_predicate():
    taken = _verb(count_reading("In how many reports were smugglers taken into custody?"))
    assert {"arrest", "take into custody"} <= taken.alternatives and "take" not in taken.alternatives
    arrested = _verb(count_reading("In how many reports were smugglers arrested?"))
    assert "take into custody" in arrested.alternatives


def test_taken_into_custody_counts_arrests_and_not_taking_lorries(morvaine):
    answer = morvaine.ask("In how many reports were smugglers taken into custody?")
    assert answer.count is not None, answer.text
    assert {r.document_id for r in answer.count.counted} == {"custody", "arrested"}, answer.text


def test_arrested_counts_taken_into_custody(morvaine):
    answer = morvaine.ask("In how many reports were smugglers arrested?")
    assert answer.count is not None, answer.text
    assert {r.document_id for r in answer.count.counted} == {"custody", "arrested"}, answer.text
