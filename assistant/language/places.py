"""Places named in a text, with the administrative level the text gives them, read by rules.

A place is a run of capitalised words (:data:`assistant.language.names.NAME_WORD`, any
script: "Tëren", "Ras el Kamar") that the text marks as a place:

* followed by a place word: ``Marjit village``, ``Vesk district``, ``Karvesh province``,
  ``Hasakah Province``;
* after "the <place word> of": ``the town of Orrin``, ``the province of Tëren``;
* in a chain: ``Marjit village, Vesk district, Karvesh province`` gives three places, each
  with its level, and the chain says which contains which (``parent``);
* in a dateline: ``VESK, 12 April 2019 -`` or ``KABUL, Afghanistan (May 11, 2010)``
  (level ``"dateline"``).

Place names match in any spelling that differs only by case, accents, hyphens or the
article ``al``/``el`` (:func:`place_key`: "Tëren" = "Teren", "Ras al-Kamar" = "Ras el
Kamar").  Named places without such a marker ("fighting in Vesk") come from the named
entities of the NLP foundation when it is available (:mod:`assistant.language.nlp`).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import regex

from .dates import is_calendar_word
from .names import NAME_WORD, TITLE_WORD, UPPER_WORD

LEVELS = ("village", "town", "city", "district", "province", "region", "county", "state", "governorate",
          "municipality", "valley", "camp")
"""Place words that give a place's administrative level, smallest first (as most reports order them)."""

LEVEL_KIN = {"town": frozenset({"town", "city"}), "city": frozenset({"town", "city"})}
"""Levels a list of places of one level also takes: a report's "city" answers "which towns", and
the reverse (reports use the two words for the same settlements)."""


def same_level(level: str, asked: str) -> bool:
    """A place of ``level`` is of the ``asked`` level, or of its kin (:data:`LEVEL_KIN`);
    ``asked`` may join several levels with ``|`` ("town|village" for "which towns or villages")."""
    return any(level == one or level in LEVEL_KIN.get(one, ()) for one in asked.split("|"))

_LEVEL = r"(?i:" + "|".join(LEVELS) + r")"
_CONNECTOR = r"(?:al|el|ad|as|ar|an|e|ye|wa|de|del|la|le)"
_NAME = rf"{NAME_WORD}(?:(?:[^\S\n]*-?[^\S\n]*|[^\S\n]+{_CONNECTOR}[^\S\n]*-?[^\S\n]*){NAME_WORD}){{0,3}}"
_NOT_NAMES = {"the", "a", "an", "this", "that", "each", "every", "our", "their", "its", "his", "her", "all", "both",
              "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "same",
              "neighbouring", "neighboring", "provincial", "national", "local", "one", "two", "three", "new", "old",
              "in", "on", "at", "of", "and", "from", "for", "by", "near", "to", "into", "across"}
_NAMED_LEVEL = regex.compile(rf"(?P<name>{_NAME})[^\S\n]+(?P<level>{_LEVEL})\b")
_APPOSITION = regex.compile(
    rf"(?P<name>{_NAME}),[^\S\n]+(?i:an?|the)[^\S\n]+(?:[\p{{Ll}}][\p{{L}}-]*[^\S\n]+){{0,2}}(?P<level>{_LEVEL})\b"
    rf"(?:[^\S\n]+(?:of|in)[^\S\n]+(?P<parent>{_NAME})[^\S\n]+{_LEVEL}\b)?"
)
"""``Halm, a village of Kelt district`` / ``Dunwick, a fishing village of Selbay district``: a name, a
comma and an indefinite noun phrase whose head is a place word; the name is the place (its level the
place word), and a named place after "of"/"in" is its parent."""
_IN_DISTRICT = regex.compile(
    rf"(?<=\b(?i:in|near|at|outside|from|around)[^\S\n]+)(?P<name>{_NAME}),[^\S\n]+(?:in[^\S\n]+)?"
    rf"(?={_NAME}[^\S\n]+(?i:district|municipality|county)\b)"
)
"""``near Ravel, in Brodny district`` / ``at Kessin, Brodny district``: after a locative preposition,
a name that a district follows right away is a place in that district (its level not stated)."""
_LEVEL_OF = regex.compile(rf"\b(?i:the)[^\S\n]+(?P<level>{_LEVEL})[^\S\n]+of[^\S\n]+(?P<name>{_NAME})")
DASH_DATELINE = regex.compile(rf"{UPPER_WORD}(?:[ -]{UPPER_WORD})*[^\S\n]+[-\u2013\u2014][^\S\n]+")
"""A dateline written with a dash at the start of a line ("HARROW - ", "PORT ELLIS \u2014 "): the place
in capitals and the dash, no date."""

