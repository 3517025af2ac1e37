"""Incident records against the real store: kept in step with ingest and removal, exact
aggregate answers over the real corpus (real Chroma, real embedding model), CLI export."""

import csv
import io
import json
import sqlite3

from assistant.incidents.db import IncidentDB
from assistant.incidents.records import IncidentFilter
from assistant.incidents.service import incidents_path
from assistant.interfaces.cli import main


def ids(records):
    return [r.document_id for r in records]


def test_records_follow_ingest_update_and_removal(make_assistant, small_corpus):
    assistant = make_assistant()
    assistant.ingest([small_corpus])
    assert assistant.incidents.db.path == assistant.settings.storage.store / "reports-incidents.sqlite3"
    assert sorted(ids(assistant.incident_records())) == [
        "isaf_test_037", "isaf_test_074", "isaf_test_216", "jazira_storm_operation"]
    assert assistant.incident_records(IncidentFilter(province="helmand"))[0].captured in (0, 4)
    (small_corpus / "isaf_test_216.txt").write_text(
        "KABUL, Afghanistan (July 26, 2011) - A security force detained seven men in Nad Ali district, "
        "Helmand province, yesterday.\n", encoding="utf-8")
    assistant.ingest([small_corpus])
    updated = assistant.incidents.db.get("isaf_test_216")
    assert (updated.captured, updated.district, updated.date) == (7, "Nad Ali", "2011-07-25")
    assistant.remove("isaf_test_037")
    assert "isaf_test_037" not in ids(assistant.incident_records())
    with sqlite3.connect(assistant.incidents.db.path) as db:
        assert db.execute("SELECT count(*) FROM evidence WHERE document_id = 'isaf_test_037'").fetchone()[0] == 0


def test_a_lost_or_stale_database_heals_on_next_use(make_assistant, small_corpus):
    assistant = make_assistant()
    assistant.ingest([small_corpus])
    assistant.incidents.db.delete(["isaf_test_074"])  # as if the process died before writing the record
    assert "isaf_test_074" in ids(assistant.incident_records())
    assistant.incidents.db.path.unlink()
    assistant.incidents.db = IncidentDB(assistant.incidents.db.path)
    assert len(assistant.incident_records()) == 4


def test_writing_a_record_twice_keeps_one_row_and_one_set_of_spans(tmp_path, make_assistant, small_corpus):
    assistant = make_assistant()
    assistant.ingest([small_corpus])
    record = assistant.incidents.db.get("isaf_test_216")
    db = IncidentDB(tmp_path / "x" / "incidents.sqlite3")
    db.write([record])
    db.write([record])
    assert db.query() == [record]
    assert db.query(IncidentFilter(province="Helmand", date_from="2011-07-25", date_to="2011-07-25",
                                   event_type="detention")) == [record]
    assert db.query(IncidentFilter(event_type="airstrike")) == []


def test_database_location():
    from pathlib import Path

    assert incidents_path(Path("s"), None, None, Path("d")) == Path("s/reports-incidents.sqlite3")
    assert incidents_path(Path("s"), "http://127.0.0.1:8000", None, Path("d")) == Path("d/reports-incidents.sqlite3")
    assert incidents_path(Path("s"), None, Path("f"), Path("d"), "other") == Path("f/other-incidents.sqlite3")


def _check_citations(assistant, answer):
    for c in answer.citations:
        assert assistant.document_text(c.document_id)[c.start : c.end] == c.text
    markers = {int(n) for n in __import__("re").findall(r"\[(\d+)\]", answer.text)}
    assert markers == {c.n for c in answer.citations}


def test_cli_export_csv_and_json(tmp_path, small_corpus, capsys):
    store = str(tmp_path / "cli-store")
    assert main(["ingest", str(small_corpus), "--store", store]) == 0
    capsys.readouterr()
    assert main(["incidents", "--store", store, "--province", "helmand"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sorted(r["document_id"] for r in rows) == ["isaf_test_074", "isaf_test_216"]
    row = next(r for r in rows if r["document_id"] == "isaf_test_216")
    assert (row["date"], row["captured"], row["event_types"]) == ("2011-07-25", "4", "detention")
    out = tmp_path / "incidents.json"
    assert main(["incidents", "--store", store, "--event-type", "detention", "--from", "2010-01-01",
                 "--to", "2010-12-31", "--format", "json", "--out", str(out)]) == 0
    assert "1 incident records written" in capsys.readouterr().err
    records = json.loads(out.read_text())
    assert [r["document_id"] for r in records] == ["isaf_test_037"]
    text = (small_corpus / "isaf_test_037.txt").read_text()
    for e in records[0]["evidence"]:
        assert text[e["start"] : e["end"]] == e["text"]
    assert main(["incidents", "--store", store, "--from", "May 2010"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: --from") and err.count("\n") == 1
