"""Retrieval ablation: recall@k and MRR per chunking and retriever, on one or more QA sets.

For each chunk size/overlap the documents are indexed once into a temporary store;
then every retriever (dense, bm25, hybrid, and each of them reranked with
``assistant.retrieval.reranking.AnswerTypeReranker``) is scored on the same index, so the
figures compare retrieval alone (no answerer).  recall@k and MRR are computed over
the answerable questions at document level, exactly as ``assistant eval`` does
(``assistant.evaluation.metrics.score``).

Usage::

    .venv/bin/python bench/retrieval_sweep.py \\
        --set reports-qa ../shared/data/reports-qa/qa.jsonl corpus \\
        --set devset ../shared/data/devset/qa.jsonl ../shared/data/devset/docs \\
        --chunks 400:50 600:100 1000:150 --k 5 --out bench/results/retrieval_sweep.json

Prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.offline import configure_offline


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", nargs=3, action="append", metavar=("NAME", "QA", "DOCS"), required=True)
    parser.add_argument("--chunks", nargs="+", default=["600:100"], help="SIZE:OVERLAP pairs")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--candidates", type=int, nargs="+", default=[30])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "retrieval_sweep.json")
    args = parser.parse_args(argv)
    configure_offline()

    from assistant import Assistant, Settings
    from assistant.evaluation.metrics import QuestionResult, read_qa, score
    from assistant.models.embedders import SentenceTransformerEmbedder
    from assistant.retrieval.dense import DenseRetriever
    from assistant.retrieval.hybrid import HybridRetriever
    from assistant.retrieval.keyword import KeywordRetriever
    from assistant.retrieval.reranking import AnswerTypeReranker, RerankingRetriever
    from assistant.types import Answer

    settings = Settings()
    embedder = SentenceTransformerEmbedder(settings.embedding.model_path(), threads=settings.embedding.torch_threads)
    rows = []
    for spec in args.chunks:
        size, overlap = (int(x) for x in spec.split(":"))
        for name, qa_path, docs in args.set:
            qa = read_qa(qa_path)
            with tempfile.TemporaryDirectory() as tmp:
                s = settings.updated(store=Path(tmp), chroma_url=None, chunk_size=size, chunk_overlap=overlap)
                assistant = Assistant(s, embedder=embedder)
                t0 = time.perf_counter()
                assistant.ingest([Path(docs)])
                index_s = time.perf_counter() - t0
                dense = DenseRetriever(assistant.store, embedder)
                keywords = KeywordRetriever(assistant.store)
                retrievers = {"dense": dense, "bm25": keywords}
                for c in args.candidates:
                    retrievers[f"hybrid(c={c})"] = HybridRetriever(dense, keywords, candidates=c)
                for rname in list(retrievers):
                    retrievers[f"{rname}+rerank"] = RerankingRetriever(
                        retrievers[rname], AnswerTypeReranker(), candidates=max(args.candidates)
                    )
                for rname, retriever in retrievers.items():
                    retriever.retrieve(qa[0].question, args.k)
                    results, times = [], []
                    for row in qa:
                        t0 = time.perf_counter()
                        passages = retriever.retrieve(row.question, args.k)
                        times.append((time.perf_counter() - t0) * 1000)
                        answer = Answer(question=row.question, text="", has_answer=False, passages=tuple(passages))
                        results.append(QuestionResult.from_answer(row, answer))
                    m = score(results, args.k).overall
                    rows.append({
                        "set": name, "chunk_size": size, "chunk_overlap": overlap,
                        "chunks": assistant.store.count_chunks(), "index_s": round(index_s, 1),
                        "retriever": rname, "recall_at_k": m.recall_at_k, "mrr": m.mrr,
                        "p50_ms": float(np.percentile(times, 50)), "p95_ms": float(np.percentile(times, 95)),
                    })
                    print(json.dumps(rows[-1]), file=sys.stderr)
                del assistant
    print(f"{'set':<11} {'chunk':>9} {'chunks':>6} {'retriever':<20} {'recall@' + str(args.k):>9} {'MRR':>6} {'p50 ms':>7} {'p95 ms':>7}")
    for r in rows:
        print(f"{r['set']:<11} {str(r['chunk_size']) + ':' + str(r['chunk_overlap']):>9} {r['chunks']:>6} {r['retriever']:<20} "
              f"{r['recall_at_k']:>9.3f} {r['mrr']:>6.3f} {r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"k": args.k, "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
