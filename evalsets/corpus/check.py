#!/usr/bin/env python3
"""Validate evalsets/corpus/qa.jsonl and count-qa.jsonl against the corpus.

    python3 evalsets/corpus/check.py [--corpus PATH]

Checks: every line parses; ids are unique and well formed; required fields and
allowed values; every doc id names a corpus file; every evidence sentence occurs
verbatim in one of the row's documents; for answerable single questions at least one
alias (the answer as written) occurs, case-insensitively, in an answer document; for count questions the
number of counted documents matches a count_reports answer and every counted
document has an evidence entry. Prints counts per type, answer type and split half.
Exit status 1 on any problem.
"""
import argparse
import collections
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SINGLE_TYPES = {"single_fact", "count_in_report", "unanswerable"}
ANSWER_TYPES = {"person", "organisation", "place", "date", "count", "quantity", "money",
                "percent", "description", "none"}
COUNT_TYPES = {"count_reports", "sum", "list"}
NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16}


def half(qid):
    return "A" if int(hashlib.sha256(qid.encode()).hexdigest(), 16) % 2 == 0 else "B"


def load_corpus(corpus):
    docs = {}
    for p in sorted(Path(corpus).glob("*.txt")):
        docs[p.stem] = p.read_text(encoding="utf-8")
    return docs


def read_jsonl(path, problems):
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{n}: invalid JSON ({exc})")
            continue
        if not isinstance(row, dict):
            problems.append(f"{path.name}:{n}: not an object")
            continue
        row["_line"] = n
        rows.append(row)
    return rows


def check_ids(rows, prefix, name, problems):
    seen = set()
    for r in rows:
        qid = r.get("id")
        if not isinstance(qid, str) or not qid.startswith(prefix):
            problems.append(f"{name}:{r['_line']}: bad id {qid!r}")
        if qid in seen:
            problems.append(f"{name}:{r['_line']}: repeated id {qid}")
        seen.add(qid)


def check_docs(r, fields, docs, name, problems):
    for f in fields:
        for d in r.get(f, []):
            if d not in docs:
                problems.append(f"{name} {r['id']}: {f} names unknown document {d!r}")


def check_single(rows, docs, problems):
    name = "qa.jsonl"
    check_ids(rows, "cor_single_", name, problems)
    need = ["id", "question", "answers", "doc_ids", "answer_doc_ids", "type", "answer_type", "evidence"]
    for r in rows:
        miss = [f for f in need if f not in r]
        if miss:
            problems.append(f"{name} {r.get('id')}: missing {miss}")
            continue
        if r["type"] not in SINGLE_TYPES:
            problems.append(f"{name} {r['id']}: bad type {r['type']!r}")
        if r["answer_type"] not in ANSWER_TYPES:
            problems.append(f"{name} {r['id']}: bad answer_type {r['answer_type']!r}")
        check_docs(r, ["doc_ids", "answer_doc_ids", "related_doc_ids"], docs, name, problems)
        unans = r["type"] == "unanswerable"
        if unans != (r["answers"] == []):
            problems.append(f"{name} {r['id']}: unanswerable iff answers == [] violated")
        if unans and (r["answer_doc_ids"] or r["answer_type"] != "none"):
            problems.append(f"{name} {r['id']}: unanswerable row with answer docs or answer_type")
        if not unans:
            if not r["answer_doc_ids"] or not r["evidence"]:
                problems.append(f"{name} {r['id']}: answerable row without answer_doc_ids/evidence")
            texts = [docs.get(d, "") for d in r["answer_doc_ids"]]
            if not any(a.lower() in t.lower() for a in r["answers"] for t in texts):
                problems.append(f"{name} {r['id']}: no alias of {r['answers']} occurs in the answer docs")
            if (r["type"] == "count_in_report") != (r["answer_type"] == "count"):
                problems.append(f"{name} {r['id']}: count_in_report must go with answer_type count")
        pool = r["doc_ids"] + r["answer_doc_ids"] + r.get("related_doc_ids", [])
        for ev in r["evidence"]:
            if not any(ev in docs.get(d, "") for d in pool):
                problems.append(f"{name} {r['id']}: evidence not verbatim in {pool}: {ev[:70]!r}")


