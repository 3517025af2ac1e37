"""Related words from Princeton WordNet 3.0 (Miller 1995; the Debian package ``wordnet-base``
installs its database files in ``/usr/share/wordnet``).

A condition read from a question ("a bridge was damaged", "nobody was hurt") is checked
against the lemmas of the reports' sentences, so each of its words needs the other words a
report may use for it.  :meth:`WordNet.related` gives, for a lemma and a part of speech:

* its synonyms: the other words of its most frequent senses (``hurt`` -> ``injure``,
  ``wound``; ``kidnap`` -> ``abduct``, ``snatch``), each only when that sense is also among
  its own most frequent (:data:`SYNONYM_SENSES`);
* for a noun, its hyponyms, the kinds of it, a few levels down (``bridge`` -> ``footbridge``,
  ``weapon`` -> ``rifle``, ``gun``; ``attack`` -> ``ambush``, ``bombing``), a single word only
  when that kind is its most frequent sense (``attack`` does not give ``cover``, whose
  "covering fire" sense is not its first);
* for a verb, its troponyms (``attack`` -> ``bombard``, ``raid``);
* the derivationally related words of the lemma itself (``closure`` <-> ``close``,
  ``detention`` <-> ``detain``, ``displacement`` <-> ``displace``);
* for a verb, what it causes (:meth:`WordNet.caused`: ``kill`` -> ``die``, ``death``).

:meth:`WordNet.hypernyms` gives the synsets above a synset (the ``@``/``@i`` pointers followed up to
the top), and :meth:`WordNet.is_a` whether a lemma has a frequent sense below given synsets
(named ``lemma.pos.NN`` by :meth:`WordNet.sense`): "revenue" is a kind of sum.n.01 (a sum of money).

The database is read directly in its documented format (``wndb(5WN)``: ``index.POS`` lines
name the synsets of a lemma by byte offset into ``data.POS``, most frequent sense first;
each ``data.POS`` line lists the synset's words and its pointers).  Only the index files are
held in memory (about 0.5 s to load); synsets are read by offset when asked.
"""

from __future__ import annotations

import functools
import mmap
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import BackendUnavailable

DEFAULT_FOLDER = Path("/usr/share/wordnet")
"""Where Debian's ``wordnet-base`` puts the database."""

POS = {"NOUN": "noun", "PROPN": "noun", "VERB": "verb", "ADJ": "adj", "ADV": "adv"}
"""spaCy's universal part-of-speech tags mapped to WordNet's four files."""

SYNONYM_SENSES = 2
"""A synonym stands for a word only when the shared sense is among its own first this many
senses ("violence" gives "force" no more: that sense is not among the first of "force")."""

DOMINANT_SHARE = 0.5
"""A one-word kind (hyponym) stands for its broader word only when the kind's sense is the
word's most frequent and holds at least this share of its tagged uses (:meth:`WordNet.dominant`):
"charge" (the accusation nearly as often as the rush) states no attack."""

RARE_SENSE_SHARE = 0.2
"""A condition verb's second sense gives its words only when it is tagged at least this share as
often as the first (:meth:`WordNet.rare_sense`): "turned back" states no arrest."""

_POS_NUMBER = {"noun": "1", "verb": "2", "adj": "3", "adv": "4"}

_NOUN_DEPTH = 3
_VERB_DEPTH = 1


@dataclass(frozen=True)
class Synset:
    """One WordNet synset: its words (lower case, ``_`` for spaces), pointers
    ``(symbol, offset, pos file, source word number, target word number)`` and ``lexfile``:
    the number of its lexicographer file (``lexnames(5WN)``: 4 ``noun.act``, 11
    ``noun.event``, 14 ``noun.group``, ...)."""

    words: tuple[str, ...]
    pointers: tuple[tuple[str, int, str, int, int], ...]
    lexfile: int = -1
    cased: tuple[str, ...] = ()
    """The words as the data file writes them ("Valhalla", "brigade"), ``_`` for spaces."""
    gloss: str = ""
    """The synset's definition and examples, as the data file writes them after ``|``."""
    frames: tuple[tuple[int, int], ...] = ()
    """A verb synset's sentence frames ``(frame number, word number)`` (``wninput(5WN)``; word number 0:
    every word of the synset): 24 is "Somebody ----s somebody to INFINITIVE"."""


