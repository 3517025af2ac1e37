"""The counting sentence index on disk (:class:`assistant.counting.index.SentenceIndex`), in
the format of :mod:`assistant.storage.persisted`, so a fresh process reads it instead of
rebuilding it from every stored annotation (25-60 s at 10,000 reports, docs/COUNTING.md).

The format follows what the index holds, not a fixed list of fields, so a field added to
:class:`~assistant.counting.index.IndexedSentence` or :class:`~assistant.counting.index.IndexedDocument`
is kept without a change here (and, as the code stamp changes, the old file is rebuilt once):

* the sentences of all documents are stored column by column, one column per field of
  :class:`IndexedSentence`, in the order of the sentence postings.  A column's kind is read
  from its values: ``int``; ``strs`` (tuples of strings: lemmas, words, parts of speech,
  numbered in one vocabulary); ``ints`` (tuples of ints); ``rows`` (tuples of equal-length
  int tuples: token spans); ``strset`` (frozensets of strings: keys); anything else ``json``.
  A column with ``None`` values keeps a mask.  A document's sentences are decoded when they
  are first read (:class:`StoredSentences`), so a count reads only the documents it decides;
* every other field of :class:`IndexedDocument` is JSON, decoded by the field's type hint
  (dataclasses such as :class:`~assistant.language.places.PlaceMention`, tuples, frozensets,
  dates, ``X | None``; ``object`` values keep tuples and dates through tags);
* the document postings (``{word: document ids}``) and the sentence postings
  (``{key: sentence numbers}``) as flat ``int32`` arrays with offsets.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import threading
import typing
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np

from ..language.daytime import day_part_positions
from ..language.places import PlaceMention
from ..language.sentences import column_header_span
from ..storage.persisted import (
    Vocabulary,
    code_stamp,
    decoder,
    encoder,
    from_json_array,
    json_array,
    load_index,
    offsets,
    plain,
    save_index,
    schema,
    untagged,
)
from .index import IndexedDocument, IndexedSentence, SentencePostings

logger = logging.getLogger(__name__)

FORMAT = 1
"""The layout of the arrays below; a file of another format is rebuilt."""


# ----- sentence columns --------------------------------------------------------------------------

def _column_kind(values: list) -> str:
    present = [v for v in values if v is not None]
    if all(type(v) is int for v in present):
        return "int"
    if not all(isinstance(v, (tuple, frozenset)) for v in present):
        return "json"
    if all(isinstance(v, frozenset) for v in present):
        return "strset" if all(type(x) is str for v in present for x in v) else "json"
    if any(isinstance(v, frozenset) for v in present):
        return "json"
    if all(type(x) is str for v in present for x in v):
        return "strs"
    if all(type(x) is int for v in present for x in v):
        return "ints"
    widths = {len(x) if isinstance(x, tuple) else -1 for v in present for x in v}
    if len(widths) == 1 and -1 not in widths and all(type(y) is int for v in present for x in v for y in x):
        return "rows"
    return "json"


def encode_sentences(sentences: list, vocabulary: Vocabulary, cls=IndexedSentence) -> tuple[dict, dict[str, np.ndarray]]:
    """``({field: kind}, arrays)`` of the sentences (instances of the dataclass ``cls``), one
    column per field (module docstring)."""
    kinds, arrays = {}, {}
    for field in dataclasses.fields(cls):
        values = [getattr(s, field.name) for s in sentences]
        kind = _column_kind(values)
        kinds[field.name] = kind
        name = f"s.{field.name}"
        if any(v is None for v in values):
            arrays[name + ".none"] = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
        if kind == "int":
            arrays[name] = np.array([0 if v is None else v for v in values], dtype=np.int64)
            continue
        if kind == "json":
            arrays[name] = json_array([plain(v) for v in values])
            continue
        runs = [() if v is None else v for v in values]
        arrays[name + ".offsets"] = offsets(map(len, runs))
        if kind in ("strs", "strset"):
            arrays[name] = np.array([i for run in runs for i in vocabulary.ids(run)], dtype=np.int32)
        elif kind == "ints":
            arrays[name] = np.array([x for run in runs for x in run], dtype=np.int64)
        else:  # rows
            width = next((len(x) for run in runs for x in run), 0)
            arrays[name] = np.array([x for run in runs for x in run], dtype=np.int64).reshape(-1, width)
    return kinds, arrays


class SentenceColumns:
    """The stored sentence columns of every document, decoded one document at a time.

    ``first[d]``: the number of document ``d``'s first sentence (as in
    :class:`~assistant.counting.index.SentencePostings`)."""

    def __init__(self, kinds: dict[str, str], arrays: Mapping[str, np.ndarray], vocabulary: list[str],
                 first: np.ndarray, cls=IndexedSentence) -> None:
        names = [f.name for f in dataclasses.fields(cls) if f.init]
        self.make = cls
        if set(kinds) != set(names):
            raise ValueError(f"the stored sentence fields {sorted(kinds)} are not {sorted(names)}")
        self.names = names
        self.kinds = kinds
        self.first = first
        self.vocabulary = vocabulary
        self.arrays = {k: arrays[k] for k in arrays}
        self._json: dict[str, list] = {}
        self._lock = threading.Lock()

    def count(self, number: int) -> int:
        return int(self.first[number + 1] - self.first[number])

    def sentences(self, number: int) -> tuple[IndexedSentence, ...]:
        """The sentences of document ``number`` (its position in the postings' order)."""
        lo, hi = int(self.first[number]), int(self.first[number + 1])
        if hi == lo:
            return ()
        columns = [self._column(name, lo, hi) for name in self.names]
        make = self.make
        return tuple(make(*row) for row in zip(*columns))

    def _column(self, name: str, lo: int, hi: int) -> list:
        kind, arrays, key = self.kinds[name], self.arrays, f"s.{name}"
        if kind == "int":
            values = arrays[key][lo:hi].tolist()
        elif kind == "json":
            with self._lock:
                if name not in self._json:
                    self._json[name] = [untagged(v) for v in from_json_array(arrays[key])]
            values = self._json[name][lo:hi]
        else:
            bounds = arrays[key + ".offsets"][lo : hi + 1]
            start = int(bounds[0])
            cuts = (bounds - start).tolist()
            flat = arrays[key][start : int(bounds[-1])]
            if kind in ("strs", "strset"):
                vocabulary = self.vocabulary
                items = [vocabulary[i] for i in flat.tolist()]
            elif kind == "ints":
                items = flat.tolist()
            else:
                items = list(map(tuple, flat.tolist()))
            make = frozenset if kind == "strset" else tuple
            values = [make(items[a:b]) for a, b in zip(cuts, cuts[1:])]
        none = arrays.get(key + ".none")
        if none is not None:
            values = [None if n else v for v, n in zip(values, none[lo:hi].tolist())]
        return values


class StoredSentences(Sequence):
    """A document's sentences as read from the index file: a sequence of
    :class:`IndexedSentence` decoded on first use (then kept)."""

    __slots__ = ("_columns", "_items", "_number")

    def __init__(self, columns: SentenceColumns, number: int) -> None:
        self._columns = columns
        self._number = number
        self._items: tuple[IndexedSentence, ...] | None = None

    def _all(self) -> tuple[IndexedSentence, ...]:
        items = self._items
        if items is None:
            items = self._items = self._columns.sentences(self._number)
        return items

    def __getitem__(self, index):
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._items) if self._items is not None else self._columns.count(self._number)

    def __iter__(self) -> Iterator[IndexedSentence]:
        return iter(self._all())

    def __bool__(self) -> bool:
        return len(self) > 0

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return f"StoredSentences({len(self)} sentences)"


