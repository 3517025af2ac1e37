"""Validate the evaluation sets under evalsets/ (stdlib only).

    python3 evalsets/check.py

For every ``SET/qa.jsonl`` and ``SET/count-qa.jsonl`` of a set with its own ``SET/docs/`` folder (a set
without one, such as ``corpus/`` over the product's corpus, is checked by running its own ``SET/check.py``):

* every line parses as JSON, ids are unique, required fields and allowed values are present;
* every doc id names a document under ``SET/docs/`` (path relative to docs/, without extension);
* every evidence sentence occurs verbatim in the source text of one of the question's documents
  (for .txt/.md/.html the file itself, for .pdf/.docx the text in ``SET/sources/`` they were generated from);
  whitespace runs count as one space, and for PDFs a word hyphenated across a line break ("air-\\nstrikes")
  may be quoted either joined ("airstrikes") or as printed;
* for answerable single questions, at least one answer alias occurs in an answer document and in the evidence
  (case-insensitive, same normalisation); an answer document that states the answer only in another form
  (a relative date such as "late yesterday") is printed as a note; unanswerable ones have no answers,
  no answer_doc_ids and answer_type "none";
* for count questions, list answers agree with ``values`` and counted documents exist.

Exit status 1 if anything fails.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SINGLE_TYPES = {"single_fact", "count_in_report", "unanswerable"}
ANSWER_TYPES = {"person", "organisation", "place", "date", "count", "quantity", "money", "percent", "description", "none"}
COUNT_TYPES = {"count_reports", "sum", "list"}
DOC_EXTS = (".txt", ".md", ".html", ".pdf", ".docx")
NOTES: list[str] = []


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def source_texts(set_dir: Path) -> dict[str, list[str]]:
    """doc id -> normalised text variants to search (raw, and for PDFs de-hyphenated)."""
    docs = set_dir / "docs"
    out: dict[str, list[str]] = {}
    for path in sorted(docs.rglob("*")):
        if not path.is_file() or path.suffix not in DOC_EXTS:
            continue
        doc_id = path.relative_to(docs).with_suffix("").as_posix()
        if doc_id in out:
            raise SystemExit(f"two documents share the id {doc_id}")
        if path.suffix in (".pdf", ".docx"):
            src = set_dir / "sources" / f"{path.stem}{path.suffix}.txt"
            if not src.exists():
                raise SystemExit(f"{path}: no source text {src}")
            raw = src.read_text(encoding="utf-8").replace("\f", "\n")
            if path.suffix == ".docx":
                raw = "\n".join(l for l in raw.split("\n") if l.strip() not in ("[table]", "[/table]"))
                raw = re.sub(r"(?m)^#+ ", "", raw)
            variants = [norm(raw)]
            if path.suffix == ".pdf":
                variants.append(norm(re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", raw)))
        else:
            variants = [norm(path.read_text(encoding="utf-8"))]
        out[doc_id] = variants
    return out


def load_jsonl(path: Path, errors: list[str]) -> list[dict]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errors.append(f"{path.name}:{number}: empty line")
            continue
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"{path.name}:{number}: not JSON ({exc})")
    return items


def found(needle: str, texts: list[str], casefold: bool = False) -> bool:
    needle = norm(needle)
    if casefold:
        return any(needle.casefold() in t.casefold() for t in texts)
    return any(needle in t for t in texts)


def named_items(items: list[dict], path: Path, errors: list[str]):
    """``(item, "file id")`` for each question, noting a repeated id in ``errors``."""
    seen = set()
    for item in items:
        qid = item.get("id", "?")
        where = f"{path.name} {qid}"
        if qid in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(qid)
        yield item, where


def check_single(path: Path, docs: dict[str, list[str]], errors: list[str]) -> int:
    items = load_jsonl(path, errors)
    for item, where in named_items(items, path, errors):
        for key in ("id", "question", "answers", "doc_ids", "answer_doc_ids", "type", "answer_type", "evidence"):
            if key not in item:
                errors.append(f"{where}: missing {key}")
        if item.get("type") not in SINGLE_TYPES:
            errors.append(f"{where}: bad type {item.get('type')}")
        if item.get("answer_type") not in ANSWER_TYPES:
            errors.append(f"{where}: bad answer_type {item.get('answer_type')}")
        for doc_id in item.get("doc_ids", []) + item.get("answer_doc_ids", []):
            if doc_id not in docs:
                errors.append(f"{where}: unknown document {doc_id}")
        if not set(item.get("answer_doc_ids", [])) <= set(item.get("doc_ids", [])):
            errors.append(f"{where}: answer_doc_ids not a subset of doc_ids")
        pool = [t for d in item.get("doc_ids", []) if d in docs for t in docs[d]]
        for sentence in item.get("evidence", []):
            if not found(sentence, pool):
                errors.append(f"{where}: evidence not verbatim in its documents: {sentence[:80]!r}")
        if item.get("type") == "unanswerable":
            if item.get("answers") or item.get("answer_doc_ids") or item.get("answer_type") != "none":
                errors.append(f"{where}: unanswerable must have no answers, no answer_doc_ids, answer_type none")
        else:
            if not item.get("answers") or not item.get("answer_doc_ids") or not item.get("evidence"):
                errors.append(f"{where}: answerable question needs answers, answer_doc_ids and evidence")
            answer_pool = [t for d in item.get("answer_doc_ids", []) if d in docs for t in docs[d]]
            if not any(found(alias, answer_pool, casefold=True) for alias in item.get("answers", [])):
                errors.append(f"{where}: no answer alias occurs in an answer document")
            for d in item.get("answer_doc_ids", []):
                if d in docs and not any(found(a, docs[d], casefold=True) for a in item.get("answers", [])):
                    NOTES.append(f"{where}: {d} states the answer without any alias (e.g. a relative date)")
            if not any(found(a, [norm(" ".join(item.get("evidence", [])))], casefold=True) for a in item.get("answers", [])):
                errors.append(f"{where}: no alias occurs in the evidence")
    return len(items)


def check_count(path: Path, docs: dict[str, list[str]], errors: list[str]) -> int:
    items = load_jsonl(path, errors)
    for item, where in named_items(items, path, errors):
        for key in ("id", "question", "answers", "type", "counted_doc_ids", "values", "notes"):
            if key not in item:
                errors.append(f"{where}: missing {key}")
        if item.get("type") not in COUNT_TYPES:
            errors.append(f"{where}: bad type {item.get('type')}")
        if not item.get("answers"):
            errors.append(f"{where}: no answers")
        for doc_id in item.get("counted_doc_ids", []):
            if doc_id not in docs:
                errors.append(f"{where}: unknown document {doc_id}")
        if len(set(item.get("counted_doc_ids", []))) != len(item.get("counted_doc_ids", [])):
            errors.append(f"{where}: counted_doc_ids has duplicates")
        if item.get("type") == "count_reports":
            first = item["answers"][0]
            if not first.isdigit() or int(first) != len(item.get("counted_doc_ids", [])):
                errors.append(f"{where}: first answer {first!r} is not the number of counted_doc_ids")
        if item.get("type") == "list":
            values = item.get("values", [])
            if not values:
                errors.append(f"{where}: list question without values")
            joined = {v.strip() for v in item["answers"][0].split(",")}
            if joined != set(values):
                errors.append(f"{where}: first answer does not list exactly the values")
            for value in values:
                pool = [t for d in item.get("counted_doc_ids", []) if d in docs for t in docs[d]]
                if not found(value, pool, casefold=True):
                    errors.append(f"{where}: value {value!r} not found in the counted documents")
        # optional (val_count_025 on): the sentences that make each counted document count, verbatim
        counted_pool = [t for d in item.get("counted_doc_ids", []) if d in docs for t in docs[d]]
        for sentence in item.get("evidence", []):
            if not found(sentence, counted_pool):
                errors.append(f"{where}: evidence not verbatim in its counted documents: {sentence[:80]!r}")
    return len(items)


def main() -> int:
    errors: list[str] = []
    set_dirs = sorted({p.parent for pattern in ("*/qa.jsonl", "*/count-qa.jsonl") for p in ROOT.glob(pattern)})
    for set_dir in set_dirs:
        if not (set_dir / "docs").is_dir():
            # A set over documents kept elsewhere (e.g. corpus/ over the product's corpus/) has its own validator.
            own = set_dir / "check.py"
            if own.exists():
                print(f"{set_dir.name}: no docs/ folder here, running its own {own.relative_to(ROOT.parent)}")
                result = subprocess.run([sys.executable, str(own)], capture_output=True, text=True)
                tail = (result.stdout.strip().splitlines() or [""])[-1]
                print(f"  -> exit {result.returncode}: {tail}")
                if result.returncode:
                    errors.append(f"{set_dir.name}: its check.py failed (exit {result.returncode})")
            else:
                errors.append(f"{set_dir.name}: neither a docs/ folder nor its own check.py")
            continue
        docs = source_texts(set_dir)
        print(f"{set_dir.name}: {len(docs)} documents")
        if (set_dir / "qa.jsonl").exists():
            n = check_single(set_dir / "qa.jsonl", docs, errors)
            print(f"  qa.jsonl: {n} questions")
        if (set_dir / "count-qa.jsonl").exists():
            n = check_count(set_dir / "count-qa.jsonl", docs, errors)
            print(f"  count-qa.jsonl: {n} questions")
    for note in NOTES:
        print("note", note)
    for error in errors:
        print("FAIL", error)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
