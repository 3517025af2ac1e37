"""Ingest files and folders into the store: load, chunk, embed, write.

One bad file never stops the others: it is reported as rejected with the
reason.

Identity: a document is its relative path (:func:`assistant.ingest.loading.relative_path`),
so ``north/weekly_report.txt`` and ``south/weekly_report.txt`` are two documents (ids
``north/weekly_report`` and ``south/weekly_report``).  Re-ingesting a path whose text is
unchanged changes nothing (unless its stored annotations are of an older
:data:`~assistant.language.nlp.ANNOTATION_VERSION`: then it is indexed again, still
reported as unchanged, with ``reindexed`` set); a changed text *replaces* all of that path's chunks (the
result names when the replaced version was added); a path, new or indexed, whose (changed)
text is already indexed (or queued in the same ingest) under another path is rejected as a
duplicate, naming that document (an indexed path keeps its version), so the same passage is
never indexed twice.  When the id a path
asks for is taken by another path (``report.txt`` and ``report.pdf`` in one folder), the
new path's id keeps its extension (``report.pdf``).  A document of a migrated format-1
store (id = file name, path unknown, see :mod:`assistant.storage.store`) whose text turns
up under a path in a folder is that same document: it moves to the id of its path.

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
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np

from ..errors import AssistantError, DocumentNotFound
from ..language.dates import has_yearless_dateline
from ..language.nlp import ANNOTATION_VERSION, annotate
from ..models.embedders import Embedder
from ..storage.store import ChunkStore
from ..storage.timeplace import META_VERSION
from ..types import (
    Chunk,
    Document,
    DocumentInfo,
    IngestReport,
    IngestResult,
    IngestStatus,
)
from .chunking import Chunker
from .loading import SourceFile, iter_sources, load_document
from .metadata import FileFacts, describe, with_entity_places

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
    previous: DocumentInfo | None = None  # the version replaced, or the format-1 record moved
    moves: bool = False  # ``previous`` is a format-1 record of the same text under another id
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


@dataclass
class _Batch:
    """What one ingest call has claimed so far: relative paths and ids (to the file that took
    them) and the texts queued for writing (content hash -> (id, path))."""

    paths: dict[str, Path]
    ids: dict[str, Path]
    queued: dict[str, tuple[str, str]]
    legacy: bool = False  # the store still holds format-1 records whose path is assumed
    moving: set[str] = field(default_factory=set)  # ids of format-1 records moving to their path's id
    dated: list[date] = field(default_factory=list)  # report dates read so far in this ingest
    undated: list[tuple[Document, Path]] = field(default_factory=list)  # yearless datelines left undated
    store_dates: list[date] | None = None  # the indexed reports' dates (read once, when first needed)

    def near(self, store: ChunkStore) -> Callable[[], list[date]]:
        """The collection's report dates as a yearless dateline's weekday needs them: the indexed
        reports' and those read earlier in this ingest (read from the store only when asked)."""
        def dates() -> list[date]:
            if self.store_dates is None:
                self.store_dates = [m.report.value for _, m in store.document_metas().values()
                                    if m is not None and m.report is not None]
            return self.store_dates + self.dated
        return dates


def ingest(
    paths: Iterable[Path],
    *,
    store: ChunkStore,
    embedder: Embedder,
    chunker: Chunker,
    max_bytes: int,
    progress: ProgressCallback | None = None,
    threads: int | None = None,
    by_name: bool = False,
) -> IngestReport:
    """Index every file under ``paths`` (files or folders) and report what happened to each.

    A file given by itself (not in a folder given) is known by its file name: when no document has
    its path (its file name) but one indexed document of the same file name and the same text has
    another path (``wire/report.txt``, indexed from its folder), it is that document (``unchanged``).
    ``by_name`` (uploads: a browser sends file names, no folders): such a file *is* the one indexed
    document of its file name whatever its text, so a changed text replaces it (``replaced``, at that
    document's id and path); when several indexed documents have the file name it is rejected,
    naming them.

    Each document is also read by the English pipeline (:func:`assistant.language.nlp.annotate`)
    in a worker thread while the main thread embeds.  ``threads``: torch threads while this
    ingest embeds (an embedder with ``using_threads``; ``None``: the embedder's own count, one
    by default, so a question asked meanwhile stays fast)."""
    using = getattr(embedder, "using_threads", None)
    with (using(threads) if threads is not None and using is not None else nullcontext()), \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="annotate") as annotator:
        return _ingest(paths, store=store, embedder=embedder, chunker=chunker, max_bytes=max_bytes,
                       progress=progress, annotator=annotator, by_name=by_name)


