"""Answer candidates: the spans of a retrieved sentence that are of the question's expected
answer type (candidate extraction in classic open-domain QA: Moldovan et al., ACL 2000;
Prager et al., SIGIR 2000, "predictive annotation").

Entity types come from the English pipeline's named entities stored with each chunk
(:mod:`assistant.language.nlp`); counts also from number tokens the entity recogniser
missed; places, people and organisations also from runs of proper nouns next to the
question's head noun ("Kodgai *village*") or that the small model labelled otherwise;
descriptions are noun phrases read from the part-of-speech tags (determiner, adjectives,
nouns, joined by "of"/"and").  Every candidate keeps its offsets in the document.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..language.annotations import Entity, Sentence, Token
from ..language.answer_type import AGENT_LABELS, DIMENSION_UNITS, ENTITY_TYPES, FACILITY_NOUNS, HEAD_NOUNS, AnswerType
from ..language.dates import YEAR, date_strength, find_dates, is_duration, is_length_of_time
from ..language.numbers import NO_WORDS, NONE_PRONOUNS, is_number
from ..language.names import NAMING_AS, NAMING_VERBS, is_acronym
from ..language.places import DIRECTIONS, INSIDE_PHRASE, LEVELS, LOCATIVE_PREPOSITIONS, place_key
from ..language.tokens import controls_object, names_person, names_place_only, paraphrased

_NOUNS = ("NOUN", "PROPN")
_NP_WORDS = ("DET", "ADJ", "NUM", "NOUN", "PROPN")
_MODIFIER_BEFORE = ("DET", "ADJ", "NUM")  # before an attributive participle ("a suspected militant")
_MODIFIED_AFTER = ("NOUN", "PROPN", "ADJ")
_NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_PERSON_NOUNS = HEAD_NOUNS[AnswerType.PERSON]
_PLACE_NOUNS = HEAD_NOUNS[AnswerType.PLACE] | FACILITY_NOUNS
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_HEADS = frozenset(LEVELS) | HEAD_NOUNS[AnswerType.PLACE]
"""Nouns after which a name names a place, a road or a site ("the Varsk-Oltan *road*", "Dulvan *village*",
"the Tarrow *bridge*"): never the person a who-question asks for."""


@dataclass(frozen=True)
class Candidate:
    """A span ``start..end`` of the document that may answer the question: ``text`` as the
    document writes it, ``first``/``last`` the indices of its first and last token in the
    sentence, ``fit`` (0..1) how well its kind fits the expected answer type, ``label`` the
    entity label or kind it was read as (``"NUM"``, ``"PROPN"``, ``"NP"``)."""

    start: int
    end: int
    text: str
    first: int
    last: int
    fit: float
    label: str


def sentence_candidates(answer_type: AnswerType, sentence: Sentence, entities: Sequence[Entity], text: str,
                        head: str | None = None, *, described: bool = True, object_of: str | None = None,
                        other_phrase: float = 1.0, dateline: float = 1.0, agent: bool = False,
                        agent_verb: str | None = None, direction: str | None = None,
                        places: frozenset[str] = frozenset(), person: bool = False) -> list[Candidate]:
    """The candidates of ``answer_type`` in ``sentence`` (``entities``: those inside it; ``text``:
    the document).  ``head``: the question's head noun lemma (a proper-noun run next to it is a
    place/person/organisation candidate whatever its entity label); ``described``: the question
    may be answered by a noun phrase naming a person's role ("who ...?": "a Taliban commander")
    or by an entity the small model labels otherwise; false when it asks for a name (then a
    description question is answered by a proper name first, any other noun phrase fitting
    ``other_phrase``).  A yes/no
    question has no candidates.

    ``object_of``: the lemma of the verb whose object a description question asks for
    (:attr:`~assistant.language.answer_type.QuestionReading.object_of`): that verb's object in
    the sentence (:func:`verb_objects`) fits fully, every other noun phrase ``other_phrase``.
    ``dateline``: the fit factor of a span inside the sentence's dateline ("KABUL, Afghanistan
    (Sept. 8) -", "Nov 21, 2022 ..."; :func:`dateline_end`): where and when the report was issued,
    rather than the place and day of the event the sentence states.

    ``agent``: the question asks for the agent of a deed ("who claimed ...":
    :attr:`~assistant.language.answer_type.QuestionReading.asks_agent`), which a group or country
    answers as well as a person (:data:`~assistant.language.answer_type.AGENT_LABELS`); ``agent_verb``: the
    verb it asks the doer of (:attr:`~assistant.language.answer_type.QuestionReading.agent_verb`): a country,
    people or group the sentence states as that verb's subject (:func:`subject_of`: "Ostrelia, coached by
    ..., won the cup") fits fully ("who won the cup?" is as often answered by a country or club as by a person).

    ``direction``: the question asks for the end (``"to"``) or the start (``"from"``) of a movement
    (:attr:`~assistant.language.answer_type.QuestionReading.direction`): a name or place in a phrase
    of the other direction ("evacuated *from* Tarn *to* the school in Orsk", asked where *to*) is no
    candidate (:func:`movement`).

    ``places``: the place keys (:func:`~assistant.language.places.place_key`) the report marks as places
    (:func:`~assistant.language.places.find_places`: "Sorrel province", the dateline's "LORN"): a name with
    such a key is no person or organisation candidate, nor one :func:`names_place_as_person` reads as a
    place ("the Calder-Brenmoor *road*").  ``person``: a description question asks for a person's name
    ("what is the name of the *vendor* ...?"): only proper names answer it, and not those of places.

    A description of a person needs more than its head noun ("a local commander", not a bare
    "militant": :func:`_modified`)."""
    tokens = sentence.tokens
    if not tokens or answer_type is AnswerType.YES_NO:
        return []
    found: dict[tuple[int, int], Candidate] = {}
    cut = dateline_end(sentence, entities, text)

    def add(start: int, end: int, fit: float, label: str) -> None:
        span = _token_range(tokens, start, end)
        if span is None or fit <= 0:
            return
        first, last = span
        if first > 0 and _currency_sign(tokens[first - 1], text) and tokens[first - 1].end == tokens[first].start:
            first -= 1  # "€410,000": the small model's MONEY entity often leaves the sign out
        start, end = tokens[first].start, tokens[last].end
        if answer_type is not AnswerType.DESCRIPTION and _on_heading(text, start):
            return  # "## Summary": a heading names a section, not the person, place or date asked for
        if cut is not None and end <= cut:
            fit *= dateline  # the report's place and day of issue, not those of the event the sentence states
        if direction is not None and answer_type in _MOVED and movement(tokens, first, text) not in (None, direction):
            return  # "where did they go to?": never the place they came from
        key = (start, end)
        if key not in found or found[key].fit < fit:
            found[key] = Candidate(start, end, text[start:end], first, last, fit, label)

    if answer_type is AnswerType.DESCRIPTION:
        objects = verb_objects(tokens, object_of) if object_of else []
        if not described:  # "what is the name of the service?": a proper name, before any other noun phrase
            for first, last in _proper_runs(tokens, text):
                if person and names_place_as_person(tokens, first, last, text, places):
                    continue  # "the name of the vendor": not "Sorrel" of "Sorrel province"
                if not any(e.start <= tokens[first].start < e.end and e.label in _NOT_COUNTS | {"CARDINAL"}
                           for e in entities):
                    add(tokens[first].start, tokens[last].end, 1.0, "PROPN")
            if person:
                return list(found.values())  # a person's name: "the dead man" names nobody
        times = [e for e in entities if e.label in ("DATE", "TIME")]
        for first, last in noun_phrases(tokens):
            if any(e.start <= tokens[first].start and tokens[last].end <= e.end for e in times):
                continue  # "today", "Sunday morning": when it happened, not what or who
            add(tokens[first].start, tokens[last].end, other_phrase if object_of or not described else 1.0, "NP")
        for first, last in objects:
            add(tokens[first].start, tokens[last].end, 1.0, "NP")
        return list(found.values())

    labels = dict(ENTITY_TYPES[answer_type])
    if not described:  # a name is asked for: only the type's own label (and unlabelled names)
        labels = {label: fit for label, fit in labels.items() if fit >= 1.0}
    agents = {**labels, **AGENT_LABELS} if answer_type is AnswerType.PERSON and agent else labels
    # "who claimed ...": a person, a group or a people; never the dateline's place of issue ("KARVALA, Norland")
    if answer_type is AnswerType.QUANTITY and head != "long":
        labels.pop("DATE", None), labels.pop("TIME", None)  # a date answers "how long", not "how much"
    covered = []
    who = answer_type in (AnswerType.PERSON, AnswerType.ORGANISATION)
    times_of_day = _times_of_day(entities, text) if answer_type is AnswerType.DATE else {}
    joined_times = set(times_of_day.values())
    for entity in entities:
        if "|" in text[entity.start:entity.end]:
            continue  # "4 | 9 |": a span over table cells is no one entity
        covered.append(entity)
        if entity in joined_times:
            continue  # "morning" of "Tuesday morning": part of its day's candidate below
        fit = (agents if cut is None or entity.start >= cut else labels).get(entity.label, 0.0)
        if agent and agent_verb and fit < 1.0 and entity.label in AGENT_SUBJECT_LABELS \
                and (cut is None or entity.start >= cut):
            span = _token_range(tokens, entity.start, entity.end)
            if span is not None and subject_of(tokens, span[0], span[1], agent_verb):
                fit = 1.0  # "Ostrelia won the cup": the country did what the question asks who did
        if who and fit < 1.0 and _names_place(tokens, entity.start, entity.end, text, entity.label in _PLACE_LABELS):
            continue  # "a militia based in Ulvar", "the governor of Archi district": a place, not the group or person asked for
        if who and fit and _known_place(tokens, entity.start, entity.end, text, places,
                                        answer_type is AnswerType.PERSON, entity.label):
            continue  # "Sorrel" of "Sorrel province" labelled a person, "the Calder-Brenmoor road" an organisation
        if answer_type is AnswerType.COUNT and entity.label == "CARDINAL":
            continue  # counts are read from their number tokens below ("as many as 30" -> "30")
        if fit and entity.label in ("DATE", "TIME") and answer_type is AnswerType.QUANTITY \
                and not is_duration(text[entity.start:entity.end]):
            continue  # "how long": a length of time ("the past five years"), not a day ("yesterday")
        if fit and entity.label in ("DATE", "TIME") and answer_type is AnswerType.QUANTITY:
            fit = 1.0  # "how long": a length of time is the type asked, not a stand-in for a quantity
        if fit and answer_type is AnswerType.DATE and is_length_of_time(text[entity.start:entity.end]):
            continue  # "when ...?": "in the hours after the attack" states how long, not when
        if fit and entity.label == "DATE" and answer_type is AnswerType.DATE:
            fit = 0.6 + 0.4 * date_strength(text[entity.start:entity.end])  # "8 June 2019" over "Saturday"
        if fit:
            end = times_of_day[entity].end if entity in times_of_day else entity.end
            add(entity.start, end, fit, entity.label)
    if answer_type is AnswerType.DATE:  # a full date the entity recogniser missed ("07/04/2031")
        for mention in find_dates(text, start=sentence.start, end=sentence.end):
            if not any(e.start <= mention.start and mention.end <= e.end and e.label in ("DATE", "TIME")
                       for e in covered):  # a date the small model labelled otherwise ("05/03/2031" as ORG)
                add(mention.start, mention.end, 0.6 + 0.4 * date_strength(mention.text), "DATE")
    if answer_type in (AnswerType.COUNT, AnswerType.QUANTITY, AnswerType.MONEY, AnswerType.PERCENT):
        for first, last in _number_runs(tokens, text):
            start, end = tokens[first].start, tokens[last].end
            inside = next((e for e in covered if e.start <= start and end <= e.end), None)
            if inside is not None and inside.label in _NOT_COUNTS:
                continue
            if answer_type is AnswerType.COUNT:
                add(start, end, 1.0 if inside is not None else 0.8, "NUM")
            else:
                add(start, end, labels.get("CARDINAL", 0.0), "NUM")
    if answer_type is AnswerType.COUNT:
        for first, last in zero_runs(tokens, text):  # "No one was killed": the count is none ("No" kept)
            start, end = tokens[first].start, tokens[last].end
            found[(start, end)] = Candidate(start, end, text[start:end], first, last, 1.0, ZERO)
    if answer_type in (AnswerType.PERSON, AnswerType.PLACE, AnswerType.ORGANISATION):
        for first, last in _proper_runs(tokens, text):
            start, end = tokens[first].start, tokens[last].end
            if any(e.start <= start and end <= e.end and e.label in ("DATE", "TIME", "CARDINAL", "ORDINAL")
                   for e in covered):
                continue
            next_to_head = head is not None and (
                _named_after(tokens, first, head)  # "a *service called* Lumen", "the fort known as Kastel Mor"
                or any(t.lemma == head for t in tokens[first:last + 1])  # "Islamic *Movement* of Uzbekistan"
                or (last + 1 < len(tokens) and tokens[last + 1].lemma == head)
                or (answer_type is not AnswerType.PERSON and first >= 2 and tokens[first - 1].lemma == "of"
                    and tokens[first - 2].lemma == head)  # "the village of Kodgai", not "the Minister of Health"
            )
            labelled = any(e.start <= start and end <= e.end for e in covered)
            if answer_type is AnswerType.PLACE and not next_to_head:
                # "the village of Belka", "Belka district": a place whatever the question's head noun
                # (an administrative level; "the Korvel clinic" is answered by the facility's phrase)
                next_to_head = (last + 1 < len(tokens) and tokens[last + 1].lemma in LEVELS) or (
                    first >= 2 and tokens[first - 1].lemma == "of" and tokens[first - 2].lemma in LEVELS)
            elif who and not next_to_head and (_after_locative(tokens, start, text)
                                               or _names_place(tokens, start, end, text, place=False)
                                               or _known_place(tokens, start, end, text, places,
                                                               answer_type is AnswerType.PERSON)):
                continue  # "in Tellin", "Tellin district", "the Tellin-Orsk road": a place
            if next_to_head:
                add(start, end, 1.0, "PROPN")
            elif not labelled:  # a name the entity recogniser missed; one it labelled keeps its label's fit
                add(start, end, 0.4, "PROPN")
        described_heads = {AnswerType.PERSON: _PERSON_NOUNS, AnswerType.PLACE: _PLACE_NOUNS}.get(answer_type)
        if described_heads is not None and described:  # "a Taliban commander", "the Korvel clinic"
            for first, last in noun_phrases(tokens):
                if tokens[last].pos == "NOUN" and tokens[last].lemma in described_heads and (
                        answer_type is not AnswerType.PERSON or _modified(tokens, first, last)):
                    add(tokens[first].start, tokens[last].end, 0.45, "NP")
    if answer_type is AnswerType.QUANTITY and head in DIMENSION_UNITS:
        units = DIMENSION_UNITS[head]
        return [_with_unit(tokens, c, units, text) for c in found.values() if _in_units(tokens, c, units)]
    if answer_type in (AnswerType.QUANTITY, AnswerType.MONEY):
        times = [e for e in entities if e.label in ("DATE", "TIME")]
        return _measures(tokens, list(found.values()), text, answer_type is AnswerType.MONEY, times)
    return list(found.values())


AGENT_SUBJECT_LABELS = frozenset({"GPE", "NORP", "ORG"})
"""The entity labels, besides a person's, that a "who did X" question takes as its answer when the entity is
the subject of X in the sentence: a country, a people, a team or organisation (Li & Roth 2002's HUM:group)."""
_PARENTHETICAL = 12  # the most words of ", coached by Ivo Brandt," between a subject and its verb
_TITLE_WORDS = 3  # the most words of "the chief inspector" between "by" and a name


def subject_of(tokens: Sequence[Token], first: int, last: int, verb: str) -> bool:
    """The words ``first``..``last`` of ``tokens`` are the subject of the verb ``verb`` (a lemma) or of a
    verb that says it in other words (:func:`~assistant.language.tokens.paraphrased`), read from the word
    order the stored tokens keep (no parse): the verb follows them, past auxiliaries, adverbs and one
    parenthetical between commas ("Ostrelia *won*", "Ostrelia has finally *won*", "Ostrelia, coached by
    Ivo Brandt, *won*"), or they follow "by" after it, a title or article between ("the cup was *won* by
    Ostrelia", "*commanded* by Colonel Maren Dask"), or they are the subject of a verb whose clause goes on
    to an infinitive of ``verb`` ("Ostrelia *beat* Kaldoria in the final *to win* the cup": the subject of
    the main verb is the infinitive's, :func:`_purpose_says`; not after a verb whose object is the
    infinitive's subject, "asked Kaldoria to win": :func:`~assistant.language.tokens.controls_object`)."""
    def says(token: Token) -> bool:
        return token.pos == "VERB" and (token.lemma == verb or paraphrased(token.lemma, verb, "VERB"))

    n = len(tokens)
    i = last + 1
    if i < n and tokens[i].lemma == ",":
        closing = next((j for j in range(i + 1, min(n, i + 1 + _PARENTHETICAL)) if tokens[j].lemma == ","), None)
        if closing is not None:
            i = closing + 1
    while i < n and (tokens[i].pos in ("AUX", "ADV") or tokens[i].lemma in ("not", "n't")):
        i += 1  # "has finally won", "did not win"; never an infinitive's "to" ("beat Kaldoria *to* win")
    if i < n and says(tokens[i]):
        return True
    if i < n and tokens[i].pos == "VERB" and not controls_object(tokens[i].lemma) and _purpose_says(tokens, i + 1, says):
        return True  # "Ostrelia beat Kaldoria to win the cup": the subject of "beat" is the one who won
    j = first - 1
    while j >= 1 and first - j <= _TITLE_WORDS and tokens[j].pos in ("PROPN", "NOUN", "DET", "ADJ") \
            and tokens[j].lemma != "by":
        j -= 1  # "commanded by *Colonel* Maren Dask": the name's title or article between
    if j >= 1 and tokens[j].lemma == "by":
        j -= 1
        while j >= 0 and tokens[j].pos == "ADV":
            j -= 1
        return j >= 0 and says(tokens[j])
    return False


_PURPOSE_WORDS = 20  # the most tokens between a verb and the "to" of its purpose infinitive


def _purpose_says(tokens: Sequence[Token], start: int, says) -> bool:
    """From token ``start`` on, within the clause (no full stop, semicolon, subordinating word, pronoun,
    other finite verb or conjunction before it, at most :data:`_PURPOSE_WORDS` words), "to" and a verb
    ``says`` accepts ("beat Kaldoria 3-1 in the final *to win*"): the infinitive whose subject is the
    clause's subject (subject control, as in "X defeated Y to win the title")."""
    for j in range(start, min(len(tokens) - 1, start + _PURPOSE_WORDS)):
        token = tokens[j]
        if token.lemma in (";", ".", "!", "?") or token.pos in ("SCONJ", "PRON", "AUX", "CCONJ") \
                or (token.pos == "VERB" and not (j > 0 and tokens[j - 1].lemma == "to")):
            return False
        if token.lemma == "to" and token.pos == "PART":
            k = j + 1
            while k < len(tokens) and tokens[k].pos == "ADV":
                k += 1
            return k < len(tokens) and says(tokens[k])
    return False


def _with_unit(tokens: Sequence[Token], candidate: Candidate, units: frozenset[str], text: str) -> Candidate:
    """``candidate`` with the unit word right after it when the entity recogniser left it out
    ("About 22" + "hectares"): the short answer states the measure with its unit."""
    after = candidate.last + 1
    if after >= len(tokens) or tokens[after].lemma.lower() not in units or \
            any(t.lemma.lower() in units for t in tokens[candidate.first:candidate.last + 1]):
        return candidate
    end = tokens[after].end
    return Candidate(candidate.start, end, text[candidate.start:end], candidate.first, after, candidate.fit,
                     candidate.label)


def _measures(tokens: Sequence[Token], candidates: list[Candidate], text: str, money: bool,
              times: Sequence[Entity] = ()) -> list[Candidate]:
    """The amount ``candidates`` with the word that says what they measure, when the entity recogniser
    left it out of a bare number ("About 2,000" + "litres of diesel", "45,000" + "crowns"): the noun the
    number stands before (the head of the number's noun phrase), or, for an amount of money (``money``)
    with no noun after it, a currency code written before it ("EUR 45,000": an upper-case three-letter
    word).  A candidate that already holds a noun ("40 kilograms", "3 million dinars") or is a date is
    kept as it is, and so is one followed by a noun of a day or time (``times``: the sentence's DATE/TIME
    entities, "raised 5,000 *yesterday*"); when the widened span is a candidate too, it is kept once."""
    widened: dict[tuple[int, int], Candidate] = {}
    for c in candidates:
        inside = tokens[c.first:c.last + 1]
        if c.label in ("DATE", "TIME", "PERCENT") or tokens[c.last].pos != "NUM" \
                or any(t.pos in _NOUNS for t in inside):
            widened.setdefault((c.start, c.end), c)
            continue
        first, last = c.first, c.last
        if last + 1 < len(tokens) and tokens[last + 1].pos == "NOUN" \
                and text[tokens[last].end:tokens[last + 1].start].isspace() \
                and not any(e.start <= tokens[last + 1].start < e.end for e in times):
            last += 1
        elif money and first > 0 and re.fullmatch(r"[A-Z]{3}", text[tokens[first - 1].start:tokens[first - 1].end]):
            first -= 1
        start, end = tokens[first].start, tokens[last].end
        key = (start, end)
        if key not in widened or widened[key].fit < c.fit:
            widened[key] = Candidate(start, end, text[start:end], first, last, c.fit, c.label)
    return list(widened.values())


def _in_units(tokens: Sequence[Token], candidate: Candidate, units: frozenset[str]) -> bool:
    """The quantity ``candidate`` is stated in one of ``units`` (lemmas): a word of it ("63
    kilometres", "the past five years") or the word right after it ("63 km"); or it is a percentage,
    which measures any dimension relative to its whole ("how far along": "60 percent complete")."""
    if candidate.label == "PERCENT":
        return True
    words = {t.lemma.lower() for t in tokens[candidate.first: candidate.last + 2]}
    words |= {w.lower() for w in re.findall(r"[^\W\d_]+", candidate.text)}
    return bool(words & units)


_MOVED = (AnswerType.PLACE, AnswerType.PERSON, AnswerType.ORGANISATION)


def movement(tokens: Sequence[Token], first: int, text: str) -> str | None:
    """The direction (:data:`~assistant.language.places.DIRECTIONS`) of the preposition that opens the
    phrase holding token ``first``: "*from* Tarn and Milo villages" -> ``"from"``, "*to* the school in
    Orsk" -> ``"to"`` for Orsk too (a place "in"/"of"/"at" a noun belongs to that noun's phrase); ``None``
    when no such preposition opens it.  Read from the part-of-speech tags, at most 8 words back."""
    i = first - 1
    while i >= 0 and first - i <= 8:
        token = tokens[i]
        word = text[token.start:token.end].lower()
        if token.pos == "ADP":
            if word in DIRECTIONS:
                return DIRECTIONS[word]
            if word in INSIDE_PHRASE and i > 0 and tokens[i - 1].pos in ("NOUN", "PROPN"):
                i -= 1
                continue
            return None
        if token.pos not in ("DET", "ADJ", "PROPN", "NOUN", "NUM", "CCONJ", "PUNCT"):
            return None
        i -= 1
    return None


def opened_by(tokens: Sequence[Token], first: int, preposition: str) -> bool:
    """The phrase holding token ``first`` is opened by ``preposition`` (a lower-case word): at most four
    determiners, adjectives, numbers or nouns stand between ("hidden *among* old Qurans")."""
    i = first - 1
    while i >= 0 and first - i <= 4 and tokens[i].pos in ("DET", "ADJ", "NUM", "NOUN", "PROPN"):
        i -= 1
    return i >= 0 and tokens[i].pos == "ADP" and tokens[i].lemma == preposition


def _times_of_day(entities: Sequence[Entity], text: str) -> dict[Entity, Entity]:
    """Each DATE entity followed, across spaces only, by a TIME entity ("Tuesday morning", "12 May
    3 pm"), mapped to that TIME: the day and its time are one answer to "when", and the day (which
    the report date resolves) is the part a time of day alone ("morning") would lose."""
    ordered = sorted(entities, key=lambda e: e.start)
    return {day: time for day, time in zip(ordered, ordered[1:])
            if day.label == "DATE" and time.label == "TIME" and not text[day.end:time.start].strip()}


def _currency_sign(token: Token, text: str) -> bool:
    """``token`` is a currency sign ("€", "£", "¥", "$", "₹": Unicode category Sc), alone or after
    the capital letters of its country ("US$", "HK$", "R$")."""
    word = text[token.start:token.end]
    sign = word.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return bool(sign) and len(word) - len(sign) <= 3 and all(unicodedata.category(c) == "Sc" for c in sign)


def _on_heading(text: str, start: int) -> bool:
    """The offset ``start`` is on a markdown heading line (``# ...``, ``## Summary``)."""
    line = text.rfind("\n", 0, start) + 1
    return text[line:start].lstrip().startswith("#")


def _after_locative(tokens: Sequence[Token], start: int, text: str) -> bool:
    """The span at ``start`` follows a locative preposition (:data:`~assistant.language.places.LOCATIVE_PREPOSITIONS`),
    a determiner or adjectives between allowed ("in the eastern Harn valley")."""
    before = [t for t in tokens if t.end <= start]
    for token in reversed(before[-4:]):
        if token.pos in ("DET", "ADJ"):
            continue
        return token.pos == "ADP" and text[token.start:token.end].lower() in LOCATIVE_PREPOSITIONS
    return False


def _named_after(tokens: Sequence[Token], first: int, head: str) -> bool:
    """The name starting at token ``first`` is given to the noun ``head`` (a lemma) by a naming verb
    between them: "a *service* called Lumen", "the *fortress*, known as the Red Tower"
    (:data:`~assistant.language.names.NAMING_VERBS`, :data:`~assistant.language.names.NAMING_AS`)."""
    i = first - 1
    while i >= 0 and tokens[i].pos == "DET":
        i -= 1
    if i >= 1 and tokens[i].lemma == "as" and tokens[i - 1].lemma in NAMING_AS:
        i -= 2
    elif i >= 0 and tokens[i].lemma in NAMING_VERBS:
        i -= 1
    else:
        return False
    while i >= 0 and tokens[i].pos in ("PUNCT", "ADV", "AUX"):
        i -= 1  # "the fortress, also known as", "a group that is called"
    return i >= 0 and tokens[i].lemma == head


def names_place_as_person(tokens: Sequence[Token], first: int, last: int, text: str,
                          places: frozenset[str] = frozenset(), *, group: bool = False) -> bool:
    """The name of tokens ``first``..``last`` is a place, not a person: its key (or that of each name it
    joins by "and": "Calder and Brenmoor") is one of the report's ``places``
    (:func:`~assistant.language.places.place_key` s); or a place noun (:data:`_PLACE_HEADS`) follows it ("the
    Varsk-Oltan *road*", "Sorrel *province*"); or WordNet knows it only as a place ("Kandahar":
    :func:`~assistant.language.tokens.names_place_only`); or, unless the entity recogniser labelled it a
    ``group`` (a "who claimed ...?" answer: "Islamic State", "NATO"), a place noun ends it ("Province",
    "Tolmar Road") or it is written in initials ("KNA", "IED": an agency or a thing,
    :func:`~assistant.language.names.is_acronym`)."""
    name = text[tokens[first].start:tokens[last].end]
    if _in_places(name, places) or (not group and all(is_acronym(word) for word in name.split())):
        return True  # a place of the report; "KNA", "IED": initials name an agency or a thing, not a person
    if _before_place_noun(tokens, last):
        return True
    if not group and tokens[last].lemma.lower() in _PLACE_HEADS:
        return True
    return names_place_only(name)


def _before_place_noun(tokens: Sequence[Token], last: int) -> bool:
    """A place noun (:data:`_PLACE_HEADS`) follows token ``last`` right after it ("Pellin *road*")."""
    following = last + 1
    return following < len(tokens) and tokens[following].lemma.lower() in _PLACE_HEADS \
        and tokens[following].start - tokens[last].end <= 1


def _in_places(name: str, places: frozenset[str]) -> bool:
    """``name``, or each name it joins by "and" or a comma, has a key of ``places``."""
    if not places:
        return False
    parts = [p for p in re.split(r"\s*(?:,|\band\b|&)\s*", name) if p.strip()]
    return bool(parts) and all(place_key(p) in places for p in parts)


def _known_place(tokens: Sequence[Token], start: int, end: int, text: str, places: frozenset[str],
                 person: bool, label: str = "") -> bool:
    """The name at ``start..end`` (entity ``label``, ``""`` for an unlabelled run) is a place by the report
    (:func:`_in_places`); for a ``person`` also by the words around it or WordNet
    (:func:`names_place_as_person`; a place noun ending an organisation's name is part of it).  A name
    labelled a place or a people is one only before a place noun ("the Pellin road")."""
    span = _token_range(tokens, start, end)
    if span is None:
        return False
    if label in _PLACE_LABELS or label == "NORP":  # a country or a people keeps its label's low fit ("Spain
        return person and _before_place_noun(tokens, span[1])  # won the cup"), unless it names a road
    if person:
        return names_place_as_person(tokens, span[0], span[1], text, places, group=label in ("ORG", "NORP"))
    return _in_places(text[tokens[span[0]].start:tokens[span[1]].end], places)


def _names_place(tokens: Sequence[Token], start: int, end: int, text: str, place: bool = True) -> bool:
    """The name at ``start..end`` is used as a place: before an administrative level ("Archi
    *district*", whatever its entity label), or, when it is a ``place`` by its label, after a locative
    preposition (:func:`_after_locative`) or after "of" that follows a noun of people ("the governor
    *of* Archi", "the people of Orlan"): where the person serves or lives, not the person or group a
    who-question asks for ("the leader of the Black Reed Brigade" still names a group)."""
    following = bisect.bisect_left(tokens, end, key=lambda t: t.start)  # tokens are in text order
    if following < len(tokens) and tokens[following].lemma in LEVELS:
        return True
    if not place:
        return False
    if _after_locative(tokens, start, text):
        return True
    preceding = bisect.bisect_right(tokens, start, key=lambda t: t.end)
    before = tokens[max(0, preceding - 2):preceding]
    return len(before) == 2 and before[1].lemma == "of" and before[0].pos == "NOUN" and (
        before[0].lemma in _PERSON_NOUNS or names_person(before[0].lemma))


def _modified(tokens: Sequence[Token], first: int, last: int) -> bool:
    """The noun phrase ``first..last`` says more than its head noun: a word other than a
    determiner stands before it ("a *Taliban* commander", "the *district* governor", "*two*
    guards"); a bare "militant" or "the directors" describes no one in particular."""
    return any(t.pos not in ("DET", "PUNCT") for t in tokens[first:last])


_DATELINE_END = re.compile(r"\)?\s*(?:\([^()\n]{2,40}\)\s*)?(?:[-–—:]|\.\.\.|…)")
"""The end of a dateline after its date: a closing parenthesis, the news agency it credits ("(KNA)") and
a dash, a colon or an ellipsis."""


def dateline_end(sentence: Sentence, entities: Sequence[Entity], text: str) -> int | None:
    """Where the sentence's dateline ends (an offset in ``text``), or ``None`` when it has none.
    A dateline is a date (a ``DATE`` entity of ``entities``) before the sentence's first verb,
    with at most six words before it (the place of issue: "KABUL, Afghanistan (Sept. 8) -"),
    followed by the agency it credits ("LORN, May 3 (KNA) -") and a dash, a colon or an ellipsis (a web snippet's "Nov 21, 2022 ...").  What it
    states is where and when the report was issued."""
    for entity in entities:
        if entity.label != "DATE" or not sentence.start <= entity.start < sentence.end:
            continue
        before = [t for t in sentence.tokens if t.end <= entity.start]
        if any(t.pos in ("VERB", "AUX") for t in before) or sum(t.pos not in ("PUNCT", "SYM") for t in before) > 6:
            return None
        found = _DATELINE_END.match(text, entity.end)
        if found is not None:
            return found.end()
    return None


_LINK_STOPS = frozenset({",", ";", ":", ".", "!", "?", "—", "–"})
_LINK_BREAKS = ("VERB", "AUX", "SCONJ", "PRON")
_LINK_WORDS = 12
_LINK_GAP = ("DET", "ADJ", "ADV")


def linked_phrase(tokens: Sequence[Token], first: int, last: int) -> tuple[int, int] | None:
    """``(first, last)`` token indices of the phrase the sentence equates with the span ``first..last``
    by a copula or an apposition, or ``None``: what the sentence says the span *is* -- the predicate
    after a form of *be* ("Iran *was* the world's second-largest oil exporter"), the subject before
    one ("the current president *is* Gianni Infantino"), or a phrase set off by a comma that opens
    with a determiner or a common word ("Hamza, *the Archi district Taliban commander*,", "the
    district's new mayor, Lena Orsk").  The definition and apposition patterns of typed QA
    (Ravichandran & Hovy, ACL 2002: "<ANSWER> is the <focus>", "<ANSWER>, the <focus>"); read from the
    part-of-speech tags (the stored annotations have no parse): a phrase ends at a clause's verb,
    pronoun or subordinating word, at punctuation that closes it, or after twelve words; "was killed"
    (a passive or progressive verb after *be*) links nothing, nor does a phrase after a comma that runs
    on into a verb ("On Sunday, police officers searched ...": the clause's subject)."""
    n = len(tokens)

    def word(i: int) -> str:
        return tokens[i].lemma

    def forward(i: int) -> tuple[int, int] | None:
        j = i
        while j < n and j - i < _LINK_WORDS and word(j) not in _LINK_STOPS and tokens[j].pos not in _LINK_BREAKS:
            j += 1
        return (i, j - 1) if j > i and any(t.pos in ("NOUN", "PROPN") for t in tokens[i:j]) else None

    def backward(i: int) -> tuple[int, int] | None:
        j = i
        while j >= 0 and i - j < _LINK_WORDS and word(j) not in _LINK_STOPS and tokens[j].pos not in _LINK_BREAKS:
            j -= 1
        return (j + 1, i) if j < i and any(t.pos in ("NOUN", "PROPN") for t in tokens[j + 1:i + 1]) else None

    i = last + 1
    while i < n and tokens[i].pos == "ADV":
        i += 1
    if i < n and word(i) == "be" and tokens[i].pos == "AUX":  # "<span> is the ..."
        j = i + 1
        while j < n and tokens[j].pos == "ADV":
            j += 1
        if j < n and tokens[j].pos not in ("VERB", "AUX"):
            return forward(j)
        return None
    if last + 2 < n and word(last + 1) == "," and tokens[last + 2].pos in ("DET", "ADJ", "NOUN"):
        found = forward(last + 2)  # "<span>, the ... commander,"
        closed = found is not None and (found[1] + 1 >= n or word(found[1] + 1) in _LINK_STOPS)
        return found if closed else None  # "On Sunday, police officers searched ...": a clause's subject
    i = first - 1
    while i >= 0 and first - i <= 3 and tokens[i].pos in _LINK_GAP:
        i -= 1
    if i >= 1 and word(i) == "be" and tokens[i].pos == "AUX":  # "the ... president is <span>"
        return backward(i - 1)
    if first >= 2 and word(first - 1) == "," and tokens[first - 2].pos == "NOUN" and (
            last + 1 >= n or word(last + 1) in _LINK_STOPS):
        found = backward(first - 2)  # "the district's new mayor, <span>,"
        if found is not None and tokens[found[0]].pos == "DET":
            return found
    return None


_OBJECT_SKIP = ("ADV", "PART")


def verb_objects(tokens: Sequence[Token], verb: str) -> list[tuple[int, int]]:
    """``(first, last)`` token indices of the objects of ``verb`` (a lemma; a word
    :func:`~assistant.language.tokens.related` to it counts) in the sentence ``tokens``:
    in the active voice the noun phrase right after the verb (adverbs and particles between),
    with the rest of its list ("found *two rifles, a radio and a box of grenades*"); in the
    passive voice (a form of *be* before the verb) the noun phrase, with its list, that ends
    just before that *be* ("*a rifle and two motorcycles* were seized").  Read from the
    part-of-speech tags, as the stored annotations have no dependency parse."""
    from ..language.tokens import related

    phrases = noun_phrases(tokens)
    starts = {first: last for first, last in phrases}
    ends = {last: first for first, last in phrases}
    found = []
    for i, token in enumerate(tokens):
        if token.pos not in ("VERB", "NOUN") or not related(token.lemma, verb):
            continue
        j = i - 1
        while j >= 0 and tokens[j].pos in _OBJECT_SKIP:
            j -= 1
        if j >= 0 and tokens[j].lemma == "be" and tokens[j].pos == "AUX":  # passive: the subject is the object
            k = j - 1
            while k >= 0 and tokens[k].pos == "AUX":
                k -= 1
            if k in ends:
                first = _list_start(tokens, ends[k], ends)
                found.append((first, k))
            continue
        if token.pos != "VERB":
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].pos in _OBJECT_SKIP:
            j += 1
        if j in starts:
            found.append((j, _list_end(tokens, starts[j], starts)))
    return found


def _list_end(tokens: Sequence[Token], last: int, starts: dict[int, int]) -> int:
    """The last token of the list ``first..last`` opens ("two rifles, a radio and a box"):
    further phrases after commas, the list closed by "and"/"or"."""
    end, k = last, last + 1
    while k + 1 < len(tokens) and tokens[k].lemma in (",", "and", "or"):
        following = k + 1 + (tokens[k].lemma == "," and k + 2 < len(tokens) and tokens[k + 1].lemma in ("and", "or"))
        if following not in starts:
            break
        closed = (tokens[k].lemma in ("and", "or") or following == k + 2
                  or any(t.lemma in ("and", "or") for t in tokens[following:starts[following] + 1]))
        if not closed and not any(t.lemma in ("and", "or") for t in tokens[following:]):
            break  # a comma without a later "and": an apposition or a new clause, not a list
        end, k = starts[following], starts[following] + 1
        if closed:
            break
    return end


def _list_start(tokens: Sequence[Token], first: int, ends: dict[int, int]) -> int:
    """The first token of the list the phrase at ``first`` closes ("*a rifle and* two motorcycles")."""
    start, k = first, first - 1
    while k - 1 >= 0 and tokens[k].lemma in (",", "and", "or") and (k - 1) in ends:
        start, k = ends[k - 1], ends[k - 1] - 1
    return start


def noun_phrases(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """``(first, last)`` token indices of the noun phrases read from part-of-speech tags: a
    run of determiners, adjectives, numbers and nouns ending in a noun, extended over
    "of"/"and" + another such run ("the facilitation of weapons and fighters").  A participle
    used as an adjective (tagged ``VERB`` between a determiner, adjective or number and a noun
    or adjective: "a *suspected* militant", "two *wounded* guards") is part of its phrase."""
    phrases = []
    i, n = 0, len(tokens)
    while i < n:
        if not _np_word(tokens, i):
            i += 1
            continue
        j = i
        while j < n and _np_word(tokens, j):
            j += 1
        last = _last_noun(tokens, i, j)
        if last is None:
            i = j
            continue
        while j + 1 < n and tokens[j].lemma in ("of", "and") and _np_word(tokens, j + 1):
            k = j + 1
            while k < n and _np_word(tokens, k):
                k += 1
            extended = _last_noun(tokens, j + 1, k)
            if extended is None:
                break
            last, j = extended, k
        first = i
        phrases.append((first, last))
        i = j
    return phrases


def _np_word(tokens: Sequence[Token], i: int) -> bool:
    """Token ``i`` can stand inside a noun phrase: its tag is one of :data:`_NP_WORDS`, or it is a
    participle between a determiner, adjective or number and a noun or adjective ("a suspected
    militant"; not "the patrol *detained* militants", where a noun stands before the verb)."""
    pos = tokens[i].pos
    if pos in _NP_WORDS:
        return True
    return (pos == "VERB" and 0 < i < len(tokens) - 1 and tokens[i - 1].pos in _MODIFIER_BEFORE
            and tokens[i + 1].pos in _MODIFIED_AFTER)


def _last_noun(tokens: Sequence[Token], i: int, j: int) -> int | None:
    for k in range(j - 1, i - 1, -1):
        if tokens[k].pos in _NOUNS:
            return k
    return None


def _proper_runs(tokens: Sequence[Token], text: str) -> list[tuple[int, int]]:
    """Runs of proper nouns on one line (a line break ends a name: a heading above it)."""
    runs, i = [], 0
    while i < len(tokens):
        if tokens[i].pos == "PROPN":
            j = i
            while (j + 1 < len(tokens) and tokens[j + 1].pos == "PROPN"
                   and "\n" not in text[tokens[j].end:tokens[j + 1].start]):
                j += 1
            runs.append((i, j))
            i = j + 1
        else:
            i += 1
    return runs


ZERO = "ZERO"
"""The label of a candidate that states a count of none ("No one", "no civilians", "none")."""


def zero_runs(tokens: Sequence[Token], text: str) -> list[tuple[int, int]]:
    """The spans that state a count of zero, as (first, last) token indices: a pronoun of
    :data:`~assistant.language.numbers.NONE_PRONOUNS` ("nobody", "none"), "no one", or "no"
    and the noun it determines ("no civilians", "no armed men")."""
    words = [text[t.start:t.end].lower() for t in tokens]
    runs = []
    for i, word in enumerate(words):
        if word in NONE_PRONOUNS:
            runs.append((i, i))
        elif word in NO_WORDS and i + 1 < len(tokens):
            if words[i + 1] == "one":
                runs.append((i, i + 1))
                continue
            j = i + 1
            while j < len(tokens) and j <= i + 3 and (
                    tokens[j].pos in ("ADJ", "NOUN", "PROPN")
                    or tokens[j].pos == "VERB" and j + 1 < len(tokens) and tokens[j + 1].pos in ("ADJ", "NOUN")):
                j += 1  # "no armed men": a participle before the noun
            last = _last_noun(tokens, i + 1, j)
            if last is not None:
                runs.append((i, last))
    return runs


def _number_runs(tokens: Sequence[Token], text: str) -> list[tuple[int, int]]:
    """Runs of number tokens ("30", "1,500", "two hundred", "2.5 million"), years excluded;
    not the "one" of "no one" (:func:`zero_runs`)."""
    runs, i = [], 0
    while i < len(tokens):
        word = text[tokens[i].start:tokens[i].end]
        if word.lower() == "one" and i > 0 and text[tokens[i - 1].start:tokens[i - 1].end].lower() in NO_WORDS:
            i += 1
            continue
        if _numeric(tokens[i], word):
            j = i
            while j + 1 < len(tokens) and _numeric(tokens[j + 1], text[tokens[j + 1].start:tokens[j + 1].end]):
                j += 1
            whole = text[tokens[i].start:tokens[j].end]
            if not YEAR.fullmatch(whole):
                runs.append((i, j))
            i = j + 1
        else:
            i += 1
    return runs


_DIGITS = re.compile(r"^\d[\d,.]*$")


def _numeric(token: Token, word: str) -> bool:
    """A number token: digits ("30", "1,500", "2.5") or a number word ("five", "million");
    not a code with letters ("AK-47")."""
    return bool(_DIGITS.match(word)) or is_number(word.lower())


def _token_range(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    inside = [i for i, t in enumerate(tokens) if t.start >= start and t.end <= end]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    while first <= last and tokens[first].pos in ("DET", "PUNCT", "ADP", "CCONJ") and first < last:
        first += 1  # "the Air Corps" -> "Air Corps"; "a Taliban commander" keeps its noun
    while last > first and tokens[last].pos in ("PUNCT", "PART"):
        last -= 1
    return first, last
