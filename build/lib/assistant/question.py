"""What kind of answer a question asks for, read from its wording."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import STOPWORDS, normalize, tokens

_HOW_MANY = re.compile(r"\bhow\s+many\s+(?P<np>[A-Za-z][A-Za-z'\- ]*)", re.IGNORECASE)
_NP_END = {
    "were", "was", "are", "is", "did", "do", "does", "have", "has", "had", "in", "of", "on", "during",
    "after", "by", "at", "from", "for", "with", "that", "who", "which", "reported", "killed", "detained",
}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z'\-]{2,}")


_ASKS_NAME = re.compile(
    r"^\W*(who|whom|whose)\b|\bwhat\s+(was|is|were|are)\s+(the\s+)?(\w+\s+)?names?\b|^\W*name\b"
    r"|\bwhich\s+(\w+\s+)?(leader|commander|person|man|woman|individual|official|group|company|country|team|player)\b"
    r"|\b(also\s+known|other\s+name|called)\b",
    re.IGNORECASE,
)
_WHICH = re.compile(r"\b(?:which|what)\s+([A-Za-z]+)", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class QuestionShape:
    """What the question asks for.

    ``counted``: the normalised head noun of a "how many X" question, else ``None``.
    ``asks_quantity``: a "how many/how much/what number" question.
    ``asks_name``: a who/which-leader/what-name question, answered by a proper name.
    ``names``: proper names the question mentions, lower case (months and weekdays excluded).
    ``years``: four-digit years the question mentions.
    ``words``: every normalised word of the question.
    ``asked_noun``: the X of "which X" / "what X" (normalised), when X is a noun.
    """

    counted: str | None
    asks_quantity: bool
    asks_name: bool
    names: frozenset[str]
    years: frozenset[str]
    words: frozenset[str]
    asked_noun: str | None = None


def analyse(question: str) -> QuestionShape:
    """Read the expected answer type and the named entities of ``question``."""
    counted = None
    match = _HOW_MANY.search(question)
    if match:
        words = []
        for word in match.group("np").split():
            if word.lower() in _NP_END:
                break
            words.append(word)
        if words:
            counted = normalize(words[-1])
    asks_quantity = bool(re.search(r"\bhow\s+(many|much)\b|\bwhat\s+(number|amount|quantity)\b|\btotal\b", question, re.I))
    names = frozenset(
        w.lower() for w in _CAPITALISED.findall(question) if w.lower() not in MONTHS and w.lower() not in STOPWORDS
    )
    return QuestionShape(
        counted=counted,
        asks_quantity=asks_quantity,
        asks_name=bool(_ASKS_NAME.search(question)) and not asks_quantity,
        names=names,
        years=frozenset(_YEAR.findall(question)),
        words=frozenset(normalize(t) for t in tokens(question)),
        asked_noun=_asked_noun(question),
    )


def _asked_noun(question: str) -> str | None:
    match = _WHICH.search(question)
    if not match or match.group(1).lower() in STOPWORDS or match.group(1).lower() in _NP_END:
        return None
    return normalize(match.group(1))
