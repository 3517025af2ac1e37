"""A report dated without its year ("ORSK, 14 March (Vell Press Service) -", "TARNE, Thursday
3 June (Agency) -", "On 3 June, ..."): its year comes from another full date of the same
document, else from the weekday written next to it (the calendar year near the document's other
years or the collection's dated reports), else from the file's own date; when none settles it
the report stays undated.  Made-up reports about the invented Republic of Vell."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.language.dates import event_dates, report_date, written_date
from assistant.types import Document
from tests.support.reports import assistant_over


def value(found):
    return found.value if found is not None else None


@pytest.mark.parametrize("text, expected", [
    # a full date elsewhere in the document: a footer, an updated line
    ("ORSK, 14 March (Vell Press Service) - Flooding closed the road to Marrin on Saturday, officials said.\n\n"
     + "Two bridges were under water and the ferry stopped running. " * 60 + "\n\n---\nPublished 2027-03-15 08:10",
     date(2027, 3, 14)),
    ("TARNE, 2 January (VPS) - Snow cut off three villages.\n\nUpdated 3 January 2030", date(2030, 1, 2)),
    # across the new year: the full date of the footer is in the next year's January
    ("TARNE, 30 December (VPS) - Snow cut off three villages.\n\nLast edited 2 January 2031", date(2030, 12, 30)),
    # the other full date is an event's: the report's own day stays the dateline's
    ("ORSK, 3 June (VPS) - Talks resumed under the truce signed on 28 May 2029 in the capital.", date(2029, 6, 3)),
    # the weekday settles the year, near the years the document writes
    ("TARNE, Thursday 3 June (Agency) \u2014 The 2020 census counted 4,000 people in Pell; "
     "the council met again.", date(2021, 6, 3)),
    ("KESTOWN, Monday 14 March (Agency) \u2014 Gunmen burned a grain store, the first attack since 2031.",
     date(2033, 3, 14)),
    # a first sentence that opens with the day, in a report that states no other date
    ("Vell Relief Network - field update\n\nOn Wednesday 2 October, a convoy reached Marrin with food "
     "for the families who lost the 2025 harvest.", date(2024, 10, 2)),
])
def test_a_yearless_dateline_takes_its_year_from_the_document(text, expected):
    found = report_date(text)
    assert value(found) == expected
    assert text[found.start:found.end] == found.text
    assert found.how == "head"


def test_the_weekday_alone_takes_the_year_near_the_collections_reports():
    text = "KESTOWN, Monday 14 March (Agency) \u2014 Gunmen burned a grain store outside Pell."
    assert report_date(text) is None  # nothing to place it near: undated, never guessed
    assert value(report_date(text, near=(date(2021, 11, 2), date(2022, 1, 20)))) == date(2022, 3, 14)
    assert value(report_date(text, near=(date(2030, 5, 1),))) == date(2033, 3, 14)


def test_the_files_own_date_gives_the_year_last():
    text = "ORSK, 3 June (VPS) - A fire destroyed the depot at Marrin."
    found = report_date(text, file_date=date(2031, 6, 20), file_field="PDF CreationDate")
    assert value(found) == date(2031, 6, 3) and found.how == "head"


def test_nothing_settles_the_year_so_the_report_stays_undated():
    # no full date, no weekday by the day (the "Wednesday" of the text is the event's), no file date
    text = "LORN, May 3 (Agency) - A grenade thrown into a market on Wednesday killed one person."
    assert report_date(text) is None
    assert written_date(text) is None
    # a weekday that falls on no year near the document's: still undated (ties, or no match)
    assert report_date("PELL, Friday 31 February (Agency) - Storms.", near=(date(2030, 1, 1),)) is None


def test_a_full_date_or_a_label_in_the_head_is_unchanged():
    text = "ORSK, 14 March 2027 (VPS) - Flooding closed the road. Updated 20 April 2028"
    assert value(report_date(text)) == date(2027, 3, 14)
    # a date under the title dates the report; a first sentence's yearless day is an event's
    text = "Vell Relief Network, 4 October 2024\n\nOn 2 October, a convoy reached Marrin with food."
    assert value(report_date(text)) == date(2024, 10, 4)
    text = "ORSK, 14 March (VPS) - Flooding closed the road.\nPublished: 15 March 2027"
    assert value(report_date(text)) == date(2027, 3, 15) and report_date(text).how == "label"


def test_relative_days_resolve_against_the_yearless_report_date():
    text = ("ORSK, Thursday 3 June (VPS) - Gunmen attacked a checkpoint near Marrin yesterday, "
            "and a second post on Monday.\n\nBoth posts were built in 2026.")
    found = report_date(text)
    assert value(found) == date(2027, 6, 3)
    days = {m.text: m.value for m in event_dates(text, found.value) if m.kind == "relative"}
    assert days == {"yesterday": date(2027, 6, 2), "on Monday": date(2027, 5, 31)}


def test_ingest_dates_yearless_reports_and_a_period_counts_them(tmp_path_factory, embedder):
    reports = {
        # dated by its footer
        "orsk_flood.txt": "ORSK, 14 March (Vell Press Service) - A flood destroyed forty houses in Orsk.\n\n"
                          "Published 2031-03-15",
        # dated by its weekday, near the collection's other reports (Friday 14 March: 2031)
        "pell_flood.txt": "PELL, Friday 14 March (Agency) - A flood destroyed the school in Pell.",
        "tarne_flood.txt": "Vell Herald, 2 April 2031\n\nA flood destroyed a bridge at Tarne.",
        "marrin_flood.txt": "Vell Herald, 20 February 2031\n\nA flood destroyed a mill at Marrin.",
    }
    vell = assistant_over(tmp_path_factory, embedder, "vell", reports)
    answer = vell.ask("How many reports dated March 2031 say a flood destroyed something?")
    assert answer.count is not None, answer.text
    assert sorted(answer.count.document_ids) == ["orsk_flood", "pell_flood"], answer.text


def test_document_meta_reads_the_yearless_dateline():
    from assistant.ingest.metadata import describe

    text = "ORSK, 14 March (VPS) - A flood destroyed forty houses yesterday.\n\nUpdated 2031-03-15"
    meta = describe(Document(id="orsk", source="orsk.txt", text=text, content_hash="0"))
    assert value(meta.report) == date(2031, 3, 14)
    assert date(2031, 3, 13) in {e.value for e in meta.events}


def test_a_list_item_that_opens_with_a_place_and_day_is_no_dateline():
    text = ("# Weekly digest\n\nWeek 10, prepared by the Vell Safety Forum, 2029\n\n"
            "- **Marrin road, 7 Mar:** fighters ambushed a convoy.\n* Orsk, 9 Mar: six arrests.\n")
    assert report_date(text) is None


def test_a_day_without_weekday_falls_in_the_span_of_a_collection_of_a_few_months():
    text = "LORN, May 3 (Agency) - A grenade thrown into a market on Wednesday killed one person."
    spring = (date(2031, 3, 30), date(2031, 4, 12), date(2031, 5, 20))
    assert value(report_date(text, near=spring)) == date(2031, 5, 3)
    # a collection of many years puts 3 May in several of them: undated
    assert report_date(text, near=(date(2028, 1, 4), date(2031, 5, 20))) is None
    # outside the span (with its month either side) in every year: undated
    assert report_date("LORN, October 9 (Agency) - Storms.", near=spring) is None


def test_a_yearless_report_read_before_the_dated_ones_is_dated_by_the_whole_ingest(tmp_path_factory, embedder):
    # "a_..." is read first, when no report of the collection is dated yet
    reports = {
        "a_pell_fire.txt": "PELL, April 5 (Agency) - A fire destroyed the depot in Pell.",
        "b_tarne_fire.txt": "Vell Herald, 2 April 2031\n\nA fire destroyed a barn at Tarne.",
        "c_marrin_fire.txt": "Vell Herald, 20 April 2031\n\nA fire destroyed a mill at Marrin.",
    }
    vell = assistant_over(tmp_path_factory, embedder, "vell-order", reports)
    answer = vell.ask("How many reports dated April 2031 say a fire destroyed something?")
    assert answer.count is not None, answer.text
    assert sorted(answer.count.document_ids) == ["a_pell_fire", "b_tarne_fire", "c_marrin_fire"], answer.text
