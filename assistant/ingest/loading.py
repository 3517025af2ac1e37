"""Load files into :class:`~assistant.types.Document` records.

Supported: ``.txt`` and ``.md`` (UTF-8 with or without BOM, else the detected
encoding), ``.html``/``.htm`` (main text), ``.pdf`` (text layer, page offsets
kept) and ``.docx``; see :mod:`assistant.ingest.formats` for the libraries.  Stored
text always has ``\\n`` line endings and no BOM.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from ..errors import DocumentError
from ..types import Document
from .formats import READERS, decode

SUPPORTED_SUFFIXES = tuple(READERS)

__all__ = [
    "SUPPORTED_SUFFIXES", "SourceFile", "content_hash", "decode", "document_id", "id_of_path", "iter_files",
    "iter_sources", "load_document", "relative_path",
]


def content_hash(text: str) -> str:
    """SHA-256 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def relative_path(file: Path, root: Path | None = None) -> str:
    """The path a document is known by: ``file`` relative to ``root`` (the folder given to
    the ingest), or its file name when ``root`` is ``None`` (a file given directly).

    Normalised so that one file has one path on every system: ``/`` separators, and
    Unicode normal form NFC (macOS file systems hand out decomposed NFD names, Linux
    keeps what it was given: ``café.txt`` is one path either way).  Case is kept (two
    files may differ only in case).

    Raises:
        ValueError: ``file`` is not inside ``root``.
    """
    relative = file.name if root is None else file.relative_to(root).as_posix()
    return unicodedata.normalize("NFC", relative)


def id_of_path(relative: str) -> str:
    """A document's id from its relative path (:func:`relative_path`): the path without the
    file's extension, ``north/weekly_report`` for ``north/weekly_report.txt`` and
    ``weekly_report`` for ``weekly_report.txt`` (the file-name stem, as before paths counted)."""
    folder, _, name = relative.rpartition("/")
    stem = PurePosixPath(name).stem
    return f"{folder}/{stem}" if folder else stem


def document_id(path: Path, root: Path | None = None) -> str:
    """The id of the document read from ``path`` inside the ingested folder ``root``
    (``None``: the file was given directly): :func:`id_of_path` of :func:`relative_path`."""
    return id_of_path(relative_path(path, root))


@dataclass(frozen=True)
class SourceFile:
    """A file to ingest and its relative path (:func:`relative_path`); ``alone``: the file was given by
    itself, not found in a folder given, so it is known by its file name only."""

    file: Path
    relative: str
    alone: bool = False


def load_document(path: Path, *, max_bytes: int, relative: str | None = None) -> Document:
    """Read one file into a :class:`Document` known by ``relative`` (its relative path,
    :func:`relative_path`; default: the file name).  Its id is :func:`id_of_path` of it.

    Raises:
        DocumentError: unsupported type, too large (the message gives the limit),
            unreadable, binary, not the format its extension says, or empty.
    """
    if not path.exists():
        raise DocumentError(f"{path}: no such file or folder")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(
            f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(f"{path}: {size} bytes is over the limit of {max_bytes} bytes "
                                f"(ASSISTANT_MAX_FILE_BYTES)")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    extracted = reader(data, path)
    text = extracted.text
    if not text.strip():
        raise DocumentError(f"{path}: empty document (no text)")
    relative = relative or relative_path(path)
    return Document(
        id=id_of_path(relative), source=path.name, text=text, content_hash=content_hash(text),
        page_starts=extracted.page_starts, path=relative,
    )


IGNORE_FILE = ".assistantignore"


def _ignored_patterns(folder: Path) -> list[str]:
    ignore = folder / IGNORE_FILE
    if not ignore.is_file():
        return []
    lines = ignore.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files of :func:`iter_sources`, without their relative paths."""
    for source in iter_sources(paths):
        yield source.file


def iter_sources(paths: Iterable[Path]) -> Iterator[SourceFile]:
    """Expand files and folders into the files to ingest, each with its relative path, in
    sorted order within a folder.

    Folders are walked recursively and each file's relative path is taken from the
    folder given (:func:`relative_path`); a file given directly is known by its name.
    Hidden files and folders are skipped, and so are files matching a glob in the
    folder's ``.assistantignore`` (one pattern a line, matched against the path relative
    to the folder).  A path that does not exist is yielded as is, so that the ingest
    reports it as rejected.  A file reached twice (named twice, or also inside a named
    folder) is yielded once, with the relative path of its first appearance.
    """
    seen: set[Path] = set()

    def first_time(path: Path) -> bool:
        key = path.resolve()
        if key in seen:
            return False
        seen.add(key)
        return True

    for path in paths:
        if not path.is_dir():
            if first_time(path):
                yield SourceFile(path, relative_path(path), alone=True)
            continue
        patterns = _ignored_patterns(path)
        for child in sorted(path.rglob("*")):
            rel = child.relative_to(path)
            if not child.is_file() or any(part.startswith(".") for part in rel.parts):
                continue
            if any(fnmatch(rel.as_posix(), pattern) for pattern in patterns):
                continue
            if first_time(child):
                yield SourceFile(child, relative_path(child, path))
