"""Dates: month and weekday names, the year pattern, and the one date reader of the package.

Every stage reads dates through this module: the document's own date (its *report date*,
shown in the Sources panel and stored as filterable metadata), the dates of the events it
states, the incident records' dates, the dates of a filter and of a question.

Reading is in two steps: a pattern finds a candidate with its character span, then
``dateparser`` (https://dateparser.readthedocs.io) turns the candidate into a calendar
day.  Candidates:

* full dates: ``2010-05-12``, ``12 May 2010``, ``May 12, 2010``, ``Tuesday 23 April
  2019``, ``Oct. 10, 2011``, numeric ``5/12/2010`` or ``05.12.2010``;
* partial dates (day and month): ``14 May``, ``Tuesday, 14 May``, ``May 11`` -- the year
  is the report date's: the latest such day no later than 31 days after the report date,
  and when a weekday is written, the nearest year in which that day is that weekday;
* relative words, resolved against the report date: ``yesterday``, ``last night``,
  ``overnight`` (one day back), ``today``, ``tonight``, ``this morning`` (the day itself),
  a capitalised weekday (``on Monday``, ``last Tuesday``: the latest such day on or
  before the report date), never when it dates the statement rather than the event
  ("said on Monday" still counts: the rule is about the event sentence, see
  :mod:`assistant.incidents.dates` for the press-release rules);
* month and year (``May 2010``) and years are read by :func:`read_period` for questions
  and filters, not as event days.

**Numeric dates** (``5/12/2010``) are read month first (12 May 2010) unless the document
shows otherwise: a statement of the order ("day/month/year", "dd/mm/yyyy"), or one of its
numeric dates whose first number is over 12 (``25/02/2019``: day first) or whose second
is (``5/25/2010``: month first).  Why month first by default: the English-language press
releases this tool was built on (ISAF, US-led) write the month first, the issue's own
example reads ``5/12/2010`` as ``2010-05-12``, and month-before-day keeps the order of
ISO 8601 (``2010-05-12``).  A day-first report is recognised by its own evidence.

A document's **report date** (:func:`report_date`), looked for in the first
:data:`HEAD_CHARS` characters, in this order:

1. a labelled date: ``Date: 12 March 2021``, ``Date of issue: 05/03/2019``, ``Issued: 26
   April 2019``, ``published in Aldomir on 7 June 2019``, ``Incident date (annotated):
   2010-05-10`` (a label word -- date, dated, issued, published, released -- then a full
   date on the same line; also posted);
2. a dateline without its year in the first :data:`HEAD_LINES` non-empty lines
   (``KESTOWN, Monday 14 March (Agency) -``, ``LORN, May 3 (KNA) -``), its year settled by
   :func:`yearless_date`: the document's other full dates (a ``Published`` or ``Updated``
   line first, a footer too), else the weekday written by it (near the document's years, else
   near the collection's report dates), else the file's own date, else the one year that puts
   it inside the span of the collection's report dates; unsettled, it dates nothing;
3. the first full date in the first :data:`HEAD_LINES` non-empty lines (a dateline
   ``VESK, 12 April 2019 -``, ``KABUL, Afghanistan (May 11, 2010)``, a date under the
   title);
4. the first full date in the head;
5. a line of the first ones opening with a day without its year (``On 3 June, ...``),
   settled as in 2.

Nothing else: a document without one is *undated* (``None``), never given today's date
nor a year nobody wrote.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from .numbers import ORDINAL_PATTERN, ordinal_value

HEAD_CHARS = 3000
"""Only the head of a document is searched for its report date: a report's own date is stated near its top."""

HEAD_LINES = 8
"""A full date in the first this many non-empty lines is a dateline or a date under the title."""

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

WEEKDAY_PATTERN = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
"""A weekday name, for use inside other patterns."""

YEAR_PATTERN = r"(?:1[5-9]|20)\d\d"
"""A four-digit year from 1500 to 2099, for use inside other patterns."""

YEAR = re.compile(rf"\b({YEAR_PATTERN})\b")
"""A year as a whole word; group 1 is the year."""

RELATIVE_PERIOD_WORDS = ("last", "past", "previous", "yesterday", "today", "this", "next")
"""Words that make a period's meaning depend on the day it is read from ("last week", "this
month"): a period written with one is relative to the newest report, not a day of the calendar."""

