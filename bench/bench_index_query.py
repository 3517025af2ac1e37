"""Benchmark: index throughput and query latency at several store sizes, with peak RSS.

Chunks are built from the devset texts (``../shared/data/devset/docs``), cut into passages of
about ``--chunk-size`` characters and repeated with a numbered prefix until each size is reached.
Embedding is the whole cost of ingest, so at sizes above ``--embed-limit`` the chunks reuse
the vectors of the first ``--embed-limit`` embedded chunks (with small random noise) and the
throughput column then measures the Chroma write only (marked ``write-only``).

Usage::

    .venv/bin/python bench/bench_index_query.py --sizes 1000 10000 100000 --out bench/results/index_query.json

Prints a table and writes JSON.  A benchmark, not a test: figures depend on the machine's load.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.offline import configure_offline


def passages(folder: Path, size: int) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [text[i : i + size] for i in range(0, len(text), size) if text[i : i + size].strip()]
    return texts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, default=ROOT.parent / "shared" / "data" / "devset" / "docs")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--chunk-size", type=int, default=600)
    parser.add_argument("--embed-limit", type=int, default=2000, help="embed at most this many chunks per size")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "index_query.json")
    args = parser.parse_args(argv)
    configure_offline()

    from assistant import Assistant, Settings
    from assistant.types import Chunk

    settings = Settings()
    base = passages(args.docs, args.chunk_size)
    questions = [json.loads(line)["question"] for line in (args.docs.parent / "qa.jsonl").read_text().splitlines()]
    rows = []
    rng = np.random.default_rng(0)
    for size in args.sizes:
        texts = [f"[{i // len(base)}] {base[i % len(base)]}" for i in range(size)]
        with tempfile.TemporaryDirectory() as tmp:
            assistant = Assistant(settings.updated(store=Path(tmp), chroma_url=None))
            n_embed = min(size, args.embed_limit)
            started = time.perf_counter()
            vectors = assistant.embedder.embed(texts[:n_embed])
            embed_seconds = time.perf_counter() - started
            if size > n_embed:
                reps = vectors[np.arange(size - n_embed) % n_embed]
                extra = reps + rng.normal(0, 0.01, reps.shape).astype(np.float32)
                vectors = np.vstack([vectors, extra / np.linalg.norm(extra, axis=1, keepdims=True)])
            started = time.perf_counter()
            per_doc = 100
            from assistant.types import Document

            for d in range(0, size, per_doc):
                part = texts[d : d + per_doc]
                body = "\n\n".join(part)
                doc = Document(id=f"bench{d:07d}", source=f"bench{d:07d}.txt", text=body, content_hash=f"{d:064d}")
                chunks, offset = [], 0
                for i, t in enumerate(part):
                    chunks.append(Chunk(f"{doc.id}:{i:05d}", doc.id, doc.source, i, offset, offset + len(t), t))
                    offset += len(t) + 2
                assistant.store.write_document(doc, chunks, vectors[d : d + per_doc])
            write_seconds = time.perf_counter() - started
            latencies = {}
            for name in ("dense", "hybrid"):
                retriever = assistant.retriever if name == "hybrid" else assistant.retriever.retrievers[0]
                retriever.retrieve(questions[0], 5)  # warm-up (hybrid: builds the BM25 index)
                times = []
                for q in questions[: args.queries]:
                    t0 = time.perf_counter()
                    retriever.retrieve(q, 5)
                    times.append((time.perf_counter() - t0) * 1000)
                latencies[name] = (float(np.percentile(times, 50)), float(np.percentile(times, 95)))
            full = size <= n_embed
            rows.append({
                "chunks": size,
                "embedded_chunks": n_embed,
                "embed_chunks_per_s": n_embed / embed_seconds,
                "index_chunks_per_s": size / (embed_seconds + write_seconds) if full else None,
                "write_chunks_per_s": size / write_seconds,
                "dense_p50_ms": latencies["dense"][0], "dense_p95_ms": latencies["dense"][1],
                "hybrid_p50_ms": latencies["hybrid"][0], "hybrid_p95_ms": latencies["hybrid"][1],
                "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            })
            print(f"done {size}", file=sys.stderr)
    header = f"{'chunks':>8} {'embed/s':>8} {'index/s':>9} {'write/s':>8} {'dense p50':>9} {'p95':>7} {'hybrid p50':>10} {'p95':>7} {'peak RSS MiB':>12}"
    print(header)
    for r in rows:
        index = f"{r['index_chunks_per_s']:.1f}" if r["index_chunks_per_s"] else "write-only"
        print(f"{r['chunks']:>8} {r['embed_chunks_per_s']:>8.1f} {index:>9} {r['write_chunks_per_s']:>8.0f} "
              f"{r['dense_p50_ms']:>9.1f} {r['dense_p95_ms']:>7.1f} {r['hybrid_p50_ms']:>10.1f} {r['hybrid_p95_ms']:>7.1f} {r['peak_rss_mib']:>12.0f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"rows": rows, "args": {k: str(v) for k, v in vars(args).items()}}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