_DATELINE = regex.compile(
    rf"^[^\S\n]*(?P<name>{UPPER_WORD}(?:[ -]{UPPER_WORD})*),"
    rf"(?:[^\S\n]*(?P<country>{NAME_WORD}))?[^\S\n]*[(]?[^\S\n]*(?=\d|{TITLE_WORD}\.?[^\S\n]+\d)",
    regex.MULTILINE,
)


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text: ``text[start:end]`` is the whole phrase (``"Vesk district"``),
    ``name`` the place's name (``"Vesk"``), ``level`` the place word (``"district"``;
    ``"dateline"`` for a dateline, ``""`` unknown), ``parent`` the name of the place it lies
    in when the text says so (``"Karvesh"`` for ``Vesk district, Karvesh province``)."""

    name: str
    level: str
    start: int
    end: int
    text: str
    parent: str = ""

    @property
    def key(self) -> str:
        """The name as matched: :func:`place_key`."""
        return place_key(self.name)


LOCATIVE_PREPOSITIONS = frozenset({"in", "near", "at", "outside", "inside", "around", "across", "into", "within",
                                   "along", "towards", "toward", "through", "beyond", "throughout"})
"""Prepositions after which a name is a place ("a militia based *in* Ulvar", "*near* Dorsk"), not
the group or person a question asks for."""

DIRECTIONS: dict[str, str] = {"to": "to", "into": "to", "onto": "to", "towards": "to", "toward": "to",
                              "from": "from"}
"""Prepositions of a movement's end ("to", "into") and start ("from"), by the direction they give: a
question asking where something went *to* is not answered by where it came *from*
(:attr:`~assistant.language.answer_type.QuestionReading.direction`)."""

INSIDE_PHRASE = frozenset({"in", "of", "at", "near", "outside", "on"})
"""Prepositions that put a place inside the phrase of the noun before it ("to the school *in* Orsk": Orsk
belongs to the phrase "to the school"; :func:`assistant.answering.candidates.movement`)."""

NAME_MARKS = regex.compile(r"[-‐–’'`]")
"""Hyphens, dashes and apostrophes inside a name: compared as spaces ("Ras el-Kamar", "N'Djamena")."""


@functools.lru_cache(maxsize=1 << 16)
def place_key(name: str) -> str:
    """A place name as compared: lower case, accents removed, hyphens as spaces, the article
    "el" as "al", a trailing place word dropped (``"Ras el-Kamar District"`` -> ``"ras al kamar"``).
    Cached: a count compares every report's places with the question's."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = NAME_MARKS.sub(" ", plain.casefold()).split()
    words = ["al" if w == "el" else w for w in words]
    while len(words) > 1 and words[-1] in LEVELS:
        words.pop()
    while words and words[0] == "the":
        words.pop(0)
    return " ".join(words)