class StoredPostings(Mapping):
    """``{word: ids of the documents containing it}`` read from the index file; a word's set is
    built when it is first looked up."""

    def __init__(self, words: list[str], flat: np.ndarray, bounds: np.ndarray, documents: list[str]) -> None:
        self._number = {w: i for i, w in enumerate(words)}
        self._flat, self._bounds, self._documents = flat, bounds, documents
        self._sets: dict[str, set[str]] = {}

    def __getitem__(self, word: str) -> set[str]:
        found = self._sets.get(word)
        if found is None:
            number = self._number[word]
            ids = self._documents
            found = {ids[d] for d in self._flat[self._bounds[number] : self._bounds[number + 1]].tolist()}
            self._sets[word] = found
        return found

    def __iter__(self):
        return iter(self._number)

    def __len__(self) -> int:
        return len(self._number)


# ----- the whole index ---------------------------------------------------------------------------

def encode(documents: Mapping[str, IndexedDocument], postings: Mapping[str, set[str]],
           sentence_postings: SentencePostings) -> tuple[dict, dict[str, np.ndarray]]:
    """``(header values, arrays)`` of an index's content (module docstring).  The documents'
    order is the sentence postings' (sorted ids).

    Raises:
        TypeError: a value the format cannot hold (the index is then kept in memory only).
    """
    order = sentence_postings.documents
    if list(order) != list(documents):
        raise ValueError("the sentence postings do not list the index's documents in order")
    vocabulary = Vocabulary()
    all_sentences = [s for i in order for s in documents[i].sentences]
    kinds, arrays = encode_sentences(all_sentences, vocabulary)
    hints = typing.get_type_hints(IndexedDocument)
    stored_json = {}
    for name in (f.name for f in dataclasses.fields(IndexedDocument) if f.name != "sentences"):
        values = [getattr(documents[i], name) for i in order]
        kind = _document_kind(hints[name])
        if kind == "text":
            joined = "".join(values)
            arrays[f"d.{name}"] = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
            arrays[f"d.{name}.offsets"] = offsets(map(len, values))
        elif kind == "table":
            arrays[f"d.{name}.offsets"] = offsets(map(len, values))
            for part, item in enumerate(typing.get_args(typing.get_args(hints[name])[0])):
                column = [row[part] for value in values for row in value]
                arrays[f"d.{name}.{part}"] = np.array(vocabulary.ids(column) if item is str else column,
                                                      dtype=np.int32 if item is str else np.int64)
        else:
            stored_json[name] = list(map(encoder(hints[name]), values))
    arrays["documents"] = json_array(stored_json)
    arrays["first"] = np.asarray(sentence_postings.first, dtype=np.int64)
    number = {d: n for n, d in enumerate(order)}
    words = list(postings)
    arrays["postings.words"] = json_array(words)
    arrays["postings.offsets"] = offsets(len(postings[w]) for w in words)
    arrays["postings"] = np.array([number[d] for w in words for d in sorted(postings[w])], dtype=np.int32)
    keys = list(sentence_postings.by_key)
    arrays["keys.words"] = json_array(keys)
    arrays["keys.offsets"] = offsets(len(sentence_postings.by_key[k]) for k in keys)
    arrays["keys"] = np.concatenate([sentence_postings.by_key[k] for k in keys]).astype(np.int32) if keys else \
        np.zeros(0, dtype=np.int32)
    arrays["vocabulary"] = json_array(vocabulary.strings())
    return {"sentence_fields": kinds, "n_documents": len(order)}, arrays


