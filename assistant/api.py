"""The Python API: one :class:`Assistant` that the CLI, the web chat and langchain applications use.

One question goes through these steps, in :meth:`Assistant.stream` (:meth:`Assistant.ask`
is its last update, so the two cannot drift):

1. check it and the index, condense a follow-up with the conversation (:mod:`.answering.condense`);
2. parse it once into a :class:`~assistant.types.Query` (its shape, its reading as a
   count/sum/list across reports: :class:`~assistant.counting.query.CountQuery`) and answer
   the latter by checking every report in scope (:class:`~assistant.counting.service.Counter`);
3. embed it once, search (:class:`~assistant.retrieval.search.PassageSearch`: the passages
   and everything the answerer reads about their documents), answer from that.
"""

from __future__ import annotations

import gc
import logging
import time
from functools import cached_property
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .answering.base import Answerer
from .answering.condense import condense
from .answering.document_facts import DocumentFacts
from .answering.extractive import ExtractiveAnswerer
from .answering.generated import GeneratedAnswerer
from .answering.prompts import Prompts, load_prompts
from .answering.streaming import AnswerUpdate, stream_answer
from .answering.timeline import (
    REPORT_KIND,
    Timeline,
    TimelineDocument,
    build_timeline,
    is_overview,
    overview_answer,
)
from .config import PROJECT_DIR, Settings
from .counting.index import SentenceIndex
from .counting.reading import read_count_query, whole_table_reading
from .counting.service import Counter, facts_of
from .counting.stored import IndexFile
from .errors import AmbiguousDocument, BackendUnavailable, DocumentNotFound, EmptyIndexError
from .incidents.db import EXTRACTOR_VERSION, IncidentDB
from .incidents.records import IncidentFilter, IncidentRecord
from .incidents.service import Incidents, incidents_path
from .ingest.chunking import Chunker
from .ingest.metadata import describe, with_entity_places
from .ingest.pipeline import ProgressCallback, ingest, reread_older
from .language.dates import parse_date
from .language.nlp import ANNOTATION_VERSION, annotate, parse_question
from .language.answer_type import AnswerType
from .language.document_questions import DocumentProperty, asked_property
from .language.spelling import correct_spelling
from .language.wordnet import wordnet
from .models.embedders import Embedder, LazyEmbedder
from .models.generators import Generator, build_generator
from .retrieval.factory import build_retriever
from .retrieval.keyword import KeywordIndexFile, KeywordRetriever
from .retrieval.scope import resolve_scope, with_contained_places
from .retrieval.search import PassageSearch
from .storage.catalog import Catalog, CatalogFile
from .storage.persisted import index_path
from .storage.store import ChunkStore, EmbedderIdentity, open_client
from .storage.timeplace import META_VERSION
from .types import (
    MAX_QUESTION_CHARS,
    Answer,
    AskRequest,
    Chunk,
    Document,
    DocumentInfo,
    DocumentMeta,
    Filters,
    IngestReport,
    Query,
    Retrieval,
    Scope,
    Turn,
    check_question,
)

logger = logging.getLogger(__name__)

NO_MATCH = "No report matches these filters, so there is nothing to answer from."
"""The answer when the filters (given or read from the question) select no indexed report."""


def no_match_text(span) -> str:
    """:data:`NO_MATCH`, with the dates the indexed reports cover (``span``: oldest, newest or ``None``)."""
    if span is None:
        return NO_MATCH + " No indexed report has a date."
    return NO_MATCH + f" The indexed reports are dated {span[0].isoformat()} to {span[1].isoformat()}."


