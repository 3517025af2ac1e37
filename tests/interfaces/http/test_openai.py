"""The OpenAI-compatible endpoints with the official ``openai`` client against the real server."""

from __future__ import annotations

import re

import pytest

from tests.interfaces.http.conftest import Api

AIRSTRIKES = "How many airstrikes were reported?"
MODEL = "report-assistant"


@pytest.fixture
def client(api: Api):
    import openai

    with openai.OpenAI(base_url=f"{api.url}/v1", api_key=api.read_key, max_retries=0, timeout=120) as client:
        yield client


def test_models_lists_the_reports_as_one_model(client, api: Api) -> None:
    models = client.models.list()
    assert [m.id for m in models.data] == [MODEL]
    assert client.models.retrieve(MODEL).owned_by == "report-assistant"


def test_chat_completion_answers_the_last_user_message_with_its_sources(client) -> None:
    completion = client.chat.completions.create(
        model=MODEL, temperature=0.2, max_tokens=300,  # accepted and ignored
        messages=[{"role": "system", "content": "You are helpful."}, {"role": "user", "content": AIRSTRIKES}])
    message = completion.choices[0].message
    assert completion.object == "chat.completion" and completion.model == MODEL
    assert completion.choices[0].finish_reason == "stop" and message.role == "assistant"
    answer, _, sources = message.content.partition("\n\nSources:\n")
    assert "34 airstrikes" in answer and "[1]" in answer
    assert sources.startswith('- [1] jazira_storm_operation.txt, characters ')
    extra = completion.model_extra
    assert extra["has_answer"] is True and extra["grounding"] == "extractive"
    assert extra["citations"][0]["n"] == 1 and extra["citations"][0]["document_id"] == "jazira_storm_operation"
    assert "34 airstrikes" in extra["citations"][0]["text"]


def test_streamed_chat_completion_sends_the_same_reply_and_citations_at_the_end(client) -> None:
    messages = [{"role": "user", "content": [{"type": "text", "text": AIRSTRIKES}]}]
    whole = client.chat.completions.create(model=MODEL, messages=messages)
    chunks = list(client.chat.completions.create(model=MODEL, messages=messages, stream=True))
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == whole.choices[0].message.content
    assert [c.choices[0].finish_reason for c in chunks][-1] == "stop"
    assert chunks[-1].model_extra["citations"] == whole.model_extra["citations"]
    assert all(c.object == "chat.completion.chunk" and c.id == chunks[0].id for c in chunks)


def test_earlier_turns_condense_a_follow_up(client) -> None:
    first = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "How many airstrikes were reported in Kunduz?"}])
    follow_up = client.chat.completions.create(model=MODEL, messages=[
        {"role": "user", "content": "How many airstrikes were reported in Kunduz?"},
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": "and in Helmand?"},
    ])
    assert "isaf_test_195" in first.choices[0].message.content  # a Kunduz airstrike report
    reply = follow_up.choices[0].message.content
    # condensed to "How many airstrikes were reported in Helmand?" (alone, "and in Helmand?" quotes a Helmand report)
    # the count across the reports in scope: "0 of N reports in scope (naming Helmand; ...) state airstrikes"
    assert reply.startswith("Filters: ")  # the sentence stating the filter the question became, as the chat shows
    assert re.search(r"\n0 of \d+ reports? in scope", reply) and "airstrike" in reply and "Helmand" in reply
    assert follow_up.model_extra["citations"] == []


def test_errors_reach_the_client_as_its_exceptions(client, api: Api) -> None:
    import openai

    with pytest.raises(openai.NotFoundError, match="does not exist"):
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": AIRSTRIKES}])
    with pytest.raises(openai.UnprocessableEntityError, match="last message must be the user's"):
        client.chat.completions.create(model=MODEL, messages=[{"role": "assistant", "content": "Hello"}])
    with openai.OpenAI(base_url=f"{api.url}/v1", api_key="wrong-key-0123456789", max_retries=0) as stranger:
        with pytest.raises(openai.AuthenticationError):
            stranger.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": AIRSTRIKES}], stream=True)
