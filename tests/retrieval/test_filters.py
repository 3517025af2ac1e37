"""Filters by date range, place and source, given or read from the question, on the real
store (Chroma ``where`` inside the query), BM25, the incident records and the timeline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from assistant import Settings
from assistant.api import NO_MATCH
from assistant.language.places import names_place
from assistant.types import Filters


def _days(assistant, document_id):
    meta = assistant.catalog.entries()[document_id].meta
    return set(meta.days()) if meta else set()


def _in_range(assistant, document_id, start, end):
    return any(start <= d <= end for d in _days(assistant, document_id))


def _id(assistant, stem):
    """The document id of a file stem (ids may be relative paths)."""
    return next(i for i in assistant.catalog.entries() if i.rsplit("/", 1)[-1] == stem)


def test_every_document_is_dated_placed_and_sourced_at_ingest(valdoria_assistant):
    entries = valdoria_assistant.catalog.entries()
    hearth = entries[_id(valdoria_assistant, "hearth_field_bulletin_14")].meta
    assert hearth.report.value == date(2019, 3, 5)  # 05/03/2019 in a day/month bulletin
    assert date(2019, 3, 4) in hearth.days()
    assert {"orrin", "dalmesa", "nemmet"} <= {p.key for p in hearth.places}
    assert hearth.publisher == "Hearth Relief International"
    checkpoint = entries[_id(valdoria_assistant, "interior_marjit_checkpoint")].meta
    assert [(p.name, p.level, p.parent) for p in checkpoint.places[:2]] == [("Marjit", "village", "Vesk"),
                                                                           ("Vesk", "district", "Karvesh")]
    depot = entries[_id(valdoria_assistant, "courier_depot_trucks")].meta
    assert depot.publisher == "" and depot.source_name == "news"  # no publisher named: the folder
    text = valdoria_assistant.document_text(_id(valdoria_assistant, "courier_depot_trucks"))
    for mention in depot.events:
        assert text[mention.start:mention.end] == mention.text


def test_the_undated_document_is_indexed_and_listed_as_undated(valdoria_assistant):
    note = _id(valdoria_assistant, "clearwater_field_note")
    assert valdoria_assistant.catalog.entries()[note].report_date is None
    assert note in valdoria_assistant.timeline().undated
    _, found = valdoria_assistant.retrieve("measles cases at the Sabrak clinic", 5)
    assert note in {p.chunk.document_id for p in found.passages}  # indexed: found without a filter
    _, dated = valdoria_assistant.retrieve("measles cases at the Sabrak clinic", 5,
                                           filters=Filters(date_from=date(2018, 1, 1), date_to=date(2020, 12, 31)))
    assert note not in {p.chunk.document_id for p in dated.passages}  # never given a date


def test_a_question_with_a_month_picks_only_that_months_reports(valdoria_assistant):
    query, found = valdoria_assistant.retrieve("Which depot was set on fire in May 2019?", 8)
    assert (query.filters.date_from, query.filters.date_to) == (date(2019, 5, 1), date(2019, 5, 31))
    assert found.passages
    for p in found.pool:
        assert _in_range(valdoria_assistant, p.chunk.document_id, date(2019, 5, 1), date(2019, 5, 31))
    answer = valdoria_assistant.ask("Which depot was set on fire in May 2019?")
    assert answer.scope is not None and 'read from "May 2019"' in answer.scope.note
    assert answer.display_text.startswith("Filters: reports dated 2019-05-01 to 2019-05-31")


def test_a_year_in_the_question_keeps_the_reports_naming_it_and_the_undated_ones(valdoria_assistant):
    note = _id(valdoria_assistant, "clearwater_field_note")  # undated
    query, found = valdoria_assistant.retrieve("What did the clinic at Sabrak report about measles in 2019?", 20)
    assert (query.filters.date_from, query.filters.date_to) == (date(2019, 1, 1), date(2019, 12, 31))
    assert note in query.scope.documents and "reports that state no date are kept" in query.scope.note
    for passage in found.passages:
        meta = valdoria_assistant.catalog.entries()[passage.chunk.document_id].meta
        assert meta.report is None or _in_range(valdoria_assistant, passage.chunk.document_id, date(2019, 1, 1),
                                                date(2019, 12, 31)) or 2019 in meta.years
    month, _ = valdoria_assistant.retrieve("What did the clinic at Sabrak report about measles in May 2019?", 20)
    assert note not in month.scope.documents  # a month (or a day) read from the question: dated reports only


def test_a_question_about_4_march_finds_the_report_of_4_march(valdoria_assistant):
    query, found = valdoria_assistant.retrieve("What was distributed in Orrin on 4 March 2019?", 5)
    ids = {p.chunk.document_id for p in found.passages}
    assert ids == {_id(valdoria_assistant, "hearth_field_bulletin_14")}


def test_last_week_is_relative_to_the_newest_report(valdoria_assistant):
    newest = valdoria_assistant.catalog.newest()
    answer = valdoria_assistant.ask("What was reported last week?")
    scope = answer.scope
    assert (scope.filters.date_from, scope.filters.date_to) == (newest - timedelta(days=6), newest)
    assert f"relative to the newest report in the index, dated {newest.isoformat()}" in scope.note
    for document_id in scope.documents:
        assert _in_range(valdoria_assistant, document_id, newest - timedelta(days=6), newest)
    assert scope.documents


def test_api_filters_by_place_and_source(valdoria_assistant):
    answer = valdoria_assistant.ask("Who was displaced?", filters=Filters(place="Orrin"))
    assert answer.scope.filters.place == "Orrin" and answer.scope.documents
    texts = valdoria_assistant.store.document_texts(sorted({p.chunk.document_id for p in answer.passages}))
    for p in answer.passages:  # every passage's report names Orrin (as a place the catalog links, or in its text)
        assert "orrin" in {x.key for x in valdoria_assistant.catalog.entries()[p.chunk.document_id].meta.places} \
            or names_place(texts[p.chunk.document_id], {"orrin"})
    _, found = valdoria_assistant.retrieve("families displaced", 5, filters=Filters(source="OHCV"))
    assert found.passages
    for p in found.pool:
        assert "OHCV" in valdoria_assistant.catalog.entries()[p.chunk.document_id].meta.publisher
    teren = valdoria_assistant.ask("Which crops burned?", filters=Filters(place="Teren"))  # any spelling of Tëren
    assert teren.scope.documents


def test_bm25_is_filtered_the_same_way(valdoria_assistant):
    query = valdoria_assistant.parse("fuel tankers trucks", filters=Filters(date_from=date(2019, 4, 1),
                                                                          date_to=date(2019, 4, 30)))
    passages = valdoria_assistant.keywords.retrieve(query, 20)
    assert passages
    assert {p.chunk.document_id for p in passages} <= query.scope.documents


def test_a_filter_matching_no_report_says_so(valdoria_assistant):
    answer = valdoria_assistant.ask("What happened in May 2012?")
    assert not answer.has_answer and not answer.citations
    assert answer.text.startswith(NO_MATCH) and "dated 2018-11-28 to" in answer.text
    given = valdoria_assistant.ask("Who was detained?", filters=Filters(place="Atlantis"))
    assert given.text.startswith(NO_MATCH)


def test_a_bad_filter_is_one_error_naming_the_field():
    with pytest.raises(ValueError, match=r"'from' \(2019-05-02\) is after 'to' \(2019-05-01\)"):
        Filters(date_from=date(2019, 5, 2), date_to=date(2019, 5, 1))
    with pytest.raises(ValueError, match=r"^q.jsonl:3: 'to' must be a date like 2010-05-31, got '2010-13-01'"):
        Filters.of({"to": "2010-13-01"}, "q.jsonl:3: ")


def test_overview_questions_are_answered_with_the_timeline(valdoria_assistant):
    answer = valdoria_assistant.ask("What happened in Vesk?")
    lines = answer.text.splitlines()
    count = int(lines[0].split()[0])
    assert count == len(answer.citations) == len({c.document_id for c in answer.citations}) > 2
    dates = [line.split(" ")[0] for line in lines[1:]]
    assert dates == sorted(dates, reverse=True)  # newest first
    for c in answer.citations:
        assert valdoria_assistant.document_text(c.document_id)[c.start:c.end] == c.text
    fact = valdoria_assistant.ask("What happened to the Old Sarva Bridge?")
    assert "in the timeline" not in fact.text  # a fact question is not an overview


def test_timeline_rows_and_citations(valdoria_assistant):
    timeline = valdoria_assistant.timeline(Filters(date_from=date(2019, 4, 1), date_to=date(2019, 4, 30)))
    assert timeline.rows
    assert [r.date for r in timeline.rows] == sorted((r.date for r in timeline.rows), reverse=True)
    for row in timeline.rows:
        assert date(2019, 4, 1) <= row.date <= date(2019, 4, 30)
        text = valdoria_assistant.document_text(row.document_id)
        assert text[row.citation.start:row.citation.end] == row.citation.text
        assert row.summary.rstrip("…") in " ".join(row.citation.text.split())
    bridge = [r for r in timeline.rows if r.document_id.endswith("courier_sarva_bridge") and not r.is_report]
    assert date(2019, 4, 11) in {r.date for r in bridge}  # "late yesterday" in a report of 12 April


def test_incident_records_follow_the_filters(valdoria_assistant):
    every = valdoria_assistant.incident_records()
    orrin = valdoria_assistant.incident_records(filters=Filters(place="Orrin"))
    assert orrin and len(orrin) < len(every)
    texts = valdoria_assistant.store.document_texts(sorted({r.document_id for r in orrin}))
    assert all(names_place(texts[r.document_id], {"orrin"}) for r in orrin)


def test_a_store_written_before_time_and_place_keeps_working_and_is_refreshed_by_ingest(tmp_path, embedder):
    from assistant import Assistant
    from assistant.ingest.loading import load_document

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "old.txt").write_text("VESK, 12 April 2019 - An explosion damaged the bridge in Marjit village.\n",
                                  encoding="utf-8")
    assistant = Assistant(Settings(store=tmp_path / "store"), embedder=embedder)
    document = load_document(docs / "old.txt", max_bytes=10**6)  # as an older version wrote it: no meta
    chunks = assistant.chunker.split(document)
    assistant.store.write_documents([(document, chunks, embedder.embed([c.text for c in chunks]))])
    assert assistant.catalog.entries()["old"].meta is None
    assert assistant.ask("What was damaged?").has_answer  # keeps working, undated
    # no place read yet, but the report's text names Marjit: the place filter finds it by its text
    assert assistant.ask("What was damaged?", filters=Filters(place="Marjit")).has_answer
    assert not assistant.ask("What was damaged?", filters=Filters(place="Sarva")).has_answer
    report = assistant.ingest([docs])
    # unchanged (values written onto the records) or, as this record also lacks the English
    # pipeline's annotations, re-indexed: either way never added twice
    assert report.summary() == "added 0, replaced 0, unchanged 1, rejected 0"  # same text: re-indexed, not replaced
    assert assistant.catalog.entries()["old"].report_date == date(2019, 4, 12)
    assert assistant.ask("What was damaged?", filters=Filters(place="Marjit")).has_answer


def test_a_month_stated_without_its_year_is_found_by_the_questions_month(make_assistant, tmp_path):
    """A monthly statistics note published in April about March is a report about March: the question's
    "in March" (read as March of the newest report's year) selects it, as it selects the March bulletins."""
    folder = tmp_path / "harmon"
    folder.mkdir()
    (folder / "economic_note.txt").write_text(
        "Harmon Economic Note, 2 April 2031.\n\nUnemployment in Vessa province rose to 7.5 percent of the labour "
        "force in March, the statistics office said.\n", encoding="utf-8")
    (folder / "relief_bulletin.txt").write_text(
        "Harmon Relief Bulletin, 14 March 2031.\n\nRelief teams evacuated 212 residents from Tarn village to "
        "the school in Orsk.\n", encoding="utf-8")
    (folder / "january_note.txt").write_text(
        "Harmon Economic Note, 3 February 2031.\n\nUnemployment in Vessa province stood at 6.1 percent in "
        "January, the statistics office said.\n", encoding="utf-8")
    assistant = make_assistant()
    assistant.ingest([folder])
    answer = assistant.ask("What was the unemployment rate in Vessa province in March?")
    assert answer.scope is not None and "economic_note" in answer.scope.documents
    assert "january_note" not in answer.scope.documents
    assert answer.has_answer and answer.short_answer is not None and answer.short_answer.text == "7.5 percent"
