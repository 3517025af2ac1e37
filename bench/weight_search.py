"""Coordinate search of the answer weights on half A (tune) only: each step tries each listed
value of one weight with the others fixed, keeps the best by the mean over the sets of the share
of questions handled right (answered with a gold alias, or declined when unanswerable), and
prints every trial.  Half B is never asked.

    .venv/bin/python bench/weight_search.py --grid near=0.4,0.7,1.0 cosine=0.5,0.9 --out /tmp/search.json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def objective(summary: dict) -> float:
    values = []
    for report in summary.values():
        m = report["overall"]
        right = (m["accuracy"] or 0) * m["n_answerable"] + (m["abstention"] or 0) * m["n_unanswerable"]
        values.append(right / max(1, m["n"]))
    return sum(values) / len(values)


def run(weights: dict[str, float], sets: list[str], stores: Path | None = None) -> tuple[float, dict]:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [sys.executable, str(ROOT / "bench" / "answer_sweep.py"), "--half", "A", "--sets", *sets,
                   "--out", out.name, *(["--stores", str(stores)] if stores else []),
                   "--weights", *(f"{k}={v}" for k, v in weights.items())]
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        summary = json.loads(Path(out.name).read_text())
    return objective(summary), {n: (r["overall"]["accuracy"], r["overall"]["abstention"]) for n, r in summary.items()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grid", nargs="+", required=True, metavar="NAME=V1,V2,...")
    parser.add_argument("--sets", nargs="+", default=["devset", "reports-qa", "corpus", "valdoria"])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--stores", type=Path, help="answer_sweep.py's --stores (default: its own)")
    args = parser.parse_args()
    grid = {name: [float(v) for v in values.split(",")] for name, values in (g.split("=") for g in args.grid)}
    chosen: dict[str, float] = {}
    trials = []
    best, _ = run(chosen, args.sets, args.stores)
    print(f"start {best:.3f}", flush=True)
    for name, values in grid.items():
        for value in values:
            score, detail = run({**chosen, name: value}, args.sets, args.stores)
            trials.append({"weights": {**chosen, name: value}, "objective": score, "sets": detail})
            print(f"{name}={value}: {score:.3f} {detail}", flush=True)
            if score > best:
                best, chosen = score, {**chosen, name: value}
    print(f"chosen {chosen} objective {best:.3f}")
    if args.out:
        args.out.write_text(json.dumps({"chosen": chosen, "objective": best, "trials": trials}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
