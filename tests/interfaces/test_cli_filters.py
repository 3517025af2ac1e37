"""--from/--to/--place/--source on ask, ask --questions (and per line), eval's QA lines,
incidents, and the timeline command."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from assistant.evaluation.metrics import read_qa
from assistant.interfaces.cli import main
from tests.support.paths import ROOT

VALDORIA = ROOT / "evalsets" / "valdoria" / "docs"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-filters")
    docs = folder / "docs"
    shutil.copytree(VALDORIA / "news", docs / "news")
    shutil.copytree(VALDORIA / "ngo", docs / "ngo")
    assert main(["ingest", str(docs), "--store", str(folder / "store")]) == 0
    return str(folder / "store")


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2010-13-01"], "Error: --from must be a date like 2010-05-31, got '2010-13-01'"),
    (["--from", "2019-05-02", "--to", "2019-05-01"], "Error: --from (2019-05-02) is after --to (2019-05-01)"),
])
def test_a_malformed_filter_is_one_error_naming_the_field(store, capsys, args, message):
    assert main(["ask", "What happened?", "--store", store, *args]) == 1
    assert capsys.readouterr().err == message + "\n"
    assert main(["timeline", "--store", store, *args]) == 1
    assert capsys.readouterr().err == message + "\n"


def test_ask_with_filters_states_them(store, capsys):
    assert main(["ask", "Who was hurt?", "--store", store, "--place", "Orrin", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["filters"]["place"] == "Orrin" and record["filters"]["matching_reports"] >= 1
    assert main(["ask", "What happened?", "--store", store, "--from", "2019-05-01", "--to", "2019-05-31"]) == 0
    assert capsys.readouterr().out.startswith("Filters: reports dated 2019-05-01 to 2019-05-31")
    assert main(["ask", "What burned?", "--store", store, "--source", "Tëren Herald", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert {c["source"] for c in record["citations"]} <= {"teren_herald_crops.txt"}


def test_batch_filters_per_line_over_the_command_line(store, tmp_path, capsys):
    questions = tmp_path / "in.jsonl"
    questions.write_text("\n".join(json.dumps(row) for row in [
        {"id": "a", "question": "What was burned?"},
        {"id": "b", "question": "What was burned?", "from": "2019-04-01", "to": "2019-04-30"},
        {"id": "c", "question": "What was burned?", "place": ""},
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["ask", "--questions", str(questions), "--out", str(out), "--store", store, "--place", "Vesk"]) == 0
    answers = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert answers["a"]["filters"]["place"] == "Vesk"
    assert (answers["b"]["filters"]["from"], answers["b"]["filters"]["place"]) == ("2019-04-01", "Vesk")
    assert "filters" not in answers["c"]  # an empty value on the line removes the command line's filter
    capsys.readouterr()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "question": "x"}\n{"id": "b", "question": "y", "from": "2019-02-30"}\n')
    assert main(["ask", "--questions", str(bad), "--out", str(out), "--store", store]) == 1
    assert capsys.readouterr().err.startswith(f"Error: {bad}:2: 'from' must be a date like 2010-05-31")


def test_qa_lines_carry_filters(tmp_path):
    qa = tmp_path / "qa.jsonl"
    qa.write_text('{"id": "1", "question": "q", "answers": [], "doc_ids": [], "filters": {"from": "2019-05-01"}}\n'
                  '{"id": "2", "question": "q", "answers": [], "doc_ids": [], "filters": {"place": "Vesk"}}\n'
                  '{"id": "3", "question": "q", "answers": [], "doc_ids": [], "source": "where the question came from"}\n')
    rows = read_qa(qa)
    assert str(rows[0].filters.date_from) == "2019-05-01" and rows[1].filters.place == "Vesk"
    assert rows[2].filters is None  # a QA file's own fields are never read as filters
    qa.write_text('{"id": "1", "question": "q", "answers": [], "doc_ids": [], "filters": {"to": "May"}}\n')
    with pytest.raises(ValueError, match=r"qa.jsonl:1: filters: 'to' must be a date"):
        read_qa(qa)


def test_timeline_command_csv_and_json(store, tmp_path, capsys):
    assert main(["timeline", "--store", store, "--place", "Orrin"]) == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert rows and all(r["date"] for r in rows)
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    assert {"date", "place", "summary", "report", "cited characters"} <= set(rows[0])
    assert "undated (not on the timeline): clearwater_field_note" not in captured.err  # it names no Orrin
    out = tmp_path / "timeline.json"
    assert main(["timeline", "--store", store, "--format", "json", "--out", str(out)]) == 0
    payload = json.loads(out.read_text())
    assert [u.rsplit("/", 1)[-1] for u in payload["undated"]] == ["clearwater_field_note"]
    row = payload["rows"][0]
    text_id = row["report"]
    assert text_id and row["end"] > row["start"]


def test_incidents_take_place_and_source(store, capsys):
    assert main(["incidents", "--store", store, "--all", "--source", "news"]) == 0
    ids = {r["document_id"].rsplit("/", 1)[-1] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert ids and ids <= {"courier_depot_trucks", "courier_sarva_bridge", "courier_winter_convoy",
                           "dalmesa_post_schools", "teren_herald_crops"}