def as_int(s):
    s = s.strip().lower()
    if s.isdigit():
        return int(s)
    return NUMBER_WORDS.get(s)


def check_count(rows, docs, problems):
    name = "count-qa.jsonl"
    check_ids(rows, "cor_count_", name, problems)
    need = ["id", "question", "answers", "type", "counted_doc_ids", "values", "notes"]
    for r in rows:
        miss = [f for f in need if f not in r]
        if miss:
            problems.append(f"{name} {r.get('id')}: missing {miss}")
            continue
        if r["type"] not in COUNT_TYPES:
            problems.append(f"{name} {r['id']}: bad type {r['type']!r}")
        if not r["answers"]:
            problems.append(f"{name} {r['id']}: no answers")
        check_docs(r, ["counted_doc_ids", "doc_ids", "unsummable_doc_ids"], docs, name, problems)
        if "doc_ids" in r and sorted(r["doc_ids"]) != sorted(r["counted_doc_ids"]):
            problems.append(f"{name} {r['id']}: doc_ids differs from counted_doc_ids")
        if len(set(r["counted_doc_ids"])) != len(r["counted_doc_ids"]):
            problems.append(f"{name} {r['id']}: repeated counted doc")
        if r["type"] == "count_reports":
            nums = {as_int(a) for a in r["answers"]} - {None}
            if nums != {len(r["counted_doc_ids"])}:
                problems.append(f"{name} {r['id']}: answers {r['answers']} != {len(r['counted_doc_ids'])} counted docs")
        if r["type"] == "list" and not r["values"]:
            problems.append(f"{name} {r['id']}: list without values")
        ev_docs = set()
        for ev in r.get("evidence", []):
            d, text = ev.get("doc_id"), ev.get("text", "")
            ev_docs.add(d)
            if text not in docs.get(d, ""):
                problems.append(f"{name} {r['id']}: evidence not verbatim in {d}: {text[:70]!r}")
        lacking = set(r["counted_doc_ids"]) - ev_docs
        if lacking:
            problems.append(f"{name} {r['id']}: counted docs without evidence: {sorted(lacking)}")
        for v in r["values"]:
            forms = [v] + r.get("value_aliases", {}).get(v, [])
            if not any(f.lower() in docs.get(d, "").lower() for f in forms for d in r["counted_doc_ids"]):
                problems.append(f"{name} {r['id']}: value {v!r} not found in counted docs")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(HERE.parent.parent / "corpus"))
    args = ap.parse_args()
    docs = load_corpus(args.corpus)
    if not docs:
        sys.exit(f"no .txt documents under {args.corpus}")
    problems = []
    single = read_jsonl(HERE / "qa.jsonl", problems)
    count = read_jsonl(HERE / "count-qa.jsonl", problems)
    check_single(single, docs, problems)
    check_count(count, docs, problems)

    print(f"corpus: {len(docs)} documents from {args.corpus}")
    print(f"qa.jsonl: {len(single)} rows")
    print("  type:", dict(collections.Counter(r["type"] for r in single)))
    print("  answer_type:", dict(collections.Counter(r["answer_type"] for r in single)))
    print("  asked_type (unanswerable):",
          dict(collections.Counter(r.get("asked_type") for r in single if r["type"] == "unanswerable")))
    for h in "AB":
        sub = [r for r in single if half(r["id"]) == h]
        print(f"  half {h}: {len(sub)}", dict(collections.Counter(r["type"] for r in sub)))
    print(f"count-qa.jsonl: {len(count)} rows")
    print("  type:", dict(collections.Counter(r["type"] for r in count)))
    for h in "AB":
        sub = [r for r in count if half(r["id"]) == h]
        print(f"  half {h}: {len(sub)}", dict(collections.Counter(r["type"] for r in sub)))
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        sys.exit(1)
    print("\nOK: all lines parse, all evidence is verbatim, all doc ids exist.")


if __name__ == "__main__":
    main()
