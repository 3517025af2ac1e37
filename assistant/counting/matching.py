"""Decide, for one document, whether it states a condition, from its sentences.

A clause holds in a sentence when every required term is stated there (a lemma or word of
the term's alternatives; a multi-word alternative as consecutive lemmas; two adjacent words
joined also match: "air strike" = "airstrike"; a proper name by its spelling; a part of the
day by any word or clock time of it, :mod:`assistant.language.daytime`) and the sentence's
polarity is the clause's:

* a negated clause ("no civilians were harmed") needs a negation ("no", "not", "without",
  "nobody", "none", ...) before its last matched word, at most :data:`NEGATION_REACH` words
  before its first one (the words of its required terms: a word stated only in the report or
  not required carries no polarity);
* a positive clause is refused when a negation stands right before one of its words ("no
  structural damage", "no arrests have been reported", "did not reopen").

A sentence that holds but hedges ("scheduled to reopen", "alleged", near the words of the
required terms) makes the document a "possibly"; so does a sentence that states every required term but one (of at least two), and
a document that holds but names the question's place only far from its evidence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..language.daytime import PART_PHRASES, PART_WORDS, day_part_positions, part_of
from ..language.conditions import (HEDGES, INABILITY, MODAL_FUTURE, NEGATING_SUBJECTS, NEGATIONS, QUOTATION_MARKS,
                                   QUOTE_NOUNS, QUOTE_VERBS, REFERRING_PRONOUNS)
from ..language.numbers import number_value
from ..language.places import NAME_MARKS
from .index import IndexedDocument, IndexedSentence, day_part_key
from .query import Clause, Condition, Term


NEGATION_REACH = 6
"""Words a negation may stand before the first word of the clause it negates."""

_BLOCK_REACH = 3


@dataclass(frozen=True)
class Hit:
    """A sentence that states a clause: the sentence, the token positions of the matched
    terms, ``firm`` (false: hedged), ``missing`` (the texts of required terms not stated)."""

    sentence: IndexedSentence
    positions: tuple[int, ...]
    firm: bool = True
    missing: tuple[str, ...] = ()

    @property
    def score(self) -> int:
        return len(self.positions) - 3 * len(self.missing) - (0 if self.firm else 1)


@dataclass(frozen=True)
class Decision:
    """What one document says about the condition: ``status`` is ``counted``, ``possibly`` or
    ``no``; ``hits``: one evidence sentence per condition group (``counted``), else the best
    partial ones; ``why``: for ``possibly``, what is missing or uncertain; ``support``: every
    sentence that firmly states a group, in text order (what a list reads its values from);
    ``by_group``: those sentences for each group (what a sum reads its numbers from)."""

    document: IndexedDocument
    status: str
    hits: tuple[Hit, ...] = ()
    why: str = ""
    support: tuple[Hit, ...] = ()
    by_group: tuple[tuple[Hit, ...], ...] = ()


def decide(document: IndexedDocument, condition: Condition,
           near: Callable[[Hit], bool] | None = None, elsewhere: str = "",
           sentences: Callable[[Clause], Sequence[IndexedSentence]] | None = None) -> Decision:
    """The :class:`Decision` for ``document`` (an empty condition: every document counts, its
    first sentence as evidence).  ``near(hit)``: the hit's sentence is where the question's
    place is (its evidence must be); a document whose every firm hit of a group is elsewhere
    is only "possibly", ``elsewhere`` saying why.  ``sentences(clause)``: the sentences of
    ``document`` that may state ``clause``, in text order (the others state it nowhere:
    :meth:`assistant.counting.service.Counter.possible`); ``None``: every sentence."""
    if condition.empty:
        first = document.sentences[0] if document.sentences else None
        return Decision(document, "counted", (Hit(first, ()),) if first is not None else ())
    best: list[tuple[Hit | None, Hit | None]] = []
    support: dict[int, Hit] = {}
    by_group: list[tuple[Hit, ...]] = []
    far: list[bool] = []
    for group in condition.groups:
        firm_hits: list[Hit] = []
        best_partial: Hit | None = None
        for clause in group:
            unstated: tuple[str, ...] | None = None
            headers = header_rows(document)
            for sentence in document.sentences if sentences is None else sentences(clause):
                if sentence.start in headers:
                    continue  # "Date | Location | Killed": labels of the rows below, no event
                hit = match_clause(sentence, clause, lambda term, s=sentence: referred(document, s, term))
                if hit is None:
                    continue
                if hit.firm and not hit.missing:
                    if unstated is None:
                        unstated = stated_nowhere(document, clause)
                    if unstated:
                        hit = Hit(hit.sentence, hit.positions, hit.firm, unstated)
                if hit.firm and not hit.missing:
                    firm_hits.append(hit)
                elif best_partial is None or hit.score > best_partial.score:
                    best_partial = hit
        firm_hits.sort(key=lambda h: -h.score)
        placed = [h for h in firm_hits if near is None or near(h)]
        far.append(bool(firm_hits) and not placed)
        for hit in placed:
            support.setdefault(hit.sentence.start, hit)
        by_group.append(tuple(sorted({h.sentence.start: h for h in placed}.values(), key=lambda h: h.sentence.start)))
        best.append((placed[0] if placed else None, best_partial or (firm_hits[0] if firm_hits else None)))
    if all(firm is not None for firm, _ in best):
        return Decision(document, "counted", tuple(firm for firm, _ in best if firm is not None),
                        support=tuple(support[k] for k in sorted(support)), by_group=tuple(by_group))
    n_firm = sum(firm is not None for firm, _ in best)
    near_hits = [(firm or partial) for firm, partial in best]
    if all(h is not None for h in near_hits) or (len(best) > 1 and n_firm == len(best) - 1):
        hits = tuple(h for h in near_hits if h is not None)
        reasons = []
        for (firm, partial), group, is_far in zip(best, condition.groups, far):
            if firm is not None:
                continue
            if is_far:
                reasons.append(elsewhere or "states it elsewhere than the question's place")
            elif partial is None:
                reasons.append(f"does not state {group[0].describe()}")
            elif partial.missing:
                reasons.append(f"does not state {', '.join(partial.missing)}")
            else:
                reasons.append("says it is planned, expected or uncertain")
        return Decision(document, "possibly", hits, "; ".join(dict.fromkeys(reasons)))
    return Decision(document, "no")


def referred(document: IndexedDocument, sentence: IndexedSentence, term: Term) -> int | None:
    """The position of the pronoun that states the noun ``term`` in ``sentence``, which does not
    name it: a pronoun in the sentence's first three words
    (:data:`~assistant.language.conditions.REFERRING_PRONOUNS`: "*They* had been closed since April")
    when the sentence right before states the noun ("Three schools reopened this morning");
    ``None`` otherwise."""
    if term.pos != "NOUN" or term.name:
        return None
    at = next((i for i in range(min(3, len(sentence.words)))
               if sentence.pos[i] == "PRON" and sentence.words[i] in REFERRING_PRONOUNS), None)
    if at is None:
        return None
    before = [s for s in document.sentences if s.end <= sentence.start]
    return at if before and term_positions(before[-1], term) else None


_HEADER_ROWS: dict[tuple[str, str], frozenset[int]] = {}


def header_rows(document: IndexedDocument) -> frozenset[int]:
    """The starts of ``document``'s sentences that are a table's header row: other rows carry
    their cells as column headers (:func:`~assistant.counting.index.with_column_headers`, tokens
    whose spans lie before their own row's).  Kept per document and content."""
    if "|" not in document.text:
        return frozenset()
    key = (document.id, document.content_hash)
    found = _HEADER_ROWS.get(key)
    if found is None:
        starts = [s.start for s in document.sentences]
        marked = set()
        for sentence in document.sentences:
            for a, _ in sentence.spans:
                if a < sentence.start:
                    i = bisect_right(starts, a) - 1
                    if i >= 0 and document.sentences[i].start <= a < document.sentences[i].end:
                        marked.add(document.sentences[i].start)
        found = frozenset(marked)
        if len(_HEADER_ROWS) > 20_000:
            _HEADER_ROWS.clear()
        _HEADER_ROWS[key] = found
    return found


def stated_nowhere(document: IndexedDocument, clause: Clause) -> tuple[str, ...]:
    """The texts of the clause's :attr:`~assistant.counting.query.Term.in_document` terms that
    no sentence of ``document`` states."""
    return tuple(t.text for t in clause.terms
                 if t.in_document and not any(term_positions(s, t) for s in document.sentences))


def match_clause(sentence: IndexedSentence, clause: Clause,
                 referent: Callable[[Term], int | None] | None = None) -> Hit | None:
    """The :class:`Hit` of ``clause`` in ``sentence``, or ``None`` when no required term
    (or, for a clause of one required term, that term) is stated there.  ``referent(term)``: the
    position of a pronoun that stands for a required noun the sentence does not name
    (:func:`referred`), used when it is the only required term the sentence does not state."""
    positions: list[int] = []
    core: list[int] = []  # the required terms' positions: what the sentence must (not) negate
    missing: list[str] = []
    required = [t for t in clause.terms if t.required]
    stated = {id(t): term_positions(sentence, t) for t in clause.terms}
    unstated = [t for t in required if not stated[id(t)]]
    if referent is not None and len(required) > 1 and len(unstated) == 1:  # only the one missing noun
        at = referent(unstated[0])
        if at is not None:
            stated[id(unstated[0])] = [at]
    for term in clause.terms:
        found = stated[id(term)]
        if found:
            positions.append(found[0])
            if term.required:
                core.append(found[0])
        elif term.required:
            missing.append(term.text)
    if not positions or len(missing) >= max(1, len(required)) or (missing and len(required) < 2):
        return None
    if len(missing) > 1 or (missing and len(positions) < 2):
        return None
    # a word that need not be in the sentence carries no polarity or hedge: "the convoy was turned
    # back ... he had no instructions to let *humanitarian* traffic through" states the turning back
    if any(_zero_cell(sentence, p) for p in core or positions):
        return None  # "| Porvik | 0 |" under "| Location | Killed |": no killing, and no statement that none happened
    negated = _negated(sentence, core or positions)
    if clause.negated != negated:
        return None
    hedged = _hedged(sentence, core or positions)
    return Hit(sentence, tuple(sorted(positions)), firm=not hedged, missing=tuple(missing))


def term_positions(sentence: IndexedSentence, term: Term) -> list[int]:
    """Token positions in ``sentence`` where ``term`` is stated (see the module docstring)."""
    compiled = _compiled(term)
    if sentence.keys is not None and compiled.keys is not None and sentence.keys.isdisjoint(compiled.keys):
        return []  # no word of the sentence can state the term (:func:`term_keys`)
    if term.name:
        return _name_positions(sentence, term.alternatives)
    found = []
    lemmas, words = sentence.lemmas, sentence.words
    singles, strong, phrases = compiled.singles, compiled.strong, compiled.phrases
    for i, (lemma, word) in enumerate(zip(lemmas, words)):
        if lemma in singles or word in singles:
            if sentence.pos[i] == "PROPN" and lemma not in strong and word not in strong and not (
                    i + 1 < len(words) and sentence.pos[i + 1] == "PROPN"):
                pass  # a kind of the word ending a name: "Iolen Street school" names no road
                # (a title before a name is one: "Sergeant Oren Vasquill" is a police officer)
            else:
                found.append(i)
        elif sentence.pos[i] == "NOUN" and lemma.endswith("ing") and not singles.isdisjoint(gerund_stems(lemma)):
            found.append(i)  # "the burning of trucks" states "burn"
        elif i + 1 < len(lemmas) and lemma + lemmas[i + 1] in singles:
            found.append(i)
        # multi-word alternatives, as consecutive lemmas or as consecutive words
        for parts in phrases.get(lemma, ()):
            if tuple(lemmas[i : i + len(parts)]) == parts:
                found.append(i)
        for parts in phrases.get(word, ()):
            if tuple(words[i : i + len(parts)]) == parts:
                found.append(i)
    if compiled.everywhere:  # a blank multi-word alternative matches at every position
        found.extend(range(len(lemmas) + 1))
    if compiled.quote:  # "quoted": the words stand in quotation marks
        found.extend(i for i, word in enumerate(words) if word in QUOTATION_MARKS)
    if compiled.part is not None:  # "at night": "shortly before midnight", "at about 3 a.m."
        found.extend(day_part_positions(words).get(compiled.part, ()))
    return sorted(set(found))


@dataclass(frozen=True)
class _Compiled:
    """What :func:`term_positions` reads of a term, computed once per term: the single-word
    alternatives, those that are no kind of it (``strong``), the multi-word ones by their first
    word, the quotation and part-of-day cases, and :func:`term_keys`."""

    singles: frozenset[str]
    strong: frozenset[str]
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    quote: bool
    part: str | None
    keys: frozenset[str] | None
    everywhere: bool = False


_COMPILED: dict[int, tuple[Term, _Compiled]] = {}


def _compiled(term: Term) -> _Compiled:
    """The term's :class:`_Compiled`, kept by the term's identity (hashing a term with its
    alternatives on every sentence would cost more than the lookup saves)."""
    entry = _COMPILED.get(id(term))
    if entry is not None and entry[0] is term:
        return entry[1]
    if len(_COMPILED) > 4096:
        _COMPILED.clear()
    compiled = _compile(term)
    _COMPILED[id(term)] = (term, compiled)
    return compiled


def _compile(term: Term) -> _Compiled:
    singles = frozenset(a for a in term.alternatives if " " not in a)
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for alternative in term.alternatives:
        if " " in alternative and alternative.split():
            parts = tuple(alternative.split())
            phrases.setdefault(parts[0], []).append(parts)
    return _Compiled(singles, singles - term.kinds, {k: tuple(v) for k, v in phrases.items()},
                     term.lemma in QUOTE_VERBS or term.lemma in QUOTE_NOUNS,
                     part_of(term.lemma) if term.pos == "NOUN" else None, term_keys(term),
                     any(" " in a and not a.split() for a in term.alternatives))


def term_keys(term: Term) -> frozenset[str] | None:
    """The :func:`assistant.counting.index.sentence_keys` one of which a sentence must have
    for :func:`term_positions` to find ``term`` in it (one key of each of
    :func:`term_key_sets`: a name by its longest word, a phrase by its last), or ``None`` when
    the term may be found in any sentence."""
    sets = term_key_sets(term)
    if sets is None:
        return None
    return frozenset(max(keys, key=len) if term.name else keys[-1] for keys in sets)


def term_key_sets(term: Term) -> tuple[tuple[str, ...], ...] | None:
    """The ways a sentence can state ``term``, as keys of
    :func:`assistant.counting.index.sentence_keys` that must all be there (for one of the
    ways), or ``None`` when the term may be found in any sentence.  Must cover every way
    :func:`term_positions` matches (a test checks that the shortcut changes no decision on
    real reports): a name by the words of each spelling; else each single-word alternative,
    its gerunds ("burning", "closing", "shelling"), the words of each multi-word alternative,
    quotation marks for "quoted", and for a part of the day its
    :func:`~assistant.counting.index.day_part_key`."""
    found: set[tuple[str, ...]] = set()
    for alternative in term.alternatives:
        parts = alternative.split()
        if not parts:
            return None  # an empty alternative matches everywhere
        found.add(tuple(parts))
        if term.name or len(parts) > 1:
            continue
        word = parts[0]
        found.update((gerund,) for gerund in _gerunds(word))
    if term.name:
        return tuple(sorted(found))
    found.update((a,) for a in term.alternatives if " " not in a)
    if term.lemma in QUOTE_VERBS or term.lemma in QUOTE_NOUNS:
        found.update((mark,) for mark in QUOTATION_MARKS)
    part = part_of(term.lemma) if term.pos == "NOUN" else None
    if part is not None:
        found.add((day_part_key(part),))
    return tuple(sorted(found))


_CLOCK_WORDS = ("a.m.", "p.m.", "am", "pm", "a.m", "p.m", "hours", "hrs")


def term_words(term: Term) -> set[str]:
    """The single words one of which a report must contain for :func:`term_positions` to find
    ``term`` in it (for the index's postings): its alternatives (multi-word ones by their
    last word, names by their first), their gerunds ("burning"), the words and clock marks of
    a part of the day, quotation marks for "quoted"."""
    if term.name:
        return {a.split()[0] for a in term.alternatives if a}
    words = {a.split()[-1] if " " in a else a for a in term.alternatives}
    words |= {g for w in list(words) if len(w) > 2 for g in _gerunds(w)}
    if term.lemma in QUOTE_VERBS or term.lemma in QUOTE_NOUNS:
        words |= QUOTATION_MARKS
    part = part_of(term.lemma) if term.pos == "NOUN" else None
    if part is not None:
        words |= PART_WORDS[part] | {w for p in PART_PHRASES[part] for w in p} | set(_CLOCK_WORDS)
        words |= {f"{h}{m}" for h in range(1, 13) for m in ("am", "pm", "a.m.", "p.m.")}
        words |= {f"{h}:{m:02d}" for h in range(24) for m in range(0, 60)}
    return words


def _gerunds(verb: str) -> tuple[str, str, str]:
    """The -ing forms a verb may take: ``burn`` -> ``burning``; ``close`` -> ``closing``;
    ``shell`` -> ``shelling``, ``stop`` -> ``stopping`` (the reverse of :func:`gerund_stems`)."""
    return verb + "ing", verb[:-1] + "ing", verb + verb[-1:] + "ing"


def gerund_stems(word: str) -> tuple[str, ...]:
    """The verbs a noun in -ing can be the gerund of: ``burning`` -> ``burn``, ``burne``;
    ``shelling`` -> ``shell``, ``shel``; ``closing`` -> ``clos``, ``close``."""
    if len(word) < 6 or not word.endswith("ing"):
        return ()
    stem = word[:-3]
    found = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        found.append(stem[:-1])
    return tuple(found)


def _name_positions(sentence: IndexedSentence, names: frozenset[str]) -> list[int]:
    """The token positions where one of ``names`` (lower-case words) begins: the words of the
    sentence with hyphens and apostrophes as spaces, read as one run of pieces (tokens such as
    "al-Qaida" split into "al", "-", "Qaida": compare the joined words); a token without
    pieces ("-") begins where the next piece does."""
    pieces: list[str] = []
    starts: dict[int, list[int]] = {}  # piece number -> the tokens that begin there
    for i, word in enumerate(sentence.words):
        starts.setdefault(len(pieces), []).append(i)
        pieces.extend(NAME_MARKS.sub(" ", word).split())
    first: dict[str, list[int]] = {}
    for at, piece in enumerate(pieces):
        first.setdefault(piece, []).append(at)
    found: list[int] = []
    for name in names:
        parts = name.split()
        if not parts:
            found.extend(range(len(sentence.words)))
            continue
        n = len(parts)
        for at in first.get(parts[0], ()):
            if pieces[at : at + n] == parts:
                found.extend(starts.get(at, ()))
    return sorted(set(found))


def _negated(sentence: IndexedSentence, positions: Sequence[int]) -> bool:
    """A negation stands before a matched word, at most :data:`NEGATION_REACH` words before
    the first, in the same clause (:func:`_new_clause`: "did not fire and *they protected*
    the women" does not negate the protecting)."""
    first, last = min(positions), max(positions)
    words = sentence.words
    for i, word in enumerate(words):
        if i > last:
            break
        negation = word in NEGATIONS or word in INABILITY or word in NEGATING_SUBJECTS or (word == "no" and i + 1 < len(words)
                                                                       and words[i + 1] == "one")
        if negation and (first - NEGATION_REACH <= i or word == "no" and _noun_list(sentence, i, first)) and any(
                p >= i and not _new_clause(sentence, i, p) for p in positions):
            return True
    return False


def _zero_cell(sentence: IndexedSentence, position: int) -> bool:
    """The word at ``position`` is a column header a table row carries
    (:func:`~assistant.counting.index.with_column_headers`: its span lies before the row's) and the
    row's cell in that column is the number 0: the row states none of it (nor, as a sentence
    would, that it did not happen: a zero in a log is a tally, not a report of its absence)."""
    if sentence.spans[position][0] >= sentence.start:
        return False
    cell = position - 1
    while cell >= 0 and sentence.spans[cell][0] < sentence.start:
        cell -= 1  # the other words of a header of several ("Civilians wounded")
    return cell >= 0 and number_value(sentence.words[cell]) == 0 and (
        cell == 0 or sentence.words[cell - 1] == "|" or sentence.spans[cell - 1][0] < sentence.start)


NOUN_LIST_REACH = 16
"""How far a "no" reaches over a list of nouns without a verb ("no reports of injuries to civilians
in the area or damage to property")."""


def _noun_list(sentence: IndexedSentence, start: int, end: int) -> bool:
    """Between the "no" at ``start`` and the matched word at ``end`` stand only the words of noun
    phrases (no verb, auxiliary or clause word), at most :data:`NOUN_LIST_REACH` words: the "no"
    determines the whole list."""
    if not 0 < end - start <= NOUN_LIST_REACH:
        return False
    return all(sentence.pos[k] not in ("VERB", "AUX") and sentence.words[k] not in _CLAUSE_WORDS
               and sentence.words[k] not in (",", ";", ":") for k in range(start + 1, end))


_CLAUSE_WORDS = frozenset({";", "but", "while", "whereas", "although", "though", "after", "before", "when",
                           "because", "until", "however"})


def _new_clause(sentence: IndexedSentence, start: int, end: int) -> bool:
    """A new clause begins between token ``start`` and token ``end``: a clause word ("but",
    "after", ";") or "and"/a comma followed by a subject and its verb ("and they protected")."""
    words, pos = sentence.words, sentence.pos
    for k in range(start + 1, end):
        if words[k] in _CLAUSE_WORDS:
            return True
        if words[k] in ("and", ",") and k + 1 < end:
            following = pos[k + 1 : min(end + 1, k + 6)]
            if pos[k + 1] == "PRON" and any(p in ("VERB", "AUX") for p in following):
                return True
            if pos[k + 1] in ("DET", "NOUN", "PROPN") and any(p in ("VERB", "AUX") for p in following[1:]):
                return True
    return False


def _hedged(sentence: IndexedSentence, positions: Sequence[int]) -> bool:
    last = max(positions)
    first = min(positions)
    for i in range(max(0, first - 4), min(len(sentence.words), last + 2)):
        if (sentence.lemmas[i] in HEDGES or sentence.words[i] in MODAL_FUTURE) and sentence.pos[i] != "PROPN":
            return True  # not the month: "on 2 May, killing three" states the killing
        if sentence.words[i] == "to" and i + 1 < len(sentence.words) and i + 1 in positions and \
                i > 0 and sentence.pos[i - 1] in ("VERB", "AUX", "ADJ") and sentence.lemmas[i - 1] != "begin" \
                and sentence.words[i - 1] not in INABILITY:  # "unable to reopen" negates, it does not hedge
            return True  # "scheduled to reopen", "was due to reopen"
    return False
