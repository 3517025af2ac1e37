"""Score counting, summing and listing questions: exact answers and the cited reports.

File format (the ``count-qa.jsonl`` sets of ``evalsets/``)::

    {"id", "question", "type": "count_reports" | "sum" | "list", "answers": [...],
     "counted_doc_ids": [...], "values": [...], "value_aliases"?: {value: [spellings]},
     "unsummable_doc_ids"?: [...]}

A general QA file's ``aggregate`` rows (the given ``reports-qa`` set) are scored the same way
(:func:`count_rows_of`): ``assistant eval --counting --qa FILE --docs DIR``.

A question is **exact** when

* ``count_reports``: the answer's N equals the number of ``counted_doc_ids``;
* ``sum``: the total equals the first number of the first answer and, when the gold answer
  says "at least" (or lists ``unsummable_doc_ids``), the answer names at least one report
  whose vague number was not added;
* ``list``: the set of listed values equals ``values`` (names compared lower case, accents,
  hyphens, a trailing place word and transliteration variants ignored; ``value_aliases``
  accepted).

**Cited reports right** when the set of counted (cited) reports equals ``counted_doc_ids``
(document ids as the product gives them: the path relative to the ingested folder without
its extension, ``north/weekly_update``).  Each row's half (``evalsets/split.py``: A tune, B
held out) is reported.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Settings
    from ..types import Answer


def half(question_id: str) -> str:
    """"A" (tune) or "B" (held out): the split of ``evalsets/split.py``."""
    return "A" if int(hashlib.sha256(question_id.encode()).hexdigest(), 16) % 2 == 0 else "B"


def _stem(document_id: str) -> str:
    """A document id as compared (ids are paths relative to the ingested folder, without extension)."""
    return document_id


def _key(value: str) -> str:
    """A listed value as compared: :func:`assistant.language.places.spelling_key` (case, accents,
    hyphens, a trailing place word and transliteration variants ignored: "Paktiya" = "Paktia")."""
    from ..language.places import spelling_key

    return spelling_key(value)


@dataclass(frozen=True)
class CountRow:
    """The score of one question."""

    id: str
    half: str
    type: str
    question: str
    gold: str
    got: str
    exact: bool
    cited_right: bool
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    possibly: tuple[str, ...]
    latency_ms: float


def _read_rows(path: str | Path) -> list[dict]:
    """The rows of a QA file: a count-qa file checked by :func:`read_count_qa`, a general one as is."""
    if is_count_qa(path):
        return read_count_qa(path)
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc})") from exc
    return rows


def read_count_qa(path: str | Path) -> list[dict]:
    """The rows of a count-qa file.

    Raises:
        ValueError: a line is not JSON or lacks ``id``, ``question``, ``type`` or
            ``counted_doc_ids`` (the message names the file and line).
    """
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc})") from exc
        missing = [f for f in ("id", "question", "type", "counted_doc_ids") if f not in row]
        if missing:
            raise ValueError(f"{path}:{number}: missing {', '.join(missing)}")
        rows.append(row)
    return rows


def count_rows_of(rows: Sequence[dict]) -> list[dict]:
    """The counting rows of a general QA file (``type`` ``aggregate``, as in the given
    ``reports-qa`` set) as count-qa rows: a first answer of several comma-separated values is a
    ``list`` (its values), else ``count_reports``; ``counted_doc_ids`` are the ``answer_doc_ids``."""
    out = []
    for row in rows:
        if row.get("type") != "aggregate" and "counted_doc_ids" not in row:
            continue
        if "counted_doc_ids" in row:
            out.append(row)
            continue
        first = str(row.get("answers", [""])[0])
        values = [v.strip() for v in re.split(r",\s*|\s+and\s+", first) if v.strip()]
        kind = "list" if len(values) > 1 else "count_reports"
        out.append({**row, "type": kind, "counted_doc_ids": list(row.get("answer_doc_ids") or row.get("doc_ids", [])),
                    "values": values if kind == "list" else []})
    return out


def is_count_qa(path: str | Path) -> bool:
    """The file's first row has ``counted_doc_ids`` (a count-qa file)."""
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                return "counted_doc_ids" in json.loads(line)
            except json.JSONDecodeError:
                return False
    return False


