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
