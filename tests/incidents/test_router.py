"""The aggregate-question router on made-up questions (none from the QA file)."""

import pytest

from assistant.incidents.router import parse_question


@pytest.mark.parametrize("question, operation, measure, list_field, flt", [
    ("How many reports mention an air strike in Helmand province?", "count", None, None,
     {"event_type": "airstrike", "province": "Helmand"}),
    ("In how many reports were people detained in Logar in 2011?", "count", None, None,
     {"event_type": "detention", "province": "Logar", "date_from": "2011-01-01", "date_to": "2011-12-31"}),
    ("What is the total number of insurgents killed in Paktia province between March and May 2011?", "sum",
     "killed", None, {"province": "Paktiya", "date_from": "2011-03-01", "date_to": "2011-05-31"}),
    ("How many leaders were captured in 2010?", "sum", "leaders_captured", None,
     {"date_from": "2010-01-01", "date_to": "2010-12-31"}),
    ("How many people were detained on Feb. 26, 2011?", "sum", "captured", None,
     {"date_from": "2011-02-26", "date_to": "2011-02-26"}),
    ("Which districts of Kandahar province saw detentions?", "list", "", "district",
     {"province": "Kandahar", "event_type": "detention"}),
    ("Name the groups targeted in Khowst.", "list", None, "target_group", {"province": "Khost"}),
    ("List the reports about al-Qaeda operations in 2012.", "list", None, "document",
     {"target_group": "aq", "date_from": "2012-01-01"}),
])
def test_aggregate_questions_are_recognised(question, operation, measure, list_field, flt):
    query = parse_question(question)
    assert query is not None, question
    assert query.operation == operation
    assert query.measure == (measure or None) and query.list_field == list_field
    for name, value in flt.items():
        assert getattr(query.flt, name) == value, name
    assert query.conditions


@pytest.mark.parametrize("question", [
    "How many airstrikes were reported?",  # no condition, no across-reports word: one report's number
    "How many rockets were found in the compound in Zabul province?",
    "How many insurgents were killed during the clearing operation near the river in Zabul province in 2011?",
    "Which village did the force search in Nerkh district?",
    "Who won the football world cup in 2014?",
    "How many airstrikes were reported in Kunduz and Kunar?",  # two provinces: not one condition
    "What was the name of the Taliban leader killed in Kunar province in 2012?",
])
def test_other_questions_go_to_the_normal_chain(question):
    assert parse_question(question) is None