OBJECT_INFINITIVE_FRAMES = frozenset({24, 25})
"""The verb frames whose infinitive's subject is the verb's object ("Somebody ----s somebody to
INFINITIVE", "... somebody INFINITIVE": "ask her to win", "make her win")."""


EVENT_LEXFILES = frozenset({4, 11, 22})
"""``noun.act``, ``noun.event``, ``noun.process``: nouns that name something happening."""


PERSON_LEXFILE = 18
ARTIFACT_LEXFILE = 6
"""``noun.person``: nouns that name people."""

PLACE_LEXFILES = frozenset({15, 17})
"""``noun.location``, ``noun.object``: nouns that name places and natural features ("province", "Kabul",
"valley", "river")."""

_POINTER_POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


class WordNet:
    """The WordNet database in ``folder`` (read lazily, safe to share between threads).

    Raises:
        BackendUnavailable: ``folder`` holds no WordNet database (the message says how to
            install it).
    """

    def __init__(self, folder: Path = DEFAULT_FOLDER) -> None:
        self.folder = Path(folder)
        if not (self.folder / "index.noun").is_file():
            raise BackendUnavailable(
                f"WordNet is not installed in {self.folder} (needed to count reports by condition): "
                "apt-get install wordnet-base, or set ASSISTANT_WORDNET_DIR to a WordNet 3.0 dict folder"
            )
        self._lock = threading.Lock()
        self._index: dict[str, dict[str, tuple[int, ...]]] = {}
        self._synsets: dict[tuple[str, int], Synset] = {}
        self._data: dict[str, mmap.mmap] = {}  # data.POS, mapped (_data_file)
        self._related: dict[tuple[str, str, int, int | None], frozenset[str]] = {}  # related()'s answers, kept
        self._alternatives: dict[tuple[str, str, str], frozenset[str]] = {}  # alternatives()'s answers, kept
        self._verb_exc: dict[str, str] | None = None  # verb.exc: inflected form -> lemma
        self._hypernyms: dict[tuple[str, int], frozenset[int]] = {}  # hypernyms()'s answers, kept
        self._tags: dict[tuple[str, str], dict[int, int]] | None = None  # cntlist.rev, read once
        self._kinds: dict[tuple[str, ...], frozenset[int]] = {}  # kinds()'s answers, kept
        self._means: dict[str, frozenset[str]] = {}  # means_at_work()'s answers, kept

    def warm(self) -> None:
        """Read the noun, verb and adjective indexes now (about 0.9 s on 2 cores, once per
        process) instead of at the first question that needs them."""
        for pos in ("noun", "verb", "adj"):
            self._pos_index(pos)

    def senses(self, lemma: str, pos: str) -> tuple[int, ...]:
        """The synset offsets of ``lemma`` (lower case, spaces or ``_``) in ``pos`` (``noun``,
        ``verb``, ``adj``, ``adv``), most frequent first; ``()`` when WordNet lacks it."""
        return self._pos_index(pos).get(lemma.lower().replace(" ", "_"), ())

    def synset(self, pos: str, offset: int) -> Synset:
        """The synset at ``offset`` of ``data.POS``."""
        key = (pos, offset)
        found = self._synsets.get(key)
        if found is None:
            data = self._data_file(pos)
            end = data.find(b"\n", offset)
            found = _parse_synset(data[offset : end + 1 if end >= 0 else len(data)].decode("utf-8", "replace"))  # as readline()
            with self._lock:  # written as related()'s answers are: the first reader's value is kept
                found = self._synsets.setdefault(key, found)
        return found

    def related(self, lemma: str, pos: str, *, senses: int = 2, depth: int | None = None) -> frozenset[str]:
        """``lemma`` and the words related to it (module docstring), lower case with spaces
        for multi-word entries ("take hostage"), from its first ``senses`` senses, hyponyms
        ``depth`` levels down (default: 2 for nouns, 1 for verbs).  Kept per database: a question's
        count reading asks it for the same words question after question."""
        asked = (lemma, pos, senses, depth)
        found_before = self._related.get(asked)
        if found_before is None:
            found_before = self._read_related(lemma, pos, senses, depth)
            with self._lock:
                found_before = self._related.setdefault(asked, found_before)
        return found_before

    def alternatives(self, lemma: str, pos: str) -> frozenset[str]:
        """The one-word entries of :meth:`related` (default senses and depth) and, for a verb,
        of :meth:`caused`: the words a report may say for ``lemma`` (``pos``: ``noun``, ``verb``,
        ``adj``).  Kept per database like :meth:`related`'s answers (a question's paraphrase checks
        ask it for one lemma sentence after sentence)."""
        asked = (lemma, pos, "alternatives")
        found = self._alternatives.get(asked)
        if found is None:
            words = set(self.related(lemma, pos))
            if pos == "verb":
                words |= self.caused(lemma)
            found = frozenset(w for w in words if " " not in w)
            with self._lock:
                found = self._alternatives.setdefault(asked, found)
        return found

    def _read_related(self, lemma: str, pos: str, senses: int, depth: int | None) -> frozenset[str]:
        lemma = lemma.lower()
        found = {lemma}
        key = lemma.replace(" ", "_")
        if depth is None:
            depth = _NOUN_DEPTH if pos == "noun" else _VERB_DEPTH if pos == "verb" else 0
        for number, offset in enumerate(self.senses(lemma, pos)[:senses], start=1):
            if number > 1 and pos == "verb" and self.rare_sense(lemma, pos, number):
                continue
            synset = self.synset(pos, offset)
            found.update(w for w in synset.words if "_" in w or offset in self.senses(w, pos)[:SYNONYM_SENSES])
            found.update(self._below(pos, offset, depth))
            found.update(self._derived(synset, key))
        return frozenset(w.replace("_", " ") for w in found)

    def caused(self, lemma: str, *, senses: int = 1) -> frozenset[str]:
        """What the verb ``lemma`` causes, in its first ``senses`` senses (WordNet's cause
        pointer ``>``), with those verbs' frequent synonyms and derived words: ``kill`` ->
        ``die``, ``decease``, ``perish``, ``death``; ``close`` -> ``shut``."""
        found: set[str] = set()
        for offset in self.senses(lemma, "verb")[:senses]:
            for symbol, target, target_pos, _, _ in self.synset("verb", offset).pointers:
                if symbol != ">" or target_pos != "verb":
                    continue
                for word in self.synset("verb", target).words:
                    if "_" in word or target in self.senses(word, "verb")[:SYNONYM_SENSES]:
                        found.add(word)
                        found.update(self.derived(word, "verb"))
        return frozenset(w.replace("_", " ") for w in found)

    def sense(self, name: str) -> tuple[str, int] | None:
        """The synset a sense name denotes, as ``(pos file, offset)``: ``"money.n.01"`` is the first
        (most frequent) noun sense of "money", ``"pay.v.01"`` the first verb sense of "pay" (the
        ``lemma.pos.NN`` names of NLTK's WordNet reader, resolved through ``index.POS``); ``None``
        when the lemma has no such sense."""
        lemma, letter, number = name.rsplit(".", 2)
        pos = _POINTER_POS[letter]
        offsets = self.senses(lemma, pos)
        index = int(number) - 1
        return (pos, offsets[index]) if 0 <= index < len(offsets) else None

    def kinds(self, names: tuple[str, ...]) -> frozenset[int]:
        """The offsets of the synsets the sense names ``names`` denote (:meth:`sense`; a name the
        database lacks is left out), the ``kinds`` argument of :meth:`is_a`.  Kept per database."""
        found = self._kinds.get(names)
        if found is None:
            found = frozenset(offset for name in names if (hit := self.sense(name)) is not None for _, offset in [hit])
            with self._lock:
                found = self._kinds.setdefault(names, found)
        return found

    def hypernyms(self, pos: str, offset: int) -> frozenset[int]:
        """The offsets of every synset above ``offset`` in ``pos`` (its hypernym closure: the
        ``@`` and ``@i`` pointers followed transitively; an instance's class, that class's
        hypernyms, ...), ``offset`` itself included.  Kept per database."""
        key = (pos, offset)
        found = self._hypernyms.get(key)
        if found is None:
            seen = {offset}
            frontier = [offset]
            while frontier:
                here = frontier.pop()
                for symbol, target, target_pos, _, _ in self.synset(pos, here).pointers:
                    if symbol in ("@", "@i") and target_pos == pos and target not in seen:
                        seen.add(target)
                        frontier.append(target)
            found = frozenset(seen)
            with self._lock:
                found = self._hypernyms.setdefault(key, found)
        return found

    def broader(self, lemma: str, pos: str, *, senses: int = 1) -> frozenset[str]:
        """The words of the synsets directly above ``lemma``'s first ``senses`` senses in ``pos``
        (``building`` -> ``structure``, ``construction``), lower case with spaces; a word only when
        that synset is its most frequent sense or it has several words ("civilian structures" is
        structures; "construction" the act is not)."""
        found: set[str] = set()
        for offset in self.senses(lemma, pos)[:senses]:
            for symbol, target, target_pos, _, _ in self.synset(pos, offset).pointers:
                if symbol in ("@", "@i") and target_pos == pos:
                    found.update(w for w in self.synset(pos, target).words
                                 if "_" in w or self.senses(w, pos)[:1] == (target,))
        return frozenset(w.replace("_", " ") for w in found)

    def is_a(self, lemma: str, pos: str, kinds: frozenset[int], *, senses: int = 3) -> bool:
        """One of the first ``senses`` senses of ``lemma`` in ``pos`` is, or is a kind of, one of the
        synsets ``kinds`` (offsets in ``data.POS``; see :meth:`sense`): "revenue" is a kind of
        sum.n.01, "land" of no money synset."""
        return any(self.hypernyms(pos, offset) & kinds for offset in self.senses(lemma, pos)[:senses])

    def knows(self, word: str) -> bool:
        """WordNet has ``word`` (lower case) in some part of speech."""
        return any(self.senses(word, pos) for pos in ("noun", "verb", "adj", "adv"))

    def common_word(self, word: str) -> bool:
        """``word`` (any case) is a common English word: some synset of any part of speech
        writes it in lower case ("brigade", "water", "edition"); false for words WordNet writes
        only capitalised ("Valhalla", "Paris") or lacks ("Loudoun", "Tolvar")."""
        lowered = word.lower().replace(" ", "_")
        for pos in ("noun", "verb", "adj", "adv"):
            for offset in self.senses(lowered, pos):
                if lowered in self.synset(pos, offset).cased:
                    return True
        return False

    def names_event(self, lemma: str) -> bool:
        """The noun ``lemma`` names something happening in its most frequent sense (an act,
        event or process: "closure", "attack", "detention"; not "convoy" or "bridge")."""
        offsets = self.senses(lemma, "noun")[:1]
        return bool(offsets) and self.synset("noun", offsets[0]).lexfile in EVENT_LEXFILES

    def names_person(self, lemma: str) -> bool:
        """The noun ``lemma`` names people in its most frequent sense (``noun.person``:
        "civilian", "casualty", "driver"; or ``noun.group``'s "people")."""
        offsets = self.senses(lemma, "noun")[:1]
        return lemma in ("people", "person") or bool(offsets) and self.synset("noun", offsets[0]).lexfile == PERSON_LEXFILE

    def names_place_only(self, name: str) -> bool:
        """The noun ``name`` (any case, spaces or ``_``) names a place or a natural feature in every sense
        WordNet gives it (:data:`PLACE_LEXFILES`: "Kabul", "province", "Kandahar") and never a person: a
        name that is also a person's ("Washington", "London": Jack London) or a common noun of other
        kinds ("field": a discipline) does not."""
        offsets = self.senses(name, "noun")
        return bool(offsets) and all(self.synset("noun", o).lexfile in PLACE_LEXFILES for o in offsets)

    def controls_object(self, lemma: str, *, senses: int = 3) -> bool:
        """The verb ``lemma`` takes an object and an infinitive that the object is the subject of, in one
        of its first ``senses`` senses (a frame of :data:`OBJECT_INFINITIVE_FRAMES` for its word:
        "*ask* her to win", "*order* the troops to attack"), unlike "beat Kaldoria to win", where the
        winner is the subject."""
        lemma = lemma.lower().replace(" ", "_")
        for offset in self.senses(lemma, "verb")[:senses]:
            synset = self.synset("verb", offset)
            number = synset.words.index(lemma) + 1 if lemma in synset.words else -1
            if any(frame in OBJECT_INFINITIVE_FRAMES and word in (0, number) for frame, word in synset.frames):
                return True
        return False

    def derived(self, lemma: str, pos: str, *, senses: int = 2) -> frozenset[str]:
        """The words derivationally related to ``lemma`` itself in its first ``senses`` senses
        of ``pos`` (``burn`` -> ``burning``, ``burner``; ``detain`` -> ``detention``)."""
        key = lemma.lower().replace(" ", "_")
        found: set[str] = set()
        for offset in self.senses(lemma, pos)[:senses]:
            found.update(self._derived(self.synset(pos, offset), key))
        return frozenset(w.replace("_", " ") for w in found)

    def nominal_senses(self, lemma: str, *, senses: int = 2) -> frozenset[int]:
        """The ``data.noun`` offsets of the nouns that name ``lemma``'s happening: the first
        ``senses`` noun senses of the lemma itself, of its "-ing" form and of the nouns derived
        from its first verb senses (``find`` -> {discovery, find, uncovering}; ``uncover`` ->
        the same synset through "uncovering"), so two verbs of one event share one."""
        lemma = lemma.lower()
        words = {lemma, lemma + "ing", (lemma[:-1] + "ing") if lemma.endswith("e") else lemma + "ing"}
        words |= self.derived(lemma, "verb", senses=senses + 1)
        found: set[int] = set()
        for word in words:
            found.update(self.senses(word, "noun")[:senses])
        return frozenset(found)

    def noun_synonyms(self, lemma: str) -> frozenset[str]:
        """The words of ``lemma``'s most frequent noun sense (``victory`` -> ``victory``,
        ``triumph``), lower case, spaces for multi-word entries; empty for a word that is no noun."""
        offsets = self.senses(lemma, "noun")[:1]
        return frozenset(w.replace("_", " ") for w in self.synset("noun", offsets[0]).words) if offsets else frozenset()

    def defining_verbs(self, lemma: str) -> frozenset[str]:
        """The verbs (lemmas) that define the noun ``lemma`` in its most frequent sense when that sense
        names people (``noun.person``): ``champion`` ("someone who has *won* first place in a
        competition") -> ``{"win", "place"}``-like sets, read from the definition before its first
        example; forms are lemmatised by WordNet's exception list (``verb.exc``: "won" -> "win") and
        regular endings.  Empty for other nouns and for words that are no noun."""
        offsets = self.senses(lemma, "noun")[:1]
        if not offsets:
            return frozenset()
        synset = self.synset("noun", offsets[0])
        if synset.lexfile != PERSON_LEXFILE:
            return frozenset()
        definition = synset.gloss.split(";")[0].split('"')[0].lower()
        found = set()
        for word in definition.replace(",", " ").split():
            for base in self._verb_bases(word):
                if base not in ("be", "have", "do") and self.senses(base, "verb"):
                    found.add(base)
                    break
        return frozenset(found)

    def means_at_work(self, lemma: str) -> frozenset[str]:
        """What states the noun ``lemma`` when it names an act by its means (a made thing derived from
        it in WordNet, ``noun.artifact``: "bombing" -> "bomb"): the means' class (the first synset above
        its most frequent sense: "explosive device") and the verbs of its definition that name an event
        (the infinitive of its definition, what the means is made to do, when a noun derived from it
        names an event in its most frequent sense: "fused *to explode*"), with those nouns ("explosion").  Empty for any other word (an act
        named by no means: "ambush", "kidnapping").  Lower case, spaces for multi-word entries; kept
        per database."""
        known = self._means.get(lemma)
        if known is not None:
            return known
        found: set[str] = set()
        for means in self.derived(lemma, "noun", senses=1):
            offsets = self.senses(means, "noun")[:1]
            if not offsets or self.synset("noun", offsets[0]).lexfile != ARTIFACT_LEXFILE:
                continue
            synset = self.synset("noun", offsets[0])
            above = next((t for symbol, t, target_pos, _, _ in synset.pointers if symbol == "@" and target_pos == "noun"),
                         None)
            if above is not None:
                found.update(w for w in self.synset("noun", above).words if "_" in w)
            words = synset.gloss.split(";")[0].split('"')[0].lower().replace(",", " ").split()
            for before, word in zip(words, words[1:]):
                if before != "to":  # what it is made for: "fused *to explode*", "designed *to kill*"
                    continue
                for base in (word, *self._verb_bases(word)):
                    nouns = [n for n in self.derived(base, "verb") if n != base and self.names_event(n)]
                    if nouns and self.senses(base, "verb"):
                        found.add(base)
                        found.update(nouns)
                        break
        with self._lock:
            return self._means.setdefault(lemma, frozenset(w.replace("_", " ") for w in found))

    def verb_phrase(self, phrase: str) -> str | None:
        """The verb phrase of a multi-word noun that begins with a gerund ("taking into custody" ->
        "take into custody", "opening fire" -> "open fire"): how a report writes that happening with
        the verb; ``None`` when the first word is no "-ing" form of a WordNet verb (the base forms from
        :func:`~assistant.language.inflection.verbs_of_gerund`)."""
        from .inflection import verbs_of_gerund

        parts = phrase.lower().replace("_", " ").split()
        if len(parts) < 2:
            return None
        base = next((b for b in verbs_of_gerund(parts[0]) if self.senses(b, "verb")), None)
        return " ".join([base, *parts[1:]]) if base is not None else None

    def _verb_bases(self, word: str) -> list[str]:
        exceptions = self._exceptions()
        bases = [exceptions[word]] if word in exceptions else []
        for ending, replacement in (("ied", "y"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("ing", ""),
                                    ("ing", "e")):
            if word.endswith(ending) and len(word) > len(ending) + 2:
                bases.append(word[: -len(ending)] + replacement)
        return bases

    def _exceptions(self) -> dict[str, str]:
        if self._verb_exc is None:
            table = {}
            path = self.folder / "verb.exc"
            if path.is_file():
                for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                    parts = line.split()
                    if len(parts) >= 2:
                        table.setdefault(parts[0], parts[1])
            self._verb_exc = table
        return self._verb_exc

    def _below(self, pos: str, offset: int, depth: int) -> set[str]:
        """The words of the hyponyms ``depth`` levels below ``offset``: a multi-word entry
        always ("covering fire"), a single word only when that kind is its most frequent
        sense ("shelling", "ambush"; not "cover" or "battery", whose first senses are others)."""
        words: set[str] = set()
        frontier = [offset]
        seen = {offset}
        for _ in range(depth):
            following = []
            for here in frontier:
                for symbol, target, target_pos, _, _ in self.synset(pos, here).pointers:
                    if symbol in ("~", "~i") and target_pos == pos and target not in seen:
                        seen.add(target)
                        following.append(target)
                        words.update(w for w in self.synset(pos, target).words
                                     if "_" in w or self.senses(w, pos)[:1] == (target,) and self.dominant(w, pos))
            frontier = following
        return words

    def dominant(self, word: str, pos: str) -> bool:
        """``word``'s most frequent sense in ``pos`` holds at least :data:`DOMINANT_SHARE` of the
        word's sense-tagged uses in that part of speech (WordNet's ``cntlist.rev``, the SemCor tag
        counts): true for "shelling" or "ambush" (one sense), false for "charge", whose rush sense
        has 16 of its 41 noun tags (the accusation 13, the price 4, ...).  True for a word with no
        tagged use (rare words have few senses) and when the database has no ``cntlist.rev``."""
        counts = self._tag_counts().get((word.lower().replace(" ", "_"), _POS_NUMBER.get(pos, "")))
        if not counts:
            return True
        return counts.get(1, 0) >= DOMINANT_SHARE * sum(counts.values())

    def rare_sense(self, word: str, pos: str, number: int) -> bool:
        """Sense ``number`` (1: the most frequent) of ``word`` in ``pos`` is attested in the
        sense-tagged texts but less than :data:`RARE_SENSE_SHARE` as often as the first sense
        (``cntlist.rev``): "arrest" in the sense of "turn back, check" (2 tags against 20 for taking
        into custody).  False for a sense with no tag (its frequency is unknown)."""
        counts = self._tag_counts().get((word.lower().replace(" ", "_"), _POS_NUMBER.get(pos, "")))
        if not counts or not counts.get(number):
            return False
        return counts[number] < RARE_SENSE_SHARE * counts.get(1, 0)

    def _tag_counts(self) -> dict[tuple[str, str], dict[int, int]]:
        """``(lemma, pos number) -> {sense number: tag count}`` from ``cntlist.rev``, read once."""
        if self._tags is None:
            table: dict[tuple[str, str], dict[int, int]] = {}
            path = self.folder / "cntlist.rev"
            if path.is_file():
                with open(path, encoding="utf-8", errors="replace") as fp:
                    for line in fp:
                        parts = line.split()
                        if len(parts) != 3 or "%" not in parts[0]:
                            continue
                        lemma, rest = parts[0].split("%", 1)
                        table.setdefault((lemma, rest[:1]), {})[int(parts[1])] = int(parts[2])
            with self._lock:
                if self._tags is None:
                    self._tags = table
        return self._tags

    def _derived(self, synset: Synset, word: str) -> set[str]:
        words: set[str] = set()
        for symbol, target, target_pos, source, target_word in synset.pointers:
            if symbol != "+" or source == 0 or synset.words[source - 1] != word:
                continue
            other = self.synset(target_pos, target)
            if 0 < target_word <= len(other.words):
                words.add(other.words[target_word - 1])
        return words

    def _data_file(self, pos: str) -> mmap.mmap:
        """``data.POS`` mapped into memory (read only), once per database: a synset is read by its
        offset without opening the file each time (a question reads hundreds of synsets)."""
        data = self._data.get(pos)
        if data is None:
            with self._lock:
                data = self._data.get(pos)
                if data is None:
                    with open(self.folder / f"data.{pos}", "rb") as fp:
                        data = mmap.mmap(fp.fileno(), 0, access=mmap.ACCESS_READ)
                    self._data[pos] = data
        return data

    def _pos_index(self, pos: str) -> dict[str, tuple[int, ...]]:
        index = self._index.get(pos)
        if index is None:
            with self._lock:
                index = self._index.get(pos)
                if index is None:
                    index = _read_index(self.folder / f"index.{pos}")
                    self._index[pos] = index
        return index


def _read_index(path: Path) -> dict[str, tuple[int, ...]]:
    index: dict[str, tuple[int, ...]] = {}
    with open(path, encoding="utf-8", errors="replace") as fp:
        for line in fp:
            if line.startswith(" "):  # the licence header
                continue
            parts = line.split()
            n_synsets, n_pointers = int(parts[2]), int(parts[3])
            offsets = parts[4 + n_pointers + 2 :]
            index[parts[0]] = tuple(int(o) for o in offsets[:n_synsets])
    return index


def _parse_synset(line: str) -> Synset:
    halves = line.split(" | ", 1)
    parts = halves[0].split()
    n_words = int(parts[3], 16)
    cased = tuple(_unmarked(parts[4 + 2 * i]) for i in range(n_words))
    words = tuple(w.lower() for w in cased)
    at = 4 + 2 * n_words
    n_pointers = int(parts[at])
    pointers = []
    for i in range(n_pointers):
        symbol, offset, pos, st = parts[at + 1 + 4 * i : at + 5 + 4 * i]
        pointers.append((symbol, int(offset), _POINTER_POS[pos], int(st[:2], 16), int(st[2:], 16)))
    frames = []
    at += 1 + 4 * n_pointers
    if parts[2] == "v" and at < len(parts):
        for i in range(int(parts[at])):
            _, number, word = parts[at + 1 + 3 * i: at + 4 + 3 * i]
            frames.append((int(number), int(word, 16)))
    return Synset(words, tuple(pointers), int(parts[1]), cased, halves[1].strip() if len(halves) > 1 else "",
                  tuple(frames))


def _unmarked(word: str) -> str:
    """A data-file word without its adjective marker (``(a)``, ``(p)``, ``(ip)``), as written."""
    if word.endswith(")") and "(" in word:
        word = word[: word.index("(")]
    return word



def wordnet(folder: str = str(DEFAULT_FOLDER)) -> WordNet:
    """The process's :class:`WordNet` for ``folder`` (opened once: ``wordnet()`` and
    ``wordnet("/usr/share/wordnet")`` are the same one, so its indexes are read and warmed once).

    Raises:
        BackendUnavailable: no WordNet database there.
    """
    return _opened(str(folder))


@functools.cache
def _opened(folder: str) -> WordNet:
    return WordNet(Path(folder))
