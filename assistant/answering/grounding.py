"""Check a generated answer against the passages it cites, in code.

:func:`ground` takes the model's raw text and the prompt's passages and returns what is
left after two checks:

1. markers (:mod:`assistant.answering.citations`): markers that name no passage are dropped; the
   rest are renumbered ``[1]..[m]`` in order of first appearance;
2. numbers: every number of a sentence (digits such as ``34``, ``1,500``, ``2.5``,
   ``1.5 million``; cardinal number words such as ``three``, ``thirty-four``,
   ``two hundred and fifty``, ``a dozen``; both ends of a range such as ``3-5`` or
   ``three to five``) must appear, by value, in one of the passages that sentence cites
   (a sentence without a marker of its own is checked against every passage the answer
   cites) or in the question.  A sentence that fails is removed.

The result's ``status`` is ``"grounded"`` (nothing removed), ``"repaired"`` (a marker
or a sentence was removed) or ``"failed"`` (no sentence with a valid citation is left:
the caller falls back to the extractive answer).  A "sentence" of markers alone
(``"[1] [1]"``) is not an answer and is dropped.

Not treated as numbers: ordinals (``3rd``, ``first``), vague plurals (``dozens``,
``hundreds``), the pronoun *one* (``no one``, ``the one``, ``one another``) and the
citation markers themselves.  Why in code: every small model measured here invented
figures for an unanswerable question (``STACK.md``, generators); the check follows the
"attributable to identified sources" idea (Rashkin et al., 2023) restricted to numbers,
which a string comparison can verify.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..language.numbers import numbers_in
from ..language.sentences import split_sentences
from .citations import MARKER, parse_markers, validate_markers


def stated_numbers(text: str) -> set[float]:
    """The values of the numbers ``text`` states, its citation markers ignored
    (:func:`assistant.language.numbers.numbers_in` after removing ``[n]``)."""
    return numbers_in(MARKER.sub(" ", text))


@dataclass(frozen=True)
class GroundingResult:
    """What is left of a generated answer after the checks.

    ``text``: the kept sentences with markers renumbered ``[1]..[m]``; ``cited``: the
    prompt's passage numbers (1-based) behind ``[1]..[m]``; ``status``:
    ``"grounded"``, ``"repaired"`` or ``"failed"``; ``removed``: the sentences removed
    for an unsupported number; ``dropped_markers``: marker numbers that named no passage.
    """

    text: str
    cited: tuple[int, ...]
    status: str
    removed: tuple[str, ...] = ()
    dropped_markers: tuple[int, ...] = ()


def answer_sentences(text: str) -> list[str]:
    """Sentences of a generated answer, each keeping the markers that follow its end
    (``"A. [1] B."`` -> ``["A. [1]", "B."]``)."""
    sentences: list[str] = []
    for span in split_sentences(text):
        piece = span.text
        lead = re.match(r"(?:\s*\[[^\]]*\])+", piece)
        if lead and sentences:
            sentences[-1] += " " + lead.group(0).strip()
            piece = piece[lead.end() :].strip()
        if piece:
            sentences.append(piece)
    return sentences


def ground(text: str, passages: Sequence[str], given: Iterable[float] = ()) -> GroundingResult:
    """Validate the markers and numbers of ``text`` against ``passages`` (the prompt's
    passage texts, ``passages[0]`` being ``[1]``); see the module docstring.

    ``given``: numbers accepted in any sentence without a passage stating them: the
    question's own numbers (``numbers_in(question)``), which an answer repeats ("one
    insurgent was killed ... in April 2011") though the cited chunk may not hold the
    dateline; the model did not invent them.
    """
    first = validate_markers(text, len(passages))
    if not first.cited:
        return GroundingResult("", (), "failed", dropped_markers=first.dropped)
    cited_texts = {i: passages[n - 1] for i, n in enumerate(first.cited, start=1)}
    known = {i: stated_numbers(t) for i, t in cited_texts.items()}
    given = set(given)
    everything = set().union(given, *known.values())
    kept, removed = [], []
    for sentence in answer_sentences(first.text):
        if not re.search(r"\w", MARKER.sub("", sentence)):  # markers alone ("[1] [1]") say nothing
            continue
        own = [n for n in parse_markers(sentence) if n in known]
        allowed = set().union(given, *(known[n] for n in own)) if own else everything
        if stated_numbers(sentence) <= allowed:
            kept.append(sentence)
        else:
            removed.append(sentence)
    second = validate_markers(" ".join(kept), len(first.cited))
    if not second.cited:
        return GroundingResult("", (), "failed", tuple(removed), first.dropped)
    cited = tuple(first.cited[n - 1] for n in second.cited)
    status = "repaired" if removed or first.dropped else "grounded"
    return GroundingResult(second.text, cited, status, tuple(removed), first.dropped)
