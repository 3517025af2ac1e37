"""Tune the answerer on half A of the QA sets without re-indexing every time.

Indexes each set's documents once into a persistent store under ``--stores`` (re-used on the
next run: unchanged documents are skipped), asks the questions of one half, and prints the
lenient accuracy, the short-answer exact match, abstention and, per expected answer type,
the accuracy; ``--failures`` lists the misses (only ever run it with ``--half A``: half B is
held out).  Writes the figures as JSON to ``--out``.

    .venv/bin/python bench/answer_sweep.py --half A --failures
    .venv/bin/python bench/answer_sweep.py --half B --sets devset reports-qa
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evalsets"))

from split import half as split_half  # noqa: E402

SETS = {
    "reports-qa": (ROOT.parent / "shared/data/reports-qa/qa.jsonl", ROOT / "corpus"),
    "devset": (ROOT.parent / "shared/data/devset/qa.jsonl", ROOT.parent / "shared/data/devset/docs"),
    "corpus": (ROOT / "evalsets/corpus/qa.jsonl", ROOT / "corpus"),
    "valdoria": (ROOT / "evalsets/valdoria/qa.jsonl", ROOT / "evalsets/valdoria/docs"),
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--half", choices=["A", "B", "both"], default="A")
    parser.add_argument("--stores", type=Path, default=Path("/tmp/answer-sweep-stores"))
    parser.add_argument("--failures", action="store_true", help="print the misses (half A only)")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--weights", nargs="*", default=[], metavar="NAME=VALUE",
                        help="override answer weights (assistant.weights.AnswerWeights fields) for this run")
    parser.add_argument("--sweep-thresholds", action="store_true",
                        help="also score a grid of (min_focus, min_score) on the same ranked candidates")
    args = parser.parse_args()
    if args.failures and args.half != "A":
        parser.error("--failures only with --half A (half B is held out)")

    from assistant.offline import configure_offline

    configure_offline()
    from assistant.api import Assistant
    from assistant.config import Settings
    from assistant.evaluation.metrics import QuestionResult, format_table, read_qa, score
    from assistant.models.embedders import SentenceTransformerEmbedder

    embedder = None
    summary = {}
    for name in args.sets:
        qa, docs = SETS[name]
        store = args.stores / ("reports-qa" if name == "corpus" else name)
        settings = Settings(store=store, incidents_dir=store)
        assistant = Assistant(settings, embedder=embedder)
        embedder = assistant.embedder
        if args.weights:
            from dataclasses import replace

            from assistant.answering.extractive import ExtractiveAnswerer

            overrides = {k: float(v) for k, v in (item.split("=", 1) for item in args.weights)}
            weights = replace(assistant.extractive.weights, **overrides)
            assistant.extractive = assistant.answerer = ExtractiveAnswerer(
                assistant.embedder, weights=weights, max_sentences=settings.answering.max_answer_sentences)
        started = time.perf_counter()
        assistant.ingest([docs])
        rows = [r for r in read_qa(qa) if args.half == "both" or split_half(r.id) == args.half]
        results = []
        tops = []
        for row in rows:
            answer = assistant.ask(row.question)
            results.append(QuestionResult.from_answer(row, answer))
            if args.sweep_thresholds:
                tops.append((row, _top(assistant, row.question)))
        if args.sweep_thresholds:
            summary.setdefault("_grid", {})[name] = _grid(tops)
        report = score(results, settings.retrieval.top_k)
        print(f"== {name} half {args.half} ({len(rows)} q, {time.perf_counter() - started:.0f} s)")
        print(format_table(report))
        summary[name] = report.to_dict()
        if args.failures:
            for r in results:
                if not r.correct:
                    print(f"-- {r.row.id} [{r.answer_type}] {r.row.question}\n   gold {list(r.row.answers)[:3]}"
                          f" docs {list(r.row.gold_doc_ids)[:2]}\n   got  {r.answer[:300]!r}\n   short {r.short_answer!r}"
                          f" retrieved {list(dict.fromkeys(r.retrieved_doc_ids))[:5]}")
        del assistant
    if args.sweep_thresholds:
        grids = summary.pop("_grid")
        print("min_focus min_score: share of questions handled right (answered with a gold alias, or declined when unanswerable) per set, then the mean over sets")
        keys = next(iter(grids.values())).keys()
        table = sorted(((sum(g[k] for g in grids.values()) / len(grids), k) for k in keys), reverse=True)
        for value, (f, sc) in table[:15]:
            print(f"  {f:.2f} {sc:.2f}  {value:.3f}  " + "  ".join(f"{n} {g[(f, sc)]:.3f}" for n, g in grids.items()))
    if args.out:
        args.out.write_text(json.dumps(summary, indent=1))
    return 0


def _top(assistant, question):
    """The best candidate (text of its answer, score, focus) with no thresholds, or None."""
    from dataclasses import replace

    from assistant.answering.extractive import ExtractiveAnswerer

    open_answerer = ExtractiveAnswerer(assistant.embedder, weights=replace(assistant.extractive.weights, min_focus=0.0,
                                                                           min_score=0.0), widen=True)
    query, retrieval = assistant.retrieve(question)
    if query.aggregate is not None:
        return "aggregate"
    ranked, passages = open_answerer.ranked(query, retrieval)
    if not ranked:
        return None
    answer = open_answerer.answer_ranked(query, ranked, passages)
    return answer.text, ranked[0].score, ranked[0].focus


def _grid(tops):
    from assistant.evaluation.metrics import contains_answer

    grid = {}
    for f in [0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]:
        for sc in [0.6, 0.8, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8]:
            right_a = n_a = right_u = n_u = 0
            for row, top in tops:
                if top == "aggregate":
                    continue
                answered = top is not None and top[1] >= sc and top[2] >= f
                if row.answers:
                    n_a += 1
                    right_a += answered and contains_answer(top[0], row.answers)
                else:
                    n_u += 1
                    right_u += not answered
            grid[(f, sc)] = (right_a + right_u) / max(1, n_a + n_u)
    return grid


def _answer_types(qa: Path) -> dict[str, str]:
    out = {}
    for line in qa.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row.get("answer_type"):
                out[row["id"]] = row["answer_type"]
    return out


if __name__ == "__main__":
    sys.exit(main())
