"""Numbers in English text: digits, number words and the words that state no number.

One reader for every stage: :func:`is_number` (is this token a quantity?),
:func:`number_value` (the value of one token: ``"1,000"``, ``"twenty-five"``) and
:func:`numbers_in` (every value a text states, for checking generated answers).
"""

from __future__ import annotations

import re
import unicodedata

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
_WORD_RUN = re.compile(
    rf"\b(?:a\s+)?(?:{_NUMBER_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMBER_WORD}))*\b", re.IGNORECASE
)
_DIGITS = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s+(hundred|thousand|million|billion)\b)?(?!\d|\.\d|st\b|nd\b|rd\b|th\b)",
    re.IGNORECASE,
)
_ONE_PRONOUN_BEFORE = {"no", "any", "every", "some", "each", "the", "this", "that", "which", "anyone"}



NUMBER_WORDS = {**UNITS, **TENS, **SCALES}
"""Every cardinal number word and its value (``"dozen"`` is 12)."""

QUANTITY_PLURALS = frozenset({"dozens", "hundreds", "thousands"})
"""Plurals that state a quantity without a number ("hundreds of families")."""

NONE_PRONOUNS = frozenset({"nobody", "none", "no-one", "noone"})
"""Pronouns that state a count of zero ("nobody was hurt", "none of the trucks")."""

NO_WORDS = frozenset({"no", "zero"})
"""Determiners that state a count of zero for their noun ("no civilians", "zero casualties");
"no one" is the pronoun of :data:`NONE_PRONOUNS`."""

VAGUE_WORDS = frozenset({"several", "numerous", "multiple", "many", "some", "various", "few", "dozens", "scores",
                         "hundreds", "all", "number", "group"})
"""Quantity words that state no number ("several" is not a number)."""

_IRREGULAR_ORDINALS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                       "nine": "ninth", "twelve": "twelfth"}
"""The ordinals not spelt by adding "th" to their cardinal (a final "y" becomes "ieth": "twentieth")."""


def _ordinal_of(cardinal: str) -> str:
    if cardinal in _IRREGULAR_ORDINALS:
        return _IRREGULAR_ORDINALS[cardinal]
    return cardinal[:-1] + "ieth" if cardinal.endswith("y") else cardinal + "th"


ORDINAL_WORDS = {_ordinal_of(word): value for word, value in {**UNITS, **TENS}.items() if word not in ("zero", "dozen")}
"""Ordinal number words 1-19 and the tens (``"third"`` 3, ``"twentieth"`` 20), spelt from the
cardinals of :data:`UNITS` and :data:`TENS`."""

_UNIT_ORDINAL = "|".join(w for w, v in sorted(ORDINAL_WORDS.items(), key=lambda kv: -len(kv[0])) if v < 10)
ORDINAL_PATTERN = (rf"(?:(?:{'|'.join(TENS)})[-\s](?:{_UNIT_ORDINAL})"
                   rf"|{'|'.join(sorted(ORDINAL_WORDS, key=len, reverse=True))})\b")
"""An ordinal written in words from 1 to 99 (``"third"``, ``"twenty-first"``, ``"thirty first"``),
for use inside other patterns (match it case-insensitively); :func:`ordinal_value` reads it."""


def ordinal_value(text: str) -> int | None:
    """The value of an ordinal written in words (any case): ``"third"`` -> 3, ``"twenty-first"``
    and ``"twenty first"`` -> 21, ``"thirtieth"`` -> 30; ``None`` for anything else
    (``"three"``, ``"21st"``, ``"hundredth"``)."""
    words = re.split(r"[-\s]+", unicodedata.normalize("NFKC", text).strip().lower())
    if len(words) == 1:
        return ORDINAL_WORDS.get(words[0])
    if len(words) == 2 and words[0] in TENS and ORDINAL_WORDS.get(words[1], 10) < 10:
        return TENS[words[0]] + ORDINAL_WORDS[words[1]]
    return None


