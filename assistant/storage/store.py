"""The persistent Chroma store: chunks with our own vectors, plus a document list.

Two collections:

* ``NAME`` holds one record per chunk: our embedding, the chunk text and the
  metadata ``document_id, source, path, index, start, end, content_hash`` (``page``
  for PDFs).
* ``NAME-documents`` holds one record per indexed document: its full text
  (to show and highlight cited passages) and ``source, path, content_hash,
  n_chunks, size, added_at`` (``pages`` for PDFs).  A document version counts as
  indexed only once this record names its hash, and it is written after all of the
  version's chunks.

Readers only see chunks whose ``content_hash`` matches the document record,
so a crash mid-ingest never exposes a partial document and an update switches
from the old chunks to the new ones at one write.

``NAME-meta`` also holds write intents, so chunks left by a writer that died are
removed at a later write (:meth:`ChunkStore.sweep_stale_writes`).

``NAME-meta`` holds the revision token and the embedder record: the name and
dimension of the model that built the index (see :class:`EmbedderIdentity`),
written before the first chunks.  Vectors of another model do not match these,
so a store refuses a different model with a :class:`ConfigError`.  A store made
before the record existed is checked by the dimension of a stored vector and
adopts the model in use at its next write.

Store format (the ``format`` record of ``NAME-meta``, :data:`STORE_FORMAT`): format 2
records each document's relative path (``path``), from which its id comes (see
:func:`assistant.ingest.loading.document_id`).  A store without the record (format 1:
ids were bare file names and no path was kept) is migrated when it is opened, in one
pass over the document records: each gets ``path`` = its file name and
``path_assumed = True`` (the folder it came from was never recorded).  Its ids, chunks
and vectors stay as they are; :func:`assistant.ingest.pipeline.ingest` learns the true
path at the document's next ingest.  Chunks without ``path`` read as their file name.
"""

from __future__ import annotations

import base64
import bisect
import json
import logging
import re
import threading
import time
import unicodedata
import uuid
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import BackendUnavailable, ConfigError, DocumentNotFound, StoreNotFound
from ..language.annotations import Annotations
from ..language.dates import ReportDate
from ..language.nlp import ANNOTATION_VERSION, from_record, to_record
from ..types import Chunk, Document, DocumentInfo, DocumentMeta, Passage
from .timeplace import (
    META_VERSION,
    TIMEPLACE_FIELDS,
    chunk_fields,
    meta_from_json,
    meta_json,
)

logger = logging.getLogger(__name__)

_CHUNK_ID = re.compile(r"^(.*):([^:]*):(\d+)$")
"""A chunk id ``{document_id}:{hash12}:{index}`` (:func:`assistant.storage.versions.chunk_id`)."""

# Chroma requires a vector on every record; document and meta records carry this placeholder.
_DOCUMENT_VECTOR = [1.0]
_REVISION_ID = "revision"
_ANNOTATIONS_KEPT = 256
"""Documents whose unpacked annotations :meth:`ChunkStore.document_annotations` keeps."""
_HASHES_KEPT = 65_536
"""Most documents whose current content hash :meth:`ChunkStore.query` keeps (about 100 bytes each)."""
_TEXTS_KEPT = 512
"""Most documents whose text :meth:`ChunkStore.document_texts` keeps."""
_FILTERS_KEPT = 8
"""Most filters whose matching chunk ids :meth:`ChunkStore.matching_ids` keeps."""
_EMBEDDER_ID = "embedder"
_FORMAT_ID = "format"
_PENDING = "pending"

STORE_FORMAT = 2
"""The store format this code writes (see the module docstring); older stores are migrated on open."""

CHROMA_FILE = "chroma.sqlite3"
"""The file that makes a folder an embedded Chroma store."""

STALE_WRITE_SECONDS = 600.0
"""A write intent older than this belongs to a writer that died (a write takes seconds)."""

EXACT_FILTER_LIMIT = 20000
"""A filter selecting at most this many chunks is ranked exactly (see :meth:`ChunkStore._nearest`)."""

QUERY_ATTEMPTS = 3
"""Reads repeated at most this often when a document version switched during the read."""


@dataclass(frozen=True)
class EmbedderIdentity:
    """The model whose vectors a store holds: ``model`` is its name
    (:func:`assistant.models.embedders.model_name`, e.g. ``all-MiniLM-L6-v2``), ``dimension``
    the length of its vectors."""

    model: str
    dimension: int

    def __str__(self) -> str:
        return f"{self.model} ({self.dimension}-d)"


def open_client(store: Path, chroma_url: str | None = None, *, create: bool = True):
    """A Chroma client: ``HttpClient`` for ``chroma_url`` (``http://HOST:PORT``), else a
    ``PersistentClient`` on the folder ``store`` (created if missing, unless ``create``
    is false).

    Raises:
        ConfigError: the URL is malformed.
        BackendUnavailable: no Chroma server answers at the URL.
        StoreNotFound: ``create`` is false and ``store`` is not a Chroma store folder.
    """
    import chromadb

    settings = chromadb.Settings(anonymized_telemetry=False)
    if chroma_url:
        from urllib.parse import urlparse

        url = urlparse(chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ConfigError(f"ASSISTANT_CHROMA_URL must look like http://127.0.0.1:8000, got {chroma_url!r}")
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            return chromadb.HttpClient(
                host=url.hostname, port=port, ssl=url.scheme == "https", settings=settings
            )
        except ValueError as exc:  # chromadb: "Could not connect to a Chroma server ..."
            raise BackendUnavailable(
                f"cannot reach the Chroma server at {chroma_url} ({exc}); start it with "
                f"`chroma run --path DIR --host {url.hostname} --port {port}` or unset ASSISTANT_CHROMA_URL"
            ) from exc
    if not create and not (store / CHROMA_FILE).is_file():
        what = "is not an index (no chroma.sqlite3 in it)" if store.is_dir() else "does not exist"
        raise StoreNotFound(
            f"no index at {store}: the folder {what}. Check --store (or ASSISTANT_STORE), or make an "
            f"index there with `assistant --store {store} ingest FOLDER`"
        )
    store.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(store), settings=settings)


