"""Ingest against the real Chroma store: idempotent, updates replace, removal is complete."""

import shutil

import pytest

from assistant.errors import DocumentNotFound
from assistant.ingest.loading import load_document
from assistant.types import IngestStatus, Query


def chunk_ids(assistant, document_id):
    return [c.id for c in assistant.store.all_chunks() if c.document_id == document_id]


def test_reingesting_unchanged_files_adds_nothing(make_assistant, small_corpus):
    assistant = make_assistant()
    first = assistant.ingest([small_corpus])
    assert first.count(IngestStatus.ADDED) == 4
    chunks_before = assistant.store.count_chunks()
    second = assistant.ingest([small_corpus])
    assert second.count(IngestStatus.UNCHANGED) == 4 and second.count(IngestStatus.ADDED) == 0
    assert assistant.store.count_chunks() == chunks_before
    assert [d.id for d in assistant.documents()] == ["isaf_test_037", "isaf_test_074", "isaf_test_216", "jazira_storm_operation"]


def test_changed_file_replaces_all_of_its_old_chunks(make_assistant, small_corpus):
    assistant = make_assistant(chunk_size=200, chunk_overlap=20)
    assistant.ingest([small_corpus])
    path = small_corpus / "isaf_test_037.txt"
    old_ids = set(chunk_ids(assistant, "isaf_test_037"))
    path.write_text("A completely new version. Forces detained seven suspects in Zharay district.\n", encoding="utf-8")
    report = assistant.ingest([path])
    assert report.results[0].status is IngestStatus.REPLACED
    new_ids = set(chunk_ids(assistant, "isaf_test_037"))
    assert new_ids and not (new_ids & old_ids)
    raw = assistant.store._chunks.get(where={"document_id": "isaf_test_037"}, include=["documents"])
    assert len(raw["ids"]) == len(new_ids), "old chunks are still in the collection"
    assert assistant.document_text("isaf_test_037").startswith("A completely new version.")
    answer = assistant.ask("How many suspects were detained in Zharay district?")
    # a sum across reports (one district): answered from the incident records, "7", or by the chain, "seven"
    assert ("seven" in answer.text or "7" in answer.text) and answer.citations[0].document_id == "isaf_test_037"


def test_remove_deletes_the_document_and_all_chunks(make_assistant, small_corpus):
    assistant = make_assistant()
    assistant.ingest([small_corpus])
    removed = assistant.remove("jazira_storm_operation")
    assert removed > 0
    assert "jazira_storm_operation" not in [d.id for d in assistant.documents()]
    assert not assistant.store._chunks.get(where={"document_id": "jazira_storm_operation"})["ids"]
    with pytest.raises(DocumentNotFound):
        assistant.remove("jazira_storm_operation")
    again = assistant.ingest([small_corpus / "jazira_storm_operation.txt"])
    assert again.results[0].status is IngestStatus.ADDED
    assert assistant.remove("jazira_storm_operation.txt") > 0  # the file name works too
    assert "jazira_storm_operation" not in [d.id for d in assistant.documents()]


def test_a_file_named_twice_is_ingested_once(make_assistant, small_corpus):
    assistant = make_assistant()
    path = small_corpus / "jazira_storm_operation.txt"
    report = assistant.ingest([path, path, small_corpus])
    assert report.count(IngestStatus.ADDED) == 4 and not report.rejected


def test_one_bad_file_never_stops_the_others(make_assistant, small_corpus):
    (small_corpus / "broken.txt").write_bytes(b"\x00\xff binary")
    (small_corpus / "empty.md").write_text("")
    assistant = make_assistant()
    report = assistant.ingest([small_corpus, small_corpus / "missing.txt"])
    assert report.count(IngestStatus.ADDED) == 4
    reasons = {r.path.rsplit("/", 1)[-1]: r.reason for r in report.rejected}
    assert set(reasons) == {"broken.txt", "empty.md", "missing.txt"}
    assert all(name in reasons[name] for name in reasons)


