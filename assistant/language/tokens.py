"""Words: tokens, a light stem, stop words and whole-word matching.

The one tokenizer of the package: BM25 terms (:mod:`assistant.retrieval.keyword`), the
extractive answerer's word overlap and the question's words all use :func:`tokens`
and :func:`normalize`, so a word matches the same way at every stage.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..errors import BackendUnavailable
from .wordnet import POS as WORDNET_POS
from .wordnet import wordnet

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")

STOPWORDS = frozenset(
    """a an the and or but of in on at to for from by with about as into over after before during
    what which who whom whose when where why how many much is are was were be been being do does did
    has have had this that these those it its their there they he she his her him them we you i
    not no than then so such can could would should will may might also other another same
    name named called kind type number""".split()
)
"""Function words and question words, dropped from content terms and BM25 terms."""

FUNCTION_WORDS = frozenset(
    """a an the and or but nor of in on at to for from by with about into onto over after before during while
    when where who whom whose which that this these those as near against through throughout within without
    following since until including along than was were is are be been being had has have do did does will would
    could should may might can his her their its him them they he she it we our also not no""".split()
)
"""English function words: articles, prepositions, conjunctions, pronouns, auxiliaries (they end a name or a
noun phrase; the incident rules read phrases between them)."""


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (ASCII letters and digits, with inner ``-`` or ``'``); full-width
    forms read as their plain ones (Unicode NFKC: ``"ｔｈｒｅｅ"`` -> ``"three"``)."""
    return [t.lower() for t in _TOKEN.findall(unicodedata.normalize("NFKC", text))]


def normalize(token: str) -> str:
    """A crude stem: lower case, possessive and plural endings removed."""
    token = token.lower().replace("’", "'")
    if token.endswith("'s"):
        token = token[:-2]
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def content_terms(text: str) -> set[str]:
    """Normalised tokens of ``text`` that are not stop words."""
    return {normalize(t) for t in tokens(text) if t not in STOPWORDS}


def mentions_word(text: str, word: str) -> bool:
    """``word`` occurs in ``text`` as a whole word (not inside a longer word: "Archi" is
    not in "searching"); case-sensitive, so pass both in lower case to ignore case."""
    return re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text) is not None


_DERIVATIONAL = ("er", "ers", "or", "ors", "ment", "ments", "tion", "ation", "ing", "ance", "ence", "al", "ist", "ian",
                 "ure", "ship", "y", "ed", "s", "es")
"""English derivational and inflectional endings that keep a word's meaning close ("bomb" ->
"bomber", "displace" -> "displacement"; after Porter's suffix classes, 1980)."""


_NEGATING = ("un", "non")
"""Prefixes that negate a word but keep its topic ("unoccupied" -> "not occupied")."""


MIN_STEM = 4
"""The shortest word that an ending of :data:`_DERIVATIONAL` extends by itself: below it the affix
rule mostly joins unrelated words ("may" + "or" = "mayor", "man" + "y" = "many", "can" +
"al" = "canal"); Porter's stemmer (1980, step 4) likewise removes "-er", "-al", "-ment" only
from a stem of measure m > 1, which no three-letter stem has."""


