"""Dates: month and weekday names, the year pattern, how precisely a text states a date,
and the date a document states about itself (shown next to its citations).

``stated_date``:

Looked for in the first :data:`HEAD_CHARS` characters of the text, in this order:

1. a labelled line such as ``Date: 12 March 2021`` or ``Incident date (annotated): 2010-05-10``
   (a label containing the word "date", then a colon);
2. the first full date written as ``2010-05-10``, ``May 11, 2010``, ``11 May 2010`` or
   ``May 11 2010``.

A candidate counts only when ``dateutil`` parses it to a real calendar day; month-only or
year-only mentions are not dates.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as date_parser

HEAD_CHARS = 3000
"""Only the head of a document is searched: a report's own date is stated near its top."""

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
"""Full month names, lower case, January first."""

MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
"""Abbreviated month names, lower case (May has none)."""

MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{short: next(i for i, name in enumerate(MONTH_NAMES, start=1) if name.startswith(short[:3]))
       for short in MONTH_ABBREVIATIONS},
}
"""Month names and abbreviations (lower case) and their numbers 1-12."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Weekday names, lower case, Monday first (``date.weekday()`` order)."""

MONTH_PATTERN = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
                 r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
"""A month name or abbreviation (no trailing dot), for use inside other patterns."""

YEAR_PATTERN = r"(?:1[5-9]|20)\d\d"
"""A four-digit year from 1500 to 2099, for use inside other patterns."""

YEAR = re.compile(rf"\b({YEAR_PATTERN})\b")
"""A year as a whole word; group 1 is the year."""


def is_calendar_word(word: str) -> bool:
    """``word`` (any case, a trailing dot ignored) names a month or a weekday."""
    lowered = word.lower().rstrip(".")
    return lowered in MONTHS or lowered in WEEKDAYS


def mentions_month(text: str, month: int) -> bool:
    """``text`` names the month (full name or abbreviation, any case) or has an ISO date in it."""
    names = [name for name, number in MONTHS.items() if number == month]
    pattern = r"\b(?:" + "|".join(names) + r")\b|\b\d{4}-" + f"{month:02d}" + r"-\d{2}\b"
    return re.search(pattern, text, re.IGNORECASE) is not None


_MONTH = MONTH_PATTERN + r"\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_FULL_DATE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}})\b",
    re.IGNORECASE,
)
_FULL_DATE_STRENGTH = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
)
_PARTIAL_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}|\b{_MONTH},?\s+\d{{4}}\b")


def date_strength(text: str, known_years: frozenset[str] = frozenset()) -> float:
    """How precisely ``text`` states a date: 1.0 full date (day, month, year), 0.5 day and month
    or month and year, 0.25 a year not in ``known_years``, else 0."""
    if _FULL_DATE_STRENGTH.search(text):
        return 1.0
    if _PARTIAL_DATE.search(text):
        return 0.5
    if any(year not in known_years for year in YEAR.findall(text)):
        return 0.25
    return 0.0

_LABELLED = re.compile(r"^[^\S\n]*[\w ()/-]*\bdate\b[\w ()/-]*:[^\S\n]*(?P<value>.+)$", re.IGNORECASE | re.MULTILINE)


def stated_date(text: str) -> date | None:
    """The document's stated date (see the module docstring), or ``None`` when it states none."""
    head = text[:HEAD_CHARS]
    for match in _LABELLED.finditer(head):
        found = _first_date(match.group("value"))
        if found is not None:
            return found
    return _first_date(head)


def _first_date(text: str) -> date | None:
    for match in _FULL_DATE.finditer(text):
        try:
            return date_parser.parse(match.group(0), fuzzy=False).date()
        except (ValueError, OverflowError):
            continue
    return None
