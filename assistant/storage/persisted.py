"""Indexes kept on disk next to an embedded store, so a fresh process does not rebuild them.

The in-memory indexes a question reads (the BM25 keyword index,
:mod:`assistant.retrieval.keyword`; the counting sentence index, :mod:`assistant.counting.index`)
take seconds to minutes to build from the store at 10,000 reports (docs/COUNTING.md).  Each is
written to the store's folder after it is built and read back by the next process:

* a file is a NumPy ``.npz`` archive (no pickled objects: ``allow_pickle=False`` on read) whose
  ``header`` entry is JSON: ``kind``, ``format``, ``code`` (:func:`code_stamp` of the modules
  whose code decides the content) and ``revision``, the store's revision token
  (:meth:`assistant.storage.store.ChunkStore.revision`, changed by every write) when the index
  was built.  A file whose ``kind``/``format``/``code`` differ from the reader's is rebuilt
  (one log line); one whose ``revision`` differs is brought up to date (the documents whose
  content hash changed are rebuilt), so a crash between a store write and the index write is
  seen at the next read;
* it is written to a temporary file in the same folder, flushed to disk and renamed over the
  old one (:func:`atomic_write`): a reader sees the old file or the new one, never a part;
* a file that cannot be read (truncated, not an archive, missing entries) is rebuilt with one
  log line, never an error.

A Chroma server (``ASSISTANT_CHROMA_URL``) has no local folder: the indexes then stay in
memory only (:func:`index_path` gives ``None``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import logging
import os
import tempfile
import types
import typing
import zipfile
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)


def index_path(store: Path | None, chroma_url: str | None, collection: str, kind: str) -> Path | None:
    """Where the index ``kind`` of ``collection`` lives: ``<store>/<collection>-<kind>.npz`` for
    an embedded store, ``None`` (kept in memory only) for a Chroma server."""
    if chroma_url or store is None:
        return None
    return Path(store) / f"{collection}-{kind}.npz"


def code_stamp(modules: Iterable[object]) -> str:
    """The first 16 hex digits of the SHA-256 of the source files of ``modules`` (module
    objects): an index built by other code is rebuilt."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def atomic_write(path: Path, write: Callable[[io.BufferedWriter], None]) -> None:
    """Write ``path`` through ``write(file)`` into a temporary file of the same folder, flush it
    to disk and rename it over ``path`` (atomic on POSIX): readers see the old or the new file.

    Raises:
        OSError: the folder cannot be written (the temporary file is removed).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, 0o644)  # mkstemp makes it private; an index is as readable as the store
        with os.fdopen(handle, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    try:  # the rename itself survives a power cut once the folder is flushed
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError:
        pass


def save_index(path: Path, header: Mapping[str, object], arrays: Mapping[str, np.ndarray]) -> None:
    """Write ``arrays`` and the JSON ``header`` as one ``.npz`` archive, atomically
    (uncompressed: reading is what is timed)."""
    payload = {"header": json_array(header), **arrays}
    atomic_write(path, lambda file: np.savez(file, **payload))


def load_index(path: Path | None, expected: Mapping[str, object]) -> tuple[dict, np.lib.npyio.NpzFile] | None:
    """The ``(header, archive)`` of the index at ``path`` when its header has every
    ``expected`` value; ``None`` (with one log line saying why, except for a missing file)
    when it is missing, unreadable, or of another kind, format or code.  The archive reads
    its arrays when they are first indexed (``archive["name"]``)."""
    if path is None or not path.is_file():
        return None
    try:
        archive = np.load(path, allow_pickle=False)
        header = json.loads(bytes(archive["header"]).decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError, UnicodeDecodeError) as exc:
        logger.warning("the index file %s cannot be read (%s); it is rebuilt", path, exc)
        return None
    differs = [k for k, v in expected.items() if header.get(k) != v]
    if differs:
        logger.info("the index file %s was written by another version (%s); it is rebuilt", path, ", ".join(differs))
        return None
    return header, archive


def json_array(value: object) -> np.ndarray:
    """``value`` as the UTF-8 bytes of its JSON, in a ``uint8`` array (how strings are kept)."""
    return np.frombuffer(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), dtype=np.uint8)


def from_json_array(array: np.ndarray) -> object:
    """The inverse of :func:`json_array`."""
    return json.loads(array.tobytes().decode("utf-8"))


def offsets(lengths: Iterable[int]) -> np.ndarray:
    """``[0, l0, l0 + l1, ...]``: where each run of a flattened list starts (``int64``)."""
    lengths = np.fromiter(lengths, dtype=np.int64)
    out = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=out[1:])
    return out


class Vocabulary:
    """Strings numbered in the order first seen (for storing lists of strings as ``int32``)."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def ids(self, strings: Iterable[str]) -> list[int]:
        numbers = self.numbers
        return [numbers.setdefault(s, len(numbers)) for s in strings]

    def strings(self) -> list[str]:
        return list(self.numbers)


