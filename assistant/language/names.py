"""Proper names as they look in English text: capitalised words and runs of them, in any script.

The patterns of the whole package (the answerer's "new name" rule, the reranker's
multi-word names, the follow-up condenser's names, the question's names) are these.
Uses the ``regex`` module for Unicode letter classes (``\\p{Lu}``), so "Temüjin" and
"Ünal" are names as "Kandahar" is.
"""

from __future__ import annotations

import functools

import regex

from .tokens import FUNCTION_WORDS

NAME_WORD = r"(?<![\p{L}\p{M}\p{Nd}])\p{Lu}[\p{L}\p{M}\p{Nd}'’\-]*[\p{L}\p{M}\p{Nd}]"
"""A capitalised word of two or more characters: "Kandahar", "ISAF", "GPT-3", "Temüjin", "Nafi’s"."""

TITLE_WORD = r"(?<![\p{L}\p{M}\p{Nd}])\p{Lu}[\p{Ll}\p{M}'’\-]+"
"""A capitalised word whose other letters are lower case: "Kandahar", not "ISAF" or "GPT-3"."""

UPPER_WORD = r"\p{Lu}[\p{Lu}\p{M}'’\-]+"
"""A word in capitals of two or more characters: "KABUL", "TËREN" (datelines)."""

PERSON_NAME = (rf"(?:{NAME_WORD}|\p{{Lu}}\.)(?:[ \t]+(?:{NAME_WORD}|\p{{Lu}}\.|de|van|von|bin|ibn"
               rf"|[ae]l-\p{{L}}+))*")
"""A person's name as a byline writes it, on one line: capitalised words and initials, with the lower-case
particles of names ("Tomas Elberg", "John A. Smith", "Ana de Souza", "Omar al-Faruq")."""

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


NAMING_VERBS = frozenset({"call", "name", "dub", "nickname", "title", "christen"})
"""Verbs (lemmas) that give a thing its name right after them ("a service *called* Lumen").
``NAMING_AS``: verbs that do so through "as" ("*known as* Kastel Mor", "*referred to as* ...")."""
NAMING_AS = frozenset({"know", "refer", "describe", "brand"})

_NAME_CONNECTOR = r"(?:of|the|and|de|del|der|la|le|von|van|bin|ibn)"
_NAME_PHRASE = regex.compile(rf"{NAME_WORD}(?:\s+(?:{_NAME_CONNECTOR}\s+)*{NAME_WORD})*")
_POSSESSIVE_END = regex.compile(r"['’]s$")


def name_key(word: str) -> str:
    """A capitalised word as a question's names are kept: lower case, without a possessive
    ("Tesla's" -> ``"tesla"``)."""
    return _POSSESSIVE_END.sub("", word).lower()


def name_phrases(text: str, names: frozenset[str]) -> list[tuple[str, ...]]:
    """The words of ``names`` (lower case, as :attr:`assistant.types.Query.names` holds them)
    grouped by the name phrase of ``text`` they stand in, in order: a run of capitalised words,
    function words such as "of" and "the" allowed between them ("Assassin's Creed Valhalla" ->
    ``("assassin", "creed", "valhalla")``; "The Shape of Water"; "Ras al Kamar").  A word of
    ``names`` in no phrase is a phrase of its own."""
    phrases: list[tuple[str, ...]] = []
    placed: set[str] = set()
    for match in _NAME_PHRASE.finditer(text):
        words = tuple(dict.fromkeys(
            w for w in (name_key(m) for m in _NAME_WORD.findall(match.group(0)))
            if w in names and w not in placed))
        if words:
            phrases.append(words)
            placed.update(words)
    phrases.extend((name,) for name in sorted(names - placed))
    return phrases


def title_phrases(text: str) -> list[str]:
    """Runs of two or more title-case words ("Mullah Abdul Nafi"; acronyms excluded)."""
    return _TITLE_PHRASE.findall(text)


