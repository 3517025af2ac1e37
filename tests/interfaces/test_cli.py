"""The command line: its JSON and batch contracts and its error handling."""

import json

from assistant.interfaces.cli import main


def test_ingest_ask_json_and_docs(tmp_path, small_corpus, capsys):
    store = str(tmp_path / "cli-store")
    (small_corpus / "bad.txt").write_bytes(b"\x00\x00")
    assert main(["ingest", str(small_corpus), "--store", store]) == 0
    out, err = capsys.readouterr()
    assert "added 4" in out and "rejected 1" in out
    assert "bad.txt" in err

    assert main(["ask", "How many airstrikes were reported?", "--store", store, "--json", "--k", "3"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert set(record) == {"question", "answer", "has_answer", "citations", "retrieved", "latency_ms", "grounding"}
    assert record["grounding"] == "extractive"
    assert record["has_answer"] and "34" in record["answer"]
    citation = record["citations"][0]
    assert set(citation) == {"n", "document_id", "source", "chunk_id", "start", "end", "text", "score"}
    assert citation["source"] == "jazira_storm_operation.txt" and "34 airstrikes" in citation["text"]
    assert len(record["retrieved"]) == 3 and set(record["retrieved"][0]) == {"document_id", "source", "chunk_id", "score"}

    assert main(["docs", "list", "--store", store]) == 0
    assert capsys.readouterr().out.count("\n") == 4
    assert main(["docs", "remove", "isaf_test_037", "--store", store]) == 0
    assert "removed isaf_test_037" in capsys.readouterr().out
    assert main(["docs", "remove", "isaf_test_037", "--store", store]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_batch_contract(tmp_path, small_corpus, capsys):
    store = str(tmp_path / "cli-store")
    main(["ingest", str(small_corpus), "--store", store])
    questions = tmp_path / "in.jsonl"
    questions.write_text(
        json.dumps({"id": "q1", "question": "How many airstrikes were reported?"}) + "\n"
        + json.dumps({"id": "q2", "question": "Who won the 1966 football world cup?", "extra": 1}) + "\n"
    )
    out = tmp_path / "out.jsonl"
    assert main(["ask", "--questions", str(questions), "--out", str(out), "--store", store]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["q1", "q2"]
    keys = {"id", "question", "answer", "has_answer", "citations", "retrieved", "latency_ms", "grounding"}
    assert all(set(r) == keys for r in rows)
    assert rows[0]["has_answer"] and rows[0]["citations"][0]["source"] == "jazira_storm_operation.txt"
    assert not rows[1]["has_answer"] and rows[1]["citations"] == []


def test_errors_are_one_line_with_exit_code_1(tmp_path, capsys):
    store = str(tmp_path / "empty-store")
    assert main(["ask", "anything?", "--store", store]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "assistant ingest" in err and err.count("\n") == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n')
    assert main(["ask", "--questions", str(bad), "--out", str(tmp_path / "o.jsonl"), "--store", store]) == 1
    assert "bad.jsonl:1: missing field 'question'" in capsys.readouterr().err


def test_eval_end_to_end_on_five_questions(tmp_path, small_corpus, capsys):
    rows = [
        {"id": "a", "question": "How many airstrikes were reported?", "answers": ["34"], "doc_ids": ["jazira_storm_operation"], "type": "count"},
        {"id": "b", "question": "How many men were detained after a vehicle was stopped and searched in Reg-e Khan Neshin district?", "answers": ["4", "four"], "doc_ids": ["isaf_test_216"], "type": "count"},
        {"id": "c", "question": "In which village of Zharay district did a joint security force capture a suspected militant?", "answers": ["Maku"], "doc_ids": ["isaf_test_037"], "type": "fact"},
        {"id": "d", "question": "How much opium did the combined force seize in Kajaki district?", "answers": ["353 pounds"], "doc_ids": ["isaf_test_074"], "type": "fact"},
        {"id": "e", "question": "Who won the 1966 football world cup?", "answers": [], "doc_ids": [], "type": "unanswerable"},
    ]
    qa = tmp_path / "qa.jsonl"
    qa.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "report.json"
    assert main(["eval", "--qa", str(qa), "--docs", str(small_corpus), "--k", "5", "--out", str(out)]) == 0
    table = capsys.readouterr().out
    assert "overall" in table and "recall@5" in table and "unanswerable" in table
    payload = json.loads(out.read_text())
    overall = payload["report"]["overall"]
    assert overall["n"] == 5 and overall["recall_at_k"] == 1.0 and overall["abstention"] == 1.0
    assert overall["accuracy"] >= 0.75
    assert [q["id"] for q in payload["questions"]] == ["a", "b", "c", "d", "e"]


def test_usage_errors_are_clear(tmp_path, capsys):
    import pytest

    store = str(tmp_path / "s")
    for bad_k in ("0", "-3"):
        with pytest.raises(SystemExit) as info:
            main(["ask", "anything?", "--k", bad_k, "--store", store])
        assert info.value.code == 2
        assert "must be at least 1" in capsys.readouterr().err
    assert main(["ask", "anything?", "--out", str(tmp_path / "o.jsonl"), "--store", store]) == 1
    assert "--out goes with --questions" in capsys.readouterr().err
    assert main(["ask", "--questions", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o.jsonl"),
                 "--store", store]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "missing.jsonl: No such file or directory" in err
    assert main(["--store", store, "ingest", str(tmp_path / "nowhere")]) == 1
    captured = capsys.readouterr()
    assert "nowhere: no such file or folder" in captured.err and "rejected 1" in captured.out


def test_a_blank_question_in_a_batch_is_reported_before_any_answer(tmp_path, capsys):
    questions = tmp_path / "in.jsonl"
    questions.write_text('{"id": "a", "question": "How many airstrikes?"}\n{"id": "b", "question": "   "}\n')
    out = tmp_path / "out.jsonl"
    assert main(["ask", "--questions", str(questions), "--out", str(out), "--store", str(tmp_path / "s")]) == 1
    assert "in.jsonl:2: 'question' must be a non-empty string" in capsys.readouterr().err
    assert not out.exists()


def test_a_bad_setting_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "bogus")
    assert main(["docs", "list", "--store", str(tmp_path / "s")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and err.count("\n") == 1
    assert "ASSISTANT_EMBEDDER" in err and "mpnet" in err
