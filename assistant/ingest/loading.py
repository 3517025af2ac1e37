"""Load files into :class:`~assistant.types.Document` records.

Supported: ``.txt`` and ``.md`` (UTF-8 with or without BOM, else the detected
encoding), ``.html``/``.htm`` (main text), ``.pdf`` (text layer, page offsets
kept) and ``.docx``; see :mod:`assistant.ingest.formats` for the libraries.  Stored
text always has ``\\n`` line endings and no BOM.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from fnmatch import fnmatch
from pathlib import Path

from ..errors import DocumentError
from ..types import Document
from .formats import READERS, decode

SUPPORTED_SUFFIXES = tuple(READERS)

__all__ = ["SUPPORTED_SUFFIXES", "content_hash", "decode", "document_id", "iter_files", "load_document"]


def content_hash(text: str) -> str:
    """SHA-256 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_id(path: Path) -> str:
    """A document's id: its file name without the extension."""
    return path.stem


def load_document(path: Path, *, max_bytes: int) -> Document:
    """Read one file into a :class:`Document`.

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
    return Document(
        id=document_id(path), source=path.name, text=text, content_hash=content_hash(text),
        page_starts=extracted.page_starts,
    )


IGNORE_FILE = ".assistantignore"


def _ignored_patterns(folder: Path) -> list[str]:
    ignore = folder / IGNORE_FILE
    if not ignore.is_file():
        return []
    lines = ignore.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand files and folders into file paths, in sorted order within a folder.

    Folders are walked recursively; hidden files and folders are skipped, and so
    are files matching a glob in the folder's ``.assistantignore`` (one pattern a
    line, matched against the path relative to the folder).  A path that does
    not exist is yielded as is, so that the ingest reports it as rejected.  A file
    reached twice (named twice, or also inside a named folder) is yielded once.
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
                yield path
            continue
        patterns = _ignored_patterns(path)
        for child in sorted(path.rglob("*")):
            rel = child.relative_to(path)
            if not child.is_file() or any(part.startswith(".") for part in rel.parts):
                continue
            if any(fnmatch(rel.as_posix(), pattern) for pattern in patterns):
                continue
            if first_time(child):
                yield child
