"""A sum over a place scope adds, from a sentence that names several places, only the number bound to
the scope's place ("detained 43 people in Oskel and 18 people in Tirnau", asked about Tirnau: 18), and
keeps a number whose sentence names only the scope's place.  Made-up reports about the invented
Korvania; the real store, pipeline, parser and WordNet."""

import pytest

from tests.support.reports import assistant_over

RAIDS = (
    "Korvania Interior Ministry, 6 May 2031\n\n"
    "Security forces detained 43 people in Oskel town and 18 people in Tirnau town during raids on 4 May.\n"
)
CLASHES = (
    "Sevran Monitor, 2 April 2031\n\n"
    "Clashes broke out in the town of Tirnau on 31 March. Police detained 27 people in house-to-house "
    "searches there the following day.\n"
)
MARKET = (
    "Felsk Daily, 20 April 2031\n\n"
    "Police in Felsk town detained 6 people after a market bombing.\n"
)


@pytest.fixture(scope="module")
def korvania(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "place-bound", {
        "raids.txt": RAIDS, "clashes.txt": CLASHES, "market.txt": MARKET})


def test_a_sum_over_a_place_adds_the_number_bound_to_that_place(korvania):
    answer = korvania.ask("How many people were detained in Tirnau in total?")
    result = answer.count
    assert result is not None and result.unit == "sum", answer.text
    assert result.total == 45, answer.text  # 18 + 27, not 43 + 27
    assert {r.document_id: r.value for r in result.counted if r.value} == {"raids": 18, "clashes": 27}


def test_the_other_place_of_the_sentence_gets_its_own_number(korvania):
    answer = korvania.ask("How many people were detained in Oskel in total?")
    result = answer.count
    assert result is not None and result.unit == "sum", answer.text
    assert result.total == 43, answer.text