def _ingest(
    paths: Iterable[Path], *, store: ChunkStore, embedder: Embedder, chunker: Chunker, max_bytes: int,
    progress: ProgressCallback | None, annotator: ThreadPoolExecutor, by_name: bool = False,
) -> IngestReport:
    files = list(iter_sources(Path(p) for p in paths))
    results: list[IngestResult | None] = [None] * len(files)
    batch = _Batch({}, {}, {}, legacy=store.count_assumed_paths() > 0)
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

    for position, source in enumerate(files):
        outcome = _prepare(source, position, batch, store=store, chunker=chunker, max_bytes=max_bytes,
                           by_name=by_name)
        if isinstance(outcome, _Pending):
            outcome = replace(outcome, annotations=annotator.submit(annotate, outcome.document.text))
            group.append(outcome)
            batch.queued[outcome.document.content_hash] = (outcome.document.id, outcome.document.path)
        else:
            results[position] = outcome
        if group and (sum(len(p.chunks) for p in group) >= GROUP_CHUNKS or len(group) >= GROUP_DOCUMENTS):
            _write_group(group, results, store=store, embedder=embedder)
            group = []
        report_done()
    if group:
        _write_group(group, results, store=store, embedder=embedder)
    _redate(batch, results, store)
    report_done()
    return IngestReport(results=tuple(results))


def _redate(batch: _Batch, results: list, store: ChunkStore) -> None:
    """Date again, against the report dates of the whole collection (the store after this ingest),
    the documents of this ingest whose yearless dateline the collection read so far did not settle
    (:func:`assistant.language.dates.yearless_date`), so the order files are read in does not
    decide their date; a document now dated has its time and place rewritten (no re-embedding)."""
    if not batch.undated:
        return
    written = {r.path: r.document_id for r in results if r is not None and r.status is not IngestStatus.REJECTED}
    dates = [m.report.value for _, m in store.document_metas().values() if m is not None and m.report is not None]
    for document, path in batch.undated:
        if written.get(str(path)) is None:
            continue
        document = replace(document, id=written[str(path)])
        meta = describe(document, path, near=dates)
        if meta.report is None:
            continue
        stored = store.document_annotations([document.id]).get(document.id)
        refreshed = with_entity_places(replace(document, meta=meta, annotations=stored))
        store.refresh_meta(document.id, refreshed.meta)


def reread_older(store: ChunkStore, progress: ProgressCallback | None = None) -> int:
    """Read again, with this code's readers, the time and place of every indexed document an older
    ``META_VERSION`` read (a store opened after an upgrade), as an ingest of the same files would:
    the stored text and annotations, the file's facts the older reading kept
    (:meth:`~assistant.ingest.metadata.FileFacts.of_meta`), the documents in path order with the
    report dates read so far, then a yearless dateline left undated against the whole collection's
    dates (:func:`_redate`).  Written with :meth:`ChunkStore.refresh_meta` (no re-embedding).
    ``progress(done, total, document_id)`` after each document.  Returns the documents re-read
    (0: none was older)."""
    older = store.older_metas()
    if not older:
        return 0
    current = [m.report.value for _, m in store.document_metas().values() if m is not None and m.report is not None]
    documents = sorted(store.annotated_documents(sorted(older)), key=lambda d: (d.path, d.id))
    dated: list[date] = []
    undated: list[tuple[Document, object]] = []
    for done, document in enumerate(documents, 1):
        facts = FileFacts.of_meta(older.get(document.id))
        meta = describe(document, facts=facts, near=lambda: current + dated)
        if meta.report is not None:
            dated.append(meta.report.value)
        elif has_yearless_dateline(document.text):
            undated.append((document, facts))
        store.refresh_meta(document.id, with_entity_places(replace(document, meta=meta)).meta)
        if progress is not None:
            progress(done, len(documents), document.id)
    if undated:
        dates = current + dated
        for document, facts in undated:
            meta = describe(document, facts=facts, near=dates)
            if meta.report is not None:
                store.refresh_meta(document.id, with_entity_places(replace(document, meta=meta)).meta)
    return len(documents)


