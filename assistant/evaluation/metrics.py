"""Evaluate the assistant on a question-answering set: answer accuracy, abstention,
retrieval and citation quality, latency and indexing throughput.

Pipeline::

    read_qa(path) -> list[QARow]
    run_eval(...)  -> (Report, records)   # fresh temporary store, ingest, ask every question
        QuestionResult.from_answer(row, answer) for each question
        score(results, k) -> Report
    format_table(report) -> str           # plain text, one row per group
    report.to_dict()     -> dict          # JSON-ready

QA file format (JSON Lines, one object per line, blank lines ignored)::

    {"id": str, "question": str, "answers": [str, ...], "doc_ids": [str, ...],
     "answer_doc_ids"?: [str, ...], "type"?: str,
     "filters"?: {"from"?: "YYYY-MM-DD", "to"?: "YYYY-MM-DD", "place"?: str, "source"?: str}}

The question's filters sit in their own object, so a QA file's other fields (the
devset's ``source`` is where a question was taken from) are never read as filters.

``answers`` lists the accepted aliases of the answer; ``[]`` marks an unanswerable
question, whose right behaviour is to decline.  Document ids are file names without
their extension (see :class:`assistant.types.Document`).  Any other field (``evidence``,
``source``, ...) is ignored.

Sources of the metrics:

* answer normalisation and matching: the official SQuAD v1.1 evaluation script
  (``normalize_answer``: lower case, drop punctuation, drop the articles a/an/the,
  collapse white space; Rajpurkar et al., 2016), used here as "the normalised answer
  contains a normalised alias as whole tokens", the lenient "accuracy" of RGB
  (Chen et al., AAAI 2024), suited to an extractive answerer that quotes sentences;
* abstention on unanswerable questions and false refusals on answerable ones: the
  "negative rejection" axis of RGB and the answerable/unanswerable split of SQuAD 2.0
  (Rajpurkar et al., 2018);
* recall@k and MRR (mean reciprocal rank): standard IR metrics (Manning, Raghavan and
  Schütze, *Introduction to Information Retrieval*, ch. 8), computed at document level;
* citation rate and precision: the citation recall/precision idea of ALCE (Gao et al.,
  2023), simplified to "a citation is correct when its document is a gold document";
* latency percentiles: the nearest-rank method (no interpolation).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..types import Filters

if TYPE_CHECKING:  # heavy imports (torch, chromadb) only when run_eval runs
    from ..types import Answer

logger = logging.getLogger(__name__)

EvalProgress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``; ``stage`` is ``"ingest"`` (per file) or ``"ask"`` (per question)."""

# --------------------------------------------------------------------------- answers

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_CITATION_MARKER = re.compile(r"\[\d+\]")
_ASCII_PUNCTUATION = frozenset(string.punctuation)


def _is_punctuation(char: str) -> bool:
    return char in _ASCII_PUNCTUATION or unicodedata.category(char).startswith("P")


def normalize_answer(text: str) -> str:
    """Normalise an answer the way the SQuAD v1.1 evaluation script does.

    Steps, in the script's order: lower case; remove punctuation; remove the articles
    ``a``, ``an``, ``the`` (whole words); collapse runs of white space to one space and
    strip the ends.  Punctuation is *deleted*, not replaced by a space, as in SQuAD
    (``"AK-47"`` -> ``"ak47"``, ``"1,000"`` -> ``"1000"``).

    One deliberate extension: SQuAD removes only ASCII ``string.punctuation``; here every
    Unicode punctuation character (category ``P*``: curly quotes, en/em dashes, ...) is
    removed too, so typographic and ASCII spellings normalise alike.

    Example: ``normalize_answer("The  Village of MAKU!") == "village of maku"``.
    """
    text = text.lower()
    text = "".join(ch for ch in text if not _is_punctuation(ch))
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def contains_answer(answer_text: str, aliases: Iterable[str]) -> bool:
    """True when some alias, normalised, occurs in the normalised answer as whole tokens.

    The alias's tokens must appear as a contiguous run of the answer's tokens (token
    subsequence, not substring): ``"34"`` does not match ``"340 airstrikes"`` and
    ``"one"`` does not match ``"someone"``.  Citation markers such as ``[1]`` are removed
    from the answer first, so that a marker never matches a number alias.  Aliases that
    normalise to nothing (``""``, ``"the"``) never match.  No alias: ``False``.
    """
    tokens = normalize_answer(_CITATION_MARKER.sub(" ", answer_text)).split()
    for alias in aliases:
        needle = normalize_answer(alias).split()
        if not needle or len(needle) > len(tokens):
            continue
        width = len(needle)
        if any(tokens[i : i + width] == needle for i in range(len(tokens) - width + 1)):
            return True
    return False


