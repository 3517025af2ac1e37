"""Ingest files and folders into the store: load, chunk, embed, write.

One bad file never stops the others: it is reported as rejected with the
reason.  Re-ingesting an unchanged document changes nothing (unless its stored
annotations are of an older :data:`~assistant.language.nlp.ANNOTATION_VERSION`: then it is
indexed again, as updated); a changed document replaces all of its chunks; a new file whose text is already indexed
(or queued in the same ingest) under another name is rejected as a duplicate,
naming that document, so the same passage is never indexed twice.

Small documents are written in groups (up to ``GROUP_CHUNKS`` chunks or
``GROUP_DOCUMENTS`` documents): one embedding call and one Chroma write for the
whole group instead of one per file, which is what makes thousands of small
files fast (each Chroma write costs a commit).  Each document is still indexed
whole or not at all (see :meth:`ChunkStore.write_documents`).  Each file is
logged at INFO level when its group is written (``[12/3000] added a.txt (3
chunks)``), and a long document's embedding every ``EMBED_SLICE`` chunks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..errors import AssistantError
from ..language.nlp import ANNOTATION_VERSION, annotate
from ..models.embedders import Embedder
from ..storage.store import ChunkStore
from ..storage.timeplace import META_VERSION
from ..types import Chunk, Document, IngestReport, IngestResult, IngestStatus
from .chunking import Chunker
from .loading import iter_files, load_document
from .metadata import describe, with_entity_places

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]
"""Called after each file, in input order, as ``progress(done, total, path)``."""

EMBED_SLICE = 512
"""Chunks embedded between two progress log lines of one long document."""

GROUP_CHUNKS = 64
"""Documents are written together until their chunks reach this many."""

GROUP_DOCUMENTS = 64
"""... or until this many documents wait."""


@dataclass(frozen=True)
class _Pending:
    """A document chunked and waiting for its group to be embedded and written; its
    annotations are being made meanwhile (``annotations``)."""

    position: int
    path: Path
    document: Document
    chunks: list[Chunk]
    status: IngestStatus
    annotations: Future | None = None

    def annotated(self) -> Document:
        """The document with its annotations (without them, logged, when the pipeline failed on it)."""
        if self.annotations is None:
            return self.document
        try:
            return replace(self.document, annotations=self.annotations.result())
        except Exception:  # the language pipeline failing on odd text must not lose the document
            logger.exception("the English pipeline failed on %s; indexed without annotations", self.path)
            return self.document


def ingest(
    paths: Iterable[Path],
    *,
    store: ChunkStore,
    embedder: Embedder,
    chunker: Chunker,
    max_bytes: int,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Index every file under ``paths`` (files or folders) and report what happened to each.

    Each document is also read by the English pipeline (:func:`assistant.language.nlp.annotate`)
    in a worker thread while the main thread embeds: the two use the two cores, and the
    embedder keeps its one torch thread, so a question asked meanwhile stays fast."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="annotate") as annotator:
        return _ingest(paths, store=store, embedder=embedder, chunker=chunker, max_bytes=max_bytes,
                       progress=progress, annotator=annotator)


def _ingest(
    paths: Iterable[Path], *, store: ChunkStore, embedder: Embedder, chunker: Chunker, max_bytes: int,
    progress: ProgressCallback | None, annotator: ThreadPoolExecutor,
) -> IngestReport:
    files = list(iter_files(Path(p) for p in paths))
    results: list[IngestResult | None] = [None] * len(files)
    seen: dict[str, Path] = {}
    queued: dict[str, tuple[str, str]] = {}  # content hash -> (id, source) of a document queued with that text
    group: list[_Pending] = []
    reported = 0

    def report_done() -> None:
        nonlocal reported
        while reported < len(files) and results[reported] is not None:
            result = results[reported]
            reported += 1
            logger.info("[%d/%d] %s %s (%d chunks)", reported, len(files), result.status.value,
                        result.path, result.n_chunks)
            if progress is not None:
                progress(reported, len(files), result.path)

    for position, path in enumerate(files):
        outcome = _prepare(path, position, seen, queued, store=store, chunker=chunker, max_bytes=max_bytes)
        if isinstance(outcome, _Pending):
            outcome = replace(outcome, annotations=annotator.submit(annotate, outcome.document.text))
            group.append(outcome)
            queued[outcome.document.content_hash] = (outcome.document.id, outcome.document.source)
        else:
            results[position] = outcome
        if group and (sum(len(p.chunks) for p in group) >= GROUP_CHUNKS or len(group) >= GROUP_DOCUMENTS):
            _write_group(group, results, store=store, embedder=embedder)
            group = []
        report_done()
    if group:
        _write_group(group, results, store=store, embedder=embedder)
    report_done()
    return IngestReport(results=tuple(results))


def _prepare(
    path: Path, position: int, seen: dict[str, Path], queued: dict[str, tuple[str, str]], *,
    store: ChunkStore, chunker: Chunker, max_bytes: int,
) -> IngestResult | _Pending:
    """Load and check one file: its final result, or the chunked document to write."""
    try:
        document = load_document(path, max_bytes=max_bytes)
        if document.id in seen:
            return IngestResult(
                str(path), IngestStatus.REJECTED, document.id,
                reason=f"{path}: same document id {document.id!r} as {seen[document.id]} in this batch",
            )
        seen[document.id] = path
        previous = store.document_info(document.id)
        if (previous is not None and previous.content_hash == document.content_hash
                and previous.annotation_version == ANNOTATION_VERSION):
            if previous.meta_version != META_VERSION:  # indexed before time and place were read
                store.refresh_meta(document.id, describe(document, path))
            return IngestResult(str(path), IngestStatus.UNCHANGED, document.id, previous.n_chunks)
        if previous is None:
            twin = queued.get(document.content_hash)
            if twin is None and (info := store.find_content(document.content_hash, exclude=document.id)):
                twin = (info.id, info.source)
            if twin is not None:
                return IngestResult(
                    str(path), IngestStatus.REJECTED, document.id,
                    reason=f"{path}: same text as the indexed document {twin[0]!r} ({twin[1]}); not indexed twice",
                )
        document = replace(document, meta=describe(document, path))
        status = IngestStatus.ADDED if previous is None else IngestStatus.UPDATED
        return _Pending(position, path, document, chunker.split(document), status)
    except AssistantError as exc:
        return IngestResult(str(path), IngestStatus.REJECTED, reason=str(exc))
    except Exception as exc:  # one bad file must never stop the batch
        logger.exception("failed to ingest %s", path)
        return IngestResult(str(path), IngestStatus.REJECTED, reason=f"{path}: {type(exc).__name__}: {exc}")


def _write_group(group: list[_Pending], results: list, *, store: ChunkStore, embedder: Embedder) -> None:
    """Embed and write a group; if that fails, write its documents one by one so only the bad one fails."""
    try:
        chunks = [c for p in group for c in p.chunks]
        vectors = _embed(embedder, chunks, group[0].path if len(group) == 1 else f"{len(group)} documents")
        bounds = np.cumsum([0] + [len(p.chunks) for p in group])
        store.write_documents([(with_entity_places(p.annotated()), p.chunks, vectors[lo:hi])
                               for p, lo, hi in zip(group, bounds, bounds[1:])])
    except Exception as exc:
        if len(group) == 1:
            pending = group[0]
            logger.exception("failed to write %s", pending.path)
            reason = str(exc) if isinstance(exc, AssistantError) else f"{type(exc).__name__}: {exc}"
            results[pending.position] = IngestResult(str(pending.path), IngestStatus.REJECTED, pending.document.id,
                                                     reason=f"{pending.path}: {reason}")
            return
        logger.warning("writing a group of %d documents failed; writing them one by one", len(group))
        for pending in group:
            _write_group([pending], results, store=store, embedder=embedder)
        return
    for p in group:
        results[p.position] = IngestResult(str(p.path), p.status, p.document.id, len(p.chunks))


def _embed(embedder: Embedder, chunks: list[Chunk], what: object) -> np.ndarray:
    """Vectors of ``chunks``, embedded ``EMBED_SLICE`` at a time with a log line per slice."""
    if len(chunks) <= EMBED_SLICE:
        return embedder.embed([c.text for c in chunks])
    parts = []
    for lo in range(0, len(chunks), EMBED_SLICE):
        parts.append(embedder.embed([c.text for c in chunks[lo : lo + EMBED_SLICE]]))
        logger.info("%s: embedded %d/%d chunks", what, min(lo + EMBED_SLICE, len(chunks)), len(chunks))
    return np.concatenate(parts)