def has_title_phrase(text: str, *, after_start: bool = False) -> bool:
    """``text`` has a run of two or more title-case words (``after_start``: one that does
    not begin at offset 0)."""
    return any(m.start() > 0 or not after_start for m in _TITLE_PHRASE.finditer(text))


# ----- spelling variants ---------------------------------------------------------------------

import unicodedata  # noqa: E402

_ARTICLE = regex.compile(
    r"(?<![\p{L}\p{M}])(?:(?:al|el)[-‐‑’' ]|(?:ul|ad|ar|as|at|az|an|ash|ud|ed|ur|un)[-‐‑])(?=\p{L})", regex.IGNORECASE
)
_SEPARATOR = regex.compile(r"[-‐‑–\s]+")
_APOSTROPHE = regex.compile(r"[’'`´ʼ]")
_POSSESSIVE = regex.compile(r"(?<=\p{L})[’'ʼ]s\b")
_DOTTED = regex.compile(r"(?<![\p{L}\p{N}])(?:\p{L}\.){2,}")
_ENDINGS = ((regex.compile(r"(?<=\p{L}{2})iy(?=ah?\b)"), "i"), (regex.compile(r"(?<=\p{L}{2})ah\b"), "a"))


def fold(text: str) -> str:
    """``text`` in a form where common spelling variants of a name compare equal: lower case,
    diacritics removed (NFKD, combining marks dropped: "Tëren" -> "teren"), the Arabic
    article written ``al-``/``el-``/``ul-``/``ad-``/... (joined by a hyphen, apostrophe or
    space) read as ``al`` ("Ras el Ain", "Ras al-Ain", "Ras Al Ain" -> "ras al ain"), apostrophes
    dropped ("Qal'ah" -> "qalah"), the endings "-iya(h)"/"-ia" and "-ah"/"-a" written one way
    ("Paktiya" = "Paktia", "Hasakah" = "Hasaka", "Musa Qal'ah" = "Musa Qala"), the dots of an
    abbreviation dropped ("U.S." = "US"), and hyphens read as spaces.  Not length-preserving: compare folded
    strings only (transliteration conventions: the UN/BGN romanisation tables write the
    article with a hyphen, press usage varies)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    plain = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), plain)  # "U.S." -> "us"
    plain = _ARTICLE.sub("al ", plain)
    plain = _POSSESSIVE.sub("", plain)
    plain = _APOSTROPHE.sub("", plain)
    for pattern, replacement in _ENDINGS:
        plain = pattern.sub(replacement, plain)
    return " ".join(_SEPARATOR.sub(" ", plain).split())


def mentions_name(folded_text: str, name: str) -> bool:
    """``name`` (any spelling, see :func:`fold`) occurs in ``folded_text`` (a text already
    folded) as whole words."""
    pattern = _name_pattern(name)
    return pattern is not None and pattern.search(folded_text) is not None


@functools.lru_cache(maxsize=8192)
def _name_pattern(name: str) -> regex.Pattern | None:
    """The compiled whole-word pattern of ``name`` folded (``None`` when it folds to nothing),
    kept per name: :func:`mentions_name` is asked for a question's few names sentence after
    sentence, and folding the name and looking its pattern up in ``regex``'s own cache on every
    call was a tenth of the answerer's own time."""
    needle = fold(name)
    if not needle:
        return None
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(needle)}(?![\p{{L}}\p{{N}}])")


NEAR_NAME_LETTERS = 6
"""The fewest letters a name (folded, one word) has for :func:`mentions_name_nearly` to allow it one edit:
"Qastelorn" for "Kastelorn", "Hilmand" for "Helmand"; a shorter name one letter off is as often another
place's ("Darsk", "Dorsk")."""


