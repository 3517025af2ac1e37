"""The parts of a document the rules read: the body without front matter, notes and quotes.

Offsets never change: excluded text is replaced by spaces of the same length, so every
offset into :attr:`Body.masked` is an offset into the stored document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..language.sentences import read_sentences

# "Key: value" lines at the very start of a file (at least two, then a blank line):
# metadata written by whoever prepared the file, not report text.
_FRONT_MATTER = re.compile(r"\A(?:[A-Z][A-Za-z ()/_-]{0,40}:[ \t]+\S[^\n]*\n){2,}(?=\s*\n)")
# Bracketed editorial notes ("[N.B. ...]") and quotations (officials' statements).
_NOTE = re.compile(r"\[[^\[\]\n]{0,2000}\]")
_QUOTE = re.compile(r"[\"“][^\"“”\n]{1,2000}[\"”]")
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|[A-Za-z0-9]+(?:[-'’.][A-Za-z0-9]+)*|[.,;:!?()–—]|-")


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark at ``start`` (offset in the document text)."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


@dataclass(frozen=True)
class Sentence:
    """A sentence of the masked body: ``start``/``end`` are document offsets."""

    start: int
    end: int
    text: str  # the masked sentence text

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(Token(m.group(0), self.start + m.start()) for m in _TOKEN.finditer(self.text))


@dataclass(frozen=True)
class Body:
    """A document prepared for the rules.

    ``text`` is the stored document text; ``masked`` has the same length, with the
    front matter, bracketed notes and quotations blanked out; ``start`` is where the
    body begins (after the front matter).
    """

    text: str
    masked: str
    start: int

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        # the sentences the answerer reads: a hard-wrapped paragraph's line breaks are inside them
        return tuple(Sentence(s.start, s.end, self.masked[s.start:s.end]) for s in read_sentences(self.masked))

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset``, if any."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


def prepare(text: str) -> Body:
    """Split off front matter and blank out notes and quotations (offsets kept)."""
    front = _FRONT_MATTER.match(text)
    start = front.end() if front else 0
    masked = " " * start + text[start:]
    for pattern in (_NOTE, _QUOTE):
        masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
    return Body(text=text, masked=masked, start=start)