DAY_FIRST = "DMY"
MONTH_FIRST = "MDY"
DEFAULT_ORDER = MONTH_FIRST
"""The order a numeric date is read in when its document gives no evidence (module docstring)."""


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
_DAY_WORD = rf"(?<=\bthe\s){ORDINAL_PATTERN}"
"""A day written as an ordinal word after "the" ("the twenty-first", never "a third")."""
_DAY_MONTH = rf"(?:{_DAY}\s+(?:day\s+of\s+|of\s+)?|{_DAY_WORD}\s+(?:day\s+)?of\s+){_MONTH}"
"""A day before its month: "14 May", "14th of May", "21st day of March", "the third of May"."""
_MONTH_DAY = rf"(?:{_MONTH}\s+{_DAY}\b|(?=(?-i:[A-Z])){_MONTH}\s+the\s+(?:{_DAY}\b|{ORDINAL_PATTERN}))"
"""A day after its month: "May 14", "May 14th", a capitalised month "March the 5th", "March the fifth"."""
_THE_YEAR = rf",?\s+(?:of\s+)?{YEAR_PATTERN}"
"""The year after a day and month: " 2023", ", 2023", " of 2023"."""
_WEEKDAY_PREFIX = rf"(?:(?P<weekday>{WEEKDAY_PATTERN}),?\s+(?:the\s+)?)?"
_NUMERIC_PATTERN = r"\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})"
"""A numeric date, day and month in the document's order (:func:`numeric_order`): "07/04/2031", "5.12.10"."""
_FULL_DATE_STRENGTH = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    r"|(?<![\w/.])\d{1,2}[/.]\d{1,2}[/.]\d{4}(?![\w/]|\.\d)"
    rf"|(?:{_DAY}\s+(?:day\s+)?of\s+|(?i:{_DAY_WORD})\s+(?:day\s+)?of\s+){_MONTH}{_THE_YEAR}\b"
    rf"|{_MONTH}\s+(?:the\s+(?:{_DAY}\b|(?i:{ORDINAL_PATTERN})),?\s+(?:of\s+)?|{_DAY}\s+of\s+){YEAR_PATTERN}\b"
)
_NUMERIC_DATE = re.compile(_NUMERIC_PATTERN)


def is_numeric_date(text: str) -> bool:
    """``text`` is a numeric date ("07/04/2031", "5.12.10"), whose day and month depend on the
    document's order (:func:`numeric_order`)."""
    return bool(_NUMERIC_DATE.fullmatch(text.strip()))


_PARTIAL_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}|\b{_MONTH},?\s+\d{{4}}\b"
                           rf"|(?:{_DAY}\s+(?:day\s+)?of\s+|(?i:{_DAY_WORD})\s+(?:day\s+)?of\s+){_MONTH}"
                           rf"|{_MONTH}\s+the\s+(?:{_DAY}\b|(?i:{ORDINAL_PATTERN}))")


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


_DATELINE = re.compile(
    rf"\W*(?:[^\W\d_][\w.'-]*,?\s+){{0,6}}?\(?\s*(?:{_FULL_DATE_STRENGTH.pattern}|{_PARTIAL_DATE.pattern})"
    r"\s*\)?\s*(?:[-\u2013\u2014:]|\.\.\.|\u2026)"
)


def dateline_split(text: str) -> tuple[str, str]:
    """``(dateline, body)`` of a passage that opens with the date it was issued, at most six words
    after its start and followed by a dash, a colon or an ellipsis ("Nov 8, 2019 ... Diablo 3 was
    released", "ORLAN, Merovia (August 4) - Troops"); ``("", text)`` when it opens with none.  The
    dateline states when the report was written, which is rarely the date a question asks for."""
    end = 0
    for _ in range(2):  # a web snippet's date and the page's own ("Sep 13, 2022 — Sep 13, 2022 ...")
        found = _DATELINE.match(text, end)
        if found is None:
            break
        end = found.end()
    return text[:end], text[end:]


DURATION_UNITS = ("second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year", "decade", "century")
"""Units of a length of time ("five years", "48 hours")."""

_DURATION = re.compile(
    r"\b(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|"
    r"[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|couple of)(?:[- ][a-z]+)?[- ]"
    rf"(?:{'|'.join(DURATION_UNITS)})s?\b|\b(?:{'|'.join(DURATION_UNITS)})s\b",
    re.IGNORECASE,
)


