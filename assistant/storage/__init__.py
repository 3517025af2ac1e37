"""Storage: the persistent Chroma store of chunks and documents, and its chunk-version scheme."""

from .store import ChunkStore, EmbedderIdentity, clean_metadata, open_client
from .versions import chunk_id, chunk_version

__all__ = ["ChunkStore", "EmbedderIdentity", "chunk_id", "chunk_version", "clean_metadata", "open_client"]