def mentions_name_nearly(folded_text: str, name: str) -> bool:
    """``name`` occurs in ``folded_text`` (a text already folded, :func:`fold`) as whole words, exactly or,
    when it folds to a single word of at least :data:`NEAR_NAME_LETTERS` letters, with one letter
    substituted, inserted or left out (Levenshtein distance 1; the fuzzy matching of the ``regex``
    package): a misspelling or another romanisation of the name than the question's."""
    if mentions_name(folded_text, name):
        return True
    pattern = _near_pattern(name)
    return pattern is not None and pattern.search(folded_text) is not None


@functools.lru_cache(maxsize=2048)
def _near_pattern(name: str) -> regex.Pattern | None:
    needle = fold(name)
    if " " in needle or len(needle) < NEAR_NAME_LETTERS or not needle.isalpha():
        return None
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{regex.escape(needle)}){{e<=1}}(?![\p{{L}}\p{{N}}])")


_ACRONYM = regex.compile(r"\p{Lu}{3,6}")
_SKIPPED = r"(?:(?:of|and|for|the|on|in|to)\s+){0,2}"


def is_acronym(word: str) -> bool:
    """``word`` is written as an acronym: three to six capital letters ("IED", "ISAF", "OHCV")."""
    return _ACRONYM.fullmatch(word) is not None


def spells_acronym(folded_text: str, acronym: str) -> bool:
    """``folded_text`` (a text already :func:`fold`-ed) writes ``acronym`` out: consecutive
    words whose first letters spell it, function words such as "of" and "for" allowed between
    them ("improvised explosive device" for IED, "vehicle-borne improvised explosive device" for
    VBIED; after Schwartz & Hearst, "A simple algorithm for identifying abbreviation definitions
    in biomedical text", PSB 2003, who match an abbreviation's letters to the initials of the
    words before it)."""
    if not is_acronym(acronym):
        return False
    for match in _acronym_pattern(acronym.lower()).finditer(folded_text, overlapped=True):
        if all(len(word) >= 3 and word not in FUNCTION_WORDS for word in match.captures("word")):
            return True
    return _spells_by_compounds(folded_text, acronym.lower())


_WORD = regex.compile(r"[\p{L}\p{N}]+")


def _spells_by_compounds(folded_text: str, letters: str) -> bool:
    """Two or more consecutive words (function words as in :func:`spells_acronym` between them)
    spell ``letters`` when each starts with the next letter and a compound word also gives
    the initials of its parts: a letter may stand for a word inside it that WordNet has
    ("Combat Outpost" for COP: *out*-*post*; "Forward Operating Base" for FOB by initials)."""
    words = [m.group(0) for m in _WORD.finditer(folded_text)]
    for i, word in enumerate(words):
        if word[:1] == letters[0] and _spelled(words, i, letters, 0) and len(word) >= 3 and word not in FUNCTION_WORDS:
            return True
    return False


def _spelled(words: list[str], i: int, letters: str, used: int, count: int = 0, skipped: int = 0) -> bool:
    if used == len(letters):
        return count >= 2
    if i >= len(words):
        return False
    word = words[i]
    if word in FUNCTION_WORDS:
        return skipped < 2 and count > 0 and _spelled(words, i + 1, letters, used, count, skipped + 1)
    if len(word) < 3 or word[0] != letters[used]:
        return False
    for part_letters in _inner_initials(word, letters[used + 1:]):
        if _spelled(words, i + 1, letters, used + 1 + part_letters, count + 1, 0):
            return True
    return False


def _inner_initials(word: str, letters: str) -> list[int]:
    """How many of ``letters`` the word can spell after its own initial: 0, or the letters that
    start the WordNet words it is compounded of ("outpost" -> "p" of *post*)."""
    found = [0]
    if not letters:
        return found
    from ..errors import BackendUnavailable
    from .wordnet import wordnet

    try:
        database = wordnet()
    except BackendUnavailable:  # WordNet not installed: initials only
        return found
    at, n = 1, 0
    while n < len(letters):
        cut = next((k for k in range(max(at, 3), len(word) - 2) if word[k] == letters[n]
                    and database.knows(word[:k]) and database.knows(word[k:])), None)
        if cut is None:
            break
        n, at = n + 1, cut + 1
        found.append(n)
    return found