# --------------------------------------------------------------------------- QA file


def split_half(question_id: str) -> str:
    """The fixed split of every QA set (``evalsets/split.py``, the same formula): ``"A"`` (tune)
    when ``int(sha256(id).hexdigest(), 16)`` is even, else ``"B"`` (held out)."""
    return "A" if int(hashlib.sha256(question_id.encode()).hexdigest(), 16) % 2 == 0 else "B"


def exact_match(short_answer: str | None, aliases: Iterable[str]) -> bool:
    """The short answer is exactly one of the aliases after SQuAD normalisation
    (:func:`normalize_answer`; the "EM" of the SQuAD v1.1 evaluation script).  No short
    answer, or no alias: ``False``."""
    if not short_answer:
        return False
    got = normalize_answer(short_answer)
    return bool(got) and any(got == normalize_answer(alias) for alias in aliases)


@dataclass(frozen=True)
class QARow:
    """One question of a QA file.

    ``answers`` are the accepted aliases (empty: unanswerable); ``doc_ids`` the documents
    the question is about; ``answer_doc_ids`` the documents that state the answer
    (empty when the file does not say); ``type`` an optional group label; ``answer_type``
    the expected answer type the file gives (``person``, ``date``, ``count``, ...; ``none`` for
    an unanswerable row), ``None`` when it gives none.
    """

    id: str
    question: str
    answers: tuple[str, ...]
    doc_ids: tuple[str, ...]
    answer_doc_ids: tuple[str, ...] = ()
    type: str | None = None
    answer_type: str | None = None

    @property
    def half(self) -> str:
        """The fixed split's half of this question: ``"A"`` (tune) or ``"B"`` (held out)
        (:func:`split_half`)."""
        return split_half(self.id)
    filters: Filters | None = None

    @property
    def answerable(self) -> bool:
        """The question has at least one accepted answer."""
        return bool(self.answers)

    @property
    def gold_doc_ids(self) -> tuple[str, ...]:
        """The documents that count as right for retrieval and citations:
        ``answer_doc_ids``, or ``doc_ids`` when that is empty."""
        return self.answer_doc_ids or self.doc_ids


