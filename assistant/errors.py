"""The assistant's small error vocabulary.

Every message says what went wrong and, where possible, how to fix it.
"The reports do not answer this" is a normal ``Answer``, not an error.
"""


class AssistantError(Exception):
    """Base class for every error the assistant raises on purpose."""


class ConfigError(AssistantError):
    """A setting is missing or invalid."""


class DocumentError(AssistantError):
    """A file cannot be ingested; the message names the file and the reason."""


class EmptyIndexError(AssistantError):
    """The store holds no documents yet."""

    def __init__(self, store: str) -> None:
        super().__init__(
            f"the index at {store} is empty: add documents with `assistant ingest corpus/`"
        )


class DocumentNotFound(AssistantError):
    """No document with the given id is indexed."""


class AmbiguousDocument(AssistantError):
    """A file name names several indexed documents (same name in different folders); the
    message lists them by id and path."""


class StoreNotFound(AssistantError):
    """A command that only reads was pointed at a store that does not exist (a mistyped
    ``--store``); the message names the path and the command that makes a store."""


class BackendUnavailable(AssistantError):
    """A backend the assistant needs cannot be used: the Chroma server cannot be reached, or a
    library or model package is not installed (the message gives the command that installs it)."""


class GeneratorError(AssistantError):
    """The answer generator failed (server unreachable, bad reply); the message names it."""


def one_line(exc: BaseException) -> str:
    """``exc`` as one line for the user.  A settings validation error (pydantic) names each
    bad ``ASSISTANT_*`` variable with its message; any other error is ``str(exc)`` with
    line breaks folded."""
    errors = getattr(exc, "errors", None)
    if callable(errors) and type(exc).__name__ == "ValidationError":
        parts = []
        for error in errors():
            loc = [str(p) for p in error.get("loc", ())]
            field = loc[-1].upper() if loc else ""  # a group's field ("retrieval", "top_k") is ASSISTANT_TOP_K
            field = field if field.startswith("ASSISTANT_") else f"ASSISTANT_{field}" if field else ""
            parts.append(f"{field}: {error.get('msg', 'invalid')}" if field else error.get("msg", ""))
        return "; ".join(parts) or str(exc).splitlines()[0]
    return " ".join(str(exc).split())
