"""Questions about a report itself rather than what it reports: who wrote it, when it was
published (:func:`asked_property`), and where a report states its author (:func:`bylines`).

"Who wrote the Gazette article about the bridge?", "Who is the author of the report on the
floods?", "What is the byline of the story ...?" ask for the report's **author**; "When was the
bulletin on the strike published?", "On what date was the press release issued?", "What is the
date of the statement ...?" for its **date**.  The question is read from its parse (spaCy): a noun
naming a document, by WordNet (one of its first :data:`DOCUMENT_SENSES_READ` senses is a kind of
:data:`DOCUMENT_SENSES`; a compound such as "press release" is looked up whole), that is the object
or passive subject of a verb of writing (:data:`WRITE_SENSES`) or publishing
(:data:`PUBLISH_SENSES`), or that follows "author"/"date"-like nouns (:data:`AUTHOR_SENSES`,
:data:`DATE_NOUNS`) with "of"; asked by "who" (author) or as a date (when, what date).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum
from typing import Any

import regex

from .dates import is_calendar_word
from .names import PERSON_NAME

DOCUMENT_SENSES = ("document.n.01", "writing.n.02", "article.n.01", "news.n.01", "report.n.03", "statement.n.01",
                   "publication.n.01", "handout.n.01")
"""WordNet senses a report of any kind is a kind of: document, written material, article, news, written
report, statement, publication, press release (WordNet 3.0 sense names)."""

DOCUMENT_SENSES_READ = 2
"""A noun names a document when one of its first this many senses does ("report", "release" as a
compound "press release"; not "piece", "bridge")."""

WRITE_SENSES = ("write.v.01", "write.v.06")
"""Verbs of writing a text and their kinds: write, author, compose, pen, draft (not the senses of
putting letters on paper, whose kinds include "sign": who signed an agreement is what a report states)."""

PUBLISH_SENSES = ("publish.v.01", "issue.v.01", "release.v.02", "post.v.01", "print.v.01", "write.v.01")
"""Verbs of putting a text out: publish, issue, release, post, print (and writing it)."""

AUTHOR_SENSES = ("writer.n.01", "communicator.n.01")
"""Nouns of the person who writes a text: author, writer, journalist, reporter, correspondent."""

AUTHOR_NOUNS = frozenset({"byline", "author", "authorship"})
"""Nouns that ask for the author directly though WordNet files them elsewhere ("byline")."""

DATE_NOUNS = frozenset({"date", "day", "dateline"})
"""Nouns that ask for a report's date in "the date of the report"."""

VERB_SENSES_READ = 3
"""A verb is one of writing or publishing when one of its first this many senses is."""


class DocumentProperty(str, Enum):
    """What a question asks about a report itself."""

    AUTHOR = "author"
    DATE = "date"


def _is(wordnet: Any, lemma: str, pos: str, names: tuple[str, ...], senses: int) -> bool:
    """One of ``lemma``'s first ``senses`` senses in ``pos`` is a kind of one of the senses ``names``."""
    return wordnet.is_a(lemma, pos, wordnet.kinds(names), senses=senses)


def names_document(token: Any, wordnet: Any) -> bool:
    """The spaCy noun ``token`` names a document (module docstring): its compound with the nouns
    before it ("press release") when WordNet has that, else its lemma."""
    if token.pos_ != "NOUN":
        return False
    compound = "_".join([c.lower_ for c in token.children if c.dep_ == "compound" and c.i < token.i] + [token.lemma_.lower()])
    if "_" in compound and wordnet.senses(compound, "noun"):
        return _is(wordnet, compound, "noun", DOCUMENT_SENSES, DOCUMENT_SENSES_READ)
    return _is(wordnet, token.lemma_.lower(), "noun", DOCUMENT_SENSES, DOCUMENT_SENSES_READ)


