"""Noun phrases that name people, with the number of people they state.

A tiny grammar over the tokens of one sentence, enough for press-release English::

    list   := np ((, | and | along with | as well as | with | plus) np)*  [, including np]
    np     := quantity? [of (the|his|their|these|those)] modifier{0,6} HEAD [apposition] [of Place]
            | NAME | him | her | them
    quantity := NUMBER [to|or|- NUMBER] | more than N | over N | at least N | a dozen | a couple of
              | a | an | one | another | both | all N | the N | VAGUE | the | his | their ...

``HEAD`` is a noun for people (:data:`~assistant.incidents.lexicon.PERSON_HEADS`).
A phrase with a number counts that many people; "a"/"an"/"the" + singular head
counts one; a vague quantity ("several", "numerous", "the insurgents", "them")
counts none and is kept as the phrase's ``vague`` text.  "more than N" counts N + 1
(the minimum the words allow).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..language.dates import MONTHS, WEEKDAYS
from ..language.numbers import VAGUE_WORDS, number_value
from ..language.tokens import FUNCTION_WORDS
from .lexicon import (
    CIVILIAN_HEADS,
    FRIENDLY_WORDS,
    LEADER_HEADS,
    NOT_NAMES,
    PERSON_HEADS,
)
from .text import Token

_DETERMINERS = {"the", "his", "her", "their", "its", "these", "those", "this", "that"}
_ADDITIVE = {"additional", "other", "another", "more", "further"}
_COLLECTIVE = {"team", "teams", "cell", "group", "groups", "others"}
_PLACE_WORDS = {"district", "province", "village", "city", "area", "valley", "river", "hotel", "road", "bazaar"}
_TITLES = {"mullah", "maulawi", "mawlawi", "qari", "haji", "mufti", "sheikh", "dr"}
BLOCK = FUNCTION_WORDS | frozenset(
    """yesterday today tonight overnight morning afternoon evening night last early later killed killing detained
    detaining captured capturing arrested arresting wounded injured died dead shot engaged fired""".split()
) | set(WEEKDAYS) | set(MONTHS)


@dataclass
class Phrase:
    """People named by one noun phrase (or list).  ``end`` is the token index after it."""

    count: int = 0
    vague: str | None = None
    leaders: int = 0
    civilians: int = 0
    friendly: bool = False
    negated: bool = False
    additive: bool = False
    names: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0


def _words(tokens: Sequence[Token], i: int, *expected: str) -> bool:
    return all(i + k < len(tokens) and tokens[i + k].lower == w for k, w in enumerate(expected))


def _number(tokens: Sequence[Token], i: int) -> tuple[int | None, int]:
    """A number at ``i`` (with a following "to/or/- N" range, whose low end counts)."""
    if i >= len(tokens):
        return None, i
    if _words(tokens, i, "a", "dozen") or _words(tokens, i, "one", "dozen"):
        return 12, i + 2
    value = number_value(tokens[i].text)
    if value is None:
        return None, i
    j = i + 1
    if j + 1 < len(tokens) and tokens[j].lower in ("to", "or", "-", "–") and number_value(tokens[j + 1].text) is not None:
        j += 2
    return value, j


def _quantity(tokens: Sequence[Token], i: int) -> tuple[str, int | None, int]:
    """(kind, value, next index); kind is number | one | vague | definite | pronoun | none | bare."""
    t = tokens[i].lower
    if t in ("him", "her"):
        return "pronoun", 1, i + 1
    if t in ("them", "they"):
        return "vague", None, i + 1
    if t in ("no", "none", "nobody"):
        return "none", 0, i + 1
    if t in ("more", "over") or _words(tokens, i, "upwards", "of"):
        j = i + 2 if _words(tokens, i, "more", "than") or _words(tokens, i, "upwards", "of") else i + 1
        value, k = _number(tokens, j)
        if value is not None:
            return "number", value + 1, k
    if _words(tokens, i, "at", "least"):
        value, k = _number(tokens, i + 2)
        if value is not None:
            return "number", value, k
    for words, value in ((("a", "couple", "of"), 2), (("a", "pair", "of"), 2)):
        if _words(tokens, i, *words):
            return "number", value, i + 3
    for words in (("a", "number", "of"), ("a", "group", "of"), ("a", "few"), ("a", "handful", "of"),
                  ("dozens", "of"), ("scores", "of"), ("hundreds", "of"), ("as", "many", "as"), ("up", "to")):
        if _words(tokens, i, *words):
            return "vague", None, i + len(words)
    value, k = _number(tokens, i)
    if value is not None:
        return "number", value, k
    if t in ("a", "an", "another"):
        return "one", 1, i + 1
    if t == "both":
        return "number", 2, i + 1
    if t == "all":
        value, k = _number(tokens, i + 1)
        return ("number", value, k) if value is not None else ("vague", None, i + 1)
    if t in VAGUE_WORDS:
        return "vague", None, i + 1
    if t in _DETERMINERS:
        value, k = _number(tokens, i + 1)
        return ("number", value, k) if value is not None else ("definite", None, i + 1)
    return "bare", None, i


def name_at(tokens: Sequence[Token], i: int) -> tuple[str | None, int]:
    """A person's name starting at ``i`` (1-4 capitalised words, a title allowed first)."""
    j = i
    parts: list[str] = []
    while j < len(tokens) and len(parts) < 4:
        tok = tokens[j]
        if not tok.is_word or not tok.is_capitalised or number_value(tok.text) is not None:
            break
        if tok.lower in NOT_NAMES and not (tok.lower in _TITLES and not parts):
            break
        parts.append(tok.text)
        j += 1
    if not parts or all(p.lower() in _TITLES for p in parts):
        return None, i
    if j < len(tokens) and tokens[j].lower in _PLACE_WORDS:
        return None, i
    return " ".join(parts), j


