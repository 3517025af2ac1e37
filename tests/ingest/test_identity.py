"""Document identity: the id follows the path inside the folder given, so two files of the
same name in two folders are two documents; stores of format 1 keep working."""

from __future__ import annotations

import shutil
import unicodedata

from assistant.ingest.loading import (
    document_id,
    id_of_path,
    iter_sources,
    relative_path,
)
from assistant.types import IngestStatus
from tests.support.format1 import REPORTS, unpack, write_reports

ROADBLOCKS = "How many roadblocks did the northern patrols count?"
BRIDGES = "How many bridges did the engineers repair in the southern district?"
CRANES = "How many damaged cranes did the inspectors count at the western quay?"


def statuses(report) -> dict[str, str]:
    return {r.document_path: r.status.value for r in report.results}


def test_ids_come_from_the_path_inside_the_folder_given(tmp_path):
    reports = write_reports(tmp_path / "reports")
    found = {s.relative: s.file for s in iter_sources([reports])}
    assert sorted(found) == ["harbor_inspection.txt", "north/weekly_report.txt", "south/weekly_report.txt"]
    assert [id_of_path(r) for r in sorted(found)] == ["harbor_inspection", "north/weekly_report", "south/weekly_report"]
    north = reports / "north" / "weekly_report.txt"
    assert document_id(north, reports) == "north/weekly_report"
    assert document_id(north, reports / "north") == "weekly_report"  # directly inside the folder given: the stem
    assert document_id(north) == "weekly_report"  # a file given directly: the stem, as before
    assert [s.relative for s in iter_sources([north])] == ["weekly_report.txt"]
    decomposed = unicodedata.normalize("NFD", "région/café.txt")  # what a Mac hands out
    assert relative_path(tmp_path / decomposed, tmp_path) == unicodedata.normalize("NFC", "région/café.txt")
    assert id_of_path("a/b/report.tar.gz") == "a/b/report.tar"


def test_two_same_named_files_in_two_folders_are_both_answerable_and_listed(make_assistant, tmp_path):
    reports = write_reports(tmp_path / "reports")
    assistant = make_assistant()
    report = assistant.ingest([reports])
    assert report.summary() == "added 3, replaced 0, unchanged 0, rejected 0"
    documents = assistant.documents()
    assert [(d.id, d.path, d.source) for d in documents] == [
        ("harbor_inspection", "harbor_inspection.txt", "harbor_inspection.txt"),
        ("north/weekly_report", "north/weekly_report.txt", "weekly_report.txt"),
        ("south/weekly_report", "south/weekly_report.txt", "weekly_report.txt"),
    ]
    north = assistant.ask(ROADBLOCKS)
    assert "12 roadblocks" in north.text
    assert (north.citations[0].document_id, north.citations[0].path, north.citations[0].source) == (
        "north/weekly_report", "north/weekly_report.txt", "weekly_report.txt")
    south = assistant.ask(BRIDGES)
    assert "9 bridges" in south.text and south.citations[0].document_id == "south/weekly_report"
    assert set(assistant.incidents.db.versions()) == {d.id for d in documents}  # records keyed by the new ids
    again = assistant.ingest([reports])
    assert again.summary() == "added 0, replaced 0, unchanged 3, rejected 0"


def test_reingesting_one_path_replaces_only_it_and_names_the_old_version(make_assistant, tmp_path):
    reports = write_reports(tmp_path / "reports")
    assistant = make_assistant()
    assistant.ingest([reports])
    before = {d.id: d for d in assistant.documents()}
    (reports / "south" / "weekly_report.txt").write_text(
        "Weekly report of the southern district\n\nEngineers repaired 4 bridges and 2 ferries this week.\n",
        encoding="utf-8")
    report = assistant.ingest([reports])
    assert statuses(report) == {"harbor_inspection.txt": "unchanged", "north/weekly_report.txt": "unchanged",
                                "south/weekly_report.txt": "replaced"}
    [replaced] = [r for r in report.results if r.status is IngestStatus.REPLACED]
    assert replaced.document_id == "south/weekly_report"
    assert replaced.previous_added_at == before["south/weekly_report"].added_at
    assert report.summary() == "added 0, replaced 1, unchanged 2, rejected 0"
    after = {d.id: d for d in assistant.documents()}
    assert after["north/weekly_report"] == before["north/weekly_report"]
    assert assistant.document_text("north/weekly_report") == REPORTS["north/weekly_report.txt"]
    assert assistant.document_text("south/weekly_report").endswith("4 bridges and 2 ferries this week.\n")
    assert "12 roadblocks" in assistant.ask(ROADBLOCKS).text
    assert IngestStatus.UPDATED is IngestStatus.REPLACED  # the old name still works in Python


