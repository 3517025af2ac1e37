"""Questions about a report itself: who wrote it (its byline) and when it was published (its own
date), answered from the report retrieval ranks first and cited at the line that states it; other
questions with the same words are what the reports state.  Made-up reports; the real parser,
WordNet, model and store."""

import pytest

from assistant.language.answer_type import AnswerType, read_question
from assistant.language.document_questions import DocumentProperty, asked_property, bylines
from assistant.language.wordnet import wordnet
from tests.support.reports import assistant_over, short_answer

FERRY = (
    "Ferry runs aground off Tolvik\n\n"
    "By Maren Oddsen\n\n"
    "TOLVIK, 2 September 2034 - A passenger ferry ran aground off Tolvik harbour on Saturday night. The coast "
    "guard took all 84 passengers ashore, and nobody was hurt, a harbour official said.\n"
)
MARKET = (
    "<html><head><title>Fire destroys Grenholm market</title></head><body><article>"
    "<h1>Fire destroys Grenholm market</h1><p class=\"byline\">By Ilse Varnow</p>"
    "<p>GRENHOLM, 11 September 2034 - A fire destroyed forty stalls of the covered market in Grenholm on "
    "Tuesday. Firefighters from three towns fought the blaze for six hours.</p>"
    "<p>The market's owners said they would rebuild it before winter.</p></article></body></html>"
)
TREATY = (
    "Fishing accord signed in Skarvik\n\n"
    "SKARVIK, 20 September 2034 - Harbour master Pell Aunsen signed the fishing agreement with the "
    "neighbouring districts on Friday. A letter written by the fishermen's union was read at the ceremony.\n"
)


@pytest.fixture(scope="module")
def norvland(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "document-facts",
                          {"ferry.txt": FERRY, "market.html": MARKET, "treaty.txt": TREATY})


@pytest.mark.parametrize("question, asked", [
    ("Who wrote the article about the ferry that ran aground?", DocumentProperty.AUTHOR),
    ("Which reporter wrote the story on the Grenholm market fire?", DocumentProperty.AUTHOR),
    ("Who is the author of the report on the ferry?", DocumentProperty.AUTHOR),
    ("What is the byline of the article about the market fire?", DocumentProperty.AUTHOR),
    ("When was the article about the ferry published?", DocumentProperty.DATE),
    ("On what date was the press release on the market fire issued?", DocumentProperty.DATE),
    ("What is the date of the report on the fishing accord?", DocumentProperty.DATE),
    ("Who signed the fishing agreement?", None),  # what a report states
    ("Who wrote the letter that was read at the ceremony?", None),  # a text the report tells of
    ("When did the ferry run aground?", None),
    ("Who took the passengers ashore?", None),
    ("When were the passengers named in the report released?", None),
])
def test_a_question_about_a_report_itself_is_read_from_its_parse(question, asked):
    reading = read_question(question)
    assert asked_property(reading.doc, reading.answer_type is AnswerType.PERSON,
                          reading.answer_type is AnswerType.DATE, reading.wh, wordnet()) is asked


def test_bylines_in_a_header_and_in_a_closing_credit():
    text = "Storm in Orlav\n\nBy Dana Kell and Per Lund\nORLAV - ...\n\n(Reporting by Sven Ohl; Editing by Ann Ro)"
    found = bylines(text)
    assert [b.name for b in found] == ["Dana Kell and Per Lund", "Sven Ohl"]
    assert all(text[b.start:b.end] == b.name for b in found)
    assert bylines("The suspect, identified by Police Chief Harl, was detained.") == []
    assert bylines("Floods in Orlav\n\nBy Monday, the river had risen two metres.\nBy Tuesday night, Orlav was cut off.") == []
    assert [b.name for b in bylines("Flood\n\nBy Tomas Elberg, Brenmoor Gazette\n...")] == ["Tomas Elberg"]


@pytest.mark.parametrize("question, author", [
    ("Who wrote the article about the ferry that ran aground off Tolvik?", "Maren Oddsen"),
    ("Which journalist wrote the story on the fire at the Grenholm market?", "Ilse Varnow"),
])
def test_the_author_is_the_byline_of_the_report_ranked_first(norvland, question, author):
    answer = norvland.ask(question)
    short = short_answer(answer)
    assert short.text == author
    document = norvland.document_text(short.document_id)
    assert document[short.start:short.end] == author
    citation = answer.citations[0]
    assert citation.document_id == short.document_id and citation.start <= short.start < short.end <= citation.end
    assert answer.text.startswith(f"{author} — ")


def test_the_date_is_the_report_s_own_date_as_written(norvland):
    answer = norvland.ask("When was the article about the Grenholm market fire published?")
    assert short_answer(answer).text == "11 September 2034"
    assert "market" in short_answer(answer).document_id


def test_a_report_without_a_byline_goes_to_the_ordinary_answerer(norvland):
    answer = norvland.ask("Who wrote the report about the fishing accord in Skarvik?")
    assert answer.short_answer is None or answer.short_answer.text not in ("Maren Oddsen", "Ilse Varnow")


def test_what_a_report_states_is_still_answered_from_its_sentences(norvland):
    assert short_answer(norvland.ask("Who signed the fishing agreement in Skarvik?")).text == "Pell Aunsen"
