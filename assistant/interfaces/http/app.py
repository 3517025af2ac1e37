"""The app factory: the ``/v1`` API, its OpenAPI document and docs, and the web chat on one port.

:func:`create_app` builds the FastAPI app (nothing is served at import time):

* ``/v1/...``: questions, documents, incident records, health (:mod:`.routes`) and the
  OpenAI-compatible chat (:mod:`.chat`); every error is ``{"error": {"code", "message"}}``
  (:mod:`.errors`), an unknown ``/v1`` path 404 and a known path with another method 405;
* ``/openapi.json`` and ``/docs`` (Swagger UI served from the ``fastapi-offline`` package,
  so the page loads nothing from outside the machine);
* ``/``: the gradio page (:func:`assistant.interfaces.web.ui.create_ui`), behind a login
  when API keys are configured (user name: the key's name, password: the key).

:func:`serve` runs it with uvicorn.
"""

from __future__ import annotations

import logging
import time

from fastapi import FastAPI, Request
from fastapi.routing import APIRoute
from fastapi_offline import FastAPIOffline
from starlette.routing import Match

from ...config import Settings
from ..shared import SharedAssistant
from .auth import KeyRing
from .chat import chat_router
from .errors import ApiError, BodyLimit, install_error_handlers
from .routes import ApiContext, api_router

logger = logging.getLogger(__name__)

API_PREFIX = "/v1"
UPLOAD_PATH = "/v1/documents"
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

DESCRIPTION = """Cited answers from the indexed reports, the documents, their incident records, and an
OpenAI-compatible chat endpoint that serves the reports as one model.

**Access.** When the server has API keys (`ASSISTANT_API_KEYS_FILE`), every `/v1` request needs
`Authorization: Bearer KEY`; uploading and removing documents need a key with the role `admin`, the rest
`read`. Without keys the server listens on the loopback only.

**Errors.** Every error is `{"error": {"code", "message"}}`: 401 no or wrong key, 403 the key's role is too
weak, 404 unknown document or model, 409 nothing indexed yet, 413 body too large, 422 invalid request.

**Answers.** The answer object is the batch JSON contract of `assistant ask --json`; `start`/`end` of a
citation index into the text of `GET /v1/documents/{document_id}`.
"""

TAGS = [
    {"name": "questions", "description": "Answers with citations, whole or as server-sent events."},
    {"name": "documents", "description": "The indexed documents: list, read, upload, remove."},
    {"name": "incidents", "description": "Incident records and the timeline of dated events, read from the reports, with their spans."},
    {"name": "openai", "description": "OpenAI-compatible: any OpenAI client or chat front end can ask the reports."},
    {"name": "health", "description": "Whether the server can answer."},
]


def create_app(shared: SharedAssistant, settings: Settings, keys: KeyRing | None = None, *,
               web: bool = True) -> FastAPI:
    """The server's app over ``shared`` (see the module docstring); ``web=False`` leaves the
    gradio page out (the API alone).  Body limits: ``settings.web.max_upload_bytes`` for
    ``POST /v1/documents``, ``settings.web.max_request_bytes`` for every other ``/v1`` request."""
    keys = keys or KeyRing()
    app = FastAPIOffline(
        title="Report assistant API", version="1", description=DESCRIPTION, openapi_tags=TAGS,
        redoc_url=None, favicon_url=None,
    )
    install_error_handlers(app)

    def limit_of(path: str, method: str) -> int:
        if method == "POST" and path.rstrip("/") == UPLOAD_PATH:
            return settings.web.max_upload_bytes
        return settings.web.max_request_bytes

    app.add_middleware(BodyLimit, prefix=API_PREFIX, limit_of=limit_of)
    context = ApiContext(shared, settings, keys)
    routers = [api_router(context), chat_router(context, started=int(time.time()))]
    for router in routers:
        app.include_router(router)
    routes = [route for router in routers for route in router.routes if isinstance(route, APIRoute)]

    async def unknown(request: Request) -> None:
        allowed = sorted({m for route in routes if route.matches(request.scope)[0] is Match.PARTIAL
                          for m in route.methods or ()})
        if allowed:
            raise ApiError(405, f"{request.method} is not allowed on {request.url.path}; allowed: {', '.join(allowed)}",
                           headers={"Allow": ", ".join(allowed)})
        raise ApiError(404, f"no endpoint {request.url.path}; the API is described at /openapi.json and /docs")

    for path in (API_PREFIX, f"{API_PREFIX}/{{rest:path}}"):
        app.add_api_route(path, unknown, methods=METHODS, include_in_schema=False, name="unknown_v1")
    if web:
        mount_web(app, shared, settings, keys)
    return app


def mount_web(app: FastAPI, shared: SharedAssistant, settings: Settings, keys: KeyRing) -> None:
    """Mount the gradio page at ``/`` (a login when keys are configured; read keys may chat
    but not change the library)."""
    import gradio as gr

    from ..web.ui import create_ui, launch_options

    blocks = create_ui(shared.assistant, settings, shared=shared, may_change=keys.may_change)
    options = launch_options()
    gr.mount_gradio_app(
        app, blocks, path="/", server_name=settings.web.host, server_port=settings.web.port,
        footer_links=options["footer_links"], run_history=options["run_history"], show_error=options["show_error"],
        css=options["css"], i18n=options["i18n"],
        auth=keys.web_login if keys.enabled else None,
        auth_message="Log in with the name and API key of ASSISTANT_API_KEYS_FILE (name: the third field, "
        "else the role)." if keys.enabled else None,
        max_file_size=settings.web.max_upload_bytes,
    )


def serve(app: FastAPI, settings: Settings) -> None:
    """Serve ``app`` on ``settings.web.host``:``settings.web.port`` with uvicorn until stopped
    (SIGINT or SIGTERM; open streams get 5 s to finish)."""
    import uvicorn

    uvicorn.run(app, host=settings.web.host, port=settings.web.port, log_level="info",
                timeout_graceful_shutdown=5, server_header=False)