class ChunkStore:
    """Chunks and documents in Chroma.

    Args:
        client: a chromadb client (see :func:`open_client`).
        name: collection name prefix.
        location: shown in messages (the store folder or server URL).
        batch_size: records per write or read call; default and upper bound: the
            client's ``get_max_batch_size()`` (5,461 for chromadb 1.5.9 here).
        embedder: the model whose vectors will be written and queried (see
            :meth:`use_embedder`); ``None``: not checked, not recorded.
        stale_write_seconds: age after which another writer's unfinished write is
            cleaned up (see :meth:`sweep_stale_writes`).
        create: make the collections when they do not exist (false for commands that
            only read).

    A store of an older format is migrated here (see the module docstring).

    Raises:
        ConfigError: the index was built by another model than ``embedder``.
        StoreNotFound: ``create`` is false and the collections do not exist.
    """

    def __init__(self, client, name: str, location: str, *, batch_size: int | None = None,
                 embedder: EmbedderIdentity | None = None,
                 stale_write_seconds: float = STALE_WRITE_SECONDS, create: bool = True) -> None:
        self.location = location
        self.stale_write_seconds = stale_write_seconds
        self.name = name
        self._client = client
        if create:
            self._chunks = client.get_or_create_collection(
                name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
            )
            self._documents = client.get_or_create_collection(f"{name}-documents", embedding_function=None)
            self._meta = client.get_or_create_collection(f"{name}-meta", embedding_function=None)
        else:
            self._chunks, self._documents, self._meta = self._existing_collections(client, name, location)
        limit = int(client.get_max_batch_size())
        self._batch = min(limit, batch_size) if batch_size else limit
        self._annotations_kept: dict[str, Annotations | None] = {}  # document id -> annotations, at _annotations_revision
        self._annotations_revision: str | None = None
        self._annotations_lock = threading.Lock()
        self._hashes_kept = _KeptAtRevision(_HASHES_KEPT)  # document id -> the content hash its record names
        self._texts_kept = _KeptAtRevision(_TEXTS_KEPT)  # document id -> its text
        self._ids_kept = _KeptAtRevision(_FILTERS_KEPT)  # a where clause's JSON -> the chunk ids it matches
        self._pinned = threading.local()  # .revision: (token, _writes) inside one_revision() blocks
        self._writes = 0  # revision touches made through this object
        self.migrated = self._migrate()
        self.embedder: EmbedderIdentity | None = None
        self._embedder_checked = False
        if embedder is not None:
            self.use_embedder(embedder)

    @staticmethod
    def _existing_collections(client, name: str, location: str) -> tuple:
        from chromadb.errors import NotFoundError

        try:
            return tuple(client.get_collection(n, embedding_function=None)
                         for n in (name, f"{name}-documents", f"{name}-meta"))
        except NotFoundError:
            raise StoreNotFound(
                f"no index {name!r} at {location}: check --store, ASSISTANT_STORE or ASSISTANT_COLLECTION, or "
                f"make it with `assistant ingest FOLDER`"
            ) from None

    # ----- the store format --------------------------------------------------------------------

    def store_format(self) -> int:
        """The format recorded in the store (1 when none is: a store made before formats were kept)."""
        got = self._meta.get(ids=[_FORMAT_ID], include=["metadatas"])
        return int(got["metadatas"][0]["version"]) if got["ids"] else 1

    def _migrate(self) -> int:
        """Bring a store of format 1 to :data:`STORE_FORMAT` (see the module docstring);
        returns the number of document records changed.  About 1 ms when nothing is to do."""
        if self.store_format() >= STORE_FORMAT:
            return 0
        changed = 0
        versions = self._documents.get(include=["metadatas"])
        ids = [i for i, m in zip(versions["ids"], versions["metadatas"]) if "path" not in m]
        metas = [{"path": m["source"], "path_assumed": True}
                 for m in versions["metadatas"] if "path" not in m]
        for lo in range(0, len(ids), self._batch):
            self._documents.update(ids=ids[lo : lo + self._batch], metadatas=metas[lo : lo + self._batch])
            changed += len(ids[lo : lo + self._batch])
        self._meta.upsert(ids=[_FORMAT_ID], embeddings=[_DOCUMENT_VECTOR], metadatas=[{"version": STORE_FORMAT}])
        if changed:
            logger.info("migrated the index at %s to format %d: %d documents keep their ids, paths assumed "
                        "to be their file names until they are ingested again", self.location, STORE_FORMAT, changed)
        return changed

    # ----- the model that built the index ------------------------------------------------------

    def use_embedder(self, embedder: EmbedderIdentity) -> None:
        """Check that this store's vectors come from ``embedder`` and record it with the
        next write (when not recorded yet).  About 1 ms.

        Raises:
            ConfigError: the store was built by another model (the message names the
                store, both models and what to do).
        """
        self.embedder = embedder
        self._embedder_checked = False
        self._check_embedder()

    def built_with(self) -> EmbedderIdentity | None:
        """The model recorded as having built this index; ``None`` when none is recorded
        (an empty store, or one made before the record existed)."""
        got = self._meta.get(ids=[_EMBEDDER_ID], include=["metadatas"])
        if not got["ids"]:
            return None
        meta = got["metadatas"][0]
        return EmbedderIdentity(str(meta["model"]), int(meta["dimension"]))

    def _check_embedder(self) -> bool:
        """Compare the record (or, without one, a stored vector's length) with
        ``self.embedder``; returns whether a record exists.

        Raises:
            ConfigError: they differ.
        """
        if self.embedder is None:
            self._embedder_checked = True
            return True
        recorded = self.built_with()
        if recorded is not None:
            if recorded != self.embedder:
                raise self._mismatch(str(recorded))
            self._embedder_checked = True
            return True
        got = self._chunks.get(limit=1, include=["embeddings"])
        if got["ids"]:  # a store from before the record: its vectors' length is what we know
            if len(got["embeddings"][0]) != self.embedder.dimension:
                raise self._mismatch(f"a model of {len(got['embeddings'][0])} dimensions (not recorded)")
            self._embedder_checked = True
        return False

    def _mismatch(self, recorded: str) -> ConfigError:
        return ConfigError(
            f"the index at {self.location} (collection {self.name!r}) was built with the embedding model "
            f"{recorded}, but the model in use is {self.embedder}; its vectors cannot be compared. Use the "
            f"model that built it (ASSISTANT_EMBEDDER / ASSISTANT_EMBEDDING_MODEL), or another index for this "
            f"model (--store DIR or ASSISTANT_STORE; ASSISTANT_COLLECTION on a Chroma server), or re-index: "
            f"delete the store (or its collections) and run `assistant ingest` again"
        )

    def _record_embedder(self) -> None:
        """Check the model in use and record it if no record exists yet (before any chunk
        of it is written)."""
        if self.embedder is not None and not self._check_embedder():
            self._meta.upsert(
                ids=[_EMBEDDER_ID], embeddings=[_DOCUMENT_VECTOR],
                metadatas=[{"model": self.embedder.model, "dimension": self.embedder.dimension}],
            )
            self._embedder_checked = True

    # ----- documents -------------------------------------------------------------------------

    def document_info(self, document_id: str) -> DocumentInfo | None:
        """The indexed version of a document, or ``None``."""
        got = self._documents.get(ids=[document_id], include=["metadatas"])
        if not got["ids"]:
            return None
        return _info(got["ids"][0], got["metadatas"][0])

    def report_dates(self, document_ids: list[str]) -> dict[str, ReportDate]:
        """``{document_id: report date}`` of the given documents, as their time and place were read at
        ingest (:func:`assistant.language.dates.report_date`); an undated or unknown id is missing."""
        if not document_ids:
            return {}
        got = self._documents.get(ids=list(document_ids), include=["metadatas"])
        found = {}
        for document_id, record in zip(got["ids"], got["metadatas"]):
            meta = _meta_of(record)
            if meta is not None and meta.report is not None:
                found[document_id] = meta.report
        return found

    def list_documents(self) -> list[DocumentInfo]:
        """All indexed documents, sorted by id."""
        got = self._documents.get(include=["metadatas"])
        return sorted((_info(i, m) for i, m in zip(got["ids"], got["metadatas"])), key=lambda d: d.id)

    def find_content(self, content_hash: str, *, exclude: str | None = None) -> DocumentInfo | None:
        """An indexed document other than ``exclude`` whose text has this SHA-256 hash, or ``None``."""
        infos = self.find_contents(content_hash, exclude=exclude)
        return infos[0] if infos else None

    def find_contents(self, content_hash: str, *, exclude: str | None = None) -> list[DocumentInfo]:
        """Every indexed document other than ``exclude`` whose text has this SHA-256 hash, by id."""
        got = self._documents.get(where={"content_hash": content_hash}, include=["metadatas"])
        return sorted((_info(i, m) for i, m in zip(got["ids"], got["metadatas"]) if i != exclude),
                      key=lambda d: d.id)

    def find_sources(self, name: str) -> list[DocumentInfo]:
        """Every indexed document whose file name (:attr:`DocumentInfo.source`) is ``name`` (compared in
        Unicode NFC), by id."""
        spellings = list(dict.fromkeys([name, unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name)]))
        where = {"source": spellings[0]} if len(spellings) == 1 else {"source": {"$in": spellings}}
        got = self._documents.get(where=where, include=["metadatas"])
        return sorted((_info(i, m) for i, m in zip(got["ids"], got["metadatas"])), key=lambda d: d.id)

    def find_path(self, path: str) -> DocumentInfo | None:
        """The indexed document recorded with this relative path (:attr:`Document.path`), or
        ``None``.  Documents of a migrated store match their assumed path (their file name)."""
        got = self._documents.get(where={"path": path}, include=["metadatas"])
        infos = sorted((_info(i, m) for i, m in zip(got["ids"], got["metadatas"])), key=lambda d: d.id)
        return infos[0] if infos else None

    def count_assumed_paths(self) -> int:
        """How many documents of a migrated store still have an assumed path (see the module docstring)."""
        return len(self._documents.get(where={"path_assumed": True}, include=[])["ids"])

    def confirm_path(self, document_id: str, path: str) -> None:
        """Record ``path`` as the known path of ``document_id`` (after a migration assumed it)."""
        self._documents.update(ids=[document_id], metadatas=[{"path": path, "path_assumed": False}])

    def document_text(self, document_id: str) -> str:
        """The full stored text of a document (chunk offsets index into it).

        Raises:
            DocumentNotFound: no such document.
        """
        got = self._documents.get(ids=[document_id], include=["documents"])
        if not got["ids"]:
            raise DocumentNotFound(f"no document {document_id!r} in the index at {self.location}")
        return got["documents"][0]

    def document_texts(self, document_ids: list[str]) -> dict[str, str]:
        """``{document_id: text}`` for those of ``document_ids`` that are indexed (one read of those
        not read since the store's :meth:`revision` last changed)."""
        if not document_ids:
            return {}
        revision = self.revision()  # the texts read since it last changed are kept (as _kept_hashes)
        kept = self._texts_kept.get(revision, document_ids)
        missing = [d for d in dict.fromkeys(document_ids) if d not in kept]
        texts: dict[str, str] = {}
        for lo in range(0, len(missing), self._batch):
            got = self._documents.get(ids=missing[lo : lo + self._batch], include=["documents"])
            texts.update(zip(got["ids"], got["documents"]))
        self._texts_kept.put(revision, texts)
        return {d: t for d in dict.fromkeys(document_ids) if (t := kept.get(d, texts.get(d))) is not None}

    def page_at(self, document_id: str, offset: int) -> int | None:
        """The 1-based PDF page of the character ``offset`` of a document, from the page offsets its
        record keeps (a record written before they were kept: the page of the chunk of its indexed
        version that holds it, which for a chunk over a page break is its first page); ``None`` for
        documents without pages."""
        got = self._documents.get(ids=[document_id], include=["metadatas"])
        if not got["ids"]:
            return None
        meta = got["metadatas"][0] or {}
        starts = meta.get("page_starts")
        if isinstance(starts, list) and starts:  # the page offsets, kept since 4 December 2026: exact
            return bisect.bisect_right([int(s) for s in starts], offset)
        info = _info(document_id, meta)
        if not info.pages:
            return None
        # an older record: the page of a chunk holding the offset (the first page of a chunk over a break)
        where = {"$and": [{"document_id": document_id}, {"content_hash": info.content_hash},
                          {"start": {"$lte": offset}}, {"end": {"$gt": offset}}]}
        got = self._chunks.get(where=where, include=["metadatas"])
        pages = [int(m["page"]) for m in got["metadatas"] if m and "page" in m]
        return min(pages) if pages else None

    def document_annotations(self, document_ids: list[str]) -> dict[str, Annotations]:
        """``{document_id: annotations}`` for those of ``document_ids`` indexed with annotations
        of the current :data:`~assistant.language.nlp.ANNOTATION_VERSION` (one read of those not
        kept: the unpacked annotations of the last :data:`_ANNOTATIONS_KEPT` documents read are
        kept until the store's :meth:`revision` changes, since unpacking them was a tenth of a
        question's time)."""
        revision = self.revision()
        with self._annotations_lock:
            if revision != self._annotations_revision:  # a write since: every kept one may be stale
                self._annotations_kept.clear()
                self._annotations_revision = revision
            kept = {d: self._annotations_kept[d] for d in dict.fromkeys(document_ids) if d in self._annotations_kept}
        missing = [d for d in dict.fromkeys(document_ids) if d not in kept]
        read: dict[str, Annotations | None] = dict.fromkeys(missing)
        for lo in range(0, len(missing), self._batch):
            got = self._documents.get(ids=missing[lo : lo + self._batch], include=["metadatas"])
            for document_id, meta in zip(got["ids"], got["metadatas"]):
                if meta and meta.get("annotation_version") == ANNOTATION_VERSION and "annotations" in meta:
                    read[document_id] = unpack_annotations(meta["annotations"])
        if read:
            with self._annotations_lock:
                if self._annotations_revision == revision:
                    self._annotations_kept.update(read)
                    while len(self._annotations_kept) > _ANNOTATIONS_KEPT:
                        self._annotations_kept.pop(next(iter(self._annotations_kept)))
        kept.update(read)
        return {d: a for d in dict.fromkeys(document_ids) if (a := kept.get(d)) is not None}

    def annotated_documents(self, document_ids: list[str]) -> list[Document]:
        """The indexed documents among ``document_ids``, each with its text, path, its ``meta``
        (dates, places, source; ``None`` for a record written before they were read) and its
        ``annotations`` (``None``: missing or of an older
        :data:`~assistant.language.nlp.ANNOTATION_VERSION`); one read per batch.  The record
        gives its PDF page offsets as ``page_starts`` (a record written before they were kept: one
        meaningless entry per page, so its length is the page count; :meth:`page_at` finds a page)."""
        found = []
        for lo in range(0, len(document_ids), self._batch):
            got = self._documents.get(ids=document_ids[lo : lo + self._batch], include=["documents", "metadatas"])
            for document_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
                meta = meta or {}
                annotations = (unpack_annotations(meta["annotations"])
                               if meta.get("annotation_version") == ANNOTATION_VERSION and "annotations" in meta else None)
                source = str(meta.get("source", document_id))
                found.append(Document(id=document_id, source=source, text=text,
                                      content_hash=str(meta.get("content_hash", "")),
                                      page_starts=tuple(int(x) for x in meta["page_starts"])
                                      if isinstance(meta.get("page_starts"), list)
                                      else (0,) * int(meta.get("pages", 0)),
                                      path=str(meta.get("path") or source), meta=_meta_of(meta),
                                      annotations=annotations))
        return found

    def revision(self) -> str:
        """A token that changes with every write or removal (by any process); ``""`` for a
        store never written.  About 1 ms, against tens of ms for :meth:`signature`.  Inside a
        :meth:`one_revision` block of this thread, the token read when the block began (read
        again after a write through this store)."""
        pinned = getattr(self._pinned, "revision", None)
        if pinned is not None:
            if pinned[1] == self._writes:
                return pinned[0]
            self._pinned.revision = (self._read_revision(), self._writes)  # this process wrote meanwhile
            return self._pinned.revision[0]
        return self._read_revision()

    def _read_revision(self) -> str:
        got = self._meta.get(ids=[_REVISION_ID], include=["metadatas"])
        return got["metadatas"][0]["revision"] if got["ids"] else ""

    def one_revision(self) -> RevisionPin:
        """A context manager, to enter once per step of one question: inside it (in this thread)
        :meth:`revision` answers the token read at the first entry, without reading the store
        again (the stages of one question read it about seven times, a millisecond each).  A
        write through this store (any thread) since that read makes the next call read it
        again; a write by another process is seen by the next question.  Nested blocks keep the
        outer block's token; outside every block, :meth:`revision` reads the store."""
        return RevisionPin(self)

    def _touch(self) -> None:
        self._meta.upsert(
            ids=[_REVISION_ID], embeddings=[_DOCUMENT_VECTOR], metadatas=[{"revision": uuid.uuid4().hex}]
        )
        self._writes += 1

    def signature(self) -> tuple[tuple[str, str], ...]:
        """``(document_id, content_hash)`` of every indexed document, sorted: changes whenever
        the indexed content does (also when another process wrote it)."""
        return tuple(sorted((i, h) for i, (h, _) in self._all_versions().items()))

    def count_documents(self) -> int:
        return self._documents.count()

    def count_chunks(self) -> int:
        return self._chunks.count()

    # ----- writing -----------------------------------------------------------------------------

    def write_document(self, document: Document, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Index one document version; see :meth:`write_documents`."""
        self.write_documents([(document, chunks, vectors)])

    def write_documents(self, items: Sequence[tuple[Document, Sequence[Chunk], np.ndarray]]) -> None:
        """Index document versions: all their chunks first, then their document records,
        then drop the chunks of any other version of each document.

        Each item is ``(document, chunks, vectors)`` with ``vectors`` of shape
        ``(len(chunks), dimension)``; each document id at most once.  Writes go in calls
        of at most the batch size (several small documents share one call).  Readers see a
        document's old version until its record is replaced and the new one from then on
        (see :meth:`query` and :meth:`all_chunks`).  Safe to call again after a crash at
        any point: chunk ids are deterministic, so a retry overwrites what a killed attempt
        wrote, and leftovers of that attempt under other ids are deleted before the record
        names the version.

        Raises:
            ValueError: chunk and vector counts differ.
            ConfigError: the store was built by another model than the one in use.
        """
        for document, chunks, vectors in items:
            if len(chunks) != len(vectors):
                raise ValueError(f"{document.id}: {len(chunks)} chunks but {len(vectors)} vectors")
        self._record_embedder()
        self.sweep_stale_writes()
        started = time.time()
        intents = [f"{_PENDING}:{d.id}:{d.content_hash}" for d, _, _ in items]
        records = [{"kind": _PENDING, "document_id": d.id, "content_hash": d.content_hash, "started": started}
                   for d, _, _ in items]
        for lo in range(0, len(intents), self._batch):
            ids = intents[lo : lo + self._batch]
            self._meta.upsert(ids=ids, embeddings=[_DOCUMENT_VECTOR] * len(ids), metadatas=records[lo : lo + self._batch])
        rows = [(c, d.content_hash, v, d.meta) for d, chunks, vectors in items for c, v in zip(chunks, vectors)]
        for lo in range(0, len(rows), self._batch):
            part = rows[lo : lo + self._batch]
            self._chunks.upsert(
                ids=[c.id for c, _, _, _ in part],
                embeddings=np.asarray([v for _, _, v, _ in part], dtype=np.float32).tolist(),
                documents=[c.text for c, _, _, _ in part],
                metadatas=[_chunk_metadata(c, h, meta) for c, h, _, meta in part],
            )
        for document, chunks, _ in items:
            version = {"$and": [{"document_id": document.id}, {"content_hash": document.content_hash}]}
            wanted = {c.id for c in chunks}
            self._delete_ids([i for i in self._ids(version) if i not in wanted])
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for lo in range(0, len(items), self._batch):
            part = items[lo : lo + self._batch]
            self._documents.upsert(
                ids=[d.id for d, _, _ in part],
                embeddings=[_DOCUMENT_VECTOR] * len(part),
                documents=[d.text for d, _, _ in part],
                metadatas=[_document_metadata(d, len(chunks), now) for d, chunks, _ in part],
            )
        self._touch()
        for document, _, _ in items:
            others = {"$and": [{"document_id": document.id}, {"content_hash": {"$ne": document.content_hash}}]}
            self._delete_ids(self._ids(others))
        for lo in range(0, len(intents), self._batch):
            self._meta.delete(ids=intents[lo : lo + self._batch])

    def sweep_stale_writes(self, older_than: float | None = None) -> int:
        """Delete what writers that died mid-write left behind; returns the chunks deleted.

        :meth:`write_documents` records a write intent ``(document_id, content_hash)``
        before its first chunk and deletes it after its last cleanup.  An intent older than
        ``older_than`` seconds (default: ``stale_write_seconds``) belongs to a writer that
        died: chunks of that version are deleted unless the document record names it, and
        chunks of any other version are deleted when it does (the old version's cleanup
        was cut short).  Readers never saw these chunks (they follow the records).  Runs at
        the start of every write; younger intents are left alone, as they may be another
        live writer's (a Chroma server shared by several processes).
        """
        limit = self.stale_write_seconds if older_than is None else older_than
        got = self._meta.get(where={"kind": _PENDING}, include=["metadatas"])
        now = time.time()
        stale: list[tuple[str, dict]] = []
        live: dict[str, list[str]] = {}
        for intent, m in zip(got["ids"], got["metadatas"]):
            if now - float(m["started"]) >= limit:
                stale.append((intent, m))
            else:
                live.setdefault(m["document_id"], []).append(m["content_hash"])
        if not stale:
            return 0
        current = self._current_hashes({m["document_id"] for _, m in stale})
        deleted = 0
        for _, m in stale:
            document_id, version = m["document_id"], m["content_hash"]
            if current.get(document_id) == version:
                keep = [version, *live.get(document_id, [])]
                where = {"$and": [{"document_id": document_id}, {"content_hash": {"$nin": keep}}]}
            elif version in live.get(document_id, []):
                continue  # a live writer is writing this version again
            else:
                where = {"$and": [{"document_id": document_id}, {"content_hash": version}]}
            ids = self._ids(where)
            self._delete_ids(ids)
            deleted += len(ids)
        self._meta.delete(ids=[i for i, _ in stale])
        if deleted:
            logger.info("removed %d chunks left by %d unfinished writes", deleted, len(stale))
        return deleted

    def _ids(self, where: dict) -> list[str]:
        """Ids of the chunks matching ``where``, read in pages of the batch size."""
        ids: list[str] = []
        while True:
            page = self._chunks.get(where=where, include=[], limit=self._batch, offset=len(ids))["ids"]
            ids += page
            if len(page) < self._batch:
                return ids

    def _delete_ids(self, ids: Sequence[str]) -> None:
        for lo in range(0, len(ids), self._batch):
            self._chunks.delete(ids=list(ids[lo : lo + self._batch]))

    def remove_document(self, document_id: str) -> int:
        """Remove a document and all of its chunks; returns the number of chunks removed.

        Raises:
            DocumentNotFound: no such document.
        """
        info = self.document_info(document_id)
        if info is None:
            raise DocumentNotFound(f"no document {document_id!r} in the index at {self.location}")
        self._documents.delete(ids=[document_id])
        self._touch()
        ids = self._ids({"document_id": document_id})
        self._delete_ids(ids)
        return len(ids)

    # ----- reading -----------------------------------------------------------------------------

    def query(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[Passage]:
        """The ``k`` chunks nearest to ``vector`` by cosine similarity, best first, among the
        chunks matching ``where`` (a Chroma filter, :func:`assistant.storage.timeplace.where_clause`;
        ``None``: all).

        ``Passage.score`` is the cosine similarity (``1 - cosine distance``).  Each document
        contributes the chunks of one version only: the one its record names.  When the
        candidates of an indexed document hold none of that version (a writer switched
        versions while the query ran) or a candidate was deleted meanwhile, the query is
        run again, up to ``QUERY_ATTEMPTS`` times; after that such a document keeps the
        version of its best candidate.  So a question asked during an update gets the
        old or the new version's passages, never a mix and never neither.

        Raises:
            ConfigError: the store was built by another model than the one in use
                (checked here when the store had no record when it was opened).
        """
        total = self._chunks.count()
        if total == 0:
            return []
        if not self._embedder_checked:
            self._check_embedder()
        for _attempt in range(QUERY_ATTEMPTS):
            got = self._nearest(vector, min(total, k * 2 + 5), where)
            rows = list(zip(got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0]))
            named = {m["document_id"] for _, _, m, _ in rows if m is not None}
            current = self._current_hashes(named) if _attempt else self._kept_hashes(named)
            live = [r for r in rows if r[1] is not None and r[2] is not None]
            indexed = {m["document_id"] for _, _, m, _ in live if m["document_id"] in current}
            complete = {m["document_id"] for _, _, m, _ in live if current.get(m["document_id"]) == m["content_hash"]}
            if len(live) == len(rows) and indexed == complete:
                break
        version = dict(current)
        for _, _, meta, _ in live:  # documents whose current version the query missed: best candidate's
            if meta["document_id"] in indexed - complete:
                version[meta["document_id"]] = meta["content_hash"]
                indexed.discard(meta["document_id"])
        passages = []
        for chunk_id, text, meta, distance in live:
            if version.get(meta["document_id"]) == meta["content_hash"]:
                passages.append(Passage(chunk=_chunk(chunk_id, text, meta), score=1.0 - float(distance),
                                        rank=len(passages) + 1))
            if len(passages) == k:
                break
        return passages

    def _nearest(self, vector: np.ndarray, n: int, where: dict | None) -> dict:
        """The ``n`` nearest chunks matching ``where``, in the shape of Chroma's ``query`` result.

        Without a filter: Chroma's HNSW query.  With one, the filter runs in the store first
        (``get(where=...)``, ids and vectors only); when it selects at most :data:`EXACT_FILTER_LIMIT`
        chunks they are ranked exactly (cosine), because an HNSW walk
        restricted by a filter loses neighbours as the unfiltered part of the graph grows
        (chroma #2769; measured in ``bench/bench_filtered_recall.py``, ``docs/TIME-PLACE.md``);
        a filter selecting more is left to Chroma's filtered query with ``n`` doubled.
        """
        query_vector = np.asarray(vector, dtype=np.float32)
        if where is not None:
            selected = self._vectors_where(where, EXACT_FILTER_LIMIT)
            if selected is not None:
                return self._exact(query_vector, n, *selected)
            # more than EXACT_FILTER_LIMIT chunks match: their count matters only for a larger n
            n = 2 * n if 2 * n <= EXACT_FILTER_LIMIT else min(len(self._ids(where)), 2 * n)
        return self._chunks.query(
            query_embeddings=[query_vector.tolist()], n_results=n, where=where,
            include=["documents", "metadatas", "distances"],
        )

    def _vectors_where(self, where: dict, limit: int) -> tuple[list[str], np.ndarray] | None:
        """Ids and vectors of the chunks matching ``where`` (pages of the batch size), or
        ``None`` as soon as more than ``limit`` match."""
        ids: list[str] = []
        vectors: list[np.ndarray] = []
        while True:
            got = self._chunks.get(where=where, include=["embeddings"], limit=self._batch, offset=len(ids))
            ids += got["ids"]
            if len(ids) > limit:
                return None
            vectors.append(np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]), -1))
            if len(got["ids"]) < self._batch:
                return ids, np.concatenate(vectors)

    def _exact(self, vector: np.ndarray, n: int, found_ids: list[str], matrix: np.ndarray) -> dict:
        """The ``n`` of ``found_ids`` (vectors: the rows of ``matrix``) nearest to ``vector`` by
        exact cosine distance, in Chroma's result shape.  Texts and metadata are read for the
        ``n`` nearest alone (reading them for every filtered chunk was most of a filtered
        question's time, docs/EVAL.md); a chunk deleted meanwhile is left out (the caller's
        version check runs the query again)."""
        if not found_ids:
            return {"ids": [[]], "documents": [[]], "metadatas": [[]], "distances": [[]]}
        norms = np.linalg.norm(matrix, axis=1) * (np.linalg.norm(vector) or 1.0)
        distances = 1.0 - (matrix @ vector) / np.where(norms == 0, 1.0, norms)
        order = [found_ids[i] for i in np.argsort(distances, kind="stable")[:n]]
        distance_of = dict(zip(found_ids, (float(d) for d in distances)))
        got = self._chunks.get(ids=order, include=["documents", "metadatas"])
        rows = dict(zip(got["ids"], zip(got["documents"], got["metadatas"])))
        order = [i for i in order if i in rows]
        return {"ids": [order], "documents": [[rows[i][0] for i in order]],
                "metadatas": [[rows[i][1] for i in order]], "distances": [[distance_of[i] for i in order]]}

    def matching_ids(self, where: dict) -> list[str]:
        """Ids of the chunk records matching ``where`` (every version; readers keep the current one).
        Kept until the store's :meth:`revision` changes (a filtered question reads them twice:
        for the documents in scope and for the keyword index's mask); treat the list as read-only."""
        key = json.dumps(where, sort_keys=True)
        revision = self.revision()
        kept = self._ids_kept.get(revision, [key])
        if key in kept:
            return kept[key]
        ids = self._ids(where)
        self._ids_kept.put(revision, {key: ids})
        return ids

    def matching_documents(self, where: dict) -> set[str]:
        """Ids of the indexed documents with a current chunk matching ``where``.  Reads only
        the chunk ids (``{document_id}:{hash12}:{index}``) and which of
        those documents have a record: the metadata of thousands of chunks took seconds at
        10,000 reports (docs/COUNTING.md); ids in another form are read from the metadata."""
        ids = self.matching_ids(where)
        documents: set[str] = set()
        for chunk in ids:
            match = _CHUNK_ID.match(chunk)
            if match is None:
                return self._matching_documents_by_metadata(where)
            documents.add(match[1])
        return self._existing(documents)

    def _matching_documents_by_metadata(self, where: dict) -> set[str]:
        found: dict[str, str] = {}
        offset = 0
        while True:
            got = self._chunks.get(where=where, include=["metadatas"], limit=self._batch, offset=offset)
            offset += len(got["ids"])
            for m in got["metadatas"]:
                if m is not None:
                    found.setdefault(m["document_id"], m["content_hash"])
            if len(got["ids"]) < self._batch:
                break
        return self._existing(set(found))

    def _existing(self, document_ids: set[str]) -> set[str]:
        """Those of ``document_ids`` that have a document record."""
        if not document_ids:
            return set()
        found: set[str] = set()
        ordered = sorted(document_ids)
        for lo in range(0, len(ordered), self._batch):
            found.update(self._documents.get(ids=ordered[lo : lo + self._batch], include=[])["ids"])
        return found

    def documents_containing(self, phrases: Sequence[str]) -> dict[str, str]:
        """``{document_id: text}`` of the indexed documents whose text contains one of
        ``phrases`` (exact, case-sensitive substrings: Chroma's ``$contains`` on the stored
        document texts; the caller checks word boundaries).  Empty ``phrases``: ``{}``."""
        phrases = sorted({p for p in phrases if p})
        if not phrases:
            return {}
        clauses = [{"$contains": p} for p in phrases]
        where_document = clauses[0] if len(clauses) == 1 else {"$or": clauses}
        found: dict[str, str] = {}
        offset = 0
        while True:
            got = self._documents.get(where_document=where_document, include=["documents"],
                                      limit=self._batch, offset=offset)
            offset += len(got["ids"])
            found.update({i: t for i, t in zip(got["ids"], got["documents"]) if t is not None})
            if len(got["ids"]) < self._batch:
                return found

    def document_metas(self) -> dict[str, tuple[DocumentInfo, DocumentMeta | None]]:
        """``{document_id: (info, meta)}`` of every indexed document; ``meta`` is ``None`` for a
        record written before time and place were read (see :meth:`refresh_meta`)."""
        found: dict[str, tuple[DocumentInfo, DocumentMeta | None]] = {}
        while True:
            got = self._documents.get(include=["metadatas"], limit=self._batch, offset=len(found))
            for i, m in zip(got["ids"], got["metadatas"]):
                found[i] = (_info(i, m), _meta_of(m))
            if len(got["ids"]) < self._batch:
                return found

    def older_metas(self) -> dict[str, DocumentMeta | None]:
        """``{document_id: meta}`` of every indexed document whose time and place were read by
        another ``META_VERSION`` (or never): ``meta`` is that older reading as stored (``None``:
        none, or one this code cannot read), for what it kept of the file (folder, file date)."""
        current = self._documents.get(where={"meta_version": META_VERSION}, include=[])["ids"]
        if len(current) == self._documents.count():  # ids only: opening a current store reads no record
            return {}
        found: dict[str, DocumentMeta | None] = {}
        offset = 0
        while True:
            got = self._documents.get(include=["metadatas"], limit=self._batch, offset=offset)
            offset += len(got["ids"])
            for i, m in zip(got["ids"], got["metadatas"]):
                m = m or {}
                if m.get("meta_version") == META_VERSION and "time_place" in m:
                    continue
                try:
                    found[i] = meta_from_json(m["time_place"]) if "time_place" in m else None
                except (ValueError, KeyError, TypeError, IndexError):
                    found[i] = None
            if len(got["ids"]) < self._batch:
                return found

    def refresh_meta(self, document_id: str, meta: DocumentMeta) -> int:
        """Write ``meta`` onto the current version of a document: its record and every chunk
        record (no re-embedding).  Returns the chunks updated (0: no such document).  This is how
        a store written before time and place were read gets them (``assistant ingest`` again)."""
        got = self._documents.get(ids=[document_id], include=["metadatas"])
        if not got["ids"]:
            return 0
        record = {k: v for k, v in got["metadatas"][0].items() if k not in TIMEPLACE_FIELDS}
        record.update(_document_meta_fields(meta))
        version = {"$and": [{"document_id": document_id}, {"content_hash": record["content_hash"]}]}
        chunks = self._chunks.get(where=version, include=["metadatas"])
        fields = chunk_fields(meta)
        for lo in range(0, len(chunks["ids"]), self._batch):
            ids = chunks["ids"][lo : lo + self._batch]
            metas = [clean_metadata({**{k: v for k, v in m.items() if k not in TIMEPLACE_FIELDS}, **fields})
                     for m in chunks["metadatas"][lo : lo + self._batch]]
            self._chunks.update(ids=ids, metadatas=metas)
        self._documents.update(ids=[document_id], metadatas=[clean_metadata(record)])
        self._touch()
        return len(chunks["ids"])

    def all_chunks(self) -> list[Chunk]:
        """Every chunk of every indexed document version, in document and chunk order.

        A consistent, complete snapshot: the document records are read before and after
        the chunks, and the read is repeated (up to ``QUERY_ATTEMPTS`` times) when a record
        changed in between or a document's chunk count differs from its record's
        ``n_chunks``, so a concurrent update shows as the whole old or the whole new version.
        """
        before = self._all_versions()
        for _attempt in range(QUERY_ATTEMPTS):
            chunks = self._read_chunks({i: h for i, (h, _) in before.items()})
            after = self._all_versions()
            counts = Counter(c.document_id for c in chunks)
            if after == before and all(counts[i] == n for i, (_, n) in before.items()):
                break
            logger.info("documents changed while reading the chunks; reading again")
            before = after
        return sorted(chunks, key=lambda c: (c.document_id, c.index))

    def _read_chunks(self, hashes: dict[str, str]) -> list[Chunk]:
        chunks: dict[str, Chunk] = {}
        offset = 0
        while True:
            got = self._chunks.get(include=["documents", "metadatas"], limit=self._batch, offset=offset)
            offset += len(got["ids"])
            for i, d, m in zip(got["ids"], got["documents"], got["metadatas"]):
                if m is not None and d is not None and hashes.get(m["document_id"]) == m["content_hash"]:
                    chunks[i] = _chunk(i, d, m)
            if len(got["ids"]) < self._batch:
                return list(chunks.values())

    def versions(self) -> dict[str, tuple[str, int, str]]:
        """``{document_id: (content_hash, n_chunks, path)}`` of every indexed document (one read
        of the document records: about 1 s at 10,000 reports, as their metadata holds the annotations)."""
        versions: dict[str, tuple[str, int, str]] = {}
        while True:
            got = self._documents.get(include=["metadatas"], limit=self._batch, offset=len(versions))
            versions.update((i, (m["content_hash"], int(m["n_chunks"]), m.get("path") or m["source"]))
                            for i, m in zip(got["ids"], got["metadatas"]))
            if len(got["ids"]) < self._batch:
                return versions

    def chunks_of(self, versions: dict[str, str]) -> list[Chunk]:
        """The chunks of the document versions ``{document_id: content_hash}``, in document and
        chunk order (a reader that needs a consistent snapshot compares :meth:`versions` before
        and after, as :meth:`all_chunks` does)."""
        found: list[Chunk] = []
        ids = sorted(versions)
        for lo in range(0, len(ids), 100):
            where = {"document_id": {"$in": ids[lo : lo + 100]}}
            offset = 0
            while True:
                got = self._chunks.get(where=where, include=["documents", "metadatas"], limit=self._batch, offset=offset)
                offset += len(got["ids"])
                for i, d, m in zip(got["ids"], got["documents"], got["metadatas"]):
                    if m is not None and d is not None and versions.get(m["document_id"]) == m["content_hash"]:
                        found.append(_chunk(i, d, m))
                if len(got["ids"]) < self._batch:
                    break
        return sorted(found, key=lambda c: (c.document_id, c.index))

    def _all_versions(self) -> dict[str, tuple[str, int]]:
        """``{document_id: (content_hash, n_chunks)}`` of every indexed document."""
        versions: dict[str, tuple[str, int]] = {}
        while True:
            got = self._documents.get(include=["metadatas"], limit=self._batch, offset=len(versions))
            versions.update((i, (m["content_hash"], int(m["n_chunks"]))) for i, m in zip(got["ids"], got["metadatas"]))
            if len(got["ids"]) < self._batch:
                return versions

    def _kept_hashes(self, document_ids: set[str]) -> dict[str, str]:
        """:meth:`_current_hashes` of ``document_ids``, from the hashes read since the store's
        :meth:`revision` last changed (every write of a record touches it afterwards; its old chunks are
        deleted only after that), so only the documents not read yet are read: a record holds the
        packed annotations, and reading ten of them was a tenth of a question's time.  A question
        whose candidates miss a document's version reads the records again (:meth:`query`)."""
        if not document_ids:
            return {}
        revision = self.revision()
        kept = self._hashes_kept.get(revision, document_ids)
        read = self._current_hashes({d for d in document_ids if d not in kept})
        self._hashes_kept.put(revision, read)
        return {**kept, **read}

    def _current_hashes(self, document_ids: set[str]) -> dict[str, str]:
        if not document_ids:
            return {}
        got = self._documents.get(ids=sorted(document_ids), include=["metadatas"])
        return {i: m["content_hash"] for i, m in zip(got["ids"], got["metadatas"])}


class RevisionPin:
    """What :meth:`ChunkStore.one_revision` returns: entered once per step of one question, the
    same revision token for every step (read at the first entry, again after a write through
    the store).  Entering it in a thread inside another pin of the same store keeps that one."""

    def __init__(self, store: ChunkStore) -> None:
        self._store = store
        self._pinned: tuple[str, int] | None = None
        self._outer: list[tuple[str, int] | None] = []

    def __enter__(self) -> RevisionPin:
        local = self._store._pinned
        outer = getattr(local, "revision", None)
        self._outer.append(outer)
        if outer is None:
            if self._pinned is None or self._pinned[1] != self._store._writes:
                self._pinned = (self._store._read_revision(), self._store._writes)
            local.revision = self._pinned
        return self

    def __exit__(self, *exc) -> None:
        local = self._store._pinned
        outer = self._outer.pop()
        if outer is None and local.revision is not None:
            self._pinned = local.revision  # re-read inside after a write: keep the newer token
        local.revision = outer


class _KeptAtRevision:
    """Values read from a store's records, kept while its :meth:`ChunkStore.revision` stays the
    one they were read at (a write changes it): a later question reads only what it has not.
    At most ``capacity`` values (all dropped beyond it).  Thread safe (one lock)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._values: dict[str, Any] = {}
        self._revision: str | None = None
        self._lock = threading.Lock()

    def get(self, revision: str, keys) -> dict[str, Any]:
        """The kept values of ``keys`` (those kept), once every value kept at another revision is dropped."""
        with self._lock:
            if revision != self._revision:
                self._values.clear()
                self._revision = revision
            return {k: self._values[k] for k in keys if k in self._values}

    def put(self, revision: str, values: dict[str, Any]) -> None:
        """Keep ``values``, read at ``revision`` (nothing when the revision has changed since :meth:`get`)."""
        if not values:
            return
        with self._lock:
            if revision == self._revision:
                if len(self._values) + len(values) > self.capacity:
                    self._values.clear()
                self._values.update(values)


def clean_metadata(metadata: dict) -> dict:
    """``metadata`` without the values Chroma rejects: ``None`` and empty lists or dicts.

    Chroma (1.5.9) takes str, int, float, bool and non-empty lists of one of these; a
    ``None`` raises ``TypeError`` and an empty list is refused (STACK.md).

    Raises:
        TypeError: a value of another type (a programming error, named by its key).
    """
    clean = {}
    for key, value in metadata.items():
        if value is None or (isinstance(value, (list, tuple, dict)) and not value):
            continue
        if isinstance(value, (list, tuple)):
            value = list(value)
        elif not isinstance(value, (str, int, float, bool)):
            raise TypeError(f"metadata {key!r}: {type(value).__name__} is not a type Chroma stores")
        clean[key] = value
    return clean


def _document_metadata(document: Document, n_chunks: int, added_at: str) -> dict:
    annotated = document.annotations is not None
    return clean_metadata({
        "source": document.source,
        "path": document.path or document.source,
        "path_assumed": False,  # upsert merges metadata: a migrated record's flag must be cleared
        "content_hash": document.content_hash,
        "n_chunks": n_chunks,
        "size": len(document.text),
        "pages": len(document.page_starts) or None,
        "page_starts": list(document.page_starts) if len(document.page_starts) > 1 else None,
        "added_at": added_at,
        **_document_meta_fields(document.meta),
        "annotations": pack_annotations(document.annotations) if annotated else None,
        "annotation_version": ANNOTATION_VERSION if annotated else None,
    })


def pack_annotations(annotations: Annotations) -> str:
    """``annotations`` as a compact string for a Chroma metadata value: the JSON of
    :func:`assistant.language.nlp.to_record`, zlib-compressed, base64 (about a third of
    the JSON's size)."""
    raw = json.dumps(to_record(annotations), separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def unpack_annotations(packed: str) -> Annotations:
    """The :class:`Annotations` of a :func:`pack_annotations` string."""
    return from_record(json.loads(zlib.decompress(base64.b64decode(packed))))


def _document_meta_fields(meta: DocumentMeta | None) -> dict:
    if meta is None:
        return {}
    return {"meta_version": META_VERSION, "time_place": meta_json(meta),
            **{k: v for k, v in chunk_fields(meta).items() if k in ("report_date", "dated")}}


def _chunk_metadata(chunk: Chunk, content_hash: str, meta: DocumentMeta | None = None) -> dict:
    return clean_metadata({
        "document_id": chunk.document_id,
        "source": chunk.source,
        "path": chunk.path or chunk.source,
        "index": chunk.index,
        "start": chunk.start,
        "end": chunk.end,
        "content_hash": content_hash,
        "page": chunk.page,
        "page_end": chunk.page_end,
        **chunk_fields(meta),
    })


def _chunk(chunk_id: str, text: str, meta: dict) -> Chunk:
    return Chunk(
        id=chunk_id,
        document_id=meta["document_id"],
        source=meta["source"],
        index=int(meta["index"]),
        start=int(meta["start"]),
        end=int(meta["end"]),
        text=text,
        page=int(meta["page"]) if "page" in meta else None,
        path=meta.get("path") or meta["source"],
        page_end=int(meta["page_end"]) if "page_end" in meta else None,
    )


def _meta_of(record: dict) -> DocumentMeta | None:
    """The :class:`DocumentMeta` on a document record, ``None`` when it has none (or an older one)."""
    if record.get("meta_version") != META_VERSION or "time_place" not in record:
        return None
    try:
        return meta_from_json(record["time_place"])
    except (ValueError, KeyError, TypeError, IndexError):
        logger.warning("unreadable time_place metadata on a document record; treated as not read")
        return None


def _info(document_id: str, meta: dict) -> DocumentInfo:
    return DocumentInfo(
        id=document_id,
        source=meta["source"],
        content_hash=meta["content_hash"],
        n_chunks=int(meta["n_chunks"]),
        size=int(meta["size"]),
        added_at=meta["added_at"],
        path=meta.get("path") or meta["source"],
        pages=int(meta.get("pages", 0)),
        path_assumed=bool(meta.get("path_assumed", "path" not in meta)),
        meta_version=int(meta.get("meta_version", 0)),
        annotation_version=int(meta.get("annotation_version", 0)),
    )
