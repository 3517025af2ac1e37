"""The one date reader, the place and publisher readers, and the question's period: tables of
datelines and phrasings of several countries and formats."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.language.dates import (
    DAY_FIRST,
    MONTH_FIRST,
    event_dates,
    numeric_order,
    parse_date,
    parse_iso,
    report_date,
)
from assistant.language.places import find_places, place_key
from assistant.language.publishers import find_publisher, source_keys
from assistant.language.question import place_names, read_period


@pytest.mark.parametrize(("text", "expected", "how"), [
    ("KABUL, Afghanistan (May 11, 2010) - A combined force detained ...", date(2010, 5, 11), "head"),
    ("VESK, 12 April 2019 - An explosion badly damaged the bridge.", date(2019, 4, 12), "head"),
    ("SULVEY, 29 April 2019 (Tëren Herald) - Fire destroyed ...", date(2019, 4, 29), "head"),
    ("THE COURIER\nFriday, 14 December 2018\n\nAid convoy reaches ...", date(2018, 12, 14), "head"),
    ("Thursday, May 9, 2019\n\nArsonists torch depot", date(2019, 5, 9), "head"),
    ("MINISTRY\nPress Release No. 41/2019\n\nApril 16, 2019\n\nThree suspects ...", date(2019, 4, 16), "head"),
    ("Weekly update\nDate: 2019-04-15\nPeriod covered: Monday 8 April to Sunday 14 April 2019", date(2019, 4, 15), "label"),
    ("# Convoy report, 14 May 2019\n**Date:** 16 May 2019\n", date(2019, 5, 16), "label"),
    ("Reporting period: 15-25 April 2019 | Issued: 26 April 2019", date(2019, 4, 26), "label"),
    ("*JMMV - published in Aldomir on 7 June 2019*\n\nIn May ...", date(2019, 6, 7), "label"),
    ("Bulletin\nDate of issue: 05/03/2019\n(All dates are written day/month/year.)", date(2019, 3, 5), "label"),
    ("PARIS, 3 mars 2021 — no English month; 2021-03-04 appears later", date(2021, 3, 4), "head"),
    ("NAIROBI, 1st of June, 2022 - The agency said", date(2022, 6, 1), "head"),
    ("Lagos, 2020.07.15 — readers", None, None),  # year-first with dots is not read
    ("The clinic reopened on Monday after almost a year.", None, None),  # undated: no full date
    ("In May 2010 the forces advanced 9 kilometres.", None, None),  # month and year only
])
def test_report_date_on_a_table_of_datelines(text, expected, how):
    found = report_date(text)
    assert (found.value if found else None) == expected
    if found is not None:
        assert found.how == how
        assert text[found.start:found.end] == found.text


def test_an_undated_document_gets_no_date_and_never_today():
    assert report_date("Field note. The clinic reopened on Monday.") is None
    found = report_date("Field note.", file_date=date(2019, 6, 1), file_field="DOCX created")
    assert (found.value, found.how, found.text) == (date(2019, 6, 1), "file", "DOCX created")
    assert found.value != date.today()


@pytest.mark.parametrize("written", ["12 May 2010", "5/12/2010", "2010-05-12", "May 12, 2010", "12th May, 2010",
                                     "Wednesday 12 May 2010", "05.12.2010"])
def test_the_formats_of_one_day_are_the_same_date(written):
    assert parse_date(written) == date(2010, 5, 12)


@pytest.mark.parametrize(("text", "order"), [
    ("Meeting on 5/12/2010.", MONTH_FIRST),  # no evidence: month first (module docstring says why)
    ("Arrived between 25/02/2019 and 02/03/2019.", DAY_FIRST),  # 25 cannot be a month
    ("Filed 5/25/2010 and 6/1/2010.", MONTH_FIRST),
    ("(All dates in this bulletin are written day/month/year.) 01/03/2019", DAY_FIRST),
    ("Format: mm/dd/yyyy. 03/01/2019", MONTH_FIRST),
])
def test_numeric_order_follows_the_documents_own_evidence(text, order):
    assert numeric_order(text) == order


def test_event_dates_resolve_relative_words_against_the_report_date():
    text = ("VESK, 12 April 2019 - An explosion damaged the bridge late yesterday. On Saturday police searched "
            "farms; on 3 April a patrol was attacked, and the road has been closed since 28 March. "
            "The Tuesday, 16 April meeting was called off. A monday market is held.")
    found = {m.text: m.value for m in event_dates(text, date(2019, 4, 12))}
    assert found["yesterday"] == date(2019, 4, 11)
    assert found["On Saturday"] == date(2019, 4, 6)
    assert found["3 April"] == date(2019, 4, 3)
    assert found["28 March"] == date(2019, 3, 28)
    assert found["Tuesday, 16 April"] == date(2019, 4, 16)  # the year in which 16 April is a Tuesday
    assert "monday" not in " ".join(found).lower().replace("tuesday", "")  # lower-case weekday is no date
    for mention in event_dates(text, date(2019, 4, 12)):
        assert text[mention.start:mention.end] == mention.text


def test_day_first_documents_read_their_event_dates_day_first():
    text = "Date of issue: 05/03/2019\nThe clinic reopened on 01/03/2019; families arrived between 25/02/2019 and 02/03/2019."
    values = [m.value for m in event_dates(text, date(2019, 3, 5))]
    assert values == [date(2019, 3, 5), date(2019, 3, 1), date(2019, 2, 25), date(2019, 3, 2)]


def test_a_filter_date_that_is_no_date_is_one_error_naming_the_field():
    assert parse_iso("2010-05-31", "--to") == date(2010, 5, 31)
    for bad in ("2010-13-01", "May 2010", "2010-5-1", ""):
        with pytest.raises(ValueError, match=r"^--from must be a date like 2010-05-31"):
            parse_iso(bad, "--from")


@pytest.mark.parametrize(("text", "expected"), [
    ("armed men attacked a checkpoint at the entrance to Marjit village, Vesk district, Karvesh province.",
     [("Marjit", "village", "Vesk"), ("Vesk", "district", "Karvesh"), ("Karvesh", "province", "")]),
    ("families fled to the town of Orrin and the province of Tëren", [("Orrin", "town", ""), ("Tëren", "province", "")]),
    ("fighting in Ras el Kamar district, Teren province", [("Ras el Kamar", "district", "Teren"), ("Teren", "province", "")]),
    ("The Governor of Zabul Province said", [("Zabul", "province", "")]),
    ("Clashes in Shah Joy district of Zabul", [("Shah Joy", "district", "")]),
    ("KABUL, Afghanistan (May 11, 2010) - a patrol", [("Kabul", "dateline", "Afghanistan")]),
    ("Seven people were detained in the village.", []),
])
def test_places_with_their_admin_level(text, expected):
    found = find_places(text)
    assert [(p.name, p.level, p.parent) for p in found] == expected
    for p in found:
        assert text[p.start:p.end] == p.text


def test_place_keys_match_any_spelling():
    assert place_key("Tëren") == place_key("TEREN") == place_key("teren province") == "teren"
    assert place_key("Ras al-Kamar") == place_key("Ras el Kamar District") == "ras al kamar"


@pytest.mark.parametrize(("text", "name"), [
    ("MINISTRY OF THE INTERIOR\nPress Office\n\nApril 16, 2019", "Ministry of the Interior"),
    ("SULVEY, 29 April 2019 (Tëren Herald) - Fire", "Tëren Herald"),
    ("# Convoy\n\n**Organisation:** Open Hands Aid, Dalmesa field office\n", "Open Hands Aid"),
    ("Source: ISAF (NATO International Security Assistance Force, Afghanistan) press release\n",
     "ISAF (NATO International Security Assistance Force, Afghanistan)"),
    ("Thursday, May 9, 2019\n\nArsonists torch depot outside Vesk", None),
])
def test_publisher_named_by_the_text(text, name):
    found = find_publisher(text)
    assert (found.name if found else None) == name


def test_source_keys_include_the_acronym():
    assert source_keys("Office for Humanitarian Coordination in Valdoria (OHCV)") == [
        "office for humanitarian coordination in valdoria", "ohcv"]


NEWEST = date(2019, 6, 11)


@pytest.mark.parametrize(("question", "start", "end"), [
    ("What happened in Helmand in May 2010?", date(2010, 5, 1), date(2010, 5, 31)),
    ("airstrikes between March and June 2011", date(2011, 3, 1), date(2011, 6, 30)),
    ("What happened on 12 May?", date(2019, 5, 12), date(2019, 5, 12)),  # the latest 12 May up to the newest report
    ("What happened on 4 March 2019?", date(2019, 3, 4), date(2019, 3, 4)),
    ("the reports of the last week", date(2019, 6, 5), date(2019, 6, 11)),
    ("What was reported in the past 2 months?", date(2019, 4, 13), date(2019, 6, 11)),
    ("What happened yesterday?", date(2019, 6, 10), date(2019, 6, 10)),
    ("Which villages were shelled in May?", date(2019, 5, 1), date(2019, 5, 31)),
    ("Reports on 5/12/2010", date(2010, 5, 12), date(2010, 5, 12)),
    ("What was reported in 2019?", date(2019, 1, 1), date(2019, 12, 31)),
    ("between 25 February and 2 March 2019", date(2019, 2, 25), date(2019, 3, 2)),
    ("How many people fled in March and April 2018?", date(2018, 3, 1), date(2018, 4, 30)),
    ("Which roads were closed during April, May or June?", date(2019, 4, 1), date(2019, 6, 30)),
    ("How many arrests in December and January 2019?", date(2018, 12, 1), date(2019, 1, 31)),
])
def test_a_question_period(question, start, end):
    period = read_period(question, NEWEST, years=(2018, 2019))
    assert (period.start, period.end) == (start, end)
    assert period.text in question


def test_months_that_skip_one_are_no_range():
    period = read_period("How many people fled in March and May 2018?", NEWEST, years=(2018, 2019))
    assert period is None or (period.start, period.end) != (date(2018, 3, 1), date(2018, 5, 31))


def test_a_year_outside_the_index_is_a_fact_not_a_period():
    assert read_period("Which bridge built in 1931 was damaged?", NEWEST, years=(2018, 2019)) is None
    assert read_period("Who commands the National Guard?", NEWEST) is None


def test_question_place_names_most_specific_first():
    assert place_names("Who attacked the checkpoint in Marjit village, Vesk district?") == ["Marjit", "Vesk"]
    assert place_names("What happened in the town of Orrin?") == ["Orrin"]
    assert place_names("What happened in May 2019?") == []


@pytest.mark.parametrize("text, base, expected", [
    ("Unemployment rose to 7.5 percent in March, the office said.", date(2031, 4, 2), [203103]),
    ("Arrivals have fallen since early February.", date(2031, 4, 2), [203102]),
    ("Planting is expected to begin in May.", date(2031, 4, 2), [203105]),  # within 31 days: the coming May
    ("The levee was built in June.", date(2031, 4, 2), [203006]),  # a June already past
    ("Figures for the end of January and December are below.", date(2031, 1, 10), [203012, 203101]),
    ("Aid arrived in March 2030.", date(2031, 4, 2), [203003]),  # its own year
    ("The convoy left on 12 March.", date(2031, 4, 2), []),  # a day, read as an event day
    ("Talks resumed in March 12 days later.", date(2031, 4, 2), []),  # a number follows: not read alone
    ("Police may close the road; Elena March said so.", date(2031, 4, 2), []),  # a modal, a surname
    ("Protesters chose to march in may.", date(2031, 4, 2), []),  # not capitalised as a month
    ("Unemployment rose in March.", None, []),  # undated report: no year to read it with
])
def test_a_month_named_without_its_year_is_read_against_the_report_date(text, base, expected):
    from assistant.language.dates import month_mentions

    assert month_mentions(text, base) == expected


@pytest.mark.parametrize("text, order", [
    ("Casualty report\nDate: 10.03.2031\nBetween 2 and 9 March ...", DAY_FIRST),  # dotted: day first
    ("Date: 10/03/2031", MONTH_FIRST),  # slashes, no evidence: the default
    ("Issued 10.03.2031; the earlier note of 5/12/2030", MONTH_FIRST),  # mixed: no dotted-only reading
])
def test_dotted_numeric_dates_are_read_day_first(text, order):
    assert numeric_order(text) == order
