"""Sentence spans and the small amount of language knowledge the extractive answerer uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_ABBREVIATIONS = re.compile(
    r"\b(?:[A-Z]|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|U\.S|No|vs|etc|e\.g|i\.e)\.$"
)
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")

NUMBER_WORDS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "dozen", "dozens", "hundreds", "thousands",
}

STOPWORDS = frozenset(
    """a an the and or but of in on at to for from by with about as into over after before during
    what which who whom whose when where why how many much is are was were be been being do does did
    has have had this that these those it its their there they he she his her him them we you i
    not no than then so such can could would should will may might also other another same
    name named called kind type number""".split()
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


def tokens(text: str) -> list[str]:
    """Lower-case word tokens."""
    return [t.lower() for t in _TOKEN.findall(text)]


def mentions_word(text: str, word: str) -> bool:
    """``word`` occurs in ``text`` as a whole word (not inside a longer word: "Archi" is
    not in "searching"); case-sensitive, so pass both in lower case to ignore case."""
    return re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text) is not None


def normalize(token: str) -> str:
    """A crude stem: lower case, possessive and plural endings removed."""
    token = token.lower().replace("’", "'")
    if token.endswith("'s"):
        token = token[:-2]
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def content_terms(text: str) -> set[str]:
    """Normalised tokens of ``text`` that are not stop words."""
    return {normalize(t) for t in tokens(text) if t not in STOPWORDS}


def is_number(token: str) -> bool:
    """A token that states a quantity: digits or an English number word."""
    token = token.lower()
    return bool(re.fullmatch(r"\d[\d,.]*", token)) or token in NUMBER_WORDS or bool(
        re.fullmatch(r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-\w+", token)
    )


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
)
_PARTIAL_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}|\b{_MONTH},?\s+\d{{4}}\b")
_YEAR_ONLY = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def date_strength(text: str, known_years: frozenset[str] = frozenset()) -> float:
    """How precisely ``text`` states a date: 1.0 full date (day, month, year), 0.5 day and month
    or month and year, 0.25 a year not in ``known_years``, else 0."""
    if _FULL_DATE.search(text):
        return 1.0
    if _PARTIAL_DATE.search(text):
        return 0.5
    if any(year not in known_years for year in _YEAR_ONLY.findall(text)):
        return 0.25
    return 0.0