def test_chunks_of_an_unfinished_version_are_never_retrieved(make_assistant, small_corpus, embedder):
    """A crash after writing chunks but before the document record leaves them invisible."""
    assistant = make_assistant()
    document = load_document(small_corpus / "jazira_storm_operation.txt", max_bytes=10**6)
    chunks = assistant.chunker.split(document)
    vectors = embedder.embed([c.text for c in chunks])
    assistant.store._chunks.add(
        ids=[c.id for c in chunks],
        embeddings=vectors.tolist(),
        documents=[c.text for c in chunks],
        metadatas=[
            {"document_id": c.document_id, "source": c.source, "index": c.index, "start": c.start,
             "end": c.end, "content_hash": document.content_hash}
            for c in chunks
        ],
    )
    shutil.copy(small_corpus / "isaf_test_037.txt", small_corpus.parent / "other.txt")
    assistant.ingest([small_corpus.parent / "other.txt"])
    passages = assistant.retriever.retrieve(Query.parse("How many airstrikes were reported?"), 5)
    assert passages and all(p.chunk.document_id == "other" for p in passages)
    # Running the ingest again completes the document.
    assert assistant.ingest([small_corpus / "jazira_storm_operation.txt"]).results[0].status is IngestStatus.ADDED
    assert len(chunk_ids(assistant, "jazira_storm_operation")) == len(chunks)


def test_reopening_the_store_gives_the_same_answer(tmp_path, embedder, small_corpus):
    from assistant import Assistant, Settings

    first = Assistant(Settings(store=tmp_path / "s"), embedder=embedder)
    first.ingest([small_corpus])
    before = first.ask("How many airstrikes were reported?")
    del first
    again = Assistant(Settings(store=tmp_path / "s"), embedder=embedder).ask("How many airstrikes were reported?")
    assert again.text == before.text and again.citations == before.citations


WRAPPED_REPORT = """Convoy access note

The relief convoy left Orrin on 21 June and travelled 18
kilometres to Sabrak village, where 65 families from Miret
village received food parcels. Civilian casualties from air-
strikes rose to 12.5 percent of all casualties.
"""


def test_ingest_stores_each_documents_annotations_and_retrieval_hands_them_over(make_assistant, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "convoy_note.txt").write_text(WRAPPED_REPORT, encoding="utf-8")
    assistant = make_assistant()
    assistant.ingest([folder])
    assert assistant.document_info("convoy_note").annotation_version >= 1
    query, retrieval = assistant.retrieve("How far did the relief convoy travel?")
    chunk = retrieval.passages[0].chunk
    assert chunk.document_id == "convoy_note" and chunk.annotations is not None
    text = assistant.document_text("convoy_note")
    sentences = [" ".join(text[s.start:s.end].split()) for s in chunk.annotations.sentences]
    assert ("The relief convoy left Orrin on 21 June and travelled 18 kilometres to Sabrak village, where 65 "
            "families from Miret village received food parcels.") in sentences  # one sentence across 3 lines
    entities = {text[e.start:e.end].replace("\n", " "): e.label for e in chunk.annotations.entities}
    assert entities.get("18 kilometres") == "QUANTITY" and entities.get("12.5 percent") == "PERCENT"


def test_a_document_indexed_without_annotations_gets_them_at_the_next_ingest(make_assistant, small_corpus, embedder):
    from assistant.ingest.loading import load_document

    assistant = make_assistant()
    path = small_corpus / "isaf_test_037.txt"
    document = load_document(path, max_bytes=10**7)  # written as an older version did: no annotations
    chunks = assistant.chunker.split(document)
    assistant.store.write_document(document, chunks, embedder.embed([c.text for c in chunks]))
    assert assistant.document_info("isaf_test_037").annotation_version == 0
    report = assistant.ingest([path])
    assert [r.status.value for r in report.results] == ["unchanged"]  # the same text: indexed again, not replaced
    assert report.results[0].reindexed
    assert assistant.document_info("isaf_test_037").annotation_version >= 1
    assert [r.status.value for r in assistant.ingest([path]).results] == ["unchanged"]


def test_a_document_whose_time_and_place_are_read_again_keeps_its_named_entity_places(make_assistant, tmp_path):
    """A store written under an older META_VERSION has each document's time and place read again
    at the next ingest; the places its named entities add must survive that, as at first ingest."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "ferry_note.txt").write_text(
        "Harbour update, 4 March 2031\n\nA ferry carrying grain docked on Tuesday after storms closed the port "
        "of Ostrava Bay for two days. Crews reported no damage.\n", encoding="utf-8")
    assistant = make_assistant()
    assistant.ingest([folder])
    places = lambda: [p.name for p in assistant.store.document_metas()["ferry_note"][1].places]  # noqa: E731
    assert places() == ["Ostrava Bay"]  # a LOC entity, no place word: only the pipeline's entities find it
    records = assistant.store._documents.get(ids=["ferry_note"], include=["metadatas"])  # as an older version wrote
    assistant.store._documents.update(ids=["ferry_note"], metadatas=[{**records["metadatas"][0], "meta_version": 1}])
    assert assistant.store.document_metas()["ferry_note"][1] is None
    assert [r.status.value for r in assistant.ingest([folder]).results] == ["unchanged"]
    assert places() == ["Ostrava Bay"]
