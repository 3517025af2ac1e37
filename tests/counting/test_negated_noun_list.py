"""A "no" that opens a list of nouns negates every noun of the list however long it is, as long
as no verb stands between: "There were no reports of injuries to villagers in the area or damage to
property" states that no property was damaged (the damage is eleven words after the "no").  A
"no" after the damage ("Shelling damaged property ...; there were no reports of injuries") negates
nothing before it.  Made-up reports about the invented Lurendia; the real pipeline and store."""

import pytest

from tests.support.reports import assistant_over

FAR = (
    "Pell town monitor, 4 April 2031\n\n"
    "Gunmen fired on the Pell town checkpoint on 3 April. There were no reports of injuries to villagers in "
    "the area or damage to property.\n"
)
DAMAGED = (
    "Kerrow monitor, 6 April 2031\n\n"
    "Shelling damaged property in Kerrow on 5 April; there were no reports of injuries.\n"
)
VERB_BETWEEN = (
    "Brisk monitor, 8 April 2031\n\n"
    "No soldiers were at the post when rebels shelled Brisk and damaged property on 7 April.\n"
)


@pytest.fixture(scope="module")
def lurendia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "negated-noun-list", {
        "far.txt": FAR, "damaged.txt": DAMAGED, "verb_between.txt": VERB_BETWEEN})


def test_a_no_before_a_verbless_list_negates_its_last_noun(lurendia):
    answer = lurendia.ask("In how many reports was no property damaged?")
    result = answer.count
    assert result is not None, answer.text
    assert {r.document_id for r in result.counted} == {"far"}, answer.text
