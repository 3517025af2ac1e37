"""The OpenAI-compatible endpoints: ``POST /v1/chat/completions`` and ``GET /v1/models``.

The reports are served as one "model" (``settings.web.api_model``), so any OpenAI client
or chat front end (the ``openai`` package, Open WebUI, LibreChat) can ask them.  Shapes
follow the OpenAI API reference (chat completion, chat completion chunk, model list):

* the conversation's last message must be the user's; it is answered, and the earlier
  user and assistant messages are its history, which condenses a follow-up as in the
  web chat (system and other messages are not used; an assistant message's "Sources"
  block, which this endpoint wrote, is dropped from the history);
* the reply's ``content`` is the answer with its ``[n]`` markers and a "Sources" list
  (:func:`reply_content`); the extra fields ``citations`` (the citation objects of
  ``POST /v1/ask``), ``has_answer`` and ``grounding`` carry the structured answer — on the
  completion, and on the last chunk when streaming;
* ``stream: true`` answers with ``chat.completion.chunk`` server-sent events ending with
  ``data: [DONE]``: the role, the checked answer, the sources, then the finish.  Only
  checked text is sent (an LLM's unchecked words are not: a stream cannot take words back);
* parameters of the OpenAI API that do not apply (temperature, max_tokens, ...) are
  accepted and ignored; ``k`` and ``filters`` (as in ``POST /v1/ask``) are extensions.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, Depends
from fastapi import Path as PathParam
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ...errors import AssistantError
from ...types import Answer, Turn, check_question
from ..serialize import answer_record
from .auth import requires
from .errors import ApiError, error_body, from_assistant_error
from .routes import AUTH, BODY, STREAM_HEADERS, ApiContext, EventStream, errors
from .schemas import MAX_TURN_CHARS, MAX_TURNS, CitationOut, FiltersIn, Response

logger = logging.getLogger(__name__)

SOURCES_HEADING = "Sources:"
EXCERPT_CHARS = 160
OWNER = "report-assistant"
CHUNK_EVENT = {"type": "object", "required": ["data"], "properties": {"data": {"type": "string"}}}
"""A streamed chunk as a server-sent event (OpenAPI): its data line, a chunk's JSON or ``[DONE]``."""


class ContentPart(BaseModel):
    """One part of a message's content; only ``text`` parts are read."""

    model_config = ConfigDict(extra="allow")

    type: str
    text: str | None = Field(default=None, max_length=MAX_TURN_CHARS)


class ChatMessage(BaseModel):
    """A message of the conversation (other OpenAI fields, such as tool calls, are accepted and ignored)."""

    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = Field(default=None)

    def text(self) -> str:
        """The message's text (its text parts joined by blank lines)."""
        if isinstance(self.content, str):
            return self.content
        return "\n\n".join(p.text for p in self.content or () if p.type == "text" and p.text)


