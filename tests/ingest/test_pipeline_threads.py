"""Batch ingest embeds on both cores and gives the question-time thread count back."""

from __future__ import annotations

import torch

from tests.support.makefiles import report_text


def test_ingest_embeds_with_ingest_threads_and_restores_the_question_threads(make_assistant, tmp_path, embedder):
    seen: list[int] = []
    embed = embedder.embed

    def spying(texts):
        seen.append(torch.get_num_threads())
        return embed(texts)

    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(3):
        (folder / f"report_{i}.txt").write_text(report_text(i), encoding="utf-8")
    assistant = make_assistant("threads", ingest_threads=2)
    before = torch.get_num_threads()
    embedder.embed = spying
    try:
        assistant.ingest([folder])
        assert seen and set(seen) == {2}
        seen.clear()
        (folder / "report_9.txt").write_text(report_text(9), encoding="utf-8")
        assistant.ingest([folder], threads=1)  # what the running server does for an upload
        assert seen and set(seen) == {1}
    finally:
        del embedder.embed
    assert torch.get_num_threads() == before
