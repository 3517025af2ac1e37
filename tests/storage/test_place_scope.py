"""A place filter (read from the question or given) keeps every report whose text names the
place, not only the reports whose places the catalog linked to it: a bullet ("- Tarsk: ..."),
a table cell, a phrase the entity recogniser misreads; the single-answer and counting paths
and the timeline use the same reports.  A count's "no one" / "no <noun>" subject negates its
condition.  Made-up reports, the real model, pipeline and store."""

import pytest

from assistant.language.places import names_place
from assistant.types import Filters
from tests.support.reports import assistant_over, short_answer

CONVOY = (
    "Aid convoy reaches Tarsk\n\n"
    "OLVEN, Quenland (4 May 2032) - A convoy of aid trucks reached the city of Tarsk on Tuesday, "
    "carrying medicine for the clinic. No one was injured on the road.\n"
)
ROAD = (
    "Quenland Rail Office\nDate: 06/05/2032\n\n"
    "Lorry hit by a mine\n\n"
    "A mine exploded under a grain lorry on the road between Olven and Tarsk early today. "
    "Two drivers were injured.\n"
)
WEEKLY = (
    "# Weekly summary - Velna province\n\n"
    "Date: 9 May 2032\n\n"
    "- Brell village: gunmen burned a tractor; nobody was injured.\n"
    "- Tarsk: the Amber Fist group fired on a depot guard post on Monday; four guards were wounded.\n"
)
TABLE = (
    "# Checkpoint closures, May 2032\n\n"
    "| Town | Closures |\n|---|---|\n| Tarsk | 3 |\n| Olven | 1 |\n"
)
ELSEWHERE = (
    "Market fire in Gorrin\n\n"
    "GORRIN, Quenland (7 May 2032) - A fire destroyed twelve stalls in the Gorrin market. "
    "Five traders were injured.\n"
)
TARSK_REPORTS = {"convoy", "road", "weekly", "table"}


@pytest.fixture(scope="module")
def quenland(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "placescope", {
        "convoy.txt": CONVOY, "road.txt": ROAD, "weekly.md": WEEKLY, "table.md": TABLE, "gorrin.txt": ELSEWHERE,
    })


def test_the_place_filter_keeps_every_report_whose_text_names_the_place(quenland):
    catalog = quenland.catalog
    assert catalog.place_documents("Tarsk") == TARSK_REPORTS
    assert quenland.store.matching_documents(catalog.where(Filters(place="Tarsk"))) == TARSK_REPORTS
    assert quenland.store.matching_documents(catalog.where(Filters(place="tarsk"))) == TARSK_REPORTS


def test_a_question_naming_the_place_is_answered_from_a_bullet(quenland):
    answer = quenland.ask("How many guards were wounded in Tarsk?")
    assert answer.scope is not None and answer.scope.filters.place == "Tarsk"
    assert TARSK_REPORTS <= answer.scope.documents and "gorrin" not in answer.scope.documents
    assert "4 reports match" in answer.scope.note
    assert short_answer(answer).text.lower() in {"four", "4"}
    assert answer.citations[0].document_id == "weekly"


def test_a_count_over_the_place_counts_the_bullet_that_names_it(quenland):
    answer = quenland.ask("In how many reports were guards wounded in Tarsk?")
    assert answer.scope is not None and answer.scope.filters.place == "Tarsk"
    assert {c.document_id for c in answer.citations} == {"weekly"}, answer.text
    assert answer.text.startswith("1 of 4 reports in scope"), answer.text


def test_the_timeline_of_a_place_has_each_report_row_once(quenland):
    timeline = quenland.timeline(Filters(place="Tarsk"))
    rows = [(r.document_id, r.date, r.citation.start) for r in timeline.rows]
    assert len(rows) == len(set(rows)), rows
    convoy = [r for r in timeline.rows if r.document_id == "convoy"]
    assert len(convoy) == 1, [(r.date, r.citation.start, r.citation.end, r.is_report) for r in convoy]
    assert {r.document_id for r in timeline.rows} >= {"convoy", "road", "weekly"}


@pytest.mark.parametrize("question", [
    "In how many reports was no one injured?",
    "In how many reports was nobody hurt?",
])
def test_no_one_in_a_count_negates_the_condition(quenland, question):
    answer = quenland.ask(question)
    counted = {c.document_id for c in answer.citations}
    assert counted == {"convoy", "weekly"}, answer.text
    assert not counted & {"road", "gorrin"}


def test_names_place_compares_whole_capitalised_words_in_any_spelling():
    assert names_place("- Tarsk: four guards", {"tarsk"})
    assert names_place("| Tarsk | 3 |", {"tarsk"})
    assert names_place("near Ras el-Kamar today", {"ras al kamar"})
    assert names_place("in Tëren", {"teren"})
    assert not names_place("the Tarskov road", {"tarsk"})
    assert not names_place("tarsk is a word here", {"tarsk"})
