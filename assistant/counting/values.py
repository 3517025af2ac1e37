"""What a counted report contributes to a sum or a list.

* **Sums**: the numbers attached to the head noun in the report's evidence sentences ("two
  insurgents", "65 kilometres", "132 pounds of opium": a number right before the noun, a
  unit before "of" + the noun; "at least"/"more than" keep the stated minimum).  A report whose
  sentences state the head with a vague word ("several suspects") adds nothing and is named.
  Within one report, numbers of several sentences are added only when a later one says
  "additional", "another", "more" or "also"; otherwise the largest is kept (releases repeat
  one event); the rows of a table add up (one number a row), or the prose's number when it is
  larger (a total stated beside the table).  A sum of people also takes a number whose noun the sentence leaves out for the
  condition's verb ("killing three", "injuring 12 others", "wounding two", "three were killed",
  "12 wounded") or names a kind of person ("wounded 5 guards"); a part of a total ("four of
  them children", "among them two children") counts only when the report gives no total.
* **Lists**: the values of the asked kind in the evidence sentence (else its paragraph, else
  the report): places of the asked level (place phrases and place entities the collection
  elsewhere gives that level), people's names (``PERSON``), groups (``ORG`` and named groups),
  or the matched words of the head noun.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from collections.abc import Iterable, Sequence
import re
from dataclasses import dataclass, replace

from ..language.conditions import GENERIC_WORDS, SPEECH_VERBS
from ..language.dates import MONTH_NAMES, WEEKDAYS
from ..language.names import is_acronym
from ..language.numbers import VAGUE_WORDS, number_value
from ..language.inflection import is_english_word
from ..language.places import DASH_DATELINE, LEVELS, place_key, same_level
from ..language.sentences import column_header, header_cells
from .index import Gazetteer, IndexedDocument, IndexedSentence
from .matching import Hit, term_positions
from .query import Term

_PLACE_HEADERS = frozenset(LEVELS) | {"location", "place", "area", "locality", "site", "settlement"}
"""Header words of a table column of places."""

_ADDING = frozenset({"additional", "another", "more", "also", "further", "other"})
_APPROXIMATE_MIN = {"more than": 1, "over": 1}


@dataclass(frozen=True)
class Amount:
    """A number a report states for the head noun: ``value``, the sentence, the word span of
    the number, ``vague``: the vague word instead of a number (``value`` is ``None``),
    ``first``/``head``: the token positions of the number and of the noun it counts."""

    value: float | None
    sentence: IndexedSentence
    start: int
    end: int
    vague: str = ""
    adds: bool = False
    first: int = 0
    head: int = 0
    part: bool = False
    row: bool = False


def amounts(sentence: IndexedSentence, head: Term, verbs: Sequence[Term] = ()) -> list[Amount]:
    """The numbers ``sentence`` attaches to ``head`` (see the module docstring); with ``verbs``
    (the condition's verbs) only those of nouns the verbs govern (:func:`governed_by`), plus,
    for a head naming people, those the verbs take without a noun (:func:`elided_amounts`)."""
    found = list({a.first: a for a in reversed(_amounts(sentence, head))}.values())[::-1]  # one per number
    if _is_table_row(sentence):  # a row's number counts what its own column's header names
        wanted = {i for term in (head, *verbs) for i in term_positions(sentence, term)}
        acted = {i for term in verbs for i in term_positions(sentence, term)}
        found += [a for a in elided_amounts(sentence, head, verbs) if all(a.first != b.first for b in found)]
        for j, word in enumerate(sentence.words):  # a cell under a header stating the verb, however tagged
            value = _value(word) if sentence.pos[j] == "NUM" else None
            if value is not None and all(a.first != j for a in found) and acted & set(range(j, _cell_end(sentence, j))) \
                    and (j == 0 or sentence.words[j - 1] == "|"):
                found.append(_amount(sentence, value, j, j))
        cells = [a for a in found if wanted & set(range(a.first, _cell_end(sentence, a.first)))]
        by_verb = [a for a in cells if acted & set(range(a.first, _cell_end(sentence, a.first)))]
        # "| Benthar | 2 | 3 |" under "Civilians killed | Civilians injured": the people killed are
        # the column whose header states the verb, not every column naming people
        return [replace(a, row=True) for a in (by_verb or cells)]
    if verbs:
        found = [a for a in found if governed_by(a, verbs)]
        taken = {a.first for a in found}
        found += [a for a in elided_amounts(sentence, head, verbs) if a.first not in taken]
    return _joined_by_and(sentence, [_as_part(sentence, a) for a in found])


def _joined_by_and(sentence: IndexedSentence, found: list[Amount]) -> list[Amount]:
    """``found`` with each number that "and" joins to an earlier one of the same sentence marked
    ``adds``: "three soldiers *and two* police officers were wounded", "14 cases of cholera in Kelm
    *and 3* cases in Dorn" are five and 17, not the larger number.  The words between the first
    number's noun and the second number must hold "and" and no verb (not "two were killed and
    two others were detained"), and no part of a total ("four of them children") is joined."""
    ordered = sorted(found, key=lambda a: a.first)
    out = {id(a): a for a in ordered}
    for earlier, later in zip(ordered, ordered[1:]):
        if earlier.part or later.part or earlier.row or later.row or earlier.value is None or later.value is None:
            continue
        between = range(max(earlier.head, earlier.first) + 1, later.first)
        if not between or any(sentence.pos[k] in ("VERB", "AUX") or sentence.words[k] in (";", ":") for k in between):
            continue
        if any(sentence.words[k] == "and" for k in between):
            out[id(later)] = replace(later, adds=True)
    return [out[id(a)] for a in found]


def _cell_end(sentence: IndexedSentence, position: int) -> int:
    """The position of the "|" that ends the cell of ``position`` (the sentence's end if none)."""
    return next((i for i in range(position + 1, len(sentence.words)) if sentence.words[i] == "|"), len(sentence.words))


def _is_table_row(sentence: IndexedSentence) -> bool:
    """The sentence is a table row read with its column headers (its tokens are not in text order)."""
    return "|" in sentence.words and any(b[0] < a[0] for a, b in zip(sentence.spans, sentence.spans[1:]))


_PART_OF = frozenset({"them", "whom", "these", "those"})
_PART_LEADS = frozenset({"among", "including", "includes", "include", "included"})


def _as_part(sentence: IndexedSentence, amount: Amount) -> Amount:
    """``amount`` marked ``part`` when it counts a part of a total stated before it: "four of
    them children", "among them two children", "including three women"."""
    words = sentence.words
    j = amount.first
    if j + 2 < len(words) and words[j + 1] == "of" and words[j + 2] in _PART_OF:
        return replace(amount, part=True)
    before = [w for w in words[max(0, j - 2):j] if w not in (",", "at", "least")]
    if before and (before[-1] in _PART_LEADS or before[-1] in _PART_OF and len(before) > 1 and before[-2] in _PART_LEADS):
        return replace(amount, part=True)
    return amount


_ELIDED_BEFORE = ("ADV", "ADP", "ADJ", "PART", "DET")  # "killing at least three", "wounding as many as 12"
_AMOUNT_ADP = frozenset({"at", "as", "than", "to", "up", "about", "around", "over", "nearly", "some"})
"""Prepositions that may stand between a verb and the number it takes ("killing at least three"),
unlike "in"/"on" before a date ("killed on 4 ...")."""


def elided_amounts(sentence: IndexedSentence, head: Term, verbs: Sequence[Term]) -> list[Amount]:
    """For a ``head`` naming people in general ("people", "person"): the numbers of ``sentence`` that count
    the condition's ``verbs`` without the head noun: the object of such a verb with no noun after it
    or "others" ("killing three", "injuring 12 others", "wounding two") or a kind of person
    ("wounded 5 guards"), the subject of one ("three were
    killed"), or the number before the event's own noun or participle ("12 wounded", "four
    deaths"); "N of them ..." is read as a part (:func:`_as_part`).  Read from the part-of-speech
    tags."""
    from ..language.wordnet import wordnet

    net = wordnet()
    if head.lemma not in GENERIC_WORDS or not net.names_person(head.lemma):
        return []  # "killing two" says nothing of how many of them were children or soldiers
    verb_at = {i for verb in verbs for i in term_positions(sentence, verb)}
    if not verb_at:
        return []
    words, pos, lemmas = sentence.words, sentence.pos, sentence.lemmas
    out: list[Amount] = []
    for j, word in enumerate(words):
        value = _value(word)
        if value is None or len(word) == 4 and word.isdigit() or pos[j] not in ("NUM", "PRON", "NOUN", "ADJ") and not word.isdigit():
            continue
        after = j + 1
        if after < len(words) and (after in verb_at and pos[after] in ("NOUN", "ADJ", "VERB")):
            out.append(_amount(sentence, value, j, after))  # "12 wounded", "four deaths"
            continue
        while after + 1 < len(words) and pos[after] == "PROPN" and pos[after + 1] in ("PROPN", "NOUN"):
            after += 1  # "four BRF soldiers": a name classifying the counted noun
        if after < len(words) and lemmas[after] == "other":
            after += 1
        elif after < len(words) and pos[after] in ("NOUN", "PROPN", "NUM") and not (
                pos[after] == "NOUN" and net.names_person(lemmas[_run_end(pos, after, ("NOUN",)) - 1])):
            continue  # another noun counted ("three trucks"; "two police officers" are people)
        elif after < len(words) and pos[after] == "ADJ":
            continue
        k = j - 1
        while k >= 0 and j - k <= 4 and pos[k] in _ELIDED_BEFORE and (pos[k] != "ADP" or words[k] in _AMOUNT_ADP):
            k -= 1
        if k >= 0 and k in verb_at and pos[k] == "VERB":
            out.append(_amount(sentence, value, j, j))  # the verb's object
            continue
        # past the counted noun phrase ("two *police officers*") and any later numbered people of a series
        m = _run_end(pos, after, ("NOUN", "PROPN")) if after < len(words) and pos[after] == "NOUN" else after
        m = _past_series(words, pos, lemmas, net, m)
        while m < len(words) and pos[m] in ("AUX", "ADV", "PART"):
            m += 1
        if m < len(words) and m in verb_at and pos[m] == "VERB" and m > j + 1:
            out.append(_amount(sentence, value, j, j))  # the verb's subject: "three were killed"
    return out


def _run_end(pos: Sequence[str], at: int, kinds: tuple[str, ...], most: int = 3) -> int:
    """The position after the run of up to ``most`` words from ``at`` whose part of speech is one
    of ``kinds`` ("two *police officers*": the counted noun phrase); ``at`` when none is."""
    end = at
    while end < len(pos) and end - at < most and pos[end] in kinds:
        end += 1
    return end


def _past_series(words: Sequence[str], pos: Sequence[str], lemmas: Sequence[str], net, m: int) -> int:
    """The position after the later items of a series of numbered people starting at ``m`` ("three
    soldiers *and two police officers* were wounded"): each item "and"/"," + a number + up to three
    nouns naming people; ``m`` when no such item follows."""
    while m + 2 < len(words) and words[m] in ("and", ",") and _value(words[m + 1]) is not None:
        k = _run_end(pos, m + 2, ("NOUN", "PROPN", "ADJ"))
        if k == m + 2 or not net.names_person(lemmas[k - 1]):
            break
        m = k
    return m


def _value(word: str) -> float | None:
    value = number_value(word)
    if value is None and word.replace(",", "").isdigit():
        value = float(word.replace(",", ""))
    return float(value) if value is not None else None


def _amount(sentence: IndexedSentence, value: float, first: int, head: int) -> Amount:
    adds = any(w in _ADDING for w in sentence.words[max(0, first - 1): head + 2])
    return Amount(value, sentence, sentence.spans[first][0], sentence.spans[first][1], adds=adds, first=first,
                  head=head)


def _amounts(sentence: IndexedSentence, head: Term) -> list[Amount]:
    found: list[Amount] = []
    words = sentence.words
    for position in term_positions(sentence, head):
        if position >= 3 and words[position - 2] == "of" and words[position - 1] in _PART_OF:
            value = _value(words[position - 3])  # "two of them children"
            if value is not None:
                found.append(_amount(sentence, value, position - 3, position))
                continue
        amount = _number_before(sentence, position)
        if amount is None and position + 2 < len(sentence.words) and sentence.words[position + 1] == "of":
            continue
        if amount is not None:
            found.append(amount)
    for i, word in enumerate(sentence.words):  # "132 pounds of wet opium": the unit before "of" + head
        if word == "of" and i > 0 and any(p in term_positions(sentence, head) for p in range(i + 1, i + 4)):
            amount = _number_before(sentence, i - 1, unit=True)
            if amount is not None and all(a.start != amount.start for a in found):
                found.append(amount)
    return found


def _number_before(sentence: IndexedSentence, position: int, *, unit: bool = False) -> Amount | None:
    words, pos = sentence.words, sentence.pos
    j = position - 1
    skipped = 0
    while j >= 0 and skipped < 3 and pos[j] in ("ADJ", "NOUN", "PROPN", "VERB") and number_value(words[j]) is None \
            and words[j] not in VAGUE_WORDS:
        j -= 1
        skipped += 1
    if unit and skipped:
        return None
    if j < 0:
        return None
    word = words[j]
    adds = any(w in _ADDING for w in words[max(0, j - 1) : position])
    value = number_value(word)
    if value is None and "," in word:
        value = number_value(word.replace(",", ""))
    if value is None:
        try:
            value = float(word.replace(",", "")) if word.replace(",", "").replace(".", "", 1).isdigit() else None
        except ValueError:
            value = None
    if value is not None:
        start = j
        if j >= 2 and f"{words[j - 2]} {words[j - 1]}" in _APPROXIMATE_MIN:
            value += _APPROXIMATE_MIN[f"{words[j - 2]} {words[j - 1]}"]
            start = j - 2
        return Amount(float(value), sentence, sentence.spans[start][0], sentence.spans[j][1], adds=adds,
                      first=start, head=position)
    if word in VAGUE_WORDS and word not in ("all", "group", "number", "some"):
        return Amount(None, sentence, sentence.spans[j][0], sentence.spans[j][1], vague=word, adds=adds,
                      first=j, head=position)
    if word in ("a", "an", "one") and not unit and pos[position] in ("NOUN",) and not words[position].endswith("s"):
        return Amount(1.0, sentence, sentence.spans[j][0], sentence.spans[position][1], adds=adds, first=j,
                      head=position)
    return None


GOVERNOR_REACH = 8
"""Tokens after a counted noun within which the verb it is the subject of is looked for."""


def governed_by(amount: Amount, verbs: Sequence[Term]) -> bool:
    """The counted noun of ``amount`` is an argument of one of the condition's ``verbs``: the
    object of a verb right before the number ("detained four additional suspects"), else the
    subject of the first verb after the noun ("a Taliban leader was captured"; not "two
    insurgents were killed" for "captured"); a later number of a series is the verb's object
    as its first ("distributed 250 blankets and 40 filters").  True when no verb is near (a
    table row)."""
    sentence = amount.sentence
    positions = {i for verb in verbs for i in term_positions(sentence, verb)}
    first = _series_start(sentence, amount.first)  # "distributed 250 blankets and 40 filters"
    j = first - 1
    while j >= 0 and first - j <= 3 and sentence.pos[j] in ("ADV", "ADP", "DET", "PART", "AUX"):
        j -= 1
    if j >= 0 and sentence.pos[j] == "VERB" and first - j <= 3:
        return j in positions
    for k in range(amount.head + 1, min(len(sentence.words), amount.head + 1 + GOVERNOR_REACH)):
        if sentence.pos[k] == "VERB":
            return k in positions
        if sentence.words[k] in (";", ":"):
            break
    return True


def _series_start(sentence: IndexedSentence, first: int) -> int:
    """The position of the first number of the series of numbered nouns whose later item starts
    at ``first`` ("distributed 250 blankets and *40* water filters": the 250), ``first`` itself
    when no numbered noun and a conjunction or comma stand right before it."""
    words, pos = sentence.words, sentence.pos
    j = first - 1
    while j > 0 and (pos[j] == "CCONJ" or words[j] == ","):
        k = j - 1
        while k >= 0 and j - k <= 4 and pos[k] in ("NOUN", "ADJ", "PROPN"):
            k -= 1
        if k < 0 or k == j - 1 or pos[k] != "NUM" or _value(words[k]) is None:
            break
        first, j = k, k - 1
    return first


def report_amount(found: Sequence[Amount]) -> tuple[float | None, list[Amount], str]:
    """One report's number from its amounts: ``(value, amounts used, vague word)``;
    ``value`` is ``None`` when only vague words were found."""
    numbers = [a for a in found if a.value is not None]
    if any(not a.part for a in numbers):
        numbers = [a for a in numbers if not a.part]  # "Eleven ..., four of them children": the total
    if not numbers:
        vague = next((a.vague for a in found if a.vague), "")
        return None, [a for a in found if a.vague][:1], vague
    rows = list({a.sentence.start: a for a in numbers if a.row}.values())  # one number a row
    numbers = [a for a in numbers if not a.row]
    base = max((a for a in numbers if not a.adds), key=lambda a: a.value or 0, default=None)
    used = [base] if base is not None else []
    used += [a for a in numbers if a.adds]
    if rows and sum(a.value or 0 for a in rows) >= sum(a.value or 0 for a in used):
        return sum(a.value or 0 for a in rows), rows, ""  # a table's rows add up; its total is not added again
    return sum(a.value or 0 for a in used), used, ""


def list_values(document: IndexedDocument, hits: Sequence[Hit], kind: str, level: str | None, head: Term | None,
                gazetteer: Gazetteer, within: Iterable[str] = (), *, whole: bool = False,
                terms: Sequence[Term] = (), speakers: bool = False) -> list[tuple[str, str, int, int]]:
    """The values of ``kind`` that ``document`` names with its evidence ``hits`` (every
    sentence that states the condition): ``(key, as written, start, end)``, each key once.
    Each sentence gives the values it names, else those of the nearest sentence before it in
    its paragraph that names any (it refers back: "The road was closed ..."), else of the
    heading above it; when no sentence gives any, the report's one value of that kind (a
    report about one place often names it only in its first line; a report naming several
    gives none).  ``within``: place keys the values must lie in (a list of "districts of Kunar
    province")."""
    containers = [k for k in within if k]

    def kept(values: list[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
        if not containers or kind != "place":
            return values
        return [v for v in values if any(gazetteer.within(v[0], c) or _together(document, v[2], c)
                                         or _only_one(document, c, gazetteer) for c in containers)]

    found: dict[str, tuple[str, str, int, int]] = {}
    if whole:  # no condition ("which districts are named"): every value the report names
        return list({v[0]: v for v in reversed(kept(_values_in(document, 0, len(document.text), kind, level, head,
                                                                hits, gazetteer, speakers)))}.values())[::-1]
    for hit in hits:
        if hit.sentence is None:
            continue
        sentence = hit.sentence
        values = kept(_values_in(document, sentence.start, sentence.end, kind, level, head, [hit], gazetteer, speakers,
                                 actors=True))
        if not values and kind == "group":
            values = _publisher_speaking(document, sentence)
        for start, end in _context(document, sentence, terms) if not values else ():
            values = kept(_values_in(document, start, end, kind, level, head, [hit], gazetteer, speakers, actors=True))
            if values:
                break
        for value in values:
            found.setdefault(value[0], value)
    if not found:  # a report about one place names it once, often only in its first line
        whole = {v[0]: v for v in kept(_values_in(document, 0, len(document.text), kind, level, head, hits, gazetteer,
                                                              speakers))}
        if len(whole) == 1:
            found.update(whole)
    if not found and kind == "place" and level in ("province", "district"):
        value = document.facts.get(level)  # the incident record's field, an accelerator
        if value:
            key = place_key(str(value))
            at = _find(document.text, str(value))
            found[key] = (key, str(value), at, at + len(str(value)))
    return list(found.values())


CONTEXT_SENTENCES = 3
"""How many sentences before an evidence sentence (within its paragraph) may give its values."""


def _context(document: IndexedDocument, sentence: IndexedSentence, terms: Sequence[Term] = ()) -> list[tuple[int, int]]:
    """The spans a sentence without values of its own refers to, nearest first: up to
    :data:`CONTEXT_SENTENCES` sentences before it in its paragraph that state one of the
    condition's ``terms`` ("2.2 The Drenna-Holvenn road, Drenna district." before "The road
    was closed"; not a sentence about another event), then the heading above it."""
    paragraph_start, paragraph_end = document.paragraph(sentence.start)
    before = [s for s in document.sentences if paragraph_start <= s.start < sentence.start][-CONTEXT_SENTENCES:]
    spans = [(s.start, s.end) for s in reversed(before) if not terms or any(term_positions(s, t) for t in terms)]
    following = _table_after(document.text, paragraph_end)
    if following is not None and sentence.end >= paragraph_end - 1:
        spans.append(following)  # "Our observers recorded the following violations." over a table
    heading = document.heading(sentence.start)
    if heading is not None:
        spans.append(heading)
    return spans


def _table_after(text: str, offset: int) -> tuple[int, int] | None:
    """The span of the table that begins right after ``offset`` (blank lines between allowed),
    ``None`` when the next block is not a table (its first line is no row with a header below)."""
    start = offset
    while start < len(text) and text[start] in "\n \t":
        start += 1
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    lines = text[start:end].rstrip().split("\n")
    if len(lines) < 2 or "|" not in lines[0] or "|" not in lines[-1]:
        return None
    return start, end


def _find(text: str, value: str) -> int:
    at = text.lower().find(value.lower())
    return max(at, 0)


SPEAKER_REACH = 8
"""Tokens between a speech verb and the name of the person it attributes the words to."""


def _speaks(document: IndexedDocument, start: int, end: int) -> bool:
    """The person named at ``start``-``end`` is the speaker of a speech verb next to the name
    ('"...," said U.S. Army Col. Rafael Torres'; '"...," he said' names nobody).  The window
    runs across sentence ends (a title such as "Lt.Col." often ends a sentence for the splitter)."""
    tokens = [(a, b, lemma, pos) for sentence in document.sentences if sentence.end > start - 200 and sentence.start < end + 200
              for (a, b), lemma, pos in zip(sentence.spans, sentence.lemmas, sentence.pos)]
    first = next((i for i, t in enumerate(tokens) if t[1] > start), None)
    if first is None:
        return False
    last = next((i for i, t in enumerate(tokens) if t[1] >= end), first)
    window = tokens[max(0, first - SPEAKER_REACH) : last + SPEAKER_REACH + 1]
    return any(lemma in SPEECH_VERBS and pos == "VERB" for _, _, lemma, pos in window)


def _only_one(document: IndexedDocument, container: str, gazetteer: Gazetteer) -> bool:
    """The report names ``container`` and no other place of its level (a report about one
    province puts all its districts in it)."""
    levels = set(gazetteer.levels.get(container, ())) - {"village", "town", "city"}
    if not levels or not any(p.key == container for p in document.places):
        return False
    return not any(p.key != container and (p.level in levels or levels & gazetteer.levels.get(p.key, frozenset()))
                   and not gazetteer.within(p.key, container) for p in document.places if p.level != "dateline")


def _together(document: IndexedDocument, offset: int, container: str) -> bool:
    """The container place is named in the same sentence as ``offset``."""
    for sentence in document.sentences:
        if sentence.start <= offset < sentence.end:
            return any(p.key == container and sentence.start <= p.start < sentence.end for p in document.places)
    return False


def _values_in(document: IndexedDocument, start: int, end: int, kind: str, level: str | None, head: Term | None,
               hits: Sequence[Hit], gazetteer: Gazetteer, speakers: bool = False,
               actors: bool = False) -> list[tuple[str, str, int, int]]:
    """The values of ``kind`` named in ``start``-``end`` of ``document`` (see :func:`list_values`);
    ``actors``: the span is a sentence that states the condition (or the one it refers back to),
    where the report's publisher named in the body is an actor ("Harbour Aid opened a clinic"),
    not the report itself."""
    text = document.text
    if kind == "place":
        out = _row_cells(text, start, end, level) if level else []
        for place in document.places:
            if not (start <= place.start < end):
                continue
            if level is None or same_level(place.level, level):
                out.append((place.key, place.name, place.start, place.end))
            elif place.level not in LEVELS and (gazetteer.levels.get(place.key) == frozenset({level}) or (
                    gazetteer.levels.get(place.key) and all(same_level(k, level) for k in gazetteer.levels[place.key]))):
                # named without its level ("fighting in Vesk"): the collection's only level for it
                out.append((place.key, place.name, place.start, place.end))
            elif place.level not in LEVELS and place.key in gazetteer.settlements and any(
                    same_level(kind_of, level) for kind_of in ("village", "town")):
                # never named with a level, but put right in a district ("Tirek, Sablin district")
                out.append((place.key, place.name, place.start, place.end))
        return out
    if kind in ("person", "group"):
        label = "PERSON" if kind == "person" else "ORG"
        # an entity the collection elsewhere names as a place ("the Kunduz attack") is no person
        starts = [s.start for s in document.sentences] if label == "ORG" else []
        entities = [(a, _name_end(document, a, b, starts) if label == "ORG" else b, l) for a, b, l in document.entities
                    if l == label and start <= a < end]
        if label == "ORG":
            entities = [(_after_dateline(text, a, b), b, l) for a, b, l in entities]
        found = [(place_key(text[a:b]), _strip(text[a:b]), a, b) for a, b, l in entities
                 if not gazetteer.levels.get(place_key(text[a:b]))
                 and not _no_name(text, a, b) and not (label == "ORG" and _common_word(text[a:b]))
                 and not (kind == "group" and _names_the_report(document, a, b, actor=actors))]
        if speakers:
            found = [v for v in found if _speaks(document, v[2], v[3])]
        return found
    if kind == "thing" and head is not None:
        out = []
        for hit in hits:
            sentence = hit.sentence
            if sentence is None or not (start <= sentence.start < end):
                continue
            for i in term_positions(sentence, head):
                a, b = sentence.spans[i]
                out.append((sentence.lemmas[i], text[a:b], a, b))
        return out
    return []


def _names_the_report(document: IndexedDocument, start: int, end: int, *, actor: bool = False) -> bool:
    """The organisation named at ``start``-``end`` is no actor of the report's events but part of
    the report itself: its publisher (:func:`~assistant.language.publishers.find_publisher`), a
    name in its first line (the masthead or title), in a ``Label: value`` line ("**Issued:**
    Vorn"), in a table's header row ("| Date | Location |"), or a dateline's place ("KELDRA,
    10 March").  The publisher's name elsewhere in the report is the report itself too, unless
    ``actor``: the name stands in a sentence that states what is asked ("Harbour Aid opened a
    clinic in Dunmere", told by Harbour Aid)."""
    from ..language.publishers import find_publisher
    from ..language.sentences import is_label_line

    text = document.text
    publisher = find_publisher(text)
    if publisher is not None and (publisher.start <= start < publisher.end
                                  or not actor and place_key(publisher.name) == place_key(text[start:end])):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if not text[:line_start].strip() or is_label_line(line):
        return True
    before = text[line_start:start].strip(" *_#>").lower()
    colon = text.find(":", start, line_end)
    if before in ("", "the") and 0 <= colon <= end + 3:
        return True  # a speaker's label in a transcript: "**The Arvenna Review:** How has March been?"
    rest = (text[line_start:start] + " " + text[end:line_end]).lower()
    if not re.search(r"[a-z]{4,}", re.sub(r"\b(?:%s)\b" % "|".join(MONTH_NAMES), " ", rest)):
        return True  # a line of the name and a date only: "*The Arvenna Review, 20 April 2023*"
    if "|" in line:
        header = column_header(text, start) or _block_header(text, line_start, start)
        if header is not None and (header == "" or set(header.lower().split()) & _PLACE_HEADERS):
            return True  # a header cell, or a cell of a place column ("| Halm |" under "| Village |")
    name = text[start:end]
    words_before = text[max(0, start - 12):start].split()
    if " " not in name.strip() and not is_acronym(name.strip()) and words_before \
            and words_before[-1].lower() in _LOCATIVE:
        return True  # "the market in Halm": one word after "in" is a place the pipeline did not read
    following = text[line_end + 1:text.find("\n", line_end + 1) if text.find("\n", line_end + 1) >= 0 else len(text)]
    if "|" in line and set(following.strip()) <= set("|-: ") and "-" in following:
        return True  # a header row: "| Date | Location | ..." over "|---|---|"
    # a place (a dateline's too), unless the organisation is named after it ("the Crow Valley Front")
    return any(p.start < end and start < p.end and not _named_after(text, p.end, end) for p in document.places)


def _named_after(text: str, place_end: int, end: int) -> bool:
    """The organisation's name ending at ``end`` goes on past the place it holds (ending at
    ``place_end``) with a capitalised word: "Crow Valley *Front*", "Lissel *Council*"."""
    return any(w[:1].isupper() for w in re.findall(r"[^\W\d_]+", text[place_end:end]))


_LOCATIVE = frozenset({"in", "at", "near", "outside", "around"})


def _block_header(text: str, line_start: int, offset: int) -> str | None:
    """For ``offset`` in a row of cells ("28 March | Mosk | Sablin") of a table whose rows stand
    apart (blank lines between, as a converted document writes them): ``""`` when the row is the
    table's first (its header), else the first row's cell in the same column; ``None`` when
    not in such a table."""
    lines = text[:line_start].split("\n")
    rows = []
    for previous in reversed(lines[:-1] if lines and lines[-1] == "" else lines):
        if not previous.strip():
            continue
        if "|" not in previous:
            break
        rows.append(previous)
    line_end = text.find("\n", offset)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    column = text[line_start:offset].count("|")
    if not rows:
        following = text[len(text) if line_end < 0 else line_end:].lstrip("\n")
        return "" if following.split("\n", 1)[0].count("|") == line.count("|") > 0 else None
    cells = rows[-1].split("|")
    return cells[column].strip() if column < len(cells) else None


def _row_cells(text: str, start: int, end: int, level: str) -> list[tuple[str, str, int, int]]:
    """The cells of the table rows in ``start``-``end`` whose column header is the place ``level``
    (or its kin: "| Brodny | 4 |" under "| District | Violations |" for districts), as values."""
    return [(place_key(value), value, first, first + len(value)) for value, first, header in
            header_cells(text, start, end) if any(same_level(w, level) for w in header.lower().split())]


def _strip(name: str) -> str:
    """A name as listed: its whitespace one space (a name wrapped over a line break, "Selbay
    Coast\nFighters"), without a leading article or a trailing possessive."""
    name = " ".join(name.split())
    for prefix in ("the ", "The "):
        if name.startswith(prefix):
            name = name[len(prefix):]
    return name.removesuffix("'s").removesuffix("’s")


FIRST_PERSON = frozenset({"we", "our", "us", "ours"})
"""Pronouns by which a report's publisher tells what it did itself ("*Our* teams distributed ...")."""


def _publisher_speaking(document: IndexedDocument, sentence: IndexedSentence) -> list[tuple[str, str, int, int]]:
    """The report's publisher (:func:`~assistant.language.publishers.find_publisher`) as the value
    of ``sentence`` when the sentence tells in the first person what was done ("*We* distributed
    300 food baskets"): ``[]`` when it does not or no publisher is stated."""
    if not any(word in FIRST_PERSON and pos == "PRON" for word, pos in zip(sentence.words, sentence.pos)):
        return []
    from ..language.publishers import find_publisher

    publisher = find_publisher(document.text)
    if publisher is None:
        return []
    return [(place_key(publisher.name), _strip(publisher.name), publisher.start, publisher.end)]


NAME_REACH = 2
"""Capitalised proper nouns right after an organisation entity that may still belong to its name."""


def _name_end(document: IndexedDocument, start: int, end: int, starts: Sequence[int] | None = None) -> int:
    """The end of the organisation's name whose entity is ``start``-``end``: the entity, plus up to
    :data:`NAME_REACH` capitalised nouns that follow it in its sentence with one space between
    ("Brightwell Aid lent us two trucks", for which the pipeline may label only "Brightwell";
    no month or day name).  ``starts``: the starts of ``document``'s sentences, when the caller
    has them (one list for all the entities of a document)."""
    if starts is None:
        starts = [s.start for s in document.sentences]
    at = bisect_right(starts, start) - 1
    sentence = document.sentences[at] if at >= 0 and start < document.sentences[at].end else None
    if sentence is None:
        return end
    first = bisect_left(sentence.spans, (end, -1))  # the first token at or after ``end``
    following = [(*sentence.spans[i], sentence.pos[i]) for i in range(first, min(first + NAME_REACH, len(sentence.spans)))]
    for a, b, pos in following:
        word = document.text[a:b]
        if pos not in ("PROPN", "NOUN") or not word[:1].isupper() or document.text[end:a] != " " \
                or word.lower() in MONTH_NAMES or word.lower() in WEEKDAYS:
            break
        end = b
    return end


def _after_dateline(text: str, start: int, end: int) -> int:
    """The start of the organisation entity at ``start``-``end`` without a dash dateline the
    pipeline glued to it ("HARROW - Security" -> "Security"): a dateline
    (:data:`~assistant.language.places.DASH_DATELINE`)
    at a line start."""
    if start > 0 and text[start - 1] != "\n":
        return start
    found = DASH_DATELINE.match(text, start, end)
    return found.end() if found is not None and found.end() < end else start


def _common_word(name: str) -> bool:
    """The organisation's name is one common English word (:func:`~assistant.language.inflection.is_english_word`,
    not written in capitals): "Ministry", "Police", "Security" capitalised by the sentence or the
    table cell it starts, no name of one organisation ("Hamas", "NATO" are names)."""
    words = _strip(name).split()
    return len(words) == 1 and not words[0].isupper() and is_english_word(words[0])


def _no_name(text: str, start: int, end: int) -> bool:
    """The entity at ``start``-``end`` is no name of a group or person: it has no letters
    ("19/03/2023", which the pipeline may label ``ORG``), or it stands in a heading line written
    in capitals ("KEY POINTS", "MEDICAL NOTE") and is no acronym the text writes again ("ISAF")."""
    name = text[start:end]
    if not re.search(r"[^\W\d_]", name):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    if not line.isupper() or any(c.isalpha() and not c.isupper() for c in line) or len(line.split()) < 2:
        return False  # (str.isupper first: most lines are no heading, and it is one C call)
    return not (is_acronym(name.strip()) and len(re.findall(rf"\b{re.escape(name.strip())}\b", text)) > 1)
