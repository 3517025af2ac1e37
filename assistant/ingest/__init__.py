"""Ingest: file formats -> documents (:mod:`.formats`, :mod:`.loading`) -> chunks with exact
offsets (:mod:`.chunking`) -> embedded and written to the store (:mod:`.pipeline`)."""

from .chunking import Chunker
from .loading import (
    SUPPORTED_SUFFIXES,
    SourceFile,
    content_hash,
    iter_files,
    iter_sources,
    load_document,
)
from .pipeline import ProgressCallback, ingest

__all__ = [
    "SUPPORTED_SUFFIXES", "Chunker", "ProgressCallback", "SourceFile", "content_hash", "ingest", "iter_files",
    "iter_sources", "load_document",
]
