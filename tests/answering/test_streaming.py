"""Answers step by step: retrieved passages, streamed text, final answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.answering.streaming import StreamingAnswerer, stream_answer
from assistant.errors import EmptyIndexError
from assistant.types import Answer, Query, Retrieval
from tests.support.paths import CORPUS

AIRSTRIKES = "How many airstrikes were reported?"


class WordStreamer:
    """Streams the real extractive answer word by word (the shape an LLM generator will have)."""

    def __init__(self, answerer) -> None:
        self.answerer = answerer

    def answer(self, query: Query, retrieval: Retrieval) -> Answer:
        return self.answerer.answer(query, retrieval)

    def stream(self, query: Query, retrieval: Retrieval) -> Iterator[str | Answer]:
        answer = self.answerer.answer(query, retrieval)
        for word in answer.text.split(" "):
            yield word + " "
        yield answer


class Unfinished(WordStreamer):
    def stream(self, query: Query, retrieval: Retrieval) -> Iterator[str | Answer]:
        yield "text without a final answer"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):

    from assistant import Assistant, Settings

    corpus = CORPUS
    assistant = Assistant(Settings(store=tmp_path_factory.mktemp("stream-store")), embedder=embedder)
    assistant.ingest([corpus / "jazira_storm_operation.txt", corpus / "isaf_test_037.txt"])
    return assistant


def test_extractive_answer_streams_retrieval_then_the_answer(assistant) -> None:
    updates = list(assistant.stream(AIRSTRIKES, k=3))
    assert [u.stage for u in updates] == ["retrieved", "done"]
    assert len(updates[0].passages) == 3
    final = updates[-1].answer
    expected = assistant.ask(AIRSTRIKES, k=3)
    assert final.text == expected.text and final.citations == expected.citations
    assert final.latency_ms > 0


def test_streaming_answerer_yields_growing_text(assistant) -> None:
    streamer = WordStreamer(assistant.answerer)
    assert isinstance(streamer, StreamingAnswerer)
    updates = list(stream_answer(assistant.search.search, streamer, assistant.retrieve(AIRSTRIKES)[0], 3))
    texts = [u.text for u in updates if u.stage == "text"]
    assert len(texts) > 3 and all(a in b for a, b in zip(texts, texts[1:]))
    assert updates[-1].stage == "done" and "34 airstrikes" in updates[-1].answer.text


def test_streaming_answerer_must_end_with_an_answer(assistant) -> None:
    with pytest.raises(RuntimeError, match="without a final Answer"):
        list(stream_answer(assistant.search.search, Unfinished(assistant.answerer), assistant.retrieve(AIRSTRIKES)[0], 3))


def test_stream_checks_question_and_index(assistant, make_assistant) -> None:
    with pytest.raises(ValueError, match="empty"):
        next(assistant.stream("  "))
    with pytest.raises(EmptyIndexError):
        next(make_assistant("empty").stream(AIRSTRIKES))
