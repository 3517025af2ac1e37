"""Score a QA file over an existing store (a copy of it), per half: the fast way to compare commits.

``assistant eval`` indexes the documents into a fresh temporary store every run (minutes for the
devset).  This script asks the questions of ``QA`` over a copy of ``STORE`` (the original is never
opened, so caches written while answering stay in the copy) and prints, per half (``evalsets/split.py``),
the answer accuracy and exact match (single questions) or the exact counts, sums and lists (a
count-qa file, or ``--counting`` for the ``aggregate`` rows of a QA file).  Build the store once with
``assistant --store STORE ingest DOCS``.

Usage::

    PYTHONPATH=$PWD python bench/eval_store.py STORE ../shared/data/reports-qa/qa.jsonl OUT.json --halves A
    PYTHONPATH=$PWD python bench/eval_store.py STORE evalsets/valdoria/count-qa.jsonl OUT.json

Prints a table and writes JSON (``summary`` and one record per question).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path

# The code evaluated is the ``assistant`` package on PYTHONPATH (``PYTHONPATH=$PWD``): a checkout can be
# evaluated with another checkout's copy of this script.


def _single(assistant, qa: Path, halves: set[str], k: int) -> dict:
    from assistant.evaluation.metrics import QuestionResult, read_qa

    rows = [r for r in read_qa(qa) if r.half in halves]
    records = []
    for row in rows:
        answer = assistant.ask(row.question, k, filters=row.filters)
        result = QuestionResult.from_answer(row, answer)
        records.append({"id": row.id, "half": row.half, "question": row.question, "gold": list(row.answers),
                        "short_answer": answer.short_answer.text if answer.short_answer else None,
                        "answer": answer.text,
                        "cited": list(result.cited_doc_ids), "correct": result.correct,
                        "exact_match": result.exact})
    summary = {}
    for name in sorted(halves) + ["all"]:
        chosen = [r for r in records if name == "all" or r["half"] == name]
        if chosen:
            summary[name] = {"n": len(chosen), "correct": sum(r["correct"] for r in chosen),
                             "exact_match": sum(r["exact_match"] for r in chosen)}
    return {"summary": summary, "questions": records}


def _counting(assistant, qa: Path, halves: set[str]) -> dict:
    from assistant.evaluation.counting import _read_rows, count_rows_of, half, score_row

    rows = [r for r in count_rows_of(_read_rows(qa)) if half(r["id"]) in halves]
    scored = [score_row(row, assistant.ask(row["question"])) for row in rows]
    summary = {}
    for name in sorted(halves) + ["all"]:
        chosen = [r for r in scored if name == "all" or r.half == name]
        if chosen:
            summary[name] = {"n": len(chosen), "exact": sum(r.exact for r in chosen),
                             "cited_right": sum(r.cited_right for r in chosen)}
    return {"summary": summary, "questions": [asdict(r) for r in scored]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="an existing store folder (copied, never opened)")
    parser.add_argument("qa", type=Path, help="QA or count-qa JSONL file")
    parser.add_argument("out", type=Path, help="JSON file for the summary and the records")
    parser.add_argument("--halves", choices=["A", "B"], action="append", help="only this half (repeatable)")
    parser.add_argument("--counting", action="store_true", help="score the counting rows of a QA file")
    parser.add_argument("--k", type=int, default=None, help="passages retrieved (default: the settings' top_k)")
    args = parser.parse_args()
    if not args.store.is_dir():
        parser.error(f"{args.store} is not a folder")

    from assistant.offline import configure_offline

    configure_offline()
    from assistant.api import Assistant
    from assistant.config import Settings
    from assistant.evaluation.counting import is_count_qa

    halves = set(args.halves or ["A", "B"])
    with tempfile.TemporaryDirectory(prefix="eval-store-") as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(args.store, copy)
        settings = Settings(store=copy, chroma_url=None)
        assistant = Assistant(settings, create=False)
        if args.counting or is_count_qa(args.qa):
            payload = _counting(assistant, args.qa, halves)
            for r in payload["questions"]:
                print(f"{r['id']:<18} {r['half']} {r['type']:<13} {'yes' if r['exact'] else 'no ':<4} "
                      f"gold {r['gold'][:20]:<20} got {r['got'][:60]}")
        else:
            payload = _single(assistant, args.qa, halves, args.k or settings.retrieval.top_k)
            for r in payload["questions"]:
                print(f"{r['id']:<22} {r['half']} {'ok ' if r['correct'] else 'no '} "
                      f"gold {str(r['gold'][:1])[:30]:<32} got {str(r['short_answer'])[:50]}")
        del assistant
    for name, figures in payload["summary"].items():
        print(f"half {name}: " + ", ".join(f"{key} {value}" for key, value in figures.items()))
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
