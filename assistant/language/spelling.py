"""Misspelt words of a question, read as the indexed reports' words: :func:`correct_spelling`.

A question word is taken as misspelt when it is written in lower case, has at least
:data:`MIN_LETTERS` letters, and is neither a stop word, nor a word of lemminflect's English lexicon
(:func:`~assistant.language.inflection.is_english_word`), nor a term of the keyword index.  It is then
replaced by the index term nearest to it in Damerau-Levenshtein distance (an insertion, deletion,
substitution or swap of two neighbouring letters each count one; Damerau 1964, computed by
``rapidfuzz``), at most :func:`max_edits` edits away, the term found in the most chunks first among
equally near ones: the noisy-channel choice of the most frequent candidate at the least distance
(Norvig 2007, "How to write a spelling corrector"), with the reports' own words as the dictionary, so a
question is read in the words the reports use.

Names (a capital letter), numbers and codes are never changed: a question's identifiers must be stated
where an answer is taken from, so "Bara" is not read as another place "Bari"; names one letter off are
matched at answer time instead (:func:`~assistant.language.names.mentions_name_nearly`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import regex

from .inflection import is_english_word, plural
from .tokens import STOPWORDS, normalize

MIN_LETTERS = 4
"""Shorter words are left alone: at one edit, most short words are near many others."""

_WORD = regex.compile(r"(?<![\p{L}\p{N}_'’-])\p{Ll}+(?![\p{L}\p{N}_'’-])")
"""A word of lower-case letters only, not part of a longer token (a code, a hyphenated name)."""


def max_edits(word: str) -> int:
    """Edits allowed between ``word`` and its reading: 1 below 8 letters, else 2."""
    return 1 if len(word) < 8 else 2


@dataclass(frozen=True)
class Correction:
    """A question as read: ``text`` with each of ``changes`` (``(written, read_as)`` word pairs, in
    question order) replaced."""

    text: str
    changes: tuple[tuple[str, str], ...]


def correct_spelling(question: str, vocabulary: Mapping[str, int]) -> Correction | None:
    """``question`` with its misspelt words read as index terms (module docstring), or ``None`` when
    no word is changed.

    ``vocabulary``: ``{term: number of chunks containing it}``, the keyword index's terms
    (:func:`~assistant.retrieval.keyword.keyword_terms`: lower case, plural and possessive endings
    removed).  A written plural is read as the term's plural ("civilans" -> "civilians", "lories" ->
    "lorries", lemminflect).
    """
    from rapidfuzz import distance, process

    changes: list[tuple[str, str]] = []
    pieces: list[str] = []
    last = 0
    terms = None
    for match in _WORD.finditer(question):
        word = match.group()
        stem = normalize(word)
        if len(word) < MIN_LETTERS or word in STOPWORDS or stem in vocabulary or is_english_word(word):
            continue
        if terms is None:
            terms = [term for term in vocabulary if len(term) >= MIN_LETTERS - 1 and term.isalpha()]
        found = process.extract(stem, terms, scorer=distance.DamerauLevenshtein.distance,
                                score_cutoff=max_edits(stem), limit=None)
        if not found:
            continue
        best = min(found, key=lambda hit: (hit[1], -vocabulary[hit[0]], hit[0]))[0]
        reading = best if stem == word else plural(best)
        changes.append((word, reading))
        pieces += [question[last:match.start()], reading]
        last = match.end()
    if not changes:
        return None
    return Correction("".join(pieces) + question[last:], tuple(changes))
