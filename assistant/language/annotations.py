"""What the English pipeline reads in a document (:mod:`.nlp`): sentences, tokens and named
entities, every offset into the document text.  Plain records, so every stage can hold them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Token:
    """A word of a sentence: ``start``/``end`` offsets in the document, its part-of-speech
    tag (Universal POS: ``NOUN``, ``PROPN``, ``NUM``, ``VERB``, ...) and lower-case lemma."""

    start: int
    end: int
    pos: str
    lemma: str


@dataclass(frozen=True)
class Entity:
    """A named entity (spaCy's OntoNotes labels: ``PERSON``, ``ORG``, ``GPE``, ``LOC``, ``FAC``,
    ``DATE``, ``TIME``, ``CARDINAL``, ``QUANTITY``, ``MONEY``, ``PERCENT``, ...) at
    ``start``/``end`` in the document."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Sentence:
    """A sentence at ``start``/``end`` in the document, read across hard line breaks (a
    wrapped sentence is one sentence), with its tokens."""

    start: int
    end: int
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True)
class Annotations:
    """What the English pipeline read in a stretch of a document: its sentences and named
    entities, every offset into the document text (:mod:`assistant.language.nlp`).

    A chunk's annotations hold every sentence that overlaps the chunk (whole, possibly
    reaching past the chunk's ends) and every entity inside those sentences.
    """

    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()

    def within(self, start: int, end: int) -> Annotations:
        """The sentences overlapping ``start..end`` and the entities inside those sentences."""
        sentences = tuple(s for s in self.sentences if s.start < end and s.end > start)
        if not sentences:
            return Annotations()
        lo, hi = sentences[0].start, sentences[-1].end
        return Annotations(sentences, tuple(e for e in self.entities if e.start >= lo and e.end <= hi))

    def entities_in(self, sentence: Sentence) -> tuple[Entity, ...]:
        """The entities inside ``sentence``."""
        return tuple(e for e in self.entities if e.start >= sentence.start and e.end <= sentence.end)
