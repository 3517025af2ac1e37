"""The HTTP API: ``/v1`` questions, documents, incident records and health, an OpenAI-compatible
chat endpoint, API keys with roles, and the web chat on the same port.

:func:`create_app` (:mod:`.app`) builds the FastAPI app, :func:`serve` runs it; the routes
(:mod:`.routes`, :mod:`.chat`) call the assistant's methods through
:class:`~assistant.interfaces.shared.SharedAssistant`; :mod:`.schemas` holds the bodies,
:mod:`.auth` the keys, :mod:`.errors` the JSON errors and the body limits.
"""

from .app import create_app, serve
from .auth import KeyRing, check_bind, load_keys

__all__ = ["KeyRing", "check_bind", "create_app", "load_keys", "serve"]