def test_the_same_text_under_another_path_is_a_duplicate_named_as_such(make_assistant, tmp_path):
    reports = write_reports(tmp_path / "reports")
    assistant = make_assistant()
    assistant.ingest([reports])
    (reports / "east").mkdir()
    shutil.copy(reports / "north" / "weekly_report.txt", reports / "east" / "weekly_report.txt")
    report = assistant.ingest([reports])
    [rejected] = report.rejected
    assert rejected.document_path == "east/weekly_report.txt"
    assert "same text as the indexed document 'north/weekly_report' (north/weekly_report.txt)" in rejected.reason


def test_replacing_a_path_with_another_documents_text_is_a_duplicate_and_keeps_the_old_version(
        make_assistant, tmp_path):
    reports = write_reports(tmp_path / "reports")
    assistant = make_assistant()
    assistant.ingest([reports])
    south = reports / "south" / "weekly_report.txt"
    before = assistant.document_info("south/weekly_report")
    shutil.copy(reports / "north" / "weekly_report.txt", south)  # the south report now holds the north text
    report = assistant.ingest([reports])
    assert statuses(report) == {"harbor_inspection.txt": "unchanged", "north/weekly_report.txt": "unchanged",
                                "south/weekly_report.txt": "rejected"}
    [rejected] = report.rejected
    assert rejected.reason == (f"{south}: same text as the indexed document 'north/weekly_report' "
                               "(north/weekly_report.txt); not indexed twice")  # as for a new path
    assert assistant.document_info("south/weekly_report") == before  # the old version is kept
    assert assistant.document_text("south/weekly_report") == REPORTS["south/weekly_report.txt"]
    assert "9 bridges" in assistant.ask(BRIDGES).text

    south.write_text("Weekly report of the southern district\n\nEngineers repaired 5 bridges.\n", encoding="utf-8")
    new_harbor = reports / "harbor_inspection.txt"
    new_harbor.write_text(south.read_text(encoding="utf-8"), encoding="utf-8")  # the same new text, twice in one batch
    report = assistant.ingest([reports])
    assert statuses(report) == {"harbor_inspection.txt": "replaced", "north/weekly_report.txt": "unchanged",
                                "south/weekly_report.txt": "rejected"}
    assert "same text as the indexed document 'harbor_inspection' (harbor_inspection.txt)" in report.rejected[0].reason
    assert assistant.document_text("south/weekly_report") == REPORTS["south/weekly_report.txt"]


def test_one_name_with_two_extensions_in_one_folder_keeps_both(make_assistant, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "briefing.md").write_text("The briefing counted 5 convoys on the coast road.\n", encoding="utf-8")
    (folder / "briefing.txt").write_text("The briefing counted 8 ferries in the bay.\n", encoding="utf-8")
    assistant = make_assistant()
    first = assistant.ingest([folder])
    assert first.summary() == "added 2, replaced 0, unchanged 0, rejected 0"
    assert [(d.id, d.path) for d in assistant.documents()] == [("briefing", "briefing.md"),
                                                               ("briefing.txt", "briefing.txt")]
    assert assistant.ingest([folder]).summary() == "added 0, replaced 0, unchanged 2, rejected 0"
    (folder / "briefing.txt").write_text("The briefing counted 9 ferries in the bay.\n", encoding="utf-8")
    assert statuses(assistant.ingest([folder / "briefing.txt"])) == {"briefing.txt": "replaced"}
    assert assistant.document_text("briefing").startswith("The briefing counted 5 convoys")


def test_two_folders_with_the_same_relative_path_are_reported_not_mixed(make_assistant, tmp_path):
    reports = write_reports(tmp_path / "reports")
    assistant = make_assistant()
    report = assistant.ingest([reports / "north", reports / "south"])  # both give "weekly_report.txt"
    assert report.count(IngestStatus.ADDED) == 1
    [rejected] = report.rejected
    assert "same path 'weekly_report.txt'" in rejected.reason and "common parent folder" in rejected.reason
    assert assistant.document_text("weekly_report") == REPORTS["north/weekly_report.txt"]


