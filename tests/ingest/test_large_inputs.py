"""Large inputs in small: writes and reads split into batches, and progress per file.

The full scale (3,000 files, a 6,000-paragraph file past Chroma's 5,461-record batch limit)
is measured by ``bench/bench_ingest.py``; here the store's batch size is lowered so that the
same code paths run on a real Chroma in a second.
"""

from __future__ import annotations

import logging

import numpy as np

from assistant.ingest.loading import content_hash
from assistant.storage.store import ChunkStore, open_client
from assistant.types import Chunk, Document, IngestStatus
from tests.support.makefiles import report_text


def document_with_chunks(doc_id: str, n: int, tag: str) -> tuple[Document, list[Chunk], np.ndarray]:
    pieces = [f"{tag} paragraph {i} of {doc_id}." for i in range(n)]
    text = "\n\n".join(pieces)
    document = Document(doc_id, f"{doc_id}.txt", text, content_hash(text))
    chunks, start = [], 0
    for i, piece in enumerate(pieces):
        chunks.append(Chunk(f"{doc_id}:{document.content_hash[:12]}:{i:05d}", doc_id, document.source, i,
                            start, start + len(piece), piece))
        start += len(piece) + 2
    vectors = np.random.default_rng(n).normal(size=(n, 8)).astype(np.float32)
    return document, chunks, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_writes_and_reads_in_batches_lose_nothing(tmp_path):
    store = ChunkStore(open_client(tmp_path / "s"), "batches", str(tmp_path), batch_size=7)
    big = document_with_chunks("big", 45, "first")
    store.write_document(*big)
    for i in range(10):
        store.write_document(*document_with_chunks(f"small{i}", 2, "small"))
    chunks = store.all_chunks()
    assert len(chunks) == 45 + 20 == store.count_chunks()
    assert [c.index for c in chunks if c.document_id == "big"] == list(range(45))
    assert all(big[0].text[c.start : c.end] == c.text for c in chunks if c.document_id == "big")
    assert len(store.signature()) == 11 == store.count_documents()

    newer = document_with_chunks("big", 16, "second")  # replaces 45 chunks, deleted 7 at a time
    store.write_document(*newer)
    assert store.count_chunks() == 16 + 20
    assert {c.text.split()[0] for c in store.all_chunks() if c.document_id == "big"} == {"second"}
    assert store.remove_document("big") == 16 and store.count_chunks() == 20
    hits = store.query(newer[2][0], 5)
    assert hits and all(h.chunk.document_id.startswith("small") for h in hits)


def test_progress_is_reported_for_every_file(make_assistant, tmp_path, caplog):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(25):
        (folder / f"r{i:02d}.txt").write_text(f"Report {i}. " + report_text(i, paragraphs=1, words=12))
    calls = []
    assistant = make_assistant()
    with caplog.at_level(logging.INFO, logger="assistant.ingest"):
        report = assistant.ingest([folder], progress=lambda done, total, path: calls.append((done, total, path)))
    assert report.count(IngestStatus.ADDED) == 25
    assert [(d, t) for d, t, _ in calls] == [(i, 25) for i in range(1, 26)]
    assert calls[-1][2].endswith("r24.txt")
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("assistant.ingest")]
    assert sum("/25] added" in line for line in lines) == 25
