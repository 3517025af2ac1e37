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
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[^\W\d_][\w'’\-]*\w")  # any script; filtered to upper case
_POSSESSIVE = re.compile(r"['’]s$")


_ASKS_NAME = re.compile(
    r"\bwhat\s+(was|is|were|are)\s+(the\s+)?(\w+\s+)?names?\b|^\W*name\b"
    r"|\bwhich\s+(\w+\s+)?(leader|commander|person|man|woman|individual|official|group|company|country|team|player)\b"
    r"|\b(also\s+known|other\s+name|called)\b",
    re.IGNORECASE,
)
_WHICH = re.compile(r"\b(?:which|what)\s+([A-Za-z]+)", re.IGNORECASE)
_ASKS_WHO = re.compile(r"^\W*(who|whom|whose)\b", re.IGNORECASE)
_ASKS_TIME = re.compile(
    r"^\W*when\b|\b(what|which)\s+(year|date|day|month)\b|\b(release|premiere|launch|air)\s+date\b|\bhow\s+long\s+ago\b",
    re.IGNORECASE,
)
_MONTH_NUMBER = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH_WORD = re.compile(r"\b([A-Z][a-z]+)\b")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class QuestionShape:
    """What the question asks for.

    ``counted``: the normalised head noun of a "how many X" question, else ``None``.
    ``asks_quantity``: a "how many/how much/what number" question.
    ``asks_name``: a what-name/which-leader/also-known-as question, answered by a proper name.
    ``asks_who``: a who/whom/whose question (often a name, sometimes a description).
    ``names``: proper names the question mentions, lower case (months and weekdays excluded).
    ``years``: four-digit years the question mentions.
    ``words``: every normalised word of the question.
    ``months``: month numbers (1-12) the question names.
    ``asks_time``: a when/what-date question, answered by a time expression.
    ``asked_noun``: the X of "which X" / "what X" (normalised), when X is a noun.
    """

    counted: str | None
    asks_quantity: bool
    asks_name: bool
    names: frozenset[str]
    years: frozenset[str]
    words: frozenset[str]
    asked_noun: str | None = None
    asks_time: bool = False
    months: frozenset[int] = frozenset()
    asks_who: bool = False


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
        name for name in (_POSSESSIVE.sub("", w).lower() for w in _CAPITALISED.findall(question) if w[0].isupper())
        if len(name) >= 3 and name not in MONTHS and name not in STOPWORDS
    )
    return QuestionShape(
        counted=counted,
        asks_quantity=asks_quantity,
        asks_name=bool(_ASKS_NAME.search(question)) and not asks_quantity,
        names=names,
        years=frozenset(_YEAR.findall(question)),
        words=frozenset(normalize(t) for t in tokens(question)),
        asked_noun=_asked_noun(question),
        asks_time=bool(_ASKS_TIME.search(question)),
        asks_who=bool(_ASKS_WHO.search(question)),
        months=frozenset(_MONTH_NUMBER[m.lower()] for m in _MONTH_WORD.findall(question) if m.lower() in _MONTH_NUMBER),
    )


def _asked_noun(question: str) -> str | None:
    match = _WHICH.search(question)
    if not match or match.group(1).lower() in STOPWORDS or match.group(1).lower() in _NP_END:
        return None
    return normalize(match.group(1))


def mentions_month(text: str, month: int) -> bool:
    """``text`` names the month (full name or abbreviation, any case) or has an ISO date in it."""
    names = [name for name, number in _MONTH_NUMBER.items() if number == month]
    pattern = r"\b(?:" + "|".join(names) + r")\b|\b\d{4}-" + f"{month:02d}" + r"-\d{2}\b"
    return re.search(pattern, text, re.IGNORECASE) is not None
