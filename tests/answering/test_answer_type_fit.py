"""The short answer is of the asked kind: "which militia/group" a group, not the place named
after "in"/"near"; "where" the place of the event, not the report's place of issue; never a
word of a markdown heading.  Made-up reports, the real model, pipeline and store."""

import pytest

from assistant.answering.candidates import sentence_candidates
from assistant.language.annotations import Sentence
from assistant.language.answer_type import AnswerType
from assistant.language.nlp import annotate
from tests.support.reports import assistant_over, short_answer

BOMBING = (
    "Bombing in Tellin\n\n"
    "TELLIN, Merovia (May 14, 2031) - A bomb exploded at a bus station in Tellin on Tuesday, killing four "
    "passengers. The Harrow Front, a militia active in the eastern hills, said it carried out the bombing in Tellin.\n"
)
KIDNAPPING = (
    "Kidnapping near Dorsk\n\n"
    "DORSK, Merovia (June 1, 2031) - Gunmen kidnapped two engineers near Dorsk on Friday. Police blamed the "
    "kidnapping on a militia based in Ulvar.\n"
)
CHECKPOINT = (
    "Attack on a checkpoint\n\n"
    "ORLAN, Merovia (August 4, 2031) - Gunmen attacked a police checkpoint in the village of Belka on Sunday night, "
    "the interior ministry said in Orlan. Two policemen were wounded.\n"
)


@pytest.fixture(scope="module")
def merovia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "kinds", {
        "tellin_bombing.txt": BOMBING, "dorsk_kidnapping.txt": KIDNAPPING, "belka_checkpoint.txt": CHECKPOINT,
    })


def test_which_group_is_a_group_not_the_place_after_in(merovia):
    assert short_answer(merovia.ask("Which group said it carried out the bombing?")).text == "Harrow Front"
    answer = merovia.ask("Which militia did police blame for the kidnapping near Dorsk?")
    assert answer.short_answer is None or answer.short_answer.text != "Ulvar", answer.text  # unnamed: no place


def test_where_is_the_place_of_the_event_not_of_the_dateline(merovia):
    assert short_answer(merovia.ask("Where did gunmen attack a police checkpoint?")).text == "Belka"
    # the event's place is the dateline's own city: still the answer
    assert short_answer(merovia.ask("Where did a bomb explode at a bus station?")).text == "Tellin"


def test_a_heading_is_no_person():
    text = "## Rina Holt\nRina Holt said the convoy was attacked by Omar Tarek near Kessa."
    read = annotate(text)
    whole = Sentence(0, len(text), tuple(t for s in read.sentences for t in s.tokens))
    found = [c.text for c in sentence_candidates(AnswerType.PERSON, whole, read.entities, text)]
    assert "Omar Tarek" in found
    assert all(c.start > text.index("\n") for c in sentence_candidates(AnswerType.PERSON, whole, read.entities, text))
