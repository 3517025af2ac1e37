"""Shared fixtures: real embedding model, real Chroma, all state under tmp_path, network blocked.

pytest-socket (see ``addopts`` in pyproject.toml) blocks every connection except loopback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.offline import configure_offline

configure_offline()

from tests.support.paths import CORPUS, DATA, ROOT  # noqa: F401 (re-exported for the tests)


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path, monkeypatch):
    """Point the default store at a temp folder so no test touches the user's data."""
    monkeypatch.setenv("ASSISTANT_STORE", str(tmp_path / "default-store"))


@pytest.fixture(scope="session")
def embedder():
    """The real all-MiniLM-L6-v2 model from its package, loaded once for the session."""
    from assistant.config import Settings
    from assistant.models.embedders import SentenceTransformerEmbedder

    settings = Settings()
    return SentenceTransformerEmbedder(settings.embedding.model_path(), threads=settings.embedding.torch_threads)


@pytest.fixture
def make_assistant(tmp_path, embedder):
    """Factory: an Assistant over a fresh store folder under tmp_path."""
    from assistant import Assistant, Settings

    def make(name: str = "store", **overrides) -> Assistant:
        return Assistant(Settings(store=tmp_path / name, **overrides), embedder=embedder)

    return make


@pytest.fixture(scope="session")
def corpus_assistant(tmp_path_factory, embedder):
    """An Assistant with the whole default corpus indexed (built once per session)."""
    from assistant import Assistant, Settings

    store = tmp_path_factory.mktemp("corpus-store")
    assistant = Assistant(Settings(store=store), embedder=embedder)
    report = assistant.ingest([CORPUS])
    assert not report.rejected, report.rejected
    return assistant


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    """A folder with the seed report and three ISAF press releases."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("jazira_storm_operation.txt", "isaf_test_037.txt", "isaf_test_074.txt", "isaf_test_216.txt"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def valdoria_assistant(tmp_path_factory, embedder):
    """An Assistant with the 24 invented Valdoria reports indexed (varied datelines, places with
    admin levels, publishers, one undated, one day/month report), built once per session."""
    from assistant import Assistant, Settings

    store = tmp_path_factory.mktemp("valdoria-store")
    assistant = Assistant(Settings(store=store), embedder=embedder)
    assistant.ingest([ROOT / "evalsets" / "valdoria" / "docs"])
    return assistant