def _appositions(tokens: Sequence[Token], j: int, phrase: Phrase) -> int:
    """Names after a head: ``leader Yasir``, ``leader, Mahjur,``, ``, known as Mahmood,``."""
    name, k = name_at(tokens, j)
    if name:
        phrase.names.append(name)
        return k
    k = j + 1 if j < len(tokens) and tokens[j].text == "," else j
    if _words(tokens, k, "also", "known", "as"):
        k += 3
    elif _words(tokens, k, "known", "as") or _words(tokens, k, "identified", "as"):
        k += 2
    elif k == j:
        return j
    name, after = name_at(tokens, k)
    if not name:
        return j
    phrase.names.append(name)
    return after + 1 if after < len(tokens) and tokens[after].text == "," else after


def parse_phrase(tokens: Sequence[Token], i: int) -> Phrase | None:
    """One noun phrase naming people at token ``i``, or ``None``."""
    if i >= len(tokens) or not tokens[i].is_word:
        return None
    kind, value, j = _quantity(tokens, i)
    phrase = Phrase(start=i, additive=tokens[i].lower == "another")
    if kind == "pronoun":
        phrase.count, phrase.end = 1, j
        return phrase
    if kind == "vague" and tokens[i].lower in ("them", "they"):
        phrase.vague, phrase.end = tokens[i].text, j
        return phrase
    if kind == "none":
        phrase.negated = True
    if _words(tokens, j, "of") and j + 1 < len(tokens) and tokens[j + 1].lower in _DETERMINERS | {"them"}:
        if tokens[j + 1].lower == "them":
            phrase.count, phrase.vague, phrase.end = (value or 0), (None if value else "them"), j + 2
            return phrase
        j += 2
    if kind == "bare":
        name, k = name_at(tokens, j)
        if name:
            phrase.count, phrase.names, phrase.end = 1, [name], k
            return phrase
    run: list[int] = []
    k = j
    while k < len(tokens) and len(run) < 7 and tokens[k].is_word and tokens[k].lower not in BLOCK \
            and number_value(tokens[k].text) is None:
        run.append(k)
        k += 1
    heads = [r for r in run if tokens[r].lower in PERSON_HEADS]
    if not heads:
        return None
    head_index = heads[-1]
    head = tokens[head_index].lower
    words = {tokens[r].lower for r in run[: run.index(head_index) + 1]}
    plural = head.endswith("s") or head in ("men", "people", "taliban", "enemy", "police")
    if kind in ("number", "one"):
        phrase.count = value or 0
    elif kind in ("definite", "bare") and not plural and head not in _COLLECTIVE:
        phrase.count = 1
    elif kind != "none":
        phrase.vague = " ".join(t.text for t in tokens[i : head_index + 1])
    if head in _COLLECTIVE and kind == "one":
        phrase.count, phrase.vague = 0, " ".join(t.text for t in tokens[i : head_index + 1])
    phrase.friendly = head in FRIENDLY_WORDS or bool(words & FRIENDLY_WORDS)
    phrase.additive = phrase.additive or bool(words & _ADDITIVE)
    if head in LEADER_HEADS:
        phrase.leaders = phrase.count
    if head in CIVILIAN_HEADS:
        phrase.civilians = phrase.count
    end = _appositions(tokens, head_index + 1, phrase)
    if _words(tokens, end, "of") and end + 1 < len(tokens) and tokens[end + 1].is_capitalised:
        end += 1
        while end < len(tokens) and tokens[end].is_word and tokens[end].is_capitalised:
            end += 1
    phrase.end = end
    return phrase


def parse_list(tokens: Sequence[Token], i: int) -> Phrase | None:
    """Noun phrases joined by and/along with/as well as/commas, summed; "including X"
    adds names and leaders without adding people (they are among the others)."""
    first = parse_phrase(tokens, i)
    if first is None:
        return None
    total = first
    if first.friendly:
        total.count = total.leaders = total.civilians = 0
        total.vague = None
    j = first.end
    while j < len(tokens):
        if _words(tokens, j, ",", "including") or _words(tokens, j, "including"):
            k = j + (2 if tokens[j].text == "," else 1)
            sub = parse_phrase(tokens, k)
            if sub is None:
                break
            total.names += sub.names
            total.leaders = max(total.leaders, sub.leaders)
            j = sub.end + (1 if _words(tokens, sub.end, ",") and not _words(tokens, sub.end + 1, "and") else 0)
            continue
        step = 0
        for words in (("along", "with"), ("as", "well", "as"), (",", "and"), (",", "along", "with"),
                      ("and",), (",",), ("with",), ("plus",)):
            if _words(tokens, j, *words):
                step = len(words)
                break
        nxt = parse_phrase(tokens, j + step) if step else None
        if nxt is None or nxt.negated:
            break
        if words == (",",) and total.names and tokens[j + 1].lower in ("a", "an"):
            break  # "Mullah Abdul Nafi, a Taliban leader and ...": an apposition, not more people
        if not nxt.friendly:
            total.count += nxt.count
            total.leaders += nxt.leaders
            total.civilians += nxt.civilians
            total.vague = total.vague or nxt.vague
        total.friendly = total.friendly and nxt.friendly
        total.additive = total.additive or nxt.additive
        total.names += nxt.names
        j = nxt.end
    total.end = j
    return total
