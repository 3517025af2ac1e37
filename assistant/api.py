"""The Python API: one :class:`Assistant` that the CLI and the web chat both use."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from .answering import ExtractiveAnswerer
from .chain import build_chain
from .chunking import Chunker
from .condense import condense
from .config import Settings
from .embedding import Embedder, SentenceTransformerEmbedder
from .errors import EmptyIndexError
from .generated import GeneratedAnswerer
from .generators import Generator, build_generator
from .ingest import ProgressCallback, ingest
from .prompts import Prompts, load_prompts
from .retrieval import KeywordRetriever, build_retriever
from .store import ChunkStore, open_client
from .types import Answer, AnswerDelta, DocumentInfo, IngestReport, Turn

logger = logging.getLogger(__name__)


class Assistant:
    """Ingest documents and answer questions with citations.

    Loads the embedding model and opens the store once; every method reuses them.
    ``embedder`` lets several assistants share one loaded model (tests, eval);
    ``generator`` likewise for the LLM (default: the one ``settings.generator`` names,
    none for ``"extractive"``).

    Example::

        assistant = Assistant(Settings())
        assistant.ingest([Path("corpus")])
        answer = assistant.ask("How many airstrikes were reported?")
        follow_up = assistant.ask("and in Helmand?", history=[Turn("user", answer.question),
                                                             Turn("assistant", answer.text)])
        for event in assistant.stream("How many airstrikes were reported?"):
            ...  # AnswerDelta(text) pieces, then the checked Answer
    """

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None,
                 generator: Generator | None = None) -> None:
        self.settings = settings
        location = settings.chroma_url or str(settings.store)
        self.store = ChunkStore(open_client(settings.store, settings.chroma_url), settings.collection, location)
        self.embedder = embedder or SentenceTransformerEmbedder(
            settings.model_path(), batch_size=settings.embedding_batch_size, threads=settings.torch_threads
        )
        self.chunker = Chunker(settings.chunk_size, settings.chunk_overlap)
        self.keywords = KeywordRetriever(self.store)
        self.retriever = build_retriever(settings, self.store, self.embedder, self.keywords)
        self.answerer = ExtractiveAnswerer(
            self.embedder, min_relevance=settings.min_relevance, max_sentences=settings.max_answer_sentences,
            document_text=self.store.document_text,
            term_share=self.keywords.term_share,
        )
        self.extractive = self.answerer
        self.generator = generator if generator is not None else build_generator(settings)
        self.prompts: Prompts | None = None
        if self.generator is not None:
            self.prompts = load_prompts(settings.prompts_dir)
            self.answerer = GeneratedAnswerer(
                self.generator, self.prompts, self.extractive,
                max_passages=settings.generator_passages, gate=settings.generator_gate,
            )
        self.chain = build_chain(self.retriever, self.answerer, self.condense)

    def ingest(self, paths: Iterable[Path], progress: ProgressCallback | None = None) -> IngestReport:
        """Index files and folders; see :func:`assistant.ingest.ingest`."""
        return ingest(
            paths,
            store=self.store,
            embedder=self.embedder,
            chunker=self.chunker,
            max_bytes=self.settings.max_file_bytes,
            progress=progress,
        )

    def ask(self, question: str, k: int | None = None, history: Sequence[Turn] | None = None) -> Answer:
        """Answer one question from the top ``k`` passages (default ``settings.top_k``).

        ``history`` (oldest first) makes ``question`` a follow-up: it is rewritten into a
        standalone question first (:meth:`condense`), which ``Answer.question`` holds.

        Raises:
            EmptyIndexError: nothing is indexed yet.
            ValueError: the question is empty.
            GeneratorError: the configured generator failed.
        """
        question = self._check(question)
        return self.chain.invoke({"question": question, "k": k or self.settings.top_k, "history": history or ()})

    def stream(self, question: str, k: int | None = None,
               history: Sequence[Turn] | None = None) -> Iterator[AnswerDelta | Answer]:
        """Like :meth:`ask`, but yields the answer as it is written: zero or more
        :class:`AnswerDelta` (raw generated text, before the checks), then exactly one
        :class:`Answer` (checked; show its ``text`` in place of the deltas).

        The extractive answerer, and a question declined without calling the LLM, yield
        the :class:`Answer` only.  Errors as :meth:`ask`, raised when iterated.
        """
        question = self._check(question)
        started = time.perf_counter()
        if history:
            question = self.condense(question, history)
        passages = self.retriever.retrieve(question, k or self.settings.top_k)
        if not isinstance(self.answerer, GeneratedAnswerer):
            events: Iterable[AnswerDelta | Answer] = [self.answerer.answer(question, passages)]
        else:
            events = self.answerer.stream(question, passages)
        for event in events:
            if isinstance(event, Answer):
                event = replace(event, latency_ms=(time.perf_counter() - started) * 1000.0)
            yield event

    def condense(self, question: str, history: Sequence[Turn]) -> str:
        """``question`` rewritten as a standalone question given ``history`` (see
        :mod:`assistant.condense`: with the generator when one is configured and
        ``settings.condense_with_llm``, else by rules)."""
        use_llm = self.settings.condense_with_llm and self.generator is not None
        return condense(question, history, generator=self.generator if use_llm else None, prompts=self.prompts)

    def _check(self, question: str) -> str:
        question = question.strip()
        if not question:
            raise ValueError("the question is empty")
        if self.store.count_documents() == 0:
            raise EmptyIndexError(self.store.location)
        return question

    def documents(self) -> list[DocumentInfo]:
        """The indexed documents, sorted by id."""
        return self.store.list_documents()

    def document_text(self, document_id: str) -> str:
        """A document's stored text (citation offsets index into it)."""
        return self.store.document_text(document_id)

    def remove(self, document_id: str) -> int:
        """Remove a document and its chunks; returns the number of chunks removed."""
        return self.store.remove_document(document_id)
