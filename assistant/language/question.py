"""What a question asks for, read from its wording: the answer type, the names, years and
months it mentions (:func:`analyse`), and the place, time, source and counted thing it names
as written (:func:`place_phrases`, :func:`time_phrases`, :func:`source_phrases`,
:func:`counted_phrase`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import regex

from .dates import (
    MONTH_PATTERN,
    MONTHS,
    YEAR,
    YEAR_PATTERN,
    Period,
    find_dates,
    is_calendar_word,
    month_period,
)
from .names import NAME_WORD, capitalised_words, inner_capitalised_words, name_key
from .tokens import STOPWORDS, normalize, tokens

_HOW_MANY = re.compile(r"\bhow\s+many\s+(?P<np>[A-Za-z][A-Za-z'\- ]*)", re.IGNORECASE)
_NP_END = {
    "were", "was", "are", "is", "did", "do", "does", "have", "has", "had", "in", "of", "on", "during",
    "after", "by", "at", "from", "for", "with", "that", "who", "which", "reported", "killed", "detained",
}


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
        name for name in (name_key(w) for w in inner_capitalised_words(question))
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
    rf"\b(?P<prep>{_PLACE_PREPOSITIONS})\s+(?P<object>(?:the\s+)?(?:(?:{_PLACE_WORDS})\s+of\s+)?(?:{NAME_WORD})(?:[\s-]+(?:{NAME_WORD}|{_PLACE_WORDS}|of|al|el|e|ye|wa)(?![\p{{L}}\p{{M}}\p{{Nd}}]))*"
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


_OF_PLACE = regex.compile(
    rf"\bof\s+(?P<object>(?:the\s+)?(?:{NAME_WORD})(?:[\s-]+(?:{NAME_WORD}|of|al|el|e|ye|wa)(?![\p{{L}}\p{{M}}\p{{Nd}}]))*\s+(?:{_PLACE_WORDS}))\b",
)
_NAMED_PLACE = regex.compile(
    rf"(?P<object>(?:{NAME_WORD})(?:[\s-]+(?:{NAME_WORD}|al|el|e|ye|wa)(?![\p{{L}}\p{{M}}\p{{Nd}}]))*\s+(?:{_PLACE_WORDS}))\b",
)


def place_phrases(question: str) -> list[str]:
    """The places a question names, as written with their preposition: ``"in Shah Joy
    district, Zabul province"``, ``"near the town of Tëren"``, and, when a place word ends
    them, after "of" or without a preposition (``"the districts of Logar province"``, ``"does
    Ras al-Kamar district appear"``).  Months and years are not places."""
    found = []
    taken = []
    for match in _PLACE_OBJECT.finditer(question):
        first = match.group("object").removeprefix("the ").split()[-1]
        if not is_calendar_word(first) and not YEAR.fullmatch(first):
            found.append(match.group(0))
            taken.append(match.span())
    for pattern in (_OF_PLACE, _NAMED_PLACE):
        for match in pattern.finditer(question):
            if not any(a <= match.start() < b or a < match.end() <= b for a, b in taken):
                found.append(match.group(0))
                taken.append(match.span())
    return found


_SOURCE_VERBS = r"published|issued|released|written|put\s+out|posted|authored|produced"
_REPORT_WORDS = r"reports?|releases?|updates?|bulletins?|statements?|briefings?"
_ACTIVE_SOURCE = regex.compile(  # "how many reports did X publish", "how many bulletins has X issued"
    rf"(?<=\b(?:{_REPORT_WORDS})\s+)(?:did|does|do|has|have|had)\s+(?P<name>[^?,;:!]+?)\s+"
    rf"(?:publish|issue|release|write|put\s+out|post|author|produce|{_SOURCE_VERBS})\b",
    regex.IGNORECASE,
)
_SOURCE = regex.compile(
    rf"\b(?:(?:{_SOURCE_VERBS})\s+by|(?:{_REPORT_WORDS})\s+(?:from|by))"
    rf"\s+(?P<name>[^?,;:!]+)"
    rf"|{_ACTIVE_SOURCE.pattern}",
    regex.IGNORECASE,
)


def source_phrases(question: str) -> list[tuple[int, str]]:
    """Where a question names who issued the reports, and the words that follow, up to the
    next punctuation: ``"reports published by the Office for Humanitarian Coordination in
    Valdoria (OHCV)?"`` -> ``[(start, "the Office for Humanitarian Coordination in Valdoria
    (OHCV)")]``; in the active voice, the words between the auxiliary and the verb of
    issuing (``"how many reports did Brightwater Aid publish?"`` -> ``"Brightwater Aid"``).  Which leading part of those words is the source's name is for the caller
    to decide (the index knows its sources: :func:`name_prefixes`)."""
    return [(m.start("name"), m.group("name").rstrip()) for m in _SOURCE.finditer(question)]


def passive_source(question: str) -> str | None:
    """``question`` with its active-voice source phrase made passive, the form a count reads
    its scope words from (``"How many reports did Brightwater Aid publish?"`` -> ``"How many
    reports were published by Brightwater Aid?"``), or ``None`` when it has none."""
    found = _ACTIVE_SOURCE.search(question)
    if found is None:
        return None
    return f"{question[:found.start()]}were published by {found.group('name')}{question[found.end():]}"


def name_prefixes(words: str) -> list[str]:
    """The leading word runs of ``words``, longest first, without a leading "the" and without
    an unclosed parenthesis, never ending between two capitalised words (inside a name):
    ``"OHCV in May"`` -> ``["OHCV in May", "OHCV in", "OHCV"]``, ``"Tamsel News Agency"`` ->
    ``["Tamsel News Agency"]``."""
    parts = words.split()
    if parts and parts[0].lower() == "the":
        parts = parts[1:]
    out = []
    for n in range(len(parts), 0, -1):
        text = " ".join(parts[:n])
        if n < len(parts) and parts[n - 1][:1].isupper() and parts[n][:1].isupper():
            continue  # never inside a name: "Kestrany News Agency" gives no "Kestrany"
        if text.count("(") == text.count(")"):
            out.append(text)
    return out


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


# ----- the reports a question is about: its period and its places ---------------------------

_BETWEEN = regex.compile(
    rf"\b(?:between|from)\s+(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<m1>{MONTH_PATTERN})\.?(?:\s+(?P<y1>{YEAR_PATTERN}))?"
    rf"\s+(?:and|to|until|till|-)\s+(?:(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<m2>{MONTH_PATTERN})\.?(?:\s+(?P<y2>{YEAR_PATTERN}))?\b",
    regex.IGNORECASE,
)
_MONTH_SERIES = regex.compile(
    rf"\b(?:in|during|over|throughout)\s+(?P<months>{MONTH_PATTERN}(?:\s*,\s*{MONTH_PATTERN})*\s*,?\s+(?:and|or|&)\s+"
    rf"{MONTH_PATTERN})\.?(?:\s+(?P<year>{YEAR_PATTERN}))?\b",
    regex.IGNORECASE,
)
"""Consecutive months named as a series ("in March and April 2024", "during May, June or July"): the period
from the first month's first day to the last month's last day; months that skip one are no range."""
_BETWEEN_YEARS = regex.compile(rf"\b(?:between|from)\s+(?P<y1>{YEAR_PATTERN})\s+(?:and|to|until|-)\s+(?P<y2>{YEAR_PATTERN})\b",
                               regex.IGNORECASE)
_RELATIVE_SPAN = regex.compile(r"\b(?:in\s+|during\s+|over\s+|of\s+)?(?:the\s+)?(?P<which>last|past|previous)\s+"
                               r"(?:(?P<n>\d+|two|three|four|five|six|seven|ten)\s+)?(?P<unit>days?|weeks?|months?|years?)\b",
                               regex.IGNORECASE)
_RELATIVE_DAY = regex.compile(r"\b(?P<word>yesterday|today)\b", regex.IGNORECASE)
_BOUND = regex.compile(rf"\b(?P<bound>since|after|before|until|by)\s+(?P<rest>(?:\d{{1,2}}\s+)?{MONTH_PATTERN}\.?(?:\s+\d{{1,2}},?)?(?:\s+{YEAR_PATTERN})?|{YEAR_PATTERN})\b",
                       regex.IGNORECASE)
_MONTH_YEAR = regex.compile(rf"\b(?P<month>{MONTH_PATTERN})\.?,?\s+(?P<year>{YEAR_PATTERN})\b", regex.IGNORECASE)
_MONTH_ALONE = regex.compile(rf"\b(?:in|during|of|for)\s+(?:early\s+|late\s+|mid-)?(?P<month>{MONTH_PATTERN})\b(?!\s*\d)")
_YEAR_ALONE = regex.compile(rf"\b(?:in|during|of|for|throughout)\s+(?P<year>{YEAR_PATTERN})\b", regex.IGNORECASE)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
_SPAN_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def read_period(question: str, newest: date | None = None, *, years: tuple[int, int] | None = None) -> Period | None:
    """The period a question is about, as a range of days with the words it was read from,
    or ``None``.

    Read, first match wins: a range ("between March and June 2011", "from 3 to 20 May"
    is not read), consecutive months ("in March and April 2024"), relative spans ("last week", "the past 3 months": the days up to
    ``newest``, the newest report date in the index, never today), "yesterday"/"today"
    (relative to ``newest``), a full date ("on 12 May 2010", "2010-05-12"), a day and month
    ("on 12 May": the latest such day on or before ``newest``), a bound before a day ("after 15 March
    2023": from the next day on; "since" and "until" include the day, "before" excludes it), month
    and year ("in May 2010"), a bound ("since March 2011", "before 2012"), a month alone ("in May": the
    latest May up to ``newest``) and a year ("in 2010").  A year alone counts only within
    ``years`` (the indexed reports' first and last year) when given: "a bridge built in
    1931" is a fact, not the reports' period.
    """
    found = _BETWEEN.search(question)
    if found:
        return _between(found, newest)
    found = _MONTH_SERIES.search(question)
    if found:
        period = _month_series(found, newest)
        if period is not None:
            return period
    found = _BETWEEN_YEARS.search(question)
    if found:
        first, last = sorted((int(found.group("y1")), int(found.group("y2"))))
        return Period(date(first, 1, 1), date(last, 12, 31), found.group(0))
    found = _RELATIVE_SPAN.search(question)
    if found and newest is not None:
        unit = found.group("unit").lower().rstrip("s")
        count = found.group("n")
        n = int(count) if count and count.isdigit() else _COUNT_WORDS.get((count or "").lower(), 1)
        days = _SPAN_DAYS[unit] * n
        return Period(newest - timedelta(days=days - 1), newest, found.group(0).strip())
    found = _RELATIVE_DAY.search(question)
    if found and newest is not None:
        day = newest - timedelta(days=1) if found.group("word").lower() == "yesterday" else newest
        return Period(day, day, found.group(0))
    bounded = _bounded_day(question, newest)
    if bounded is not None:  # "after 15 March 2023": the days after it, not the day itself
        return bounded
    for mention in find_dates(question, base=newest, order=None):
        if mention.kind in ("full", "partial"):
            return Period(mention.value, mention.value, mention.text)
    found = _BOUND.search(question)
    if found:
        period = _bound(found, newest)
        if period is not None:
            return period
    found = _MONTH_YEAR.search(question)
    if found:
        start, end = month_period(int(found.group("year")), MONTHS[found.group("month").lower()])
        return Period(start, end, found.group(0))
    found = _MONTH_ALONE.search(question)
    if found and newest is not None:
        month = MONTHS[found.group("month").lower()]
        year = newest.year if month <= newest.month else newest.year - 1
        start, end = month_period(year, month)
        return Period(start, end, found.group(0))
    found = _YEAR_ALONE.search(question)
    if found:
        year = int(found.group("year"))
        if years is None or years[0] <= year <= years[1]:
            return Period(date(year, 1, 1), date(year, 12, 31), found.group(0))
    return None


def _month_series(found, newest: date | None) -> Period | None:
    """The period of consecutive months a :data:`_MONTH_SERIES` match names, its year given or the
    latest one up to ``newest`` in which the last month has begun; ``None`` when the months are not
    consecutive or no year can be told."""
    months = [MONTHS[m.lower()] for m in regex.findall(MONTH_PATTERN, found.group("months"), flags=regex.IGNORECASE)]
    if len(months) < 2 or any(b != a % 12 + 1 for a, b in zip(months, months[1:])):
        return None
    if found.group("year"):
        last_year = int(found.group("year"))
    elif newest is not None:
        last_year = newest.year if months[-1] <= newest.month else newest.year - 1
    else:
        return None
    first_year = last_year - (1 if months[0] > months[-1] else 0)  # "in December and January 2025"
    return Period(month_period(first_year, months[0])[0], month_period(last_year, months[-1])[1], found.group(0))


def _between(found, newest: date | None) -> Period | None:
    y2 = int(found.group("y2")) if found.group("y2") else (int(found.group("y1")) if found.group("y1") else None)
    if y2 is None:
        if newest is None:
            return None
        y2 = newest.year
    m1, m2 = MONTHS[found.group("m1").lower()], MONTHS[found.group("m2").lower()]
    y1 = int(found.group("y1")) if found.group("y1") else (y2 if m1 <= m2 else y2 - 1)
    start = date(y1, m1, int(found.group("d1"))) if found.group("d1") else month_period(y1, m1)[0]
    end = date(y2, m2, int(found.group("d2"))) if found.group("d2") else month_period(y2, m2)[1]
    return Period(start, end, found.group(0)) if start <= end else None


def _bounded_day(question: str, newest: date | None) -> Period | None:
    """The open range a bound word opens at a day ("since 20 March 2023", "before 1 June 2010",
    "after Sept. 1, 2012", "until 18 March"), or ``None`` when no bound word stands right before a
    day (a bound before a month or a year alone is read later, by :func:`_bound`)."""
    for found in _BOUND.finditer(question):
        rest = found.group("rest")
        if YEAR.fullmatch(rest):
            continue
        if any(m.kind in ("full", "partial") for m in find_dates(rest, base=newest)):
            return _bound(found, newest)
    return None


def _bound(found, newest: date | None) -> Period | None:
    rest = found.group("rest")
    if YEAR.fullmatch(rest):
        start, end = date(int(rest), 1, 1), date(int(rest), 12, 31)
    else:
        day = find_dates(rest, base=newest)
        if day:
            start = end = day[0].value
        else:
            month_year = _MONTH_YEAR.search(rest)
            if not month_year:
                return None
            start, end = month_period(int(month_year.group("year")), MONTHS[month_year.group("month").lower()])
    bound = found.group("bound").lower()
    if bound in ("since", "after"):
        return Period(start if bound == "since" else end + timedelta(days=1), date.max, found.group(0))
    return Period(date.min, end if bound in ("until", "by") else start - timedelta(days=1), found.group(0))


def place_names(question: str) -> list[str]:
    """The place names of :func:`place_phrases`, most specific first: ``"in Vesk district,
    Karvesh province"`` -> ``["Vesk", "Karvesh"]``; ``"near the town of Orrin"`` -> ``["Orrin"]``;
    a capitalised question or function word before the name is no part of it (``"Which Vesk
    district villages ..."`` -> ``["Vesk"]``, :data:`~assistant.language.tokens.STOPWORDS`)."""
    names = []
    for phrase in place_phrases(question):
        body = regex.sub(rf"^(?:{_PLACE_PREPOSITIONS}|of)\s+(?:the\s+)?", "", phrase)
        body = regex.sub(rf"^(?:{_PLACE_WORDS})\s+of\s+", "", body)
        for part in body.split(","):
            name = regex.sub(rf"(?:\s+(?:{_PLACE_WORDS}))+$", "", part.strip())
            words = name.split(" ")
            while len(words) > 1 and words[0].lower() in STOPWORDS:  # "Which Khost province districts"
                words = words[1:]
            name = " ".join(words)
            if name and name[0].isupper() and name not in names:
                names.append(name)
    return names
