"""Benchmark: opening a store of format 1 (ids were file names, no paths kept) migrates it.

Writes ``--documents`` document records in the shape the code before store format 2 wrote them
(``source, content_hash, n_chunks, size, added_at``, no ``path``, no format record) into a fresh
embedded Chroma store, then times :class:`assistant.storage.store.ChunkStore` opening it (the
migration: one read of every document record and one metadata update per batch), and opening it
again (nothing to do).

Usage::

    .venv/bin/python bench/bench_migration.py --documents 1000 10000 --out bench/results/migration.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def format1_store(folder: Path, count: int):
    from assistant.storage.store import open_client

    client = open_client(folder)
    documents = client.get_or_create_collection("reports-documents", embedding_function=None)
    client.get_or_create_collection("reports", configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)
    client.get_or_create_collection("reports-meta", embedding_function=None)
    batch = int(client.get_max_batch_size())
    for lo in range(0, count, batch):
        ids = [f"report_{i:06d}" for i in range(lo, min(count, lo + batch))]
        documents.upsert(ids=ids, embeddings=[[1.0]] * len(ids), documents=[f"text {i}" for i in ids],
                         metadatas=[{"source": f"{i}.txt", "content_hash": f"{i:0>64}"[-64:], "n_chunks": 1,
                                     "size": 10, "added_at": "2026-11-29T18:45:07+00:00"} for i in ids])
    return client


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "migration.json")
    args = parser.parse_args(argv)

    from assistant.offline import configure_offline
    from assistant.storage.store import ChunkStore

    configure_offline()
    rows = []
    for count in args.documents:
        with tempfile.TemporaryDirectory(prefix="bench-migration-") as tmp:
            client = format1_store(Path(tmp), count)
            started = time.perf_counter()
            store = ChunkStore(client, "reports", tmp)
            migrate_s = time.perf_counter() - started
            assert store.migrated == count and store.store_format() == 2
            assert store.count_assumed_paths() == count
            started = time.perf_counter()
            again = ChunkStore(client, "reports", tmp)
            reopen_s = time.perf_counter() - started
            assert again.migrated == 0
            rows.append({"documents": count, "migrate_s": round(migrate_s, 3), "reopen_s": round(reopen_s, 4)})
    result = {"load_average": [round(x, 2) for x in os.getloadavg()], "rows": rows}
    print(f"load average {', '.join(str(x) for x in result['load_average'])}")
    print(f"{'documents':>10}{'migrate s':>11}{'reopen s':>10}")
    for row in rows:
        print(f"{row['documents']:>10}{row['migrate_s']:>11.3f}{row['reopen_s']:>10.4f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
