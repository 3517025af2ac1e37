"""One assistant shared by the request threads of a server (the web page and the HTTP API).

The embedding model's tokenizer is not safe to call from several threads, so every call
that may run the assistant's models (a question, example questions) holds
:attr:`SharedAssistant.lock`; a streamed answer holds it only while it computes, never
while the caller has an update.  Ingest and removal run on ``writer``, a second
:class:`~assistant.api.Assistant` over the same store with its own embedding model, under
:attr:`SharedAssistant.write_lock` (one write at a time), so a long upload never holds
``lock`` and questions are answered while it indexes (the reader sees the new documents
at its next question: the store's revision changes).  Without a writer, writes run on the
assistant itself under ``lock`` (the web chat's behaviour before the HTTP API).  Reads of
the store alone (documents, texts, counts) take no lock: every store read sees whole
document versions (:mod:`assistant.storage.store`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from ..answering.streaming import AnswerUpdate
from ..api import Assistant
from ..ingest.pipeline import ProgressCallback
from ..types import Answer, DocumentInfo, Filters, IngestReport, Turn

T = TypeVar("T")


class SharedAssistant:
    """``assistant`` (answers, reads) and ``writer`` (ingest, removal; default: ``assistant``)
    behind the locks described in the module docstring."""

    def __init__(self, assistant: Assistant, writer: Assistant | None = None) -> None:
        self.assistant = assistant
        self.writer = writer or assistant
        self.lock = threading.Lock()
        self.write_lock = threading.Lock() if writer is not None else self.lock

    @classmethod
    def with_writer(cls, assistant: Assistant) -> SharedAssistant:
        """``assistant`` plus a writer over the same store and settings, with its own embedding
        model (loaded here, once more) and no generator (memory: docs/API.md)."""
        writer = Assistant(assistant.settings.updated(backend="extractive"))
        return cls(assistant, writer)

    def locked(self, iterator: Iterator[T]) -> Iterator[T]:
        """Advance ``iterator`` under :attr:`lock`, but never hold the lock while the caller
        has the item (a client that disconnects mid-stream cannot block the others)."""
        while True:
            with self.lock:
                try:
                    item = next(iterator)
                except StopIteration:
                    return
            yield item

    def ask(self, question: str, k: int | None = None, history: Sequence[Turn] | None = None,
            filters: Filters | None = None) -> Answer:
        """:meth:`Assistant.ask` under :attr:`lock` (its errors pass through)."""
        with self.lock:
            return self.assistant.ask(question, k, history, filters)

    def stream(self, question: str, k: int | None = None, history: Sequence[Turn] | None = None,
               filters: Filters | None = None) -> Iterator[AnswerUpdate]:
        """:meth:`Assistant.stream`, each step under :attr:`lock` (:meth:`locked`)."""
        return self.locked(self.assistant.stream(question, k=k, history=history, filters=filters))

    def ingest(self, paths: Iterable[Path], progress: ProgressCallback | None = None, *,
               by_name: bool = False) -> IngestReport:
        """:meth:`Assistant.ingest` on the writer, one write at a time, embedding with the
        question-time thread count (``torch_threads``) so questions asked meanwhile stay fast.
        ``by_name``: uploads, each the indexed document of its file name (:meth:`Assistant.ingest`)."""
        with self.write_lock:
            return self.writer.ingest(paths, progress=progress,
                                      threads=self.writer.settings.embedding.torch_threads, by_name=by_name)

    def remove(self, name: str) -> tuple[DocumentInfo, int]:
        """Remove the document ``name`` names (its id, path or file name: :meth:`Assistant.find_document`)
        on the writer, one write at a time; returns its record (the real id, whatever form was given)
        and the number of chunks removed.

        Raises:
            AmbiguousDocument: a file name of several documents.
            DocumentNotFound: no document with that id, path or file name.
        """
        with self.write_lock:
            info = self.writer.find_document(name)
            return info, self.writer.remove(info.id)
