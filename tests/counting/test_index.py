"""The count's shortcuts change no answer: the sentence keys (:func:`assistant.counting.index.sentence_keys`,
:func:`assistant.counting.matching.term_keys`) and the sentence postings
(:meth:`assistant.counting.service.Counter.possible`) against the full path (every term looked
for in every sentence of every candidate report), on real reports with real parses: the
counting questions of our own public sets over their own reports."""

from __future__ import annotations

import copy
import json
from dataclasses import replace

import pytest

from assistant.counting.index import IndexedSentence, sentence_keys
from assistant.counting.matching import term_key_sets, term_keys, term_positions
from assistant.counting.query import Term
from assistant.counting.service import Counter
from assistant.retrieval.scope import with_contained_places
from tests.support.paths import ROOT

SETS = {"valdoria_assistant": ROOT / "evalsets" / "valdoria" / "count-qa.jsonl",
        "corpus_assistant": ROOT / "evalsets" / "corpus" / "count-qa.jsonl"}


def questions(path):
    return [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class FullPath(Counter):
    """The counter without its shortcut: every candidate report decided."""

    def possible(self, query, in_scope, plan=None):
        return None


def full_path(assistant) -> Counter:
    """A counter over a copy of ``assistant``'s index whose sentences have no keys (every term
    is looked for in full) and which decides every candidate."""
    assistant.sentences.refresh()
    index = copy.copy(assistant.sentences)
    index.documents = {i: replace(d, sentences=tuple(replace(s, keys=None) for s in d.sentences))
                       for i, d in assistant.sentences.documents.items()}
    index.refresh = lambda: None
    return FullPath(index, assistant._preselect, assistant._count_place_keys, assistant.store.page_at,
                    lambda scope: with_contained_places(scope, assistant.catalog))


@pytest.mark.parametrize("fixture", sorted(SETS))
def test_the_shortcuts_give_the_answers_of_the_full_path(fixture, request):
    assistant = request.getfixturevalue(fixture)
    slow = full_path(assistant)
    compared = 0
    for question in questions(SETS[fixture]):
        query = assistant.parse(question)
        if query.count is None:
            continue
        fast_answer = assistant.counter.answer(query.count, query.scope)
        slow_answer = slow.answer(query.count, query.scope)
        assert fast_answer.text == slow_answer.text, question
        assert fast_answer.count == slow_answer.count, question
        assert fast_answer.citations == slow_answer.citations, question
        compared += 1
    assert compared >= 20


@pytest.mark.parametrize("fixture", sorted(SETS))
def test_term_keys_find_every_sentence_that_states_a_term(fixture, request):
    assistant = request.getfixturevalue(fixture)
    assistant.sentences.refresh()
    terms = set()
    for question in questions(SETS[fixture]):
        count = assistant.parse(question).count
        if count is not None:
            terms.update(count.condition.terms())
            terms.update([count.head] if count.head is not None else [])
    stated = 0
    for document in assistant.sentences.documents.values():
        for sentence in document.sentences:
            assert sentence.keys is not None
            bare = replace(sentence, keys=None)
            for term in terms:
                found = term_positions(sentence, term)
                assert found == term_positions(bare, term), (term.text, document.id, sentence.start)
                stated += bool(found)
    assert stated > 100


def _sentence(words, lemmas=None, pos=None):
    lemmas = tuple(lemmas or words)
    words = tuple(words)
    return IndexedSentence(0, 10, lemmas, words, tuple(pos or ["NOUN"] * len(words)),
                           tuple((i, i + 1) for i in range(len(words))), sentence_keys(lemmas, words))


@pytest.mark.parametrize("sentence, term", [
    # a gerund states its verb
    (_sentence(["the", "burning", "of", "trucks"]), Term("burned", "burn", "VERB", frozenset({"burn"}))),
    # two words joined: "air strike" states "airstrike"
    (_sentence(["an", "air", "strike"]), Term("airstrike", "airstrike", "NOUN", frozenset({"airstrike"}))),
    # a multi-word alternative as consecutive lemmas
    (_sentence(["a", "road", "closed"], ["a", "road", "close"]),
     Term("road closure", "closure", "NOUN", frozenset({"closure", "road close"}))),
    # a name written with a hyphen
    (_sentence(["fighters", "of", "al-qaida"], pos=["NOUN", "ADP", "PROPN"]),
     Term("al Qaida", "al qaida", "PROPN", frozenset({"al qaida"}), name=True)),
    # a part of the day as a clock time
    (_sentence(["gunmen", "attacked", "at", "3", "a.m."]), Term("night", "night", "NOUN", frozenset({"night"}))),
    # ... and as a phrase
    (_sentence(["in", "the", "early", "hours", "of", "sunday"]), Term("night", "night", "NOUN", frozenset({"night"}))),
])
def test_term_keys_cover_each_way_a_term_is_stated(sentence, term):
    assert term_positions(replace(sentence, keys=None), term), "the full path finds the term"
    assert not sentence.keys.isdisjoint(term_keys(term))
    assert any(set(keys) <= sentence.keys for keys in term_key_sets(term))
    assert term_positions(sentence, term) == term_positions(replace(sentence, keys=None), term)


def test_a_sentence_without_the_terms_words_is_skipped():
    sentence = _sentence(["the", "bridge", "was", "damaged"])
    term = Term("clinic", "clinic", "NOUN", frozenset({"clinic", "health centre"}))
    assert sentence.keys.isdisjoint(term_keys(term))
    assert term_positions(sentence, term) == []
