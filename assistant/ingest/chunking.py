"""Split documents into chunks that keep exact character offsets and fit the embedding model.

The splitting itself is langchain's ``RecursiveCharacterTextSplitter``
(paragraphs, then lines, then sentences, then words, then characters), first
by characters (``chunk_size``).  With the embedding model's tokenizer given,
every piece longer than the model's input limit in word pieces is split again
by the same splitter measuring word pieces with the model's own tokenizer (as
``RecursiveCharacterTextSplitter.from_huggingface_tokenizer`` does, without its
over-long-sequence warning; and without overlap), so no chunk
loses text to the model's truncation (all-MiniLM-L6-v2 reads 256 word pieces,
two of them ``[CLS]``/``[SEP]``; dense text such as Chinese, tables of figures
or long runs of symbols goes past that well under 600 characters).

Each chunk is located in the document text so that
``document.text[start:end] == chunk.text`` holds exactly.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ..storage.versions import chunk_id
from ..types import Chunk, Document

SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]


def _splitter(size: int, overlap: int, length: Callable[[str], int] = len) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=size, chunk_overlap=overlap, length_function=length, separators=SEPARATORS,
        keep_separator="end", strip_whitespace=True,
    )


class Chunker:
    """Chunks of at most ``chunk_size`` characters (about ``chunk_overlap`` characters of overlap)
    and, when ``tokenizer`` is given, at most ``max_tokens`` word pieces including the
    tokenizer's special tokens.

    Args:
        chunk_size: maximum chunk length in characters.
        chunk_overlap: overlap between neighbouring chunks in characters (< ``chunk_size``).
        tokenizer: a Hugging Face tokenizer (``PreTrainedTokenizerBase``), normally the
            embedding model's own; ``None`` splits by characters only.
        max_tokens: the model's input limit in tokens (sentence-transformers ``max_seq_length``).

    Raises:
        ValueError: overlap not below size, or a tokenizer without ``max_tokens``.
    """

    def __init__(self, chunk_size: int, chunk_overlap: int, *, tokenizer: Any = None,
                 max_tokens: int | None = None) -> None:
        if chunk_overlap >= chunk_size:
            raise ValueError(f"chunk_overlap ({chunk_overlap}) must be smaller than chunk_size ({chunk_size})")
        if tokenizer is not None and not max_tokens:
            raise ValueError("a tokenizer needs max_tokens (the model's input limit)")
        self.chunk_overlap = chunk_overlap
        self._splitter = _splitter(chunk_size, chunk_overlap)
        self._tokenizer = tokenizer
        self.token_budget: int | None = None
        if tokenizer is not None:
            self.token_budget = max_tokens - tokenizer.num_special_tokens_to_add(pair=False)

    def count_tokens(self, text: str) -> int:
        """Word pieces of ``text`` without special tokens (0 without a tokenizer)."""
        if self._tokenizer is None:
            return 0
        return len(self._tokenizer(text, add_special_tokens=False, truncation=False, verbose=False)["input_ids"])

    def split(self, document: Document) -> list[Chunk]:
        """Chunks of ``document`` in document order, ids ``{document_id}:{hash12}:{index}``.

        The id carries the document's content hash, so a new version of a
        document never reuses an old chunk id, and a paragraph repeated inside
        one document still gets distinct ids (the index differs).  ``page`` is
        set from ``document.page_starts``.
        """
        spans = [
            span
            for start, end in spans_of(document.text, self._splitter, self.chunk_overlap)
            for span in self._fit(document.text, start, end)
        ]
        return [
            Chunk(
                id=chunk_id(document.id, document.content_hash, index),
                document_id=document.id,
                source=document.source,
                index=index,
                start=start,
                end=end,
                text=document.text[start:end],
                page=bisect_right(document.page_starts, start) if document.page_starts else None,
                path=document.path or document.source,
                page_end=_later_page(document.page_starts, start, end),
            )
            for index, (start, end) in enumerate(spans)
        ]

    def _fit(self, text: str, start: int, end: int, budget: int | None = None) -> list[tuple[int, int]]:
        """``[(start, end)]`` if the span fits the token budget, else its pieces split by tokens
        (with a smaller budget again for any piece that still does not fit)."""
        budget = self.token_budget if budget is None else budget
        if self._tokenizer is None or self.count_tokens(text[start:end]) <= self.token_budget:
            return [(start, end)]
        if budget < 1 or end - start <= 1:
            raise ValueError(f"cannot split text at {start}:{end} under {self.token_budget} tokens")
        # No overlap here: each piece then starts at or after the previous one's end,
        # which keeps the offsets exact even in repetitive text.
        splitter = _splitter(budget, 0, self.count_tokens)
        pieces = [(start + s, start + e) for s, e in spans_of(text[start:end], splitter, 0)]
        return [span for s, e in pieces for span in self._fit(text, s, e, budget * 3 // 4)]


def _later_page(page_starts: tuple[int, ...], start: int, end: int) -> int | None:
    """The page of the span's last character when it is after the page of its first, else ``None``."""
    if not page_starts or end <= start:
        return None
    last = bisect_right(page_starts, end - 1)
    return last if last > bisect_right(page_starts, start) else None


def spans_of(text: str, splitter: RecursiveCharacterTextSplitter, overlap: int) -> list[tuple[int, int]]:
    """``(start, end)`` of every piece ``splitter`` makes of ``text``, in order.

    ``overlap`` is the splitter's overlap in characters: how far back a piece may start
    before the previous one ends (0 for a splitter without overlap).
    """
    spans: list[tuple[int, int]] = []
    previous_start, previous_end = -1, 0
    for piece in splitter.split_text(text):
        start = locate(text, piece, previous_start, previous_end, overlap)
        spans.append((start, start + len(piece)))
        previous_start, previous_end = start, start + len(piece)
    return spans


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
