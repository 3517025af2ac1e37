"""Check a generated answer against the passages it cites, in code.

:func:`ground` takes the model's raw text and the prompt's passages and returns what is
left after two checks:

1. markers (:mod:`assistant.citations`): markers that name no passage are dropped; the
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

from .citations import MARKER, parse_markers, validate_markers
from .sentences import split_sentences

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_WORD_RUN = re.compile(
    rf"\b(?:a\s+)?(?:{_NUMBER_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMBER_WORD}))*\b", re.IGNORECASE
)
_DIGITS = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s+(hundred|thousand|million|billion)\b)?(?!\d|\.\d|st\b|nd\b|rd\b|th\b)",
    re.IGNORECASE,
)
_ONE_PRONOUN_BEFORE = {"no", "any", "every", "some", "each", "the", "this", "that", "which", "anyone"}


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


def _word_value(words: list[str]) -> float | None:
    """The value of a run of number words (``["two", "hundred", "fifty"]`` -> 250)."""
    total, current, seen = 0, 0, False
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _SCALES[word]
            current = 0
        seen = True
    return float(total + current) if seen else None


def numbers_in(text: str) -> set[float]:
    """The values of the numbers stated in ``text`` (citation markers ignored).

    Examples: ``"34 airstrikes"`` -> ``{34}``, ``"1,500 and 2.5"`` -> ``{1500, 2.5}``,
    ``"thirty-four"`` -> ``{34}``, ``"3-5 killed"`` -> ``{3, 5}``, ``"1.5 million"`` ->
    ``{1500000}``, ``"no one"`` -> ``set()``.
    """
    text = MARKER.sub(" ", text)
    values: set[float] = set()
    for match in _DIGITS.finditer(text):
        value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        if match.group(3):
            value *= _SCALES[match.group(3).lower()]
        values.add(value)
    words_only = _DIGITS.sub(lambda m: " " * len(m.group(0)), text)  # "1.5 million": one number, not two
    for match in _WORD_RUN.finditer(words_only):
        groups = _number_groups(re.split(r"[\s-]+", match.group(0).lower()))
        if groups == [["one"]] and _one_is_pronoun(words_only, match.start(), match.end()):
            continue
        values.update(v for v in map(_word_value, groups) if v is not None)
    return values


def _number_groups(words: list[str]) -> list[list[str]]:
    """Split a run of number words into numbers: ``three and five`` is two numbers,
    ``two hundred and fifty`` one (``and`` joins only after a scale word); ``five three``
    is two, ``twenty one`` one."""
    groups: list[list[str]] = [[]]
    previous = ""
    for word in words:
        if word == "a":
            continue
        if word == "and":
            if previous not in _SCALES:
                groups.append([])
            previous = word
            continue
        if groups[-1] and (
            (word in _UNITS and previous in _UNITS) or (word in _TENS and previous in {*_UNITS, *_TENS})
        ):
            groups.append([])
        groups[-1].append(word)
        previous = word
    return [g for g in groups if g]


def _one_is_pronoun(text: str, start: int, end: int) -> bool:
    before = re.findall(r"[A-Za-z]+", text[:start])
    after = re.match(r"\s+(\w+)", text[end:])
    return bool(before and before[-1].lower() in _ONE_PRONOUN_BEFORE) or bool(after and after.group(1).lower() == "another")


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
    known = {i: numbers_in(t) for i, t in cited_texts.items()}
    given = set(given)
    everything = set().union(given, *known.values())
    kept, removed = [], []
    for sentence in answer_sentences(first.text):
        if not re.search(r"\w", MARKER.sub("", sentence)):  # markers alone ("[1] [1]") say nothing
            continue
        own = [n for n in parse_markers(sentence) if n in known]
        allowed = set().union(given, *(known[n] for n in own)) if own else everything
        if numbers_in(sentence) <= allowed:
            kept.append(sentence)
        else:
            removed.append(sentence)
    second = validate_markers(" ".join(kept), len(first.cited))
    if not second.cited:
        return GroundingResult("", (), "failed", tuple(removed), first.dropped)
    cited = tuple(first.cited[n - 1] for n in second.cited)
    status = "repaired" if removed or first.dropped else "grounded"
    return GroundingResult(second.text, cited, status, tuple(removed), first.dropped)
