"""English verb forms, from ``lemminflect`` (PyPI ``lemminflect`` 0.2.3: a lexicon of
inflections from the NIH SPECIALIST Lexicon with rules for words outside it; no download, the
data ships in the package).

Used where a question is rewritten and the verb must agree with an auxiliary that was dropped
("did a road reopen" -> "a road *reopened*", "does the report mention" -> "the report
*mentions*"), so that spaCy's parser reads a verb with its subject.
"""

from __future__ import annotations

import functools

_DO_TAGS = {"did": "VBD", "does": "VBZ", "do": "VB"}
"""The Penn tag a bare verb takes when the form of "do" before it is dropped."""


@functools.cache
def is_base_verb(word: str) -> bool:
    """``word`` (any case) is the base form of an English verb in lemminflect's lexicon
    ("reopen", "collapse", "withdraw": true; "road", "suspects", "withdrew": false)."""
    from lemminflect import getAllLemmas

    lowered = word.lower()
    return lowered in getAllLemmas(lowered, upos="VERB").get("VERB", ())


@functools.cache
def agree_with_do(verb: str, do: str) -> str:
    """The form of the bare ``verb`` that states what "``do`` + ``verb``" states, the auxiliary
    dropped: ``("reopen", "did")`` -> ``"reopened"``, ``("rise", "did")`` -> ``"rose"``,
    ``("mention", "does")`` -> ``"mentions"``, ``("withdraw", "do")`` -> ``"withdraw"``.  A form of
    "do" not known (``do`` other than do/does/did), or a verb lemminflect cannot inflect, gives
    ``verb`` unchanged."""
    from lemminflect import getInflection

    tag = _DO_TAGS.get(do.lower())
    if tag is None or tag == "VB":
        return verb
    forms = getInflection(verb.lower(), tag=tag)
    if not forms:
        return verb
    form = forms[0]
    return form[:1].upper() + form[1:] if verb[:1].isupper() else form


_SINGULAR_OF = {"people": "person"}


@functools.cache
def agree_with_count(noun: str, count: int) -> str:
    """The plural ``noun`` (as a question writes it: "towns", "people") in the number ``count``
    asks: its singular for 1 ("1 town", "1 person"), else as written; a word lemminflect does not
    read as a plural noun stays as written."""
    if count != 1:
        return noun
    from lemminflect import getLemma

    lowered = noun.lower()
    if lowered in _SINGULAR_OF:
        return _SINGULAR_OF[lowered]
    lemmas = getLemma(lowered, upos="NOUN")
    singular = lemmas[0] if lemmas else lowered
    return singular if singular != lowered and noun.islower() else noun


@functools.cache
def gerunds(verb: str) -> tuple[str, ...]:
    """The "-ing" forms of the verb ``verb`` ("take" -> ``("taking",)``, "put" -> ``("putting",)``), as a
    multi-word noun of its happening begins ("taking into custody"); ``()`` for a word lemminflect cannot
    inflect."""
    from lemminflect import getInflection

    return tuple(getInflection(verb.lower(), tag="VBG"))


@functools.cache
def verbs_of_gerund(word: str) -> tuple[str, ...]:
    """The base forms of the verb whose "-ing" form ``word`` is ("putting" -> ``("put", "putt")``,
    "taking" -> ``("take",)``); ``()`` for a word that is no "-ing" form."""
    from lemminflect import getLemma

    lowered = word.lower()
    if not lowered.endswith("ing"):
        return ()
    return tuple(base for base in getLemma(lowered, upos="VERB") if base != lowered)


@functools.lru_cache(maxsize=8192)
def is_english_word(word: str) -> bool:
    """``word`` (any case) is a form of a word in lemminflect's English lexicon ("wounded", "bomber",
    "happened": true; "kiled", "peple": false).  Words outside the lexicon (many names, new coinages
    such as "airstrikes") are false too: the caller decides what else it knows."""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word.lower()))


@functools.lru_cache(maxsize=4096)
def plural(noun: str) -> str:
    """The plural of ``noun`` by lemminflect ("lorry" -> "lorries", "child" -> "children"); ``noun`` + "s"
    when lemminflect has none."""
    from lemminflect import getInflection

    forms = getInflection(noun, tag="NNS")
    return forms[0] if forms else noun + "s"
