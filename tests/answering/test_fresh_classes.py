"""Failure classes of typed single answers found on half A of the devset (issue 13), each
reproduced on made-up reports about the fictional Brennick valley (the real model, pipeline and
store):

* a part of a year asked by its abbreviation ("Q3") that the report writes out with a hyphen
  ("third-quarter revenue"): the passage was left out as not stating the question's identifier;
* a when-question over passages that each open with the day they were published ("Mar 4, 2031
  ...", a web snippet's date): the reranker credited that date as the asked one, so a passage
  stating the asked date in its body did not rise (``tests/retrieval/test_reranking.py``)."""

import pytest

from tests.support.reports import assistant_over, short_answer

MILL = (
    "Brennick Mill results\n\n"
    "Brennick Mill said on Tuesday that its third-quarter revenue rose to $12 million, "
    "helped by a late barley harvest in the valley.\n"
)
DAIRY = (
    "Osvar Dairy results\n\n"
    "Osvar Dairy said its revenue in the first half of the year was $7 million, down from a wet spring.\n"
)


@pytest.fixture(scope="module")
def results(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "fresh-q", {"brennick_mill.txt": MILL, "osvar_dairy.txt": DAIRY})


def test_a_quarter_written_with_a_hyphen_states_its_abbreviation(results):
    answer = results.ask("What was Brennick Mill's revenue in Q3?")
    assert answer.has_answer
    assert "12 million" in short_answer(answer).text


def test_another_part_of_the_year_is_still_not_stated(results):
    answer = results.ask("What was Brennick Mill's revenue in Q1?")
    assert not answer.has_answer  # "third-quarter" does not state the first quarter


RAID = (
    "Night raid on the Orsk border post\n\n"
    "ORSK, 9 October 2031 - Gunmen attacked the Orsk border post shortly after midnight on Thursday. "
    "The post lost three guards in the raid before reinforcements arrived from Tavel.\n"
)
MARKET = (
    "Market day in Tavel\n\n"
    "TAVEL, 11 October 2031 - Traders in Tavel said the market lost two days of sales to the storm "
    "and reopened on Saturday.\n"
)


@pytest.fixture(scope="module")
def raids(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "fresh-lose", {"orsk_raid.txt": RAID, "tavel_market.txt": MARKET})


def test_lost_people_is_read_as_died(raids):
    answer = raids.ask("How many guards died in the raid on the Orsk border post?")
    assert short_answer(answer).text == "three"


def test_lost_things_are_not_deaths():
    from assistant.language.tokens import idiom_at

    assert idiom_at(["the", "post", "lose", "three", "guard"], "die", "VERB") == 2
    assert idiom_at(["the", "market", "lose", "two", "day", "of", "sale"], "die", "VERB") is None
