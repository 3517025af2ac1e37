"""Helpers for driving the real web app in Debian's chromium (used by the browser tests and
``bench/bench_web.py``).

* :func:`start_app` runs ``app.py`` in a subprocess on a free loopback port and waits until it
  answers HTTP.
* :func:`launch_browser` starts ``/usr/bin/chromium`` through Playwright with the flags of
  ``STACK.md`` ("Browser tests"); Playwright's own browser downloads are never used.
* :class:`RecordedPage` keeps every request and websocket a page opens, so a test can check that
  the page loads nothing from outside the machine, and saves numbered screenshots.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from tests.support.paths import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class AppServer:
    """A running ``app.py``: its URL, process and log file."""

    url: str
    process: subprocess.Popen
    log: Path

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_app(store: Path, corpus: Path, log: Path, timeout_s: float = 240.0,
              env: dict[str, str] | None = None) -> AppServer:
    """Start ``python app.py`` with its store in ``store`` and first-start corpus ``corpus``
    on a free port of 127.0.0.1 (``env``: more environment variables, e.g. settings); returns
    once the page answers HTTP 200.

    Raises:
        RuntimeError: the server exited or did not answer within ``timeout_s`` seconds
            (the message ends with the server log).
    """
    import httpx

    port = free_port()
    env = dict(
        os.environ,
        ASSISTANT_STORE=str(store),
        ASSISTANT_CORPUS=str(corpus),
        ASSISTANT_HOST="127.0.0.1",
        ASSISTANT_PORT=str(port),
        **(env or {}),
    )
    handle = log.open("w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
    )
    server = AppServer(f"http://127.0.0.1:{port}/", process, log)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app.py exited with code {process.returncode}:\n{server.log_tail()}")
        try:
            if httpx.get(server.url, timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"app.py did not answer within {timeout_s:.0f} s:\n{server.log_tail()}")


def launch_browser(playwright):
    """Debian's chromium, headless, with the flags of STACK.md (Playwright gives every launch a
    fresh temporary ``--user-data-dir`` itself).

    Raises:
        RuntimeError: ``/usr/bin/chromium`` is missing (``make test`` installs it).
    """
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@dataclass
class RecordedPage:
    """A page whose requests are recorded and whose screenshots go to ``folder``."""

    page: object
    folder: Path
    urls: list[str] = field(default_factory=list)
    _shots: int = 0

    @classmethod
    def open(cls, context, folder: Path) -> RecordedPage:
        """A new page of ``context`` (a Playwright browser context), recording from the start."""
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()
        recorded = cls(page=None, folder=folder)
        context.on("request", lambda request: recorded.urls.append(request.url))
        context.on("websocket", lambda ws: recorded.urls.append(ws.url))
        recorded.page = context.new_page()
        return recorded

    def foreign_urls(self) -> list[str]:
        """Recorded URLs whose host is not the loopback (``data:``/``blob:`` URLs are local)."""
        foreign = []
        for url in self.urls:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about"):
                continue
            if parsed.hostname not in LOCAL_HOSTS:
                foreign.append(url)
        return foreign

    def shot(self, name: str) -> Path:
        """Save a screenshot ``NN-name.png`` of the page's viewport."""
        self._shots += 1
        path = self.folder / f"{self._shots:02d}-{name}.png"
        self.page.screenshot(path=str(path))
        return path
