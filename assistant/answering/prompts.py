"""Prompt templates from the ``prompts/`` folder, with their placeholders checked.

One file per role (see ``prompts/README.md``).  Templates use Python format syntax
(``{question}``) and are parsed with langchain's :class:`PromptTemplate`; the decline
sentence is filled in from :data:`assistant.answering.extractive.NO_ANSWER`, so prompt and code
share one constant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..types import Message, Passage, Turn
from .extractive import NO_ANSWER

EXPECTED = {
    "system": frozenset({"no_answer"}),
    "answer": frozenset({"passages", "question", "candidates"}),
    "condense": frozenset({"history", "question"}),
}
"""Each prompt file (``NAME.txt``) and the placeholders it must use, no more, no fewer."""



@dataclass(frozen=True)
class Prompts:
    """The loaded templates (``str.format`` syntax, placeholders checked)."""

    system: str
    answer: str
    condense: str

    def answer_messages(self, question: str, passages: Sequence[Passage],
                        candidates: Sequence[tuple[str, int]] = (), answer_type: str | None = None) -> list[Message]:
        """System and user messages asking ``question`` over ``passages`` numbered ``[1]..[k]``
        in the given order; ``candidates``: the typed candidate answers as ``(text, n)`` (``n``:
        the passage number that states it), ``answer_type`` the expected type."""
        return [
            ("system", self.system.format(no_answer=NO_ANSWER)),
            ("user", self.answer.format(passages=render_passages(passages), question=question,
                                        candidates=render_candidates(candidates, answer_type))),
        ]

    def condense_messages(self, question: str, history: Sequence[Turn]) -> list[Message]:
        """One user message asking to rewrite ``question`` as a standalone question."""
        lines = [f"{'User' if t.role == 'user' else 'Assistant'}: {_one_line(t.content)}" for t in history]
        return [("user", self.condense.format(history="\n".join(lines), question=question))]


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def render_passages(passages: Sequence[Passage]) -> str:
    """``[n] (source) text`` lines, ``n`` from 1 in the given order.

    Each passage's white space (line breaks included) is collapsed, so a passage is
    exactly one line and its text cannot start a line that looks like another passage.
    """
    return "\n".join(f"[{n}] ({p.chunk.source}) {_one_line(p.chunk.text)}" for n, p in enumerate(passages, start=1))


def render_candidates(candidates: Sequence[tuple[str, int]], answer_type: str | None) -> str:
    """``expected: TYPE`` and one ``- text [n]`` line per candidate (white space collapsed), or
    ``(none)``."""
    lines = [f"expected: {answer_type or 'any'}"]
    lines += [f"- {_one_line(text)} [{n}]" for text, n in candidates] or ["(none)"]
    return "\n".join(lines)


def load_prompts(folder: Path) -> Prompts:
    """Read ``system.txt``, ``answer.txt`` and ``condense.txt`` from ``folder``.

    Raises:
        ConfigError: a file is missing, unreadable, or its placeholders differ from
            :data:`EXPECTED` (the message names the file and the placeholders).
    """
    from langchain_core.prompts import PromptTemplate

    texts = {}
    for name, expected in EXPECTED.items():
        path = folder / f"{name}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"prompt file {path} cannot be read: {exc.strerror or exc}") from None
        try:
            found = frozenset(PromptTemplate.from_template(text).input_variables)
        except (ValueError, KeyError) as exc:
            raise ConfigError(f"prompt file {path} is not a valid template: {exc}") from None
        if found != expected:
            raise ConfigError(
                f"prompt file {path} must use the placeholders {sorted(expected)}, found {sorted(found)}"
            )
        texts[name] = text.strip()
    return Prompts(**texts)
