"""A series of participles after a noun, "insurgents or militants detained, captured or arrested",
is one condition with three alternative verbs, however the parser attaches the second one (here it
reads "detained" and "captured" as two modifiers of the noun, which made two conditions that must both
hold).  Made-up reports about the invented Ossel province; the real parser, WordNet, store."""

import pytest

from tests.support.reports import assistant_over, count_reading

QUESTION = "In how many Ossel province reports were insurgents or militants detained, captured or arrested?"

ARREST = (
    "Ossel province police bulletin, 4 May 2034\n\n"
    "Police arrested two militants at a checkpoint near Varrow, Ossel province, on 3 May.\n"
)
DETAIN = (
    "Ossel province police bulletin, 9 May 2034\n\n"
    "Soldiers detained three insurgents in a raid on a farm outside Kell, Ossel province, on 8 May.\n"
)
MARKET = (
    "Ossel province police bulletin, 12 May 2034\n\n"
    "The market of Kell, Ossel province, reopened on 11 May after repairs.\n"
)


@pytest.fixture(scope="module")
def ossel(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "participle-series", {
        "arrest.txt": ARREST, "detain.txt": DETAIN, "market.txt": MARKET})


def test_a_series_of_participles_joined_by_or_is_one_condition():
    query = count_reading(QUESTION)
    assert query is not None and query.unit == "reports"
    verbs = [c for group in query.condition.groups for c in group if any(t.pos == "VERB" for t in c.terms)]
    assert len([g for g in query.condition.groups if any(t.pos == "VERB" for c in g for t in c.terms)]) == 1, \
        query.reading
    term = next(t for t in verbs[0].terms if t.pos == "VERB")
    assert {"detain", "capture", "arrest"} <= set(term.alternatives), query.reading


def test_each_alternative_verb_counts_a_report(ossel):
    answer = ossel.ask(QUESTION)
    result = answer.count
    assert result is not None, answer.text
    assert {r.document_id for r in result.counted} == {"arrest", "detain"}, answer.text