def score_row(row: dict, answer: Answer) -> CountRow:
    """The :class:`CountRow` of ``answer`` to ``row``."""
    result = answer.count
    gold_ids = {_stem(d) for d in row["counted_doc_ids"]}
    got_ids = {_stem(d) for d in result.document_ids} if result is not None else set()
    kind = row["type"]
    exact = False
    got = "not counted" if result is None else ""
    gold = str(row.get("answers", [""])[0]) if row.get("answers") else ""
    if result is not None:
        if kind == "count_reports":
            got = str(result.count)
            exact = result.count == len(row["counted_doc_ids"])
        elif kind == "sum":
            number = re.search(r"\d+(?:\.\d+)?", gold)
            total = result.total
            got = "none" if total is None else f"{total:g}"
            vague = [r for r in result.counted if r.vague]
            needs_vague = "least" in gold.lower() or bool(row.get("unsummable_doc_ids"))
            if vague:
                got += f" + {len(vague)} vague"
            exact = number is not None and total is not None and abs(total - float(number.group(0))) < 1e-9 and (
                bool(vague) or not needs_vague)
            got_ids = {_stem(r.document_id) for r in result.counted if r.value is not None or r.same_as}
            gold_ids -= {_stem(d) for d in row.get("unsummable_doc_ids", [])}
        else:
            aliases = {_key(v): {_key(v)} | {_key(a) for a in row.get("value_aliases", {}).get(v, [])}
                       for v in row.get("values", [])}
            listed = {_key(v.value) for v in result.values}
            got = ", ".join(v.value for v in result.values)
            matched = {v for v, spellings in aliases.items() if spellings & listed}
            unknown = {v for v in listed if not any(v in s for s in aliases.values())}
            exact = matched == set(aliases) and not unknown
    possibly = tuple(sorted(_stem(r.document_id) for r in result.possibly)) if result is not None else ()
    return CountRow(row["id"], half(row["id"]), kind, row["question"], gold, got, exact, got_ids == gold_ids,
                    tuple(sorted(gold_ids - got_ids)), tuple(sorted(got_ids - gold_ids)), possibly,
                    answer.latency_ms)


def run_count_eval(qa_path: str | Path, doc_dirs: Sequence[str | Path], *, settings: Settings) -> list[CountRow]:
    """Index ``doc_dirs`` into a fresh temporary store, ask every question of ``qa_path``,
    score each (:func:`score_row`).

    Raises:
        ValueError: a bad file (:func:`read_count_qa`) or nothing could be indexed.
    """
    rows = count_rows_of(_read_rows(qa_path))
    from ..api import Assistant
    from ..offline import configure_offline

    configure_offline()
    with tempfile.TemporaryDirectory(prefix="assistant-count-eval-") as tmp:
        assistant = Assistant(settings.updated(store=Path(tmp), chroma_url=None, incidents_dir=None))
        report = assistant.ingest([Path(d) for d in doc_dirs])
        if assistant.count_documents() == 0:
            raise ValueError(f"no document indexed from {', '.join(map(str, doc_dirs))}: {report.summary()}")
        scored = []
        for row in rows:
            started = time.perf_counter()
            answer = assistant.ask(row["question"])
            scored.append(score_row(row, answer) if answer.latency_ms else
                          score_row(row, _with_latency(answer, started)))
        del assistant
    return scored


def _with_latency(answer: Answer, started: float) -> Answer:
    from dataclasses import replace

    return replace(answer, latency_ms=(time.perf_counter() - started) * 1000.0)


def summary(rows: Sequence[CountRow]) -> dict:
    """``{half or "all": {"n", "exact", "cited_right"}}`` (rates 0..1)."""
    out = {}
    for name in ("A", "B", "all"):
        chosen = [r for r in rows if name == "all" or r.half == name]
        if chosen:
            out[name] = {"n": len(chosen), "exact": sum(r.exact for r in chosen) / len(chosen),
                         "cited_right": sum(r.cited_right for r in chosen) / len(chosen)}
    return out


def format_count_table(rows: Sequence[CountRow]) -> str:
    """One line per question, then the exact and cited-right rates per half."""
    lines = [f"{'id':<16} {'half':<4} {'type':<13} {'exact':<5} {'cited':<5} {'gold':<24} got"]
    for r in rows:
        lines.append(f"{r.id:<16} {r.half:<4} {r.type:<13} {'yes' if r.exact else 'no':<5} "
                     f"{'yes' if r.cited_right else 'no':<5} {r.gold[:24]:<24} {r.got[:60]}")
    for name, figures in summary(rows).items():
        lines.append(f"half {name}: n={figures['n']} exact {figures['exact']:.2f} cited reports right "
                     f"{figures['cited_right']:.2f}")
    return "\n".join(lines)


def to_json(rows: Sequence[CountRow]) -> dict:
    """The rows and the summary, JSON-ready."""
    return {"summary": summary(rows), "questions": [asdict(r) for r in rows]}
