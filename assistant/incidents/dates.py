"""The incident date of a press release: the release date plus the day word of the event.

Press releases date themselves (a dateline ``KABUL, Afghanistan (Oct. 10, 2011)``, a
headline ``May 11: ...`` or a reference number ``2010-05-CA-039`` for the year) and
place the event relative to that day: "yesterday", "last night", "today", "Monday".
The incident date is the release date moved back by that word:

* yesterday, last night, overnight: one day back;
* today, this morning/afternoon/evening, tonight: the release day;
* a weekday: the latest such day on or before the release day;
* none: the release day.

The release date is read from the dateline, a headline or a "May 12, 2010" date as the
press releases write them; any other full date near the top ("12 May 2010",
"2010-05-12", "5/12/2010") is read by :func:`assistant.language.dates.find_dates`, the
package's one date reader (numeric dates month first unless the text shows otherwise).

A day word next to a reporting verb ("confirmed yesterday", "today confirmed") dates
the announcement, not the event, and a possessive ("Saturday's election") names another
event; both are skipped.  A dateline without its year takes it from the reference number, the
months the text mentions with their year, else
:func:`assistant.language.dates.yearless_dateline` (the document's other full dates, the
weekday written by the day); without one the date is unknown (``None``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..language.dates import MONTH_PATTERN, MONTHS, WEEKDAYS, YEAR_PATTERN, find_dates, yearless_dateline
from .records import Evidence
from .text import Body

_DATELINE = re.compile(rf"\(\s*(?P<month>{MONTH_PATTERN})\.?\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?\s*\)")
_HEADLINE = re.compile(rf"^[ \t]*(?P<month>{MONTH_PATTERN})\.?\s+(?P<day>\d{{1,2}})\s*:", re.MULTILINE)
_FULL_DATE = re.compile(rf"\b(?P<month>{MONTH_PATTERN})\.?\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})\b")
_REFERENCE = re.compile(rf"\b(?P<year>{YEAR_PATTERN})-(?P<month>\d\d)-[A-Z]{{1,3}}\s*[-–]\s*\d{{2,3}}\b")
_DAY_WORD = re.compile(
    r"\b(?P<word>yesterday|today|tonight|this (?:morning|afternoon|evening)|last night|overnight"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?P<possessive>['’]s)?\b",
    re.IGNORECASE,
)
_REPORTING = {"confirmed", "announced", "reported", "said", "stated", "released", "confirms", "announces"}
_BACK_ONE = {"yesterday", "last night", "overnight"}
_WINDOW = 600


def _release(body: Body) -> tuple[date | None, re.Match | None]:
    """The release date and the match that states it (dateline, headline or full date)."""
    head = body.masked[body.start : body.start + 600]
    match = _DATELINE.search(body.masked, body.start) or _HEADLINE.search(head)
    if match is None:  # "PELL, Friday 14 March (Agency) -": the package's reader of a dateline without its year
        yearless = yearless_dateline(body.masked)
        if yearless is not None:
            return yearless.value, (yearless.start, yearless.end)
    if match is None:
        match = _FULL_DATE.search(head)
    if match is None:  # "12 May 2010", "2010-05-12", "5/12/2010": the package's one date reader
        stated = find_dates(body.masked, start=body.start, end=body.start + 600)
        if not stated:
            return None, None
        return stated[0].value, (stated[0].start, stated[0].end)
    offset = body.start if match.re is not _DATELINE else 0
    if match.re is _DATELINE:  # cite the whole dateline: "KABUL, Afghanistan (June 14, 2011)"
        line_start = body.masked.rfind("\n", 0, match.start()) + 1
        begin = line_start + len(body.masked[line_start : match.start()]) - len(body.masked[line_start : match.start()].lstrip())
        where_start = begin if match.start() - begin <= 60 else match.start()
    else:
        where_start = match.start("month") + offset
    month = MONTHS[match.group("month").lower().rstrip(".")]
    day = int(match.group("day"))
    year = int(match.group("year")) if match.groupdict().get("year") else _reference_year(body, month)
    if year is None:
        year = _year_after_mentions(body, month, int(match.group("day")))
    if year is None:  # the year from the document's other full dates or the weekday (the package's reader)
        yearless = yearless_dateline(body.masked)
        if yearless is not None and (yearless.value.month, yearless.value.day) == (month, day):
            year = yearless.value.year
    where = (where_start, match.end() + offset)
    if year is None:
        return None, where
    try:
        return date(year, month, day), where
    except ValueError:
        return None, None


def _reference_year(body: Body, month: int) -> int | None:
    """The year of the release's reference number, corrected across a year boundary."""
    ref = _REFERENCE.search(body.masked, body.start)
    if ref is None:
        return None
    year, ref_month = int(ref.group("year")), int(ref.group("month"))
    if ref_month == 12 and month == 1:
        return year + 1
    if ref_month == 1 and month == 12:
        return year - 1
    return year


