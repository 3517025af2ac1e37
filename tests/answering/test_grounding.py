"""Generated answers checked against their passages (assistant.answering.grounding): tables of cases."""

from __future__ import annotations

import pytest

from assistant.answering.grounding import answer_sentences, ground, stated_numbers


def test_citation_markers_are_not_stated_numbers():
    assert stated_numbers("cited [1] and [2][3]") == set()
    assert stated_numbers("34 strikes [1]") == {34.0}


def test_answer_sentences_keep_trailing_markers():
    assert answer_sentences("First one. [1] Second [2]. Third.") == ["First one. [1]", "Second [2].", "Third."]


PASSAGES = [
    "In addition, coalition aircraft have conducted 34 airstrikes, inflicting numerous heavy casualties.",
    "Three insurgents were killed in Kajaki district.",
    "The statement gave no figures.",
]


@pytest.mark.parametrize(
    ("reply", "text", "cited", "status", "removed"),
    [
        # every number in the cited passage
        ("Coalition aircraft conducted 34 airstrikes [1].", "Coalition aircraft conducted 34 airstrikes [1].",
         (1,), "grounded", 0),
        # number word against digits, digits against a number word
        ("Coalition aircraft conducted thirty-four airstrikes [1].",
         "Coalition aircraft conducted thirty-four airstrikes [1].", (1,), "grounded", 0),
        ("3 insurgents were killed [2].", "3 insurgents were killed [1].", (2,), "grounded", 0),
        # a number only in another (uncited by this sentence) passage: removed
        ("34 airstrikes were conducted [1]. 3 insurgents were killed [3].", "34 airstrikes were conducted [1].",
         (1,), "repaired", 1),
        # invented number: removed; the other sentence stays
        ("34 airstrikes were conducted [1]. 340 militants died [1].", "34 airstrikes were conducted [1].",
         (1,), "repaired", 1),
        # a sentence without its own marker is checked against every cited passage
        ("Aircraft struck 34 times. Three insurgents died. [1][2]", "Aircraft struck 34 times. Three insurgents died. [1][2]",
         (1, 2), "grounded", 0),
        # out-of-range marker dropped: repaired, not failed
        ("34 airstrikes [1][9].", "34 airstrikes [1].", (1,), "repaired", 0),
        # a range whose end is in no passage
        ("Between 3 and 5 insurgents were killed [2].", "", (), "failed", 1),
        # comma number that no passage states
        ("1,034 airstrikes [1].", "", (), "failed", 1),
        # no valid citation at all
        ("Coalition aircraft conducted 34 airstrikes.", "", (), "failed", 0),
        ("Coalition aircraft conducted 34 airstrikes [7].", "", (), "failed", 0),
        # markers alone are no answer
        ("[1] [1]", "", (), "failed", 0),
        ("[1]", "", (), "failed", 0),
        # no number: only the markers are checked
        ("The statement gave no figures [3].", "The statement gave no figures [1].", (3,), "grounded", 0),
    ],
)
def test_ground(reply, text, cited, status, removed):
    result = ground(reply, PASSAGES)
    assert (result.text, result.cited, result.status, len(result.removed)) == (text, cited, status, removed)


def test_numbers_of_the_question_are_given():
    reply = "Three insurgents were killed in April 2011 [2]."
    assert ground(reply, PASSAGES).status == "failed"  # 2011 is in no passage
    result = ground(reply, PASSAGES, given=stated_numbers("How many were killed in April 2011?"))
    assert (result.status, result.text) == ("grounded", "Three insurgents were killed in April 2011 [1].")
