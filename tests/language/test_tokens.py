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


def test_kept_answers_are_the_answers_read_afresh():
    """related/derived and WordNet.related are memoized for speed: a kept answer must be what a
    fresh reading gives, asked in either order, and the second ask must come from the cache."""
    from assistant.language.tokens import derived
    from assistant.language.wordnet import WordNet, wordnet

    fresh = related.__wrapped__("displace", "displacement")
    assert related("displace", "displacement") == fresh is True
    hits = related.cache_info().hits
    assert related("displace", "displacement") and related.cache_info().hits == hits + 1
    assert derived("die", "death") == derived.__wrapped__("die", "death") is True
    shared = wordnet()
    kept = shared.related("vehicle", "noun")
    assert shared.related("vehicle", "noun") is kept  # the kept set, not a second walk
    assert WordNet(shared.folder).related("vehicle", "noun") == kept and "aircraft" in kept
