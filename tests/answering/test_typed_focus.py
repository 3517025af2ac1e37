"""The typed answer is the asked thing about the question's event: a named person (or a
specific description) for "who", the day stated for the event rather than the report's
dateline, the object of the asked verb for "what did they find".  Made-up reports, the real
model, pipeline and store."""

import pytest

from assistant import NO_ANSWER
from assistant.answering.candidates import dateline_end, verb_objects
from assistant.language.nlp import annotate
from tests.support.reports import assistant_over, short_answer

AMBUSH = (
    "Ambush near Tarsk\n\n"
    "KARVALA, Norland (March 6, 2031) - A militant fired on a border patrol near Tarsk on Tuesday, the provincial "
    "police said. The attack was ordered by Drago Menich, a local commander of the Grey Hand group. Two guards were "
    "wounded and taken to the Tarsk clinic. Yesterday, police officers searched the hills above Tarsk and found two "
    "rifles, a radio and a box of grenades in a cave. The militant was arrested on Wednesday near the river crossing.\n"
)
MARKET = (
    "Market blast in Ostrel\n\n"
    "OSTREL, Norland (April 12, 2031) - A bomb hidden in a fruit cart exploded in the Ostrel central market on "
    "Friday, killing three traders. The governor of Ostrel province, Mira Kallen, visited the market the next day. "
    "Police recovered wires, a battery pack and nails at the scene. The mayor may resign after the attack, local "
    "media reported.\n"
)

CACHE = (
    "Weapons cache in Korvel\n\n"
    "VESK, Norland (June 2, 2031) - On Monday, in the hills around Korvel, soldiers of the Third Brigade found a "
    "weapons cache hidden under a barn floor. The brigade's commander, Colonel Idris Vane, said the cache held "
    "mortar rounds.\n"
)


@pytest.fixture(scope="module")
def norland(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "norland", {
        "tarsk_ambush.txt": AMBUSH, "ostrel_market.txt": MARKET, "korvel_cache.txt": CACHE,
    })


def _short(answer):
    return short_answer(answer).text


def test_who_is_answered_with_a_named_person_or_declined_not_a_bare_common_noun(norland):
    assert _short(norland.ask("Who ordered the attack on the border patrol near Tarsk?")) == "Drago Menich"
    for question in ("Who fired on the border patrol near Tarsk?", "Who was arrested near the river crossing at Tarsk?"):
        answer = norland.ask(question)  # the reports say only "a militant": no one in particular
        assert answer.text == NO_ANSWER and answer.short_answer is None, answer.text


def test_when_is_the_day_stated_for_the_event_not_the_dateline(norland):
    answer = norland.ask("When did the militant fire on the border patrol near Tarsk?")
    assert _short(answer) == "Tuesday"
    assert answer.text.startswith("Tuesday (4 March 2031) — ")  # the weekday resolved against the report date
    assert _short(norland.ask("When did the bomb explode in the Ostrel market?")) == "Friday"
    answer = norland.ask("When did police search the hills above Tarsk?")
    assert _short(answer) == "Yesterday" and "(5 March 2031)" in answer.text


def test_what_did_they_find_is_the_object_of_the_asked_verb(norland):
    assert _short(norland.ask("What did the police find in the cave above Tarsk?")) == \
        "two rifles, a radio and a box of grenades"
    assert _short(norland.ask("What did police recover at the scene of the Ostrel market blast?")) == \
        "wires, a battery pack and nails"
    # "soldiers of the Third Brigade" stands nearer the question's words, but is the subject, not what was found
    assert _short(norland.ask("What did the soldiers find in the hills around Korvel?")) == "weapons cache"


def test_may_is_not_a_mayor(norland):
    # "The mayor may resign": no name; the governor's sentence names a person but no mayor
    answer = norland.ask("What was the name of the mayor of Ostrel?")
    assert answer.text == NO_ANSWER


def _sentence(text):
    annotations = annotate(text)
    return annotations.sentences[0], annotations.entities


def test_verb_objects_in_the_active_and_the_passive_voice():
    text = "Officers found two rifles, a radio and a box of grenades in a cave."
    sentence, _ = _sentence(text)
    tokens = sentence.tokens
    assert [text[tokens[f].start:tokens[last].end] for f, last in verb_objects(tokens, "find")] == \
        ["two rifles, a radio and a box of grenades"]
    text = "Three suspects were detained and a rifle and two motorcycles were seized."
    sentence, _ = _sentence(text)
    tokens = sentence.tokens
    assert [text[tokens[f].start:tokens[last].end] for f, last in verb_objects(tokens, "seize")] == \
        ["a rifle and two motorcycles"]
    assert verb_objects(tokens, "find") == []


@pytest.mark.parametrize("text, cut", [
    ("VESK, Norland (May 3, 2031) - Gunmen attacked a checkpoint on Monday.", "VESK, Norland (May 3, 2031) -"),
    ("Nov 21, 2030 ... The festival will open in Ostrel on 2 May.", "Nov 21, 2030 ..."),
    ("Gunmen attacked a checkpoint near Vesk on May 3, 2031 - police said.", None),  # a date after the verb
])
def test_dateline_end(text, cut):
    sentence, entities = _sentence(text)
    end = dateline_end(sentence, entities, text)
    assert (text[:end] if end is not None else None) == cut


CROSSING = (
    "Arrest at the Vesk crossing\n\n"
    "VESK, Norland (July 9, 2031) - Border guards searched a grain lorry at the Vesk crossing on Friday. "
    "They detained a suspected insurgent and held him for questioning. Two wounded drivers were taken to a clinic.\n"
)


def test_a_participle_before_the_noun_is_part_of_the_description():
    from assistant.answering.candidates import noun_phrases

    def phrases(text):
        tokens = annotate(text).sentences[0].tokens
        return [" ".join(text[tokens[f].start:tokens[l].end].split()) for f, l in noun_phrases(tokens)]

    assert "a suspected smuggler" in phrases("They detained a suspected smuggler near the dam.")
    assert "two wounded drivers" in phrases("Police found two wounded drivers near the dam.")
    assert "militants" in phrases("The patrol detained militants near the dam.")  # the verb after a noun is no modifier


def test_who_is_answered_by_a_person_described_with_a_participle(tmp_path_factory, embedder):
    crossing = assistant_over(tmp_path_factory, embedder, "crossing", {"vesk_crossing.txt": CROSSING})
    answer = crossing.ask("Who was detained at the Vesk crossing?")
    assert _short(answer) == "suspected insurgent", answer.text
    assert _short(crossing.ask("Who was taken to a clinic near the Vesk crossing?")) == "Two wounded drivers"
