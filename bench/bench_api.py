"""Benchmark: the HTTP API under concurrent clients, and questions while an upload is indexed.

Starts ``app.py`` (the real server: API and web page on one port) on a free loopback port over
a fresh store that indexes ``--corpus`` on first start, then:

1. **concurrent clients**: for each N of ``--clients``, N threads (one HTTP connection each)
   send ``--requests`` questions in all to ``POST /v1/ask`` (the questions of ``--questions``,
   in turn); reports throughput (answers per second of wall time) and the latency of each
   request (p50, p95, max);
2. **questions during an upload** (``--upload-files`` files of ``--upload-paragraphs`` made-up
   paragraphs each, about one chunk a paragraph): one client asks questions one after another
   while another uploads the files to ``POST /v1/documents``; reports the upload's time and the
   latency of the questions answered meanwhile.  Run for each ``--modes``: ``separate`` (the
   default server: uploads are embedded by a second model, ``ASSISTANT_SEPARATE_WRITER=true``)
   and ``shared`` (one model and one lock, ``ASSISTANT_SEPARATE_WRITER=false``).

Usage::

    .venv/bin/python bench/bench_api.py --clients 1 4 16 --requests 64 --out bench/results/api.json

Prints a table and writes JSON.  A benchmark, not a test: figures depend on the machine's load
(the client threads share the server's 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.browser import start_app  # noqa: E402
from tests.support.makefiles import report_text  # noqa: E402

DEFAULT_QUESTIONS = ROOT / "evalsets" / "corpus" / "qa.jsonl"


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered))) - 1))]


def summary(latencies: list[float]) -> dict[str, float]:
    """Count, p50, p95 and max of latencies in seconds (as milliseconds)."""
    if not latencies:
        return {"n": 0}
    return {"n": len(latencies), "p50_ms": round(1000 * statistics.median(latencies), 1),
            "p95_ms": round(1000 * percentile(latencies, 0.95), 1), "max_ms": round(1000 * max(latencies), 1)}


def ask(client, url: str, question: str) -> float:
    """Seconds for one ``POST /v1/ask`` (raises on a non-200 answer)."""
    started = time.perf_counter()
    response = client.post(f"{url}v1/ask", json={"question": question}, timeout=300)
    response.raise_for_status()
    return time.perf_counter() - started


def concurrent_clients(url: str, questions: list[str], clients: int, requests: int) -> dict:
    """``requests`` questions sent by ``clients`` threads; throughput and latency."""
    import httpx

    work: queue.Queue[str] = queue.Queue()
    for i in range(requests):
        work.put(questions[i % len(questions)])
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def run() -> None:
        with httpx.Client() as client:
            while True:
                try:
                    question = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    seconds = ask(client, url, question)
                except Exception as exc:  # counted, never hidden
                    with lock:
                        failures.append(f"{type(exc).__name__}: {exc}")
                    continue
                with lock:
                    latencies.append(seconds)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {"clients": clients, "requests": requests, "failures": len(failures), "wall_s": round(wall, 2),
            "throughput_per_s": round(len(latencies) / wall, 2), **summary(latencies)}


def during_upload(url: str, questions: list[str], files: list[Path]) -> dict:
    """Questions asked one after another while ``files`` are uploaded in one request."""
    import httpx

    done = threading.Event()
    upload: dict = {}

    def send() -> None:
        handles = [("files", (f.name, f.read_bytes(), "text/plain")) for f in files]
        started = time.perf_counter()
        with httpx.Client() as client:
            response = client.post(f"{url}v1/documents", files=handles, timeout=1800)
        upload.update(status=response.status_code, seconds=time.perf_counter() - started,
                      summary=response.json().get("summary"))
        done.set()

    latencies: list[float] = []
    with httpx.Client() as client:
        ask(client, url, questions[0])  # warm
        thread = threading.Thread(target=send)
        thread.start()
        i = 0
        while not done.is_set():
            latencies.append(ask(client, url, questions[i % len(questions)]))
            i += 1
        thread.join()
    return {"upload_s": round(upload["seconds"], 2), "upload_status": upload["status"],
            "upload_summary": upload["summary"], "answered_during_upload": len(latencies), **summary(latencies)}


def start(base: Path, corpus: Path, name: str, env: dict[str, str]):
    store = base / f"store-{name}"
    return start_app(store, corpus, base / f"app-{name}.log", timeout_s=600, env=env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--requests", type=int, default=64, help="questions per N (in all, not per client)")
    parser.add_argument("--modes", nargs="*", default=["separate", "shared"], choices=["separate", "shared"],
                        help="writer modes for the upload test (none: skip it)")
    parser.add_argument("--upload-files", type=int, default=6)
    parser.add_argument("--upload-paragraphs", type=int, default=60)
    parser.add_argument("--out", type=Path, help="write the figures here (JSON)")
    args = parser.parse_args(argv)

    questions = [json.loads(line)["question"] for line in args.questions.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    results: dict = {"machine": {"cores": os.cpu_count(), "load_before": os.getloadavg()},
                     "settings": {"requests": args.requests, "questions": str(args.questions.relative_to(ROOT))
                                  if args.questions.is_relative_to(ROOT) else str(args.questions)}}
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        base = Path(tmp)
        corpus = base / "corpus"
        shutil.copytree(args.corpus, corpus)
        server = start(base, corpus, "clients", {})
        try:
            import httpx

            with httpx.Client() as client:
                for question in questions[:3]:
                    ask(client, server.url, question)  # warm up
            results["concurrency"] = [concurrent_clients(server.url, questions, n, args.requests)
                                      for n in args.clients]
        finally:
            server.stop()
        folder = base / "upload"
        folder.mkdir()
        files = []
        for i in range(args.upload_files):
            path = folder / f"bench_upload_{i:02d}.txt"
            path.write_text(report_text(1000 + i, paragraphs=args.upload_paragraphs), encoding="utf-8")
            files.append(path)
        results["upload"] = {}
        for mode in args.modes:
            server = start(base, corpus, mode, {"ASSISTANT_SEPARATE_WRITER": str(mode == "separate").lower()})
            try:
                results["upload"][mode] = during_upload(server.url, questions, files)
            finally:
                server.stop()
    results["machine"]["load_after"] = os.getloadavg()

    print(f"POST /v1/ask, {args.requests} questions per row ({len(questions)} distinct), 2 cores, "
          f"load before {results['machine']['load_before'][0]:.1f}")
    print("| clients | throughput (answers/s) | p50 | p95 | max | failures |")
    print("|---|---|---|---|---|---|")
    for row in results["concurrency"]:
        print(f"| {row['clients']} | {row['throughput_per_s']:.2f} | {row['p50_ms']:.0f} ms | {row['p95_ms']:.0f} ms "
              f"| {row['max_ms']:.0f} ms | {row['failures']} |")
    if results["upload"]:
        print(f"\nQuestions while {args.upload_files} files ({args.upload_paragraphs} paragraphs each) are uploaded")
        print("| writer | upload | answered meanwhile | p50 | p95 | max |")
        print("|---|---|---|---|---|---|")
        for mode, row in results["upload"].items():
            print(f"| {mode} | {row['upload_s']:.1f} s | {row['answered_during_upload']} | {row.get('p50_ms', 0):.0f} ms "
                  f"| {row.get('p95_ms', 0):.0f} ms | {row.get('max_ms', 0):.0f} ms |")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"\nwritten to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