class ChatIn(BaseModel):
    """A chat completion request (OpenAI's shape; unknown parameters are accepted and ignored)."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(description="The model id of GET /v1/models.")
    messages: list[ChatMessage] = Field(min_length=1, max_length=2 * MAX_TURNS + 20)
    stream: bool = False
    n: int | None = Field(default=None, ge=1, le=1, description="Only one choice is made.")
    k: int | None = Field(default=None, ge=1, le=50, description="Extension: passages retrieved.")
    filters: FiltersIn | None = Field(default=None, description="Extension: which reports the answer may come from.")

    @model_validator(mode="after")
    def _question_last(self) -> ChatIn:
        if self.messages[-1].role != "user" or not self.messages[-1].text().strip():
            raise ValueError("the last message must be the user's question (role 'user', with text)")
        check_question(self.messages[-1].text())
        return self

    def question(self) -> str:
        """The text of the last message (the user's question)."""
        return self.messages[-1].text()

    def history(self) -> list[Turn]:
        """The earlier user and assistant messages, oldest first (the Sources block of our own
        replies dropped)."""
        turns = []
        for message in self.messages[:-1]:
            if message.role in ("user", "assistant") and message.text().strip():
                text = message.text()
                if message.role == "assistant":
                    text = text.split(f"\n\n{SOURCES_HEADING}\n", 1)[0]
                turns.append(Turn(message.role, text))
        return turns[-MAX_TURNS:]


class ReplyMessage(Response):
    """The reply: the answer with its [n] markers and a Sources list."""

    role: Literal["assistant"]
    content: str


class Choice(Response):
    """The one choice of a completion."""

    index: int
    message: ReplyMessage
    finish_reason: Literal["stop"]


class ChatOut(Response):
    """A chat completion with the answer's citations in extra fields."""

    id: str
    object: Literal["chat.completion"]
    created: int
    model: str
    choices: list[Choice]
    citations: list[CitationOut] = Field(description="Extension: the citations [n] of the answer.")
    has_answer: bool = Field(description="Extension: false when the reports do not answer the question.")
    grounding: str = Field(description="Extension: how the text was made and checked (README).")


class ModelOut(Response):
    """A model (OpenAI's shape): the reports, served as one model."""

    id: str
    object: Literal["model"]
    created: int
    owned_by: str


class ModelList(Response):
    """The models (OpenAI's shape)."""

    object: Literal["list"]
    data: list[ModelOut]


def reply_content(answer: Answer) -> str:
    """The reply text: the sentence stating the filters applied (when any, as the chat shows
    it), the answer with its ``[n]`` markers, then (when it cites) a blank line,
    ``Sources:`` and one line a citation: ``- [n] FILE, characters START-END: "excerpt"``."""
    if not answer.citations:
        return answer.display_text
    return f"{answer.display_text}\n\n{sources_block(answer)}"


def sources_block(answer: Answer) -> str:
    """``Sources:`` and one line per citation (see :func:`reply_content`)."""
    lines = [SOURCES_HEADING]
    for c in answer.citations:
        excerpt = " ".join(c.text.split())
        if len(excerpt) > EXCERPT_CHARS:
            excerpt = excerpt[: EXCERPT_CHARS - 1].rstrip() + "…"
        lines.append(f'- [{c.n}] {c.source}, characters {c.start}-{c.end}: "{excerpt}"')
    return "\n".join(lines)


def answer_extras(answer: Answer) -> dict[str, Any]:
    """The extension fields of a reply: ``citations``, ``has_answer``, ``grounding``."""
    record = answer_record(answer)
    return {"citations": record["citations"], "has_answer": record["has_answer"], "grounding": record["grounding"]}


def chat_router(context: ApiContext, started: int | None = None) -> APIRouter:
    """``POST /v1/chat/completions``, ``GET /v1/models`` and ``GET /v1/models/{model}``."""
    shared, model_id = context.shared, context.settings.web.api_model
    created = int(started or time.time())
    reader = [Depends(requires(context.keys, "read"))]
    router = APIRouter(prefix="/v1", tags=["openai"])
    model = {"id": model_id, "object": "model", "created": created, "owned_by": OWNER}

    @router.get("/models", response_model=ModelList, dependencies=reader, responses=errors(*AUTH),
                summary="The models (OpenAI-compatible): the reports, as one model")
    def models() -> dict:
        return {"object": "list", "data": [model]}

    @router.get("/models/{model}", response_model=ModelOut, dependencies=reader, responses=errors(*AUTH, 404),
                summary="One model (OpenAI-compatible)")
    def one_model(model_name: str = PathParam(alias="model", min_length=1, max_length=200)) -> dict:
        if model_name != model_id:
            raise ApiError(404, f"the model {model_name!r} does not exist; this server serves {model_id!r}",
                           "model_not_found")
        return model

    @router.post("/chat/completions", response_model=ChatOut, response_model_exclude_unset=True, dependencies=reader,
                 responses={**errors(*AUTH, *BODY, 404, 409),
                            200: {"description": "The completion; with stream: true, chat.completion.chunk events "
                                  "(each data line a chunk's JSON, the last one [DONE]).",
                                  "content": {"text/event-stream": {"schema": CHUNK_EVENT}}}},
                 summary="Answer the conversation's last question (OpenAI-compatible)")
    def chat_completions(request: ChatIn) -> dict | EventStream:
        """The answer to the last user message as a chat completion (see the module docstring of
        ``assistant.interfaces.http.chat``); an unknown model is 404 ``model_not_found``."""
        if request.model != model_id:
            raise ApiError(404, f"the model {request.model!r} does not exist; this server serves {model_id!r} "
                           "(GET /v1/models)", "model_not_found")
        completion = f"chatcmpl-{uuid.uuid4().hex}"
        now = int(time.time())
        filters = request.filters.filters() if request.filters else None
        if not request.stream:
            try:
                answer = shared.ask(request.question(), request.k, request.history(), filters)
            except (AssistantError, ValueError) as exc:
                raise from_assistant_error(exc) from exc
            return {"id": completion, "object": "chat.completion", "created": now, "model": model_id,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": reply_content(answer)},
                                 "finish_reason": "stop", "logprobs": None}],
                    **answer_extras(answer)}
        updates = shared.stream(request.question(), request.k, request.history(), filters)
        try:
            first = next(updates)
        except (AssistantError, ValueError) as exc:
            raise from_assistant_error(exc) from exc

        def chunk(delta: dict, finish: str | None = None, **extra: Any) -> bytes:
            body = {"id": completion, "object": "chat.completion.chunk", "created": now, "model": model_id,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}], **extra}
            return f"data: {json.dumps(body, ensure_ascii=False)}\n\n".encode()

        def events() -> Iterator[bytes]:
            yield chunk({"role": "assistant", "content": ""})
            update = first
            try:
                while update.answer is None:
                    yield b": searching the reports\n\n"  # a comment: clients ignore it, proxies see life
                    update = next(updates)
            except Exception as exc:  # the status is sent already: the error is the last event
                error = from_assistant_error(exc) if isinstance(exc, (AssistantError, ValueError)) else None
                if error is None:
                    logger.exception("streaming a chat answer failed")
                    error = ApiError(500, "the server failed to answer; the details are in its log")
                yield f"data: {json.dumps(error_body(error.code, error.message))}\n\n".encode()
                yield b"data: [DONE]\n\n"
                return
            answer = update.answer
            yield chunk({"content": answer.text})
            if answer.citations:
                yield chunk({"content": f"\n\n{sources_block(answer)}"})
            yield chunk({}, "stop", **answer_extras(answer))
            yield b"data: [DONE]\n\n"

        return EventStream(events(), headers=STREAM_HEADERS)

    return router
