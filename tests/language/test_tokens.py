"""Word relations of the answerer's focus matching (:func:`assistant.language.tokens.related`)."""

import pytest

from assistant.language.tokens import related


@pytest.mark.parametrize("a, b", [
    ("bomb", "bomber"), ("displace", "displacement"), ("seize", "seizure"), ("occupy", "occupied"),
    ("fire", "firing"), ("occupied", "unoccupied"),
    ("own", "owner"),  # a three-letter stem: WordNet derives "owner" from "own"
])
def test_derived_words_are_related(a, b):
    assert related(a, b) and related(b, a)


@pytest.mark.parametrize("a, b", [
    ("may", "mayor"), ("man", "many"), ("arm", "army"), ("can", "canal"), ("war", "ward"), ("bar", "barer"),
])
def test_a_short_word_is_not_related_to_a_longer_word_it_happens_to_begin(a, b):
    assert not related(a, b) and not related(b, a)



def test_wordnet_related_is_kept_and_equals_a_fresh_reading():
    """WordNet.related is kept per database for speed: the kept answer must be what a fresh
    database reads, and a second ask must return the kept set, not walk again."""
    from assistant.language.wordnet import WordNet, wordnet

    shared = wordnet()
    kept = shared.related("vehicle", "noun")
    assert shared.related("vehicle", "noun") is kept
    assert WordNet(shared.folder).related("vehicle", "noun") == kept and "aircraft" in kept


def test_wordnet_alternatives_are_kept_once_in_the_database():
    """The paraphrase check's alternatives of a lemma are kept by the database alone (the
    tokens helper keeps no second cache): one-word related words, and for a verb what it causes."""
    from assistant.language import tokens
    from assistant.language.wordnet import WordNet, wordnet

    assert not hasattr(tokens._alternatives, "cache_info")  # no lru_cache stacked on the database's
    shared = wordnet()
    kill = tokens._alternatives("kill", "VERB")
    assert tokens._alternatives("kill", "VERB") is kill  # the database's kept set
    assert kill == WordNet(shared.folder).alternatives("kill", "verb")
    assert "die" in kill and "assassinate" in kill  # caused ("those killed died") and a kind of killing
    assert all(" " not in w for w in kill)
    assert shared.related("kill", "verb") - kill == {w for w in shared.related("kill", "verb") if " " in w}
    assert tokens._alternatives("kill", "PUNCT") == frozenset()


def test_verbs_of_one_event_and_their_nouns_are_paraphrases():
    from assistant.language.tokens import idiom_at, paraphrased

    assert paraphrased("uncover", "find", "VERB")  # a shared nominalisation: "uncovering", a "find"
    assert paraphrased("victory", "win", "VERB")  # "triumph" names both
    assert paraphrased("champion", "win", "VERB")  # WordNet's definition: "someone who has won first place"
    assert not paraphrased("take", "find", "VERB") and not paraphrased("say", "find", "VERB")
    assert not paraphrased("end", "die", "VERB") and not paraphrased("go", "die", "VERB")
    assert idiom_at(["twelve", "miner", "lose", "their", "life"], "die", "VERB") == 2
    assert idiom_at(["gunman", "open", "fire", "on", "the", "bus"], "shoot", "VERB") == 1
    assert idiom_at(["twelve", "miner", "lose", "their", "job"], "die", "VERB") is None
