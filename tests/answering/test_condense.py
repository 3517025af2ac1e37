"""Follow-up questions made standalone by rules (assistant.answering.condense.condense_simple)."""

from __future__ import annotations

import pytest

from assistant.answering.condense import condense_simple
from assistant.types import Turn


def user(*questions: str) -> list[Turn]:
    return [Turn("user", q) for q in questions]


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        # a question of its own keeps its question and borrows the place and time it lacks
        (["How many insurgents were killed in Lakeview district in May 2019?"], "and how many were detained there?",
         "How many were detained in Lakeview district in May 2019?"),
        (["How many airstrikes were reported?"], "and how many were captured?", "How many were captured?"),
        (["Who was detained in Kandahar in May 2010?"], "and what was found?", "What was found in Kandahar in May 2010?"),
        (["What happened near the town of Tëren last week?"], "and who was hurt then?",
         "Who was hurt last week near the town of Tëren?"),
        # its own place or time wins over the previous one
        (["How many were killed in Kunduz in 2010?"], "and how many were detained in Helmand?",
         "How many were detained in Helmand in 2010?"),
        # fragments replace what they name
        (["How many were killed in Kunduz province?"], "and in Helmand?", "How many were killed in Helmand?"),
        (["How many were killed in Kunduz in 2010?"], "and in 2011?", "How many were killed in Kunduz in 2011?"),
        (["How many were detained?"], "in May", "How many were detained in May?"),
        # a fragment standing for a thing of the previous question, named by a preposition + name
        (["How many sacks of flour did the relief column to Orsk deliver?"], "And in the one to Vel?",
         "How many sacks of flour did the relief column to Vel deliver?"),
        (["How many sacks of flour did the relief column to Orsk deliver?"], "and to Vel?",
         "How many sacks of flour did the relief column to Vel deliver?"),
        (["Who led the patrol along Kessel Road?"], "and the one along Mirren Road?",
         "Who led the patrol along Mirren Road?"),
        # a chain of follow-ups
        (["How many were detained in Kandahar?", "and in Helmand?"], "and in 2011?",
         "How many were detained in Helmand in 2011?"),
        # a back reference without a connective
        (["Who was detained in Kandahar in May 2010?"], "How many were killed there?",
         "How many were killed in Kandahar in May 2010?"),
        # standalone questions stay as they are
        (["How many were killed in Kunduz?"], "Who leads the Haqqani network?", "Who leads the Haqqani network?"),
        ([], "and in Helmand?", "and in Helmand?"),
    ],
)
def test_condense_simple(history, question, expected):
    assert condense_simple(question, user(*history)) == expected


def test_only_user_turns_are_followed():
    history = [Turn("user", "How many were killed in Kunduz?"), Turn("assistant", "Three were killed in Kunduz [1].")]
    assert condense_simple("and in Helmand?", history) == "How many were killed in Helmand?"