def is_duration(text: str) -> bool:
    """``text`` states a length of time ("the past five years", "48 hours", "three-day", "for
    months"), not a point in time ("yesterday", "3 June 2019")."""
    return _DURATION.search(text) is not None


_POINT_IN_TIME = re.compile(r"\b(?:ago|later|earlier|before|after|since|previous|next)\b", re.IGNORECASE)
"""Words that make a length of time a point reached by it ("two weeks *ago*", "three days *later*")."""


def is_length_of_time(text: str) -> bool:
    """``text`` states a length of time ("the hours", "48 hours", "a two-hour premiere", :func:`is_duration`)
    and not a point reached by one ("two weeks ago", "three days later") or a period it dates ("the early
    months of 1754": a year, a month or a day named): no answer to "when"."""
    return is_duration(text) and not _POINT_IN_TIME.search(text) and not YEAR.search(text) \
        and date_strength(text) == 0 and not any(w.lower() in MONTHS or is_calendar_word(w) for w in text.split())


# ----- the reader ---------------------------------------------------------------------------

@dataclass(frozen=True)
class DateMention:
    """A date stated in a text: ``text[start:end]`` reads as the day ``value``.

    ``kind``: ``"full"`` (day, month and year written), ``"partial"`` (day and month; the
    year from the report date) or ``"relative"`` (a word such as "yesterday" or "Monday",
    resolved against the report date).
    """

    value: date
    start: int
    end: int
    text: str
    kind: str = "full"


@dataclass(frozen=True)
class ReportDate:
    """A document's own date and where it was read: ``how`` is ``"label"`` (a ``Date:`` or
    ``Issued:`` line), ``"head"`` (a dateline or a date in the first lines) or ``"file"``
    (the file's own date field: PDF ``CreationDate``, HTML ``date`` meta, DOCX ``created``;
    then ``start == end == 0`` and ``text`` names the field)."""

    value: date
    start: int
    end: int
    text: str
    how: str


_ISO = rf"(?P<iso>{YEAR_PATTERN}-\d{{2}}-\d{{2}})"
_NUMERIC = rf"(?P<numeric>{_NUMERIC_PATTERN})"
_DMY = rf"(?P<dmy>{_DAY_MONTH}{_THE_YEAR})"
_MDY = rf"(?P<mdy>{_MONTH_DAY}{_THE_YEAR})"
_DM = rf"(?P<dm>{_DAY_MONTH})"
_MD = rf"(?P<md>{_MONTH_DAY})"
_RELATIVE = (rf"(?P<relative>yesterday|today|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening)"
             rf"|(?:(?:last|on|this\s+past)\s+)?(?P<day_word>{WEEKDAY_PATTERN})(?![’']s))")
_FULL = re.compile(rf"(?<![\w/.])(?:{_WEEKDAY_PREFIX}(?:{_DMY}|{_MDY})|{_ISO}|{_NUMERIC})(?![\w/-]|\.\d)", re.IGNORECASE)
_ANY = re.compile(
    rf"(?<![\w/.])(?:{_WEEKDAY_PREFIX}(?:{_DMY}|{_MDY}|{_DM}|{_MD}(?!\s*,?\s*\d))|{_ISO}|{_NUMERIC}|{_RELATIVE})(?![\w/-]|\.\d)",
    re.IGNORECASE,
)
_ORDER_STATED = re.compile(r"\b(?P<first>day|dd|month|mm)\s*/\s*(?:month|mm|day|dd)\s*/\s*(?:year|yyyy|yy)\b", re.IGNORECASE)
_NUMERIC_PARTS = re.compile(r"(?<![\w/.])(\d{1,2})[/.](\d{1,2})[/.](?:\d{4}|\d{2})(?![\w/]|\.\d)")
_LABEL = re.compile(r"\b(?:date|dated|issued|published|released|posted)\b", re.IGNORECASE)
_ANCHOR_LABEL = re.compile(r"\b(?:date|dated|issued|published|released|posted|updated|modified|edited)\b", re.IGNORECASE)
"""The label words of a line whose full date settles a yearless dateline first (an updated line too)."""


