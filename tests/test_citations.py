"""Tables of cases for the pure citation and grounding functions (no model, no store)."""

from __future__ import annotations

import pytest

from assistant.citations import citations_for, marker_numbers, parse_markers, validate_markers
from assistant.generated import is_decline
from assistant.grounding import answer_sentences, ground, numbers_in
from assistant.types import Chunk, Passage


@pytest.mark.parametrize(
    ("body", "expected"),
    [("1", [1]), ("1, 3", [1, 3]), ("1;3", [1, 3]), ("2-4", [2, 3, 4]), ("2–4", [2, 3, 4]), ("4-2", [4, 2]),
     ("1-99", [1, 99]), ("1, 2-3", [1, 2, 3])],
)
def test_marker_numbers(body, expected):
    assert marker_numbers(body) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A [2]. B [1, 2][7].", [2, 1, 2, 7]),
        ("no markers at all", []),
        ("a list [a] and [ 1 ] and [1 ,2]", [1, 1, 2]),
        ("years (2011) and [2011]", [2011]),
    ],
)
def test_parse_markers(text, expected):
    assert parse_markers(text) == expected


@pytest.mark.parametrize(
    ("text", "n", "expected_text", "cited", "dropped"),
    [
        # valid markers keep their passages, renumbered by first appearance
        ("A [1]. B [2].", 3, "A [1]. B [2].", (1, 2), ()),
        ("A [3]. B [1].", 3, "A [1]. B [2].", (3, 1), ()),
        # out of range: dropped with the space before it
        ("A [1]. B [4].", 3, "A [1]. B.", (1,), (4,)),
        ("A [0].", 3, "A.", (), (0,)),
        # repeated: one citation
        ("A [2]. B [2]. C [2, 2].", 3, "A [1]. B [1]. C [1].", (2,), ()),
        # lists and ranges become separate markers
        ("A [1, 3].", 3, "A [1][2].", (1, 3), ()),
        ("A [1-3].", 3, "A [1][2][3].", (1, 2, 3), ()),
        ("A [2-5].", 3, "A [1][2].", (2, 3), (4, 5)),
        # missing markers
        ("A. B.", 3, "A. B.", (), ()),
        ("", 3, "", (), ()),
        # no passage at all: every marker is dropped
        ("A [1].", 0, "A.", (), (1,)),
    ],
)
def test_validate_markers(text, n, expected_text, cited, dropped):
    result = validate_markers(text, n)
    assert (result.text, result.cited, result.dropped) == (expected_text, cited, dropped)


def _passage(n: int, text: str) -> Passage:
    chunk = Chunk(id=f"c{n}", document_id=f"doc{n}", source=f"doc{n}.txt", index=0, start=10 * n,
                  end=10 * n + len(text), text=text)
    return Passage(chunk=chunk, score=1.0 / n, rank=n)


def test_citations_for_maps_prompt_numbers_to_passages():
    passages = [_passage(1, "one"), _passage(2, "two"), _passage(3, "three")]
    citations = citations_for((3, 1), passages)
    assert [(c.n, c.document_id, c.chunk_id, c.text, c.start) for c in citations] == [
        (1, "doc3", "c3", "three", 30), (2, "doc1", "c1", "one", 10)
    ]
    with pytest.raises(IndexError):
        citations_for((4,), passages)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("34 airstrikes", {34}),
        ("1,500 people and 2.5 tons", {1500, 2.5}),
        ("1,000,000", {1_000_000}),
        ("thirty-four strikes", {34}),
        ("Thirty four strikes", {34}),
        ("two hundred and fifty men", {250}),
        ("a dozen rockets", {12}),
        ("one insurgent", {1}),
        ("1.5 million dollars", {1_500_000}),
        ("3 thousand and one million", {3000, 1_000_000}),
        ("3-5 killed", {3, 5}),
        ("3–5 killed", {3, 5}),
        ("between three and five", {3, 5}),
        ("three to five", {3, 5}),
        ("July 26, 2011", {26, 2011}),
        ("AK-47s", {47}),
        ("no one came; the one who left; one another", set()),
        ("someone, anyone, everyone", set()),
        ("hundreds of people, dozens of homes", set()),
        ("the 3rd battalion and the first day", set()),
        ("cited [1] and [2][3]", set()),
        ("no number here.", set()),
    ],
)
def test_numbers_in(text, expected):
    assert numbers_in(text) == {float(v) for v in expected}


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


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("The reports do not answer this question.", True),
        ("the reports do not answer this question", True),
        ("I'm sorry. The reports do not answer this question!", True),
        ("The reports do not say [1].", False),
        ("34 airstrikes [1].", False),
    ],
)
def test_is_decline(reply, expected):
    assert is_decline(reply) is expected


def test_numbers_of_the_question_are_given():
    reply = "Three insurgents were killed in April 2011 [2]."
    assert ground(reply, PASSAGES).status == "failed"  # 2011 is in no passage
    result = ground(reply, PASSAGES, given=numbers_in("How many were killed in April 2011?"))
    assert (result.status, result.text) == ("grounded", "Three insurgents were killed in April 2011 [1].")