def _document_kind(hint) -> str:
    """How a field of :class:`IndexedDocument` is stored: ``text`` (a string: one joined text and
    offsets), ``table`` (tuples of equal-length tuples of ints and strings, e.g. the entities:
    one column per position) or ``json``."""
    if hint is str:
        return "text"
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis and typing.get_origin(args[0]) is tuple:
            items = typing.get_args(args[0])
            if items and Ellipsis not in items and all(a in (int, str) for a in items):
                return "table"
    return "json"


def decode(header: Mapping, archive) -> tuple[dict[str, IndexedDocument], StoredPostings, SentencePostings]:
    """The documents, postings and sentence postings of an index file (see :func:`encode`).

    Raises:
        ValueError, KeyError, TypeError: the file does not hold such an index.
    """
    vocabulary = [sys.intern(s) for s in from_json_array(archive["vocabulary"])]
    first = archive["first"]
    kinds = dict(header["sentence_fields"])
    prefix = tuple(f"s.{name}" for name in kinds)
    columns = SentenceColumns(kinds, {k: archive[k] for k in archive.files if k.startswith(prefix)}, vocabulary, first)
    stored = from_json_array(archive["documents"])
    hints = typing.get_type_hints(IndexedDocument)
    names = [f.name for f in dataclasses.fields(IndexedDocument)]
    n = int(header["n_documents"])
    if len(first) != n + 1:
        raise ValueError("the stored document count does not match its sentences")
    values: dict[str, list] = {"sentences": [StoredSentences(columns, number) for number in range(n)]}
    for name in names:
        if name == "sentences":
            continue
        kind = _document_kind(hints[name])
        if kind == "text":
            text = archive[f"d.{name}"].tobytes().decode("utf-8")
            cuts = archive[f"d.{name}.offsets"].tolist()
            values[name] = [text[a:b] for a, b in zip(cuts, cuts[1:])]
        elif kind == "table":
            cuts = archive[f"d.{name}.offsets"].tolist()
            parts = []
            for part, item in enumerate(typing.get_args(typing.get_args(hints[name])[0])):
                column = archive[f"d.{name}.{part}"].tolist()
                parts.append([vocabulary[i] for i in column] if item is str else column)
            rows = list(zip(*parts))
            values[name] = [tuple(rows[a:b]) for a, b in zip(cuts, cuts[1:])]
        else:
            read = decoder(hints[name])
            values[name] = list(map(read, stored[name]))
        if len(values[name]) != n:
            raise ValueError(f"the stored documents have {len(values[name])} values of {name}, not {n}")
    ids = values["id"]
    documents = {row[names.index("id")]: IndexedDocument(*row) for row in zip(*(values[name] for name in names))}
    postings = StoredPostings(from_json_array(archive["postings.words"]), archive["postings"],
                              archive["postings.offsets"], list(ids))
    keys = from_json_array(archive["keys.words"])
    flat, bounds = archive["keys"], archive["keys.offsets"].tolist()
    by_key = {sys.intern(k): flat[bounds[n] : bounds[n + 1]] for n, k in enumerate(keys)}
    return documents, postings, SentencePostings(list(ids), first, by_key)



