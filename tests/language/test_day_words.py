"""Dates whose day is written in words or in a less common order ("the ninth of June 2027",
"June the 9th, 2027", "June 9 of 2027", "9th day of June") read with their exact spans."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.language.dates import date_strength, find_dates, month_mentions, report_date
from assistant.language.numbers import ordinal_value


@pytest.mark.parametrize(("word", "value"), [("first", 1), ("second", 2), ("ninth", 9), ("twelfth", 12),
                                             ("twentieth", 20), ("twenty-second", 22), ("Thirty First", 31),
                                             ("three", None), ("9th", None), ("firsts", None)])
def test_ordinal_words(word: str, value: int | None) -> None:
    assert ordinal_value(word) == value


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("The depot at Virelle reopened on the twenty-second of June 2027 after repairs.",
         "twenty-second of June 2027", date(2027, 6, 22)),
        ("Ferries to Orsk resumed on the ninth of October, 2026.", "ninth of October, 2026", date(2026, 10, 9)),
        ("The pass was closed on September the 4th, 2025 by snow.", "September the 4th, 2025", date(2025, 9, 4)),
        ("Elections in Marrow Vale took place on February the twelfth 2024.", "February the twelfth 2024",
         date(2024, 2, 12)),
        ("The bridge at Tull opened on August 14 of 2003, a year late.", "August 14 of 2003", date(2003, 8, 14)),
        ("It was signed on the 30th day of April, 2029 in Quessa.", "30th day of April, 2029", date(2029, 4, 30)),
        ("The fair of the thirty first of January 2030 drew crowds.", "thirty first of January 2030",
         date(2030, 1, 31)),
    ],
)
def test_full_dates_with_the_day_in_words_or_another_order(text: str, span: str, expected: date) -> None:
    found = find_dates(text)
    assert [(m.value, m.text, m.kind) for m in found] == [(expected, span, "full")]
    assert text[found[0].start:found[0].end] == span
    assert date_strength(text) == 1.0


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("Water trucks reached Pell on the third of May.", "third of May", date(2031, 5, 3)),
        ("The curfew began on the 21st day of March.", "21st day of March", date(2031, 3, 21)),
        ("Power returned on April the second in most districts.", "April the second", date(2031, 4, 2)),
    ],
)
def test_partial_dates_with_the_day_in_words(text: str, span: str, expected: date) -> None:
    found = find_dates(text, base=date(2031, 5, 20))
    assert [(m.value, m.text, m.kind) for m in found] == [(expected, span, "partial")]
    assert text[found[0].start:found[0].end] == span
    assert date_strength(text) == 0.5


def test_strength_keeps_its_case_rule() -> None:
    assert date_strength("the shops may 12, 2010 close") == 0.25  # "may" in lower case: not a month


@pytest.mark.parametrize(
    "text",
    [
        "About a third of March arrivals in Dovra were children.",  # a fraction, not a day
        "The council may the second time refuse the permit.",  # "may" the verb
        "They were the first of many to leave Hesk.",  # no month
        "It was the fortieth of March in the old calendar of Brill.",  # no such day
    ],
)
def test_ordinal_words_that_date_nothing(text: str) -> None:
    assert find_dates(text, base=date(2031, 5, 20)) == []


def test_a_minutes_document_dated_in_words() -> None:
    text = ("ORBEN PARISH BOARD\nRecord of the session held on the fourteenth of November 2030\n\n"
            "Present: five members. The well at Orben was repaired on 9 November.\n")
    found = report_date(text)
    assert found is not None and found.value == date(2030, 11, 14)
    assert text[found.start:found.end] == "fourteenth of November 2030"


def test_a_day_in_words_is_not_a_month_mention() -> None:
    assert month_mentions("The depot reopened on the twenty-second of June 2027.") == []
    assert month_mentions("The depot reopened on the 22nd of June 2027.") == []
    assert month_mentions("The depot reopened in June 2027.") == [202706]
