"""The keyword index, the counting sentence index and the catalog kept in the store's folder:
a fresh assistant reads them instead of rebuilding, ingest and removal keep them up to date,
a stale, corrupt or half-written one is rebuilt (real Chroma, real model, tmp folders)."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant, Settings
from assistant.storage.persisted import index_path, load_index, save_index
from assistant.types import Query
from tests.support.paths import ROOT

VALDORIA = ROOT / "evalsets" / "valdoria" / "docs"

FOOTBRIDGE = """DALMESA, 3 June 2019 - A footbridge over the Zelvan canal was damaged by floodwater on Sunday
night, district officials said. Nobody was hurt. Engineers from the Zelvan works office expect to
reopen the crossing within a week.
"""

COUNT = "In how many reports was a footbridge damaged?"
PLAIN = "What did the Zelvan works office engineers expect?"


@pytest.fixture
def reports(tmp_path) -> Path:
    """Four Valdoria reports (our own public set) in a folder of the test."""
    folder = tmp_path / "docs"
    for name in ("news/courier_sarva_bridge.txt", "ministry/health_clinics_reopened.txt",
                 "ministry/interior_marjit_checkpoint.txt", "news/teren_herald_crops.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(VALDORIA / name, folder / name)
    return folder


def fresh(store: Path, embedder) -> Assistant:
    """A new assistant over ``store``: nothing kept in memory from another one."""
    return Assistant(Settings(store=store, incidents_dir=None), embedder=embedder)


def files(store: Path) -> dict[str, Path]:
    return {"sentences": store / "reports-sentence-index.npz", "keywords": store / "reports-keyword-index",
            "catalog": store / "reports-catalog.npz"}


def counted(answer) -> tuple:
    result = answer.count
    return (answer.text, result.count if result else None,
            tuple((c.document_id, c.start, c.end) for c in answer.citations))


def keyword_documents(assistant: Assistant, text: str) -> set[str]:
    return {p.chunk.document_id for p in assistant.keywords.retrieve(Query.parse(text), 10)}


def test_a_fresh_assistant_reads_the_indexes_from_the_store_folder_instead_of_rebuilding(tmp_path, reports, embedder):
    store = tmp_path / "store"
    first = fresh(store, embedder)
    first.ingest([reports])
    assert all(p.exists() for p in files(store).values())
    assert first.sentences.builds == 1 and first.keywords.builds == 1  # built once, at the end of the ingest
    expected_count, expected_plain = counted(first.ask("In how many reports was a bridge damaged?")), first.ask(PLAIN)

    second = fresh(store, embedder)
    count, plain = second.ask("In how many reports was a bridge damaged?"), second.ask(PLAIN)
    assert second.sentences.stored.loads == 1 and second.sentences.builds == 0
    assert second.keywords.stored.loads == 1 and second.keywords.builds == 0 and second.keywords.tokenised == 0
    assert second.catalog.stored.loads == 1
    assert counted(count) == expected_count
    assert (plain.text, [c.document_id for c in plain.citations]) == \
           (expected_plain.text, [c.document_id for c in expected_plain.citations])
    assert second.sentences.documents == first.sentences.documents  # every field, every sentence
    assert second.keywords._chunks == first.keywords._chunks


def test_adding_and_removing_a_document_updates_the_indexes_seen_by_a_new_process(tmp_path, reports, embedder):
    store = tmp_path / "store"
    fresh(store, embedder).ingest([reports])
    added = tmp_path / "more"
    added.mkdir()
    (added / "footbridge.txt").write_text(FOOTBRIDGE, encoding="utf-8")

    writer = fresh(store, embedder)
    writer.ingest([added])
    assert writer.keywords.tokenised == writer.document_info("footbridge").n_chunks  # only the new chunks
    assert writer.sentences.stored.loads == 1  # the file of the first ingest, updated with one document

    reader = fresh(store, embedder)
    answer = reader.ask(COUNT)
    assert answer.count.count == 1 and answer.citations[0].document_id == "footbridge"
    assert "footbridge" in keyword_documents(reader, "Zelvan canal footbridge")
    assert reader.sentences.builds == 0 and reader.keywords.builds == 0

    writer.remove("footbridge")
    script = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
              "from assistant.offline import configure_offline; configure_offline()\n"
              "from assistant import Assistant, Settings\n"
              "from assistant.types import Query\n"
              f"a = Assistant(Settings(store={str(store)!r}, incidents_dir=None))\n"
              f"answer = a.ask({COUNT!r})\n"
              "found = sorted({p.chunk.document_id for p in a.keywords.retrieve(Query.parse('Zelvan canal footbridge'), 10)})\n"
              "import json; print(json.dumps([answer.count.count, found, a.sentences.builds, a.keywords.builds]))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600, cwd=ROOT,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    count, found, sentence_builds, keyword_builds = json.loads(done.stdout.strip().splitlines()[-1])
    assert count == 0 and "footbridge" not in found
    assert sentence_builds == 0 and keyword_builds == 0  # read from the files the removal wrote


def test_a_corrupt_or_old_index_file_is_rebuilt_with_one_log_line(tmp_path, reports, embedder, caplog):
    store = tmp_path / "store"
    first = fresh(store, embedder)
    first.ingest([reports])
    expected = counted(first.ask("In how many reports was a bridge damaged?"))
    paths = files(store)
    paths["sentences"].write_bytes(paths["sentences"].read_bytes()[:5000])  # cut short
    (paths["keywords"] / "current.json").write_text("{not json", encoding="utf-8")
    header, archive = load_index(paths["catalog"], {})
    with archive:
        save_index(paths["catalog"], {**header, "format": 0}, {"entries": archive["entries"]})  # an older format

    with caplog.at_level(logging.INFO):
        second = fresh(store, embedder)
        answer = second.ask("In how many reports was a bridge damaged?")
        second.ask(PLAIN)
    assert counted(answer) == expected
    assert second.sentences.builds == 1 and second.keywords.builds == 1
    messages = [r.getMessage() for r in caplog.records]
    assert sum("sentence-index.npz cannot be read" in m for m in messages) == 1, messages
    assert sum("keyword-index cannot be read" in m for m in messages) == 1, messages
    assert sum("catalog.npz was written by another version" in m for m in messages) == 1, messages
    third = fresh(store, embedder)  # the rebuilt files are good again
    assert counted(third.ask("In how many reports was a bridge damaged?")) == expected
    third.ask(PLAIN)
    assert third.sentences.stored.loads == 1 and third.keywords.stored.loads == 1 and third.catalog.stored.loads == 1


def test_a_crash_between_the_store_write_and_the_index_write_is_detected_and_repaired(tmp_path, reports, embedder,
                                                                                   monkeypatch):
    store = tmp_path / "store"
    fresh(store, embedder).ingest([reports])
    before = {name: (p / "current.json" if p.is_dir() else p).read_bytes() for name, p in files(store).items()}
    added = tmp_path / "more"
    added.mkdir()
    (added / "footbridge.txt").write_text(FOOTBRIDGE, encoding="utf-8")
    crashing = fresh(store, embedder)
    monkeypatch.setattr(crashing, "refresh_indexes", lambda: None)  # dies right after the store write
    crashing.ingest([added])
    assert {name: (p / "current.json" if p.is_dir() else p).read_bytes() for name, p in files(store).items()} == before

    monkeypatch.undo()
    reader = fresh(store, embedder)
    answer = reader.ask(COUNT)
    assert answer.count.count == 1 and answer.citations[0].document_id == "footbridge"
    assert "footbridge" in keyword_documents(reader, "Zelvan canal footbridge")
    # the file was read, found stale (another store revision), and only the new document rebuilt
    assert reader.sentences.stored.loads == 1 and reader.sentences.builds == 1
    assert reader.keywords.stored.loads == 1 and reader.keywords.tokenised == reader.document_info("footbridge").n_chunks


def test_the_encoding_keeps_fields_it_does_not_know(tmp_path):
    """A field added to a sentence (dependency heads and labels, say) is stored and read back."""
    from dataclasses import dataclass, field

    from assistant.counting import stored

    @dataclass(frozen=True)
    class Sentence:
        start: int
        end: int
        lemmas: tuple[str, ...]
        spans: tuple[tuple[int, int], ...]
        heads: tuple[int, ...] = ()
        labels: tuple[str, ...] = ()
        keys: frozenset[str] | None = field(default=None, compare=False)
        extra: object = None

    rows = [Sentence(0, 9, ("a", "dog"), ((0, 1), (2, 5)), (1, -1), ("det", "ROOT"), frozenset({"a", "dog"}), {"n": 1}),
            Sentence(10, 12, (), (), (), (), None, None)]
    vocabulary = stored.Vocabulary()
    kinds, arrays = stored.encode_sentences(rows, vocabulary, cls=Sentence)
    assert kinds == {"start": "int", "end": "int", "lemmas": "strs", "spans": "rows", "heads": "ints", "labels": "strs",
                     "keys": "strset", "extra": "json"}
    columns = stored.SentenceColumns(kinds, arrays, vocabulary.strings(), np.array([0, 2]), cls=Sentence)
    back = columns.sentences(0)
    assert back == tuple(rows) and back[0].keys == rows[0].keys and back[1].keys is None


def test_a_chroma_server_keeps_the_indexes_in_memory():
    assert index_path(Path("/tmp/x"), "http://127.0.0.1:8000", "reports", "sentence-index") is None
    assert index_path(Path("/tmp/x"), None, "reports", "sentence-index") == Path("/tmp/x/reports-sentence-index.npz")
