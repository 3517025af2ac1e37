"""An Assistant over a few made-up reports written by the test, and the short answer of an answer."""

from __future__ import annotations


def assistant_over(tmp_path_factory, embedder, name: str, reports: dict[str, str], **settings):
    """A real :class:`~assistant.Assistant` (real store, model and pipeline) over ``reports``
    (file name -> text), written to a fresh folder ``<name>-docs`` and indexed into ``<name>-store``;
    ``settings``: further :class:`~assistant.Settings` fields."""
    from assistant import Assistant, Settings

    folder = tmp_path_factory.mktemp(f"{name}-docs")
    for file_name, text in reports.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    store = tmp_path_factory.mktemp(f"{name}-store")
    assistant = Assistant(Settings(store=store, incidents_dir=store, **settings), embedder=embedder)
    assistant.ingest([folder])
    return assistant


def assistant_over_folder(tmp_path_factory, embedder, name: str, folder):
    """A real :class:`~assistant.Assistant` over the reports in ``folder`` (test data), indexed
    into a fresh ``<name>-store``; fails the test when a report is rejected."""
    from assistant import Assistant, Settings

    assistant = Assistant(Settings(store=tmp_path_factory.mktemp(f"{name}-store")), embedder=embedder)
    report = assistant.ingest([folder])
    assert not report.rejected, report.rejected
    return assistant


def count_reading(question: str):
    """The :class:`~assistant.counting.query.CountQuery` of ``question`` (the real parser and WordNet)."""
    from assistant.counting.reading import read_count_query
    from assistant.language.nlp import parse_question
    from assistant.language.wordnet import wordnet

    return read_count_query(question, parse_question, wordnet())


def short_answer(answer):
    """``answer.short_answer``, failing the test (with the answer's text) when the answer has none."""
    assert answer.has_answer, answer.text
    assert answer.short_answer is not None, answer.text
    return answer.short_answer