class IndexFile:
    """Where a :class:`~assistant.counting.index.SentenceIndex` keeps itself on disk.

    Args:
        path: the ``.npz`` file (:func:`assistant.storage.persisted.index_path`).
        version: what else decides the content and must match (the annotation, time-and-place
            and incident-record versions); a file with another is rebuilt.
    """

    KIND = "sentence-index"

    def __init__(self, path: Path, version: str = "") -> None:
        self.path = path
        self.expected = {"kind": self.KIND, "format": FORMAT, "version": version, "schema": schema(IndexedDocument),
                         "code": code_stamp([sys.modules[IndexedDocument.__module__], sys.modules[__name__],
                                             sys.modules[PlaceMention.__module__], sys.modules[day_part_positions.__module__],
                                             sys.modules[column_header_span.__module__]])}
        self.loads = 0
        self.saves = 0

    def load(self) -> tuple[str, dict[str, IndexedDocument], Mapping[str, set[str]], SentencePostings] | None:
        """``(revision, documents, postings, sentence postings)`` from the file, or ``None``
        when there is none or it cannot be used (logged by :func:`load_index`)."""
        found = load_index(self.path, self.expected)
        if found is None:
            return None
        header, archive = found
        try:
            with archive:
                documents, postings, sentence_postings = decode(header, archive)
        except (ValueError, KeyError, TypeError, IndexError, OSError, zipfile.BadZipFile) as exc:
            logger.warning("the sentence index file %s cannot be read (%s); it is rebuilt", self.path, exc)
            return None
        self.loads += 1
        return str(header.get("revision", "")), documents, postings, sentence_postings

    def save(self, revision: str, documents: Mapping[str, IndexedDocument], postings: Mapping[str, set[str]],
             sentence_postings: SentencePostings) -> bool:
        """Write the index built at the store ``revision``; ``False`` (logged) when it cannot be
        written or holds a value the format cannot (the index then stays in memory only)."""
        try:
            values, arrays = encode(documents, postings, sentence_postings)
            save_index(self.path, {**self.expected, **values, "revision": revision}, arrays)
        except Exception as exc:  # noqa: BLE001 - a file that cannot be written must never fail a count
            logger.warning("the sentence index could not be written to %s (%s); it is kept in memory only",
                           self.path, exc)
            return False
        self.saves += 1
        return True
