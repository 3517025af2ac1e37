"""Parts of the day (night, morning, afternoon, evening) as reports state them: in words
("overnight", "shortly before midnight", "in the early hours of Sunday", "at dawn") or as a
clock time ("about 3 a.m.", "at 23:40", "at 0300 hours").

:func:`day_part_positions` finds, in a sentence's lower-case tokens, where it states each part
of the day, so that a condition "attacked at night" holds in "gunmen attacked the checkpoint
shortly before midnight" (:mod:`assistant.counting.matching`).  Hours are assigned as
:data:`HOURS` says (the usual English division of the day; night is 21:00 to 05:00).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

HOURS = {"morning": range(5, 12), "afternoon": range(12, 17), "evening": range(17, 21),
         "night": (21, 22, 23, 0, 1, 2, 3, 4)}
"""The hours (0-23) of each part of the day."""

PART_WORDS = {
    "night": frozenset({"night", "nighttime", "night-time", "overnight", "midnight", "nightfall", "tonight",
                        "darkness", "predawn", "pre-dawn", "nocturnal", "nightly"}),
    "morning": frozenset({"morning", "dawn", "daybreak", "sunrise", "forenoon"}),
    "afternoon": frozenset({"afternoon", "noon", "midday"}),
    "evening": frozenset({"evening", "dusk", "sunset", "twilight"}),
}
"""Single words that state a part of the day."""

PART_PHRASES = {
    "night": (("early", "hours"), ("small", "hours"), ("after", "dark"), ("before", "dawn"), ("last", "night")),
    "morning": (),
    "afternoon": (),
    "evening": (),
}
"""Word sequences that state a part of the day ("in the early hours of Sunday")."""

_CLOCK = re.compile(r"^(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?P<ampm>a\.?m\.?|p\.?m\.?)?$")
_AMPM = re.compile(r"^(?P<ampm>a\.?m\.?|p\.?m\.?)$")
_MILITARY = re.compile(r"^(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)$")
HOURS_WORDS = ("hours", "hrs", "hrs.", "h")
"""Words after a four-digit military time ("0300 hours")."""


def part_of(word: str) -> str | None:
    """The part of the day a word names (``"midnight"`` -> ``"night"``), or ``None``."""
    for part, words in PART_WORDS.items():
        if word in words:
            return part
    return None


def hour_part(hour: int) -> str:
    """The part of the day of an hour 0-23 (:data:`HOURS`)."""
    return next(part for part, hours in HOURS.items() if hour in hours)


def day_part_positions(words: Sequence[str]) -> dict[str, list[int]]:
    """``{part of the day: token positions}`` that ``words`` (a sentence's lower-case tokens)
    state: the words of :data:`PART_WORDS`, the phrases of :data:`PART_PHRASES` and clock
    times with a.m./p.m. ("3 a.m.", "11pm"), with a colon and an hour above 12 ("23:40"), or
    in four digits followed by "hours" ("0300 hours")."""
    found: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        part = part_of(word)
        if part is not None:
            found.setdefault(part, []).append(i)
            continue
        for name, phrases in PART_PHRASES.items():
            if any(tuple(words[i : i + len(p)]) == p for p in phrases):
                found.setdefault(name, []).append(i)
        hour = _hour(words, i)
        if hour is not None:
            found.setdefault(hour_part(hour), []).append(i)
    return found


def may_tell_time(word: str, following: str) -> bool:
    """A cheap test before :func:`day_part_positions`: ``word`` (lower case) followed by
    ``following`` can be a clock time only when it begins with a digit and has a.m./p.m. or a
    colon in it, or a.m./p.m. or "hours" (:data:`HOURS_WORDS`) after it."""
    return word[:1].isdigit() and ("m" in word or ":" in word or following in HOURS_WORDS
                                   or _AMPM.match(following) is not None)


def _hour(words: Sequence[str], i: int) -> int | None:
    word = words[i]
    following = words[i + 1] if i + 1 < len(words) else ""
    military = _MILITARY.match(word)
    if military and following in HOURS_WORDS:
        return int(military["h"])
    clock = _CLOCK.match(word)
    if clock is None:
        return None
    hour = int(clock["h"])
    ampm = clock["ampm"] or (_AMPM.match(following)["ampm"] if _AMPM.match(following) else None)
    if ampm is not None and 1 <= hour <= 12:
        pm = ampm.startswith("p")
        return (hour % 12) + (12 if pm else 0)
    if clock["m"] is not None and ":" in word and 13 <= hour <= 23:
        return hour
    if clock["m"] is not None and ":" in word and hour == 0:
        return 0
    return None