def numeric_order(text: str) -> str:
    """The order numeric dates of ``text`` are read in: :data:`DAY_FIRST` or
    :data:`MONTH_FIRST` (see the module docstring for the evidence used and why the
    default is :data:`DEFAULT_ORDER`); a text whose numeric dates are all written with dots
    ("10.03.2031") and show no order is read day first, as that form is written in Europe."""
    stated = _ORDER_STATED.search(text)
    if stated:
        return DAY_FIRST if stated.group("first").lower() in ("day", "dd") else MONTH_FIRST
    separators = set()
    for match in _NUMERIC_PARTS.finditer(text):
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            return DAY_FIRST
        if second > 12 >= first:
            return MONTH_FIRST
        separators.add(text[match.end(1)])
    if separators == {"."}:  # "10.03.2031": numeric dates written with dots are day first (European usage)
        return DAY_FIRST
    return DEFAULT_ORDER


@lru_cache(maxsize=8192)
def _dateparser(text: str, order: str, base: date | None) -> date | None:
    import dateparser

    settings = {"DATE_ORDER": order, "PREFER_DATES_FROM": "past", "STRICT_PARSING": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):  # dateparser raises on some impossible days
        return None
    return parsed.date() if parsed is not None else None


def parse_date(text: str, *, order: str = DEFAULT_ORDER) -> date | None:
    """One full date written by itself (``"12 May 2010"``, ``"2010-05-12"``, ``"5/12/2010"``
    read in ``order``), or ``None`` when ``text`` is not one real calendar day."""
    match = _FULL.fullmatch(text.strip())
    return _value(match, order, None) if match else None


def _value(match: re.Match, order: str, base: date | None) -> date | None:
    groups = match.groupdict()
    if groups.get("iso"):
        try:
            return date.fromisoformat(groups["iso"])
        except ValueError:
            return None
    if groups.get("numeric"):
        return _dateparser(groups["numeric"].replace(".", "/"), order, None)
    for name in ("dmy", "mdy"):
        if groups.get(name):
            return _dateparser(_plain(groups[name]), order, None)
    if base is None:
        return None
    for name in ("dm", "md"):
        if groups.get(name):
            return _partial(_plain(groups[name]), groups.get("weekday"), base)
    if groups.get("relative"):
        return _relative(groups["relative"], groups.get("day_word"), base)
    return None


_ORDINAL_WORD = re.compile(ORDINAL_PATTERN, re.IGNORECASE)


def _plain(text: str) -> str:
    """``"23rd of April, 2019"`` -> ``"23 April 2019"``, ``"the twenty-first day of March"`` ->
    ``"21 March"``, ``"March the 5th of 2021"`` -> ``"March 5 2021"`` (what dateparser reads reliably)."""
    text = _ORDINAL_WORD.sub(lambda m: str(ordinal_value(m.group(0))), text)
    return re.sub(r"\s+", " ", re.sub(r"(\d)(?:st|nd|rd|th)\b|\b(?:of|the|day)\b|,", r"\1", text,
                                     flags=re.IGNORECASE)).strip()


def _partial(text: str, weekday: str | None, base: date) -> date | None:
    """A day and month without a year: see the module docstring."""
    day_month = _dateparser(f"{text} {base.year}", MONTH_FIRST, None)
    if day_month is None:
        return None
    candidates = []
    for year in (base.year + 1, base.year, base.year - 1, base.year - 2):
        try:
            candidates.append(day_month.replace(year=year))
        except ValueError:  # 29 February
            continue
    if weekday:
        matching = [d for d in candidates if d.weekday() == WEEKDAYS.index(weekday.lower())]
        if matching:
            return min(matching, key=lambda d: abs((d - base).days))
    allowed = [d for d in candidates if d <= base + timedelta(days=31)]
    return max(allowed) if allowed else None


def _relative(word: str, day_word: str | None, base: date) -> date | None:
    lowered = " ".join(word.lower().split())
    if day_word:
        if not day_word[0].isupper():  # "a monday" in running text is rarely a date
            return None
        return base - timedelta(days=(base.weekday() - WEEKDAYS.index(day_word.lower())) % 7)
    if lowered in ("yesterday", "last night", "overnight"):
        return base - timedelta(days=1)
    return base  # today, tonight, this morning/afternoon/evening


