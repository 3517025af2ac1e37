"""What kind of answer a question asks for, read from its wording."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import STOPWORDS, normalize

_HOW_MANY = re.compile(r"\bhow\s+many\s+(?P<np>[A-Za-z][A-Za-z'\- ]*)", re.IGNORECASE)
_NP_END = {
    "were", "was", "are", "is", "did", "do", "does", "have", "has", "had", "in", "of", "on", "during",
    "after", "by", "at", "from", "for", "with", "that", "who", "which", "reported", "killed", "detained",
}
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z'\-]{2,}")


@dataclass(frozen=True)
class QuestionShape:
    """``counted`` is the normalised head noun of a "how many X" question (else ``None``);
    ``names`` are the proper names the question mentions, lower case (months and weekdays excluded)."""

    counted: str | None
    asks_quantity: bool
    names: frozenset[str]


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
        w.lower() for w in _CAPITALISED.findall(question) if w.lower() not in _MONTHS and w.lower() not in STOPWORDS
    )
    return QuestionShape(counted=counted, asks_quantity=asks_quantity, names=names)
