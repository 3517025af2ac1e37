"""Follow-up questions ("and in Helmand?") rewritten into standalone questions before retrieval.

With a generator configured, :func:`condense` asks it (``prompts/condense.txt``) and checks
the reply (one line, not empty, at most 300 characters); otherwise, or when the reply
fails the check or the generator fails, :func:`condense_simple` applies these rules to
the previous user question ``P`` (itself condensed first, so chains of follow-ups work).
The follow-up keeps its own question and borrows from ``P`` only what it lacks: the place
and the time it is about (read by :mod:`assistant.language.question`).  The counted
thing is not borrowed: "how many were captured?" after "how many airstrikes were
reported?" must not become "how many airstrikes were captured?", and the words alone do
not tell the two cases apart.

1. no previous question: the question is returned unchanged;
2. after a connective ("and", "but", "also", "what about", "how about", "what of",
   "same for") is removed, a *question of its own* (it starts with a question word:
   "and how many were detained there?"):

   a. "there" becomes ``P``'s place, "then" ``P``'s time;
   b. ``P``'s place and time are added when the follow-up names none of its own;

   so "How many insurgents were killed in Lakeview district in May 2019?" + "and how
   many were detained there?" -> "How many were detained in Lakeview district in May 2019?";
3. a *fragment* (a connective, or at most three words not starting with a question word),
   the fragment ``F``:

   a. ``F`` is a time ("in 2011") or a place ("in Helmand") and ``P`` names one: ``P``'s
      last time or place is replaced (``F`` is added when ``P`` names none); else ``F`` is a preposition + object and ``P`` has
      the same preposition followed by a capitalised name or a number: that object is replaced
      ("How many were killed in Kunduz province?" + "and in Helmand?" ->
      "How many were killed in Helmand?"); so is the fragment's last preposition + name when the
      fragment stands for a thing of ``P`` ("How many trucks did the convoy to Orsk carry?" + "and
      in the one to Vel?" -> "How many trucks did the convoy to Vel carry?"; the prepositions of
      place and movement, :data:`~assistant.language.places.LOCATIVE_PREPOSITIONS`, ``DIRECTIONS``);
   b. ``F`` is a year and ``P`` has one: the year is replaced;
   c. ``F`` starts with a capitalised name and ``P`` has one after its first word: the
      last such name is replaced;
   d. otherwise ``F`` is appended to ``P`` ("How many were detained" + "in May" ->
      "How many were detained in May?");
4. a full question without a connective that refers back ("there", "then", "it",
   "they", "them", "that", "those", "he", "she", "his", "her") and names no place,
   person or year of its own: rule 2, and what it still lacks of ``P``'s names is added
   in brackets ("How many were killed there?" -> "How many were killed in Kunduz?");
5. anything else is already standalone: unchanged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

import regex

from ..errors import GeneratorError
from ..language.dates import YEAR
from ..language.names import NAME_WORD, name_runs
from ..language.places import DIRECTIONS, LOCATIVE_PREPOSITIONS
from ..language.question import place_phrases, time_phrases
from ..models.generators import Generator
from ..types import Turn
from .prompts import Prompts

logger = logging.getLogger(__name__)

_CONNECTIVE = re.compile(r"^\s*(?:and|but|also|so)?\s*(?:what|how)\s+about\b|^\s*(?:and|but|also|what\s+of|same\s+for)\b",
                         re.IGNORECASE)
_QUESTION_START = re.compile(
    r"^\s*(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|could|has|have|had|will|would|should|name|list|give|tell)\b",
    re.IGNORECASE,
)
_PREPOSITIONS = "|".join(sorted({"in", "at", "on", "for", "during", "near", "from", "of", "by", "since", "after", "before",
                                  *LOCATIVE_PREPOSITIONS, *DIRECTIONS}, key=lambda w: (-len(w), w)))
_NAME = rf"(?:{NAME_WORD}|\d{{4}})(?:\s+(?:{NAME_WORD}|district|province|village|city|area|region|\d{{4}}))*"
_OBJECT = regex.compile(rf"\b({_PREPOSITIONS})\s+((?:the\s+)?{_NAME}(?:,\s*{_NAME})*)")
_FRAGMENT_OBJECT = re.compile(rf"^({_PREPOSITIONS})\s+(.+)$", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"\b(there|then|it|they|them|that|those|he|she|his|her)\b", re.IGNORECASE)
_THERE = re.compile(r"\s*\bthere\b", re.IGNORECASE)
_THEN = re.compile(r"\s*\bthen\b", re.IGNORECASE)
_MAX_CONDENSED = 300


def _names(question: str) -> list[str]:
    """Capitalised phrases after the first word, and years."""
    first = re.match(r"\s*\S+", question)
    rest = question[first.end():] if first else question
    return [text for _, text in name_runs(rest)] + YEAR.findall(rest)


def _strip_question(text: str) -> str:
    return text.strip().rstrip("?").strip()


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _own_question(previous: str, question: str) -> str:
    """A follow-up that is a question of its own, completed with the place and time of the
    standalone ``previous`` question (rule 2)."""
    text = _strip_question(question)
    places, times = place_phrases(previous), time_phrases(previous)
    if places and _THERE.search(text):
        text = _THERE.sub(" " + places[-1], text, count=1)
    if times and _THEN.search(text):
        text = _THEN.sub(" " + times[-1], text, count=1)
    if places and not place_phrases(text):
        text = f"{text} {places[-1]}"
    if times and not time_phrases(text):
        text = f"{text} {times[-1]}"
    return _capitalise(" ".join(text.split())) + "?"


def _follow(previous: str, question: str) -> str:
    """One follow-up ``question`` made standalone with the standalone ``previous`` one."""
    words = question.split()
    connective = _CONNECTIVE.match(question)
    rest = question[connective.end():].strip(" ,") if connective else question
    if connective and _QUESTION_START.match(rest):
        return _own_question(previous, rest)
    is_fragment = bool(connective) or (len(words) <= 3 and not _QUESTION_START.match(question))
    base = _strip_question(previous)
    if is_fragment:
        fragment = _strip_question(rest).strip(" ,")
        if not fragment:
            return previous
        for phrases in (time_phrases, place_phrases):  # a time replaces a time, a place a place
            if phrases(fragment) == [fragment]:
                if not phrases(base):
                    return f"{base} {fragment}?"
                last = phrases(base)[-1]
                at = base.rindex(last)
                return f"{base[:at]}{fragment}{base[at + len(last):]}?"
        target = _FRAGMENT_OBJECT.match(fragment)
        named = list(_OBJECT.finditer(fragment))
        for preposition, object_ in ([target.group(1, 2)] if target else []) + [m.group(1, 2) for m in named[-1:]]:
            for match in reversed(list(_OBJECT.finditer(base))):
                if match.group(1).lower() == preposition.lower():
                    return f"{base[:match.start(2)]}{object_}{base[match.end(2):]}?"
        if YEAR.fullmatch(fragment) and YEAR.search(base):
            return YEAR.sub(fragment, base, count=1) + "?"
        if fragment[:1].isupper():
            names = [(start, text) for start, text in name_runs(base) if start > 0]
            if names:
                start, text = names[-1]
                return f"{base[:start]}{fragment}{base[start + len(text):]}?"
        return f"{base} {fragment}?"
    if _BACK_REFERENCE.search(question) and not _names(question):
        completed = _own_question(previous, question)
        missing = [n for n in dict.fromkeys(_names(previous)) if n.lower() not in completed.lower()]
        if missing:
            completed = f"{_strip_question(completed)} ({', '.join(missing)})?"
        return completed
    return question


def condense_simple(question: str, history: Sequence[Turn]) -> str:
    """The standalone form of ``question`` by the rules of the module docstring.

    Example: ``condense_simple("and in Helmand?", [Turn("user", "How many were killed in Kunduz?")])``
    gives ``"How many were killed in Helmand?"``.
    """
    previous: str | None = None
    for turn in history:
        if turn.role == "user" and turn.content.strip():
            previous = turn.content.strip() if previous is None else _follow(previous, turn.content.strip())
    return question if previous is None else _follow(previous, question)


def condense(question: str, history: Sequence[Turn], *, generator: Generator | None = None,
             prompts: Prompts | None = None) -> str:
    """The standalone form of ``question`` given the conversation ``history`` (oldest first).

    Uses ``generator`` with ``prompts.condense`` when both are given and the history has a
    user turn, else (or when its reply is unusable) :func:`condense_simple`.
    """
    if not any(t.role == "user" for t in history):
        return question
    if generator is not None and prompts is not None:
        try:
            reply = generator.generate(prompts.condense_messages(question, history)).strip().strip('"').strip()
        except GeneratorError as exc:
            logger.warning("condensing with the generator failed (%s); using the simple method", exc)
        else:
            if reply and "\n" not in reply and len(reply) <= _MAX_CONDENSED:
                return reply
            logger.info("unusable condensed question %r; using the simple method", reply[:100])
    return condense_simple(question, history)
