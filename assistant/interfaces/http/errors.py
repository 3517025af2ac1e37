"""Every error of the API as JSON ``{"error": {"code", "message"}}`` with its HTTP status.

:class:`ApiError` is what the routes raise; :func:`install_error_handlers` turns it, the
validation errors of FastAPI, Starlette's HTTP errors, the assistant's errors and
anything unexpected (500, logged with its traceback, never shown) into that shape.
:class:`BodyLimit` refuses request bodies over the size limits with 413 before they are
read whole.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...errors import (
    AssistantError,
    BackendUnavailable,
    DocumentNotFound,
    EmptyIndexError,
    GeneratorError,
    one_line,
)

logger = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    502: "generator_error",
    503: "unavailable",
}
"""The ``code`` of each status when a route gives none of its own."""


class ApiError(Exception):
    """An error answer: ``status`` (HTTP), ``code`` (a word for programs) and ``message`` (for people)."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.headers = headers


def error_body(code: str, message: str) -> dict:
    """``{"error": {"code": code, "message": message}}``."""
    return {"error": {"code": code, "message": message}}


def error_response(status: int, message: str, code: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON answer of an error."""
    return JSONResponse(error_body(code or CODES.get(status, "error"), message), status_code=status, headers=headers)


def from_assistant_error(exc: AssistantError | ValueError) -> ApiError:
    """The API error of an error the assistant raised on purpose: an unknown document 404,
    an empty index 409, a bad value 422, the generator 502, the store unreachable 503."""
    message = one_line(exc)
    if isinstance(exc, DocumentNotFound):
        return ApiError(404, message, "document_not_found")
    if isinstance(exc, EmptyIndexError):
        return ApiError(409, message, "empty_index")
    if isinstance(exc, GeneratorError):
        return ApiError(502, message)
    if isinstance(exc, BackendUnavailable):
        return ApiError(503, message)
    return ApiError(422, message)


def validation_message(exc: RequestValidationError) -> str:
    """FastAPI's validation errors as one line: ``body.k: Input should be ...; query.from: ...``; a
    message of our own validators (a ``ValueError``) without pydantic's ``Value error, `` prefix, so it
    reads as the CLI's (``body.question: the question is 4,001 characters long; the limit is 4,000``)."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()))
        message = str(error.get("msg", "invalid"))
        if error.get("type") == "value_error":  # our validators' own words, without pydantic's "Value error, "
            message = message.removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or "the request is not valid"


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` as JSON (see the module docstring)."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.code, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "the request was refused"
        if exc.status_code == 400 and "parsing the body" in message:
            message = "the request body is not valid (JSON for JSON endpoints, multipart/form-data for uploads)"
        return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(AssistantError)
    async def _assistant(request: Request, exc: AssistantError) -> JSONResponse:
        error = from_assistant_error(exc)
        return error_response(error.status, error.message, error.code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("%s %s failed", request.method, request.url.path)
        return error_response(500, "the server failed to answer; the details are in its log")


class BodyTooLarge(StarletteHTTPException):
    """A request body went over its limit while it was read (an HTTP error, so that FastAPI's
    body parsing passes it on to the JSON error handler instead of calling it a parse error)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_message(limit))


def too_large_message(limit: int) -> str:
    """The message of a 413."""
    return f"the request body is larger than the limit of {limit} bytes"


class BodyLimit:
    """ASGI middleware: a request under ``prefix`` whose body is larger than its limit gets
    413 (``too_large``) — at once when ``Content-Length`` says so, else as soon as the
    bytes read pass it.  ``limit_of(path, method)`` gives the limit in bytes."""

    def __init__(self, app, prefix: str, limit_of: Callable[[str, str], int]) -> None:
        self.app = app
        self.prefix = prefix
        self.limit_of = limit_of

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        limit = self.limit_of(scope["path"], scope["method"])
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await _too_large(send, limit)
            return
        seen = 0
        started = False

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, limit)


async def _too_large(send, limit: int) -> None:
    body = json.dumps(error_body("too_large", too_large_message(limit))).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
