"""Which process serves an embedded store: the web app claims its store folder with a pid file,
and the command line refuses to write to a folder a running server holds.

Chroma's embedded mode keeps an in-memory view of the store in each process; a second process
that adds documents leaves the server's view stale (its searches then fail with "Error finding
id"), so writes from outside go through the server (the web page's Library or
``POST /v1/documents``) or through a Chroma server (``ASSISTANT_CHROMA_URL``).
"""

from __future__ import annotations

import atexit
import os
from pathlib import Path

from ..errors import StoreInUse

SERVER_FILE = "server.pid"
"""The file in the store folder naming the serving process: its id on the first line, then
``store PATH`` (the folder it claimed, for messages) and ``folder DEV:INODE`` (that folder's identity)."""


def _identity(store: Path) -> str | None:
    """``DEV:INODE`` of the folder ``store`` (``None`` when it cannot be read): the same for the folder
    renamed or moved within its file system, another one for a copy (``cp -r store store2``)."""
    try:
        status = os.stat(store)
    except OSError:
        return None
    return f"{status.st_dev}:{status.st_ino}"


def claim(store: Path) -> Path:
    """Mark ``store`` as served by this process until it exits (the file is removed at exit).
    Returns the pid file's path."""
    store.mkdir(parents=True, exist_ok=True)
    path = store / SERVER_FILE
    path.write_text(f"{os.getpid()}\nstore {store.resolve()}\nfolder {_identity(store)}\n", encoding="utf-8")

    def release() -> None:
        if serving_pid(store, include_self=True) == os.getpid():
            path.unlink(missing_ok=True)

    atexit.register(release)
    return path


def serving_pid(store: Path, *, include_self: bool = False) -> int | None:
    """The id of the live process that claimed ``store`` (``None``: none, the file is stale, or it
    was copied with the folder from another store: its ``folder`` identity is another folder's; this
    process itself only with ``include_self``).  A file of the pid alone (written before the
    identity was recorded) is trusted as it was."""
    try:
        lines = (store / SERVER_FILE).read_text(encoding="utf-8").splitlines()
        pid = int(lines[0].strip())
    except (OSError, ValueError, IndexError):
        return None
    fields = dict(line.strip().partition(" ")[::2] for line in lines[1:] if line.strip())
    if fields.get("folder") not in (None, "None") and fields["folder"] != _identity(store):
        return None  # the pid file of the folder this one was copied from
    if pid == os.getpid():
        return pid if include_self else None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid  # alive, another user's
    return pid


def check_not_served(store: Path) -> None:
    """Raise :class:`~assistant.errors.StoreInUse` when a live process other than this one serves
    ``store``; the message says how to add documents instead."""
    pid = serving_pid(store)
    if pid is not None:
        raise StoreInUse(
            f"the store {store} is in use by the running server (pid {pid}), which would not see changes made "
            "from here: add or remove documents in the web page's Library or through POST /v1/documents "
            f"(DELETE /v1/documents/ID), or stop the server first (if no server runs, delete {store / SERVER_FILE})"
        )
