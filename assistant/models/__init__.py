"""Models behind small protocols: embedders (:mod:`.embedders`: ``Embedder.embed``), LLM
generators (:mod:`.generators`: ``Generator.generate/stream``), and the assembler of models
that come inside PyPI packages split in parts (:mod:`.packaged`).  Heavy libraries are
imported only when a model is built."""

from .embedders import Embedder, SentenceTransformerEmbedder
from .generators import Generator, build_generator

__all__ = ["Embedder", "Generator", "SentenceTransformerEmbedder", "build_generator"]
