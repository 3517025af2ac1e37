"""Benchmark: does filtered retrieval keep its recall as the corpus grows?

The public failure (chroma #2769, open-webui #30135): a vector search with a metadata filter
walks the approximate (HNSW) graph and drops the neighbours the filter allows once most of
the graph is filtered out, so recall falls as unrelated documents are added.

Setup: the 23 Valdoria reports (``evalsets/valdoria/docs``) are indexed with the real model;
then unrelated "reports" are added until the store holds ``--sizes`` chunks: passages of
``corpus/`` embedded once (up to ``--embed-limit``), repeated with small random noise, each
distractor document given a random report date in 2018-2020 (the Valdoria reports' period
lies inside it, so a month filter lets about 1/36 of the distractors through) and a random
place.  Questions: the answerable questions of ``evalsets/valdoria/qa.jsonl``, each with the
filter that selects its gold report (the month of the gold report's date).  Measured per
size: recall@5 of the gold report for the dense retriever alone (the Chroma query with the
filter, the path that can lose neighbours) and for the whole hybrid pipeline
(:meth:`Assistant.retrieve`), and the latency of the filtered query.

Usage::

    .venv/bin/python bench/bench_filtered_recall.py --sizes 1000 10000 100000

Prints a table and writes JSON (``bench/results/filtered_recall.json``).  A benchmark, not a
test: timings depend on the machine's load.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.offline import configure_offline  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--embed-limit", type=int, default=600)
    parser.add_argument("--chunks-per-document", type=int, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "filtered_recall.json")
    args = parser.parse_args(argv)
    configure_offline()

    from assistant import Assistant, Settings
    from assistant.language.dates import ReportDate, month_period
    from assistant.language.places import PlaceMention
    from assistant.storage.versions import chunk_id
    from assistant.types import Chunk, Document, DocumentMeta, Filters

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-filtered-") as tmp:
        assistant = Assistant(Settings(store=Path(tmp) / "store"))
        report = assistant.ingest([ROOT / "evalsets" / "valdoria" / "docs"])
        base_chunks = assistant.store.count_chunks()
        entries = assistant.catalog.entries()
        questions = []
        for line in (ROOT / "evalsets" / "valdoria" / "qa.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            named = row.get("answer_doc_ids") or row["doc_ids"]  # "news/x" (ids from relative paths) or "x"
            gold = [d if d in entries else d.rsplit("/", 1)[-1] for d in named]
            gold = [d for d in gold if d in entries]
            if not row["answers"] or not gold or entries[gold[0]].report_date is None:
                continue
            day = entries[gold[0]].report_date
            start, end = month_period(day.year, day.month)
            questions.append((row["question"], set(gold), Filters(date_from=start, date_to=end)))
        passages = [c.text for c in assistant.chunks()]  # the embedded pool for distractors: corpus/
        corpus = Assistant(Settings(store=Path(tmp) / "corpus-store"), embedder=assistant.embedder)
        corpus.ingest([ROOT / "corpus"])
        pool = [c.text for c in corpus.chunks()][: args.embed_limit]
        vectors = assistant.embedder.embed(pool)
        del passages
        rng = np.random.default_rng(0)
        chooser = random.Random(0)
        added = 0
        for size in sorted(args.sizes):
            want = size - base_chunks - added
            docs = []
            while want > 0:
                n = min(args.chunks_per_document, want)
                number = added // args.chunks_per_document + len(docs)
                picks = [chooser.randrange(len(pool)) for _ in range(n)]
                text = "\n\n".join(f"[{number}-{i}] {pool[p]}" for i, p in enumerate(picks))
                doc_id = f"distractor_{number:06d}"
                day = date(2018, 1, 1) + timedelta(days=chooser.randrange(3 * 365))
                place = chooser.choice(["Kandahar", "Helmand", "Kunduz", "Vesk", "Orrin", "Sulvey"])
                meta = DocumentMeta(report=ReportDate(day, 0, 0, "", "head"),
                                    places=(PlaceMention(place, "province", 0, 0, place),), folder="distractors")
                document = Document(doc_id, f"{doc_id}.txt", text, f"{number:064x}", meta=meta)
                chunks, offset = [], 0
                for i, p in enumerate(picks):
                    piece = f"[{number}-{i}] {pool[p]}"
                    chunks.append(Chunk(chunk_id(doc_id, document.content_hash, i), doc_id, document.source, i,
                                        offset, offset + len(piece), piece))
                    offset += len(piece) + 2
                noisy = vectors[picks] + rng.normal(0, 0.02, (n, vectors.shape[1])).astype(np.float32)
                noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
                docs.append((document, chunks, noisy))
                want -= n
            started = time.perf_counter()
            for lo in range(0, len(docs), 200):
                assistant.store.write_documents(docs[lo : lo + 200])
            write_seconds = time.perf_counter() - started
            added += sum(len(c) for _, c, _ in docs)
            total = assistant.store.count_chunks()
            rows.append(measure(assistant, questions, total, write_seconds))
            print_row(rows[-1])
    payload = {"documents": str(ROOT / "evalsets" / "valdoria" / "docs"), "valdoria_chunks": base_chunks,
               "questions": len(questions), "ingest": report.summary(), "rows": rows,
               "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"\n{len(questions)} questions; written to {args.out}")
    return 0


def measure(assistant, questions, total: int, write_seconds: float) -> dict:

    from assistant.retrieval.scope import resolve_scope

    dense_hits = hybrid_hits = unfiltered_hits = hnsw_hits = 0
    dense_ms, hybrid_ms, selected = [], [], []
    for question, gold, filters in questions:
        vector = assistant.embedder.embed([question])[0]
        scope = resolve_scope("", filters, assistant.catalog, read_question=False)
        selected.append(len(assistant.store.matching_ids(dict(scope.where))))
        started = time.perf_counter()
        passages = assistant.store.query(vector, 5, where=scope.where)
        dense_ms.append((time.perf_counter() - started) * 1000)
        dense_hits += any(p.chunk.document_id in gold for p in passages)
        raw = assistant.store._chunks.query(query_embeddings=[vector.tolist()], n_results=15, where=scope.where,
                                            include=["metadatas"])  # Chroma's own filtered HNSW query
        hnsw_hits += any(m["document_id"] in gold for m in raw["metadatas"][0][:5])
        unfiltered = assistant.store.query(vector, 5)
        unfiltered_hits += any(p.chunk.document_id in gold for p in unfiltered)
        started = time.perf_counter()
        query, retrieval = assistant.retrieve(question, 5, filters=filters)
        hybrid_ms.append((time.perf_counter() - started) * 1000)
        hybrid_hits += any(p.chunk.document_id in gold for p in retrieval.passages)
    n = len(questions)
    return {
        "chunks": total, "write_s": round(write_seconds, 1),
        "filtered_chunks_median": int(np.median(selected)),
        "recall5_dense_filtered": round(dense_hits / n, 3), "recall5_hybrid_filtered": round(hybrid_hits / n, 3),
        "recall5_dense_unfiltered": round(unfiltered_hits / n, 3),
        "recall5_chroma_hnsw_filtered": round(hnsw_hits / n, 3),
        "dense_filtered_ms_p50": round(float(np.percentile(dense_ms, 50)), 1),
        "dense_filtered_ms_p95": round(float(np.percentile(dense_ms, 95)), 1),
        "hybrid_filtered_ms_p50": round(float(np.percentile(hybrid_ms, 50)), 1),
        "hybrid_filtered_ms_p95": round(float(np.percentile(hybrid_ms, 95)), 1),
    }


def print_row(row: dict) -> None:
    if row is not None and not getattr(print_row, "header", False):
        print("| chunks | filter passes (median chunks) | recall@5 dense+filter (ours) | recall@5 Chroma HNSW+filter | "
              "recall@5 hybrid+filter | recall@5 dense, no filter | dense+filter p50/p95 ms | hybrid+filter p50/p95 ms |")
        print("|---|---|---|---|---|---|---|---|")
        print_row.header = True
    print(f"| {row['chunks']:,} | {row['filtered_chunks_median']:,} | {row['recall5_dense_filtered']:.3f} | "
          f"{row['recall5_chroma_hnsw_filtered']:.3f} | "
          f"{row['recall5_hybrid_filtered']:.3f} | {row['recall5_dense_unfiltered']:.3f} | "
          f"{row['dense_filtered_ms_p50']:.0f} / {row['dense_filtered_ms_p95']:.0f} | "
          f"{row['hybrid_filtered_ms_p50']:.0f} / {row['hybrid_filtered_ms_p95']:.0f} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
