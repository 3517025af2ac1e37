"""Keep every library offline and torch light on a 2-core CPU.

Call :func:`configure_offline` at each entry point before the heavy imports;
the variables are the ones ``STACK.md`` verified to silence every outside call.
"""

from __future__ import annotations

import os

OFFLINE_ENV = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def configure_offline() -> None:
    """Set the offline environment variables (overriding any value) and drop LangSmith tracing."""
    os.environ.update(OFFLINE_ENV)
    for name in ("LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2"):
        os.environ.pop(name, None)
