"""A list of places of one level also takes a name the entity recogniser missed in the evidence
sentence ("the checkpoint at the Sarrow junction") when the collection names that place
elsewhere with the asked level and no other ("Sarrow, a village of Merrow district").
Made-up reports, the real model, pipeline and store."""

import pytest

from assistant.language.places import place_spans
from tests.support.reports import assistant_over

JUNCTION = ("Road Watch, 2 June 2033\n\n"
            "- The checkpoint at the Sarrow junction was attacked overnight on Sunday.\n")
VILLAGE = ("Merrow Herald, 5 June 2033\n\n"
           "Traders in Sarrow, a village of Merrow district, reopened the market on 4 June.\n")
OTHER = ("Merrow Herald, 7 June 2033\n\n"
         "Gunmen attacked the checkpoint outside Brasky, a village of Merrow district, on 6 June.\n")


@pytest.fixture(scope="module")
def merrow(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "merrow", {"junction.txt": JUNCTION, "village.txt": VILLAGE,
                                                                   "other.txt": OTHER})


def test_place_spans():
    text = "At the Qarn Tello junction, near qarn, then Qarn."
    assert place_spans(text, {"qarn tello", "qarn"}, 10) == [("qarn tello", 17, 27), ("qarn", 54, 58)]


def test_a_missed_name_known_with_the_level_is_listed(merrow):
    answer = merrow.ask("Which villages had a checkpoint attacked?")
    assert answer.count is not None and answer.count.unit == "list", answer.text
    assert sorted(v.value for v in answer.count.values) == ["Brasky", "Sarrow"], answer.text
