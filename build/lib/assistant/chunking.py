"""Split documents into chunks that keep exact character offsets.

The splitting itself is langchain's ``RecursiveCharacterTextSplitter``
(paragraphs, then lines, then sentences, then words).  Each chunk it returns is
located in the document text so that ``document.text[start:end] == chunk.text``
holds exactly.
"""

from __future__ import annotations

from langchain_text_splitters import RecursiveCharacterTextSplitter

from .types import Chunk, Document

SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]


class Chunker:
    """Chunks of at most ``chunk_size`` characters with about ``chunk_overlap`` characters of overlap."""

    def __init__(self, chunk_size: int, chunk_overlap: int) -> None:
        if chunk_overlap >= chunk_size:
            raise ValueError(f"chunk_overlap ({chunk_overlap}) must be smaller than chunk_size ({chunk_size})")
        self.chunk_overlap = chunk_overlap
        self._splitter = RecursiveCharacterTextSplitter(
            chunk_size=chunk_size,
            chunk_overlap=chunk_overlap,
            separators=SEPARATORS,
            keep_separator="end",
            strip_whitespace=True,
        )

    def split(self, document: Document) -> list[Chunk]:
        """Chunks of ``document`` in document order, ids ``{document_id}:{hash12}:{index}``.

        The id carries the document's content hash, so a new version of a
        document never reuses an old chunk id, and a paragraph repeated inside
        one document still gets distinct ids.
        """
        chunks: list[Chunk] = []
        previous_start, previous_end = -1, 0
        for index, piece in enumerate(self._splitter.split_text(document.text)):
            start = locate(document.text, piece, previous_start, previous_end, self.chunk_overlap)
            end = start + len(piece)
            chunks.append(
                Chunk(
                    id=f"{document.id}:{document.content_hash[:12]}:{index:05d}",
                    document_id=document.id,
                    source=document.source,
                    index=index,
                    start=start,
                    end=end,
                    text=piece,
                )
            )
            previous_start, previous_end = start, end
        return chunks


def locate(text: str, piece: str, previous_start: int, previous_end: int, overlap: int) -> int:
    """Offset of ``piece`` in ``text``: the first occurrence after the previous chunk's start,
    no earlier than the overlap allows.

    Raises:
        ValueError: ``piece`` is not in ``text`` after the previous chunk (a splitter bug).
    """
    lower = max(previous_start + 1, previous_end - overlap, 0)
    start = text.find(piece, lower)
    if start < 0:
        start = text.find(piece, previous_start + 1)
    if start < 0:
        raise ValueError(f"chunk not found in document text after offset {previous_start}")
    return start
