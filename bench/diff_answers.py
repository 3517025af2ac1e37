"""Which answers differ between two runs of ``bench/eval_store.py`` (the same QA file, two checkouts).

Compares, per question id, the answer text, the short answer and the cited documents, and prints each
question whose answer changed with its correctness before and after; the last line counts them.  Use it to
show a change that must not alter answers (a speed-up) alters none, or to list what a rule change moved.

Usage::

    python bench/diff_answers.py BEFORE.json AFTER.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FIELDS = ("answer", "short_answer", "cited", "got", "exact")


def _by_id(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads(path.read_text(encoding="utf-8"))["questions"]}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    before, after = (_by_id(Path(p)) for p in argv)
    changed = 0
    for qid in sorted(before.keys() | after.keys()):
        old, new = before.get(qid), after.get(qid)
        if old is None or new is None:
            changed += 1
            print(f"{qid}: only in {'AFTER' if old is None else 'BEFORE'}")
            continue
        fields = [f for f in FIELDS if f in old and old.get(f) != new.get(f)]
        if fields:
            changed += 1
            ok = "correct" if "correct" in old else "exact"
            print(f"{qid} [{old.get('half', '?')}] {ok} {old.get(ok)} -> {new.get(ok)}; changed: {', '.join(fields)}")
            for f in fields:
                print(f"    before {f}: {str(old.get(f))[:160]}\n    after  {f}: {str(new.get(f))[:160]}")
    print(f"{changed} of {len(before.keys() | after.keys())} answers differ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
