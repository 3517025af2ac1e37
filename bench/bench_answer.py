"""Benchmark: the latency of ``Assistant.ask`` (extractive answerer) over an existing store, wall
and CPU time per question, for one or more checkouts side by side (issue 13: p50 <= 150 ms,
p95 <= 400 ms on 2 cores).

Each checkout (``--checkouts``, default this one) is run in a fresh process over a copy of
``--store`` (the original is never opened); the checkouts alternate ``--rounds`` times, so every
one sees the same load.  Only half-A questions of ``--qa`` are asked (``evalsets/split.py``), after
:meth:`~assistant.api.Assistant.warm_up` and one untimed question.  CPU time
(``time.process_time``) is the figure to compare on shared cores; wall time is what a user waits.

Usage::

    python bench/bench_answer.py --store STORE --qa ../shared/data/reports-qa/qa.jsonl \\
        --checkouts /tmp/main-copy . --rounds 2 --out bench/results/answer.json

Prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PHASE = r"""
import hashlib, json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from assistant.offline import configure_offline
configure_offline()
from assistant.api import Assistant
from assistant.config import Settings
from assistant.evaluation.metrics import read_qa
half = lambda i: "A" if int(hashlib.sha256(i.encode()).hexdigest(), 16) % 2 == 0 else "B"
settings = Settings(store=Path({store!r}), chroma_url=None)
assistant = Assistant(settings)
assistant.warm_up()
rows = [r for r in read_qa(Path({qa!r})) if half(r.id) == "A"]
assistant.ask(rows[0].question, settings.retrieval.top_k, filters=rows[0].filters)
wall, cpu = [], []
for r in rows:
    w, c = time.perf_counter(), time.process_time()
    assistant.ask(r.question, settings.retrieval.top_k, filters=r.filters)
    cpu.append((time.process_time() - c) * 1000.0)
    wall.append((time.perf_counter() - w) * 1000.0)
print(json.dumps({{"wall_ms": wall, "cpu_ms": cpu}}))
"""


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile ``p`` (0-100) of ``values`` (non-empty)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--qa", type=Path, required=True)
    parser.add_argument("--checkouts", nargs="+", type=Path, default=[ROOT])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "answer.json")
    args = parser.parse_args()
    results: dict[str, dict[str, list[float]]] = {str(c): {"wall_ms": [], "cpu_ms": []} for c in args.checkouts}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            for checkout in args.checkouts:
                store = Path(tmp) / f"store-{round_}-{checkout.name}"
                shutil.copytree(args.store, store)
                code = PHASE.format(root=str(checkout.resolve()), store=str(store), qa=str(args.qa.resolve()))
                env = dict(os.environ, PYTHONPATH=str(checkout.resolve()))
                done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                      cwd=checkout, check=True)
                measured = json.loads(done.stdout.strip().splitlines()[-1])
                for key in ("wall_ms", "cpu_ms"):
                    results[str(checkout)][key].extend(measured[key])
                shutil.rmtree(store)
    summary = {}
    print(f"{'checkout':<40} {'n':>4} {'wall p50':>9} {'wall p95':>9} {'cpu p50':>8} {'cpu p95':>8}")
    for checkout, figures in results.items():
        row = {"n": len(figures["cpu_ms"]),
               **{f"{k.split('_')[0]}_p{p}_ms": percentile(figures[k], p) for k in ("wall_ms", "cpu_ms") for p in (50, 95)}}
        summary[checkout] = row
        print(f"{checkout:<40} {row['n']:>4} {row['wall_p50_ms']:>9.0f} {row['wall_p95_ms']:>9.0f} "
              f"{row['cpu_p50_ms']:>8.0f} {row['cpu_p95_ms']:>8.0f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"load_average": os.getloadavg(), "qa": str(args.qa), "summary": summary,
                                    "per_question": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
