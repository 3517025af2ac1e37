"""The short answer keeps what the small entity model leaves out of its span: a currency sign before an
amount ("€410,000") and the day before a time of day ("Tuesday morning", the day resolved against the
report date).  Made-up reports, real components."""

from __future__ import annotations

import pytest

from tests.support.reports import assistant_over, short_answer

REPORTS = {
    "korvania_convoy.txt": (
        "Korvania Aid Monitor, 18 April 2031\n\n"
        "Armed men stopped a convoy of 14 trucks near Brava and took its cargo. The looted food was worth "
        "€410,000, the agency said. A second shipment, worth £95,000, was delayed. The rations handed out in "
        "Pirot were worth US$12,500.\n"),
    "felsk_market.txt": (
        "Korvania Daily Herald, 19 April 2031\n\n"
        "A bomb exploded at the central market in Felsk on Tuesday morning, killing 9 people and injuring "
        "31 others, officials said. Shops stayed shut in the hours after the attack.\n"),
}


@pytest.fixture(scope="module")
def korvania(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "korvania", REPORTS)


@pytest.mark.parametrize("question, expected", [
    ("What was the value of the looted food?", "€410,000"),
    ("How much was the second shipment worth?", "£95,000"),
    ("How much were the rations handed out in Pirot worth?", "US$12,500"),
])
def test_the_currency_sign_stays_with_the_amount(korvania, question, expected):
    assert short_answer(korvania.ask(question)).text == expected


def test_the_day_of_a_time_of_day_is_the_answer_to_when(korvania):
    answer = korvania.ask("When did the bomb explode in Felsk?")
    assert short_answer(answer).text == "Tuesday morning", answer.text
    assert "15 April 2031" in answer.text  # the Tuesday before the report of Saturday 19 April


def test_a_length_of_time_is_no_answer_to_when(korvania):
    answer = korvania.ask("When did the shops stay shut in Felsk?")
    assert not answer.has_answer or "hours" not in short_answer(answer).text, answer.text
