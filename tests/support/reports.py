"""An Assistant over a few made-up reports written by the test, and the short answer of an answer."""

from __future__ import annotations


def assistant_over(tmp_path_factory, embedder, name: str, reports: dict[str, str]):
    """A real :class:`~assistant.Assistant` (real store, model and pipeline) over ``reports``
    (file name -> text), written to a fresh folder ``<name>-docs`` and indexed into ``<name>-store``."""
    from assistant import Assistant, Settings

    folder = tmp_path_factory.mktemp(f"{name}-docs")
    for file_name, text in reports.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    store = tmp_path_factory.mktemp(f"{name}-store")
    assistant = Assistant(Settings(store=store, incidents_dir=store), embedder=embedder)
    assistant.ingest([folder])
    return assistant


def short_answer(answer):
    """``answer.short_answer``, failing the test (with the answer's text) when the answer has none."""
    assert answer.has_answer, answer.text
    assert answer.short_answer is not None, answer.text
    return answer.short_answer
