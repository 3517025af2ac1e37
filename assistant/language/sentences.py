"""Sentence spans with their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import MONTH_ABBREVIATIONS

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_ABBREVIATIONS = re.compile(
    r"\b(?:[A-Z]|" + "|".join(m.capitalize() for m in MONTH_ABBREVIATIONS)
    + r"|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|U\.S|No|vs|etc|e\.g|i\.e)\.$"
)
@dataclass(frozen=True)
class Span:
    """``text`` found at ``start`` (character offset) in a larger text."""

    start: int
    text: str


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` with their offsets; whitespace around them is dropped."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start()]
        if match.group(0).strip() == "" and _ABBREVIATIONS.search(candidate.rstrip()) and "\n" not in match.group(0):
            continue
        spans.extend(_strip(text, start, match.start()))
        start = match.end()
    spans.extend(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> list[Span]:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return []
    return [Span(start + piece.index(stripped), stripped)]
