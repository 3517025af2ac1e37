"""The date a document states about itself."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.language.dates import HEAD_CHARS, dateline_split, stated_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Source: x\nIncident date (annotated): 2010-05-10\n\nMay 11: Forces ...", date(2010, 5, 10)),
        ("Date: 14 March 2024\nThe inspectors ...", date(2024, 3, 14)),
        ("KABUL, Afghanistan (May 11, 2010) - a patrol ...", date(2010, 5, 11)),
        ("Published on March 3rd, 2021 by the office", date(2021, 3, 3)),
        ("Report date: not given\n\nWritten 2019-01-05.", date(2019, 1, 5)),
        ("Date: 31 February 2020\nOn 1 March 2020 the ...", date(2020, 3, 1)),  # no such day: next date
        ("In May 2010 the forces advanced 9 kilometres.", None),  # month and year only
        ("No date at all in this report.", None),
    ],
)
def test_stated_date(text: str, expected: date | None) -> None:
    assert stated_date(text) == expected


def test_only_the_head_is_searched() -> None:
    assert stated_date("x" * HEAD_CHARS + " 2020-01-01") is None


def test_parts_of_a_year_and_their_abbreviations():
    from assistant.language.dates import period_abbreviations, period_spellings

    assert "third quarter" in period_spellings("Q3") and "3rd quarter" in period_spellings("q3")
    assert "first half" in period_spellings("H1")
    assert period_spellings("Q5") == () and period_spellings("H3") == () and period_spellings("B-12") == ()
    assert period_abbreviations("third") == ("q3",)
    assert set(period_abbreviations("first")) == {"q1", "h1"} and period_abbreviations("quarter") == ()
    assert period_abbreviations("rifle") == ()


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("Mar 4, 2031 ... The Velan Cup final was played in Ostrow.", "Mar 4, 2031 ..."),
        ("KORVA, Brennick (4 March) - Troops reopened the pass.", "KORVA, Brennick (4 March) -"),
        ("Sep 13, 2031 — Sep 13, 2031 ... The ferry sailed.", "Sep 13, 2031 — Sep 13, 2031 ..."),  # snippet and page
        ("The ferry sailed from Korva on 4 March 2031.", ""),  # a date in the sentence
        ("On the quay of the old harbour of Korva in the north, 4 March 2031 - ", ""),  # more than six words first
    ],
)
def test_dateline_split(text: str, dateline: str) -> None:
    found, body = dateline_split(text)
    assert found == dateline
    assert found + body == text