@functools.lru_cache(maxsize=256)
def _acronym_pattern(letters: str) -> regex.Pattern:
    words = rf"\s+{_SKIPPED}".join(rf"(?P<word>{regex.escape(letter)}\p{{L}}*)" for letter in letters)
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}]){words}(?![\p{{L}}\p{{N}}])")


_DEFINED = regex.compile(r"(?P<long>(?:[\p{L}\p{N}][\p{L}\p{N}'’\-]*[ \t]+){1,10})\((?P<short>\p{Lu}[\p{Lu}\p{Ll}]{1,5})\)")


_INITIALS_SKIP = frozenset({"of", "the", "for", "and", "de", "du", "des", "al", "el"})


def initials(name: str) -> str:
    """The acronym a name of several capitalised words is written as: its words' first letters,
    upper case, function words left out ("Northern Shield Movement" -> "NSM", "Office for the
    Coordination of Humanitarian Affairs" -> "OCHA"); ``""`` unless it makes an acronym
    (:func:`is_acronym`: three to six letters) from capitalised words only."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _INITIALS_SKIP]
    if not words or not all(w[:1].isupper() for w in words):
        return ""
    letters = "".join(w[0] for w in words if w[:1].isalpha()).upper()
    return letters if is_acronym(letters) else ""


def defined_abbreviations(text: str) -> dict[str, str]:
    """The abbreviations ``text`` defines in parentheses, each with its long form folded
    (:func:`fold`): "Ministry of the Interior (MoI)" -> ``{"MOI": "ministry of the interior"}``.
    The long form is the shortest run of the words right before the parenthesis that starts
    with the abbreviation's first letter and holds all its letters in order (Schwartz & Hearst,
    "A simple algorithm for identifying abbreviation definitions in biomedical text", PSB 2003);
    an abbreviation needs two to six letters, at least two of them capitals."""
    found: dict[str, str] = {}
    for match in _DEFINED.finditer(text):
        short = match.group("short")
        if sum(c.isupper() for c in short) < 2:
            continue
        words = match.group("long").split()
        letters = short.lower()
        for n in range(1, min(len(words), len(letters) + 5) + 1):
            candidate = words[-n:]
            if candidate[0][:1].lower() != letters[0] or (n == 1 and len(letters) > 2 and candidate[0].isupper()):
                continue
            if _in_order(letters, " ".join(candidate).lower()):
                found.setdefault(short.upper(), fold(" ".join(candidate)))
                break
    return found


def _in_order(letters: str, text: str) -> bool:
    at = 0
    for letter in letters:
        at = text.find(letter, at)
        if at == -1:
            return False
        at += 1
    return True


_WRITTEN_ACRONYM = regex.compile(rf"(?<![\p{{L}}\p{{N}}]){_ACRONYM.pattern}(?![\p{{L}}\p{{N}}])")


def acronyms_in(text: str) -> frozenset[str]:
    """The acronyms ``text`` writes (:func:`is_acronym`: "FOB", "ISAF")."""
    return frozenset(_WRITTEN_ACRONYM.findall(text))


def abbreviated_as(name: str, question: str, acronyms: frozenset[str]) -> frozenset[str]:
    """The acronyms of ``acronyms`` (those a document writes) that abbreviate the question's
    name word ``name``: a run of capitalised words of ``question`` holding ``name`` spells the
    acronym (:func:`spells_acronym`) and the word's initial is one of its letters ("Forward
    Operating Base Drevo" -> "FOB" for ``"operating"``); empty when the document writes none."""
    if not acronyms:
        return frozenset()
    needle = fold(name)
    found = set()
    for _, run in name_runs(question):
        folded = fold(run)
        if needle not in folded.split():
            continue
        found.update(a for a in acronyms if needle[:1] in a.lower() and spells_acronym(folded, a))
    return frozenset(found)
