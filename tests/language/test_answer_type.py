"""The expected answer type of a question, read from its parse (real spaCy pipeline)."""

import pytest

from assistant.language.answer_type import AnswerType, read_question
from assistant.language.names import fold, mentions_name

T = AnswerType

TABLE = [
    ("Who led the column into the valley?", T.PERSON),
    ("Whom did the council appoint as mayor?", T.PERSON),
    ("Which police officer was wounded at the gate?", T.PERSON),
    ("Name the engineer who inspected the dam.", T.PERSON),
    ("Which company built the pipeline?", T.ORGANISATION),
    ("A commander of which brigade was arrested?", T.ORGANISATION),
    ("Where did the barge run aground?", T.PLACE),
    ("In which village were the sheep stolen?", T.PLACE),
    ("Harbour festival 2031 location", T.PLACE),  # no question word
    ("The envoy stopped near which town before the talks?", T.PLACE),  # question word at the end
    ("When did the ferry sink?", T.DATE),
    ("On what date was the bridge reopened?", T.DATE),
    ("What year did the strike end?", T.DATE),
    ("How long ago was the well dug?", T.DATE),
    ("How many lorries crossed the border?", T.COUNT),
    ("How many were detained?", T.COUNT),
    ("Apart from the driver who fled, how many passengers were hurt?", T.COUNT),  # a relative "who" first
    ("What was the death toll of the flood?", T.COUNT),
    ("How far did the convoy travel before the ambush?", T.QUANTITY),
    ("How much grain did the warehouse hold?", T.QUANTITY),
    ("How many kilometres of road were repaved?", T.QUANTITY),
    ("How long did the siege last?", T.QUANTITY),
    ("How much did the new school cost?", T.MONEY),
    ("What did the repairs cost?", T.MONEY),
    ("What percentage of the wells were dry?", T.PERCENT),
    ("What was Norland's grain revenue in 2031?", T.MONEY),  # a possessor before the head noun
    ("What is the Ostrel council's unemployment rate?", T.PERCENT),
    ("What is the border village's name?", T.PLACE),  # an untyped "name": the possessor says what is named
    ("What did the patrol find in the cellar?", T.DESCRIPTION),
    ("What was the parcel hidden in?", T.DESCRIPTION),
    ("What area of farmland did the flood cover?", T.QUANTITY),  # "area of" a thing: a measure (hectares)
    ("What area of Tamrin province was flooded?", T.PLACE),  # "area of" a named place: a place
    ("In what area was the cache found?", T.PLACE),
    ("Did the army take the bridge?", T.YES_NO),
    ("Were any civilians hurt in the blast?", T.YES_NO),
]


@pytest.mark.parametrize(("question", "expected"), TABLE)
def test_answer_type(question, expected):
    assert read_question(question).answer_type is expected


def test_head_noun_focus_and_identifiers():
    reading = read_question("In which village of Tarn district did the patrol find 12 rifles in report 7?")
    assert reading.head == "village"
    lemmas = [f.lemma for f in reading.focus]
    assert "find" in lemmas and "rifle" in lemmas and "village" not in lemmas and "which" not in lemmas
    assert "7" in reading.identifiers and "12" not in reading.identifiers
    assert read_question("How many rounds did unit B-12 fire?").identifiers == ("B-12",)
    assert "42nd" in read_question("What happened on the 42nd day of the siege?").identifiers
    assert read_question("Name the leader of the raid.").wants_name
    assert not read_question("Who led the raid?").wants_name
    assert read_question("Who led the raid?").doc is not None  # the parse itself, for other stages


def test_the_relation_verb_weighs_more_than_the_setting():
    reading = read_question("Who owns the depot outside Vesk?")
    weights = {f.lemma: f.weight for f in reading.focus}
    assert weights["own"] > weights["depot"]


@pytest.mark.parametrize(("a", "b"), [
    ("Ras el Ain", "Ras al-Ain"), ("Ras Al Ain", "ras al-ain"), ("Tëren", "Teren"), ("Paktiya", "Paktia"),
    ("Musa Qal'ah", "Musa Qala"), ("Hasakah", "Hasaka"), ("Marvel's", "Marvel"),
])
def test_spelling_variants_fold_alike(a, b):
    assert fold(a) == fold(b)
    assert mentions_name(fold(f"Fighting went on near {a} all night."), b)


def test_folding_keeps_english_words_apart():
    assert fold("as an aside") == "as an aside"
    assert not mentions_name(fold("the alarm sounded"), "Al Arm")


@pytest.mark.parametrize("question, verb", [
    ("What did the patrol find in the cellar?", "find"),
    ("What weapons did the border guards seize?", "seize"),
    ("What was found in the abandoned truck?", "find"),
    ("What is the capital of Norland?", None),
    ("What happened at the Ostrel market?", None),
])
def test_the_verb_whose_object_is_asked(question, verb):
    assert read_question(question).object_of == verb
