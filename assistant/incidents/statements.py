"""Statements that people were killed or detained, and the minimum counts they support.

A statement is a kill or capture word with the people it applies to:

* active: ``killed two insurgents``, ``killing him``, ``detained the leader along with
  three of his associates``;
* passive: ``two insurgents were killed``, ``four men were detained``, ``resulting in two
  insurgents, including Badam, being killed``; inverted: ``Also killed ... were more than
  a dozen armed insurgents``; reduced: ``one of the insurgents killed in an airstrike``;
* nouns: ``the death of Haqqani leader Shabeer``, ``the capture of a Taliban leader``,
  ``ten insurgent deaths``.

Skipped: intentions (``to kill``, ``to detain``, ``an operation to arrest``), negations
(``no civilians were killed``), the security forces' own losses (soldiers, police, service
members), and anything after the word "attack" in the same sentence (an insurgent attack's
victims, ``the attack that killed one coalition service member``).

Minimum count: releases restate one event several times ("killed two insurgents ... the
airstrike killed two armed insurgents"), so statements are not summed; a statement
about *additional* people (``four additional suspected insurgents``, ``also detained``,
``Several other insurgents``) adds to the one before it.  The minimum is the largest
such chain.  Vague statements ("several") add nothing to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..language.conditions import NEGATIONS
from ..language.numbers import number_value
from .phrases import Phrase, name_at, parse_list
from .text import Body, Sentence, Token

KILL_WORDS = frozenset({"killed", "killing"})
CAPTURE_WORDS = frozenset({"detained", "detaining", "captured", "capturing", "arrested", "arresting", "apprehended"})
_KILL_NOUNS = frozenset({"death", "deaths"})
_CAPTURE_NOUNS = frozenset({"capture", "arrest", "detention"})
_AUX = frozenset({"was", "were", "is", "are", "be", "been", "being"})
_AUX_ADVERBS = frozenset({"also", "reportedly", "subsequently", "later", "all", "both", "then", "eventually", "shot", "and"})
_UNCERTAIN = frozenset({"injured", "wounded"})
_ATTACK = frozenset({"attack", "attacks"})


@dataclass(frozen=True)
class Statement:
    """One kill or capture statement.

    ``kind`` is ``"killed"`` or ``"captured"``; ``count`` the people it states (0 when
    only vague); ``vague`` the words of a vague phrase; ``leaders``/``civilians`` the
    leaders/civilians among ``count``; ``names`` people named in it; ``additive`` true
    when it adds people to the statement before; ``start``/``end`` the sentence span.
    """

    kind: str
    count: int
    vague: str | None
    leaders: int
    civilians: int
    names: tuple[str, ...]
    additive: bool
    start: int
    end: int


def _kind(token: Token) -> str | None:
    if token.lower in KILL_WORDS:
        return "killed"
    if token.lower in CAPTURE_WORDS:
        return "captured"
    return None


def _subject(tokens: Sequence[Token], end: int) -> Phrase | None:
    """The leftmost phrase list that ends exactly at token ``end`` (a comma before it allowed)."""
    for start in range(0, end):
        phrase = parse_list(tokens, start)
        if phrase is not None and (phrase.end == end or (phrase.end == end - 1 and tokens[end - 1].text == ",")):
            return phrase
    return None


def _statement(tokens: Sequence[Token], i: int, kind: str, sentence: Sentence) -> Statement | None:
    word = tokens[i].lower
    if any(t.lower in _ATTACK for t in tokens[:i]):
        return None
    also = False
    phrase: Phrase | None = None
    if word in _KILL_NOUNS | _CAPTURE_NOUNS:
        if i + 1 < len(tokens) and tokens[i + 1].lower == "of":
            phrase = parse_list(tokens, i + 2)
        elif word == "deaths":
            phrase = _subject(tokens, i)  # "ten insurgent deaths": the phrase ends at the noun
            phrase = phrase if phrase is None or phrase.count or phrase.vague else None
            if phrase is None:
                for k in range(max(0, i - 4), i):
                    value = number_value(tokens[k].text)
                    if value is not None:
                        phrase = Phrase(count=value, start=k, end=i)
                        break
    else:
        if _negated(tokens, i):
            return None  # "No one was killed", "the suspects were not detained": nothing happened
        j = i - 1
        while j >= 0 and tokens[j].lower in _AUX_ADVERBS:
            also = also or tokens[j].lower == "also"
            j -= 1
        if j >= 0 and tokens[j].lower in _AUX:
            aux = j
            while aux > 0 and tokens[aux - 1].lower in _AUX | {"also"}:
                aux -= 1
                also = also or tokens[aux].lower == "also"
            phrase = _subject(tokens, aux)
            if phrase is None:
                phrase = Phrase(vague="unstated number")
                _including(tokens, i + 1, phrase)
            if i + 2 < len(tokens) and tokens[i + 1].lower in ("or", "and") and tokens[i + 2].lower in _UNCERTAIN:
                subject = " ".join(t.text for t in tokens[phrase.start : phrase.end]) if phrase.end else ""
                phrase.count, phrase.leaders = 0, 0
                phrase.vague = f"{subject} {tokens[i].text} {tokens[i + 1].text} {tokens[i + 2].text}".strip()
        elif i == 0 or (i == 1 and tokens[0].lower == "also"):
            also = i == 1
            for k in range(i + 1, len(tokens)):
                if tokens[k].lower in ("were", "was"):
                    phrase = parse_list(tokens, k + 1)
                    break
        else:
            also = i > 0 and tokens[i - 1].lower == "also"
            phrase = parse_list(tokens, i + 1)
            if phrase is None and i + 1 < len(tokens) and tokens[i + 1].lower in ("in", "by", "during"):
                phrase = _subject(tokens, i)  # "one of the insurgents killed in an airstrike"
    if phrase is None or phrase.negated or (phrase.friendly and not phrase.count):
        return None
    if not phrase.count and not phrase.vague and not phrase.names:
        return None
    return Statement(
        kind=kind, count=phrase.count, vague=phrase.vague if not phrase.count else None, leaders=phrase.leaders,
        civilians=phrase.civilians, names=tuple(phrase.names), additive=also or phrase.additive,
        start=sentence.start, end=sentence.end,
    )


_CLAUSE_BREAKS = frozenset({",", ";", ":", "and", "but", "while", "whereas", "although"})


def _negated(tokens: Sequence[Token], i: int) -> bool:
    """The clause of the verb at ``i`` negates it ("*No one* was killed", "were *not* detained",
    "*nobody* was arrested"): a negation (:data:`~assistant.language.conditions.NEGATIONS`)
    between the verb and the start of its clause."""
    for k in range(i - 1, -1, -1):
        word = tokens[k].lower
        if word in _CLAUSE_BREAKS:
            return False
        if word in NEGATIONS or word.endswith("n't"):
            return True
    return False


def _including(tokens: Sequence[Token], i: int, phrase: Phrase) -> None:
    """Names after ", including" (``were killed, including Mullah Abdul Nafi``)."""
    k = i + 1 if i < len(tokens) and tokens[i].text == "," else i
    if k < len(tokens) and tokens[k].lower == "including":
        name, _ = name_at(tokens, k + 1)
        if name:
            phrase.names.append(name)


def statements(body: Body) -> list[Statement]:
    """Every kill and capture statement of the body, in text order."""
    found: list[Statement] = []
    for sentence in body.sentences:
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            kind = _kind(token)
            if kind is None and token.lower in _KILL_NOUNS:
                kind = "killed"
            elif kind is None and token.lower in _CAPTURE_NOUNS and i + 1 < len(tokens) and tokens[i + 1].lower == "of":
                kind = "captured"
            elif kind is None and token.lower == "taken" and i + 2 < len(tokens) \
                    and tokens[i + 1].lower == "into" and tokens[i + 2].lower == "custody":
                kind = "captured"
            if kind is None:
                continue
            statement = _statement(tokens, i, kind, sentence)
            if statement is not None:
                found.append(statement)
    return found


@dataclass(frozen=True)
class Count:
    """The minimum count of one kind and the statements it rests on."""

    value: int | None
    phrase: str | None
    leaders: int
    civilians: int
    support: tuple[Statement, ...]


def minimum(found: Iterable[Statement], kind: str) -> Count:
    """The minimum number of people of ``kind`` (see the module docstring).

    ``value`` is ``None`` when statements exist but none gives a number (``phrase``
    then holds the vague words), 0 when there is no statement.
    """
    chains: list[list[Statement]] = []
    vague: str | None = None
    leaders = civilians = 0
    for st in (s for s in found if s.kind == kind):
        vague = vague or st.vague
        leaders = max(leaders, st.leaders)
        civilians = max(civilians, st.civilians)
        if st.additive and chains:
            chains[-1].append(st)
        else:
            chains.append([st])
    if not chains:
        return Count(0, None, 0, 0, ())
    best = max(chains, key=lambda chain: sum(s.count for s in chain))
    total = sum(s.count for s in best)
    if total == 0:
        support = tuple(s for chain in chains for s in chain if s.vague)[:1]
        return Count(None, vague, leaders, civilians, support)
    return Count(total, None, leaders, civilians, tuple(s for s in best if s.count))
