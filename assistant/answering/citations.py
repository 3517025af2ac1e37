"""Citation markers of generated answers: parse them, drop the ones that match no passage,
renumber the rest and map them to :class:`~assistant.types.Citation` s.

The prompt numbers the passages ``[1]..[k]``; a model answers with markers such as
``[2]``, ``[1, 3]``, ``[1][3]`` or ``[2-4]``.  The functions here are pure (no model, no
store) so that every case is covered by a table of unit tests.  The approach (the model
cites context ids, code maps them to references and strips the ones that match
nothing) follows Future-House/paper-qa.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..types import Citation, Passage

MARKER = re.compile(r"\s*\[\s*(\d+(?:\s*(?:[,;]|-|–)\s*\d+)*)\s*\]")
"""One bracketed marker (with the white space before it): ``[2]``, ``[1, 3]``, ``[1;3]``, ``[2-4]``."""

_MAX_RANGE = 20  # a range wider than this ("[1-999]") is read as its two ends only


@dataclass(frozen=True)
class CitedText:
    """A generated text after marker validation.

    ``text``: the text with every marker rewritten to the new numbers (``[1]``, ``[2]``,
    ... in order of first appearance) and markers that matched no passage removed;
    ``cited``: the 1-based passage numbers of the prompt, in the order of the new
    numbers (``cited[0]`` became ``[1]``); ``dropped``: marker numbers that matched no
    passage, in order of appearance (repeats kept).
    """

    text: str
    cited: tuple[int, ...]
    dropped: tuple[int, ...] = ()


def marker_numbers(body: str) -> list[int]:
    """The numbers inside one marker's brackets: ``"1, 3"`` -> ``[1, 3]``, ``"2-4"`` -> ``[2, 3, 4]``.

    A descending or very wide range (more than 20 numbers) yields its two ends only.
    """
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", body.strip()):
        ends = [int(n) for n in re.split(r"\s*[-–]\s*", part) if n]
        if len(ends) == 2 and ends[0] <= ends[1] and ends[1] - ends[0] < _MAX_RANGE:
            numbers.extend(range(ends[0], ends[1] + 1))
        else:
            numbers.extend(ends)
    return numbers


def parse_markers(text: str) -> list[int]:
    """Every cited number in ``text``, in order of appearance, repeats kept.

    Example: ``parse_markers("A [2]. B [1, 2][7].") == [2, 1, 2, 7]``.
    """
    return [n for match in MARKER.finditer(text) for n in marker_numbers(match.group(1))]


def validate_markers(text: str, n_passages: int) -> CitedText:
    """Keep the markers that name a passage ``1..n_passages``, renumber them in order of
    first appearance and remove the others.

    Repeated numbers inside one marker collapse (``[2, 2]`` -> ``[1]``); a marker left
    with no valid number disappears with the white space before it.

    Example: ``validate_markers("A [3]. B [1][9].", 3)`` gives text ``"A [1]. B [2]."``,
    ``cited == (3, 1)`` and ``dropped == (9,)``.
    """
    new_number: dict[int, int] = {}
    dropped: list[int] = []

    def rewrite(match: re.Match[str]) -> str:
        kept: list[int] = []
        for n in marker_numbers(match.group(1)):
            if not 1 <= n <= n_passages:
                dropped.append(n)
                continue
            new = new_number.setdefault(n, len(new_number) + 1)
            if new not in kept:
                kept.append(new)
        if not kept:
            return ""
        leading = match.group(0)[: len(match.group(0)) - len(match.group(0).lstrip())]
        return leading + "".join(f"[{n}]" for n in kept)

    cleaned = MARKER.sub(rewrite, text)
    cleaned = re.sub(r"[ \t]+([.,;:!?])", r"\1", cleaned)  # "word [9]." -> "word."
    return CitedText(text=cleaned.strip(), cited=tuple(new_number), dropped=tuple(dropped))


def citations_for(cited: Sequence[int], passages: Sequence[Passage]) -> tuple[Citation, ...]:
    """One :class:`Citation` per cited prompt number: ``cited[i]`` (1-based index into
    ``passages``, the prompt's order) becomes citation ``n = i + 1``.

    Raises:
        IndexError: a number is outside ``1..len(passages)`` (use :func:`validate_markers` first).
    """
    citations = []
    for i, number in enumerate(cited, start=1):
        if not 1 <= number <= len(passages):
            raise IndexError(f"citation [{number}] names no passage (there are {len(passages)})")
        citations.append(Citation.of_passage(i, passages[number - 1]))
    return tuple(citations)