def test_a_store_of_format_1_is_migrated_on_open_and_its_documents_find_their_paths(tmp_path, embedder, capsys):
    from assistant import Assistant, Settings
    from assistant.interfaces.cli import main

    store = unpack(tmp_path)  # made by the code of a377e6d: ids were bare file names
    settings = Settings(store=store)
    assert main(["docs", "list", "--store", str(store)]) == 0  # a reading command opens (and migrates) it
    listed = [line.split("\t")[:2] for line in capsys.readouterr().out.splitlines()]
    assert listed == [["harbor_inspection", "harbor_inspection.txt"], ["weekly_report", "weekly_report.txt"]]

    assistant = Assistant(settings, embedder=embedder)
    assert assistant.store.store_format() == 2
    old = {d.id: d for d in assistant.documents()}
    assert all(d.path_assumed for d in old.values())
    cranes = assistant.ask(CRANES)  # the old chunks and vectors answer as they are
    assert "17 damaged cranes" in cranes.text and cranes.citations[0].path == "harbor_inspection.txt"
    assert "9 bridges" in assistant.ask(BRIDGES).text  # the southern text replaced the northern one in 2024

    reports = write_reports(tmp_path / "reports")
    report = assistant.ingest([reports])
    by_path = {r.document_path: r for r in report.results}
    assert by_path["harbor_inspection.txt"].status is IngestStatus.UNCHANGED  # not a duplicate of itself
    assert by_path["north/weekly_report.txt"].status is IngestStatus.ADDED  # the report the clash had lost
    moved = by_path["south/weekly_report.txt"]
    assert moved.status is IngestStatus.UNCHANGED and moved.previous_id == "weekly_report"
    assert moved.document_id == "south/weekly_report" and not report.rejected
    documents = assistant.documents()
    assert [(d.id, d.path, d.path_assumed) for d in documents] == [
        ("harbor_inspection", "harbor_inspection.txt", False),
        ("north/weekly_report", "north/weekly_report.txt", False),
        ("south/weekly_report", "south/weekly_report.txt", False),
    ]
    assert not assistant.store._chunks.get(where={"document_id": "weekly_report"})["ids"]
    assert set(assistant.incidents.db.versions()) == {d.id for d in documents}
    assert "12 roadblocks" in assistant.ask(ROADBLOCKS).text
    assert assistant.ask(BRIDGES).citations[0].document_id == "south/weekly_report"
    assert assistant.ingest([reports]).summary() == "added 0, replaced 0, unchanged 3, rejected 0"
    reopened = Assistant(settings, embedder=embedder)
    assert reopened.store.migrated == 0 and [d.id for d in reopened.documents()] == [d.id for d in documents]


def test_a_move_cut_short_is_finished_by_the_next_ingest(tmp_path, embedder):
    """A crash after the moved document was written but before its old record was removed."""
    from assistant import Assistant, Settings

    store = unpack(tmp_path)
    assistant = Assistant(Settings(store=store), embedder=embedder)
    reports = write_reports(tmp_path / "reports")
    south = reports / "south" / "weekly_report.txt"
    real_remove = assistant.store.remove_document
    assistant.store.remove_document = lambda document_id: (_ for _ in ()).throw(KeyboardInterrupt())
    try:
        assistant.ingest([reports])
    except KeyboardInterrupt:
        pass
    assistant.store.remove_document = real_remove
    ids = {d.id for d in assistant.documents()}
    assert {"weekly_report", "south/weekly_report"} <= ids  # both: the old record was not removed yet
    report = assistant.ingest([reports])
    assert {r.document_path: r.status.value for r in report.results}["south/weekly_report.txt"] == "unchanged"
    assert "weekly_report" not in {d.id for d in assistant.documents()}
    assert south.exists()