_MENTION = re.compile(rf"\b(?P<month>{MONTH_PATTERN})\.?\s+(?:\d{{1,2}},?\s+)?(?P<year>{YEAR_PATTERN})\b")


def _year_after_mentions(body: Body, month: int, day: int) -> int | None:
    """For a release dated without a year: the first year that puts it after every
    month-and-year the text mentions (a release postdates the events it recounts)."""
    latest = max(((int(m.group("year")), MONTHS[m.group("month").lower().rstrip(".")])
                  for m in _MENTION.finditer(body.masked, body.start)), default=None)
    if latest is None:
        return None
    year, latest_month = latest
    return year if month > latest_month else year + 1


def _is_reporting_time(text: str, start: int, end: int) -> bool:
    before = re.findall(r"[A-Za-z]+", text[max(0, start - 30) : start])[-2:]
    after = re.findall(r"[A-Za-z]+", text[end : end + 20])[:1]
    return any(w.lower() in _REPORTING for w in before + after)


def _day_word(body: Body, from_offset: int) -> re.Match | None:
    for match in _DAY_WORD.finditer(body.masked, from_offset):
        word = match.group("word")
        if word.lower() not in ("today", "yesterday") and word.lower().endswith("day") and not word[0].isupper():
            continue
        if match.group("possessive") or _is_reporting_time(body.masked, match.start(), match.end()):
            continue
        return match
    return None


def incident_date(body: Body) -> tuple[str | None, list[Evidence]]:
    """The incident date (ISO) and its evidence: one span from the release date to the
    end of the sentence with the day word when they are close, else the two apart."""
    release, where = _release(body)
    if release is None:
        return None, []
    word = _day_word(body, where[1] if where else body.start)
    if word is None:
        return release.isoformat(), [_evidence(body, "date", release.isoformat(), *where)]
    name = word.group("word").lower()
    if name in ("overnight", "last night"):
        sentence = body.sentence_at(word.start())
        weekday = _DAY_WORD.search(body.masked, word.end(), sentence.end) if sentence else None
        if weekday and weekday.group("word")[0].isupper() and weekday.group("word").lower() in WEEKDAYS:
            word, name = weekday, weekday.group("word").lower()
    if name in _BACK_ONE:
        value = release - timedelta(days=1)
    elif name.endswith("day") and name not in ("today", "yesterday"):
        value = release - timedelta(days=(release.weekday() - WEEKDAYS.index(name)) % 7)
    else:
        value = release
    sentence = body.sentence_at(word.start())
    start, end = (sentence.start, sentence.end) if sentence else word.span()
    if where[0] < start and start - where[1] <= _WINDOW:
        return value.isoformat(), [_evidence(body, "date", value.isoformat(), where[0], end)]
    return value.isoformat(), [
        _evidence(body, "date", value.isoformat(), start, end),
        _evidence(body, "release_date", release.isoformat(), *where),
    ]


def _evidence(body: Body, field: str, value: str, start: int, end: int) -> Evidence:
    return Evidence(field, value, start, end, body.text[start:end])
