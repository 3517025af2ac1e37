"""Typed short answers over hand-made reports, with the real model, pipeline and store."""

import json

import pytest

from assistant import NO_ANSWER
from tests.support.makefiles import pdf_bytes
from tests.support.reports import assistant_over, short_answer

DEPOT = (
    "Fire at the Korvel depot\n\n"
    "Gunmen set fire to a transport depot on the northern edge of Korvel late on Tuesday, in an attack that "
    "local officials said was the worst in the district this year. Police said the attackers arrived in two "
    "pick-up trucks and escaped before fire crews reached the depot. The depot's owner, Tamsin Varga, said she "
    "had refused to pay protection money in March. Fire crews from Korvel and Ostrel took more than five hours "
    "to bring the blaze under control. Witnesses said the fire burned as many as 27 lorries, most of them "
    "grain carriers. Two guards were treated for smoke inhalation at the Korvel clinic.\n"
)
RAID = (
    "Search of the Pelling farms\n\n"
    "On Sunday police officers searched the farms around Pelling after the attack on the checkpoint. "
    "The officers detained three men at the scene. In a barn they found a rifle, two motorcycles and a box of "
    "radio parts. A police spokesman said four officers had been wounded in the attack on the checkpoint.\n"
)


@pytest.fixture(scope="module")
def typed(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "typed",
                          {"korvel_depot.txt": DEPOT, "pelling_farms.txt": RAID})


_short = short_answer


def test_the_asked_thing_is_found_in_a_sentence_that_is_not_the_most_similar_one(typed):
    # the first sentences repeat the question's words ("set fire", "depot", "Korvel"); the owner is named later
    short = _short(typed.ask("Who owns the transport depot in Korvel that was set on fire?"))
    assert short.text == "Tamsin Varga"
    answer = typed.ask("How many lorries did the fire at the Korvel depot burn?")
    assert _short(answer).text == "27"
    assert answer.text.startswith("27 — ")
    assert "as many as 27 lorries" in answer.text and "[1]" in answer.text


def test_a_count_of_another_thing_is_not_the_answer(typed):
    answer = typed.ask("How many officers were wounded in the attack on the Pelling checkpoint?")
    assert _short(answer).text == "four"
    answer = typed.ask("How many men did the police detain at the Pelling farms?")
    assert _short(answer).text == "three"
    assert answer.text.count("[") == 1  # one asked number, one quoted sentence


def test_a_described_thing_and_a_place(typed):
    answer = typed.ask("What did the officers find in the barn near Pelling?")
    assert answer.has_answer and "a rifle, two motorcycles" in answer.text
    short = _short(typed.ask("Where were the two guards treated for smoke inhalation?"))
    assert "Korvel clinic" in short.text


def test_a_name_the_reports_do_not_give_is_declined(typed):
    for question in ("What is the name of the police spokesman who spoke about the Pelling attack?",
                     "Name the leader of the gunmen who attacked the Korvel depot."):
        answer = typed.ask(question)
        assert not answer.has_answer and answer.text == NO_ANSWER and answer.short_answer is None


def test_a_name_asked_by_its_role_comes_from_a_sentence_stating_that_role(make_assistant, tmp_path):
    from dataclasses import replace

    from assistant.answering.extractive import ExtractiveAnswerer

    folder = tmp_path / "arrest"
    folder.mkdir()
    (folder / "dorvald_arrest.txt").write_text(
        "Arrest in Dorvald\n\nDORVALD, 4 May - Police in Dorvald said on Monday that they had arrested Oskar "
        "Brandt, a militia commander, after a raid on a warehouse. Officers seized two rifles.\n", encoding="utf-8")
    assistant = make_assistant("arrest")
    assistant.ingest([folder])
    question = "What was the name of the governor of Dorvald?"  # Dorvald names one person: not its governor
    answer = assistant.ask(question)
    assert not answer.has_answer and answer.short_answer is None, answer.text
    assert _short(assistant.ask("What is the name of the militia commander arrested in Dorvald?")).text == "Oskar Brandt"
    weights = replace(assistant.extractive.weights, name_head=0.0)
    without = ExtractiveAnswerer(assistant.embedder, weights=weights).answer(*assistant.retrieve(question))
    assert without.has_answer  # without the rule a name or date of the report is given as the governor


