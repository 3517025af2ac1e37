"""A report that names the scope's place with a level ("Dorn province") and no other place of
that level puts its smaller places in it, even when the collection never says where they lie:
its evidence about "Velka district" is no report "naming Dorn only elsewhere".  A report that
names two provinces does not.  Made-up reports about the invented Dorn province, the real
model, pipeline and store."""

import pytest

from tests.support.reports import assistant_over

SOLE = (
    "Dorn Provincial Office, 4 March 2032\n\n"
    "Officials in Dorn province met elders on 3 March.\n\n"
    "Engineers inspected the bridge at Marrow, in Velka district, before dawn.\n\n"
    "The main road was closed for repairs until the evening.\n"
)
TWO = (
    "Regional Digest, 6 March 2032\n\n"
    "Traders from Dorn province and Essel province gathered on 5 March.\n\n"
    "Flooding hit Crane district overnight.\n\n"
    "The main road was closed for a day.\n"
)
LINKED = (
    "Dorn Courier, 8 March 2032\n\n"
    "The road to Hobb in Tarsk district, Dorn province, was closed after a landslide.\n"
)


@pytest.fixture(scope="module")
def dorn(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "dorn", {"sole.txt": SOLE, "two.txt": TWO, "linked.txt": LINKED})


def test_districts_of_a_report_about_one_province_lie_in_it(dorn):
    answer = dorn.ask("Which Dorn province districts had a road closed?")
    assert answer.count is not None and answer.count.unit == "list", answer.text
    assert sorted(v.value for v in answer.count.values) == ["Tarsk", "Velka"], answer.text


def test_a_report_about_two_provinces_is_only_possibly(dorn):
    answer = dorn.ask("In how many reports was a road closed in Dorn province?")
    assert answer.count is not None and answer.count.unit == "reports", answer.text
    assert sorted(answer.count.document_ids) == ["linked", "sole"], answer.text
