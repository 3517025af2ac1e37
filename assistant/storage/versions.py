"""The chunk-version scheme: a chunk id ``{document_id}:{hash12}:{index}`` names the
document version (the first 12 hex digits of the document text's SHA-256) it belongs to,
so readers can keep one version of each document (:mod:`assistant.storage.store`)."""

from __future__ import annotations


def chunk_id(document_id: str, content_hash: str, index: int) -> str:
    """The id of chunk ``index`` of the version of ``document_id`` whose text hashes to ``content_hash``."""
    return f"{document_id}:{content_hash[:12]}:{index:05d}"


def chunk_version(chunk_id: str) -> str:
    """The document version (first 12 hex digits of its content hash) in a chunk id
    ``{document_id}:{hash12}:{index}``."""
    return chunk_id.rsplit(":", 2)[1]
