"""Benchmark of issue 13: the cost of the English pipeline at ingest, side by side with the
code path without it, and the memory of the running app.

Phases (each in a fresh process on a fresh store, alternated ``--rounds`` times so both see
the same load):

* ``ingest+nlp``: ``Assistant.ingest(corpus/)`` as shipped (spaCy in a worker thread while the
  main thread embeds);
* ``ingest-only``: the same with the pipeline replaced by a no-op (what ingest cost before
  the pipeline existed);
* ``app``: ``python app.py`` on a free loopback port with an empty store (it indexes
  ``corpus/`` on first start), then five questions through its HTTP API; the peak resident
  memory (``VmHWM`` of the server process) after them.

Prints a table and writes JSON.  A benchmark, not a test: figures depend on the machine's load
(the load average is recorded)::

    .venv/bin/python bench/bench_typed.py --rounds 2 --out bench/results/typed.json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PHASE = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from assistant.offline import configure_offline
configure_offline()
import assistant.ingest.pipeline as pipeline
from assistant.language.annotations import Annotations
if {no_nlp!r}:
    pipeline.annotate = lambda text: Annotations()
from assistant.api import Assistant
from assistant.config import Settings
started = time.perf_counter()
assistant = Assistant(Settings(store=Path({store!r}), incidents_dir=Path({store!r})))
load = time.perf_counter() - started
started = time.perf_counter()
report = assistant.ingest([Path({corpus!r})])
seconds = time.perf_counter() - started
chunks = sum(r.n_chunks for r in report.results)
print(json.dumps({{"load_s": load, "ingest_s": seconds, "chunks": chunks, "chunks_per_s": chunks / seconds,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

QUESTIONS = [
    "How many airstrikes were reported?",
    "Who was detained in Kandahar in May 2010?",
    "In which village of Zharay district did a joint security force capture a suspected militant?",
    "When was the Taliban leader killed in Watahpur district?",
    "What did the security force find in the compound?",
]


def ingest_phase(no_nlp: bool, corpus: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-typed-") as store:
        code = PHASE.format(root=str(ROOT), no_nlp=no_nlp, store=store, corpus=str(corpus))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        return json.loads(out.stdout.strip().splitlines()[-1])


def app_phase(corpus: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from gradio_client import Client

    from tests.support.browser import start_app

    with tempfile.TemporaryDirectory(prefix="bench-typed-app-") as folder:
        started = time.perf_counter()
        server = start_app(Path(folder) / "store", corpus, Path(folder) / "app.log")
        try:
            ready = time.perf_counter() - started
            client = Client(server.url, verbose=False)
            latencies = []
            for question in QUESTIONS:
                record = json.loads(client.predict(question, api_name="/ask"))
                latencies.append(record["latency_ms"])
            status = Path(f"/proc/{server.process.pid}/status").read_text()
            hwm_kib = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
        finally:
            server.process.terminate()
            server.process.wait(30)
    return {"ready_s": ready, "peak_rss_mib": hwm_kib / 1024, "answer_latency_ms": latencies}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--no-app", action="store_true", help="skip the app phase")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "typed.json")
    args = parser.parse_args()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    rows = []
    for round_ in range(1, args.rounds + 1):
        for name, no_nlp in (("ingest+nlp", False), ("ingest-only", True)):
            result = ingest_phase(no_nlp, args.corpus)
            result.update(phase=name, round=round_, load_average=os.getloadavg()[0])
            rows.append(result)
            print(f"{name:12} round {round_}: {result['chunks']} chunks in {result['ingest_s']:.2f} s "
                  f"= {result['chunks_per_s']:.1f} chunks/s, peak RSS {result['peak_rss_mib']:.0f} MiB "
                  f"(load {result['load_average']:.1f})", flush=True)
    app = None if args.no_app else app_phase(args.corpus)
    if app is not None:
        print(f"app.py: ready (corpus indexed) in {app['ready_s']:.1f} s, peak RSS {app['peak_rss_mib']:.0f} MiB "
              f"after {len(QUESTIONS)} questions; answer latency ms {[round(v) for v in app['answer_latency_ms']]}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"ingest": rows, "app": app}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