def find_dates(text: str, *, base: date | None = None, order: str | None = None,
               start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date stated in ``text[start:end]``, in text order, with its span.

    ``base`` (the report date) resolves partial dates and relative words; without it only
    full dates are read.  ``order``: how numeric dates are read (default: the order
    :func:`numeric_order` finds in ``text``).  A candidate that is no real calendar day
    (``31 February 2020``, ``2010-13-01``) is skipped.
    """
    order = order or numeric_order(text)
    pattern = _ANY if base is not None else _FULL
    found = []
    for match in pattern.finditer(text, start, len(text) if end is None else end):
        value = _value(match, order, base)
        if value is None:
            continue
        groups = match.groupdict()
        kind = "relative" if groups.get("relative") else "partial" if groups.get("dm") or groups.get("md") else "full"
        stop = match.end() - 1 if re.search(r"(?:[a-z]{4}|\bmay)\.$", match.group(0), re.IGNORECASE) else match.end()
        found.append(DateMention(value, match.start(), stop, text[match.start() : stop], kind))
    return found


NearDates = Sequence[date] | Callable[[], Sequence[date]]
"""The collection's dated reports a yearless dateline's weekday is placed near: the dates, or a
function returning them (called only when a report needs them)."""


def report_date(text: str, *, file_date: date | None = None, file_field: str = "",
                near: NearDates = ()) -> ReportDate | None:
    """The document's own date (see the module docstring), else ``file_date`` (the file's
    date field, named by ``file_field``) marked ``how="file"``, else ``None``: undated.

    A dateline or an opening sentence without its year (:func:`yearless_date`) is settled by
    the document's other full dates, its weekday (near the document's years, else near the
    collection's report dates ``near``) or ``file_date``; unsettled, it dates nothing."""
    head = text[:HEAD_CHARS]
    order = numeric_order(text)
    for line in re.finditer(r"[^\n]+", head):
        label = _LABEL.search(line.group(0))
        if label is None:
            continue
        after = line.start() + label.end()
        found = find_dates(text, order=order, start=after, end=min(line.end(), after + 60))
        if found:
            return _report(found[0], "label")
    lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", head)][:HEAD_LINES]
    settled = yearless_dateline(text, order=order, file_date=file_date, near=near)
    if settled is not None:
        return settled
    if lines:
        found = find_dates(text, order=order, start=0, end=lines[-1].end())
        if found:
            return _report(found[0], "head")
    found = find_dates(head, order=order)
    if found:
        return _report(found[0], "head")
    opening = next((m for line in lines if (m := _YEARLESS_OPENING.match(text, line.start(), line.end()))), None)
    if opening is not None:
        settled = yearless_date(text, opening, order=order, file_date=file_date, near=near)
        if settled is not None:
            return settled
    if file_date is not None:
        return ReportDate(file_date, 0, 0, file_field or "file date", "file")
    return None


_YEARLESS = rf"(?P<date>{_WEEKDAY_PREFIX}(?:{_DM}|{_MD}))(?![\w/-]|[^\S\n]*,?[^\S\n]*\d)"
_YEARLESS_DATELINE = re.compile(
    rf"[^\S\n]*(?:\*\*|__)?(?:[^\W\d_][\w.'-]*,?[^\S\n]+){{0,6}}?\(?[^\S\n]*{_YEARLESS}[^\S\n]*\)?[^\S\n]*"
    rf"(?:\([^()\n]{{1,60}}\)[^\S\n]*)?(?:[-\u2013\u2014:]|\.\.\.|\u2026)", re.IGNORECASE)
"""A dateline without its year at the start of a line: "KESTOWN, Monday 14 March (Agency) -",
"LORN, May 3 (KNA) -", "(June 14) -"; never a list item ("- **Tobrin road, 7 Mar:** ...")."""
_YEARLESS_OPENING = re.compile(rf"[^\S\n]*(?:(?:on|by|late\s+on|early\s+on)[^\S\n]+)?{_YEARLESS}[^\S\n]*(?:,|$)",
                               re.IGNORECASE)
"""A line opening with a day and month without the year ("On 3 June, ...", a line "Monday 14
March" under the title)."""


def yearless_dateline(text: str, *, order: str | None = None, file_date: date | None = None,
                      near: NearDates = ()) -> ReportDate | None:
    """The date of a dateline without its year in the first :data:`HEAD_LINES` lines of ``text``
    ("KESTOWN, Monday 14 March (Agency) -"), settled by :func:`yearless_date`; ``None`` when
    there is none or nothing settles its year."""
    for line in [m for m in re.finditer(r"[^\n]*\S[^\n]*", text[:HEAD_CHARS])][:HEAD_LINES]:
        found = _YEARLESS_DATELINE.match(text, line.start(), line.end())
        if found is not None:
            return yearless_date(text, found, order=order or numeric_order(text), file_date=file_date, near=near)
    return None