def test_counted_answers_cite_documents_by_their_paths(make_assistant, tmp_path):
    from tests.support.paths import CORPUS

    folder = tmp_path / "releases"
    for region, name in (("north", "isaf_test_195.txt"), ("north", "isaf_test_396.txt"), ("east", "isaf_test_032.txt")):
        (folder / region).mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / name, folder / region / name)
    assistant = make_assistant()
    assistant.ingest([folder])
    answer = assistant.ask("How many airstrikes were reported in Kunduz?")  # answered from the incident records
    assert answer.citations and {c.document_id.split("/")[0] for c in answer.citations} <= {"north", "east"}
    assert all(c.path == f"{c.document_id}.txt" and c.source == c.path.split("/")[1] for c in answer.citations)


FERRY_LOG = ("Ferry log of the Tamsin crossing\n\nDate: 6 June 2031\n\n"
             "The Tamsin ferry carried 418 passengers and 37 carts across the river this week.\n")
FERRY_LOG_NEW = ("Ferry log of the Tamsin crossing\n\nDate: 13 June 2031\n\n"
                 "The Tamsin ferry carried 502 passengers and 41 carts across the river this week.\n")


def _depot(folder):
    """A folder with ``river/ferry_log.txt`` and two ``weekly_report.txt`` (north, south)."""
    write_reports(folder)
    (folder / "river").mkdir()
    (folder / "river" / "ferry_log.txt").write_text(FERRY_LOG, encoding="utf-8")
    return folder


def test_a_file_given_by_itself_with_the_text_of_its_indexed_self_is_unchanged(make_assistant, tmp_path):
    depot = _depot(tmp_path / "depot")
    assistant = make_assistant()
    assistant.ingest([depot])
    before = assistant.documents()
    again = assistant.ingest([depot / "river" / "ferry_log.txt", depot / "north" / "weekly_report.txt"])
    assert [(r.status, r.document_id, r.document_path) for r in again.results] == [
        (IngestStatus.UNCHANGED, "river/ferry_log", "river/ferry_log.txt"),
        (IngestStatus.UNCHANGED, "north/weekly_report", "north/weekly_report.txt")]  # the one of its text
    assert assistant.documents() == before
    copy = tmp_path / "elsewhere" / "tamsin_copy.txt"  # another file name: a genuine duplicate
    copy.parent.mkdir()
    copy.write_text(FERRY_LOG, encoding="utf-8")
    [rejected] = assistant.ingest([copy]).rejected
    assert "same text as the indexed document 'river/ferry_log' (river/ferry_log.txt)" in rejected.reason
    changed = tmp_path / "elsewhere" / "ferry_log.txt"  # a file of that name, another text, given by itself
    changed.write_text(FERRY_LOG_NEW, encoding="utf-8")
    assert [(r.status, r.document_id) for r in assistant.ingest([changed]).results] == [
        (IngestStatus.ADDED, "ferry_log")]  # known by its file name, a path not indexed: a new document


def test_an_upload_replaces_the_one_indexed_document_of_its_file_name_at_its_path(make_assistant, tmp_path):
    depot = _depot(tmp_path / "depot")
    assistant = make_assistant()
    assistant.ingest([depot])
    before = assistant.document_info("river/ferry_log")
    staged = tmp_path / "upload" / "ferry_log.txt"
    staged.parent.mkdir()
    staged.write_text(FERRY_LOG_NEW, encoding="utf-8")
    [result] = assistant.ingest([staged], by_name=True).results
    assert (result.status, result.document_id, result.document_path) == (
        IngestStatus.REPLACED, "river/ferry_log", "river/ferry_log.txt")
    assert result.previous_added_at == before.added_at
    assert len(assistant.documents()) == 4 and "502 passengers" in assistant.document_text("river/ferry_log")
    assert [r.status for r in assistant.ingest([staged], by_name=True).results] == [IngestStatus.UNCHANGED]

    report = tmp_path / "upload" / "weekly_report.txt"  # the file name of two documents: which one?
    report.write_text("Weekly report\n\nThe patrols counted 3 roadblocks this week.\n", encoding="utf-8")
    [rejected] = assistant.ingest([report], by_name=True).results
    assert rejected.status is IngestStatus.REJECTED
    assert rejected.reason.startswith("weekly_report.txt: 2 indexed documents have this file name: "
                                      "north/weekly_report (north/weekly_report.txt), "
                                      "south/weekly_report (south/weekly_report.txt)")
    assert "cannot tell which one it replaces" in rejected.reason
    assert len(assistant.documents()) == 4
