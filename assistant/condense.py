"""Follow-up questions ("and in Helmand?") rewritten into standalone questions before retrieval.

With a generator configured, :func:`condense` asks it (``prompts/condense.txt``) and checks
the reply (one line, not empty, at most 300 characters); otherwise, or when the reply
fails the check or the generator fails, :func:`condense_simple` applies these rules to
the previous user question ``P`` (itself condensed first, so chains of follow-ups work):

1. no previous question: the question is returned unchanged;
2. a *fragment*: the question starts with a connective ("and", "but", "also", "what
   about", "how about", "what of", "same for") or has at most three words and does not
   start with a question word. With the connective removed, the fragment ``F``:

   a. ``F`` is a preposition + object ("in Helmand", "in 2011") and ``P`` has the same
      preposition followed by a capitalised name or a number: that object is replaced
      ("How many were killed in Kunduz province?" + "and in Helmand?" ->
      "How many were killed in Helmand?");
   b. ``F`` is a year and ``P`` has one: the year is replaced;
   c. ``F`` starts with a capitalised name and ``P`` has one after its first word: the
      last such name is replaced;
   d. otherwise ``F`` is appended to ``P`` ("How many were detained" + "in May" ->
      "How many were detained in May?");
3. a full question that refers back ("there", "it", "they", "them", "that", "those",
   "he", "she", "his", "her") and names no place, person or year of its own: ``P``'s
   names and years are appended in brackets ("How many were killed there (Kunduz)?");
4. anything else is already standalone: unchanged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from .errors import GeneratorError
from .generators import Generator
from .prompts import Prompts
from .types import Turn

logger = logging.getLogger(__name__)

_CONNECTIVE = re.compile(r"^\s*(?:and|but|also|so)?\s*(?:what|how)\s+about\b|^\s*(?:and|but|also|what\s+of|same\s+for)\b",
                         re.IGNORECASE)
_QUESTION_START = re.compile(
    r"^\s*(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|could|has|have|had|will|would|should|name|list|give|tell)\b",
    re.IGNORECASE,
)
_PREPOSITIONS = "in|at|on|for|during|near|from|of|by|since|after|before"
_NAME = r"(?:[A-Z][\w'’.-]*|\d{4})(?:\s+(?:[A-Z][\w'’.-]*|district|province|village|city|area|region|\d{4}))*"
_OBJECT = re.compile(rf"\b({_PREPOSITIONS})\s+((?:the\s+)?{_NAME}(?:,\s*{_NAME})*)")
_FRAGMENT_OBJECT = re.compile(rf"^({_PREPOSITIONS})\s+(.+)$", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
_BACK_REFERENCE = re.compile(r"\b(there|it|they|them|that|those|he|she|his|her)\b", re.IGNORECASE)
_MAX_CONDENSED = 300


def _names(question: str) -> list[str]:
    """Capitalised phrases after the first word, and years."""
    first = re.match(r"\s*\S+", question)
    rest = question[first.end():] if first else question
    return [m.group(0) for m in _CAPITALISED.finditer(rest)] + _YEAR.findall(rest)


def _strip_question(text: str) -> str:
    return text.strip().rstrip("?").strip()


def _follow(previous: str, question: str) -> str:
    """One follow-up ``question`` made standalone with the standalone ``previous`` one."""
    words = question.split()
    connective = _CONNECTIVE.match(question)
    is_fragment = bool(connective) or (len(words) <= 3 and not _QUESTION_START.match(question))
    base = _strip_question(previous)
    if is_fragment:
        fragment = _strip_question(question[connective.end():] if connective else question).strip(" ,")
        if not fragment:
            return previous
        target = _FRAGMENT_OBJECT.match(fragment)
        if target:
            for match in reversed(list(_OBJECT.finditer(base))):
                if match.group(1).lower() == target.group(1).lower():
                    return f"{base[:match.start(2)]}{target.group(2)}{base[match.end(2):]}?"
        if _YEAR.fullmatch(fragment) and _YEAR.search(base):
            return _YEAR.sub(fragment, base, count=1) + "?"
        if fragment[:1].isupper():
            names = [m for m in _CAPITALISED.finditer(base) if m.start() > 0]
            if names:
                last = names[-1]
                return f"{base[:last.start()]}{fragment}{base[last.end():]}?"
        return f"{base} {fragment}?"
    if _BACK_REFERENCE.search(question) and not _names(question):
        context = ", ".join(dict.fromkeys(_names(previous)))
        if context:
            return f"{_strip_question(question)} ({context})?"
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
