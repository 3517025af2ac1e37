"""A store whose documents an older reading of time and place indexed (an older ``META_VERSION``)
answers, once opened by this code, as the same reports built fresh: its dates and places are
read again (the yearless dateline against the whole collection), and the catalog and sentence
index are built from the new values.  Made-up reports about the invented Hollin province; the
real model, pipeline and Chroma store.  The older store is made by rewriting a fresh store's
records the way an older reading left them (fewer places, no yearless date, its version)."""

from __future__ import annotations

import json

import pytest

from assistant import Assistant, Settings
from assistant.storage.persisted import index_path
from assistant.storage.timeplace import META_VERSION, meta_json
from assistant.types import DocumentMeta
from tests.support.reports import assistant_over

REPORTS = {
    "weir.txt": "Hollin Water Board, 3 April 2031\n\n"
                "Crews repaired the weir at Dunmere, in Castor district, Hollin province.\n\n"
                "The towpath stayed closed for two days.\n",
    "ferry.txt": "Hollin Courier, 11 April 2031\n\n"
                 "The ferry at Brackwater in Castor district was suspended after a storm.\n",
    # dated only by its weekday, near the collection's other reports (Tuesday 8 April: 2031)
    "sluice.txt": "ORMBY, Tuesday 8 April (Hollin Courier) - Crews repaired a sluice gate at Ormby "
                  "in Lisle district, Hollin province.\n",
    "market.txt": "Hollin Courier, 2 February 2031\n\n"
                  "Traders at Fenwick market in Lisle district reported lower grain prices.\n",
}
QUESTIONS = (
    "How many reports dated April 2031 say crews repaired something?",
    "How many reports mention something in Castor district?",
    "Which Hollin province districts had crews repair something?",
)


def _answers(assistant: Assistant) -> list[tuple]:
    found = []
    for question in QUESTIONS:
        answer = assistant.ask(question)
        assert answer.count is not None, answer.text
        found.append((answer.count.unit, sorted(answer.count.document_ids),
                      sorted(str(v.value) for v in answer.count.values)))
    return found


def _metas(assistant: Assistant) -> dict[str, str]:
    return {i: meta_json(m) for i, (_, m) in assistant.store.document_metas().items() if m is not None}


def _as_older_reading(assistant: Assistant, store_folder) -> None:
    """Rewrite every record as an older ``META_VERSION`` left it: no entity or district places, the
    yearless dateline undated, the older version number; the derived index files removed (an older
    store's were keyed by its version, so never read)."""
    store = assistant.store
    for document_id, (_, meta) in store.document_metas().items():
        yearless = meta.report is not None and meta.report.how == "head" and "Tuesday" in meta.report.text
        older = DocumentMeta(report=None if yearless else meta.report, events=() if yearless else meta.events,
                             places=tuple(p for p in meta.places if p.level == "dateline"),
                             publisher=meta.publisher, publisher_span=meta.publisher_span, folder=meta.folder,
                             file_modified=meta.file_modified, months=() if yearless else meta.months,
                             years=meta.years)
        store.refresh_meta(document_id, older)
        got = store._documents.get(ids=[document_id], include=["metadatas"])
        store._documents.update(ids=[document_id], metadatas=[{**got["metadatas"][0], "meta_version": META_VERSION - 1}])
        chunks = store._chunks.get(where={"document_id": document_id}, include=["metadatas"])
        store._chunks.update(ids=chunks["ids"], metadatas=[{**m, "meta_version": META_VERSION - 1}
                                                           for m in chunks["metadatas"]])
    for kind in ("catalog", "sentence-index"):
        index_path(store_folder, None, "reports", kind).unlink(missing_ok=True)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "hollin", REPORTS)


def test_an_older_store_opened_answers_and_stores_as_a_fresh_build(fresh, embedder):
    expected_answers, expected_metas = _answers(fresh), _metas(fresh)
    assert expected_answers == [("reports", ["sluice", "weir"], []), ("reports", ["ferry", "weir"], []),
                                ("list", ["sluice", "weir"], ["Castor", "Lisle"])], expected_answers
    assert len(expected_metas) == len(REPORTS)
    assert json.loads(expected_metas["sluice"])["report"][0] == "2031-04-08"  # the fresh build dates it
    folder = fresh.settings.storage.store
    _as_older_reading(fresh, folder)
    assert not _metas(fresh)  # every record is of the older reading now

    opened = Assistant(Settings(store=folder, incidents_dir=folder), embedder=embedder, create=False)
    assert _answers(opened) == expected_answers
    assert _metas(opened) == expected_metas