_COMPOUND = re.compile(r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-\w+")


def is_number(token: str) -> bool:
    """A token that states a quantity: digits, an English number word, a tens compound
    (``"thirty-four"``) or a quantity plural (``"dozens"``); full-width forms read as their
    plain ones (NFKC: ``"ｔｈｒｅｅ"``, ``"１２"``)."""
    token = unicodedata.normalize("NFKC", token).lower()
    return (bool(re.fullmatch(r"\d[\d,.]*", token)) or token in NUMBER_WORDS or token in QUANTITY_PLURALS
            or bool(_COMPOUND.fullmatch(token)))


def number_value(token: str) -> int | None:
    """The value of a number token: digits (``"1,000"``), a number word or a hyphenated
    compound (``"twenty-five"``); ``None`` otherwise (scales above a hundred are not
    read alone: ``"thousand"`` is ``None``); full-width forms read as their plain ones (NFKC)."""
    lowered = unicodedata.normalize("NFKC", token).lower()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})*|\d+", lowered):
        return int(lowered.replace(",", ""))
    if lowered in UNITS and lowered != "zero" or lowered in TENS or lowered == "hundred":
        return NUMBER_WORDS[lowered]
    parts = lowered.split("-")
    if len(parts) == 2 and all(p in UNITS or p in TENS for p in parts) and "zero" not in parts:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def _word_value(words: list[str]) -> float | None:
    """The value of a run of number words (``["two", "hundred", "fifty"]`` -> 250)."""
    total, current, seen = 0, 0, False
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * SCALES[word]
            current = 0
        seen = True
    return float(total + current) if seen else None


def numbers_in(text: str) -> set[float]:
    """The values of the numbers stated in ``text``.

    Examples: ``"34 airstrikes"`` -> ``{34}``, ``"1,500 and 2.5"`` -> ``{1500, 2.5}``,
    ``"thirty-four"`` -> ``{34}``, ``"3-5 killed"`` -> ``{3, 5}``, ``"1.5 million"`` ->
    ``{1500000}``, ``"no one"`` -> ``set()``.  Full-width forms read as their plain ones (NFKC).
    """
    text = unicodedata.normalize("NFKC", text)
    values: set[float] = set()
    for match in _DIGITS.finditer(text):
        value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        if match.group(3):
            value *= SCALES[match.group(3).lower()]
        values.add(value)
    words_only = _DIGITS.sub(lambda m: " " * len(m.group(0)), text)  # "1.5 million": one number, not two
    for match in _WORD_RUN.finditer(words_only):
        groups = _number_groups(re.split(r"[\s-]+", match.group(0).lower()))
        if groups == [["one"]] and _one_is_pronoun(words_only, match.start(), match.end()):
            continue
        values.update(v for v in map(_word_value, groups) if v is not None)
    return values


def _number_groups(words: list[str]) -> list[list[str]]:
    """Split a run of number words into numbers: ``three and five`` is two numbers,
    ``two hundred and fifty`` one (``and`` joins only after a scale word); ``five three``
    is two, ``twenty one`` one."""
    groups: list[list[str]] = [[]]
    previous = ""
    for word in words:
        if word == "a":
            continue
        if word == "and":
            if previous not in SCALES:
                groups.append([])
            previous = word
            continue
        if groups[-1] and (
            (word in UNITS and previous in UNITS) or (word in TENS and previous in {*UNITS, *TENS})
        ):
            groups.append([])
        groups[-1].append(word)
        previous = word
    return [g for g in groups if g]


def _one_is_pronoun(text: str, start: int, end: int) -> bool:
    before = re.findall(r"[A-Za-z]+", text[:start])
    after = re.match(r"\s+(\w+)", text[end:])
    return bool(before and before[-1].lower() in _ONE_PRONOUN_BEFORE) or bool(after and after.group(1).lower() == "another")


