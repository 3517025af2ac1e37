"""A count the report states as none ("No one was killed", "no civilians were hurt") is
answered 0 with its citation, not with another figure of the report or a decline.  Made-up
reports, the real model, pipeline and store."""

import pytest

from assistant.answering.candidates import zero_runs
from assistant.language.nlp import annotate
from tests.support.reports import assistant_over, short_answer

RAID = (
    "Security operation in Brava\n\n"
    "BRAVA, Merovia (June 3, 2031) - Soldiers of the Ninth Regiment raided a compound in Brava on Sunday. "
    "No one was killed in the raid. Three suspects were detained and the soldiers seized four rifles.\n"
)
FLOOD = (
    "Floods along the Sarn river\n\n"
    "SARN, Merovia (August 9, 2031) - Floods along the Sarn river damaged twelve bridges on Friday. No houses were "
    "destroyed, the regional office said, and two hundred families left their villages.\n"
)
AMBUSH = (
    "# Weekly note\n\n- Varn: gunmen attacked an army patrol on Tuesday; five soldiers were\n"
    "  wounded and nobody was killed.\n"
)


@pytest.fixture(scope="module")
def merovia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "zero", {"brava_raid.txt": RAID, "sarn_floods.txt": FLOOD,
                                                                         "varn_ambush.md": AMBUSH})


@pytest.mark.parametrize("question, stated", [
    ("How many people were killed in the raid in Brava?", "No one"),
    ("How many houses were destroyed by the floods along the Sarn river?", "No houses"),
])
def test_a_count_stated_as_none_is_answered_zero_with_its_citation(merovia, question, stated):
    answer = merovia.ask(question)
    short = short_answer(answer)
    assert short.text == stated
    assert answer.text.startswith(f"0 ({stated}) — ")
    assert answer.citations and stated in answer.citations[0].text


def test_a_stated_number_still_wins_over_a_none_of_another_thing(merovia):
    assert short_answer(merovia.ask("How many suspects were detained in the raid in Brava?")).text == "Three"
    assert short_answer(merovia.ask("How many bridges did the floods along the Sarn river damage?")).text == "twelve"


def test_zero_spans():
    text = "Nobody was hurt, no armed men were seen and none of the trucks burned; it was no longer open."
    sentence = annotate(text).sentences[0]
    spans = [text[sentence.tokens[a].start:sentence.tokens[b].end] for a, b in zero_runs(sentence.tokens, text)]
    assert spans == ["Nobody", "no armed men", "none"]


def test_none_of_another_kind_of_people_is_no_answer(merovia):
    # "no one" covers every person; a question about suspects is not answered by "no houses" or by a
    # zero for other people
    answer = merovia.ask("How many soldiers were killed by the floods along the Sarn river?")
    assert answer.short_answer is None or answer.short_answer.text not in ("No houses",), answer.text


def test_a_none_of_another_event_does_not_answer(merovia):
    # "nobody was killed" says nothing of the wounded: the number of the asked event wins
    assert short_answer(merovia.ask("How many soldiers were wounded in Varn?")).text == "five"
    assert short_answer(merovia.ask("How many people were killed in Varn?")).text == "nobody"
