"""The command line: its JSON and batch contracts and its error handling."""

import json
import os
import subprocess

from assistant.interfaces.cli import main
from tests.support.paths import ROOT
from tests.support.processes import cli_command

ANSWER_KEYS = {"id", "question", "answer", "has_answer", "citations", "retrieved", "latency_ms", "grounding",
               "short_answer", "answer_type", "corrections"}
CITATION_KEYS = {"n", "document_id", "source", "path", "page", "chunk_id", "start", "end", "text", "score"}
RETRIEVED_KEYS = {"document_id", "source", "path", "page", "chunk_id", "score"}


def test_ingest_ask_json_and_docs(tmp_path, small_corpus, capsys):
    store = str(tmp_path / "cli-store")
    (small_corpus / "bad.txt").write_bytes(b"\x00\x00")
    assert main(["ingest", str(small_corpus), "--store", store]) == 0
    out, err = capsys.readouterr()
    assert "added 4" in out and "rejected 1" in out
    assert "bad.txt" in err

    assert main(["ask", "How many airstrikes were reported?", "--store", store, "--json", "--k", "3"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert set(record) == ANSWER_KEYS and record["id"] is None  # a single question has no id: null
    assert record["grounding"] == "extractive"
    assert record["has_answer"] and "34" in record["answer"]
    citation = record["citations"][0]
    assert set(citation) == CITATION_KEYS
    assert citation["source"] == "jazira_storm_operation.txt" and "34 airstrikes" in citation["text"]
    assert citation["path"] == "jazira_storm_operation.txt" and citation["page"] is None  # a flat .txt
    assert len(record["retrieved"]) == 3 and set(record["retrieved"][0]) == RETRIEVED_KEYS

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
    assert all(set(r) == ANSWER_KEYS for r in rows)
    assert rows[0]["has_answer"] and rows[0]["citations"][0]["source"] == "jazira_storm_operation.txt"
    assert not rows[1]["has_answer"] and rows[1]["citations"] == []


def test_errors_are_one_line_with_exit_code_1(tmp_path, capsys, embedder):
    from assistant import Assistant, Settings

    store = tmp_path / "empty-store"
    Assistant(Settings(store=store), embedder=embedder)  # an index with no documents
    assert main(["ask", "anything?", "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "assistant ingest" in err and err.count("\n") == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n')
    assert main(["ask", "--questions", str(bad), "--out", str(tmp_path / "o.jsonl"), "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "is empty" in err and err.count("\n") == 1


def test_a_mistyped_store_is_one_error_naming_it_and_is_never_created(tmp_path, small_corpus, capsys):
    store = tmp_path / "cli-store"
    assert main(["ingest", str(small_corpus), "--store", str(store)]) == 0
    capsys.readouterr()
    typo = tmp_path / "cli-stor"
    questions = tmp_path / "in.jsonl"
    questions.write_text(json.dumps({"id": "q1", "question": "How many airstrikes were reported?"}) + "\n")
    for command in (["ask", "How many airstrikes were reported?"], ["ask", "anything", "--json"],
                    ["ask", "--questions", str(questions), "--out", str(tmp_path / "o.jsonl")],
                    ["docs", "list"], ["docs", "remove", "isaf_test_037"], ["incidents"]):
        assert main([*command, "--store", str(typo)]) == 1, command
        err = capsys.readouterr().err
        assert err.startswith(f"Error: no index at {typo}: the folder does not exist") and err.count("\n") == 1, err
        assert "--store" in err and "assistant --store" in err and "ingest" in err
        assert not typo.exists(), command
    assert not (tmp_path / "o.jsonl").exists()
    folder = tmp_path / "just-a-folder"
    folder.mkdir()
    assert main(["docs", "list", "--store", str(folder)]) == 1
    assert "no chroma.sqlite3" in capsys.readouterr().err and list(folder.iterdir()) == []
    assert main(["docs", "list", "--store", str(store)]) == 0  # the right one still reads
    assert capsys.readouterr().out.count("\n") == 4


def test_a_batch_with_malformed_lines_answers_the_others(tmp_path, small_corpus, capsys):
    store = str(tmp_path / "cli-store")
    main(["ingest", str(small_corpus), "--store", store])
    questions = tmp_path / "in.jsonl"
    questions.write_text(
        json.dumps({"id": "q1", "question": "How many airstrikes were reported?"}) + "\n"
        + '{"id": "q2", "question": "How many\n'  # cut off: not JSON
        + "\n"  # a blank line is skipped, not an error
        + json.dumps({"id": "q3"}) + "\n"
        + json.dumps({"id": "q4", "question": "   "}) + "\n"
        + json.dumps(["not", "an", "object"]) + "\n"
        + json.dumps({"id": 6, "question": "Who won the 1966 football world cup?"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["ask", "--questions", str(questions), "--out", str(out), "--store", store]) == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["q1", None, "q3", "q4", None, 6]
    assert rows[0]["has_answer"] and "34" in rows[0]["answer"] and set(rows[0]) == ANSWER_KEYS
    assert not rows[5]["has_answer"] and set(rows[5]) == ANSWER_KEYS
    errors = {r["line"]: r for r in rows if "error" in r}
    assert sorted(errors) == [2, 4, 5, 6] and all(set(r) == {"id", "error", "line"} for r in errors.values())
    assert errors[2]["error"].startswith("not JSON") and errors[4]["error"] == "missing field 'question'"
    assert errors[5]["error"] == "'question' must be a non-empty string"
    err = capsys.readouterr().err
    for number in (2, 4, 5, 6):
        assert f"in.jsonl:{number}: " in err
    assert "lines 2, 4, 5, 6 not answered" in err and "2 answers and 4 error records" in err
    assert "Traceback" not in err


def test_docs_remove_names_the_candidates_when_a_file_name_is_ambiguous(tmp_path, capsys):
    reports = tmp_path / "reports"
    for region, count in (("north", 3), ("south", 5)):
        (reports / region).mkdir(parents=True)
        (reports / region / "weekly_report.txt").write_text(
            f"Weekly report of the {region} district. The patrols counted {count} checkpoints this week.\n",
            encoding="utf-8")
    store = str(tmp_path / "cli-store")
    assert main(["ingest", str(reports), "--store", store]) == 0
    assert "added 2" in capsys.readouterr().out
    assert main(["docs", "list", "--store", store]) == 0
    listed = [line.split("\t")[:2] for line in capsys.readouterr().out.splitlines()]
    assert listed == [["north/weekly_report", "north/weekly_report.txt"],
                      ["south/weekly_report", "south/weekly_report.txt"]]
    assert main(["docs", "remove", "weekly_report.txt", "--store", store]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'weekly_report.txt' is the file name of 2 documents" in err
    assert "north/weekly_report (north/weekly_report.txt), south/weekly_report (south/weekly_report.txt)" in err
    assert main(["docs", "remove", "south/weekly_report.txt", "--store", store]) == 0  # by path
    assert capsys.readouterr().out == "removed south/weekly_report (1 chunks)\n"
    assert main(["docs", "remove", "weekly_report.txt", "--store", store]) == 0  # now one has that name
    assert capsys.readouterr().out == "removed north/weekly_report (1 chunks)\n"


def _cli_env(store) -> dict:
    return dict(os.environ, ASSISTANT_STORE=str(store), PYTHONPATH=str(ROOT))


def test_a_closed_pipe_ends_quietly_with_exit_0(tmp_path, small_corpus):
    store = tmp_path / "pipe-store"
    assert main(["ingest", str(small_corpus), "--store", str(store)]) == 0
    env = _cli_env(store)
    # The reader is gone before the CLI writes a byte: every write meets a closed pipe.
    process = subprocess.Popen(cli_command("ask", "How many airstrikes were reported?"), cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()
    _, err = process.communicate(timeout=180)
    assert process.returncode == 0, err
    assert "Broken pipe" not in err and "Error" not in err and "Exception ignored" not in err, err
    # The shape the issue reported: `assistant ask ... | head -1`, exit status of the CLI itself.
    command = " ".join(f"'{part}'" for part in cli_command("ask", "How many airstrikes were reported?"))
    done = subprocess.run(["bash", "-c", f"{command} 2>err.txt | head -1; echo ${{PIPESTATUS[0]}} > status.txt"],
                          cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, check=False,
                          timeout=180)
    assert "34 airstrikes" in done.stdout and done.stdout.count("\n") == 1
    assert (tmp_path / "status.txt").read_text().strip() == "0"
    assert "Broken pipe" not in (tmp_path / "err.txt").read_text()


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
    for bad in (["ask", "anything?", "--out", str(tmp_path / "o.jsonl")], ["ask"],
                ["ask", "--questions", str(tmp_path / "in.jsonl")]):
        with pytest.raises(SystemExit) as info:  # a malformed command line: usage, exit code 2
            main([*bad, "--store", store])
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("usage: assistant") and ("--out goes with --questions" in err or "give either" in err
                                                       or "--questions needs --out" in err), err
    assert main(["ask", "--questions", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o.jsonl"),
                 "--store", store]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "missing.jsonl: No such file or directory" in err
    assert main(["--store", store, "ingest", str(tmp_path / "nowhere")]) == 1
    captured = capsys.readouterr()
    assert "nowhere: no such file or folder" in captured.err and "rejected 1" in captured.out


def test_an_ingest_that_indexes_nothing_leaves_no_new_store(tmp_path, capsys):
    store = tmp_path / "new" / "store"
    assert main(["--store", str(store), "ingest", str(tmp_path / "nowhere.txt")]) == 1
    captured = capsys.readouterr()
    assert "nowhere.txt: no such file or folder" in captured.err and "rejected 1" in captured.out
    assert not (tmp_path / "new").exists()  # neither the store nor the folder made for it
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "kelmar.xyz").write_text("The ferry to Kelmar Island runs daily.", encoding="utf-8")
    assert main(["--store", str(store), "ingest", str(tmp_path / "odd")]) == 1
    assert "unsupported file type '.xyz'" in capsys.readouterr().err and not (tmp_path / "new").exists()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "kelmar_note.txt").write_text("Date: 4 June 2021\n\nThe ferry to Kelmar Island "
                                                      "resumed service on Friday.\n", encoding="utf-8")
    assert main(["--store", str(store), "ingest", str(tmp_path / "docs")]) == 0
    assert main(["--store", str(store), "ingest", str(tmp_path / "nowhere.txt")]) == 1
    assert (store / "chroma.sqlite3").exists()  # a store that existed is kept
    assert main(["--store", str(store), "docs", "list"]) == 0
    assert "kelmar_note" in capsys.readouterr().out


def test_a_bad_setting_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "bogus")
    assert main(["docs", "list", "--store", str(tmp_path / "s")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and err.count("\n") == 1
    assert "ASSISTANT_EMBEDDER" in err and "mpnet" in err


def test_a_question_of_punctuation_only_is_refused_as_having_no_words(tmp_path, small_corpus, capsys, embedder):
    import pytest

    from assistant import Assistant, Settings

    store = tmp_path / "cli-store"
    assert main(["ingest", str(small_corpus), "--store", str(store)]) == 0
    capsys.readouterr()
    for question in ("?", " ... ", "?!"):
        assert main(["ask", question, "--store", str(store)]) == 1
        out, err = capsys.readouterr()
        assert out == "" and err == f"Error: the question has no words: {question.strip()!r}; ask it in words\n"
    assistant = Assistant(Settings(store=store), embedder=embedder)
    with pytest.raises(ValueError, match="the question has no words"):
        assistant.ask("?")
    assert assistant.ask("How many airstrikes were reported? ?").has_answer  # words and punctuation: asked
