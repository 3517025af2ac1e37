"""Baseline: main's product (the incident-router counting) on the branch's count-qa sets.

Run from a checkout of the code before counting (main at 2a38109, with its own ``.venv``); only the
assistant of that checkout is imported:

    cd BEFORE && .venv/bin/python HERE/bench/count_baseline.py \
        --qa HERE/evalsets/corpus/count-qa.jsonl --docs corpus --out /tmp/count-baseline.json

Main's Answer has no ``.count``, so the number / values are read from the answer TEXT
(``display_text`` minus the scope sentence main prepends, citation markers removed). Scoring mirrors
``score_row`` of the branch's ``assistant/evaluation/counting.py`` as closely as text allows:

* count_reports exact: the first number (digits or number word) of the answer equals
  ``len(counted_doc_ids)``;
* sum exact: that first number equals the first number of the gold answer; when the gold says
  "at least" (or has ``unsummable_doc_ids``) the answer must also name a vague report -- read from
  text as: the answer contains "at least" or "several" / "unstated" / "not stated" (approximate);
* list exact: when main answers with its incident-record list ("5 districts: Bar Kunar, Nari, ..."),
  the values of that first sentence are compared as a set, as the branch does (keys: case, accents,
  apostrophes, hyphens and a trailing place word ignored; ``value_aliases`` accepted). Otherwise
  (an extractive passage answer): every gold value (or an alias) appears in the answer text, and the answer names
  nothing else -- approximated: the capitalised name runs of the answer that are not part of a gold
  value/alias, not a word of the question, not a sentence-initial function word and not a known
  non-value word (months, "Afghanistan", publisher words) count as extra values (APPROXIMATE:
  an extra value in lower case, or a capitalised non-value the filter misses, is mis-scored);
* cited reports right: the documents of the answer's citations equal ``counted_doc_ids``
  (for sums: minus ``unsummable_doc_ids``). Not exact either: main may cite one report twice or
  cite context passages.

A declined answer (``has_answer`` false) is not exact, whatever its text says.
The half of each id is ``evalsets/split.py``'s (sha256 of the id, even = "A").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

NUMBER_WORDS = {
    "zero": 0, "no": None, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}
_FIRST_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])|\b(" + "|".join(k for k in NUMBER_WORDS if k != "no")
    + r")\b", re.IGNORECASE)
PLACE_WORDS = ("district", "province", "village", "city", "town", "region", "county")
NON_VALUES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "the", "a", "an", "in", "of", "on", "and", "or", "no", "not", "i", "it", "this", "these", "those", "there",
    "reports", "report", "which", "what", "how", "afghanistan", "isaf", "kabul", "coalition", "afghan",
    "international", "security", "assistance", "force", "forces", "press", "release", "possibly",
    "listed", "counted", "filters", "source",
}
_STRUCTURED_LIST = re.compile(r"^\d+ [a-z]+(?: [a-z]+)?: (.+?)\.(?:\s|$)")


def half(question_id: str) -> str:
    """"A" (tune) or "B" (held out), as ``evalsets/split.py``."""
    return "A" if int(hashlib.sha256(question_id.encode()).hexdigest(), 16) % 2 == 0 else "B"


def norm(text: str) -> str:
    """Lower case, accents stripped, apostrophes and hyphens removed/spaced, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’`‘]", "", text)
    text = re.sub(r"[-‐–]", " ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def value_key(value: str) -> str:
    """A listed value as compared: :func:`norm` without a trailing place word."""
    key = norm(value)
    for word in PLACE_WORDS:
        if key.endswith(" " + word):
            key = key[: -len(word) - 1]
    return key


def first_number(text: str) -> float | None:
    match = _FIRST_NUMBER.search(text)
    if match is None:
        return None
    if match.group(1):
        return float(match.group(1).replace(",", ""))
    return float(NUMBER_WORDS[match.group(2).lower()])


def answer_body(answer) -> str:
    """The answer text without main's scope sentence (``answer.text`` is the body; ``display_text``
    prepends the scope note) and without citation markers."""
    return re.sub(r"\[\d+\]", " ", answer.text)


def name_runs(text: str) -> list[str]:
    """Capitalised word runs ("Shigal wa Sheltan", "Pul-e 'Alam") in ``text``."""
    word = r"[A-ZÀ-Ý][\w'’\-]*"
    joiner = r"(?:\s+(?:wa|al|e|i|ye|de|la|of|and)\s+|\s+|-)"
    return re.findall(rf"{word}(?:{joiner}{word})*", text)


def score(row: dict, answer, question_words: set[str]) -> dict:
    body = answer_body(answer)
    kind = row["type"]
    gold = str(row.get("answers", [""])[0]) if row.get("answers") else ""
    gold_ids = set(row["counted_doc_ids"])
    cited = {c.document_id for c in answer.citations}
    exact = False
    got = ""
    note = ""
    number = first_number(body)
    if kind == "count_reports":
        got = "none" if number is None else f"{number:g}"
        exact = answer.has_answer and number is not None and number == len(gold_ids)
    elif kind == "sum":
        gold_number = re.search(r"\d+(?:\.\d+)?", gold)
        needs_vague = "least" in gold.lower() or bool(row.get("unsummable_doc_ids"))
        vague = bool(re.search(r"at least|several|not stated|unstated|no number", body, re.IGNORECASE))
        got = ("none" if number is None else f"{number:g}") + (" + vague" if vague else "")
        exact = answer.has_answer and number is not None and gold_number is not None and \
            abs(number - float(gold_number.group(0))) < 1e-9 and (vague or not needs_vague)
        gold_ids -= set(row.get("unsummable_doc_ids", []))
    else:
        structured = _STRUCTURED_LIST.match(body.strip())
        if structured:  # main's incident-record list: "5 districts: Bar Kunar, Nari, .... <value>: ids [n] ..."
            listed = {value_key(v) for v in re.split(r",\s*|\s+and\s+", structured.group(1)) if v.strip()}
            keys = {v: {value_key(v)} | {value_key(a) for a in row.get("value_aliases", {}).get(v, [])}
                    for v in row.get("values", [])}
            matched = {v for v, k in keys.items() if k & listed}
            unknown = {v for v in listed if not any(v in k for k in keys.values())}
            got = f"listed {sorted(listed)}; matched {len(matched)}/{len(keys)}; extra {sorted(unknown)}"
            exact = answer.has_answer and matched == set(keys) and not unknown
            note = "list read from main's 'N things: a, b.' sentence (set compared as the branch does)"
            return _record(row, answer, kind, gold, got, exact, cited == gold_ids, note)
        text_key = " " + norm(body) + " "
        spellings = {v: {value_key(v)} | {value_key(a) for a in row.get("value_aliases", {}).get(v, [])}
                     for v in row.get("values", [])}
        matched = {v for v, keys in spellings.items() if any(f" {k} " in text_key for k in keys)}
        known = set().union(*spellings.values()) if spellings else set()
        extras = []
        for run in name_runs(body):
            key = value_key(run)
            words = key.split()
            if not words or all(w in NON_VALUES or w in question_words for w in words):
                continue
            if any(key in k or k in key for k in known):
                continue
            extras.append(run)
        got = f"matched {len(matched)}/{len(spellings)}; extra {sorted(set(extras))[:8]}"
        exact = answer.has_answer and matched == set(spellings) and not extras
        note = "list extras approximate (capitalised runs)"
    return _record(row, answer, kind, gold, got, exact, cited == gold_ids, note)


def _record(row, answer, kind, gold, got, exact, cited_right, note) -> dict:
    return {"id": row["id"], "half": half(row["id"]), "type": kind, "question": row["question"], "gold": gold,
            "got": got, "exact": bool(exact), "cited_right": cited_right, "has_answer": answer.has_answer,
            "n_cited": len({c.document_id for c in answer.citations}), "answer": answer.display_text,
            "note": note, "latency_ms": answer.latency_ms}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--qa", required=True, action="append")
    parser.add_argument("--docs", required=True, action="append")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()

    import assistant
    from assistant import Assistant, Settings
    from assistant.offline import configure_offline

    print(f"assistant imported from {assistant.__file__}", file=sys.stderr)
    configure_offline()
    results = {}
    for qa, docs in zip(args.qa, args.docs):
        rows = [json.loads(line) for line in Path(qa).read_text(encoding="utf-8").splitlines() if line.strip()]
        with tempfile.TemporaryDirectory(prefix="count-baseline-") as tmp:
            started = time.perf_counter()
            bot = Assistant(Settings(store=Path(tmp), chroma_url=None, incidents_dir=None))
            report = bot.ingest([Path(docs)])
            print(f"{qa}: indexed {bot.count_documents()} documents from {docs} in "
                  f"{time.perf_counter() - started:.0f} s; rejected {len(report.rejected)}", file=sys.stderr)
            scored = []
            for row in rows:
                answer = bot.ask(row["question"])
                qwords = set(value_key(row["question"]).split())
                scored.append(score(row, answer, qwords))
            del bot
        summary = {}
        for name in ("A", "B", "all"):
            chosen = [r for r in scored if name == "all" or r["half"] == name]
            if chosen:
                summary[name] = {"n": len(chosen), "exact": sum(r["exact"] for r in chosen) / len(chosen),
                                 "n_exact": sum(r["exact"] for r in chosen),
                                 "cited_right": sum(r["cited_right"] for r in chosen) / len(chosen)}
        results[qa] = {"docs": docs, "summary": summary, "questions": scored}
        print(f"\n== main baseline: {qa}")
        print(f"{'id':<14} {'half':<4} {'type':<13} {'exact':<5} {'cited':<5} {'gold':<22} got")
        for r in scored:
            print(f"{r['id']:<14} {r['half']:<4} {r['type']:<13} {'yes' if r['exact'] else 'no':<5} "
                  f"{'yes' if r['cited_right'] else 'no':<5} {r['gold'][:22]:<22} {r['got'][:70]}")
        for name, f in summary.items():
            print(f"half {name}: n={f['n']} exact {f['n_exact']}/{f['n']} = {f['exact']:.2f}  "
                  f"cited reports right {f['cited_right']:.2f}")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
