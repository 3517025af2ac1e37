"""The fixed A/B split shared by every evaluation set under evalsets/.

A question is in half "A" (tune) when int(sha256(id).hexdigest(), 16) is even, else in half "B" (held out).
The split depends only on the question id, so it never changes when questions are added or edited.

    python3 evalsets/split.py     # counts per half for every .jsonl under evalsets/

    from split import half; half("val_single_001")  -> "A" or "B"
"""
from __future__ import annotations

import collections
import hashlib
import json
import sys
from pathlib import Path


def half(question_id: str) -> str:
    """'A' (tune) or 'B' (held out) for a question id."""
    return "A" if int(hashlib.sha256(question_id.encode()).hexdigest(), 16) % 2 == 0 else "B"


def main() -> int:
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        halves = collections.Counter(half(row["id"]) for row in rows)
        print(f"{path.relative_to(root)}: {len(rows)} questions, A {halves['A']}, B {halves['B']}")
        for field in ("type", "answer_type"):
            if not any(field in row for row in rows):
                continue
            by = collections.defaultdict(collections.Counter)
            for row in rows:
                by[row.get(field, "?")][half(row["id"])] += 1
            parts = ", ".join(f"{key} {c['A']}/{c['B']}" for key, c in sorted(by.items()))
            print(f"    {field} (A/B): {parts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
