"""A question's misspelt words are read as the indexed reports' words, and the answer says so;
names and codes are never changed.  Made-up reports, the real model, pipeline and store; the HTTP
contract over the real server app."""

import pytest

from assistant.interfaces.serialize import answer_record
from assistant.language.spelling import correct_spelling
from tests.support.reports import assistant_over, short_answer

CONVOY = (
    "Convoy attacked near Dravik\n\n"
    "DRAVIK, Ostrania (March 4, 2033) - Gunmen ambushed an aid convoy near Dravik on Monday. Seven "
    "volunteers were abducted and three lorries were burned, the provincial office said.\n"
)
CLINIC = (
    "Clinic reopens in Velna\n\n"
    "VELNA, Ostrania (March 9, 2033) - The district clinic in Velna reopened on Thursday after repairs. "
    "Doctors vaccinated two hundred children on its first day.\n"
)

VOCABULARY = {"volunteer": 3, "abducted": 2, "lorry": 2, "burned": 2, "convoy": 4, "dravik": 1, "clinic": 5,
              "vaccinated": 1, "children": 2}


@pytest.fixture(scope="module")
def ostrania(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "spelling", {"convoy.txt": CONVOY, "clinic.txt": CLINIC})


@pytest.mark.parametrize("written, read", [
    ("How many volunters were abductd?", "How many volunteers were abducted?"),
    ("how many lories were burnd", "how many lorries were burned"),
    ("Which clinc reopened?", "Which clinic reopened?"),
])
def test_a_misspelt_word_is_read_as_the_nearest_indexed_word(written, read):
    corrected = correct_spelling(written, VOCABULARY)
    assert corrected is not None and corrected.text == read


@pytest.mark.parametrize("question", [
    "How many volunteers were abducted near Dravek?",  # a name: never changed, even one letter off
    "What did the XQ-7 convoy carry?",  # a code
    "Were any children vaccinated?",  # every word known
    "How many drones were seen?",  # an English word the reports do not use
])
def test_names_codes_and_known_words_are_left_alone(question):
    assert correct_spelling(question, VOCABULARY) is None


def test_the_nearest_word_found_in_more_chunks_wins_between_equally_near_ones():
    corrected = correct_spelling("how many patrals", {"patrol": 9, "petral": 1})
    assert corrected is not None and corrected.text == "how many patrols"


def test_a_misspelt_question_is_answered_as_the_well_spelt_one_and_says_how_it_was_read(ostrania):
    right = ostrania.ask("How many volunteers were abducted near Dravik?")
    misspelt = ostrania.ask("How many volunters were abductd near Dravik?")
    assert short_answer(right).text == "Seven"
    assert short_answer(misspelt).text == "Seven"
    assert misspelt.corrections == (("volunters", "volunteers"), ("abductd", "abducted"))
    assert misspelt.display_text.startswith('Read "volunters" as "volunteers", "abductd" as "abducted".\n\n')
    assert right.corrections == () and not right.display_text.startswith("Read ")
    record = answer_record(misspelt)
    assert record["corrections"] == [{"written": "volunters", "read_as": "volunteers"},
                                     {"written": "abductd", "read_as": "abducted"}]
    assert record["answer"].startswith('Read "volunters"')


def test_spelling_off_reads_the_question_as_written(tmp_path_factory, embedder):
    from assistant.config import AnsweringSettings

    plain = assistant_over(tmp_path_factory, embedder, "spelling-off", {"convoy.txt": CONVOY},
                           answering=AnsweringSettings(spelling=False))
    answer = plain.ask("How many volunters were abductd near Dravik?")
    assert answer.corrections == ()
    assert answer.short_answer is None or answer.short_answer.text != "Seven"  # read as written, it misses
