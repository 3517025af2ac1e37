"""A sum of a noun the question qualifies ("How many *Border Guard* soldiers were killed?",
"How many *American* soldiers ..."): only the numbers whose noun carries the qualifier are added
("two Border Guard soldiers", "three U.S. soldiers"), not every number of soldiers, and not the
incident record's toll of everyone killed.  Made-up reports about the invented Lurendia (Ossel
district); the real store, pipeline, parser and WordNet."""

import pytest

from tests.support.reports import assistant_over, count_reading

PATROL = (
    "Ossel district monitor, 3 November 2031\n\n"
    "Gunmen attacked a patrol near Pell town on 2 November. Two Border Guard soldiers were killed and "
    "four gunmen were killed in the exchange.\n"
)
ROADSIDE = (
    "Radio Ossel evening news, 9 November 2031\n\n"
    "A roadside bomb near Kerrow killed three Border Guard soldiers and one farmer on 8 November.\n"
)
COAST = (
    "Ossel district monitor, 15 November 2031\n\n"
    "Four Coast Guard soldiers were killed when their boat was shelled near Tarn on 14 November.\n"
)
STRIKE = (
    "Lurendia relief desk, 20 November 2031\n\n"
    "Five rebels were killed in an airstrike near Brisk on 19 November. Two U.S. soldiers, advisers to the "
    "Border Guard, were killed near Morrick the same day.\n"
)


@pytest.fixture(scope="module")
def lurendia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "qualified-sums", {
        "patrol.txt": PATROL, "roadside.txt": ROADSIDE, "coast.txt": COAST, "strike.txt": STRIKE})


def test_the_question_reads_the_qualifier_of_the_summed_noun():
    query = count_reading("How many Border Guard soldiers were killed in total?")
    assert query is not None and query.unit == "sum" and query.head.lemma == "soldier"
    assert [q.text for q in query.qualifiers] == ["Border Guard"]
    assert not count_reading("How many suspected insurgents were detained in total?").qualifiers


def test_a_named_qualifier_sums_only_its_own_soldiers(lurendia):
    answer = lurendia.ask("How many Border Guard soldiers were killed in total?")
    result = answer.count
    assert result is not None and result.unit == "sum", answer.text
    assert result.total == 5, answer.text
    assert {r.document_id for r in result.counted if r.value} == {"patrol", "roadside"}, answer.text


def test_a_nationality_qualifier_is_also_stated_by_the_country(lurendia):
    answer = lurendia.ask("How many American soldiers were killed in total?")
    result = answer.count
    assert result is not None and result.unit == "sum", answer.text
    assert result.total == 2, answer.text
    assert {r.document_id for r in result.counted if r.value} == {"strike"}, answer.text