def _prepare(
    source: SourceFile, position: int, batch: _Batch, *, store: ChunkStore, chunker: Chunker, max_bytes: int,
    by_name: bool = False,
) -> IngestResult | _Pending:
    """Load and check one file: its final result, or the chunked document to write."""
    path = source.file
    try:
        document = load_document(path, max_bytes=max_bytes, relative=source.relative)
        document = replace(document, meta=describe(document, path, near=batch.near(store)))
        if document.meta.report is not None:
            batch.dated.append(document.meta.report.value)
        elif has_yearless_dateline(document.text):
            batch.undated.append((document, path))  # dated again once the whole ingest is read
        if document.path in batch.paths:
            return _rejected(path, document, f"{path}: same path {document.path!r} as {batch.paths[document.path]} "
                             f"in this batch (each is {document.path!r} in the folder or list given); ingest "
                             f"their common parent folder to keep both")
        batch.paths[document.path] = path
        previous = _indexed_version(store, document)
        if previous is None and source.alone:
            named = _named_document(store, document, batch, by_name=by_name)
            if isinstance(named, str):
                return _rejected(path, document, named)
            if named is not None:  # the file given by itself is that document, at its path
                previous, document = named, replace(document, path=named.path)
                batch.paths[document.path] = path
        if previous is not None and previous.id not in batch.moving:  # a record moving away: this path is new
            return _known_path(position, path, document, previous, batch, store=store, chunker=chunker)
        return _new_path(position, path, document, batch, store=store, chunker=chunker)
    except AssistantError as exc:
        return IngestResult(str(path), IngestStatus.REJECTED, reason=str(exc))
    except Exception as exc:  # one bad file must never stop the batch
        logger.exception("failed to ingest %s", path)
        return IngestResult(str(path), IngestStatus.REJECTED, reason=f"{path}: {type(exc).__name__}: {exc}")


def _known_path(position: int, path: Path, document: Document, previous: DocumentInfo, batch: _Batch, *,
                store: ChunkStore, chunker: Chunker) -> IngestResult | _Pending:
    """A path that is indexed as ``previous``: unchanged, re-indexed (older annotations) or replaced."""
    document = replace(document, id=previous.id)
    batch.ids[document.id] = path
    if previous.content_hash != document.content_hash:
        twin = _duplicate_of(store, document, batch)
        if twin is not None:  # the new text is another document's: keep the version indexed
            return _rejected(path, document, _duplicate_reason(path, twin))
        return _Pending(position, path, document, chunker.split(document), IngestStatus.REPLACED, previous)
    if previous.path_assumed:
        store.confirm_path(previous.id, document.path)
    if batch.legacy:
        _drop_moved_leftover(store, document)
    if previous.annotation_version == ANNOTATION_VERSION:
        if previous.meta_version != META_VERSION:  # indexed before its time and place were read
            stored = store.document_annotations([document.id]).get(document.id)
            # the places of its named entities too, as a new document's (:func:`with_entity_places`)
            refreshed = with_entity_places(replace(document, annotations=stored))
            store.refresh_meta(document.id, refreshed.meta)
        return IngestResult(str(path), IngestStatus.UNCHANGED, document.id, previous.n_chunks,
                            document_path=document.path)
    return _Pending(position, path, document, chunker.split(document), IngestStatus.UNCHANGED)


def _new_path(position: int, path: Path, document: Document, batch: _Batch, *,
              store: ChunkStore, chunker: Chunker) -> IngestResult | _Pending:
    """A path not indexed yet: a duplicate of another path's text, a format-1 record moving to
    its path, or a new document under a free id."""
    moved = None
    twin = batch.queued.get(document.content_hash)
    if twin is None:
        twins = store.find_contents(document.content_hash)
        moved = next((t for t in twins if _same_file(t, document) and t.id not in batch.ids), None)
        twin = None if moved is not None or not twins else (twins[0].id, twins[0].path)
    if twin is not None:
        return _rejected(path, document, _duplicate_reason(path, twin))
    free = _free_id(store, document, batch)
    if free is None:
        return _rejected(path, document, f"{path}: both ids {document.path!r} could take ({document.id!r}, "
                         f"{document.path!r}) belong to other files; rename the file")
    document = replace(document, id=free)
    batch.ids[document.id] = path
    if moved is None:
        return _Pending(position, path, document, chunker.split(document), IngestStatus.ADDED)
    batch.moving.add(moved.id)
    return _Pending(position, path, document, chunker.split(document), IngestStatus.UNCHANGED, moved, moves=True)


def _named_document(store: ChunkStore, document: Document, batch: _Batch, *,
                    by_name: bool) -> DocumentInfo | str | None:
    """The indexed document that a file given by itself (``document``, whose path, its file name, is not
    indexed) is, by its file name: the one of that file name and the same text; with ``by_name``
    (uploads) the only one of that file name, whatever its text.  A string: the reason to reject it
    (``by_name``, several documents of that file name).  ``None``: a new path.  Documents claimed
    earlier in this ingest, or moving away, are not counted."""
    named = [d for d in store.find_sources(document.source)
             if d.path != document.path and d.id not in batch.ids and d.id not in batch.moving
             and d.path not in batch.paths]
    same = [d for d in named if d.content_hash == document.content_hash]
    if not by_name:
        return same[0] if len(same) == 1 else None
    if len(named) == 1:
        return named[0]
    if len(same) == 1:  # several of the name, one of them with this very text: that one, unchanged
        return same[0]
    if named:
        listed = ", ".join(f"{d.id} ({d.path})" for d in named)
        return (f"{document.source}: {len(named)} indexed documents have this file name: {listed}; an upload is "
                f"known by its file name only, so it cannot tell which one it replaces. Remove the one it does "
                f"not replace first (`assistant docs remove ID`), or ingest the file from its folder with "
                f"`assistant ingest FOLDER`")
    return None


