"""A sum over two conjoined head nouns ("How many blankets and water filters in total did X
distribute?"): the numbers of both nouns are added, each number once, and the second noun is
no condition a sentence must state.  Read from the question's parse (the conjuncts of the head
noun).  Made-up reports about the invented Corvanne (Drellin town); the real store, pipeline,
parser and WordNet."""

import pytest

from tests.support.reports import assistant_over, count_reading

FIRST = (
    "Tessaly Aid field note, 6 June 2033\n\n"
    "On 5 June Tessaly Aid distributed 250 blankets and 40 water filters to displaced families in Drellin town.\n"
    "The road to Pomm stayed open.\n"
)
SECOND = (
    "Tessaly Aid field note, 19 June 2033\n\n"
    "Tessaly Aid distributed 120 blankets in Drellin town on 18 June.\n"
)


@pytest.fixture(scope="module")
def corvanne(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "conjoined-heads", {"first.txt": FIRST, "second.txt": SECOND})


def test_the_question_reads_both_conjoined_head_nouns():
    query = count_reading("How many blankets and water filters were distributed in total?")
    assert query is not None and query.unit == "sum" and query.head.lemma == "blanket"
    assert [t.lemma for t in query.also] == ["filter"]
    assert "filter" not in query.condition.describe()


def test_a_sum_adds_the_numbers_of_both_nouns(corvanne):
    answer = corvanne.ask("How many blankets and water filters were distributed in total?")
    result = answer.count
    assert result is not None and result.unit == "sum", answer.text
    assert result.total == 410, answer.text
    assert {r.document_id: r.value for r in result.counted if r.value} == {"first": 290, "second": 120}, answer.text


def test_a_single_head_sum_is_unchanged(corvanne):
    answer = corvanne.ask("How many blankets were distributed in total?")
    result = answer.count
    assert result is not None and result.unit == "sum", answer.text
    assert result.total == 370, answer.text
