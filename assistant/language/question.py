"""What a question asks for, read from its wording: the answer type, the names, years and
months it mentions (:func:`analyse`), and the place, time and counted thing it names as
written (:func:`place_phrases`, :func:`time_phrases`, :func:`counted_phrase`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from .dates import MONTH_PATTERN, MONTHS, YEAR, YEAR_PATTERN, is_calendar_word
from .names import NAME_WORD, capitalised_words, inner_capitalised_words
from .tokens import STOPWORDS, normalize, tokens

_HOW_MANY = re.compile(r"\bhow\s+many\s+(?P<np>[A-Za-z][A-Za-z'\- ]*)", re.IGNORECASE)
_NP_END = {
    "were", "was", "are", "is", "did", "do", "does", "have", "has", "had", "in", "of", "on", "during",
    "after", "by", "at", "from", "for", "with", "that", "who", "which", "reported", "killed", "detained",
}
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
        name for name in (_POSSESSIVE.sub("", w).lower() for w in inner_capitalised_words(question))
        if len(name) >= 3 and not is_calendar_word(name) and name not in STOPWORDS
    )
    return QuestionShape(
        counted=counted,
        asks_quantity=asks_quantity,
        asks_name=bool(_ASKS_NAME.search(question)) and not asks_quantity,
        names=names,
        years=frozenset(YEAR.findall(question)),
        words=frozenset(normalize(t) for t in tokens(question)),
        asked_noun=_asked_noun(question),
        asks_time=bool(_ASKS_TIME.search(question)),
        asks_who=bool(_ASKS_WHO.search(question)),
        months=frozenset(MONTHS[m.lower()] for m in capitalised_words(question) if m.lower() in MONTHS),
    )


_PLACE_PREPOSITIONS = r"in|at|near|from|around|outside|inside|across|throughout"
_PLACE_WORDS = r"district|province|village|city|town|area|region|county|state|valley|camp|border"
_PLACE_OBJECT = regex.compile(
    rf"\b(?P<prep>{_PLACE_PREPOSITIONS})\s+(?P<object>(?:the\s+)?(?:(?:{_PLACE_WORDS})\s+of\s+)?(?:{NAME_WORD})(?:[\s-]+(?:{NAME_WORD}|{_PLACE_WORDS}|of|al|el|e|ye|wa))*"
    rf"(?:,\s*(?:{NAME_WORD})(?:\s+(?:{NAME_WORD}|{_PLACE_WORDS}))*)*)",
)
_TIME = regex.compile(
    rf"\b(?:(?:in|during|on|since|before|after|by|of)\s+)?(?:early\s+|mid-|late\s+)?"
    rf"(?:{MONTH_PATTERN}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR_PATTERN}|\d{{1,2}}\s+{MONTH_PATTERN}\.?,?\s+{YEAR_PATTERN}"
    rf"|{MONTH_PATTERN}\.?,?\s+{YEAR_PATTERN}|{YEAR_PATTERN}|{MONTH_PATTERN}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)\b"
    rf"|\bbetween\s+{MONTH_PATTERN}\s+(?:{YEAR_PATTERN}\s+)?and\s+{MONTH_PATTERN}\s+{YEAR_PATTERN}\b"
    rf"|\b(?:in|during|since|before|after|by)\s+(?:early\s+|late\s+)?(?:{MONTH_PATTERN})\b"
    rf"|\b(?:last|this|next|that)\s+(?:week|month|year)\b|\b(?:yesterday|today)\b",
    regex.IGNORECASE,
)


def place_phrases(question: str) -> list[str]:
    """The places a question names, as written with their preposition: ``"in Shah Joy
    district, Zabul province"``, ``"near the town of Tëren"``.  Months and years are not places."""
    found = []
    for match in _PLACE_OBJECT.finditer(question):
        first = match.group("object").removeprefix("the ").split()[-1]
        if not is_calendar_word(first) and not YEAR.fullmatch(first):
            found.append(match.group(0))
    return found


def time_phrases(question: str) -> list[str]:
    """The times a question names, as written: ``"in May 2010"``, ``"on Aug. 2, 2012"``,
    ``"between March and June 2011"``, ``"last week"``."""
    return [m.group(0) for m in _TIME.finditer(question)]


def counted_phrase(question: str) -> str | None:
    """The words of X in "how many X ..." as written (``"suspected insurgents"``), or ``None``
    when "how many" is followed by a verb ("how many were detained")."""
    match = _HOW_MANY.search(question)
    if not match:
        return None
    words = []
    for word in match.group("np").split():
        if word.lower() in _NP_END:
            break
        words.append(word)
    return " ".join(words) or None


def _asked_noun(question: str) -> str | None:
    match = _WHICH.search(question)
    if not match or match.group(1).lower() in STOPWORDS or match.group(1).lower() in _NP_END:
        return None
    return normalize(match.group(1))
