"""The persistent Chroma store: chunks with our own vectors, plus a document list.

Two collections:

* ``NAME`` holds one record per chunk: our embedding, the chunk text and the
  metadata ``document_id, source, index, start, end, content_hash``.
* ``NAME-documents`` holds one record per indexed document: its full text
  (to show and highlight cited passages) and ``source, content_hash,
  n_chunks, size, added_at``.  A document version counts as indexed only once
  this record names its hash, and it is written after all of the version's
  chunks.

Readers only see chunks whose ``content_hash`` matches the document record,
so a crash mid-ingest never exposes a partial document and an update switches
from the old chunks to the new ones at one write.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
import uuid
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from .errors import ConfigError, DocumentNotFound
from .types import Chunk, Document, DocumentInfo, Passage

logger = logging.getLogger(__name__)

# Chroma requires a vector on every record; document and meta records carry this placeholder.
_DOCUMENT_VECTOR = [1.0]
_REVISION_ID = "revision"


def open_client(store: Path, chroma_url: str | None = None):
    """A Chroma client: ``HttpClient`` for ``chroma_url`` (``http://HOST:PORT``), else a
    ``PersistentClient`` on the folder ``store`` (created if missing).

    Raises:
        ConfigError: the URL is malformed.
    """
    import chromadb

    settings = chromadb.Settings(anonymized_telemetry=False)
    if chroma_url:
        from urllib.parse import urlparse

        url = urlparse(chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ConfigError(f"ASSISTANT_CHROMA_URL must look like http://127.0.0.1:8000, got {chroma_url!r}")
        port = url.port or (443 if url.scheme == "https" else 80)
        return chromadb.HttpClient(
            host=url.hostname, port=port, ssl=url.scheme == "https", settings=settings
        )
    store.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(store), settings=settings)


class ChunkStore:
    """Chunks and documents in Chroma.

    Args:
        client: a chromadb client (see :func:`open_client`).
        name: collection name prefix.
        location: shown in messages (the store folder or server URL).
    """

    def __init__(self, client, name: str, location: str) -> None:
        self.location = location
        self._client = client
        self._chunks = client.get_or_create_collection(
            name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
        )
        self._documents = client.get_or_create_collection(f"{name}-documents", embedding_function=None)
        self._meta = client.get_or_create_collection(f"{name}-meta", embedding_function=None)
        self._batch = int(client.get_max_batch_size())

    # ----- documents -------------------------------------------------------------------------

    def document_info(self, document_id: str) -> DocumentInfo | None:
        """The indexed version of a document, or ``None``."""
        got = self._documents.get(ids=[document_id], include=["metadatas"])
        if not got["ids"]:
            return None
        return _info(got["ids"][0], got["metadatas"][0])

    def list_documents(self) -> list[DocumentInfo]:
        """All indexed documents, sorted by id."""
        got = self._documents.get(include=["metadatas"])
        return sorted((_info(i, m) for i, m in zip(got["ids"], got["metadatas"])), key=lambda d: d.id)

    def document_text(self, document_id: str) -> str:
        """The full stored text of a document (chunk offsets index into it).

        Raises:
            DocumentNotFound: no such document.
        """
        got = self._documents.get(ids=[document_id], include=["documents"])
        if not got["ids"]:
            raise DocumentNotFound(f"no document {document_id!r} in the index at {self.location}")
        return got["documents"][0]

    def revision(self) -> str:
        """A token that changes with every write or removal (by any process); ``""`` for a
        store never written.  About 1 ms, against tens of ms for :meth:`signature`."""
        got = self._meta.get(ids=[_REVISION_ID], include=["metadatas"])
        return got["metadatas"][0]["revision"] if got["ids"] else ""

    def _touch(self) -> None:
        self._meta.upsert(
            ids=[_REVISION_ID], embeddings=[_DOCUMENT_VECTOR], metadatas=[{"revision": uuid.uuid4().hex}]
        )

    def signature(self) -> tuple[tuple[str, str], ...]:
        """``(document_id, content_hash)`` of every indexed document, sorted: changes whenever
        the indexed content does (also when another process wrote it)."""
        got = self._documents.get(include=["metadatas"])
        return tuple(sorted((i, m["content_hash"]) for i, m in zip(got["ids"], got["metadatas"])))

    def count_documents(self) -> int:
        return self._documents.count()

    def count_chunks(self) -> int:
        return self._chunks.count()

    # ----- writing -----------------------------------------------------------------------------

    def write_document(self, document: Document, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Index one document version: its chunks first, then its document record, then
        drop the chunks of any older version.

        ``vectors`` has shape ``(len(chunks), dimension)``.  Safe to call again after
        a crash at any point.
        """
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        self._chunks.delete(where={"$and": [{"document_id": document.id}, {"content_hash": document.content_hash}]})
        for lo in range(0, len(chunks), self._batch):
            part = chunks[lo : lo + self._batch]
            self._chunks.add(
                ids=[c.id for c in part],
                embeddings=vectors[lo : lo + self._batch].tolist(),
                documents=[c.text for c in part],
                metadatas=[_chunk_metadata(c, document.content_hash) for c in part],
            )
        self._documents.upsert(
            ids=[document.id],
            embeddings=[_DOCUMENT_VECTOR],
            documents=[document.text],
            metadatas=[
                {
                    "source": document.source,
                    "content_hash": document.content_hash,
                    "n_chunks": len(chunks),
                    "size": len(document.text),
                    "added_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                }
            ],
        )
        self._touch()
        self._chunks.delete(
            where={"$and": [{"document_id": document.id}, {"content_hash": {"$ne": document.content_hash}}]}
        )

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
        ids = self._chunks.get(where={"document_id": document_id}, include=[])["ids"]
        for lo in range(0, len(ids), self._batch):
            self._chunks.delete(ids=ids[lo : lo + self._batch])
        return len(ids)

    # ----- reading -----------------------------------------------------------------------------

    def query(self, vector: np.ndarray, k: int) -> list[Passage]:
        """The ``k`` chunks nearest to ``vector`` by cosine similarity, best first.

        ``Passage.score`` is the cosine similarity (``1 - cosine distance``).  Chunks of
        a document version that is not (or no longer) indexed are skipped.
        """
        total = self._chunks.count()
        if total == 0:
            return []
        got = self._chunks.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()],
            n_results=min(total, k * 2 + 5),
            include=["documents", "metadatas", "distances"],
        )
        chunks = [_chunk(i, d, m) for i, d, m in zip(got["ids"][0], got["documents"][0], got["metadatas"][0])]
        current = self._current_hashes({c.document_id for c in chunks})
        hashes = [m["content_hash"] for m in got["metadatas"][0]]
        passages = []
        for chunk, h, distance in zip(chunks, hashes, got["distances"][0]):
            if current.get(chunk.document_id) == h:
                passages.append(Passage(chunk=chunk, score=1.0 - float(distance), rank=len(passages) + 1))
            if len(passages) == k:
                break
        return passages

    def all_chunks(self) -> list[Chunk]:
        """Every chunk of every indexed document version, in document and chunk order."""
        got = self._chunks.get(include=["documents", "metadatas"])
        current = self._current_hashes({m["document_id"] for m in got["metadatas"]})
        chunks = [
            _chunk(i, d, m)
            for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])
            if current.get(m["document_id"]) == m["content_hash"]
        ]
        return sorted(chunks, key=lambda c: (c.document_id, c.index))

    def _current_hashes(self, document_ids: set[str]) -> dict[str, str]:
        if not document_ids:
            return {}
        got = self._documents.get(ids=sorted(document_ids), include=["metadatas"])
        return {i: m["content_hash"] for i, m in zip(got["ids"], got["metadatas"])}


def _chunk_metadata(chunk: Chunk, content_hash: str) -> dict:
    return {
        "document_id": chunk.document_id,
        "source": chunk.source,
        "index": chunk.index,
        "start": chunk.start,
        "end": chunk.end,
        "content_hash": content_hash,
    }


def _chunk(chunk_id: str, text: str, meta: dict) -> Chunk:
    return Chunk(
        id=chunk_id,
        document_id=meta["document_id"],
        source=meta["source"],
        index=int(meta["index"]),
        start=int(meta["start"]),
        end=int(meta["end"]),
        text=text,
    )


def _info(document_id: str, meta: dict) -> DocumentInfo:
    return DocumentInfo(
        id=document_id,
        source=meta["source"],
        content_hash=meta["content_hash"],
        n_chunks=int(meta["n_chunks"]),
        size=int(meta["size"]),
        added_at=meta["added_at"],
    )