def test_the_short_answer_span_is_the_document_text_and_in_the_cited_passage(typed):
    answer = typed.ask("Who owns the transport depot in Korvel that was set on fire?")
    short = _short(answer)
    assert typed.document_text(short.document_id)[short.start:short.end] == short.text
    cited = answer.citations[0]
    assert cited.document_id == short.document_id and cited.start <= short.start < short.end <= cited.end
    from assistant.interfaces.serialize import answer_record

    record = json.loads(json.dumps(answer_record(answer)))
    assert record["short_answer"] == {"text": short.text, "document": short.document_id,
                                      "start": short.start, "end": short.end}
    assert record["answer_type"] == "person"
    declined = answer_record(typed.ask("Name the leader of the gunmen who attacked the Korvel depot."))
    assert declined["short_answer"] is None


def _wrap(text: str, width: int = 60) -> str:
    """Hard-wrap every paragraph at ``width`` characters, hyphenating one long word across a break."""
    import textwrap

    out = []
    for paragraph in text.split("\n\n"):
        out.append("\n".join(textwrap.wrap(paragraph, width, break_on_hyphens=False)))
    return "\n\n".join(out).replace("smoke inhalation", "smoke inha-\nlation")


QUESTIONS = [
    "Who owns the transport depot in Korvel that was set on fire?",
    "How many lorries did the fire at the Korvel depot burn?",
    "Where were the two guards treated for smoke inhalation?",
    "How many men did the police detain at the Pelling farms?",
]


def test_hard_wrapped_pdf_and_txt_answer_as_their_unwrapped_text(make_assistant, tmp_path, typed):
    folder = tmp_path / "wrapped"
    folder.mkdir()
    (folder / "depot_wrapped.txt").write_text(_wrap(DEPOT), encoding="utf-8")
    (folder / "farms_wrapped.pdf").write_bytes(pdf_bytes([_wrap(RAID)]))
    (folder / "depot_wrapped_pdf.pdf").write_bytes(pdf_bytes([_wrap(DEPOT)]))
    assert "\n" in _wrap(DEPOT).split("\n\n")[1] and "inha-\nlation" in _wrap(DEPOT)
    wrapped = make_assistant("wrapped")
    wrapped.ingest([folder])
    for question in QUESTIONS:
        plain = typed.ask(question)
        hard = wrapped.ask(question)
        assert plain.has_answer and hard.has_answer, (question, hard.text)
        assert " ".join(hard.short_answer.text.split()) == " ".join(plain.short_answer.text.split()), question
        text = wrapped.document_text(hard.short_answer.document_id)
        assert text[hard.short_answer.start:hard.short_answer.end] == hard.short_answer.text


def test_an_item_the_reports_do_not_index_is_declined(make_assistant, tmp_path):
    folder = tmp_path / "log"
    folder.mkdir()
    (folder / "siege_log.txt").write_text(
        "Siege log of Varn\n\n"
        "Day 40: the relief column reached the outer checkpoint and unloaded 12 trucks of flour.\n\n"
        "Day 41: shelling damaged the water tower; engineers repaired it by night.\n\n"
        "Day 43: 9 trucks of medicine crossed the bridge under escort.\n", encoding="utf-8")
    assistant = make_assistant("siege")
    assistant.ingest([folder])
    answer = assistant.ask("How many trucks crossed on day 43 of the siege of Varn?")
    assert answer.has_answer and answer.short_answer.text == "9"
    for question in ("How many trucks crossed on day 42 of the siege of Varn?",
                     "How many trucks reached Varn on the 42nd day of the siege?"):
        declined = assistant.ask(question)
        assert not declined.has_answer, declined.text


def test_a_short_answer_hyphenated_across_a_line_is_shown_joined(tmp_path_factory, embedder):
    assistant = assistant_over(tmp_path_factory, embedder, "hyphen", {"ostrel_sitrep.txt": (
        "Situation report, Ostrel district\n\n"
        "Shelling hit the market of Ostrel on Friday morning. Nine people were wounded and were taken to the\n"
        "regional hospi-\ntal in Dunmere, where doctors said two of them were in a serious condition.\n")})
    answer = assistant.ask("Where were the people wounded in the shelling of the Ostrel market taken?")
    assert answer.has_answer and answer.short_answer is not None, answer.text
    short = answer.short_answer
    text = assistant.document_text(short.document_id)
    assert text[short.start:short.end] == short.text  # the span stays the document's own text
    shown = answer.text.split(" — ")[0]
    assert "hospi-" not in shown and "\n" not in shown, answer.text
