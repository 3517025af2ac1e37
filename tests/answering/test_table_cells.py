"""Table rows are answer units: a cell is read with its column header and its row's label, so a
question naming the row and a header word gets that cell as the short answer, with exact offsets
into the stored text, in a Markdown table and in a .docx table (whose rows the reader stores one a
block).  Made-up reports about fictional places, real components (spaCy, Chroma, the embedder)."""

from __future__ import annotations

import pytest

from tests.support.makefiles import write_docx
from tests.support.reports import short_answer

FODDER_PRICES = (
    "# Fodder prices in the Brennik uplands, June 2032\n\n"
    "Herders in three villages paid more for fodder this month, the Brennik Herders' Union said. "
    "The union surveyed the weekly fairs of Ostmark, Pellin and Draskov.\n\n"
    "| Village | Hay | Oats | Change since May |\n"
    "|---|---|---|---|\n"
    "| Ostmark | 0.85 marks | 1.90 marks | +12% |\n"
    "| Pellin | 0.70 marks | 1.65 marks | +4% |\n"
    "| Draskov | 0.95 marks | 2.10 marks | +19% |\n\n"
    "Prices are per sack. The union expects them to fall after the autumn cutting.\n"
)


@pytest.fixture(scope="module")
def uplands(tmp_path_factory, embedder):
    from assistant import Assistant, Settings

    folder = tmp_path_factory.mktemp("uplands-docs")
    (folder / "fodder_prices.md").write_text(FODDER_PRICES, encoding="utf-8")
    write_docx(folder / "korsa_clinic.docx", [
        "The Korsa valley clinic vaccinated children from nine hamlets in June. Staff said that 25 nurses "
        "took part in the campaign, which reached more families than in May.",
        "The next campaign is planned for September.",
    ], table=[["Vaccine", "Doses given"], ["Cholera", "310"], ["Rubella", "145"], ["Typhoid", "72"]])
    store = tmp_path_factory.mktemp("uplands-store")
    assistant = Assistant(Settings(store=store, incidents_dir=store), embedder=embedder)
    report = assistant.ingest([folder])
    assert not report.rejected, report.rejected
    return assistant


def _exact(assistant, answer) -> str:
    short = short_answer(answer)
    text = assistant.document_text(short.document_id)
    assert text[short.start:short.end] == short.text, answer.text
    return short.text


@pytest.mark.parametrize("question, expected", [
    ("What was the price of oats in Ostmark?", "1.90 marks"),
    ("How much did hay cost in Draskov?", "0.95 marks"),
    ("By how much did prices change in Pellin since May?", "+4%"),
])
def test_the_cell_of_the_named_column_answers(uplands, question, expected):
    assert _exact(uplands, uplands.ask(question)) == expected


@pytest.mark.parametrize("question, expected", [
    ("How many rubella doses were given?", "145"),
    ("How many doses of cholera vaccine were given?", "310"),
    ("What was the typhoid figure in the clinic report?", "72"),
])
def test_a_docx_table_row_answers_with_its_header(uplands, question, expected):
    assert _exact(uplands, uplands.ask(question)) == expected


def test_docx_rows_stored_one_a_block_share_their_header():
    from assistant.language.sentences import column_header

    text = "Clinic report\n\nVaccine | Doses given\n\nCholera | 310\n\nRubella | 145\n\nNext campaign in May."
    assert column_header(text, text.index("145"), blocks=True) == "Doses given"
    assert column_header(text, text.index("Rubella"), blocks=True) == "Vaccine"
    assert column_header(text, text.index("Doses"), blocks=True) is None  # the header row itself
    assert column_header(text, text.index("Next"), blocks=True) is None
    other = "Town | Killed\n\nOrsk | 4\n\nA paragraph.\n\nDistrict | Injured | Held\n\nBela | 2 | 1"
    assert column_header(other, other.index("2 |"), blocks=True) == "Injured"  # a paragraph ends the first table
    assert column_header(text, text.index("145")) is None  # the counting index's reading (rows one a line)
