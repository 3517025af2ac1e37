"""Benchmark: how long does a count across every report in scope take at 1,000 and 10,000 reports?

Setup: the 24 Valdoria reports (``evalsets/valdoria/docs``) are ingested with the real model.
Then synthetic reports are added until the store holds ``--sizes`` reports: each is a dateline
(a random place of ``corpus/`` or Valdoria, a random day in 2010-2019) and 4 to 12 sentences
drawn at random from the real sentences of ``corpus/`` and the Valdoria reports, so the
vocabulary, the places and the lengths are those of real reports.  Every synthetic report is
read by the real English pipeline (:func:`assistant.language.nlp.annotate_many`: sentences,
lemmas, entities) and the real time-and-place readers (:func:`assistant.ingest.metadata.describe`)
and written to the real Chroma store; only its embeddings are copies of real chunk embeddings
with a little noise (embedding 10,000 reports would take about 5 minutes on 2 cores and is
measured in ``docs/INGEST.md``; the count reads embeddings only to widen its candidates).

Measured per size:

* ``index_build_s``: the first count after the store changed rebuilds the in-memory sentence
  index (:class:`assistant.counting.index.SentenceIndex`) from the stored annotations, and the
  time-and-place catalog (:class:`assistant.storage.catalog.Catalog`) every question's scope
  reads;
* the latency of :meth:`Assistant.ask` for every question of ``evalsets/valdoria/count-qa.jsonl``
  with the index warm (p50, p95, max; the whole answer path: parse, scope, candidates,
  decisions, citations), and its CPU time (``time.process_time``, p50, p95 and max: less
  sensitive than the wall clock to other work on the machine); the first question pays for
  loading WordNet and the parser unless ``--warm`` asks every question once before;
* the peak RSS of the process.

Usage::

    .venv/bin/python bench/bench_counting.py --sizes 1000 10000
    .venv/bin/python bench/bench_counting.py --sizes 1000 10000 --keep /tmp/bench-counting

``--keep DIR`` builds one store per size in ``DIR/reports-<size>`` (with the same seed a
store of 1,000 holds the first reports of the store of 10,000) and reuses it on the next run
instead of writing it again (about 5 minutes at 10,000 reports); ``write_s`` is then 0.

Prints a table and writes JSON (``bench/results/counting.json``).  A benchmark, not a test:
timings depend on the machine's load (2 cores shared with other work; the load average is
recorded).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.offline import configure_offline  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--qa", type=Path, default=ROOT / "evalsets" / "valdoria" / "count-qa.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "counting.json")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, default=None,
                        help="keep the stores in DIR/reports-<size> and reuse them (see the docstring)")
    parser.add_argument("--per-question", action="store_true", help="print each question's wall and CPU ms")
    parser.add_argument("--warm", action="store_true",
                        help="ask every question once before the timed round (WordNet, parser warm)")
    args = parser.parse_args(argv)
    configure_offline()

    from assistant import Assistant, Settings

    questions = [json.loads(line)["question"] for line in args.qa.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-counting-") as tmp:
        base = args.keep or Path(tmp)
        pool = None
        for size in sorted(args.sizes):
            store = base / f"reports-{size}"
            reused = args.keep is not None and (store / "complete").exists()
            if not reused:
                shutil.rmtree(store, ignore_errors=True)
            assistant = Assistant(Settings(store=store, incidents_dir=None))
            started = time.perf_counter()
            if not reused:
                assistant.ingest([ROOT / "evalsets" / "valdoria" / "docs"])
                if pool is None:
                    pool = _source(assistant, base / "corpus-store")
                sentences, places, vectors = pool
                chooser = random.Random(args.seed)
                noise = np.random.default_rng(args.seed)
                _add_reports(assistant, size - assistant.count_documents(), sentences, places, vectors, chooser, noise)
                (store / "complete").write_text("", encoding="utf-8")
            write_seconds = time.perf_counter() - started
            rows.append(measure(assistant, questions, write_seconds, args.per_question, args.warm))
            print_row(rows[-1])
            del assistant
    qa = args.qa.resolve()
    payload = {"questions": str(qa.relative_to(ROOT)) if qa.is_relative_to(ROOT) else str(args.qa),
               "n_questions": len(questions), "rows": rows,
               "load_average_1min": os.getloadavg()[0], "cpus": os.cpu_count(),
               "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"\n{len(questions)} questions per size; load average {payload['load_average_1min']:.1f}; "
          f"peak RSS {payload['peak_rss_mib']:.0f} MiB; written to {args.out}")
    return 0


def _source(assistant, corpus_store: Path) -> tuple[list[str], list[str], np.ndarray]:
    """The sentence pool, the places and 200 real chunk embeddings, from ``assistant``'s
    documents (the Valdoria reports) and ``corpus/`` (ingested in ``corpus_store``, removed
    afterwards)."""
    from assistant import Assistant, Settings

    source = Assistant(Settings(store=corpus_store, incidents_dir=None), embedder=assistant.embedder)
    source.ingest([ROOT / "corpus"])
    sentences, places = _pool(assistant, source)
    vectors = np.array([assistant.embedder.embed([c.text])[0] for c in source.chunks()[:200]], dtype=np.float32)
    del source
    shutil.rmtree(corpus_store, ignore_errors=True)
    return sentences, places, vectors


def _pool(*assistants) -> tuple[list[str], list[str]]:
    """The real sentences (30 to 400 characters) and the named places of the assistants' documents."""
    sentences, places = [], set()
    for assistant in assistants:
        for document in assistant.store.annotated_documents([d.id for d in assistant.documents()]):
            if document.annotations is None:
                continue
            for sentence in document.annotations.sentences:
                text = " ".join(document.text[sentence.start : sentence.end].split())
                if 30 <= len(text) <= 400:
                    sentences.append(text)
            places.update(p.name for p in (document.meta.places if document.meta else ()) if p.level)
    return sentences, sorted(places)


