"""An event question with a place scope ("How many truce violations were recorded in Varnek?")
over reports that state numbers of the counted event noun ("monitors recorded 4 truce
violations in Varnek", a table row "| Varnek | 6 |" under "Truce violations") is the sum of
those numbers, each report once; over reports that each describe one event without a number
("an ambush near Oskel") it still counts the reports.  Made-up reports about the invented
Meridane; the real model, pipeline and store."""

import pytest

from tests.support.reports import assistant_over

WEEK_ONE = (
    "Meridane Truce Monitors - weekly note\n\nTolvar, 4 June 2032\n\n"
    "During the week our monitors recorded 4 truce violations in Varnek district, most of them gunfire.\n"
)
WEEK_TWO = (
    "# Meridane Truce Monitors - weekly table\n\n"
    "**Issued:** Tolvar, 11 June 2032\n\n"
    "| District | Truce violations | Main type |\n"
    "|---|---|---|\n"
    "| Varnek | 6 | shelling |\n"
    "| Sollen | 2 | gunfire |\n"
)
AMBUSH_ONE = (
    "Meridane Courier, 5 June 2032\n\n"
    "Gunmen ambushed a supply lorry near Oskel, in Brenmar district, on 4 June. The driver escaped.\n"
)
AMBUSH_TWO = (
    "Meridane Radio bulletin, 9 June 2032\n\n"
    "A police patrol was ambushed on the road outside Oskel, in Brenmar district, on Monday night.\n"
)


@pytest.fixture(scope="module")
def meridane(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "meridane", {
        "week_one.txt": WEEK_ONE, "week_two.md": WEEK_TWO, "ambush_one.txt": AMBUSH_ONE,
        "ambush_two.txt": AMBUSH_TWO,
    })


def test_stated_numbers_of_the_event_noun_are_summed(meridane):
    answer = meridane.ask("How many truce violations were recorded in Varnek district?")
    assert answer.count is not None and answer.count.unit == "sum", answer.text
    assert answer.count.total == 10, answer.text  # 4 + 6 (the row of Varnek, not Sollen's)


def test_single_events_without_numbers_still_count_reports(meridane):
    answer = meridane.ask("How many ambushes were reported in Brenmar district?")
    assert answer.count is not None and answer.count.unit == "reports", answer.text
    assert sorted(answer.count.document_ids) == ["ambush_one", "ambush_two"], answer.text
