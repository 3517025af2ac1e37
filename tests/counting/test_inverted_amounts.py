""""How much money did the council release?": the small English model reads "did" as the verb
"do" and "release" as a noun (one of the words for reports), so the question was taken for a sum
over every report with no condition.  Rewritten as "the council did release how much money" it
is read as the question about one report it is, and "in total" still makes it a sum whose
condition is the verb.  Made-up reports, the real parser, WordNet, model and store."""

import pytest

from tests.support.reports import assistant_over, count_reading

FUND = "Relief Fund bulletin, 4 May 2031\n\nThe Harl Relief Fund released 40,000 dollars for shelters in Orrel on 3 May.\n"
GRANT = "Orrel Times, 6 May 2031\n\nThe council allocated 12,000 dollars to repair the Orrel well.\n"
STORM = "Orrel Times, 8 May 2031\n\nA storm damaged two roofs in Orrel.\n"


@pytest.fixture(scope="module")
def orrel(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "orrel", {"fund.txt": FUND, "grant.txt": GRANT, "storm.txt": STORM})


def test_an_inverted_amount_question_is_no_count():
    assert count_reading("How much money did the Harl Relief Fund release?") is None
    assert count_reading("How much money did the Marro council release?") is None


def test_in_total_makes_it_a_sum_of_the_verb():
    query = count_reading("How much money did the Marro council release in total?")
    assert query is not None and query.unit == "sum"
    assert "release" in {t.lemma for t in query.condition.terms()}


def test_the_single_answer_is_given(orrel):
    answer = orrel.ask("How much money did the Harl Relief Fund release?")
    assert answer.count is None, answer.text
    assert "40,000" in answer.text