# ----- values as JSON, by type hint ------------------------------------------------------------
#
# A value of a type-hinted field is written by its hint: a dataclass as the list of its fields'
# values (in field order: :func:`schema` records the order, so a reader of other code rebuilds),
# a date as ISO text, tuples and frozensets as lists.  A value hinted ``object`` (or a hint not
# understood) is written by :func:`plain`, which tags dates, and read back by :func:`untagged`.

def plain(value: object) -> object:
    """``value`` as JSON-ready data without a type: dataclasses as ``{field: value}``, tuples
    and lists as lists, sets as sorted lists, dates as ``{"$d": "YYYY-MM-DD"}``.

    Raises:
        TypeError: a value of another type (the index is then not written).
    """
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    raise TypeError(f"{type(value).__name__} cannot be stored in an index file")


def untagged(value: object) -> object:
    """A :func:`plain` value read without a type: lists as tuples, dates from their tag."""
    if isinstance(value, list):
        return tuple(untagged(v) for v in value)
    if isinstance(value, dict):
        if len(value) == 1 and "$d" in value:
            return date.fromisoformat(value["$d"])
        return {k: untagged(v) for k, v in value.items()}
    return value


_PRIMITIVE = (str, int, float, bool)


def _same(value):
    return value


def _fields(cls) -> list[tuple[str, object]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init]


def _optional(hint):
    """``X`` for a hint ``X | None``, else ``None``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(inner) == 1:
            return inner[0]
    return None


def schema(hint) -> object:
    """A JSON description of ``hint``: its dataclasses' field names and types, recursively (an
    index file records the schema of what it holds; a reader whose schema differs rebuilds)."""
    if dataclasses.is_dataclass(hint):
        return [hint.__qualname__, [[name, schema(h)] for name, h in _fields(hint)]]
    args = typing.get_args(hint)
    if args:
        return [str(typing.get_origin(hint)), [schema(a) for a in args]]
    return getattr(hint, "__qualname__", str(hint))


def encoder(hint) -> typing.Callable[[object], object]:
    """How a value of the type ``hint`` is written (see above); the inverse of :func:`decoder`."""
    if hint in _PRIMITIVE:
        return _same
    if hint is date:
        return date.isoformat
    inner = _optional(hint)
    if inner is not None:
        one = encoder(inner)
        return lambda v: None if v is None else one(v)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            if args[0] in _PRIMITIVE:
                return list
            one = encoder(args[0])
            return lambda v: [one(x) for x in v]
        if all(a in _PRIMITIVE for a in args):
            return list
        parts = [encoder(a) for a in args]
        return lambda v: [p(x) for p, x in zip(parts, v)]
    if origin in (frozenset, set) and args:
        one = encoder(args[0])
        return lambda v: sorted(one(x) for x in v)
    if origin in (dict, Mapping) and len(args) == 2:
        one = encoder(args[1])
        return lambda v: {str(k): one(x) for k, x in v.items()}
    if dataclasses.is_dataclass(hint):
        parts = [(name, encoder(h)) for name, h in _fields(hint)]
        return lambda v: [p(getattr(v, name)) for name, p in parts]
    return plain


def decoder(hint) -> typing.Callable[[object], object]:
    """How a value of the type ``hint`` is read back (the inverse of :func:`encoder`)."""
    if hint in _PRIMITIVE:
        return _same
    if hint is date:
        return date.fromisoformat
    inner = _optional(hint)
    if inner is not None:
        one = decoder(inner)
        return lambda v: None if v is None else one(v)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = args[0]
            if item in _PRIMITIVE:
                return tuple
            if typing.get_origin(item) is tuple and all(a in _PRIMITIVE for a in typing.get_args(item)):
                return lambda v: tuple(map(tuple, v))
            one = decoder(item)
            return lambda v: tuple(map(one, v))
        if all(a in _PRIMITIVE for a in args):
            return tuple
        parts = [decoder(a) for a in args]
        return lambda v: tuple(p(x) for p, x in zip(parts, v))
    if origin in (frozenset, set) and args:
        one = decoder(args[0])
        return lambda v: frozenset(map(one, v))
    if origin in (dict, Mapping) and len(args) == 2:
        one = decoder(args[1])
        return lambda v: {k: one(x) for k, x in v.items()}
    if dataclasses.is_dataclass(hint):
        parts = [decoder(h) for _, h in _fields(hint)]
        if all(p is _same for p in parts):
            return lambda v: hint(*v)
        return lambda v: hint(*[p(x) for p, x in zip(parts, v)])
    return untagged

