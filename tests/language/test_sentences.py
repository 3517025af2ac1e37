"""Sentences and reading units across hard line breaks (assistant.language.sentences)."""

from __future__ import annotations

import textwrap

import pytest

from assistant.language.sentences import read_sentences, reading_units, split_sentences

PARAGRAPH = ("The convoy of the relief agency left Marjit on Tuesday morning and travelled 42 kilometres along "
             "the river road before it was stopped at a checkpoint, where guards searched every truck for three "
             "hours. Inflation in the province rose to 2.5 percent of the monthly household budget.")


def test_a_hard_wrapped_paragraph_reads_as_the_unwrapped_one():
    wrapped = textwrap.fill(PARAGRAPH, width=60)
    assert "\n" in wrapped
    units = reading_units(wrapped)
    assert [u.text for u in units] == [PARAGRAPH]


def test_unit_offsets_map_back_exactly():
    wrapped = "Title of the report\n\n" + textwrap.fill(PARAGRAPH, width=50)
    for unit in reading_units(wrapped):
        for start in range(0, len(unit.text), 7):
            end = min(len(unit.text), start + 11)
            s, e = unit.span(start, end)
            assert wrapped[s:e].replace("\n", " ") == unit.text[start:end]


def test_a_word_hyphenated_across_a_line_break_is_joined():
    units = reading_units("Civilian casualties attributed to air-\nstrikes rose sharply in the\nlast quarter.")
    assert [u.text for u in units] == ["Civilian casualties attributed to airstrikes rose sharply in the last quarter."]
    assert reading_units("the road to Shah-\nJoy was closed")[0].text == "the road to Shah-Joy was closed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one paragraph per line (a press release): each line is a unit
        ("The patrol left at dawn.\nIt returned at noon.", ["The patrol left at dawn.", "It returned at noon."]),
        # a heading line, then its paragraph
        ("Security update\nThe patrol left at dawn and returned at noon with two detainees.",
         ["Security update", "The patrol left at dawn and returned at noon with two detainees."]),
        # list items stay apart
        ("Findings:\n- two bridges were damaged\n- one clinic reopened", ["Findings:", "- two bridges were damaged", "- one clinic reopened"]),
        # table rows are units of their own
        ("Ivrel district | 65 families | 21 June\nDrenna district | 12 families | 3 June",
         ["Ivrel district | 65 families | 21 June", "Drenna district | 12 families | 3 June"]),
        # label lines stay apart
        ("Date: 12 April 2019\nPublished by: the Mission", ["Date: 12 April 2019", "Published by: the Mission"]),
        # a continuation in lower case joins whatever the line length
        ("The strikes killed 11\ncivilians.", ["The strikes killed 11 civilians."]),
    ],
)
def test_reading_units(text, expected):
    assert [u.text for u in reading_units(text)] == expected


def test_split_sentences_keeps_offsets():
    text = "First one. Second, on Jan. 5 with Mr. X.\nThird"
    assert [(s.start, s.text) for s in split_sentences(text)] == [
        (0, "First one."), (11, "Second, on Jan. 5 with Mr. X."), (41, "Third")]


def test_read_sentences_map_back_to_the_text():
    text = "A ferry left Orrin-\nvale at dawn. It\nreturned at noon.\n\nHeading\nNext line here."
    found = read_sentences(text)
    assert [s.text for s in found] == ["A ferry left Orrinvale at dawn.", "It returned at noon.", "Heading",
                                       "Next line here."]
    for sentence in found:
        assert " ".join(text[sentence.start:sentence.end].replace("-\n", "").split()) == sentence.text
