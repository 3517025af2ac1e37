"""The real server (``app.py``: API and web page on one port) on a free loopback port, with API
keys, over a small copy of the corpus; shared by the HTTP tests of this folder."""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.support.browser import AppServer, start_app
from tests.support.paths import CORPUS

CORPUS_FILES = (
    "jazira_storm_operation.txt",
    "isaf_test_037.txt",
    "isaf_test_074.txt",
    "isaf_test_195.txt",
    "isaf_test_216.txt",
    "isaf_test_396.txt",
)
MAX_REQUEST_BYTES = 200_000
MAX_UPLOAD_BYTES = 2_000_000


@dataclass
class Api:
    """The running server and its keys."""

    app: AppServer
    admin_key: str
    read_key: str
    read_name: str = "alice"

    @property
    def url(self) -> str:
        return self.app.url.rstrip("/")

    def client(self, key: str | None = "read"):
        """An httpx client on the server with the read key, the admin key, another key, or none."""
        import httpx

        secret = {"read": self.read_key, "admin": self.admin_key}.get(key, key) if key else None
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=120)

    def documents(self) -> dict[str, str]:
        """``{document id: file name}`` of the indexed documents."""
        with self.client() as client:
            return {d["id"]: d["source"] for d in client.get("/v1/documents").json()["documents"]}

    def restore(self, documents: dict[str, str]) -> None:
        """Bring the index back to ``documents`` (of :meth:`documents`, files of the corpus):
        remove the others, upload the missing ones again."""
        now = self.documents()
        with self.client("admin") as admin:
            for document_id in set(now) - set(documents):
                admin.delete(f"/v1/documents/{document_id}")
            missing = [("files", (documents[d], (CORPUS / documents[d]).read_bytes(), "text/plain"))
                       for d in set(documents) - set(now)]
            if missing:
                assert admin.post("/v1/documents", files=missing).status_code == 200
        assert self.documents() == documents


@pytest.fixture(scope="package")
def api(tmp_path_factory) -> Iterator[Api]:
    """``app.py`` with two API keys (admin, read as "alice") and small body limits."""
    base = tmp_path_factory.mktemp("http-api")
    corpus = base / "corpus"
    corpus.mkdir()
    for name in CORPUS_FILES:
        shutil.copy(CORPUS / name, corpus / name)
    admin, read = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    keys = base / "keys.txt"
    keys.write_text(f"# test keys\n{admin} admin\n{read}   read   alice  # the reader\n", encoding="utf-8")
    app = start_app(base / "store", corpus, base / "app.log", env={
        "ASSISTANT_API_KEYS_FILE": str(keys),
        "ASSISTANT_MAX_REQUEST_BYTES": str(MAX_REQUEST_BYTES),
        "ASSISTANT_MAX_UPLOAD_BYTES": str(MAX_UPLOAD_BYTES),
    })
    try:
        yield Api(app, admin, read)
    finally:
        app.stop()