def related(a: str, b: str) -> bool:
    """``a`` and ``b`` (lower-case lemmas) are the same word or one is the other plus an
    ending of :data:`_DERIVATIONAL` (a final silent "e" may drop: "seize" -> "seizure"; a final
    "y" becomes "i": "occupy" -> "occupied"), or
    the other with a negating prefix of :data:`_NEGATING` ("unoccupied" -> "occupied", which a
    sentence says as "not occupied").  When the shorter word has fewer than :data:`MIN_STEM`
    letters, WordNet's derivational pointers must also relate the two ("own" -> "owner";
    "may" is not "mayor", "man" not "many")."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and any(long.startswith(p) and related(long[len(p):], short) for p in _NEGATING):
        return True
    if len(short) < 3:
        return False
    for stem in (short, short[:-1] if short.endswith("e") and len(short) > 3 else None,
                 short[:-1] + "i" if short.endswith("y") and len(short) > 3 else None):  # "occupy" -> "occupied"
        if stem and long.startswith(stem) and long[len(stem):] in _DERIVATIONAL:
            # a short stem only when WordNet derives the longer word from it: "own" -> "owner", not "may" -> "mayor"
            return len(short) >= MIN_STEM or long in _wordnet_derived(short)
    return False


@functools.lru_cache(maxsize=65536)
def derived(a: str, b: str) -> bool:
    """``a`` and ``b`` (lower-case lemmas) are :func:`related`, or WordNet's derivational
    pointers join them as a noun and a verb of one event ("die" -> "death", "injure" ->
    "injury", "arrest" -> "arrest"): a sentence may state the asked happening as a noun ("ten
    insurgent deaths" for "how many insurgents died?").  False when WordNet is not installed.
    Kept per pair (the answerer asks it for every word of every sentence it reads)."""
    return related(a, b) or b in _wordnet_derived(a) or a in _wordnet_derived(b)


@functools.lru_cache(maxsize=4096)
def _wordnet_derived(word: str) -> frozenset[str]:
    """The words WordNet relates derivationally to ``word`` as a noun or verb (``own`` ->
    ``owner``; ``may`` -> nothing), from the database in its default folder
    (:data:`assistant.language.wordnet.DEFAULT_FOLDER`); empty when WordNet is not installed."""
    from ..errors import BackendUnavailable
    from .wordnet import wordnet

    try:
        database = wordnet()
    except BackendUnavailable:
        return frozenset()
    return database.derived(word, "verb") | database.derived(word, "noun")


@functools.lru_cache(maxsize=4096)
def names_person(lemma: str) -> bool:
    """The noun ``lemma`` (lower case) names people in its most frequent WordNet sense
    (:meth:`assistant.language.wordnet.WordNet.names_person`: "civilian", "casualty");
    false when WordNet is not installed."""
    from ..errors import BackendUnavailable
    from .wordnet import wordnet

    try:
        return wordnet().names_person(lemma)
    except BackendUnavailable:
        return False


def names_place_only(name: str) -> bool:
    """WordNet knows the noun ``name`` only as a place (:meth:`assistant.language.wordnet.WordNet.names_place_only`:
    "Kabul", "province"); false when WordNet is not installed."""
    from ..errors import BackendUnavailable
    from .wordnet import wordnet

    try:
        return wordnet().names_place_only(name)
    except BackendUnavailable:
        return False


def paraphrased(stated: str, asked: str, pos: str) -> bool:
    """A report's lemma ``stated`` says what the question's lemma ``asked`` (spaCy part of speech
    ``pos``) says in other words, by WordNet: a frequent synonym ("injure" for "wound"), a kind of it
    ("ambush" for "attack", "assassinate" for "kill"), a derived word, or a verb that causes it or
    that it causes ("kill" for "die": those killed died; "die" for "kill"); for a verb also a verb
    that names the same event by a shared noun ("uncover" for "find": "uncovering") and a noun whose
    frequent sense a synonym names ("victory" for "win") and a noun of people that WordNet defines
    by the verb ("champion" for "win").  Multi-word entries and
    words under three letters never match; false when WordNet is not installed."""
    if len(stated) < 3 or not stated.isalpha() or stated == asked:
        return stated == asked
    if stated in _alternatives(asked, pos) or asked in _caused(stated):
        return True
    if pos != "VERB":
        return False
    # one event named by both: a shared nominalisation ("uncover" and "find": "uncovering", a
    # "find"), or a noun of the report whose frequent sense a synonym of the verb also names
    # ("victory" for "win": "triumph")
    # or a noun of people that WordNet defines by the verb ("champion": "someone who has won ...")
    return bool(_wordnet_set("nominal_senses", stated) & _wordnet_set("nominal_senses", asked)) \
        or bool((_wordnet_set("noun_synonyms", stated) - {stated}) & _alternatives(asked, pos)) \
        or asked in _wordnet_set("defining_verbs", stated)


LIGHT_VERB_IDIOMS: dict[tuple[str, str], str] = {
    ("lose", "life"): "die", ("take", "life"): "kill", ("claim", "life"): "kill", ("open", "fire"): "shoot",
    ("set", "fire"): "burn", ("set", "ablaze"): "burn", ("take", "hostage"): "kidnap", ("take", "captive"): "capture",
    ("take", "prisoner"): "capture", ("take", "control"): "seize", ("come", "across"): "find",
    ("turn", "up"): "find", ("carry", "out"): "conduct", ("lay", "siege"): "besiege",
}
"""English verb + noun (or particle) expressions that say one verb (lemmas): "lost their lives" is
"died", "opened fire" "shot" (light-verb constructions; WordNet lacks most of them)."""

PEOPLE_OBJECT_VERBS: dict[str, str] = {"lose": "die"}
"""English verbs that say another verb when their object names people (lemmas): "the garrison *lost*
four guards" is "four guards died" (WordNet's senses of "lose" say nothing of death)."""

IDIOM_REACH = 3
"""How many words the noun of a :data:`LIGHT_VERB_IDIOMS` entry may follow its verb ("lost *their* lives")."""


def idiom_at(lemmas: list[str] | tuple[str, ...], asked: str, pos: str) -> int | None:
    """The index of the verb of a light-verb expression among ``lemmas`` (a sentence's lemmas, in
    order) that says ``asked`` (the question's lemma, part of speech ``pos``), itself or in other
    words (:func:`paraphrased`): "Fourteen passengers *lost* their lives" for "died"; a verb of
    :data:`PEOPLE_OBJECT_VERBS` followed within :data:`IDIOM_REACH` words by a noun that names
    people (:func:`names_person`): "the post *lost* three guards" for "died"; else ``None``."""
    if pos != "VERB":
        return None
    for i, verb in enumerate(lemmas):
        for j in range(i + 1, min(len(lemmas), i + 1 + IDIOM_REACH)):
            said = LIGHT_VERB_IDIOMS.get((verb, lemmas[j]))
            if said is None and verb in PEOPLE_OBJECT_VERBS and lemmas[j].isalpha() and names_person(lemmas[j]):
                said = PEOPLE_OBJECT_VERBS[verb]  # "lost four guards": four guards died
            if said is not None and (said == asked or paraphrased(said, asked, pos)):
                return i
    return None


@functools.lru_cache(maxsize=4096)
def controls_object(lemma: str) -> bool:
    """The verb ``lemma`` takes an object that is the subject of its infinitive ("*ask* her to win",
    "*order* them to leave": :meth:`assistant.language.wordnet.WordNet.controls_object`); false when
    WordNet is not installed."""
    from ..errors import BackendUnavailable
    from .wordnet import wordnet

    try:
        return wordnet().controls_object(lemma)
    except BackendUnavailable:
        return False


@functools.lru_cache(maxsize=16384)
def _wordnet_set(method: str, lemma: str) -> frozenset:
    """``WordNet.<method>(lemma)`` of the database in its default folder (``nominal_senses``,
    ``defining_verbs``, ``noun_synonyms``: :class:`assistant.language.wordnet.WordNet`), kept per
    lemma; empty when WordNet is not installed."""
    from ..errors import BackendUnavailable
    from .wordnet import wordnet

    try:
        return getattr(wordnet(), method)(lemma)
    except BackendUnavailable:
        return frozenset()


def _alternatives(lemma: str, pos: str) -> frozenset[str]:
    """:meth:`~assistant.language.wordnet.WordNet.alternatives` of ``lemma`` (spaCy part of speech
    ``pos``) in the default database (kept there, not here); empty when WordNet is not installed."""
    kind = WORDNET_POS.get(pos)
    if kind is None:
        return frozenset()
    try:
        return wordnet().alternatives(lemma, kind)
    except BackendUnavailable:
        return frozenset()


@functools.lru_cache(maxsize=8192)
def _caused(lemma: str) -> frozenset[str]:
    from ..errors import BackendUnavailable
    from .wordnet import wordnet

    try:
        return wordnet().caused(lemma)
    except BackendUnavailable:
        return frozenset()
