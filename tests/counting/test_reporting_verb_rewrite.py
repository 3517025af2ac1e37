"""A count of reports whose reporting verb the tagger took for a noun ("How many reports from Ardel
province *describe* insurgents killed by a drone?": "province describe insurgents" one noun
phrase) is read with "say that" in its place, so "describe" is no condition word and the
condition is what the reports describe.  The real parser and WordNet."""

from tests.support.reports import count_reading


def test_a_mistagged_reporting_verb_is_no_condition():
    query = count_reading("How many reports from Ardel province describe insurgents killed by a drone?")
    assert query is not None and query.unit == "reports"
    lemmas = {t.lemma for t in query.condition.terms()}
    assert "describe" not in lemmas
    assert {"insurgent", "kill", "drone"} <= lemmas


def test_a_reporting_verb_read_as_a_verb_keeps_its_reading():
    query = count_reading("How many reports from Ardel province mention insurgents killed in the hills?")
    assert query is not None
    assert "mention" not in {t.lemma for t in query.condition.terms()}