def _add_reports(assistant, n: int, sentences, places, vectors, chooser: random.Random, noise) -> None:
    """Write ``n`` synthetic reports (module docstring) in batches of 200."""
    from assistant.ingest.metadata import describe, with_entity_places
    from assistant.language.nlp import annotate_many
    from assistant.types import Document

    first = assistant.count_documents()
    for lo in range(0, n, 200):
        texts = []
        for i in range(lo, min(n, lo + 200)):
            day = date(2010, 1, 1) + timedelta(days=chooser.randrange(10 * 365))
            body = " ".join(chooser.choice(sentences) for _ in range(chooser.randint(4, 12)))
            texts.append(f"{chooser.choice(places).upper()}, {day.day} {day:%B} {day.year} - {body}\n")
        annotations = annotate_many(texts)
        items = []
        for offset, (text, annotation) in enumerate(zip(texts, annotations)):
            number = first + lo + offset
            doc_id = f"synthetic/report_{number:06d}"
            document = Document(doc_id, f"report_{number:06d}.txt", text, f"{number:064x}",
                                path=f"synthetic/report_{number:06d}.txt", annotations=annotation)
            document = with_entity_places(replace(document, meta=describe(document)))
            chunks = assistant.chunker.split(document)
            picks = [chooser.randrange(len(vectors)) for _ in chunks]
            noisy = vectors[picks] + noise.normal(0, 0.02, (len(chunks), vectors.shape[1])).astype(np.float32)
            noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
            items.append((document, chunks, noisy))
        assistant.store.write_documents(items)


def measure(assistant, questions, write_seconds: float, per_question: bool = False, warm: bool = False) -> dict:
    started = time.perf_counter()
    assistant.sentences.refresh()
    assistant.catalog.entries()
    build = time.perf_counter() - started
    for question in questions if warm else ():  # WordNet, the parser, the retrievers' caches
        assistant.ask(question)
    latencies, cpu, counted, readable = [], [], 0, 0
    for question in questions:
        started, started_cpu = time.perf_counter(), time.process_time()
        answer = assistant.ask(question)
        latencies.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        counted += answer.count is not None
        readable += answer.count is not None and answer.count.readable
        if per_question:
            print(f"  {latencies[-1]:8.0f} ms wall {cpu[-1]:8.0f} ms CPU  {question[:90]}", flush=True)
    return {
        "reports": assistant.count_documents(), "chunks": assistant.store.count_chunks(),
        "write_s": round(write_seconds, 1), "index_build_s": round(build, 2),
        "questions": len(questions), "answered_by_count": counted,
        "ask_ms_p50": round(float(np.percentile(latencies, 50)), 1),
        "ask_ms_p95": round(float(np.percentile(latencies, 95)), 1),
        "ask_ms_max": round(max(latencies), 1),
        "cpu_ms_p50": round(float(np.percentile(cpu, 50)), 1),
        "cpu_ms_p95": round(float(np.percentile(cpu, 95)), 1),
        "cpu_ms_max": round(max(cpu), 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def print_row(row: dict) -> None:
    if not getattr(print_row, "header", False):
        print("| reports | chunks | write s | index build s | count questions | ask p50 ms | ask p95 ms | ask max ms | "
              "CPU p50 ms | CPU p95 ms | CPU max ms | load | peak RSS MiB |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        print_row.header = True
    print(f"| {row['reports']:,} | {row['chunks']:,} | {row['write_s']} | {row['index_build_s']} | "
          f"{row['answered_by_count']}/{row['questions']} | {row['ask_ms_p50']:.0f} | {row['ask_ms_p95']:.0f} | "
          f"{row['ask_ms_max']:.0f} | {row['cpu_ms_p50']:.0f} | {row['cpu_ms_p95']:.0f} | {row['cpu_ms_max']:.0f} | "
          f"{row['load_average_1min']:.1f} | {row['peak_rss_mib']} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
