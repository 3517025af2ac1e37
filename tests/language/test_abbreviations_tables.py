"""Abbreviations written out, column headers of table rows, full-width characters read in NFKC."""

from assistant.language.names import abbreviated_as, acronyms_in, defined_abbreviations, fold, spells_acronym
from assistant.language.numbers import is_number, numbers_in
from assistant.language.sentences import column_header, reading_units


def test_an_acronym_spelled_by_initials_or_by_the_parts_of_a_compound_word():
    assert spells_acronym(fold("rockets hit the Forward Operating Base"), "FOB")
    assert spells_acronym(fold("rockets hit Combat Outpost Tellin"), "COP")  # out-post
    assert not spells_acronym(fold("rockets hit a combat post"), "COP")
    assert not spells_acronym(fold("the cops patrolled"), "COP")  # one word spells no acronym


def test_abbreviations_defined_in_parentheses():
    text = "Officials of the Ministry of the Interior (MoI) and the Joint Crisis Cell (JCC) met. A note (x) (NEW)."
    assert defined_abbreviations(text) == {"MOI": "ministry of the interior", "JCC": "joint crisis cell"}


def test_a_question_name_abbreviated_by_the_document():
    acronyms = acronyms_in("Mortar rounds struck FOB Drevo and the IED cell.")
    question = "How many were hurt at Forward Operating Base Drevo?"
    assert abbreviated_as("Operating", question, acronyms) == {"FOB"}
    assert abbreviated_as("Drevo", question, acronyms) == frozenset()
    assert abbreviated_as("Operating", question, frozenset()) == frozenset()


def test_the_column_header_of_a_table_cell():
    text = "Casualties\n\n| District | Killed | Wounded |\n|---|---|---|\n| Zelna | 4 | 9 |\n"
    assert column_header(text, text.index("4 |")) == "Killed"
    assert column_header(text, text.index("9 |")) == "Wounded"
    assert column_header(text, text.index("Zelna")) == "District"
    assert column_header(text, text.index("Killed")) is None  # the header row itself
    assert column_header(text, text.index("Casualties")) is None


def test_full_width_characters_are_read_plainly_with_offsets_into_the_text():
    text = "Police detained ｔｈｒｅｅ men and seized １２ rifles."
    (unit,) = reading_units(text)
    assert "three men" in unit.text and "12 rifles" in unit.text
    at = unit.text.index("three")
    start, end = unit.span(at, at + 5)
    assert text[start:end] == "ｔｈｒｅｅ"
    assert is_number("ｔｈｒｅｅ") and numbers_in("１２ rifles") == {12}
