"""Benchmark: a fresh process over an existing store: how long do its first count and its first
hybrid (keyword + dense) question take, and how long do the persisted indexes take to load?

For each store (``--stores``: folders made by ``bench/bench_counting.py --keep DIR``, e.g.
``DIR/reports-10000``) this starts fresh Python processes (nothing cached in memory; the
operating system's file cache is warm after the first):

* ``first``: opens the :class:`~assistant.api.Assistant` (the embedding model loads: ``open_s``),
  asks one count question (``--count``) and then one question answered from hybrid retrieval
  (``--hybrid``, not a count), each timed (wall and CPU).  The first count also loads the
  English parser and WordNet for reading the question (``parser_s``: timed apart in the
  ``load`` process);
* ``warm`` (with ``--warm``): opens the assistant, calls :meth:`~assistant.api.Assistant.warm_up`
  (what the server does in a background thread at start: the indexes, the parser, WordNet;
  ``warm_up_s``), then asks the same two questions: what a server's first user waits;
* ``load``: opens the assistant and times each index on its own: the counting sentence index
  (:class:`~assistant.counting.index.SentenceIndex`), the BM25 keyword index
  (:class:`~assistant.retrieval.keyword.KeywordRetriever`) and the time-and-place catalog, and
  records whether each was read from its file (``loaded``) or built from the store (``built``).

With ``--rebuild`` the index files are deleted first (in a copy of the store unless
``--in-place``), to measure what a fresh process paid before the indexes were kept on disk.

Usage::

    python bench/bench_cold_start.py --stores STORES/reports-1000 STORES/reports-10000

Prints a table and writes JSON (``bench/results/cold_start.json``).  Timings depend on the load
of the 2 shared cores (recorded).
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

COUNT = "In how many reports was a checkpoint attacked at night and people detained afterwards?"
HYBRID = "Who was the target of the 9 February 2019 airstrike on Dobrath, according to the Air Corps?"

CHILD = r'''
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
from assistant.offline import configure_offline
configure_offline()
from assistant import Assistant, Settings
mode, store, count, hybrid = sys.argv[2:6]
out = {}
def timed(name, call):
    wall, cpu = time.perf_counter(), time.process_time()
    value = call()
    out[name + "_s"] = round(time.perf_counter() - wall, 3)
    out[name + "_cpu_s"] = round(time.process_time() - cpu, 3)
    return value
assistant = timed("open", lambda: Assistant(Settings(store=store, incidents_dir=None)))
if mode in ("first", "warm"):
    if mode == "warm":
        timed("warm_up", assistant.warm_up)
    answer = timed("first_count", lambda: assistant.ask(count))
    out["count_answer"] = answer.text.splitlines()[0][:80]
    answer = timed("first_hybrid", lambda: assistant.ask(hybrid))
    out["hybrid_answer"] = answer.text[:80]
    out["hybrid_was_count"] = answer.count is not None
else:
    from assistant.language.nlp import parse_question
    from assistant.language.wordnet import wordnet
    timed("sentence_index", assistant.sentences.refresh)
    keywords = assistant.keywords  # main before the index files had only the private _refresh
    timed("keyword_index", keywords.refresh if hasattr(keywords, "refresh") else keywords._refresh)
    timed("catalog", assistant.catalog.entries)
    timed("parser", lambda: (parse_question("How many reports?"), wordnet(str(assistant.settings.answering.wordnet_dir))))
    stored = getattr(assistant.sentences, "stored", None)
    out["sentence_index"] = "loaded" if stored is not None and stored.loads else "built"
    stored = getattr(assistant.keywords, "stored", None)
    out["keyword_index"] = "loaded" if stored is not None and stored.loads else "built"
    out["reports"] = assistant.count_documents()
out["load_average_1min"] = round(os.getloadavg()[0], 2)
print(json.dumps(out))
'''


def run(mode: str, store: Path, count: str, hybrid: str, code: Path = ROOT) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(code), mode, str(store), count, hybrid],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the {mode} process failed on {store}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def index_files(store: Path) -> list[Path]:
    return [p for p in store.iterdir() if p.name.endswith(("-sentence-index.npz", "-keyword-index", "-catalog.npz"))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stores", type=Path, nargs="+", required=True)
    parser.add_argument("--count", default=COUNT, help="the count question asked first")
    parser.add_argument("--hybrid", default=HYBRID, help="the hybrid-retrieval question asked second")
    parser.add_argument("--rebuild", action="store_true", help="delete the index files first (see the docstring)")
    parser.add_argument("--in-place", action="store_true", help="with --rebuild: in the store itself, not a copy")
    parser.add_argument("--warm", action="store_true",
                        help="also a process that calls Assistant.warm_up() (what a server does at start) before asking")
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="the checkout whose assistant/ is measured (e.g. a clone of main for the figures before)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "cold_start.json")
    args = parser.parse_args(argv)
    rows = []
    for store in args.stores:
        with tempfile.TemporaryDirectory(prefix="cold-start-", dir=store.parent) as tmp:
            target = store
            if args.rebuild:
                if not args.in_place:
                    target = Path(tmp) / store.name
                    shutil.copytree(store, target)
                for path in index_files(target):
                    shutil.rmtree(path) if path.is_dir() else path.unlink()
            if not args.rebuild:  # the files exist (made by a warm-up process when missing)
                run("load", target, args.count, args.hybrid, args.code)
            loads = run("load", target, args.count, args.hybrid, args.code)
            if args.rebuild:
                for path in index_files(target):
                    shutil.rmtree(path) if path.is_dir() else path.unlink()
            first = run("first", target, args.count, args.hybrid, args.code)
            warm = run("warm", target, args.count, args.hybrid, args.code) if args.warm else {}
        row = {"store": str(store), "code": str(args.code), "rebuild": args.rebuild, **loads, **{f"first.{k}": v for k, v in first.items()},
               **{f"warm.{k}": v for k, v in warm.items()}}
        rows.append(row)
        print_row(row)
    payload = {"rows": rows, "cpus": os.cpu_count(), "count_question": args.count, "hybrid_question": args.hybrid}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.out}")
    return 0


def print_row(row: dict) -> None:
    if not getattr(print_row, "header", False):
        print("| reports | indexes | open s | sentence index s | keyword index s | catalog s | parser+WordNet s | "
              "first count s (CPU) | first hybrid s (CPU) | load |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        print_row.header = True
    print(f"| {row['reports']:,} | {row['sentence_index']}/{row['keyword_index']} | {row['first.open_s']:.1f} | "
          f"{row['sentence_index_s']:.2f} | {row['keyword_index_s']:.2f} | {row['catalog_s']:.2f} | {row['parser_s']:.2f} | "
          f"{row['first.first_count_s']:.2f} ({row['first.first_count_cpu_s']:.2f}) | "
          f"{row['first.first_hybrid_s']:.2f} ({row['first.first_hybrid_cpu_s']:.2f}) | "
          f"{row['first.load_average_1min']:.1f} |", flush=True)
    if "warm.warm_up_s" in row:
        print(f"|   after warm_up ({row['warm.warm_up_s']:.2f} s) | | | | | | | "
              f"{row['warm.first_count_s']:.2f} ({row['warm.first_count_cpu_s']:.2f}) | "
              f"{row['warm.first_hybrid_s']:.2f} ({row['warm.first_hybrid_cpu_s']:.2f}) | "
              f"{row['warm.load_average_1min']:.1f} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
