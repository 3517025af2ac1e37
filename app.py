"""Start the web chat: ``python app.py``.

Settings come from ``ASSISTANT_*`` environment variables (see
:class:`assistant.config.Settings`).  On first start, when the store is
empty, the folder ``settings.ingest.corpus`` is indexed before the page opens.
"""

from __future__ import annotations

import logging
import sys

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
    """Configure offline mode and logging, open the assistant, and serve the web chat."""
    configure_offline()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from assistant.api import Assistant
    from assistant.config import Settings
    from assistant.errors import AssistantError, one_line
    from assistant.interfaces.web.ui import create_ui, launch_options

    try:
        settings = Settings()
        assistant = Assistant(settings)
        ensure_corpus(assistant, settings)
    except (AssistantError, ValueError) as exc:  # a missing model package, another model's store, a bad setting
        sys.exit(f"Error: {one_line(exc)}")
    logger.info("serving http://%s:%d (store %s)", settings.web.host, settings.web.port, settings.storage.chroma_url or settings.storage.store)
    create_ui(assistant, settings).launch(server_name=settings.web.host, server_port=settings.web.port, **launch_options())


if __name__ == "__main__":
    main()
