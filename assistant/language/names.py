"""Proper names as they look in English text: capitalised words and runs of them, in any script.

The patterns of the whole package (the answerer's "new name" rule, the reranker's
multi-word names, the follow-up condenser's names, the question's names) are these.
Uses the ``regex`` module for Unicode letter classes (``\\p{Lu}``), so "Temüjin" and
"Ünal" are names as "Kandahar" is.
"""

from __future__ import annotations

import regex

NAME_WORD = r"(?<![\p{L}\p{M}\p{Nd}])\p{Lu}[\p{L}\p{M}\p{Nd}'’\-]*[\p{L}\p{M}\p{Nd}]"
"""A capitalised word of two or more characters: "Kandahar", "ISAF", "GPT-3", "Temüjin", "Nafi’s"."""

TITLE_WORD = r"(?<![\p{L}\p{M}\p{Nd}])\p{Lu}[\p{Ll}\p{M}'’\-]+"
"""A capitalised word whose other letters are lower case: "Kandahar", not "ISAF" or "GPT-3"."""

UPPER_WORD = r"\p{Lu}[\p{Lu}\p{M}'’\-]+"
"""A word in capitals of two or more characters: "KABUL", "TËREN" (datelines)."""

LATIN_NAME_WORD = r"\b[A-Z][A-Za-z'’\-]+"
"""A capitalised word of Latin letters only (the extractive answerer's "new name" rule, as measured
in docs/EVAL.md; "Börte" is not one)."""

_NAME_WORD = regex.compile(NAME_WORD)
_LATIN_NAME_WORD = regex.compile(LATIN_NAME_WORD)
_NAME_RUN = regex.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD})*")
_TITLE_PHRASE = regex.compile(rf"{TITLE_WORD}(?:\s+{TITLE_WORD})+")
_NOT_SENTENCE_START = regex.compile(rf"(?<![.!?]\s)(?<!^){NAME_WORD}")


def capitalised_words(text: str, *, latin_only: bool = False) -> list[str]:
    """Every capitalised word of ``text`` (:data:`NAME_WORD`; :data:`LATIN_NAME_WORD` with
    ``latin_only``), in order."""
    return (_LATIN_NAME_WORD if latin_only else _NAME_WORD).findall(text)


def inner_capitalised_words(text: str) -> list[str]:
    """Capitalised words that do not start ``text`` or a sentence in it: capitals that mark a
    name rather than a sentence start ("Who led the raid in Kandahar?" -> ``["Kandahar"]``)."""
    return _NOT_SENTENCE_START.findall(text)


def name_runs(text: str) -> list[tuple[int, str]]:
    """Runs of capitalised words (``"Joint Command"``, ``"Kandahar"``) with their offsets."""
    return [(m.start(), m.group(0)) for m in _NAME_RUN.finditer(text)]


def title_phrases(text: str) -> list[str]:
    """Runs of two or more title-case words ("Mullah Abdul Nafi"; acronyms excluded)."""
    return _TITLE_PHRASE.findall(text)


def has_title_phrase(text: str, *, after_start: bool = False) -> bool:
    """``text`` has a run of two or more title-case words (``after_start``: one that does
    not begin at offset 0)."""
    return any(m.start() > 0 or not after_start for m in _TITLE_PHRASE.finditer(text))