_TRANSLITERATION = (("kh", "k"), ("gh", "g"), ("q", "k"), ("ph", "f"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
                    ("iy", "i"), ("ey", "i"), ("y", "i"), ("w", "u"), ("c", "k"))
"""Letters that transliterations of one name write differently ("Qamar"/"Kamar",
"Paktiya"/"Paktia", "Ghazni"/"Gazni"), folded by :func:`spelling_key`."""


@functools.lru_cache(maxsize=1 << 16)
def spelling_key(name: str) -> str:
    """A looser :func:`place_key` for names transliterated from other scripts: the letters of
    :data:`_TRANSLITERATION` folded, doubled letters single, spaces kept (``"Ras al Qamar"``
    = ``"Ras el-Kamar"`` = ``"ras al kamar"``; ``"Paktiya"`` = ``"Paktia"``; ``"Paktika"``
    stays apart).  Used only where a user's spelling is matched against the indexed places."""
    key = place_key(name)
    for written, folded in _TRANSLITERATION:
        key = key.replace(written, folded)
    return regex.sub(r"(\p{L})\1+", r"\1", key)


def _clean(name: str) -> tuple[str, int] | None:
    """The name without leading words that are no part of it ("The Vesk" -> "Vesk"), and how
    many characters were dropped; ``None`` when nothing is left."""
    words = regex.split(r"(\s+)", name)
    dropped = 0
    while words and words[0].lower() in _NOT_NAMES:
        dropped += len(words[0]) + (len(words[1]) if len(words) > 1 else 0)
        words = words[2:]
    rest = "".join(words).strip()
    return (rest, dropped) if rest and rest[0].isupper() else None


_EMPHASIS = regex.compile(r"\*\*|__|(?<![\w*])\*(?=\w)|(?<=\w)\*(?![\w*])")
"""Markdown emphasis around words ("**Dunmere**, a village of ...", "*Ravel*"): no part of a name."""


def find_places(text: str) -> list[PlaceMention]:
    """Every place marked as one in ``text`` (see the module docstring), in text order, one
    mention per phrase.  Markdown emphasis (:data:`_EMPHASIS`) is read through ("**Dunmere**,
    a village of Ketterby district"); the offsets are the text's own."""
    if "*" not in text and "__" not in text:
        return _find_places(text)
    kept: list[int] = []  # offsets in ``text`` of the characters read
    pieces: list[str] = []
    at = 0
    for marker in _EMPHASIS.finditer(text):
        pieces.append(text[at:marker.start()])
        kept.extend(range(at, marker.start()))
        at = marker.end()
    if not pieces:
        return _find_places(text)
    pieces.append(text[at:])
    kept.extend(range(at, len(text)))
    kept.append(len(text))
    found = []
    for mention in _find_places("".join(pieces)):
        start, end = kept[mention.start], kept[mention.end - 1] + 1 if mention.end > mention.start else kept[mention.end]
        found.append(PlaceMention(mention.name, mention.level, start, end, text[start:end], mention.parent))
    return found


def _find_places(text: str) -> list[PlaceMention]:
    found: dict[tuple[int, int], PlaceMention] = {}
    for match in _NAMED_LEVEL.finditer(text, overlapped=False):
        if not match.group("name")[0].isupper():
            continue
        cleaned = _clean(match.group("name"))
        if cleaned is None:
            continue
        name, dropped = cleaned
        start = match.start() + dropped
        found[(start, match.end())] = PlaceMention(name, match.group("level").lower(), start, match.end(),
                                                   text[start : match.end()])
    for match in _LEVEL_OF.finditer(text):
        cleaned = _clean(match.group("name"))
        if cleaned is None:
            continue
        found[(match.start(), match.end())] = PlaceMention(cleaned[0], match.group("level").lower(), match.start(),
                                                           match.end(), text[match.start() : match.end()])
    for match in _APPOSITION.finditer(text):
        cleaned = _clean(match.group("name"))
        if cleaned is None:
            continue
        name, dropped = cleaned
        start = match.start() + dropped
        end = match.end("level")
        found[(start, end)] = PlaceMention(name, match.group("level").lower(), start, end, text[start:end],
                                           _clean(match.group("parent"))[0] if match.group("parent") and
                                           _clean(match.group("parent")) else "")
    for match in _IN_DISTRICT.finditer(text):
        cleaned = _clean(match.group("name"))
        if cleaned is None or is_calendar_word(cleaned[0].split()[-1]):
            continue
        name, dropped = cleaned
        start = match.start("name") + dropped
        end = match.end("name")
        found.setdefault((start, end), PlaceMention(name, "", start, end, text[start:end]))
    for match in _DATELINE.finditer(text[:2000]):
        name = match.group("name")
        if len(name) < 3:
            continue
        title = " ".join(w.capitalize() for w in regex.split(r"\s+", name))
        found[match.span("name")] = PlaceMention(title, "dateline", match.start("name"), match.end("name"), name,
                                                 match.group("country") or "")
    mentions = [m for m in found.values() if not _headline_guess(text, m, found.values())]
    mentions.sort(key=lambda m: (m.start, -m.end))
    return _with_parents(text, _outermost(mentions))


def _headline_guess(text: str, mention: PlaceMention, mentions) -> bool:
    """``mention`` is a capitalised run before a capitalised place word in a Title Case line
    ("Taliban Deputy District Leader Targeted in Helmand") that the text never names again:
    in such a line every word is capitalised, so the run need not be a name (a heading in
    capitals, "KARVESH PROVINCE", still names its place)."""
    if mention.level in ("", "dateline") or not text[mention.end - len(mention.level) : mention.end][:1].isupper():
        return False
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    words = regex.findall(r"\p{L}[\p{L}'’-]*", text[line_start : line_end if line_end >= 0 else len(text)])
    long_words = [w for w in words if len(w) > 3]
    if not long_words or sum(w[0].isupper() for w in long_words) < 0.8 * len(long_words) or all(
            w.isupper() for w in long_words):  # a heading in capitals ("KARVESH PROVINCE") names its place
        return False
    return not any(m is not mention and m.key == mention.key for m in mentions)


def _outermost(mentions: list[PlaceMention]) -> list[PlaceMention]:
    kept: list[PlaceMention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _with_parents(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """``X village, Y district`` / ``X village (Y district)``: Y is X's parent."""
    result = list(mentions)
    for i in range(len(result) - 1):
        here, after = result[i], result[i + 1]
        between = text[here.end : after.start]
        if regex.fullmatch(r"\s*[,(]\s*(?:in\s+)?", between) and _rank(after.level) > _rank(here.level):
            result[i] = PlaceMention(here.name, here.level, here.start, here.end, here.text, after.name)
    return result


def _rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else -1


_WORD = regex.compile(r"[\p{L}\p{N}]+")


def names_place(text: str, keys: "set[str] | frozenset[str]") -> bool:
    """``text`` names one of the place ``keys`` (:func:`place_key` s) as a capitalised run of
    whole words, compared as :func:`place_key` compares names (case, accents, hyphens, the
    article ``el``/``al``): ``"- Durnhold: ..."``, ``"| Koslo | 3 |"`` and ``"between Merran and
    Koslo"`` name ``"koslo"``; ``"koslovar"`` and lower-case ``"koslo"`` do not."""
    wanted = [k.split() for k in keys if k]
    if not wanted or not text:
        return False
    words = [m.group() for m in _WORD.finditer(text)]
    folded = [place_key(w) or w.casefold() for w in words]
    folded = ["al" if w == "el" else w for w in folded]
    firsts = {k[0] for k in wanted}
    for i, word in enumerate(folded):
        if word not in firsts or not words[i][:1].isupper():
            continue
        for key in wanted:
            if key[0] == word and folded[i : i + len(key)] == key:
                return True
    return False
