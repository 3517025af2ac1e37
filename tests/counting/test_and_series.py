"""A series of verbs joined by "and" ("detained, questioned and released") is a condition that needs
every verb, not alternatives of the first one; "or" stays alternatives.  Made-up reports about the
invented Calveny district; the real parser, WordNet and store."""

import pytest

from tests.support.reports import assistant_over, count_reading

ALL_THREE = (
    "Calveny district police log, 3 June 2033\n\n"
    "Four suspects were detained, questioned and released in Ormel on 2 June.\n"
)
DETAINED_ONLY = (
    "Calveny district police log, 6 June 2033\n\n"
    "Two suspects were detained at the Ormel bridge on 5 June.\n"
)
RELEASED_ONLY = (
    "Calveny district court note, 9 June 2033\n\n"
    "Three suspects were released on bail in Tessin on 8 June.\n"
)


@pytest.fixture(scope="module")
def calveny(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "and-series", {
        "all_three.txt": ALL_THREE, "detained_only.txt": DETAINED_ONLY, "released_only.txt": RELEASED_ONLY})


def _verbs(query):
    return [t for g in query.condition.groups for c in g for t in c.terms if t.pos == "VERB" and t.required]


def test_an_and_series_of_verbs_requires_every_verb():
    for question in ("In how many reports were suspects detained, questioned and released?",
                     "In how many reports were suspects questioned and released?"):
        verbs = _verbs(count_reading(question))
        assert any("release" in t.alternatives for t in verbs), question
        assert not any({"question", "release"} <= t.alternatives for t in verbs), question


def test_an_or_series_stays_alternatives():
    verbs = _verbs(count_reading("In how many reports were suspects questioned or released?"))
    assert any({"question", "release"} <= t.alternatives for t in verbs)


def test_and_series_counts_only_the_report_stating_every_verb(calveny):
    answer = calveny.ask("In how many reports were suspects detained, questioned and released?")
    assert answer.count is not None, answer.text
    assert {r.document_id for r in answer.count.counted} == {"all_three"}, answer.text
