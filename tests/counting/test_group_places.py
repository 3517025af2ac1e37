"""Names of places are no groups in a list of organisations: a district the collection names in a
table's place column ("| District | Village |" over "| Kelda | Lissel |") is a place wherever
another report's pipeline labels it an organisation ("Fighters from Kelda attacked ..."), and
a dateline written with a dash ("HARROW - Security forces detained ...") glued by the pipeline
to the first word is no group name.  Made-up reports about the invented Tamsel; the real model,
pipeline and store."""

import pytest

from tests.support.reports import assistant_over

DIGEST = (
    "Tamsel Security Monitor - Weekly Digest\n\n**Week 19: 4-10 May 2031**\n\n"
    "| District | Village | Date | Incident | Killed |\n|---|---|---|---|---|\n"
    "| Kelda | Lissel | 5 May | Shop burned | 0 |\n"
    "| Harrow | Penmoor | 7 May | Two men arrested | 0 |\n"
)
FIGHT = (
    "TAMSEL, 9 May 2031 (TNA) - Fighters from Kelda attacked the police post at Lissel on Monday, "
    "police said. The Crow Valley Front claimed responsibility for the attack.\n"
    "Troops later detained four suspected members of the Selvan People's Front, the army said.\n"
)
RAID = (
    "<html><head><title>Raid in Penmoor</title></head><body>\n"
    "<p>By Staff Reporter, 8 May 2031</p>\n"
    "<p>HARROW - Security forces detained six people in Penmoor, Harrow district, on Friday in a raid on a "
    "house where weapons were stored. The army blamed the Crow Valley Front for the attacks on the road.</p>\n"
    "</body></html>\n"
)


@pytest.fixture(scope="module")
def tamsel(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "tamsel", {
        "digest.md": DIGEST, "fight.txt": FIGHT, "raid.html": RAID,
    })


def test_a_place_of_a_table_column_is_no_armed_group(tamsel):
    answer = tamsel.ask("Which armed groups are named in the reports?")
    values = {v.value for v in answer.count.values}
    assert "Crow Valley Front" in values, answer.text  # named after a valley, still a group
    assert "Selvan People's Front" in values, answer.text  # a word the pipeline splits ("People", "'s")
    assert "Kelda" not in values, answer.text


def test_a_dash_dateline_is_no_group_name(tamsel):
    answer = tamsel.ask("Which groups are named in the reports?")
    values = {v.value for v in answer.count.values}
    assert not any(v.startswith("HARROW") for v in values), answer.text


def test_the_collection_learns_a_district_from_a_table_column(tamsel):
    tamsel.ask("How many reports mention Kelda?")  # builds the sentence index
    gazetteer = tamsel.counter.index.gazetteer
    assert "district" in gazetteer.levels.get("kelda", frozenset()), dict(gazetteer.levels)
