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
    ("Was anyone hurt when the dam at Velk was breached?", T.YES_NO),  # "when" opens an adverbial clause
    ("Did anyone drown where the ferry capsized?", T.YES_NO),
    ("Who was hurt when the dam at Velk was breached?", T.PERSON),
    ("Do the reports say who breached the dam?", T.PERSON),  # an embedded question still asks
    ("Is it known when the dam at Velk was breached?", T.DATE),
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


MONEY_TABLE = [
    # a head noun that names an amount of money (WordNet hypernyms), whatever the verb
    ("How much revenue did the Korvath salt works report in 2031?", T.MONEY),
    ("How much profit did the Tamrel ferry company make last year?", T.MONEY),
    ("How much aid did the Ostrel council receive after the flood?", T.MONEY),
    ("How much funding did the Varnel valley dam project get?", T.MONEY),
    ("How much compensation did the families of Dunmere obtain?", T.MONEY),
    ("How much tax did the Orlen mill owe the province?", T.MONEY),
    ("How much debt had the Varn port authority run up?", T.MONEY),
    ("How much in fees did the Brask toll bridge take in its first month?", T.MONEY),
    ("What was the amount of aid pledged to the Kelda refugees?", T.MONEY),
    # no head noun: the verb hands over or takes money
    ("How much did the Ostrel council owe the builders?", T.MONEY),
    ("How much did the Lissar guild pledge to the new hospital?", T.MONEY),
    ("How much did the Ostrel ministry pay for the new bridge?", T.MONEY),
    # a head noun that names no money: a quantity, even with a verb of buying or spending
    ("How much land did the Varn cooperative buy?", T.QUANTITY),
    ("How much grain did the Tamrel merchants sell in the spring?", T.QUANTITY),
    ("How much fuel did the Ostrel garrison spend during the siege?", T.QUANTITY),
    ("How much time did the Kelda envoy spend in the capital?", T.QUANTITY),
    ("How much rain fell on Dunmere in March?", T.QUANTITY),
]


@pytest.mark.parametrize(("question", "expected"), MONEY_TABLE)
def test_how_much_money_or_quantity(question, expected):
    assert read_question(question).answer_type is expected


def test_how_much_damage_is_no_money():
    """The fourth sense of "damage" (a sum awarded) is not among its frequent ones."""
    assert read_question("How much damage did the storm cause in Brask?").answer_type is not T.MONEY


def test_wordnet_hypernym_closure():
    from assistant.language.wordnet import wordnet

    database = wordnet()
    pos, sum_of_money = database.sense("sum.n.01")
    assert pos == "noun" and "sum_of_money" in database.synset(pos, sum_of_money).words
    revenue = database.senses("revenue", "noun")[0]
    assert sum_of_money in database.hypernyms("noun", revenue)
    assert database.is_a("revenue", "noun", frozenset({sum_of_money}))
    assert not database.is_a("land", "noun", frozenset({sum_of_money}))
    assert database.sense("money.n.99") is None