def has_yearless_dateline(text: str) -> bool:
    """``text`` opens with a dateline without its year (:func:`yearless_dateline`), settled or not."""
    return any(_YEARLESS_DATELINE.match(text, line.start(), line.end())
               for line in [m for m in re.finditer(r"[^\n]*\S[^\n]*", text[:HEAD_CHARS])][:HEAD_LINES])


def yearless_date(text: str, match: re.Match, *, order: str = DEFAULT_ORDER, file_date: date | None = None,
                  near: NearDates = ()) -> ReportDate | None:
    """The report date a day and month without its year (``match``: group ``date``, with ``dm``
    or ``md`` and maybe ``weekday``, of :data:`_YEARLESS_DATELINE` or :data:`_YEARLESS_OPENING`)
    stands for, marked ``how="head"``, or ``None`` when nothing settles its year.  In order:

    1. the document's other full dates (its labelled lines -- "Published 2021-03-15", "Posted
       ...", "Updated ..." -- first, anywhere in ``text``, a footer too): the year putting the day nearest one
       of them (within a year either way);
    2. the weekday written next to it: of the years in which that day falls on that weekday,
       the one nearest the newest year ``text`` writes, else the one nearest the middle of the
       collection's report dates ``near``; a tie is no answer;
    3. ``file_date``: the year putting the day nearest it;
    4. the collection's report dates ``near``: the one year putting the day inside their span
       (:func:`_within_span`: a collection of reports from a few months settles "April 5"; one
       spanning years does not).
    """
    groups = match.groupdict()
    written = groups.get("dm") or groups.get("md")
    day_month = _dateparser(f"{_plain(written)} 2000", MONTH_FIRST, None)  # 2000: a leap year, 29 February
    if day_month is None:
        return None
    day, month = day_month.day, day_month.month
    start, end = match.start("date"), match.end("date")
    span = text[start:end]

    def mark(value: date) -> ReportDate:
        return ReportDate(value, start, end, span, "head")

    full = [m for m in find_dates(text, order=order) if m.kind == "full" and not (m.start < end and start < m.end)]
    labelled = [m for m in full if _ANCHOR_LABEL.search(text[text.rfind("\n", 0, m.start) + 1:m.start])]
    anchors = [m.value for m in (labelled or full)]
    if anchors:
        return mark(_nearest(day, month, anchors))
    weekday = groups.get("weekday")
    if weekday:
        years = [int(y) for y in YEAR.findall(text)]
        if years:
            found = _weekday_year(day, month, WEEKDAYS.index(weekday.lower()), date(max(years), 7, 1))
        else:
            dates = sorted(near() if callable(near) else near)
            found = _weekday_year(day, month, WEEKDAYS.index(weekday.lower()), dates[len(dates) // 2]) \
                if dates else None
        if found is not None:
            return mark(found)
    if file_date is not None:
        return mark(_nearest(day, month, [file_date]))
    dates = sorted(near() if callable(near) else near)
    if dates:
        found = _within_span(day, month, dates[0], dates[-1])
        if found is not None:
            return mark(found)
    return None


COLLECTION_MARGIN = timedelta(days=31)
"""A yearless day falls in the collection's span when it lies between its oldest report date and
its newest, this much either side included."""


def _within_span(day: int, month: int, oldest: date, newest: date) -> date | None:
    """The one day ``day``/``month`` between ``oldest`` and ``newest`` (:data:`COLLECTION_MARGIN`
    either side); ``None`` when no year or several put it there (a collection of many years)."""
    found = [d for y in range(oldest.year - 1, newest.year + 2) if (d := _days(y, month, day)) is not None
             and oldest - COLLECTION_MARGIN <= d <= newest + COLLECTION_MARGIN]
    return found[0] if len(found) == 1 else None


def _days(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 29 February of a common year
        return None


def _nearest(day: int, month: int, anchors: Sequence[date]) -> date:
    """The day ``day``/``month`` of the year nearest one of ``anchors`` (their years and the
    years either side); a day falling in no such year (29 February) takes the anchor's."""
    candidates = [d for a in anchors for y in (a.year - 1, a.year, a.year + 1) if (d := _days(y, month, day))]
    if not candidates:
        return anchors[0]
    return min(candidates, key=lambda d: (min(abs((d - a).days) for a in anchors), -d.toordinal()))


WEEKDAY_YEARS = 30
"""A yearless day's weekday is looked for in this many years either side of its reference."""


def _weekday_year(day: int, month: int, weekday: int, reference: date) -> date | None:
    """The day ``day``/``month`` nearest ``reference`` in a year where it falls on ``weekday``;
    ``None`` when two years are as near or none is."""
    found = sorted((abs((d - reference).days), d) for y in range(reference.year - WEEKDAY_YEARS,
                                                                  reference.year + WEEKDAY_YEARS + 1)
                   if (d := _days(y, month, day)) is not None and d.weekday() == weekday)
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None
    return found[0][1]


_QUALIFIED_LABEL = re.compile(
    r"^[^\S\n]*(?!(?:release|publication|issue|report|document|posting|press|bulletin|update)\b)[\w-]+"
    r"(?:[^\S\n]+[\w-]+){0,2}[^\S\n]+date\b|\bannotated\b", re.IGNORECASE)
"""A metadata line about something other than the report's writing: "Incident date
(annotated): ...", "Event date: ...", "Due date: ..." (a word before "date" other than one
naming the report's issue: "Release date", "Publication date")."""


def written_date(text: str) -> ReportDate | None:
    """The day the report was written, for reading its relative words ("yesterday", "on
    Monday") and partial dates: :func:`report_date` without the metadata lines that date
    something else (:data:`_QUALIFIED_LABEL`: "Incident date (annotated): 2031-01-02"), whose
    day is not the day the report's "yesterday" counts back from (a dateline without its year,
    "KABUL (Jan. 9) -", takes the year from that line's date; no other date: that line's date);
    ``None``: undated."""
    head = text[:HEAD_CHARS]
    skipped = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", head)
               if _LABEL.search(m.group(0)) and _QUALIFIED_LABEL.search(m.group(0))]
    if not skipped:
        return report_date(text)
    masked = list(text)
    for start, end in skipped:
        masked[start:end] = " " * (end - start)
    own = "".join(masked)
    found = report_date(own)
    if found is not None:
        return found
    meta = report_date(text)
    if meta is None:
        return None
    # a dateline without its year ("KABUL (Jan. 9) -"): its day, in the year of the metadata date
    lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", own[:HEAD_CHARS])][:HEAD_LINES]
    partial = [m for m in find_dates(own, base=meta.value, end=lines[-1].end()) if m.kind == "partial"] if lines else []
    return _report(partial[0], "head") if partial else meta


def _report(mention: DateMention, how: str) -> ReportDate:
    return ReportDate(mention.value, mention.start, mention.end, mention.text, how)


def stated_date(text: str) -> date | None:
    """The date the document states about itself (:func:`report_date`), or ``None``."""
    found = report_date(text)
    return found.value if found else None


_MONTH_YEAR = re.compile(rf"(?<![\w.])(?<!\d\s)(?P<month>{MONTH_PATTERN})\.?,?\s+(?:of\s+)?(?P<year>{YEAR_PATTERN})\b",
                         re.IGNORECASE)


MONTH_PREPOSITIONS = ("in", "during", "for", "since", "until", "till", "through", "throughout", "by", "of",
                      "from", "to", "between", "and", "before", "after", "early", "late", "mid", "end of",
                      "beginning of", "start of", "middle of")
"""Words before a month named without a day or year that make it a time ("rose in March", "since
early February", "the end of January"): the month is then read against the report date
(:func:`month_mentions`).  A capitalised month after any other word ("Alina March", "the March
offensive") is not read."""

_MONTH_ALONE = re.compile(
    r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in MONTH_PREPOSITIONS) + r")-?\s+"
    r"(?:(?:early|late|mid)-?\s*)?(?P<month>" + "|".join(name.capitalize() for name in MONTH_NAMES) + r")\b"
    r"(?![-\s.,]*\d)", re.IGNORECASE)


def _month_alone(match: re.Match) -> int | None:
    """The month number of a :data:`_MONTH_ALONE` match whose month is capitalised as a name
    ("in March", not "in march", and never the verb "may")."""
    month = match.group("month")
    return MONTHS[month.lower()] if month[0].isupper() and month[1:].islower() else None


def month_mentions(text: str, base: date | None = None) -> list[int]:
    """The months ``text`` names without a day, as ``YYYYMM`` integers, sorted, each once: an event
    the text dates only to its month.  Read with their year ("in June 2011", "September, 2012";
    ``"12 June 2011"`` is a day, not read here) and, when the report date ``base`` is known, without
    one after a word of time (:data:`MONTH_PREPOSITIONS`: "rose in March", "since early February"):
    the latest such month that begins no later than 31 days after ``base``, the rule
    :func:`find_dates` applies to a day and month without a year (a report of 2 April 2031 saying
    "in March" means March 2031, "in May" May 2031, "in June" June 2030)."""
    found = set()
    for match in _MONTH_YEAR.finditer(text):
        before = text[max(0, match.start() - 30):match.start()]
        if re.search(rf"(?:\d(?:st|nd|rd|th)?|\bthe\s+{ORDINAL_PATTERN})\s*(?:(?:day\s+)?of\s+)?$", before,
                     re.IGNORECASE):
            continue  # "12 June 2011", "12th of June 2011", "the twelfth of June 2011": a full date
        found.add(int(match.group("year")) * 100 + MONTHS[match.group("month").lower()])
    if base is not None:
        latest = base + timedelta(days=31)
        for match in _MONTH_ALONE.finditer(text):
            month = _month_alone(match)
            if month is None or _MONTH_YEAR.match(text, match.start("month")):
                continue  # lower case, or a month with its year (read above)
            year = latest.year if (month, 1) <= (latest.month, latest.day) else latest.year - 1
            found.add(year * 100 + month)
    return sorted(found)


def event_dates(text: str, base: date | None, *, order: str | None = None) -> list[DateMention]:
    """The days of the events ``text`` states: every full date, and, when the report date
    ``base`` is known, every partial date and relative word resolved against it."""
    return find_dates(text, base=base, order=order)


def as_int(day: date) -> int:
    """``date(2010, 5, 12)`` -> ``20100512`` (dates in Chroma metadata: it range-filters numbers only)."""
    return day.year * 10000 + day.month * 100 + day.day


def from_int(value: int) -> date:
    """The inverse of :func:`as_int`."""
    return date(value // 10000, value // 100 % 100, value % 100)


# ----- periods: dates of filters and questions ------------------------------------------------

@dataclass(frozen=True)
class Period:
    """A range of days, both ends included, and the words it was read from."""

    start: date
    end: date
    text: str = ""


def month_period(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def parse_iso(value: str, field: str) -> date:
    """A filter's date written ``YYYY-MM-DD``.

    Raises:
        ValueError: not such a date; the message names ``field`` as given (``--from
            2010-13-01``: "--from must be a date like 2010-05-31, got '2010-13-01'").
    """
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(value)
        return date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise ValueError(f"{field} must be a date like 2010-05-31, got {value!r}") from None


# ----- abbreviated parts of a year: "Q3" is "the third quarter", "H1" "the first half" ----------

_PART_ORDINALS = {1: ("first", "1st"), 2: ("second", "2nd"), 3: ("third", "3rd"), 4: ("fourth", "4th")}
_PARTS = {"q": ("quarter", 4), "h": ("half", 2)}
_PART_ABBREVIATION = re.compile(r"^(?P<part>[qh])(?P<n>[1-4])$", re.IGNORECASE)


def period_spellings(word: str) -> tuple[str, ...]:
    """The ways a report writes the part of a year ``word`` abbreviates, lower case:
    ``"Q3"`` -> ``("q3", "third quarter", "3rd quarter", "quarter 3")``, ``"H1"`` -> ``("h1",
    "first half", "1st half")``; ``()`` for any other word (``"Q5"``, ``"B-12"``)."""
    found = _PART_ABBREVIATION.match(word)
    if not found:
        return ()
    noun, parts = _PARTS[found.group("part").lower()]
    n = int(found.group("n"))
    if n > parts:
        return ()
    ordinal, short = _PART_ORDINALS[n]
    spellings = [word.lower(), f"{ordinal} {noun}", f"{short} {noun}"]
    if noun == "quarter":
        spellings.append(f"quarter {n}")
    return tuple(spellings)


def period_abbreviations(word: str) -> tuple[str, ...]:
    """The abbreviations (lower case) that write a part of a year named with the ordinal ``word``
    (lower case): ``"third"`` -> ``("q3",)``, ``"first"`` -> ``("q1", "h1")``; ``()`` otherwise (the
    noun "quarter" alone says no one quarter: "Q2" does not state "the third quarter")."""
    return tuple(f"{part}{n}" for n, names in _PART_ORDINALS.items() if word in names
                 for part, (_, parts) in _PARTS.items() if n <= parts)