def _string_list(value: object, name: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: field {name!r} must be a list of strings, got {value!r}")
    return tuple(value)


def read_qa(path: str | Path) -> list[QARow]:
    """Read a QA JSONL file into :class:`QARow` s, in file order.

    Raises:
        ValueError: naming ``file:line`` for a line that is not a JSON object, a missing
            or mistyped field (``id``, ``question``, ``answers``, ``doc_ids``; optional
            ``answer_doc_ids``, ``type``), an empty question, or a repeated id.
        OSError: the file cannot be read.
    """
    path = Path(path)
    rows: list[QARow] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: invalid JSON: {exc.msg} (column {exc.colno})") from None
            if not isinstance(data, dict):
                raise ValueError(f"{where}: expected a JSON object, got {type(data).__name__}")
            missing = [name for name in ("id", "question", "answers", "doc_ids") if name not in data]
            if missing:
                raise ValueError(f"{where}: missing field(s) {', '.join(missing)}")
            row_id = data["id"]
            if isinstance(row_id, bool) or not isinstance(row_id, (str, int)) or str(row_id).strip() == "":
                raise ValueError(f"{where}: field 'id' must be a non-empty string, got {row_id!r}")
            row_id = str(row_id)
            question = data["question"]
            if not isinstance(question, str) or not question.strip():
                raise ValueError(f"{where}: field 'question' must be a non-empty string, got {question!r}")
            row_type = data.get("type")
            if row_type is not None and not isinstance(row_type, str):
                raise ValueError(f"{where}: field 'type' must be a string, got {row_type!r}")
            answer_type = data.get("answer_type")
            if answer_type is not None and not isinstance(answer_type, str):
                raise ValueError(f"{where}: field 'answer_type' must be a string, got {answer_type!r}")
            if row_id in seen:
                raise ValueError(f"{where}: id {row_id!r} already used on line {seen[row_id]}")
            seen[row_id] = number
            rows.append(
                QARow(
                    id=row_id,
                    question=question.strip(),
                    answers=_string_list(data["answers"], "answers", where),
                    doc_ids=_string_list(data["doc_ids"], "doc_ids", where),
                    answer_doc_ids=_string_list(data.get("answer_doc_ids") or [], "answer_doc_ids", where),
                    type=row_type or None,
                    answer_type=answer_type or None,
                    filters=_row_filters(data, where),
                )
            )
    return rows


def _row_filters(data: dict, where: str) -> Filters | None:
    """The ``filters`` object of a QA line (see the module docstring), or ``None``.

    Raises:
        ValueError: ``filters`` is not an object, or one of its values is malformed.
    """
    value = data.get("filters")
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(f"{where}: field 'filters' must be an object like {{\"from\": \"2010-05-01\"}}, got {value!r}")
    return Filters.of(value, f"{where}: filters: ")


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class QuestionResult:
    """What the assistant did on one question.

    ``cited_doc_ids`` holds the document id of each citation, in citation order
    (repeats kept: one entry per citation); ``retrieved_doc_ids`` the document id of
    each retrieved passage, in rank order (repeats kept: one entry per passage), and
    ``retrieved_texts`` the text of each of those passages.
    """

    row: QARow
    answer: str
    has_answer: bool
    cited_doc_ids: tuple[str, ...] = ()
    retrieved_doc_ids: tuple[str, ...] = ()
    latency_ms: float = 0.0
    grounding: str = "extractive"
    retrieved_texts: tuple[str, ...] = ()
    short_answer: str | None = None
    predicted_type: str | None = None

    @property
    def answer_type(self) -> str | None:
        """The row's expected answer type when the file gives one, else the type the
        assistant read the question as."""
        return self.row.answer_type or self.predicted_type

    @property
    def exact(self) -> bool:
        """Answerable row: the short answer is exactly a gold alias (:func:`exact_match`)."""
        return self.row.answerable and self.has_answer and exact_match(self.short_answer, self.row.answers)

    @classmethod
    def from_answer(cls, row: QARow, answer: Answer) -> QuestionResult:
        """Build from an :class:`assistant.types.Answer` (passages give the retrieved ids)."""
        return cls(
            row=row,
            answer=answer.text,
            has_answer=answer.has_answer,
            cited_doc_ids=tuple(c.document_id for c in answer.citations),
            retrieved_doc_ids=tuple(p.chunk.document_id for p in sorted(answer.passages, key=lambda p: p.rank)),
            retrieved_texts=tuple(p.chunk.text for p in sorted(answer.passages, key=lambda p: p.rank)),
            latency_ms=answer.latency_ms,
            grounding=answer.grounding,
            short_answer=answer.short_answer.text if answer.short_answer is not None else None,
            predicted_type=answer.answer_type,
        )

    @property
    def correct(self) -> bool:
        """Answerable row: answered and the answer contains an alias
        (:func:`contains_answer`).  Unanswerable row: declined."""
        if self.row.answerable:
            return self.has_answer and contains_answer(self.answer, self.row.answers)
        return not self.has_answer

    def first_gold_rank(self) -> int | None:
        """1-based rank of the first gold document among the *distinct* retrieved
        document ids (first occurrence order), or ``None`` when none was retrieved."""
        gold = set(self.row.gold_doc_ids)
        for rank, doc_id in enumerate(dict.fromkeys(self.retrieved_doc_ids), start=1):
            if doc_id in gold:
                return rank
        return None


@dataclass(frozen=True)
class Metrics:
    """The metrics of one group of questions.  A rate whose denominator is zero is ``None``.

    Fields (denominator in brackets):

    * ``n``, ``n_answerable``, ``n_unanswerable``: question counts;
    * ``accuracy`` [answerable]: answered and the answer contains an alias;
    * ``exact_match`` [answerable]: the short answer is exactly an alias (SQuAD EM,
      :func:`exact_match`); ``n_short`` the answered questions that have a short answer;
    * ``abstention`` [unanswerable]: declined (``has_answer`` false);
    * ``false_refusal`` [answerable]: declined although the question is answerable;
    * ``recall_at_k`` [answerable]: a gold document is among the first ``k`` distinct
      retrieved document ids (gold = ``answer_doc_ids``, else ``doc_ids``; a row with
      no gold document counts as a miss);
    * ``answer_recall_at_k`` [answerable]: one of the first ``k`` retrieved passages
      contains an answer alias (:func:`contains_answer`): the "top-k retrieval accuracy"
      of DPR (Karpukhin et al., EMNLP 2020).  It credits a passage that states the answer
      although the QA file does not list its document as gold;
    * ``n_without_retrieval``: answerable questions answered with no passage retrieved
      (counting questions answered from the incident records); they count as misses
      in ``recall_at_k``, ``mrr`` and ``answer_recall_at_k``;
    * ``mrr`` [answerable]: mean of 1 / rank of the first gold document among the
      distinct retrieved document ids (0 when none); not cut at ``k`` (``run_eval``
      retrieves ``k`` passages, so at most ``k`` documents anyway);
    * ``citation_rate`` [answered, ``has_answer`` true]: the answer has >= 1 citation;
    * ``citation_precision`` [every citation of an answered question]: the cited
      document is a gold document of an answerable row (every citation on an
      unanswerable row counts as wrong);
    * ``latency_p50_ms``, ``latency_p95_ms`` [all]: nearest-rank percentiles of
      ``latency_ms`` (the smallest value with at least p% of values <= it);
    * ``repair_rate`` [answers whose generated text was checked: ``grounding`` is
      ``grounded``, ``repaired`` or ``fallback``]: the share that needed the grounding
      repair (``repaired`` or ``fallback``); ``None`` when nothing was generated (the
      extractive answerer, or every question declined).
    """

    n: int
    n_answerable: int
    n_unanswerable: int
    n_answered: int
    n_citations: int
    k: int
    accuracy: float | None
    abstention: float | None
    false_refusal: float | None
    recall_at_k: float | None
    mrr: float | None
    citation_rate: float | None
    citation_precision: float | None
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    repair_rate: float | None = None
    answer_recall_at_k: float | None = None
    n_without_retrieval: int = 0
    exact_match: float | None = None
    n_short: int = 0


@dataclass(frozen=True)
class Timing:
    """Cost of one :func:`run_eval`.

    ``load_seconds``: building the :class:`~assistant.api.Assistant` (model load);
    ``index_seconds``: the ingest call; ``chunks_per_second`` = ``n_chunks /
    index_seconds``; ``ask_seconds``: all questions; ``peak_rss_mib``: the process's
    peak resident set size so far (``resource.getrusage(RUSAGE_SELF).ru_maxrss``, so it
    includes whatever ran in the process before).
    """

    n_documents: int
    n_rejected: int
    n_chunks: int
    load_seconds: float
    index_seconds: float
    chunks_per_second: float
    ask_seconds: float
    peak_rss_mib: float


@dataclass(frozen=True)
class Report:
    """The metrics of a run: ``overall``, one :class:`Metrics` per row ``type`` (sorted by
    type; rows without a type only count in ``overall``), per expected answer type
    (``by_answer_type``: the file's ``answer_type``, else the type the assistant read the
    question as) and per half of the fixed split (``by_half``: ``"A"`` tune, ``"B"`` held out).
    ``timing`` is set by :func:`run_eval`, ``None`` when scoring given results."""

    k: int
    overall: Metrics
    by_type: dict[str, Metrics] = field(default_factory=dict)
    timing: Timing | None = None
    by_answer_type: dict[str, Metrics] = field(default_factory=dict)
    by_half: dict[str, Metrics] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-ready: ``{"k", "overall": {...Metrics}, "by_type": {type: {...}}, "timing": {...} | null,
        "by_answer_type": {...}, "by_half": {"A": {...}, "B": {...}}}``."""
        return asdict(self)


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile: the value at 1-based rank ``ceil(p / 100 * n)`` of the
    sorted values (rank at least 1); ``None`` for no values.  ``0 < p <= 100``."""
    if not values:
        return None
    if not 0 < p <= 100:
        raise ValueError(f"percentile must be in (0, 100], got {p}")
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return float(ordered[rank - 1])


def _rate(numerator: float, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _metrics(results: Sequence[QuestionResult], k: int) -> Metrics:
    answerable = [r for r in results if r.row.answerable]
    unanswerable = [r for r in results if not r.row.answerable]
    answered = [r for r in results if r.has_answer]

    hits = 0
    reciprocal = 0.0
    for r in answerable:
        rank = r.first_gold_rank()
        if rank is not None:
            reciprocal += 1.0 / rank
            if rank <= k:
                hits += 1

    n_citations = sum(len(r.cited_doc_ids) for r in answered)
    precise = sum(
        sum(1 for d in r.cited_doc_ids if d in set(r.row.gold_doc_ids)) for r in answered if r.row.answerable
    )
    latencies = [r.latency_ms for r in results]
    checked = [r for r in results if r.grounding in ("grounded", "repaired", "fallback")]
    return Metrics(
        n=len(results),
        n_answerable=len(answerable),
        n_unanswerable=len(unanswerable),
        n_answered=len(answered),
        n_citations=n_citations,
        k=k,
        accuracy=_rate(sum(r.correct for r in answerable), len(answerable)),
        exact_match=_rate(sum(r.exact for r in answerable), len(answerable)),
        n_short=sum(1 for r in answered if r.short_answer),
        abstention=_rate(sum(not r.has_answer for r in unanswerable), len(unanswerable)),
        false_refusal=_rate(sum(not r.has_answer for r in answerable), len(answerable)),
        recall_at_k=_rate(hits, len(answerable)),
        mrr=_rate(reciprocal, len(answerable)),
        citation_rate=_rate(sum(bool(r.cited_doc_ids) for r in answered), len(answered)),
        citation_precision=_rate(precise, n_citations),
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
        repair_rate=_rate(sum(r.grounding != "grounded" for r in checked), len(checked)),
        n_without_retrieval=sum(1 for r in answerable if r.has_answer and not r.retrieved_doc_ids),
        answer_recall_at_k=_rate(
            sum(any(contains_answer(t, r.row.answers) for t in r.retrieved_texts[:k]) for r in answerable),
            len(answerable),
        ),
    )


def score(results: Sequence[QuestionResult], k: int, timing: Timing | None = None) -> Report:
    """Score question results: overall and per ``row.type`` (see :class:`Metrics`).

    Args:
        results: one :class:`QuestionResult` per question.
        k: the cut-off of recall@k (``>= 1``).
        timing: attached to the report as is.
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    types = sorted({r.row.type for r in results if r.row.type})
    answer_types = sorted({r.answer_type for r in results if r.answer_type})
    return Report(
        k=k,
        overall=_metrics(results, k),
        by_type={t: _metrics([r for r in results if r.row.type == t], k) for t in types},
        timing=timing,
        by_answer_type={t: _metrics([r for r in results if r.answer_type == t], k) for t in answer_types},
        by_half={h: _metrics([r for r in results if r.row.half == h], k) for h in ("A", "B")
                 if any(r.row.half == h for r in results)},
    )


# --------------------------------------------------------------------------- table


def _fmt(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def format_table(report: Report) -> str:
    """A plain text table, one row per group (``overall``, each half of the fixed split, each
    row type, each expected answer type as ``type:NAME``), columns
    ``n acc EM abstain false_refusal recall@k MRR ans_recall@k cite_rate cite_precision p50 p95``
    (rates with 3 decimals, latencies in ms; ``-`` when a rate has no denominator),
    and ``repair`` (:attr:`Metrics.repair_rate`) when some answer was generated,
    followed by one line of indexing cost when ``report.timing`` is set."""
    header = ["group", "n", "acc", "EM", "abstain", "false_refusal", f"recall@{report.k}", "MRR", f"ans_recall@{report.k}",
              "cite_rate", "cite_precision", "p50_ms", "p95_ms"]
    generated = report.overall.repair_rate is not None
    if generated:
        header.append("repair")
    rows = [header]
    groups = [("overall", report.overall), *((f"half {h}", m) for h, m in report.by_half.items()),
              *report.by_type.items(), *((f"type:{t}", m) for t, m in report.by_answer_type.items())]
    for name, m in groups:
        rows.append([
            name, str(m.n), _fmt(m.accuracy, 3), _fmt(m.exact_match, 3), _fmt(m.abstention, 3), _fmt(m.false_refusal, 3),
            _fmt(m.recall_at_k, 3), _fmt(m.mrr, 3), _fmt(m.answer_recall_at_k, 3), _fmt(m.citation_rate, 3), _fmt(m.citation_precision, 3),
            _fmt(m.latency_p50_ms, 1), _fmt(m.latency_p95_ms, 1),
        ] + ([_fmt(m.repair_rate, 3)] if generated else []))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if report.overall.n_without_retrieval:
        lines.append(
            f"({report.overall.n_without_retrieval} answerable questions were answered from the incident records, "
            f"without retrieval: they count as misses in recall@{report.k}, MRR and ans_recall@{report.k})"
        )
    t = report.timing
    if t is not None:
        lines.append("")
        lines.append(
            f"index: {t.n_documents} documents ({t.n_rejected} rejected), {t.n_chunks} chunks in "
            f"{t.index_seconds:.2f} s = {t.chunks_per_second:.1f} chunks/s; model load {t.load_seconds:.2f} s; "
            f"questions {t.ask_seconds:.2f} s; peak RSS {t.peak_rss_mib:.0f} MiB"
        )
    return "\n".join(lines)
