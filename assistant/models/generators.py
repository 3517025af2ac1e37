"""Text generators behind one small protocol: chat messages in, text out (whole or streamed).

* :class:`LlamaCppGenerator`: a local GGUF model run by llama-cpp-python (the ``[llama]``
  extra); the model file comes from a PyPI package (:mod:`assistant.models.packaged`).
* :class:`OpenAIGenerator`: any OpenAI-compatible chat endpoint (vLLM, llama.cpp's
  server, Ollama, LM Studio, OpenAI) through langchain's ``ChatOpenAI``.

:func:`build_generator` picks one from :class:`~assistant.config.Settings`; heavy
libraries are imported only there, with an install hint when missing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import BackendUnavailable, GeneratorError
from ..types import Message

if TYPE_CHECKING:
    from ..config import Settings

logger = logging.getLogger(__name__)

LLAMA_INSTALL_HINT = (
    "llama-cpp-python is not installed: install the [llama] extra, e.g. "
    "CMAKE_ARGS=\"-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON\" "
    "pip install -c constraints.txt -e '.[llama]' (it compiles for about 7 minutes; see docs/GENERATORS.md)"
)


class Generator(Protocol):
    """Writes a reply to chat messages (``(role, content)`` pairs)."""

    name: str

    def generate(self, messages: Sequence[Message]) -> str:
        """The whole reply.  Raises :class:`GeneratorError` when the backend fails."""
        ...

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        """The reply in pieces as they are written.  Raises :class:`GeneratorError`."""
        ...


class LlamaCppGenerator:
    """A GGUF chat model in this process, via ``llama_cpp.Llama``.

    The chat template stored in the GGUF file formats the messages (Qwen2.5: ChatML).

    Args:
        model_path: the GGUF file.
        n_ctx: context window in tokens; threads: CPU threads.
        max_tokens: most tokens written per reply; temperature: 0 is greedy (repeatable).

    Raises:
        BackendUnavailable: llama-cpp-python is not installed.
        GeneratorError: the model file cannot be loaded.
    """

    name = "llama-cpp"

    def __init__(self, model_path: Path, *, n_ctx: int, threads: int, max_tokens: int, temperature: float) -> None:
        try:
            from llama_cpp import Llama
        except ImportError:
            raise BackendUnavailable(LLAMA_INSTALL_HINT) from None
        try:
            self.llm = Llama(model_path=str(model_path), n_ctx=n_ctx, n_threads=threads, n_threads_batch=threads,
                             seed=0, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise GeneratorError(f"cannot load the GGUF model {model_path}: {exc}") from None
        self.model_path = model_path
        self.max_tokens = max_tokens
        self.temperature = temperature

    def _complete(self, messages: Sequence[Message], stream: bool):
        return self.llm.create_chat_completion(
            messages=[{"role": role, "content": content} for role, content in messages],
            max_tokens=self.max_tokens, temperature=self.temperature, stream=stream,
        )

    def generate(self, messages: Sequence[Message]) -> str:
        return self._complete(messages, stream=False)["choices"][0]["message"]["content"] or ""

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        for chunk in self._complete(messages, stream=True):
            piece = chunk["choices"][0]["delta"].get("content")
            if piece:
                yield piece


class OpenAIGenerator:
    """A chat model behind an OpenAI-compatible HTTP API, through ``langchain_openai.ChatOpenAI``.

    Args:
        base_url: e.g. ``http://127.0.0.1:8080/v1``; model: the model name the server expects.
        api_key: sent as the bearer token (local servers accept any, e.g. ``"EMPTY"``).
        max_tokens, temperature: as in the OpenAI API; timeout: seconds per request.
    """

    name = "openai"

    def __init__(self, *, base_url: str, model: str, api_key: str, max_tokens: int, temperature: float,
                 timeout: float) -> None:
        from langchain_openai import ChatOpenAI

        self.base_url = base_url
        self.chat = ChatOpenAI(model=model, base_url=base_url, api_key=api_key, max_tokens=max_tokens,
                               temperature=temperature, timeout=timeout, max_retries=1)

    def _failed(self, exc: Exception) -> GeneratorError:
        return GeneratorError(f"the OpenAI-compatible server at {self.base_url} failed: {exc}")

    def generate(self, messages: Sequence[Message]) -> str:
        import openai

        try:
            reply = self.chat.invoke(list(messages))
        except openai.OpenAIError as exc:
            raise self._failed(exc) from None
        return reply.content if isinstance(reply.content, str) else str(reply.content)

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        import openai

        try:
            for chunk in self.chat.stream(list(messages)):
                if isinstance(chunk.content, str) and chunk.content:
                    yield chunk.content
        except openai.OpenAIError as exc:
            raise self._failed(exc) from None


def llama_model_file(settings: Settings) -> Path:
    """The GGUF file to run: ``settings.generator.llama_model_path``, or the packaged
    ``settings.generator.llama_model`` assembled into ``settings.embedding.model_cache``."""
    if settings.generator.llama_model_path is not None:
        if not settings.generator.llama_model_path.is_file():
            raise GeneratorError(f"ASSISTANT_LLAMA_MODEL_PATH: no such file {settings.generator.llama_model_path}")
        return settings.generator.llama_model_path
    from .packaged import PACKAGED_MODELS, assemble_gguf

    return assemble_gguf(PACKAGED_MODELS[settings.generator.llama_model], settings.embedding.model_cache)


def build_generator(settings: Settings) -> Generator | None:
    """The generator named by ``settings.generator.backend``; ``None`` for ``"extractive"``.

    Raises:
        BackendUnavailable: the backend's library or model package is missing.
    """
    if settings.generator.backend == "extractive":
        return None
    if settings.generator.backend == "llama-cpp":
        return LlamaCppGenerator(
            llama_model_file(settings), n_ctx=settings.generator.llama_context, threads=settings.generator.llama_threads,
            max_tokens=settings.generator.generator_max_tokens, temperature=settings.generator.generator_temperature,
        )
    api_key = os.environ.get(settings.generator.openai_api_key_env) or "EMPTY"
    return OpenAIGenerator(
        base_url=settings.generator.openai_base_url, model=settings.generator.openai_model, api_key=api_key,
        max_tokens=settings.generator.generator_max_tokens, temperature=settings.generator.generator_temperature,
        timeout=settings.generator.openai_timeout,
    )
