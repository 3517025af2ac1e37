"""The Python API: one :class:`Assistant` that the CLI and the web chat both use."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .answering import ExtractiveAnswerer
from .chain import Answerer, build_chain
from .chunking import Chunker
from .condense import condense
from .config import PROJECT_DIR, Settings
from .embedding import Embedder, SentenceTransformerEmbedder
from .errors import EmptyIndexError
from .generated import GeneratedAnswerer
from .generators import Generator, build_generator
from .ingest import ProgressCallback, ingest
from .prompts import Prompts, load_prompts
from .retrieval import KeywordRetriever, build_retriever
from .store import ChunkStore, EmbedderIdentity, open_client
from .streaming import AnswerUpdate, stream_answer
from .types import Answer, DocumentInfo, IngestReport, Turn
from .incidents.db import IncidentDB
from .incidents.records import IncidentFilter, IncidentRecord
from .incidents.service import Incidents, incidents_path

logger = logging.getLogger(__name__)


class Assistant:
    """Ingest documents and answer questions with citations.

    Loads the embedding model and opens the store once; every method reuses them.
    The store must have been built by the same model (or be new): otherwise
    ``Assistant(...)`` raises a :class:`ConfigError` saying which model built it.
    ``embedder`` lets several assistants share one loaded model (tests, eval);
    ``generator`` likewise for the LLM (default: the one ``settings.generator`` names,
    none for ``"extractive"``, see ``docs/GENERATORS.md``).

    Example::

        assistant = Assistant(Settings())
        assistant.ingest([Path("corpus")])
        answer = assistant.ask("How many airstrikes were reported?")
        follow_up = assistant.ask("and in Helmand?", history=[Turn("user", answer.question),
                                                             Turn("assistant", answer.text)])
    """

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None,
                 generator: Generator | None = None) -> None:
        self.settings = settings
        location = settings.chroma_url or str(settings.store)
        self.store = ChunkStore(open_client(settings.store, settings.chroma_url), settings.collection, location)
        self.embedder = embedder or SentenceTransformerEmbedder(
            settings.model_path(), batch_size=settings.embedding_batch_size, threads=settings.torch_threads
        )
        if getattr(self.embedder, "name", None):
            self.store.use_embedder(EmbedderIdentity(self.embedder.name, int(self.embedder.dimension)))
        self.chunker = Chunker(
            settings.chunk_size, settings.chunk_overlap,
            tokenizer=getattr(self.embedder, "tokenizer", None), max_tokens=getattr(self.embedder, "max_tokens", None),
        )
        self.keywords = KeywordRetriever(self.store)
        self.retriever = build_retriever(settings, self.store, self.embedder, self.keywords)
        self.answerer = ExtractiveAnswerer(
            self.embedder, min_relevance=settings.min_relevance, max_sentences=settings.max_answer_sentences,
            document_text=self.store.document_text,
            term_share=self.keywords.term_share,
            widen=self.retriever.retrieve,
            widen_factor=settings.widen_factor,
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
        self.chain = build_chain(self.retriever, self.answerer)
        self.incidents = Incidents(
            IncidentDB(incidents_path(settings.store, settings.chroma_url, settings.incidents_dir,
                                      PROJECT_DIR / "data" / "incidents", settings.collection)),
            self.store,
        )

    def ingest(self, paths: Iterable[Path], progress: ProgressCallback | None = None) -> IngestReport:
        """Index files and folders; see :func:`assistant.ingest.ingest`.  The incident
        records of new and changed documents are extracted afterwards."""
        report = ingest(
            paths,
            store=self.store,
            embedder=self.embedder,
            chunker=self.chunker,
            max_bytes=self.settings.max_file_bytes,
            progress=progress,
        )
        self.incidents.sync()
        return report

    def ask(self, question: str, k: int | None = None, history: Sequence[Turn] | None = None) -> Answer:
        """Answer one question from the top ``k`` passages (default ``settings.top_k``).

        ``history`` (the conversation so far, oldest first) makes ``question`` a
        follow-up: it is rewritten into a standalone question first (:meth:`condense`),
        which retrieval uses and ``Answer.question`` holds.

        Raises:
            EmptyIndexError: nothing is indexed yet.
            ValueError: the question is empty.
            GeneratorError: the configured generator failed.
        """
        question, aggregate = self._prepare(question, history)
        if aggregate is not None:
            return aggregate
        return self.chain.invoke({"question": question, "k": k or self.settings.top_k})

    def _prepare(self, question: str, history) -> tuple[str, Answer | None]:
        """Check the question and the index, condense a follow-up, and answer a counting or
        listing question from the incident records (``None`` when it is not one)."""
        question = question.strip()
        if not question:
            raise ValueError("the question is empty")
        if self.store.count_documents() == 0:
            raise EmptyIndexError(self.store.location)
        if history:
            question = self.condense(question, history)
        aggregate = self.incidents.answer(question) if self.settings.incident_router else None
        return question, aggregate

    def documents(self) -> list[DocumentInfo]:
        """The indexed documents, sorted by id."""
        return self.store.list_documents()

    def document_text(self, document_id: str) -> str:
        """A document's stored text (citation offsets index into it)."""
        return self.store.document_text(document_id)

    def remove(self, document_id: str) -> int:
        """Remove a document and its chunks; returns the number of chunks removed.

        ``document_id`` may also be the document's file name (``report.txt`` for the id
        ``report``) when no document has that id.

        Raises:
            DocumentNotFound: no document with that id or file name.
        """
        if self.store.document_info(document_id) is None:
            named = [d.id for d in self.store.list_documents() if d.source == document_id]
            if len(named) == 1:
                document_id = named[0]
        removed = self.store.remove_document(document_id)
        self.incidents.sync()
        return removed

    def incident_records(self, flt: IncidentFilter | None = None) -> list[IncidentRecord]:
        """The incident records matching ``flt`` (all when ``None``), by incident date then id."""
        return self.incidents.records(flt)

    def incident_rows(self, flt: IncidentFilter | None = None) -> list[dict]:
        """The matching incident records as flat rows for a table view (columns
        :data:`assistant.incidents.export.COLUMNS`, spans as ``field:start-end``)."""
        return self.incidents.rows(flt)

    def stream(
        self, question: str, k: int | None = None, answerer: Answerer | None = None,
        history: Sequence[Turn] | None = None,
    ) -> Iterator[AnswerUpdate]:
        """Like :meth:`ask`, step by step (see :func:`assistant.streaming.stream_answer`).

        ``answerer`` replaces the assistant's own answerer for this question; with an
        LLM generator configured the ``"text"`` updates carry its words as they are
        written (before the checks: the ``"done"`` answer holds the checked text).
        ``history``: as in :meth:`ask`.

        Raises:
            EmptyIndexError: nothing is indexed yet (on the first ``next``).
            ValueError: the question is empty (on the first ``next``).
        """
        question, aggregate = self._prepare(question, history)
        if aggregate is not None:
            yield AnswerUpdate("done", aggregate.passages, aggregate.text, aggregate)
            return
        yield from stream_answer(self.retriever, answerer or self.answerer, question, k or self.settings.top_k)

    def condense(self, question: str, history: Sequence[Turn]) -> str:
        """``question`` rewritten as a standalone question given ``history`` (see
        :mod:`assistant.condense`: with the generator when one is configured and
        ``settings.condense_with_llm``, else by rules)."""
        use_llm = self.settings.condense_with_llm and self.generator is not None
        return condense(question, history, generator=self.generator if use_llm else None, prompts=self.prompts)
