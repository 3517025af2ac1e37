"""Language helpers the counting answers use: a name's initials, a noun agreeing with a count,
the span of a table cell's column header.  Made-up names and tables."""

from assistant.language.inflection import agree_with_count
from assistant.language.names import initials
from assistant.language.sentences import column_header_span


def test_initials_of_a_name_of_several_capitalised_words():
    assert initials("Eastern Lantern Front") == "ELF"
    assert initials("Office for the Relief of Tessa") == "ORT"
    assert initials("Coastal Guard Service") == "CGS"
    assert initials("Karosh") == ""          # one word: no acronym
    assert initials("the old bridge") == ""  # not a name


def test_a_noun_agrees_with_one():
    assert agree_with_count("towns", 1) == "town"
    assert agree_with_count("people", 1) == "person"
    assert agree_with_count("towns", 3) == "towns"
    assert agree_with_count("Taliban", 1) == "Taliban"


def test_the_header_cell_of_a_markdown_and_a_joined_row():
    text = "Note\n\n| Town | Civilians hurt |\n|---|---|\n| Velt | 4 |\n"
    at = text.index("| 4") + 2
    start, end = column_header_span(text, at)
    assert text[start:end] == "Civilians hurt"
    joined = "Day | Place | Held\n3 June | Meno | 5\n"
    start, end = column_header_span(joined, joined.index("Meno"))
    assert joined[start:end] == "Place"
    assert column_header_span(joined, joined.index("Place")) is None  # the header row itself