class Assistant:
    """Ingest documents and answer questions with citations.

    Loads the embedding model and opens the store once; every method reuses them.
    The store must have been built by the same model (or be new): otherwise
    ``Assistant(...)`` raises a :class:`ConfigError` saying which model built it.
    ``embedder`` lets several assistants share one loaded model (tests, eval);
    ``generator`` likewise for the LLM (default: the one ``settings.generator.backend``
    names, none for ``"extractive"``, see ``docs/GENERATORS.md``).  ``create=False`` opens
    an existing store only (for commands that only read): a missing one raises
    :class:`~assistant.errors.StoreNotFound` naming the path, before the model is loaded.
    A store of an older format is migrated when it is opened (see :mod:`assistant.storage.store`).

    Example::

        assistant = Assistant(Settings())
        assistant.ingest([Path("corpus")])
        answer = assistant.ask("How many airstrikes were reported?")
        follow_up = assistant.ask("and in Helmand?", history=[Turn("user", answer.question),
                                                             Turn("assistant", answer.text)])
    """

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None,
                 generator: Generator | None = None, create: bool = True) -> None:
        self.settings = settings
        storage = settings.storage
        self.location = storage.chroma_url or str(storage.store)
        self.store = ChunkStore(open_client(storage.store, storage.chroma_url, create=create), storage.collection,
                                self.location, create=create)
        self.embedder = embedder or LazyEmbedder(  # loaded when first used: listing documents never loads it
            settings.embedding.model_path(), batch_size=settings.embedding.embedding_batch_size,
            threads=settings.embedding.torch_threads,
        )
        if getattr(self.embedder, "name", None):
            self.store.use_embedder(EmbedderIdentity(self.embedder.name, int(self.embedder.dimension)))
        catalog_file = index_path(storage.store, storage.chroma_url, storage.collection, "catalog")
        sentence_file = index_path(storage.store, storage.chroma_url, storage.collection, "sentence-index")
        self._reread_older((catalog_file, sentence_file))
        self.catalog = Catalog(self.store, CatalogFile(catalog_file, f"time and place {META_VERSION}")
                               if catalog_file is not None else None)
        keyword_folder = index_path(storage.store, storage.chroma_url, storage.collection, "keyword-index")
        self.keywords = KeywordRetriever(
            self.store, KeywordIndexFile(keyword_folder.with_suffix("")) if keyword_folder is not None else None)
        self.retriever = build_retriever(settings, self.store, self.embedder, self.keywords)
        self.search = PassageSearch(self.retriever, self.store, self.keywords,
                                    widen_factor=settings.answering.widen_factor,
                                    candidates=settings.retrieval.fusion_candidates)
        self.extractive = ExtractiveAnswerer(
            self.embedder, min_relevance=settings.answering.min_relevance,
            max_sentences=settings.answering.max_answer_sentences, widen=settings.answering.widen_factor > 1,
        )
        self.answerer: Answerer = self.extractive
        self.generator = generator if generator is not None else build_generator(settings)
        self.prompts: Prompts | None = None
        if self.generator is not None:
            self.prompts = load_prompts(settings.generator.prompts_dir)
            self.answerer = GeneratedAnswerer(
                self.generator, self.prompts, self.extractive,
                max_passages=settings.generator.generator_passages, gate=settings.generator.generator_gate,
            )
        self.incidents = Incidents(
            IncidentDB(incidents_path(storage.store, storage.chroma_url, storage.incidents_dir,
                                      PROJECT_DIR / "data" / "incidents", storage.collection)),
            self.store,
        )
        self.sentences = SentenceIndex(
            self.store.revision, self.store.signature, self._annotated_documents, self._document_facts,
            stored=IndexFile(sentence_file, f"annotations {ANNOTATION_VERSION}, time and place {META_VERSION}, "
                                            f"incidents {EXTRACTOR_VERSION}") if sentence_file is not None else None)
        self.counter = Counter(self.sentences, self._preselect, self._count_place_keys, self.store.page_at,
                               lambda scope: with_contained_places(scope, self.catalog))

    def _reread_older(self, derived: Iterable[Path | None]) -> None:
        """Bring a store whose documents an older reading of time and place indexed (an older
        ``META_VERSION``) up to this code's reading before anything is derived from it
        (:func:`assistant.ingest.pipeline.reread_older`, said in a warning, progress logged), then
        remove the ``derived`` index files (catalog, sentence index) so they are built again from
        the new values: a sentence index keeps a document's entry while its text is unchanged.
        A store that cannot be written is left as it is (warned): its older documents are then
        undated and placeless to filters until ``assistant ingest`` is run on their folders again."""
        older = len(self.store.older_metas())
        if not older:
            return
        logger.warning("%s: %d of %d documents were indexed by an older reading of time and place; reading "
                       "their dates and places again (version %d, no re-embedding)", self.location, older,
                       self.store.count_documents(), META_VERSION)
        step = max(1, older // 10)

        def progress(done: int, total: int, document_id: str) -> None:
            if done % step == 0 or done == total:
                logger.info("time and place read again: %d/%d (%s)", done, total, document_id)
        try:
            reread_older(self.store, progress)
        except Exception as exc:  # a read-only store still answers, as before
            logger.warning("%s: could not write the new time and place (%s: %s); run `assistant ingest` on "
                           "its folders again to refresh them", self.location, type(exc).__name__, exc)
            return
        for path in derived:
            if path is not None:
                Path(path).unlink(missing_ok=True)

    def _annotated_documents(self, document_ids: list[str]) -> list[Document]:
        """The documents with their annotations and time-and-place values (read here when the
        document was indexed before the English pipeline or the time-and-place readers ran)."""
        found = []
        for document in self.store.annotated_documents(document_ids):
            if document.annotations is None:  # its entities' places too (none were read without them)
                document = with_entity_places(replace(document, annotations=annotate(document.text)))
            if document.meta is None:
                document = with_entity_places(replace(document, meta=describe(document)))
            found.append(document)
        return found

    def _document_facts(self, document_ids: list[str]) -> dict:
        records = {r.document_id: r for r in self.incidents.records(IncidentFilter(incidents_only=False))}
        return facts_of({d: records[d] for d in document_ids if d in records})

    def _count_place_keys(self, name: str) -> list[str]:
        """The place keys a count's place stands for, with the places inside it."""
        return self.catalog.contained_keys(self.catalog.place_keys(name))

    def _preselect(self, text: str, n: int) -> set[str]:
        """The documents of the keyword and dense retrievers' top ``n`` chunks for ``text``."""
        query = Query.parse(text)
        found = {p.chunk.document_id for p in self.keywords.retrieve(query, n)}
        vector = self.embedder.embed([text])[0]
        found |= {p.chunk.document_id for p in self.store.query(vector, n)}
        return found

    # ----- documents ---------------------------------------------------------------------------

    def ingest(self, paths: Iterable[Path], progress: ProgressCallback | None = None, *,
               threads: int | None = None, by_name: bool = False) -> IngestReport:
        """Index files and folders; see :func:`assistant.ingest.pipeline.ingest`.  The incident
        records of new and changed documents are extracted afterwards.  ``threads``: torch
        threads while embedding (``None``: ``settings.embedding.ingest_threads``, both cores for
        batch work; the running server passes ``torch_threads`` so its questions stay fast).
        ``by_name``: the files are uploads, each the indexed document of its file name
        (:func:`~assistant.ingest.pipeline.ingest`)."""
        report = ingest(
            paths,
            store=self.store,
            embedder=self.embedder,
            chunker=self.chunker,
            max_bytes=self.settings.ingest.max_file_bytes,
            progress=progress,
            threads=self.settings.embedding.ingest_threads if threads is None else threads,
            by_name=by_name,
        )
        self.incidents.sync()
        self.refresh_indexes()
        return report

    def refresh_indexes(self) -> None:
        """Bring the keyword index, the time-and-place catalog and the counting sentence index up
        to date with the store (and write them to the store's folder), so the next question does not wait for them.
        Called after every ingest and removal; a no-op when the store did not change."""
        self.keywords.refresh()
        self.catalog.entries()
        if self.settings.answering.counting:
            self.sentences.refresh()

    @cached_property
    def chunker(self) -> Chunker:
        """The chunker of this store's settings, measuring chunks in the embedding model's word pieces
        (made on first ingest: it needs the model's tokenizer, so the model loads then)."""
        ingest = self.settings.ingest
        return Chunker(ingest.chunk_size, ingest.chunk_overlap, tokenizer=getattr(self.embedder, "tokenizer", None),
                       max_tokens=getattr(self.embedder, "max_tokens", None))

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for: the embedding model, the indexes (read from the
        store's folder, or built; every document's sentences decoded), the question parser, dateparser and WordNet.  A server calls it in a
        background thread at start (``app.py``); a question asked meanwhile waits for the index
        it needs.  Errors are logged, never raised (the question then loads what it needs).

        Then the objects loaded so far are moved out of the garbage collector's reach
        (``gc.freeze``, after one collection): otherwise a full collection, which Python runs
        once enough new objects outlive the younger ones, walks every decoded sentence of the
        index (about 0.6 million objects for 1,000 reports, 0.4 s of one question's time).
        They are still freed when no longer referenced; only reference cycles among them stay."""
        started = time.perf_counter()
        try:
            load = getattr(self.embedder, "load", None)  # a LazyEmbedder: the model (5-8 s) now, not at the question
            if callable(load):
                load()
            if self.store.count_documents():
                self.refresh_indexes()
                for document in self.sentences.documents.values():  # decoded when first read: read them now
                    document.sentences[:1]
            parse_question("How many reports were there?")
            parse_date("12 May 2010")  # dateparser's first call reads its language data (about 0.8 s)
            if self.settings.answering.counting:
                wordnet(str(self.settings.answering.wordnet_dir)).warm()  # its indexes, not only the folder check
        except Exception:  # a warm-up must never stop a server
            logger.exception("warming up the indexes and the parser failed; the first question loads them")
            return
        gc.collect()
        gc.freeze()
        logger.info("indexes and question parser ready in %.1f s", time.perf_counter() - started)

    def documents(self) -> list[DocumentInfo]:
        """The indexed documents, sorted by id."""
        return self.store.list_documents()

    def count_documents(self) -> int:
        """How many documents are indexed."""
        return self.store.count_documents()

    def count_chunks(self) -> int:
        """How many chunk records the store holds (a write under way may add some early)."""
        return self.store.count_chunks()

    def document_info(self, document_id: str) -> DocumentInfo | None:
        """What the index knows about one document, or ``None`` when it is not indexed."""
        return self.store.document_info(document_id)

    def document_text(self, document_id: str) -> str:
        """A document's stored text (citation offsets index into it).

        Raises:
            DocumentNotFound: no such document.
        """
        return self.store.document_text(document_id)

    def chunks(self) -> list[Chunk]:
        """Every indexed chunk, in document and chunk order (a consistent snapshot)."""
        return self.store.all_chunks()

    def revision(self) -> str:
        """A token that changes whenever the indexed content does (by any process)."""
        return self.store.revision()

    def find_document(self, name: str) -> DocumentInfo:
        """The indexed document that ``name`` names: its id, else its relative path
        (``north/weekly_report.txt``), else its file name (``weekly_report.txt``) when only one
        document has that name.

        Raises:
            AmbiguousDocument: the file name belongs to several documents (the message lists
                their ids and paths).
            DocumentNotFound: nothing matches.
        """
        info = self.store.document_info(name)
        if info is not None:
            return info
        wanted = unicodedata.normalize("NFC", name)
        info = self.store.find_path(wanted)
        if info is not None:
            return info
        named = [d for d in self.store.list_documents() if unicodedata.normalize("NFC", d.source) == wanted]
        if len(named) == 1:
            return named[0]
        if named:
            listed = ", ".join(f"{d.id} ({d.path})" for d in named)
            raise AmbiguousDocument(f"{name!r} is the file name of {len(named)} documents: {listed}; give the id")
        raise DocumentNotFound(f"no document {name!r} (id, path or file name) in the index at {self.location}")

    def remove(self, document_id: str) -> int:
        """Remove a document and its chunks; returns the number of chunks removed.

        ``document_id`` may also be the document's relative path or file name (see
        :meth:`find_document`).

        Raises:
            AmbiguousDocument: a file name of several documents.
            DocumentNotFound: no document with that id, path or file name.
        """
        removed = self.store.remove_document(self.find_document(document_id).id)
        self.incidents.sync()
        self.refresh_indexes()
        return removed

    def timeline(self, filters: Filters | None = None) -> Timeline:
        """The timeline of the reports ``filters`` select (all when ``None``): one row per dated
        event, newest first, each quoted and cited (:mod:`assistant.answering.timeline`)."""
        scope = resolve_scope("", filters, self.catalog, read_question=False)
        return self._timeline(scope)

    def _meta_of(self, document_id: str) -> DocumentMeta | None:
        """The time-and-place values of an indexed document (``None``: unknown id or not read)."""
        entry = self.catalog.entries().get(document_id)
        return entry.meta if entry is not None else None

    def _timeline(self, scope: Scope | None) -> Timeline:
        entries = self.catalog.entries()
        ids = sorted(scope.documents if scope is not None else entries)
        texts = self.store.document_texts(ids)
        kinds = {r.document_id: r.primary_event_type for r in self.incidents.records() if r.primary_event_type}
        documents = [TimelineDocument(i, entries[i].info.source, texts[i], entries[i].meta or DocumentMeta(),
                                      kinds.get(i, REPORT_KIND)) for i in ids if i in texts and i in entries]
        return build_timeline(documents, scope.filters if scope is not None else None)

    def places(self) -> list[tuple[str, int]]:
        """``(place name, documents naming it)`` over the index, most named first."""
        return self.catalog.places()

    def sources(self) -> list[tuple[str, int]]:
        """``(source, documents)``: each document's publisher, else its folder."""
        return self.catalog.sources()

    def incident_records(self, flt: IncidentFilter | None = None, filters: Filters | None = None) -> list[IncidentRecord]:
        """The incident records matching ``flt`` (all when ``None``), by incident date then id,
        of the reports ``filters`` select (dates, place, source of the report; ``None``: all)."""
        records = self.incidents.records(flt)
        scope = resolve_scope("", filters, self.catalog, read_question=False)
        return records if scope is None else [r for r in records if r.document_id in scope.documents]

    def incident_record(self, document_id: str) -> IncidentRecord | None:
        """The incident record of one document (with its evidence spans), or ``None``."""
        self.incidents.sync()
        return self.incidents.db.get(document_id)

    def incident_rows(self, flt: IncidentFilter | None = None) -> list[dict]:
        """The matching incident records as flat rows for a table view (columns
        :data:`assistant.incidents.export.COLUMNS`, spans as ``field:start-end``)."""
        return self.incidents.rows(flt)

    # ----- questions ---------------------------------------------------------------------------

    def ask(self, question: str, k: int | None = None, history: Sequence[Turn] | None = None,
            filters: Filters | None = None) -> Answer:
        """Answer one question from the top ``k`` passages (default ``settings.retrieval.top_k``).

        ``history`` (the conversation so far, oldest first) makes ``question`` a
        follow-up: it is rewritten into a standalone question first (:meth:`condense`),
        which retrieval uses and ``Answer.question`` holds.  ``filters`` restrict the
        reports the answer may come from.  The answer is the last update of :meth:`stream`.

        Raises:
            EmptyIndexError: nothing is indexed yet.
            ValueError: the question is empty.
            GeneratorError: the configured generator failed.
        """
        final: Answer | None = None
        for update in self.stream(question, k=k, history=history, filters=filters):
            final = update.answer if update.stage == "done" else final
        assert final is not None, "the answer stream ended without an answer"
        return final

    def stream(
        self, question: str, k: int | None = None, answerer: Answerer | None = None,
        history: Sequence[Turn] | None = None, filters: Filters | None = None,
    ) -> Iterator[AnswerUpdate]:
        """Answer step by step (see :mod:`assistant.answering.streaming`): the passages found,
        the text as an LLM writes it, then ``"done"`` with the checked :class:`Answer`.

        ``answerer`` replaces the assistant's own answerer for this question; with an
        LLM generator configured the ``"text"`` updates carry its words as they are
        written (before the checks: the ``"done"`` answer holds the checked text).
        ``history``, ``filters``: as in :meth:`ask`.  ``Answer.latency_ms`` counts from this call.

        Raises:
            EmptyIndexError: nothing is indexed yet (on the first ``next``).
            ValueError: the question is empty (on the first ``next``).
        """
        started = time.perf_counter()
        pin = self.store.one_revision()  # the question's stages read the store's revision once
        with pin:
            query = self.parse(question, history, filters)
        steps = self._stream(query, k, answerer, started)
        while True:
            with pin:  # held while a step runs, not while the caller has the update
                update = next(steps, None)
            if update is None:
                return
            if update.answer is not None and update.answer.scope is None and query.scope is not None:
                update = replace(update, answer=replace(update.answer, scope=query.scope))
            if update.answer is not None and query.corrections:
                update = replace(update, answer=replace(update.answer, corrections=query.corrections))
            yield update

    def _stream(self, query: Query, k: int | None, answerer: Answerer | None, started: float) -> Iterator[AnswerUpdate]:
        if query.count is not None:
            counted = replace(self.counter.answer(query.count, query.scope), question=query.text)
            counted = replace(counted, latency_ms=(time.perf_counter() - started) * 1000.0)
            yield AnswerUpdate("done", (), counted.text, counted)
            return
        if query.scope is not None and not query.scope.documents:
            answer = Answer(query.text, no_match_text(self.catalog.date_span()), False,
                            latency_ms=(time.perf_counter() - started) * 1000.0)
            yield AnswerUpdate("done", (), answer.text, answer)
            return
        if query.scope is not None and is_overview(query.text):
            answer = overview_answer(query.text, self._timeline(query.scope))
            answer = replace(answer, latency_ms=(time.perf_counter() - started) * 1000.0)
            yield AnswerUpdate("done", (), answer.text, answer)
            return
        query = replace(query, vector=self.embedder.embed([query.text])[0])
        k = k or self.settings.retrieval.top_k
        answerer = answerer or self.answerer
        if query.document_property is not None:
            answerer = DocumentFacts(answerer, self._meta_of)
        for update in stream_answer(self.search.search, answerer, query, k, started):
            if update.stage == "done" and update.answer is not None:
                whole = self._whole_table(query, update.answer)
                if whole is not None:
                    counted = replace(self.counter.answer(whole, query.scope), question=query.text,
                                      latency_ms=(time.perf_counter() - started) * 1000.0)
                    update = AnswerUpdate("done", (), counted.text, counted)
            yield update

    def _whole_table(self, query: Query, answer: Answer):
        """The sum reading of ``query`` when its single ``answer`` is one row's number of a table
        column that the question asks for as a whole
        (:func:`~assistant.counting.reading.whole_table_reading`), else ``None``."""
        short = answer.short_answer
        if not self.settings.answering.counting or short is None:
            return None
        self.sentences.refresh()
        document = self.sentences.documents.get(short.document_id)
        if document is None:
            return None
        return whole_table_reading(query.text, parse_question, wordnet(str(self.settings.answering.wordnet_dir)),
                                   query.scope, document.text, short.start)

    def retrieve(self, question: str, k: int | None = None, history: Sequence[Turn] | None = None,
                 filters: Filters | None = None) -> tuple[Query, Retrieval]:
        """The parsed, embedded question and what retrieval finds for it (the answer chain's
        first half, for inspecting retrieval), without answering.

        Raises:
            ValueError: the question is empty.
            EmptyIndexError: nothing is indexed yet.
        """
        with self.store.one_revision():
            query = self.parse(question, history, filters)
            query = replace(query, vector=self.embedder.embed([query.text])[0])
            return query, self.search.search(query, k or self.settings.retrieval.top_k)

    def parse(self, question: str, history: Sequence[Turn] | None = None, filters: Filters | None = None) -> Query:
        """``question`` checked, condensed with ``history`` and parsed into a :class:`Query`
        with ``filters`` (without its vector), once for every stage.

        Raises:
            ValueError: the question is empty, has no words (only punctuation: "?") or is longer than
                :data:`~assistant.types.MAX_QUESTION_CHARS` (:func:`~assistant.types.check_question`).
            EmptyIndexError: nothing is indexed yet.
        """
        asked = check_question(question).strip()
        if self.store.count_documents() == 0:
            raise EmptyIndexError(self.store.location)
        text = self.condense(asked, history) if history else asked
        corrected = correct_spelling(text, self.keywords.vocabulary()) if self.settings.answering.spelling else None
        text = corrected.text if corrected is not None else text
        scope = resolve_scope(text, filters, self.catalog, read_question=self.settings.retrieval.read_filters)
        query = Query.parse(text, asked=asked, filters=scope.filters if scope else filters)
        query = replace(query, scope=scope, distinctive=self._distinctive(query.names),
                        corrections=corrected.changes if corrected is not None else (),
                        document_property=self._document_property(query))
        if self.settings.answering.counting:
            lexicon = wordnet(str(self.settings.answering.wordnet_dir))
            count = read_count_query(text, parse_question, lexicon, scope)
            if count is not None and self.settings.retrieval.read_filters and not (scope and scope.filters.place):
                # a count also reads a place its reports name only in their text (a heading, a title)
                wider = resolve_scope(text, filters, self.catalog, text_places=True)
                if wider is not None and wider.filters.place:
                    scope, count = wider, read_count_query(text, parse_question, lexicon, wider)
                    query = replace(query, scope=scope, filters=scope.filters)
            query = replace(query, count=count)
        return query

    def _document_property(self, query: Query) -> DocumentProperty | None:
        """What ``query`` asks about a report itself (its author or date), ``None`` when it asks what
        the reports state or WordNet is not installed."""
        reading = query.reading
        if reading is None or reading.doc is None:
            return None
        try:
            lexicon = wordnet(str(self.settings.answering.wordnet_dir))
        except BackendUnavailable:
            return None
        return asked_property(reading.doc, reading.answer_type is AnswerType.PERSON,
                              reading.answer_type is AnswerType.DATE, reading.wh, lexicon)

    def _distinctive(self, names: frozenset[str]) -> frozenset[str]:
        """The names that are no common English word (:meth:`WordNet.common_word`); none when
        WordNet is not installed (then every word of a name must be stated)."""
        if not names:
            return frozenset()
        try:
            lexicon = wordnet(str(self.settings.answering.wordnet_dir))
        except BackendUnavailable:
            return frozenset()
        return frozenset(n for n in names if not lexicon.common_word(n))

    def condense(self, question: str, history: Sequence[Turn]) -> str:
        """``question`` rewritten as a standalone question given ``history`` (see
        :mod:`assistant.answering.condense`: with the generator when one is configured and
        ``settings.generator.condense_with_llm``, else by rules)."""
        use_llm = self.settings.generator.condense_with_llm and self.generator is not None
        return condense(question, history, generator=self.generator if use_llm else None, prompts=self.prompts)

    def as_runnable(self):
        """The assistant as a langchain ``Runnable``, to compose it into a langchain application.

        Input: a question string, an :class:`~assistant.types.AskRequest`, or a mapping
        ``{"question", "k"?, "history"?}`` (history: :class:`Turn` s or ``{"role",
        "content"}`` mappings); output: the :class:`Answer` of :meth:`ask`.

        Example::

            chain = assistant.as_runnable() | (lambda answer: answer.text)
            chain.invoke({"question": "How many airstrikes were reported?", "k": 8})
        """
        from langchain_core.runnables import RunnableLambda

        def invoke(value: AskRequest | str | dict[str, Any]) -> Answer:
            request = AskRequest.of(value)
            return self.ask(request.question, request.k, request.history, request.filters)

        return RunnableLambda(invoke, name="report_assistant")
