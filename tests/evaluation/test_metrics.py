"""Tests of :mod:`assistant.evaluation.metrics`: answer matching, the QA reader, the metrics
(exact figures on hand-made results) and one end-to-end run with the real models."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.evaluation.metrics import (
    Metrics,
    QARow,
    QuestionResult,
    Report,
    contains_answer,
    format_table,
    normalize_answer,
    percentile,
    read_qa,
    score,
)
from assistant.evaluation.run import run_eval
from tests.support.paths import ROOT as PROJECT_DIR

CORPUS = PROJECT_DIR / "corpus"

# --------------------------------------------------------------------------- answers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The  Village of MAKU!", "village of maku"),
        ("An apple, a day.", "apple day"),
        ("theory of another anthem", "theory of another anthem"),  # articles only as whole words
        ("AK-47s", "ak47s"),  # punctuation deleted, as in SQuAD
        ("1,000 (one thousand)", "1000 one thousand"),
        ("\u201cLaila Abdullah,\u201d she said \u2013 twice", "laila abdullah she said twice"),  # Unicode punctuation
        ("  tabs\tand\nnewlines  ", "tabs and newlines"),
        ("", ""),
    ],
)
def test_normalize_answer(text, expected):
    assert normalize_answer(text) == expected


@pytest.mark.parametrize(
    ("answer", "aliases", "expected"),
    [
        ("Coalition aircraft conducted 34 airstrikes. [1]", ["34", "thirty-four"], True),
        ("Coalition aircraft conducted 340 airstrikes. [1]", ["34"], False),  # whole token: 34 is not 340
        ("Someone was killed.", ["1", "one"], False),  # whole token: one is not in someone
        ("One insurgent was killed.", ["1", "one"], True),
        ("They killed 3 insurgents [1].", ["1", "one"], False),  # the citation marker is not an answer
        ("He was captured in Kodgai Village, Nerkh district.", ["Kodgai village"], True),
        ("He was captured in the village of Maku.", ["the village of Maku"], True),  # articles dropped both sides
        ("He was the Taliban financier.", ["a Taliban financier"], True),
        ("thirty-four strikes", ["thirty four"], False),  # "thirtyfour" vs "thirty four"
        ("thirty-four strikes", ["thirty-four"], True),
        ("\u201cYasir\u201d was killed", ["Yasir"], True),
        ("KODGAI", ["kodgai"], True),
        ("Logar, Ghazni, Paktika and Kunar", ["Logar, Ghazni, Paktika, Kunar"], False),  # a run, not a set
        ("Logar, Ghazni, Paktika, Kunar.", ["Logar, Ghazni, Paktika, Kunar"], True),
        ("anything at all", ["", "the"], False),  # aliases that normalise to nothing never match
        ("anything at all", [], False),
    ],
)
def test_contains_answer(answer, aliases, expected):
    assert contains_answer(answer, aliases) is expected


def test_percentile_nearest_rank():
    assert percentile([], 50) is None
    assert percentile([5.0], 95) == 5.0
    assert percentile([4, 1, 3, 2], 50) == 2  # rank ceil(2.0) = 2
    assert percentile([4, 1, 3, 2], 95) == 4  # rank ceil(3.8) = 4
    assert percentile(list(range(1, 101)), 95) == 95
    with pytest.raises(ValueError):
        percentile([1.0], 0)


# --------------------------------------------------------------------------- QA file


def _write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def test_read_qa(tmp_path):
    path = _write_jsonl(
        tmp_path / "qa.jsonl",
        [
            {"id": "a", "question": " How many? ", "answers": ["3", "three"], "doc_ids": ["d1", "d2"],
             "answer_doc_ids": ["d2"], "type": "count", "evidence": ["ignored"]},
            "",
            {"id": "b", "question": "Who?", "answers": [], "doc_ids": []},
        ],
    )
    rows = read_qa(path)
    assert rows == [
        QARow("a", "How many?", ("3", "three"), ("d1", "d2"), ("d2",), "count"),
        QARow("b", "Who?", (), (), (), None),
    ]
    assert rows[0].answerable and not rows[1].answerable
    assert rows[0].gold_doc_ids == ("d2",)
    assert QARow("c", "q", ("x",), ("d1",)).gold_doc_ids == ("d1",)  # answer_doc_ids absent: doc_ids


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"id": "x", "answers": [], "doc_ids": []}', "missing field(s) question"),
        ('{"id": "x", "question": "q", "answers": "3", "doc_ids": []}', "'answers' must be a list of strings"),
        ('{"id": "x", "question": "q", "answers": [], "doc_ids": [1]}', "'doc_ids' must be a list of strings"),
        ('{"id": "x", "question": "  ", "answers": [], "doc_ids": []}', "'question' must be a non-empty string"),
        ('{"id": "ok", "question": "q", "answers": [], "doc_ids": []}', "id 'ok' already used on line 1"),
    ],
)
def test_read_qa_names_file_and_line(tmp_path, bad_line, message):
    path = _write_jsonl(
        tmp_path / "qa.jsonl",
        [{"id": "ok", "question": "q", "answers": ["a"], "doc_ids": ["d"]}, "", bad_line],
    )
    with pytest.raises(ValueError) as info:
        read_qa(path)
    assert f"{path}:3:" in str(info.value)
    assert message in str(info.value)


# --------------------------------------------------------------------------- score


def _result(id, answers, doc_ids, *, text, has_answer, cited=(), retrieved=(), latency, type=None,
            answer_doc_ids=(), texts=()):
    row = QARow(id, f"question {id}?", tuple(answers), tuple(doc_ids), tuple(answer_doc_ids), type)
    return QuestionResult(row, text, has_answer, tuple(cited), tuple(retrieved), latency,
                          retrieved_texts=tuple(texts))


NO = "The reports do not answer this question."

RESULTS = [
    # right answer; gold = answer_doc_ids (A); first gold doc at distinct rank 2 (B, A, C)
    _result("right", ["34"], ["A", "B"], answer_doc_ids=["A"], text="Aircraft conducted 34 airstrikes [1].",
            has_answer=True, cited=["A"], retrieved=["B", "A", "A", "C"], latency=10, type="fact",
            texts=["No figure here.", "It conducted 34 airstrikes.", "x", "y"]),
    # wrong answer; gold = doc_ids (C); two citations, one to a gold document
    _result("wrong", ["Kodgai"], ["C"], text="He was captured in Maku [1] [2].",
            has_answer=True, cited=["C", "D"], retrieved=["C", "D"], latency=20, type="fact"),
    # abstained on an answerable question; the gold document was not retrieved
    # a passage of a non-gold document (F) states the answer
    _result("refused", ["3", "three"], ["E"], text=NO, has_answer=False, retrieved=["F", "G"],
            latency=30, type="count", texts=["Three were detained.", "Nothing."]),
    # unanswerable, correctly abstained
    _result("abstained", [], [], text=NO, has_answer=False, retrieved=["A"], latency=40, type="count"),
    # unanswerable, but answered with a citation
    _result("invented", [], [], text="There were 340 tanks [1].", has_answer=True, cited=["A"],
            retrieved=["A", "B"], latency=50, type="count"),
    # answered without a citation (and wrong: "one" is not in "someone"); no type
    _result("uncited", ["one"], ["H"], text="Someone was killed.", has_answer=True, retrieved=["H"],
            latency=1000),
]


def test_question_result_correct_and_rank():
    by_id = {r.row.id: r for r in RESULTS}
    assert [r.correct for r in RESULTS] == [True, False, False, True, False, False]
    assert by_id["right"].first_gold_rank() == 2
    assert by_id["wrong"].first_gold_rank() == 1
    assert by_id["refused"].first_gold_rank() is None


def test_score_overall_exact():
    report = score(RESULTS, k=2)
    m = report.overall
    assert (m.n, m.n_answerable, m.n_unanswerable, m.n_answered, m.n_citations, m.k) == (6, 4, 2, 4, 4, 2)
    assert m.accuracy == 0.25  # right / {right, wrong, refused, uncited}
    assert m.abstention == 0.5  # abstained / {abstained, invented}
    assert m.false_refusal == 0.25  # refused / 4 answerable
    assert m.recall_at_k == 0.75  # right (rank 2), wrong (1), uncited (1); refused misses
    assert m.mrr == 0.625  # (1/2 + 1 + 0 + 1) / 4
    assert m.answer_recall_at_k == 0.5  # right (passage 2 says 34), refused (F says three); wrong, uncited: no text
    assert m.citation_rate == 0.75  # right, wrong, invented of 4 answered
    assert m.citation_precision == 0.5  # A (right), C (wrong) of A, C, D, A (invented: unanswerable)
    assert m.latency_p50_ms == 30  # nearest rank ceil(0.5 * 6) = 3
    assert m.latency_p95_ms == 1000  # nearest rank ceil(0.95 * 6) = 6


def test_score_recall_cut_off():
    assert score(RESULTS, k=1).overall.recall_at_k == 0.5  # right's gold document is at rank 2
    assert score(RESULTS, k=1).overall.mrr == 0.625  # MRR does not depend on k
    assert score(RESULTS, k=1).overall.answer_recall_at_k == 0.25  # right's "34" passage is at rank 2
    with pytest.raises(ValueError):
        score(RESULTS, k=0)


def test_score_by_type_exact():
    report = score(RESULTS, k=2)
    assert list(report.by_type) == ["count", "fact"]  # the untyped row only counts overall

    fact = report.by_type["fact"]
    assert (fact.n, fact.n_answerable, fact.n_unanswerable) == (2, 2, 0)
    assert fact.accuracy == 0.5
    assert fact.abstention is None  # no unanswerable row
    assert fact.false_refusal == 0.0
    assert fact.recall_at_k == 1.0
    assert fact.mrr == 0.75
    assert fact.citation_rate == 1.0
    assert fact.citation_precision == pytest.approx(2 / 3)
    assert (fact.latency_p50_ms, fact.latency_p95_ms) == (10, 20)

    count = report.by_type["count"]
    assert (count.n, count.n_answerable, count.n_unanswerable) == (3, 1, 2)
    assert count.accuracy == 0.0
    assert count.abstention == 0.5
    assert count.false_refusal == 1.0
    assert count.recall_at_k == 0.0
    assert count.mrr == 0.0
    assert count.citation_rate == 1.0
    assert count.citation_precision == 0.0
    assert (count.latency_p50_ms, count.latency_p95_ms) == (40, 50)


def test_score_empty():
    m = score([], k=5).overall
    assert m.n == 0
    assert m.accuracy is m.abstention is m.recall_at_k is m.citation_precision is m.latency_p50_ms is None


def test_report_to_dict_and_table():
    report = score(RESULTS, k=2)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["k"] == 2
    assert data["overall"]["accuracy"] == 0.25
    assert data["by_type"]["count"]["abstention"] == 0.5
    assert data["by_type"]["fact"]["abstention"] is None
    assert data["timing"] is None

    table = format_table(report)
    lines = table.splitlines()
    assert lines[0].split() == ["group", "n", "acc", "EM", "abstain", "false_refusal", "recall@2", "MRR",
                                "ans_recall@2", "cite_rate", "cite_precision", "p50_ms", "p95_ms"]
    rows = {line.split()[0] if not line.startswith("half") else " ".join(line.split()[:2]): line.split()
            for line in lines[2:] if line.strip()}
    assert {"half A", "half B"} & set(rows)  # each half of the fixed split has its row
    assert rows["overall"] == ["overall", "6", "0.250", "0.000", "0.500", "0.250", "0.750", "0.625", "0.500", "0.750",
                                "0.500", "30.0", "1000.0"]
    assert rows["count"][:5] == ["count", "3", "0.000", "0.000", "0.500"]
    assert rows["fact"][:5] == ["fact", "2", "0.500", "0.000", "-"]
    assert isinstance(report, Report) and isinstance(report.overall, Metrics)


# --------------------------------------------------------------------------- end to end

# Answers checked by reading the files in corpus/.
E2E_QUESTIONS = [
    # jazira_storm_operation: "coalition aircraft have conducted 34 airstrikes"
    {"id": "q1", "question": "How many airstrikes did coalition aircraft conduct during Operation Jazira Storm?",
     "answers": ["34", "thirty-four", "thirty four"], "doc_ids": ["jazira_storm_operation"], "type": "count"},
    # isaf_test_028: "... killed one insurgent ... in Shah Joy district, Zabul province"
    {"id": "q2", "question": "How many insurgents were killed during the clearing operation in Shah Joy district, "
     "Zabul province?", "answers": ["1", "one"], "doc_ids": ["isaf_test_028"], "type": "count"},
    # isaf_test_030: "targeted a compound in Kodgai village of Nerkh district"
    {"id": "q3", "question": "In which village of Nerkh district was a Taliban senior leader captured?",
     "answers": ["Kodgai", "Kodgai village"], "doc_ids": ["isaf_test_030"], "type": "fact"},
    # isaf_test_073: "... in Watahpur district ... was the al-Qaeda associated Taliban leader Yasir"
    {"id": "q4", "question": "Which al-Qaeda associated Taliban leader was killed in a precision airstrike in "
     "Watahpur district?", "answers": ["Yasir"], "doc_ids": ["isaf_test_073"], "type": "fact"},
    # no document gives tank losses
    {"id": "q5", "question": "How many tanks did the Turkish Armed Forces lose in Afrin?",
     "answers": [], "doc_ids": [], "type": "unanswerable"},
]
E2E_FILES = ["jazira_storm_operation.txt", "isaf_test_028.txt", "isaf_test_030.txt", "isaf_test_073.txt"]


def _snapshot(folder: Path) -> dict[str, tuple[int, int]] | None:
    if not folder.exists():
        return None
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def test_run_eval_end_to_end(tmp_path):
    from assistant.config import Settings

    docs = tmp_path / "docs"
    docs.mkdir()
    for name in E2E_FILES:
        shutil.copy(CORPUS / name, docs / name)
    qa = _write_jsonl(tmp_path / "qa.jsonl", E2E_QUESTIONS)

    user_store = tmp_path / "user_store"
    user_store.mkdir()
    (user_store / "sentinel.txt").write_text("keep me", encoding="utf-8")
    before = _snapshot(user_store)
    default_store = Settings().storage.store
    default_before = _snapshot(default_store)
    # A chroma_url that nothing listens on: run_eval must ignore it as well as the store folder.
    settings = Settings(store=user_store, chroma_url="http://127.0.0.1:9")

    calls = []
    report, records = run_eval(qa, [docs], settings=settings, k=3,
                               progress=lambda stage, done, total: calls.append((stage, done, total)))

    m = report.overall
    assert (m.n, m.n_answerable, m.n_unanswerable, report.k) == (5, 4, 1, 3)
    assert m.recall_at_k is not None and m.recall_at_k >= 0.75
    assert m.mrr is not None and m.mrr >= 0.5
    assert m.accuracy is not None and 0.0 <= m.accuracy <= 1.0
    assert m.latency_p50_ms is not None and m.latency_p50_ms > 0
    assert set(report.by_type) == {"count", "fact", "unanswerable"}

    t = report.timing
    assert t is not None
    assert (t.n_documents, t.n_rejected) == (4, 0)
    assert t.n_chunks >= 4 and t.index_seconds > 0 and t.chunks_per_second > 0
    assert t.peak_rss_mib > 50

    assert [r["id"] for r in records] == ["q1", "q2", "q3", "q4", "q5"]
    for record, row in zip(records, E2E_QUESTIONS):
        assert record["question"] == row["question"]
        assert record["gold_answers"] == row["answers"]
        assert isinstance(record["correct"], bool)
        assert {"answer", "has_answer", "citations", "retrieved", "latency_ms"} <= set(record)
    json.dumps(records)
    json.dumps(report.to_dict())
    assert calls[-1] == ("ask", 5, 5)
    assert ("ingest", 4, 4) in calls

    assert _snapshot(user_store) == before  # the user's store is untouched
    assert _snapshot(default_store) == default_before
    assert "recall@3" in format_table(report)


def test_answers_without_retrieval_are_counted_and_footnoted():
    routed = _result("routed", ["3"], ["A"], text="3 reports [1].", has_answer=True, cited=["A"], latency=5)
    report = score([routed, RESULTS[0]], k=2)
    assert report.overall.n_without_retrieval == 1
    assert report.overall.recall_at_k == 0.5
    assert "1 answerable questions were answered from the incident records" in format_table(report)
    assert "incident records" not in format_table(score(RESULTS, k=2))


def test_exact_match_is_squad_em_against_a_gold_alias():
    from assistant.evaluation.metrics import exact_match

    assert exact_match("The Kodgai village", ["Kodgai village"])
    assert exact_match("34", ["34", "thirty-four"])
    assert not exact_match("34 airstrikes", ["34"])  # contained, but not exact
    assert not exact_match(None, ["34"]) and not exact_match("", ["34"]) and not exact_match("34", [])


def test_the_split_is_the_evalsets_split():
    import sys

    from assistant.evaluation.metrics import split_half
    from tests.support.paths import ROOT

    sys.path.insert(0, str(ROOT / "evalsets"))
    try:
        from split import half
    finally:
        sys.path.remove(str(ROOT / "evalsets"))
    ids = [f"q{i}" for i in range(200)] + ["val_single_001", "single_003", "rgb_en_fact_1"]
    assert [split_half(i) for i in ids] == [half(i) for i in ids]
    assert {split_half(i) for i in ids} == {"A", "B"}


def test_report_by_answer_type_half_and_exact_match(tmp_path):
    from assistant.evaluation.metrics import QARow, QuestionResult, score, split_half

    rows = [
        QARow("q1", "Who?", ("Tamsin Varga",), ("a",), answer_type="person"),
        QARow("q2", "How many?", ("27",), ("b",)),
        QARow("q3", "Name?", (), ("a",), answer_type="none"),
    ]
    results = [
        QuestionResult(rows[0], "Tamsin Varga — The owner, Tamsin Varga, said ... [1]", True, ("a",), ("a",),
                       short_answer="Tamsin Varga"),
        QuestionResult(rows[1], "as many as 27 lorries [1]", True, ("b",), ("b",), short_answer="as many as 27",
                       predicted_type="count"),
        QuestionResult(rows[2], "The reports do not answer this question.", False, predicted_type="person"),
    ]
    report = score(results, 5)
    assert report.overall.accuracy == 1.0 and report.overall.exact_match == 0.5 and report.overall.n_short == 2
    assert set(report.by_answer_type) == {"person", "count", "none"}  # the file's type first, else the one read
    assert report.by_answer_type["count"].exact_match == 0.0
    assert report.overall.recall_at_k == 1.0
    assert sum(m.n for m in report.by_half.values()) == 3
    assert all(h == split_half(r.row.id) for r in results for h in [r.row.half])
