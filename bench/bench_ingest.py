"""Benchmark: ingest many small files and one very long file with the real CLI; time and peak memory.

Generates (in a temporary folder) ``--files`` small reports of one or two sentences and one
report of ``--paragraphs`` paragraphs of about ``--paragraph-chars`` characters (each about
one chunk, so the long file alone holds more chunks than Chroma's maximum batch size of
5,461).  A first phase ingests an empty folder to measure the start-up (imports, model
load); ``chunks_per_s`` of the other phases counts the time beyond that start-up.  Each phase runs ``python -m assistant.interfaces.cli -v ingest ...`` in a fresh process on a
fresh store (the re-run phase reuses the first store), so the peak resident memory
(``ru_maxrss`` of that process, from ``os.wait4``) is the phase's own.  After each phase the
store is checked: documents and chunks present, no chunk beyond the documents' ``n_chunks``,
and the number of ``[k/N]`` progress lines the ingest logged.

Usage::

    .venv/bin/python bench/bench_ingest.py --files 3000 --paragraphs 6000 --out bench/results/ingest.json

Prints a table and writes JSON.  A benchmark, not a test: figures depend on the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.offline import configure_offline

WORDS = ("patrol district village convoy forces officials reported detained weapons cache bridge market "
         "council harbor supplies police survey storm repairs school clinic water road checkpoint elders "
         "province governor casualties operation security training equipment").split()


def sentence(rng: random.Random, n_words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n_words)).capitalize() + "."


def make_inputs(folder: Path, n_files: int, n_paragraphs: int, paragraph_chars: int) -> tuple[Path, Path]:
    """``folder/small/report-NNNNN.txt`` (n_files) and ``folder/long/long-report.txt``."""
    rng = random.Random(0)
    small, long = folder / "small", folder / "long"
    small.mkdir(parents=True)
    long.mkdir(parents=True)
    for i in range(n_files):
        text = f"Report {i}: the team counted {rng.randint(1, 999)} houses. {sentence(rng, rng.randint(8, 30))}\n"
        (small / f"report-{i:05d}.txt").write_text(text, encoding="utf-8")
    paragraphs = []
    for i in range(n_paragraphs):
        words = [f"Paragraph {i}:"]
        while sum(len(w) + 1 for w in words) < paragraph_chars:
            words.append(sentence(rng, rng.randint(6, 14)))
        paragraphs.append(" ".join(words))
    (long / "long-report.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return small, long


def run_ingest(path: Path, store: Path, log: Path) -> dict:
    """Run the CLI ingest in a child process; wall time, exit code, peak RSS, summary, progress lines."""
    env = {**os.environ, "ASSISTANT_STORE": str(store)}
    env.pop("ASSISTANT_CHROMA_URL", None)
    start = time.perf_counter()
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "assistant.interfaces.cli", "-v", "ingest", str(path)],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=err, text=True)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    text = log.read_text()
    return {
        "exit_code": os.waitstatus_to_exitcode(status),
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # ru_maxrss is in KiB on Linux
        "summary": out.strip().splitlines()[-1] if out.strip() else "",
        "progress_lines": len(re.findall(r"\] (?:added|updated|unchanged|rejected) ", text)),
        "batch_errors": len(re.findall(r"(?i)batch size|cannot submit more than", text)),
    }


def check_store(store: Path) -> dict:
    """Documents and chunks in the store; ``leftover`` counts chunks no document record accounts for."""
    from assistant.storage.store import ChunkStore, open_client

    chunk_store = ChunkStore(open_client(store), "reports", str(store))
    documents = chunk_store.list_documents()
    chunks = chunk_store.count_chunks()
    expected = sum(d.n_chunks for d in documents)
    return {"documents": len(documents), "chunks": chunks, "leftover": chunks - expected,
            "largest_document_chunks": max((d.n_chunks for d in documents), default=0)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=3000, help="number of small files")
    parser.add_argument("--paragraphs", type=int, default=6000, help="paragraphs of the long file")
    parser.add_argument("--paragraph-chars", type=int, default=480, help="characters per paragraph")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "ingest.json")
    args = parser.parse_args(argv)
    configure_offline()

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        work = Path(tmp)
        small, long = make_inputs(work, args.files, args.paragraphs, args.paragraph_chars)
        (work / "empty").mkdir()
        phases = [
            ("start-up only (empty folder)", work / "empty", work / "store-empty"),
            (f"{args.files} small files", small, work / "store-small"),
            (f"{args.files} small files again (unchanged)", small, work / "store-small"),
            (f"1 file of {args.paragraphs} paragraphs", long / "long-report.txt", work / "store-long"),
        ]
        for number, (name, path, store) in enumerate(phases):
            print(f"running: {name} ...", file=sys.stderr, flush=True)
            row = {"phase": name, **run_ingest(path, store, work / f"phase{number}.log"), **check_store(store)}
            busy = row["seconds"] - rows[0]["seconds"] if rows else 0.0
            row["chunks_per_s"] = round(row["chunks"] / busy, 1) if rows and "again" not in name else None
            rows.append(row)

    header = ["phase", "exit_code", "seconds", "chunks_per_s", "peak_rss_mb", "documents", "chunks",
              "largest_document_chunks", "leftover", "progress_lines", "batch_errors", "summary"]
    widths = [max(len(h), *(len(str(r[h])) for r in rows)) for h in header]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for row in rows:
        print("  ".join(str(row[h]).ljust(w) for h, w in zip(header, widths)))
    payload = {
        "command": " ".join([Path(sys.executable).name, "bench/bench_ingest.py", *(argv or sys.argv[1:])]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_at_end": os.getloadavg(),
                    "torch_threads": os.environ.get("ASSISTANT_TORCH_THREADS", "1 (default)")},
        "inputs": {"files": args.files, "paragraphs": args.paragraphs, "paragraph_chars": args.paragraph_chars},
        "rows": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}", file=sys.stderr)
    return 0 if all(r["exit_code"] == 0 and r["leftover"] == 0 and r["batch_errors"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
