"""A table whose rows stand apart (a blank line between them, as a converted word-processor
table reads) is read as a table: each row's cells carry their column headers, so a row states
the condition of its header ("Wounded") and gives its number to a sum, and a cell under a
header that names places of no one level ("Location", "Site") is a village when the collection
puts it right in a district.  Made-up reports about the invented Brell district, the real
model, pipeline and store."""

import pytest

from assistant.language.sentences import column_header
from tests.support.reports import assistant_over

LOG = (
    "Frontier Guard - weekly log\n\n"
    "Issued 9 July 2031 by the press office in Tamsk.\n\n"
    "The table below lists the incidents of the week.\n\n"
    "Date | Location | Wounded | Arrested\n\n"
    "3 July | Porvik | 3 | 0\n\n"
    "5 July | Tamsk town | 0 | 2\n\n"
    "Arrested persons were handed to the courts.\n"
)
NOTE = (
    "Relief note, 10 July 2031\n\n"
    "A mortar round hit a barn in Porvik, a village of Brell district, on 3 July.\n"
)
MARKET = (
    "Brell Herald, 12 July 2031\n\n"
    "Two people were wounded when a stall collapsed in Hollin, a village of Brell district.\n"
)


@pytest.fixture(scope="module")
def brell(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "brell", {"log.txt": LOG, "note.txt": NOTE,
                                                                 "market.txt": MARKET})


def test_column_header_of_rows_standing_apart():
    text = "Date | Site | Wounded\n\n4 May | Orrel | 2\n\n6 May | Faln | 0\n\nThe end."
    assert column_header(text, text.index("Faln")) is None  # the plain reading: rows must touch
    assert column_header(text, text.index("Faln"), spaced=True) == "Site"
    assert column_header(text, text.index("| 2") + 2, spaced=True) == "Wounded"
    assert column_header(text, text.index("Site"), spaced=True) is None  # the header row itself
    assert column_header("Name | Age\n\nA paragraph, not a row.\n\nOrrel | 2", 40, spaced=True) is None


def test_a_spaced_row_states_its_header_and_gives_its_number(brell):
    answer = brell.ask("How many people were wounded in total?")
    assert answer.count is not None and answer.count.unit == "sum", answer.text
    assert answer.count.total == 5, answer.text  # 3 in the log's row, 2 at the market


def test_a_location_column_gives_villages(brell):
    answer = brell.ask("In which villages were people wounded?")
    assert answer.count is not None and answer.count.unit == "list", answer.text
    assert sorted(v.value for v in answer.count.values) == ["Hollin", "Porvik"], answer.text
