""""Unable to" negates what follows as "not" does: a report saying inspectors were *unable to
assess* a bridge states that they could not assess it, and no assessing.  Made-up reports about the
invented Brenmoor valley; the real parser, WordNet and store."""

import pytest

from tests.support.reports import assistant_over

UNABLE = (
    "Brenmoor valley roads note, 4 June 2033\n\n"
    "Engineers were unable to assess the Tolley bridge after the flood on 3 June.\n"
)
ASSESSED = (
    "Brenmoor valley roads note, 7 June 2033\n\n"
    "Engineers assessed the Merrin bridge after the flood on 6 June.\n"
)


@pytest.fixture(scope="module")
def brenmoor(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "inability", {"unable.txt": UNABLE, "assessed.txt": ASSESSED})


def test_unable_to_is_a_negation(brenmoor):
    answer = brenmoor.ask("In how many reports could engineers not assess a bridge?")
    assert answer.count is not None, answer.text
    assert {r.document_id for r in answer.count.counted} == {"unable"}, answer.text


def test_unable_to_states_no_assessing(brenmoor):
    answer = brenmoor.ask("In how many reports did engineers assess a bridge?")
    assert answer.count is not None, answer.text
    assert {r.document_id for r in answer.count.counted} == {"assessed"}, answer.text
