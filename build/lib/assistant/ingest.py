"""Ingest files and folders into the store: load, chunk, embed, write.

One bad file never stops the others: it is reported as rejected with the
reason.  Re-ingesting an unchanged document changes nothing; a changed
document replaces all of its chunks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from .chunking import Chunker
from .embedding import Embedder
from .errors import AssistantError
from .loading import iter_files, load_document
from .store import ChunkStore
from .types import IngestReport, IngestResult, IngestStatus

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]
"""Called after each file as ``progress(done, total, path)``."""


def ingest(
    paths: Iterable[Path],
    *,
    store: ChunkStore,
    embedder: Embedder,
    chunker: Chunker,
    max_bytes: int,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Index every file under ``paths`` (files or folders) and report what happened to each."""
    files = list(iter_files(Path(p) for p in paths))
    results: list[IngestResult] = []
    seen: dict[str, Path] = {}
    for done, path in enumerate(files, start=1):
        results.append(_ingest_file(path, seen, store=store, embedder=embedder, chunker=chunker, max_bytes=max_bytes))
        if progress is not None:
            progress(done, len(files), str(path))
    return IngestReport(results=tuple(results))


def _ingest_file(
    path: Path, seen: dict[str, Path], *, store: ChunkStore, embedder: Embedder, chunker: Chunker, max_bytes: int
) -> IngestResult:
    try:
        document = load_document(path, max_bytes=max_bytes)
        if document.id in seen:
            return IngestResult(
                str(path), IngestStatus.REJECTED, document.id,
                reason=f"{path}: same document id {document.id!r} as {seen[document.id]} in this batch",
            )
        seen[document.id] = path
        previous = store.document_info(document.id)
        if previous is not None and previous.content_hash == document.content_hash:
            return IngestResult(str(path), IngestStatus.UNCHANGED, document.id, previous.n_chunks)
        chunks = chunker.split(document)
        vectors = embedder.embed([c.text for c in chunks])
        store.write_document(document, chunks, vectors)
    except AssistantError as exc:
        return IngestResult(str(path), IngestStatus.REJECTED, reason=str(exc))
    except Exception as exc:  # one bad file must never stop the batch
        logger.exception("failed to ingest %s", path)
        return IngestResult(str(path), IngestStatus.REJECTED, reason=f"{path}: {type(exc).__name__}: {exc}")
    status = IngestStatus.ADDED if previous is None else IngestStatus.UPDATED
    return IngestResult(str(path), status, document.id, len(chunks))
