"""Consistency: SIGKILL mid-ingest (real subprocess), atomic updates for readers, reopening in a new process."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import threading
import time
from collections import Counter

from assistant.ingest.loading import content_hash
from assistant.interfaces.serialize import answer_record
from assistant.storage.versions import chunk_version
from assistant.types import Document, IngestStatus, Query
from tests.support.makefiles import report_text
from tests.support.paths import ROOT
from tests.support.processes import cli_command, read_lines, wait_for_line


def test_sigkill_mid_ingest_leaves_no_partial_document(tmp_path, make_assistant):
    folder = tmp_path / "reports"
    folder.mkdir()
    n = 40
    for i in range(n):
        (folder / f"r{i:03d}.txt").write_text(report_text(i, paragraphs=7), encoding="utf-8")
    store = tmp_path / "store"
    proc = subprocess.Popen(
        cli_command("-v", "ingest", str(folder), "--store", str(store)),
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(proc.stderr, lines), daemon=True).start()
    try:
        wait_for_line(lines, rf"\[6/{n}\] added", timeout=240)
        time.sleep(0.15)  # land somewhere inside the next file's embed or write
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    assistant = make_assistant("store")  # the same folder, reopened by this process
    documents = assistant.documents()
    assert 6 <= len(documents) < n, "the kill did not land mid-ingest"
    visible = assistant.store.all_chunks()
    for info in documents:
        text = assistant.document_text(info.id)
        assert text == (folder / info.source).read_text(encoding="utf-8")
        chunks = [c for c in visible if c.document_id == info.id]
        assert [c.index for c in chunks] == list(range(info.n_chunks)), info.id
        assert all(text[c.start : c.end] == c.text for c in chunks)
    indexed = {info.id for info in documents}
    assert {c.document_id for c in visible} == indexed
    passages = assistant.retriever.retrieve(Query.parse("survey team counted damaged houses in sector"), 20)
    assert passages and all(p.chunk.document_id in indexed for p in passages)

    report = assistant.ingest([folder])  # running the ingest again completes it
    assert report.count(IngestStatus.UNCHANGED) == len(documents)
    assert report.count(IngestStatus.ADDED) == n - len(documents) and not report.rejected
    assert assistant.store.count_documents() == n
    assert assistant.store.count_chunks() == sum(d.n_chunks for d in assistant.documents()), "leftover chunks"


HARBOR = [
    "Harbor inspection report, {version}.",
    "The inspectors counted {cranes} damaged cranes at the northern harbor after the storm.",
    "Repairs are expected to take {weeks} weeks, the port authority said in its {version} statement.",
    "Shipping companies were told to use the southern terminal, where {berths} berths remain open.",
]


def harbor_version(version: str, cranes: str, weeks: str, berths: str) -> Document:
    text = "\n\n".join(HARBOR).format(version=version, cranes=cranes, weeks=weeks, berths=berths) + "\n"
    return Document("harbor", "harbor.txt", text, content_hash(text))


def test_an_update_is_atomic_for_readers(make_assistant, small_corpus, embedder):
    assistant = make_assistant(chunk_size=100, chunk_overlap=0)
    assistant.ingest([small_corpus])
    versions = []
    for document in (harbor_version("first", "17", "six", "two"), harbor_version("second", "23", "nine", "four")):
        chunks = assistant.chunker.split(document)
        versions.append((document, chunks, embedder.embed([c.text for c in chunks])))
    assert len(versions[0][1]) == 4
    assistant.store.write_document(*versions[0])
    question = "How many damaged cranes did the inspectors count at the northern harbor?"
    vector = embedder.embed([question])[0]
    reading = threading.Event()
    reading.set()
    writes: list[int] = []
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            while reading.is_set() and len(writes) < 2000:
                assistant.store.write_document(*versions[(len(writes) + 1) % 2])
                writes.append(1)
                time.sleep(0.01)
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    seen: Counter = Counter()
    try:
        for _ in range(12):
            dense = [p for p in assistant.store.query(vector, 6) if p.chunk.document_id == "harbor"]
            assert dense, "the document vanished from the dense results during an update"
            assert len({chunk_version(p.chunk.id) for p in dense}) == 1, "dense results mix two versions"
            snapshot = [c for c in assistant.store.all_chunks() if c.document_id == "harbor"]
            assert [c.index for c in snapshot] == [0, 1, 2, 3], "the keyword index would see a partial version"
            assert len({chunk_version(c.id) for c in snapshot}) == 1, "the keyword index would see two versions"
            answer = assistant.ask(question)
            assert answer.has_answer and answer.citations, "an answer during the update found nothing"
            cranes = {"17" in c.text for c in answer.citations if c.document_id == "harbor"}
            assert len(cranes) == 1 and any(x in answer.text for x in ("17 damaged", "23 damaged")), answer.text
            seen[chunk_version(dense[0].chunk.id)] += 1
    finally:
        reading.clear()
        thread.join()
    assert not failures, failures
    assert len(writes) >= 6 and len(seen) == 2, (len(writes), seen)
    final = versions[len(writes) % 2][0]
    assert assistant.document_text("harbor") == final.text
    raw = assistant.store._chunks.get(where={"document_id": "harbor"}, include=[])
    assert len(raw["ids"]) == 4 and all(chunk_version(i) == final.content_hash[:12] for i in raw["ids"])


def test_a_new_process_gives_the_same_answers(make_assistant, small_corpus, tmp_path):
    assistant = make_assistant("shared-store")
    assistant.ingest([small_corpus])
    questions = [
        "How many airstrikes were reported?",
        "How much opium did the combined force seize in Kajaki district?",
        "Who won the 1966 football world cup?",
    ]
    expected = [answer_record(assistant.ask(q), str(i)) for i, q in enumerate(questions)]
    qfile, out = tmp_path / "q.jsonl", tmp_path / "a.jsonl"
    qfile.write_text("".join(json.dumps({"id": str(i), "question": q}) + "\n" for i, q in enumerate(questions)))
    env = {**os.environ, "ASSISTANT_STORE": str(tmp_path / "shared-store")}
    subprocess.run(cli_command("ask", "--questions", str(qfile), "--out", str(out)), cwd=ROOT, env=env,
                   check=True, timeout=300, capture_output=True)
    got = [json.loads(line) for line in out.read_text().splitlines()]
    assert [g["has_answer"] for g in got] == [True, True, False]
    for mine, theirs in zip(expected, got):
        assert theirs["answer"] == mine["answer"]
        assert [c["chunk_id"] for c in theirs["retrieved"]] == [c["chunk_id"] for c in mine["retrieved"]]
        strip = lambda cs: [{k: v for k, v in c.items() if k != "score"} for c in cs]  # noqa: E731
        assert strip(theirs["citations"]) == strip(mine["citations"])


def _crash_before_the_record(assistant, document: Document) -> None:
    """Write ``document``'s chunks, then die where the document record would be written."""
    store = assistant.store
    chunks, vectors = _chunks_and_vectors(assistant, document)

    def die(*args, **kwargs):
        raise KeyboardInterrupt("killed")

    original = store._documents.upsert
    store._documents.upsert = die
    try:
        store.write_document(document, chunks, vectors)
    except KeyboardInterrupt:
        pass
    finally:
        store._documents.upsert = original


