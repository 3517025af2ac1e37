"""A table's header row ("Date | Location | Killed | Arrested") labels the rows below it and
states no event; a row whose cell under the condition's column is 0 states none of it (and no
statement that it did not happen either: a zero in a log is a tally).  Made-up reports, the
real model, pipeline and store."""

import pytest

from tests.support.reports import assistant_over

MARKDOWN = ("Guard log 2, 10 July 2031\n\n| Date | Location | Killed | Arrested |\n|---|---|---|---|\n"
            "| 6 July | Porvik | 0 | 3 |\n")
PROSE = "Herald, 12 July 2031\n\nTwo people were killed in Hollin, a village of Brell district.\n"
CALM = "Herald, 14 July 2031\n\nShots were fired near Hollin but nobody was killed.\n"


@pytest.fixture(scope="module")
def logs(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "zero-logs", {"markdown.txt": MARKDOWN,
                                                                   "prose.txt": PROSE, "calm.txt": CALM})


def test_zero_cells_and_header_rows_state_no_killing(logs):
    answer = logs.ask("In how many reports was someone killed?")
    assert answer.count is not None
    assert sorted(answer.count.document_ids) == ["prose"], answer.text


def test_zero_cells_are_no_statement_that_nobody_was_killed(logs):
    answer = logs.ask("In how many reports was nobody killed?")
    assert answer.count is not None
    assert sorted(answer.count.document_ids) == ["calm"], answer.text


def test_the_other_columns_still_count(logs):
    answer = logs.ask("How many people were arrested in total?")
    assert answer.count is not None and answer.count.unit == "sum", answer.text
    assert answer.count.total == 3, answer.text