def asked_property(doc: Any, asks_person: bool, asks_date: bool, wh: str | None, wordnet: Any) -> DocumentProperty | None:
    """What the parsed question ``doc`` asks about a report itself, or ``None`` when it asks about
    what reports state.  ``asks_person``/``asks_date``: its expected answer type is a person / a date;
    ``wh``: its question word (``QuestionReading.wh``).

    A document noun counts unless it is described by a clause of another verb ("the letter *found*
    in the house") or lies inside one ("the prisoners *named* in the report"): that is a text the
    reports tell of, not the report.  The verb of writing or publishing may be the question's root,
    the noun's head, or its last word (spaCy's small model attaches a final participle to the nearest
    noun: "when was the release about the raid *issued*?")."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    if not words:
        return None
    writes = functools.partial(_is, wordnet, pos="verb", senses=VERB_SENSES_READ)
    for noun in (t for t in words if names_document(t, wordnet)):
        if _described(noun, writes):
            continue
        verbs = {noun.head, *(t for t in words if t.dep_ == "ROOT"), words[-1]}
        verbs = [v.lemma_.lower() for v in verbs if v.pos_ == "VERB"]
        if asks_person and any(writes(v, names=WRITE_SENSES) for v in verbs):
            return DocumentProperty.AUTHOR
        if asks_date and any(writes(v, names=PUBLISH_SENSES) for v in verbs):
            return DocumentProperty.DATE
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
            owner = head.head.lemma_.lower()
            if wh in ("who", "what", "which") and (owner in AUTHOR_NOUNS or _is(wordnet, owner, "noun", AUTHOR_SENSES, 1)):
                return DocumentProperty.AUTHOR
            if owner in DATE_NOUNS and (asks_date or wh == "what"):
                return DocumentProperty.DATE
    return None


def _described(noun: Any, writes) -> bool:
    """``noun`` has, or lies inside, a clause of a verb other than one of writing or publishing."""
    clauses = [c for c in noun.children if c.dep_ in ("relcl", "acl")] + [a for a in noun.ancestors if a.dep_ in ("relcl", "acl")]
    return any(not writes(c.lemma_.lower(), names=PUBLISH_SENSES + WRITE_SENSES) for c in clauses)


@dataclass(frozen=True)
class Byline:
    """Where a report names its author: ``name`` is ``text[start:end]``; ``line_start``/``line_end``
    the line (or parenthesis) that states it."""

    name: str
    start: int
    end: int
    line_start: int
    line_end: int


BYLINE_HEAD = 800
"""A byline line is looked for in the report's first this many characters (its header)."""

_NAMES = rf"{PERSON_NAME}(?:[ \t]+and[ \t]+{PERSON_NAME})*"
_BYLINE = regex.compile(
    r"(?m)^[ \t]*(?i:by|written\s+by|reported\s+by|reporting\s+by|author\s*:|reporter\s*:|correspondent\s*:"
    r"|words\s*:|words\s+by|text\s*:|text\s+by|story\s*:|story\s+by)"
    rf"[ \t]+(?P<name>{_NAMES})(?=[ \t]*(?:$|[,|·•–—-][ \t]*[^\s\p{{Ll}}]))")
_CREDIT = regex.compile(rf"\(\s*(?i:reporting|writing|written|reported)\s+by\s+(?P<name>{_NAMES})")
"""A byline at a line's start in the header ("By Tomas Elberg", "Author: ...", a magazine's "Words: ...",
"Text by ..."), and a news agency's
closing credit anywhere ("(Reporting by Jane Doe; Editing by ...)"); several authors joined by "and"
are one byline ("By Dana Kell and Per Lund").  A header byline ends its line or is followed by a
title, a publisher or a date ("By Tomas Elberg, Brenmoor Gazette"), so a sentence such as "By Monday,
the troops had ..." is none; nor is a name that is a month or a weekday."""


def bylines(text: str) -> list[Byline]:
    """The authors a report's ``text`` names, in text order: header byline lines and closing
    credits (:data:`_BYLINE`, :data:`_CREDIT`)."""
    found = []
    for pattern, limit in ((_BYLINE, BYLINE_HEAD), (_CREDIT, len(text))):
        for match in pattern.finditer(text, 0, limit):
            if is_calendar_word(match.group("name").split()[0]):
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            found.append(Byline(match.group("name"), match.start("name"), match.end("name"), line_start,
                                len(text) if line_end == -1 else line_end))
    return sorted(found, key=lambda b: b.start)
