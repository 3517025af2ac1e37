"""One question reads the store's revision once (ChunkStore.one_revision), and never a stale one:
a write between two questions, by this assistant or by another writer of the same store folder,
is seen by the next question (made-up reports about Morvalia)."""

from __future__ import annotations

import threading

LIGHTHOUSE = ("TARVEN, Morvalia (June 2) - The lighthouse at Cape Orla was repainted in red and white stripes. "
              "The work took nine days and was paid for by the harbour board.")
FERRY = ("TARVEN, Morvalia (June 9) - The new ferry between Tarven and Hollis Island carries 180 passengers. "
         "It was built at the Brenna shipyard and sails twice a day.")
QUESTION = "How many passengers does the new ferry between Tarven and Hollis Island carry?"


class RevisionReads:
    """The store's real meta collection, counting the reads of the revision record."""

    def __init__(self, collection):
        self.collection, self.reads = collection, 0

    def get(self, *args, **kwargs):
        if kwargs.get("ids") == ["revision"]:
            self.reads += 1
        return self.collection.get(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.collection, name)


def _folder(tmp_path, name: str, **reports: str):
    folder = tmp_path / name
    folder.mkdir()
    for document, text in reports.items():
        (folder / f"{document}.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_question_reads_the_revision_once(make_assistant, tmp_path):
    assistant = make_assistant()
    assistant.ingest([_folder(tmp_path, "docs", lighthouse=LIGHTHOUSE, ferry=FERRY)])
    assistant.ask(QUESTION)  # the indexes are built and read by the first question
    spy = RevisionReads(assistant.store._meta)
    assistant.store._meta = spy
    answer = assistant.ask(QUESTION)
    assert "180" in answer.text
    assert spy.reads == 1
    list(assistant.stream("How long did the work on the lighthouse at Cape Orla take?"))
    assert spy.reads == 2
    assistant.store.revision()  # outside a question: read every time
    assert spy.reads == 3


def test_an_ingest_between_two_questions_is_seen(make_assistant, tmp_path):
    assistant = make_assistant()
    assistant.ingest([_folder(tmp_path, "first", lighthouse=LIGHTHOUSE)])
    before = assistant.ask(QUESTION)
    assert "180" not in before.text and not any(c.document_id == "ferry" for c in before.citations)
    assistant.ingest([_folder(tmp_path, "second", ferry=FERRY)])
    after = assistant.ask(QUESTION)
    assert "180" in after.text and after.citations[0].document_id == "ferry"
    assistant.remove("ferry")
    gone = assistant.ask(QUESTION)
    assert not any(c.document_id == "ferry" for c in gone.citations)


def test_another_writer_between_two_questions_is_seen(make_assistant, tmp_path):
    """A second assistant on the same store folder (as another process would) writes between
    two questions of the first: its ingest is seen by the first's next question."""
    reader = make_assistant("shared")
    reader.ingest([_folder(tmp_path, "first", lighthouse=LIGHTHOUSE)])
    assert "180" not in reader.ask(QUESTION).text
    writer = make_assistant("shared")
    writer.ingest([_folder(tmp_path, "second", ferry=FERRY)])
    after = reader.ask(QUESTION)
    assert "180" in after.text and after.citations[0].document_id == "ferry"


def test_the_pinned_revision_follows_own_writes_and_other_threads_read_the_store(make_assistant, tmp_path):
    reader = make_assistant("shared")
    reader.ingest([_folder(tmp_path, "first", lighthouse=LIGHTHOUSE)])
    writer = make_assistant("shared")
    store, first = reader.store, reader.store.revision()
    pin = store.one_revision()
    with pin:
        writer.ingest([_folder(tmp_path, "second", ferry=FERRY)])  # another writer: the question keeps its token
        assert store.revision() == first
        seen: list[str] = []
        thread = threading.Thread(target=lambda: seen.append(store.revision()))
        thread.start()
        thread.join()
        assert seen == [writer.store.revision()] != [first]  # another thread is not pinned
        with store.one_revision():  # nested: the outer token
            assert store.revision() == first
    newer = writer.store.revision()
    assert store.revision() == newer  # after the block: read again
    with pin:
        assert store.revision() == first  # the same question's next step: the same token
        reader.remove("lighthouse")  # a write through this store: read again at once
        assert store.revision() not in (first, newer)
        assert store.revision() == writer.store.revision()
        own = store.revision()
    with pin:
        assert store.revision() == own


class FilteredReads:
    """The store's real chunk collection, counting the reads of chunk ids by a filter."""

    def __init__(self, collection):
        self.collection, self.reads = collection, 0

    def get(self, *args, **kwargs):
        if kwargs.get("where") is not None and kwargs.get("include") == []:
            self.reads += 1
        return self.collection.get(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.collection, name)


def test_a_filtered_question_reads_the_matching_chunks_once_and_an_ingest_is_seen(make_assistant, tmp_path):
    from datetime import date

    from assistant.types import Filters

    june = Filters(date_from=date(2024, 6, 1), date_to=date(2024, 6, 30))
    assistant = make_assistant()
    assistant.ingest([_folder(tmp_path, "first", lighthouse=LIGHTHOUSE.replace("(June 2)", "(June 2, 2024)"))])
    spy = FilteredReads(assistant.store._chunks)
    assistant.store._chunks = spy
    before = assistant.ask(QUESTION, filters=june)
    assert "180" not in before.text
    assert spy.reads == 1  # the reports in scope and the keyword index's mask share one read
    assistant.ingest([_folder(tmp_path, "second", ferry=FERRY.replace("(June 9)", "(June 9, 2024)"))])
    reads = spy.reads
    after = assistant.ask(QUESTION, filters=june)
    assert "180" in after.text and after.citations[0].document_id == "ferry"
    assert spy.reads == reads + 1
