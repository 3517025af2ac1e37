"""A report's publisher that its own report tells did what is asked ("Brightwater Aid opened a
clinic in Lissel", in Brightwater Aid's note) is listed with the organisations that did it; its
masthead still is no value.  Made-up reports about the invented Tamsel; the real model,
pipeline and store."""

import pytest

from tests.support.reports import assistant_over

OWN = (
    "**Brightwater Aid**\n\nField note, 3 May 2031\n\n"
    "Brightwater Aid opened a primary health clinic in Lissel, a village of Kelda district, on 2 May.\n"
    "The clinic will see 60 patients a day.\n"
)
OTHER = (
    "TAMSEL COORDINATION OFFICE\nSituation update, 12 May 2031\n\n"
    "The Penmoor Health Board opened a clinic in Penmoor town on 10 May. Roads to Lissel stayed open.\n"
)


@pytest.fixture(scope="module")
def tamsel(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "tamsel-actors", {"own.md": OWN, "other.txt": OTHER})


def test_a_publisher_that_did_it_is_listed(tamsel):
    answer = tamsel.ask("Which organisations opened clinics?")
    assert answer.count is not None, answer.text
    values = {v.value for v in answer.count.values}
    assert "Brightwater Aid" in values, answer.text
    assert "Penmoor Health Board" in values, answer.text
    assert "Tamsel Coordination Office" not in values and "TAMSEL COORDINATION OFFICE" not in values, answer.text