def _duplicate_of(store: ChunkStore, document: Document, batch: _Batch) -> tuple[str, str] | None:
    """``(id, path)`` of another document holding ``document``'s text, queued in this ingest or
    indexed (``document.id`` itself and format-1 records moving away in this ingest not counted),
    else ``None``."""
    queued = batch.queued.get(document.content_hash)
    if queued is not None and queued[0] != document.id:
        return queued
    twins = [t for t in store.find_contents(document.content_hash, exclude=document.id) if t.id not in batch.moving]
    return (twins[0].id, twins[0].path) if twins else None


def _duplicate_reason(path: Path, twin: tuple[str, str]) -> str:
    """The one reason a file is rejected as a duplicate, whether its path is new or indexed."""
    return f"{path}: same text as the indexed document {twin[0]!r} ({twin[1]}); not indexed twice"


def _rejected(path: Path, document: Document, reason: str) -> IngestResult:
    return IngestResult(str(path), IngestStatus.REJECTED, document.id, reason=reason, document_path=document.path)


def _indexed_version(store: ChunkStore, document: Document) -> DocumentInfo | None:
    """The indexed document with ``document``'s path: usually under the id the path gives
    (one read), else under the id it got when that id was taken (a second read)."""
    info = store.document_info(document.id)
    if info is not None and info.path == document.path:
        return info
    return store.find_path(document.path)


def _same_file(info: DocumentInfo, document: Document) -> bool:
    """``info`` is a format-1 record (path never recorded) of the file ``document`` was read
    from: same text (the caller checked) and the same file name."""
    return info.path_assumed and unicodedata.normalize("NFC", info.source) == unicodedata.normalize("NFC", document.source)


def _drop_moved_leftover(store: ChunkStore, document: Document) -> None:
    """Remove a format-1 record that an interrupted move left behind: same text and file
    name as ``document``, which is already indexed under its path's id."""
    for twin in store.find_contents(document.content_hash, exclude=document.id):
        if _same_file(twin, document):
            logger.info("removing %r: moved to %r by an earlier ingest", twin.id, document.id)
            try:
                store.remove_document(twin.id)
            except DocumentNotFound:
                pass


def _free_id(store: ChunkStore, document: Document, batch: _Batch) -> str | None:
    """The id for a new path: the one it gives (:func:`~assistant.ingest.loading.id_of_path`),
    or, when another path holds that one, the path itself (extension kept); ``None`` when
    both are taken."""
    for candidate in (document.id, document.path):
        if candidate not in batch.ids and store.document_info(candidate) is None:
            return candidate
    return None


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
                                                     reason=f"{pending.path}: {reason}",
                                                     document_path=pending.document.path)
            return
        logger.warning("writing a group of %d documents failed; writing them one by one", len(group))
        for pending in group:
            _write_group([pending], results, store=store, embedder=embedder)
        return
    for p in group:
        previous = p.previous
        if p.moves:
            try:
                store.remove_document(previous.id)
            except DocumentNotFound:  # removed meanwhile
                pass
            logger.info("%s: moved from the id %r to %r (ids follow the path since store format 2)",
                        p.path, previous.id, p.document.id)
        results[p.position] = IngestResult(
            str(p.path), p.status, p.document.id, len(p.chunks), document_path=p.document.path,
            previous_added_at=previous.added_at if previous is not None and not p.moves else None,
            previous_id=previous.id if p.moves else None,
            reindexed=p.status is IngestStatus.UNCHANGED and not p.moves,
        )


def _embed(embedder: Embedder, chunks: list[Chunk], what: object) -> np.ndarray:
    """Vectors of ``chunks``, embedded ``EMBED_SLICE`` at a time with a log line per slice."""
    if len(chunks) <= EMBED_SLICE:
        return embedder.embed([c.text for c in chunks])
    parts = []
    for lo in range(0, len(chunks), EMBED_SLICE):
        parts.append(embedder.embed([c.text for c in chunks[lo : lo + EMBED_SLICE]]))
        logger.info("%s: embedded %d/%d chunks", what, min(lo + EMBED_SLICE, len(chunks)), len(chunks))
    return np.concatenate(parts)
