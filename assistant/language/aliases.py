"""Other names of a person or group: a question that asks for one, and the spans of a text that
state one ("Commander Darek Volkov, also known as Black Heron", "Ilmar Kessel (alias the Grey Fox)").

The cues are the English appositive phrases that introduce an alternative name (the "also
known as" pattern of Hearst-style lexico-syntactic patterns, Hearst, COLING 1992, as used for
alias extraction in relation extraction).
"""

from __future__ import annotations

import regex

from .names import NAME_WORD

ALIAS_NOUNS = frozenset({"alias", "aliases", "nickname", "nicknames", "pseudonym", "pseudonyms", "moniker",
                         "sobriquet", "byname", "codename", "kunya", "nom de guerre", "war name"})
"""Nouns that name another name of a person or group."""

_ALIAS_NOUN = regex.compile(r"\b(?:" + "|".join(sorted((regex.escape(n) for n in ALIAS_NOUNS), key=len, reverse=True))
                            + r")\b", regex.IGNORECASE)
_OTHER_NAME = regex.compile(r"\b(?:other|another|different|second)\s+names?\b", regex.IGNORECASE)
_KNOWN_AT_END = regex.compile(r"\b(?:known(?:\s+as|\s+by)?|called|go(?:es)?\s+by|went\s+by|use[sd]?)\s*\??\s*$",
                              regex.IGNORECASE)
_ASKING = regex.compile(r"^\W*(?:what|which|under|by|give|name|state|tell)\b", regex.IGNORECASE)

_CUE = (r"(?:(?:also|better|otherwise|widely|locally|popularly)\s+)?known(?:\s+\w+ly)?\s+as|a\.?k\.?a\.?|alias|nicknamed|dubbed|"
        r"(?:also\s+)?called|(?:who\s+)?(?:goes|went)\s+by(?:\s+the\s+name(?:\s+of)?)?|"
        r"(?:under\s+)?the\s+(?:nom\s+de\s+guerre|nickname|alias|pseudonym|name)")
_STATED = regex.compile(
    rf"(?<![\p{{L}}])(?i:{_CUE})[ \t]*[:,]?[ \t]+[\"“‘']?(?P<name>(?:(?i:the)[ \t]+)?{NAME_WORD}"
    rf"(?:[ \t]+(?:al-|el-|bin[ \t]+|of[ \t]+)?{NAME_WORD})*)")


def asks_alias(question: str) -> bool:
    """The question asks for another name of someone ("What is X's alias?", "What other name is X
    known by?", "What is X also known as?"), not who bears a name."""
    if not _ASKING.match(question):
        return False
    return bool(_ALIAS_NOUN.search(question) or _OTHER_NAME.search(question) or _KNOWN_AT_END.search(question))


def stated_aliases(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The spans (offsets into ``text``) of the other names that ``text[start:end]`` introduces
    with an alias cue: the run of capitalised words after "also known as", "alias", "a.k.a.",
    "nicknamed", "dubbed", "called", "goes by", a leading "the" left out ("(also known as the
    Grey Fox)" -> "Grey Fox")."""
    end = len(text) if end is None else end
    found = []
    for match in _STATED.finditer(text, start, end):
        name_start, name_end = match.span("name")
        if text[name_start:name_start + 4].lower() == "the ":
            name_start += 4
            while name_start < name_end and text[name_start] in " \t":
                name_start += 1
        if name_start < name_end:
            found.append((name_start, name_end))
    return found