def test_chunks_of_a_write_that_died_are_removed_at_a_later_write(make_assistant):
    assistant = make_assistant()
    old = harbor_version("March", "12", "six", "four")
    new = harbor_version("April", "15", "eight", "three")
    assistant.store.write_document(old, *_chunks_and_vectors(assistant, old))
    _crash_before_the_record(assistant, new)
    visible = assistant.store.all_chunks()
    assert {chunk_version(c.id) for c in visible} == {old.content_hash[:12]}  # readers see the old version
    assert assistant.store.count_chunks() > len(visible)  # the dead write's chunks are stored

    other = Document("tide", "tide.txt", "Tide tables for the harbor were updated.\n",
                     content_hash("Tide tables for the harbor were updated.\n"))
    assistant.store.write_document(other, *_chunks_and_vectors(assistant, other))
    assert assistant.store.count_chunks() > len(assistant.store.all_chunks()), "a young intent may be a live writer"

    assistant.store.stale_write_seconds = 0.0
    assert assistant.store.sweep_stale_writes() > 0
    assert assistant.store.count_chunks() == len(assistant.store.all_chunks())
    assert assistant.ask("How many damaged cranes did the inspectors count?").text.count("12") >= 1
    assert assistant.store.sweep_stale_writes() == 0


def _chunks_and_vectors(assistant, document: Document):
    chunks = assistant.chunker.split(document)
    return chunks, assistant.embedder.embed([c.text for c in chunks])


def test_old_chunks_left_by_a_write_that_died_after_its_record_are_removed(make_assistant):
    assistant = make_assistant()
    store = assistant.store
    old = harbor_version("March", "12", "six", "four")
    new = harbor_version("April", "15", "eight", "three")
    store.write_document(old, *_chunks_and_vectors(assistant, old))

    def die(*args, **kwargs):
        raise KeyboardInterrupt("killed")

    store._touch = die  # dies after the new record, before the old version's chunks are deleted
    try:
        store.write_document(new, *_chunks_and_vectors(assistant, new))
    except KeyboardInterrupt:
        pass
    del store._touch
    visible = store.all_chunks()
    assert {chunk_version(c.id) for c in visible} == {new.content_hash[:12]}
    assert store.count_chunks() > len(visible)
    assert store.sweep_stale_writes(older_than=0.0) > 0
    assert store.count_chunks() == len(store.all_chunks()) == len(visible)
