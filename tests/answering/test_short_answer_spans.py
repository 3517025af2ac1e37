"""Every short answer on our two public sets is exactly the document text at its offsets and lies
inside the passage its answer cites (the questions are only asked, never scored here)."""

import json

import pytest

from tests.support.paths import ROOT


def _questions(name: str) -> list[str]:
    path = ROOT / "evalsets" / name / "qa.jsonl"
    return [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _check(assistant, questions: list[str]) -> int:
    spans = 0
    for question in questions:
        answer = assistant.ask(question)
        short = answer.short_answer
        if not answer.has_answer:
            assert short is None and not answer.citations
            continue
        if short is None:
            continue
        spans += 1
        text = assistant.document_text(short.document_id)
        assert text[short.start:short.end] == short.text, question
        assert any(c.document_id == short.document_id and c.start <= short.start < short.end <= c.end
                   for c in answer.citations), question
        assert answer.text.startswith(" ".join(short.text.split())), question
    return spans


def test_short_answer_spans_on_the_corpus_set(corpus_assistant):
    assert _check(corpus_assistant, _questions("corpus")) >= 20


@pytest.fixture(scope="module")
def valdoria_assistant(tmp_path_factory, embedder):
    from assistant import Assistant, Settings

    store = tmp_path_factory.mktemp("valdoria-store")
    assistant = Assistant(Settings(store=store, incidents_dir=store), embedder=embedder)
    assistant.ingest([ROOT / "evalsets" / "valdoria" / "docs"])
    return assistant


def test_short_answer_spans_on_the_valdoria_set(valdoria_assistant):
    assert _check(valdoria_assistant, _questions("valdoria")) >= 20
