"""Start the server: ``python app.py`` (``make run``).

One process serves the HTTP API under ``/v1`` (OpenAPI at ``/openapi.json``, docs at
``/docs``) and the web chat at ``/`` on ``ASSISTANT_HOST``:``ASSISTANT_PORT``.  Settings come
from ``ASSISTANT_*`` environment variables (see :class:`assistant.config.Settings`).  Without
``ASSISTANT_API_KEYS_FILE`` the server refuses a non-loopback host (before loading anything).
On first start, when the store is empty, the folder ``settings.ingest.corpus`` is indexed
before the server opens.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading

from assistant.offline import configure_offline

logger = logging.getLogger("app")


def ensure_corpus(assistant, settings) -> None:
    """Index ``settings.ingest.corpus`` when the store holds no documents yet."""
    if assistant.count_documents() > 0:
        return
    if not settings.ingest.corpus.exists():
        logger.warning("the store is empty and the corpus folder %s does not exist", settings.ingest.corpus)
        return
    print(f"The store is empty: indexing {settings.ingest.corpus} ...", file=sys.stderr, flush=True)
    report = assistant.ingest([settings.ingest.corpus])  # the ingest logs one line a file: "[n/N] added PATH (k chunks)"
    for result in report.rejected:
        print(f"rejected: {result.reason}", file=sys.stderr)
    print(f"Indexed: {report.summary()}", file=sys.stderr, flush=True)


def main() -> None:
    """Configure offline mode and logging, check the address against the access control, open
    the assistant (and its writer), and serve the API and the web chat."""
    configure_offline()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from assistant.config import Settings
    from assistant.errors import AssistantError, one_line
    from assistant.interfaces.http import check_bind, create_app, load_keys, serve

    try:
        settings = Settings()
        keys = load_keys(settings.web.api_keys_file)
        check_bind(settings.web.host, keys)
        from assistant.api import Assistant
        from assistant.interfaces.shared import SharedAssistant

        if settings.storage.chroma_url is None:
            from assistant.storage.serving import check_not_served, claim

            check_not_served(settings.storage.store)  # a second server on the same folder
            claim(settings.storage.store)
        assistant = Assistant(settings)
        ensure_corpus(assistant, settings)
        # the indexes, the parser and WordNet load while the server starts, not in the first question
        threading.Thread(target=assistant.warm_up, name="warm-up", daemon=True).start()
        shared = SharedAssistant.with_writer(assistant) if settings.web.separate_writer else SharedAssistant(assistant)
        app = create_app(shared, settings, keys)
    except (AssistantError, ValueError) as exc:  # a missing model package, another model's store, a bad setting
        sys.exit(f"Error: {one_line(exc)}")
    logger.info("serving http://%s:%d (web chat /, API /v1, docs /docs; store %s; %s)", settings.web.host,
                settings.web.port, settings.storage.chroma_url or settings.storage.store,
                f"{len(keys.keys)} API keys" if keys.enabled else "no access control: loopback only")
    # uvicorn re-raises the SIGTERM it stopped on after shutting down; exiting through SystemExit instead
    # runs the exit handlers (the store's server.pid is removed)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    serve(app, settings)


if __name__ == "__main__":
    main()
