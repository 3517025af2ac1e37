"""Benchmark: incident extraction accuracy per field against expert labels, extraction time per
report, and the aggregate questions of a QA file answered with and without the incident router.

Fields scored as in the published evaluations of the ISAF press-release dataset (start date,
province, event type, killed, captured, airstrike; target group as an extra):

* ``start_date``: extracted incident date == label (also within one day);
* ``province``: the label key of the extracted province is the first label province;
* ``event_type``: the record's single-label event type == the first label event type
  (and, as a second column, the label type is among the extracted types);
* ``killed``/``captured``: strict, extracted minimum == label (no number -> 0); and with the
  annotators' convention for vague words (a report that only says "several/numerous/
  multiple/..." counts 3; the annotator: "multiple" means "a minimum of 3", mlops.systems,
  2024-06-02), i.e. ``None -> 3``;
* ``airstrike``: boolean equality; ``target_group``: set equality.

Aggregate questions: the QA rows of type ``aggregate`` are asked over a fresh temporary store
(real embedding model, real Chroma).  A count is exact when the answer contains an accepted
number; a list is exact when every item (or an alias) is named and, for answers from the
records, no other value is listed.  Citations are exact when the cited documents are the
row's ``answer_doc_ids``.

Usage::

    .venv/bin/python bench/bench_incidents.py --docs corpus \\
        --labels ../shared/data/reports/metadata.jsonl --qa ../shared/data/reports-qa/qa.jsonl \\
        --out bench/results/incidents.json

Prints two tables and writes JSON (every disagreement with its evidence span included).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.offline import configure_offline

FIELDS = ("start_date", "province", "event_type", "killed", "captured", "airstrike", "target_group")


def field_scores(docs: Path, labels_path: Path) -> dict:
    """Extract every labelled document once; per-field agreement, timings and disagreements."""
    from assistant.incidents.extract import extract_incident
    from assistant.incidents.lexicon import province_key
    from assistant.ingest.loading import iter_files, load_document

    labels = {}
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels[row["doc_id"]] = row["labels"]
    hits = {f: 0 for f in FIELDS} | {"start_date_1day": 0, "event_type_in_set": 0, "killed_convention": 0,
                                     "captured_convention": 0}
    timings, disagreements, n = [], [], 0
    for path in iter_files([docs]):
        document = load_document(path, max_bytes=10**8)
        started = time.perf_counter()
        record = extract_incident(document)
        timings.append((time.perf_counter() - started) * 1000.0)
        label = labels.get(document.id)
        if label is None:
            continue
        n += 1
        got = {
            "start_date": record.date,
            "province": province_key(record.province) if record.province else None,
            "event_type": record.primary_event_type,
            "killed": record.killed or 0,
            "captured": record.captured or 0,
            "airstrike": record.airstrike,
            "target_group": sorted(record.target_groups),
        }
        want = {
            "start_date": label["start_date"],
            "province": (label["province"] or [None])[0],
            "event_type": (label["event_type"] or [None])[0],
            "killed": label["min_killed"],
            "captured": label["min_captured"],
            "airstrike": label["airstrike"],
            "target_group": sorted(g for item in label["target_group"] for g in item.split(";") if g),
        }
        for f in FIELDS:
            ok = got[f] == want[f]
            hits[f] += ok
            if not ok:
                spans = {"start_date": "date", "event_type": "event_type", "airstrike": "event_type"}.get(f, f)
                disagreements.append({"doc_id": document.id, "field": f, "extracted": got[f], "label": want[f],
                                      "evidence": [e.text for e in record.spans(spans)][:2]})
        if record.date and want["start_date"]:
            from datetime import date

            hits["start_date_1day"] += abs((date.fromisoformat(record.date) - date.fromisoformat(want["start_date"])).days) <= 1
        hits["event_type_in_set"] += want["event_type"] in record.event_types
        for f, value, phrase in (("killed", record.killed, record.killed_phrase),
                                 ("captured", record.captured, record.captured_phrase)):
            hits[f"{f}_convention"] += (value if value is not None else (3 if phrase else 0)) == want[f]
    return {"n": n, "accuracy": {k: v / n for k, v in hits.items()}, "hits": hits,
            "ms_per_report": {"mean": statistics.fmean(timings), "median": statistics.median(timings),
                              "max": max(timings), "n": len(timings)},
            "disagreements": disagreements}


def _norm(text: str) -> str:
    from assistant.evaluation.metrics import normalize_answer

    return " " + normalize_answer(text) + " "


def aggregate_scores(docs: Path, qa: Path) -> dict:
    """Ask the aggregate rows with the router on and off over one fresh store."""
    configure_offline()
    from assistant import Assistant, Settings
    from assistant.evaluation.metrics import contains_answer

    rows = [json.loads(line) for line in qa.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory(prefix="bench-incidents-") as tmp:
        assistant = Assistant(Settings(store=Path(tmp)))
        started = time.perf_counter()
        assistant.ingest([docs])
        ingest_seconds = time.perf_counter() - started
        all_ids = list(assistant.incidents.db.versions())
        assistant.incidents.db.delete(all_ids)
        started = time.perf_counter()
        assistant.incidents.sync()  # every record again: reading the texts from Chroma, rules, SQLite writes
        sync_seconds = time.perf_counter() - started
        results = []
        for row in rows:
            if row.get("type") != "aggregate":
                continue
            for router in (True, False):
                assistant.settings = assistant.settings.updated(counting=router)
                answer = assistant.ask(row["question"])
                results.append(_score(row, answer, router, contains_answer))
        routed = [row["id"] for row in rows if row.get("type") != "aggregate"
                  and assistant.incidents.answer(assistant.parse(row["question"])) is not None]
        del assistant
    return {"ingest_seconds": ingest_seconds, "sync_seconds": sync_seconds, "n_records": len(all_ids),
            "questions": results, "other_rows_routed": routed}


def _score(row: dict, answer, router: bool, contains_answer) -> dict:
    items = row.get("items") or []
    aliases = row.get("item_aliases") or {}
    text = _norm(answer.text)
    if items:
        found = [i for i in items if any(_norm(a).strip() and _norm(a) in text for a in aliases.get(i, [i]))]
        listed = re.match(r"\s*(\d+) ", answer.text)
        extra_free = listed is None or int(listed.group(1)) == len(items)
        exact = answer.has_answer and len(found) == len(items) and extra_free
        detail = f"{len(found)}/{len(items)} items"
    else:
        exact = answer.has_answer and contains_answer(answer.text.split(":")[0], row["answers"])
        detail = answer.text.split(":")[0][:60]
    cited = sorted({c.document_id for c in answer.citations})
    return {"id": row["id"], "router": router, "exact": bool(exact), "detail": detail,
            "citations_exact": cited == sorted(row["answer_doc_ids"]), "n_citations": len(answer.citations),
            "latency_ms": round(answer.latency_ms, 1), "answer": answer.text}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "corpus")
    parser.add_argument("--labels", type=Path, default=ROOT.parent / "shared" / "data" / "reports" / "metadata.jsonl")
    parser.add_argument("--qa", type=Path, default=ROOT.parent / "shared" / "data" / "reports-qa" / "qa.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "incidents.json")
    parser.add_argument("--skip-questions", action="store_true", help="field accuracy only (no model needed)")
    args = parser.parse_args(argv)

    fields = field_scores(args.docs, args.labels)
    acc = fields["accuracy"]
    print(f"Field accuracy on {fields['n']} labelled reports")
    print(f"{'field':<12} {'accuracy':>8}  note")
    notes = {"start_date": f"within 1 day: {acc['start_date_1day']:.2f}",
             "event_type": f"label type among extracted types: {acc['event_type_in_set']:.2f}",
             "killed": f"with 'several' = 3: {acc['killed_convention']:.2f}",
             "captured": f"with 'several' = 3: {acc['captured_convention']:.2f}"}
    for f in FIELDS:
        print(f"{f:<12} {acc[f]:>8.2f}  {notes.get(f, '')}")
    t = fields["ms_per_report"]
    print(f"extraction: {t['mean']:.2f} ms per report (median {t['median']:.2f}, max {t['max']:.2f}, {t['n']} reports)")
    print(f"disagreements: {len(fields['disagreements'])} (listed in the JSON)")
    payload = {"fields": fields}
    if not args.skip_questions:
        agg = aggregate_scores(args.docs, args.qa)
        payload["aggregate"] = agg
        print()
        print(f"{'question':<15} {'router':<6} {'exact':<5} {'cites':<5} {'latency_ms':>10}  detail")
        for q in agg["questions"]:
            print(f"{q['id']:<15} {'on' if q['router'] else 'off':<6} {str(q['exact']):<5} "
                  f"{str(q['citations_exact']):<5} {q['latency_ms']:>10.1f}  {q['detail']}")
        for router in (True, False):
            part = [q for q in agg["questions"] if q["router"] is router]
            print(f"router {'on ' if router else 'off'}: {sum(q['exact'] for q in part)}/{len(part)} exact, "
                  f"{sum(q['citations_exact'] for q in part)}/{len(part)} with exactly the right reports cited")
        print(f"other QA rows answered from the records: {agg['other_rows_routed'] or 'none'}")
        print(f"ingest of {agg['n_records']} documents {agg['ingest_seconds']:.1f} s; rebuilding every incident "
              f"record from the store {agg['sync_seconds']:.2f} s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
