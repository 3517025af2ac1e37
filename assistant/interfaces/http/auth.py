"""Access control: API keys with a role, the bearer-token check, the web login and the bind rule.

The keys file (``ASSISTANT_API_KEYS_FILE``) has one key a line: ``KEY ROLE [NAME]``,
separated by white space; ``ROLE`` is ``read`` (ask, list, read) or ``admin`` (also
upload and remove); ``NAME`` (default: the role) is the user name of the web login and
what the log shows instead of the key.  Blank lines and text after ``#`` are ignored.
A key has at least :data:`MIN_KEY_LENGTH` characters (``python -c "import secrets;
print(secrets.token_urlsafe(32))"`` makes one).  The file is read once, at start.

With no keys the server has no access control, so it only binds to a loopback address
(:func:`check_bind`).
"""

from __future__ import annotations

import hmac
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ...errors import ConfigError
from .errors import ApiError

ROLES = ("read", "admin")
"""The roles, weakest first: each may do what the ones before it may."""

MIN_KEY_LENGTH = 16
"""Characters a key needs at least (a guessable key is no access control)."""

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


@dataclass(frozen=True)
class ApiKey:
    """One key of the keys file: its secret, its role and the name it is known by."""

    key: str
    role: str
    name: str

    def may(self, role: str) -> bool:
        """This key's role includes ``role`` (admin includes read)."""
        return ROLES.index(self.role) >= ROLES.index(role)


@dataclass(frozen=True)
class KeyRing:
    """The configured keys (none: no access control)."""

    keys: tuple[ApiKey, ...] = ()

    @property
    def enabled(self) -> bool:
        """Keys are configured: every request needs one."""
        return bool(self.keys)

    def find(self, secret: str) -> ApiKey | None:
        """The key whose secret is ``secret``, compared in constant time, or ``None``."""
        found = None
        for key in self.keys:
            if hmac.compare_digest(key.key.encode(), secret.encode()):
                found = key
        return found

    def web_login(self, username: str, password: str) -> bool:
        """Gradio's login check: ``password`` is a key and ``username`` its name."""
        key = self.find(password or "")
        return key is not None and key.name == (username or "").strip()

    def may_change(self, username: str | None) -> bool:
        """Whether a web login (its user name) may upload and remove documents: an admin
        key's name, or anyone when no keys are configured."""
        if not self.enabled:
            return True
        return any(k.name == username and k.may("admin") for k in self.keys)


def load_keys(path: Path | None) -> KeyRing:
    """The keys of ``path`` (see the module docstring); no path: no keys.

    Raises:
        ConfigError: the file cannot be read, holds no key, or a line is malformed (a
            missing or unknown role, a short or repeated key, a name given two roles);
            the message names the file and the line.
    """
    if path is None:
        return KeyRing()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"ASSISTANT_API_KEYS_FILE {path}: cannot read it ({exc})") from None
    keys: list[ApiKey] = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        where = f"ASSISTANT_API_KEYS_FILE {path}:{number}"
        if len(fields) not in (2, 3):
            raise ConfigError(f"{where}: expected 'KEY ROLE [NAME]', got {len(fields)} fields")
        key, role, name = fields[0], fields[1], fields[2] if len(fields) == 3 else fields[1]
        if role not in ROLES:
            raise ConfigError(f"{where}: the role must be one of {', '.join(ROLES)}, got {role!r}")
        if len(key) < MIN_KEY_LENGTH:
            raise ConfigError(f"{where}: a key needs at least {MIN_KEY_LENGTH} characters")
        if any(k.key == key for k in keys):
            raise ConfigError(f"{where}: this key is already listed")
        if any(k.name == name and k.role != role for k in keys):
            raise ConfigError(f"{where}: the name {name!r} is already given the other role")
        keys.append(ApiKey(key, role, name))
    if not keys:
        raise ConfigError(f"ASSISTANT_API_KEYS_FILE {path}: no key in the file (one 'KEY ROLE' a line)")
    return KeyRing(tuple(keys))


def is_loopback(host: str) -> bool:
    """``host`` is a loopback address (127.0.0.0/8, ::1) or a name of the loopback."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_bind(host: str, keys: KeyRing) -> None:
    """Refuse to serve on a non-loopback ``host`` without access control.

    Raises:
        ConfigError: ``host`` is not a loopback address and no keys are configured (the
            message says how to configure them).
    """
    if keys.enabled or is_loopback(host):
        return
    raise ConfigError(
        f"refusing to listen on {host}: without access control anyone who can reach the port could read and "
        "remove every report. Configure API keys (ASSISTANT_API_KEYS_FILE=FILE, one 'KEY ROLE' a line, role read "
        "or admin; see the README) or bind to 127.0.0.1 (ASSISTANT_HOST)"
    )


def requires(keys: KeyRing, role: str):
    """A FastAPI dependency: the request's ``Authorization: Bearer KEY`` must name a key whose
    role includes ``role`` (nothing is checked when no keys are configured).

    Returns (from the dependency): the :class:`ApiKey`, or ``None`` without access control.

    Raises (as the answer):
        ApiError: 401 without a key or with an unknown one, 403 when the key's role is too weak.
    """
    bearer = HTTPBearer(auto_error=False, description="An API key of ASSISTANT_API_KEYS_FILE (when keys are configured).")
    challenge = {"WWW-Authenticate": "Bearer"}

    def check(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> ApiKey | None:
        if not keys.enabled:
            return None
        if credentials is None or not credentials.credentials:
            raise ApiError(401, "an API key is needed: send the header 'Authorization: Bearer KEY'", headers=challenge)
        key = keys.find(credentials.credentials)
        if key is None:
            raise ApiError(401, "the API key is not valid", headers=challenge)
        if not key.may(role):
            raise ApiError(403, f"the key {key.name!r} has the role {key.role!r}; this needs {role!r}")
        request.state.api_key = key
        return key

    return check
