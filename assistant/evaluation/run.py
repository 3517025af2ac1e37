"""End-to-end evaluation: index the documents into a fresh temporary store, ask every
question, and score the answers (:mod:`assistant.evaluation.metrics`)."""

from __future__ import annotations

import logging
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .metrics import EvalProgress, QuestionResult, Report, Timing, read_qa, score

if TYPE_CHECKING:  # heavy imports (torch, chromadb) only when run_eval runs
    from ..config import Settings
    from ..types import Filters

logger = logging.getLogger(__name__)


def peak_rss_mib() -> float:
    """Peak resident set size of this process in MiB (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def run_eval(
    qa_path: str | Path,
    doc_dirs: Sequence[str | Path],
    *,
    settings: Settings,
    k: int,
    progress: EvalProgress | None = None,
    filters: Filters | None = None,
) -> tuple[Report, list[dict]]:
    """Index ``doc_dirs`` into a fresh temporary store, ask every question of ``qa_path``,
    and score the answers.  ``filters`` apply to every question; a QA line's own ``from``,
    ``to``, ``place``, ``source`` keys replace them for that question.

    The store is a :class:`tempfile.TemporaryDirectory` deleted on return; the
    settings' ``store`` and ``chroma_url`` are overridden, so the user's store (folder
    or server) is never opened.  Other settings (model, chunking, ``min_relevance``,
    ...) apply as given.

    Returns:
        ``(report, records)``: the :class:`Report` with ``timing`` set, and one record
        per question in file order: :func:`assistant.interfaces.serialize.answer_record` plus
        ``gold_answers`` (list), ``gold_doc_ids`` (list), ``type`` (str | None),
        ``answer_type_expected`` (the file's answer type, else the one read), ``half`` (``"A"``/``"B"``),
        ``correct`` (:attr:`QuestionResult.correct`) and ``exact_match`` (:attr:`QuestionResult.exact`).

    Raises:
        ValueError: a bad QA file (see :func:`read_qa`), ``k < 1``, or no document
            could be indexed.
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    rows = read_qa(qa_path)

    from ..offline import configure_offline

    configure_offline()
    from ..api import Assistant
    from ..interfaces.serialize import answer_record
    from ..types import IngestStatus

    with tempfile.TemporaryDirectory(prefix="assistant-eval-") as tmp:
        eval_settings = settings.updated(store=Path(tmp), chroma_url=None, incidents_dir=None)
        started = time.perf_counter()
        assistant = Assistant(eval_settings)
        load_seconds = time.perf_counter() - started

        ingest_progress = None if progress is None else (lambda done, total, _path: progress("ingest", done, total))
        started = time.perf_counter()
        ingest_report = assistant.ingest([Path(d) for d in doc_dirs], progress=ingest_progress)
        index_seconds = time.perf_counter() - started
        indexed = [r for r in ingest_report.results if r.status in (IngestStatus.ADDED, IngestStatus.REPLACED)]
        for rejected in ingest_report.rejected:
            logger.warning("not indexed: %s", rejected.reason)
        if not indexed:
            raise ValueError(f"no document indexed from {', '.join(map(str, doc_dirs))}")
        n_chunks = sum(r.n_chunks for r in indexed)

        results: list[QuestionResult] = []
        records: list[dict] = []
        started = time.perf_counter()
        for done, row in enumerate(rows, start=1):
            answer = assistant.ask(row.question, k, filters=row.filters or filters)
            result = QuestionResult.from_answer(row, answer)
            results.append(result)
            record = answer_record(answer, row.id, with_note=False)
            record.update(
                gold_answers=list(row.answers),
                gold_doc_ids=list(row.gold_doc_ids),
                type=row.type,
                answer_type_expected=result.answer_type,
                half=row.half,
                correct=result.correct,
                exact_match=result.exact,
            )
            records.append(record)
            if progress is not None:
                progress("ask", done, len(rows))
        ask_seconds = time.perf_counter() - started
        del assistant  # release the store before its folder is removed

    timing = Timing(
        n_documents=len(indexed),
        n_rejected=len(ingest_report.rejected),
        n_chunks=n_chunks,
        load_seconds=load_seconds,
        index_seconds=index_seconds,
        chunks_per_second=n_chunks / index_seconds if index_seconds > 0 else 0.0,
        ask_seconds=ask_seconds,
        peak_rss_mib=peak_rss_mib(),
    )
    return score(results, k, timing), records
