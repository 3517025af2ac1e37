"""Who issued a report, when its text says so: a labelled line (``Source:``, ``Organisation:``,
``Published by:``), a newspaper named in a dateline (``SULVEY, 29 April 2019 (Tëren Herald)``)
or an organisation's name heading the report (``MINISTRY OF THE INTERIOR``, ``THE KARVESH
COURIER``, ``Office for Humanitarian Coordination in Valdoria (OHCV) | 11 June 2019``).

A heading counts as a publisher when it contains a word that names an organisation
(:data:`ORGANISATION_WORDS`).  :func:`source_keys` gives the spellings a source filter matches:
the name, its acronym in parentheses, each as :func:`assistant.language.places.place_key`
normalises text.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass

import regex

from .names import UPPER_WORD
from .places import place_key

ORGANISATION_WORDS = frozenset({
    "ministry", "mission", "office", "agency", "command", "courier", "post", "herald", "times", "news", "tribune",
    "gazette", "journal", "relief", "corps", "aid", "committee", "council", "organisation", "organization",
    "international", "force", "forces", "department", "authority", "bureau", "service", "services", "federation",
    "red", "crescent", "cross", "nations", "fund", "programme", "program", "institute", "watch", "network",
    "association", "society", "foundation", "government", "police", "army", "press", "radio", "television",
    "agence", "presse", "reuters", "associated",
})
"""Words that make a heading an organisation's name (lower case)."""

_LABELLED = regex.compile(
    r"^[^\S\n]*[*_]*(?:source|organi[sz]ation|publisher|published\s+by|issued\s+by|from|agency)[*_]*[^\S\n]*:[*_]*"
    r"[^\S\n]*(?P<name>[^\n]+?)[^\S\n]*$",
    regex.IGNORECASE | regex.MULTILINE,
)
_DATELINE_PAPER = regex.compile(r"^[^\n]{0,80}?\d{4}[^\S\n]*\((?P<name>[^()\n]{3,60})\)", regex.MULTILINE)
_SPLIT = regex.compile(r"[^\S\n]+(?:-|–|—|\|)[^\S\n]+|,[^\S\n]+")
HEAD_LINES = 4


@dataclass(frozen=True)
class Publisher:
    """A report's publisher as its text names it: ``text[start:end]`` is ``name``."""

    name: str
    start: int
    end: int


@functools.lru_cache(maxsize=16384)
def find_publisher(text: str) -> Publisher | None:
    """The publisher a report names (see the module docstring), or ``None``.  Kept per text: a list
    across reports asks it for every organisation a report names."""
    head = text[:1500]
    labelled = _LABELLED.search(head)
    if labelled:
        value = labelled.group("name")
        name = _first_part(value).strip(" *_")
        name = regex.sub(r"(?i)[^\S\n]+(?:press[^\S\n]+release|report|statement)s?$", "", name)
        if name:
            start = labelled.start("name") + value.index(name)
            return Publisher(name, start, start + len(name))
    paper = _DATELINE_PAPER.search(head)
    if paper and _is_organisation(paper.group("name")):
        return Publisher(paper.group("name").strip(), paper.start("name"), paper.end("name"))
    for line in list(regex.finditer(r"[^\n]*\S[^\n]*", head))[:HEAD_LINES]:
        segment = _SPLIT.split(line.group(0))[0]
        cleaned = segment.strip(" #*_")
        if cleaned and _is_organisation(cleaned) and not regex.search(r"\d", cleaned):
            start = line.start() + line.group(0).index(cleaned)
            return Publisher(_display(cleaned), start, start + len(cleaned))
    return None


_CREDIT = regex.compile(
    rf"^[^\S\n]*{UPPER_WORD}(?:[^\S\n]+{UPPER_WORD})*,[^\n(]{{0,60}}?\d[^\n(]{{0,12}}"
    r"\([^\S\n]*(?P<name>[^()\n]{2,40}?)[^\S\n]*\)[^\S\n]*(?:[-–—:]|\.\.\.|…)",
    regex.MULTILINE,
)


@functools.lru_cache(maxsize=1024)
def dateline_credit(text: str) -> Publisher | None:
    """The news agency a report's dateline credits, in parentheses after its date ("LORN, May 3 (KNA) -",
    "CARDOW, Merovia, March 10, 2024 (MNA) —"), or ``None``: the report's issuer, read in its first
    :data:`HEAD_LINES` lines, not a person or group the report tells of.  Kept per text."""
    head = "\n".join(text[:1500].splitlines()[:HEAD_LINES + 4])
    found = _CREDIT.search(head)
    if found is None:
        return None
    return Publisher(found.group("name"), found.start("name"), found.end("name"))


def _first_part(value: str) -> str:
    """``value`` up to its first " - ", " | " or ", " outside parentheses."""
    depth = 0
    for i, char in enumerate(value):
        depth += (char == "(") - (char == ")")
        if depth == 0 and _SPLIT.match(value, i):
            return value[:i]
    return value


def _is_organisation(name: str) -> bool:
    words = regex.findall(r"\p{L}+", name.lower())
    return 0 < len(words) <= 10 and any(w in ORGANISATION_WORDS for w in words)


def _display(name: str) -> str:
    """An all-capitals heading in title case, its acronym kept (``THE KARVESH COURIER`` ->
    ``The Karvesh Courier``; ``(OHCV)`` stays)."""
    if not name.isupper():
        return name
    words = []
    for word in name.split():
        bare = word.strip("()")
        acronym = word.startswith("(") and word.endswith(")")
        small = bare.lower() in ("of", "the", "in", "for", "and", "on") and words
        words.append(word if acronym else bare.lower() if small else bare.capitalize())
    return " ".join(words)


def source_keys(name: str) -> list[str]:
    """The spellings a source filter matches for ``name``: the name outside parentheses and
    what the parentheses hold (an acronym or a long form, up to its first comma), each
    normalised by :func:`source_key` (``"Office for ... (OHCV)"`` -> ``["office for ...",
    "ohcv"]``; ``"ISAF (NATO International Security Assistance Force, Afghanistan)"`` ->
    ``["isaf", "nato international security assistance force"]``)."""
    inside = [part.split(",")[0] for part in regex.findall(r"\(([^()]*)\)", name)]
    outside = regex.sub(r"\([^()]*\)", " ", name)
    keys: list[str] = []
    for value in (outside, *inside):
        key = source_key(value)
        if key and key not in keys:
            keys.append(key)
    return keys


def source_key(name: str) -> str:
    """A source name as compared: :func:`~assistant.language.places.place_key` with
    punctuation removed (``"The Karvesh Courier"`` -> ``"karvesh courier"``)."""
    return place_key(" ".join(regex.findall(r"[\p{L}\p{M}\p{Nd}]+", name)))
