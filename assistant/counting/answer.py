"""The answer to a count, sum or list: "N of M reports in scope", one citation per counted
report at its evidence sentence (exact offsets), the "possibly" reports apart with their
sentence, sums of the typed numbers (a vague word never summed: those reports are named),
lists of distinct values with a citation each; and when the condition could not be read,
what was counted instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from ..language.conditions import (ARMED_ROLE_CUES, BLAME_VERBS, CLAIM_ROLE, NOT_ARMED_NAME_WORDS, QUOTE_VERBS,
                                   SETTLEMENT_LEVELS)
from ..language.dates import find_dates
from ..retrieval.scope import filter_words
from ..types import Answer, Citation, Scope
from .index import Gazetteer, IndexedDocument
from .matching import Decision, Hit, term_positions
from .query import CountQuery, Term
from .result import CountedReport, CountResult, ListedValue
from ..language.inflection import agree_with_count
from ..language.names import defined_abbreviations, initials, is_acronym
from .values import Amount, amounts, list_values, report_amount

MAX_POSSIBLY = 8
"""At most this many "possibly" reports are listed (the best partial matches first)."""

_MAX_JOINED = 600


class _Citations:
    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def add(self, document: IndexedDocument, start: int, end: int) -> int:
        """The number of the citation of ``document[start:end]``, added when new."""
        known = self._numbers.get((document.id, start, end))
        if known is not None:
            return known
        n = len(self.items) + 1
        self._numbers[(document.id, start, end)] = n
        self.items.append(Citation(n=n, document_id=document.id, source=document.source,
                                   chunk_id=f"{document.id}#{start}-{end}", start=start, end=end,
                                   text=document.text[start:end], score=1.0, path=document.path))
        return n


def evidence_span(hits: Sequence[Hit]) -> tuple[int, int]:
    """The cited span of a decision: its first evidence sentence, joined with the others when
    they lie within :data:`_MAX_JOINED` characters."""
    sentences = [h.sentence for h in hits if h.sentence is not None]
    if not sentences:
        return 0, 0
    first = sentences[0]
    start, end = min(s.start for s in sentences), max(s.end for s in sentences)
    if end - start > _MAX_JOINED:
        return first.start, first.end
    return start, end


def _label(document: IndexedDocument) -> str:
    return f"{document.id} ({document.date.isoformat() if document.date else 'undated'})"


def compose(query: CountQuery, decisions: Sequence[Decision], in_scope: int, indexed: int, gazetteer: Gazetteer,
            scope: Scope | None = None, within: Sequence[str] = (),
            postings: Mapping[str, set[str]] | None = None) -> Answer:
    """The :class:`Answer` (with :class:`CountResult` on ``Answer.count``) for the
    ``decisions`` over ``in_scope`` reports of ``indexed``; ``scope``: the scope as counted
    (stated with M); ``within``: the scope's place keys (a list of places keeps those in it);
    ``postings``: the collection's word postings (a list of armed groups reads only the reports
    that may name each group)."""
    notes = ()
    counted = [d for d in decisions if d.status == "counted"]
    possibly = sorted((d for d in decisions if d.status == "possibly"),
                      key=lambda d: -max((h.score for h in d.hits), default=0))[:MAX_POSSIBLY]
    if query.unit == "sum":
        return _sum(query, counted, possibly, in_scope, indexed, notes, scope, gazetteer, within)
    if query.unit == "list":
        return _list(query, counted, possibly, in_scope, indexed, gazetteer, notes, scope, within, postings)
    return _count(query, counted, possibly, in_scope, indexed, notes, scope)


def event_sum(query: CountQuery, decisions: Sequence[Decision]) -> CountQuery | None:
    """The sum reading of an events question ("how many truce violations were recorded in
    Varnek?", :attr:`CountQuery.events`) when most of its counted reports state a number of
    the counted noun itself in the sentences or table rows that state it ("monitors recorded
    4 violations", "| Varnek | 6 |" under "Violations": :func:`amounts`): the user asks for
    the events those numbers count, not for the reports.  ``None`` when the reports describe
    single events without numbers (each report then counts once) or the question is no
    events question."""
    head = query.head
    if query.unit != "reports" or not query.events or head is None:
        return None
    counted = [d for d in decisions if d.status == "counted"]
    if not counted:
        return None
    numbered = 0
    for decision in counted:
        hits = (decision.by_group[0] if decision.by_group else ()) or decision.hits[:1]
        value, _, _ = report_amount([a for h in hits for a in amounts(h.sentence, head)])
        numbered += value is not None
    if 2 * numbered <= len(counted):
        return None
    reading = query.reading.replace("reports that state", "the numbers of", 1)
    return replace(query, unit="sum", events=False, reading=reading)


def _scope_words(scope: Scope | None, in_scope: int, indexed: int, share: str = "") -> str:
    """``"3 reports in scope (dated 2019-04-01 to 2019-04-30; 24 indexed)"``; ``share``: the count's
    share of them, written after "reports" (``"3 reports (33 %) in scope ..."``)."""
    reports = f"{in_scope} report{'s' if in_scope != 1 else ''}{f' ({share})' if share else ''} in scope"
    words = filter_words(scope.filters) if scope is not None else []
    if not words:
        return f"{reports} (every indexed report)"
    return f"{reports} ({', '.join(words)}; {indexed} indexed)"


def _unreadable(query: CountQuery) -> str:
    if query.readable:
        return ""
    return (f"I could not read the condition of this question ({'; '.join(query.ignored) or query.question}); "
            f"I counted {query.reading} instead. ")


def _possibly_text(possibly: Sequence[Decision], citations: _Citations) -> tuple[str, list[CountedReport]]:
    if not possibly:
        return "", []
    parts, reports = [], []
    for decision in possibly:
        start, end = evidence_span(decision.hits)
        n = citations.add(decision.document, start, end)
        parts.append(f"{_label(decision.document)} [{n}] ({decision.why})")
        reports.append(CountedReport(decision.document.id, n, why=decision.why))
    return " Possibly (not counted, check): " + "; ".join(parts) + ".", reports


def _count(query: CountQuery, counted: Sequence[Decision], possibly: Sequence[Decision], in_scope: int,
           indexed: int, notes: Sequence[str], scope: Scope | None) -> Answer:
    citations = _Citations()
    reports, parts = [], []
    for decision in counted:
        start, end = evidence_span(decision.hits)
        n = citations.add(decision.document, start, end)
        reports.append(CountedReport(decision.document.id, n))
        parts.append(f"{_label(decision.document)} [{n}]")
    what = query.condition.describe() or "anything"
    n = len(counted)
    share = percent(n, in_scope) if query.share else ""
    text = (_unreadable(query) + f"{n} of {_scope_words(scope, in_scope, indexed, share)} state {what}"
            + (": " + ", ".join(parts) + "." if parts else "."))
    maybe, maybe_reports = _possibly_text(possibly, citations)
    text += maybe
    text += _rule(query, notes)
    result = CountResult("reports", tuple(reports), tuple(maybe_reports), in_scope, reading=query.reading,
                         readable=query.readable, share=n / in_scope if query.share and in_scope else None)
    return Answer(question=query.question, text=text, has_answer=True, citations=tuple(citations.items),
                  count=result)


def percent(n: int, of: int) -> str:
    """``n`` of ``of`` as a percentage in words: ``"20 %"``, ``"33.3 %"`` (one decimal unless whole),
    ``"<0.1 %"`` for a share too small to show; ``""`` when ``of`` is 0."""
    if of <= 0:
        return ""
    value = 100.0 * n / of
    if 0 < value < 0.05:
        return "<0.1 %"
    rounded = round(value, 1)
    return f"{rounded:g} %" if rounded != int(rounded) else f"{int(rounded)} %"


def _rule(query: CountQuery, notes: Sequence[str]) -> str:
    rule = (f" Counted: each report once, when one of its sentences states {query.condition.describe() or 'anything'}"
            if not query.condition.empty else " Counted: each report in scope once")
    if any(c.negated for g in query.condition.groups for c in g):
        rule += " (a negated condition: the sentence must say it did not happen)"
    if query.events:
        rule += f" (the question counts {query.head.text if query.head else 'events'}; each report is counted once)"
    rule += "."
    if notes:
        rule += " " + "; ".join(notes) + "."
    if query.ignored and query.readable:
        rule += f" Not read as a condition: {' '.join(query.ignored)}"
    return rule


def _in_scope_place(document: IndexedDocument, amount: Amount, amounts: Sequence[Amount], keys: set[str],
                    gazetteer: Gazetteer | None) -> bool:
    """``amount`` is not bound to a place outside the scope's place ``keys``.  A sentence naming several
    places gives each number the places named after its noun, before the next number of the sentence
    ("43 people *in Oskel* and 18 people *in Tirnau*"; "four soldiers killed *at Kessin in Brodny
    district*": both); a number with none of its own there keeps the sentence's scope (the count already
    found the scope's place near it)."""
    sentence = amount.sentence
    named = [p for p in document.places if sentence.start <= p.start < sentence.end and p.level != "dateline"]
    if len({p.key for p in named}) < 2:
        return True
    start = sentence.spans[amount.head][1] if amount.head < len(sentence.spans) else amount.end
    later = [a.start for a in amounts if a.sentence.start == sentence.start and a.start > amount.start]
    stop = min(later, default=sentence.end)
    own = [p for p in named if start <= p.start < stop]  # "at Kessin in Brodny district": both are its places
    return not own or any(p.key in keys or (gazetteer is not None and any(gazetteer.within(p.key, k) for k in keys))
                          for p in own)


def _sum(query: CountQuery, counted: Sequence[Decision], possibly: Sequence[Decision], in_scope: int, indexed: int,
         notes: Sequence[str], scope: Scope | None, gazetteer: Gazetteer | None = None,
         within: Sequence[str] = ()) -> Answer:
    head = query.head
    citations = _Citations()
    first = query.condition.groups[0] if query.condition.groups else ()
    verbs = [t for clause in first for t in clause.terms if t.pos == "VERB"]
    numbered: list[tuple[Decision, float, list]] = []
    vague: list[tuple[Decision, str, list]] = []
    for decision in counted:
        # every sentence that states the head's own clause may give the number (a headline states it
        # without one); the number must belong to a noun the condition's verb governs
        hits = (decision.by_group[0] if decision.by_group else ()) or decision.hits[:1]
        value, used, word = None, [], ""
        taken: set[tuple[int, int]] = set()  # (sentence, token): each number once, for one noun
        for noun in ((head, *query.also) if head else ()):  # "food parcels and hygiene kits": both added
            found = [a for h in hits for a in amounts(h.sentence, noun, verbs)
                     if (a.sentence.start, a.first) not in taken]
            if query.qualifiers:  # "American soldiers": "three U.S. soldiers", not "four soldiers"
                found = [a for a in found if _qualified(a, query.qualifiers)]
            if within:  # "43 people in Oskel and 18 people in Tirnau", asked about Tirnau: the 18
                found = [a for a in found if _in_scope_place(decision.document, a, found, set(within), gazetteer)]
            noun_value, noun_used, noun_word = report_amount(found)
            taken.update((a.sentence.start, a.first) for a in found)
            if noun_value is not None:
                value = (value or 0) + noun_value
                used = used + noun_used
            elif noun_word and value is None and not word:
                used, word = noun_used, noun_word
        if value is not None:
            word = ""
        if value is None and not query.qualifiers:  # the record's toll counts everyone killed
            value = _record_number(query, decision.document)
        if value is not None:
            numbered.append((decision, value, used))
        elif word:
            vague.append((decision, word, used))
    unit_word = " and ".join(t.text for t in (head, *query.also)) if head is not None else "things"
    reports, parts, repeated = [], [], []
    added: list[tuple[float, frozenset[date], int, frozenset[str]]] = []  # value, event days, citation, settlements
    texts: dict[int, str] = {}  # citation -> the sentences of its number (a table row's cells are no place mentions)
    for decision, value, used in numbered:
        start, end = _amount_span(decision, used)
        n = citations.add(decision.document, start, end)
        days = _event_days(decision.document, used)
        settled = _settlements(decision.document, used, gazetteer)
        same = next((m for v, d, m, _ in added if v == value and d & days), 0)
        how = "the same day"
        said = " ".join(decision.document.text[a.sentence.start:a.sentence.end] for a in used)
        if not same:  # one of the two states no day: the same number at the same village is one event
            same = next((m for v, d, m, p in added if v == value and not (d and days)
                         and (p & settled or _names_any(said, p) or _names_any(texts[m], settled))), 0)
            how = "the same place, no other day"
        if same:  # another report of one event ("14 detained on 3 March" in a release and a weekly update)
            reports.append(CountedReport(decision.document.id, n, same_as=same))
            repeated.append(f"{_label(decision.document)} [{n}] ({_number(value)}, {how} as [{same}])")
            continue
        added.append((value, days, n, settled))
        texts[n] = said
        reports.append(CountedReport(decision.document.id, n, value=value))
        parts.append(f"{_number(value)} in {_label(decision.document)} [{n}]")
    total = sum(v for v, _, _, _ in added)
    what = query.condition.describe() or "anything"
    if numbered:
        text = (_unreadable(query) + f"{'At least ' if vague else ''}{_number(total)} "
                f"{agree_with_count(unit_word, 1 if total == 1 and not vague else 2)} ({what}), from "
                f"{len(added)} of {_scope_words(scope, in_scope, indexed)}: " + "; ".join(parts) + ".")
    else:
        text = (_unreadable(query) + f"No report of the {_scope_words(scope, in_scope, indexed)} gives a number of "
                f"{unit_word} ({what}).")
    vague_reports = []
    if vague:
        items = []
        for decision, word, used in vague:
            start, end = _amount_span(decision, used)
            n = citations.add(decision.document, start, end)
            vague_reports.append(CountedReport(decision.document.id, n, vague=word))
            items.append(f"{_label(decision.document)} says \u201c{word}\u201d [{n}]")
        text += " Not added, no number given: " + "; ".join(items) + "."
    if repeated:
        text += (" Not added, the same number for the same event (day, or place when a report gives no day) as a "
                 "report already added: " + "; ".join(repeated) + ".")
    maybe, maybe_reports = _possibly_text(possibly, citations)
    text += maybe
    text += (f" Summed: the numbers attached to \u201c{unit_word}\u201d in the sentences that state {what}, each report "
             f"once (a vague word such as \u201cseveral\u201d adds nothing).")
    if notes:
        text += " " + "; ".join(notes) + "."
    result = CountResult("sum", tuple(reports) + tuple(vague_reports), tuple(maybe_reports), in_scope,
                         total=total if numbered else None, unit_word=unit_word, reading=query.reading,
                         readable=query.readable)
    return Answer(question=query.question, text=text, has_answer=bool(numbered) or bool(vague),
                  citations=tuple(citations.items), count=result)


def _qualified(amount: Amount, qualifiers: Sequence[Term]) -> bool:
    """One of the question's ``qualifiers`` (:attr:`CountQuery.qualifiers`) stands between the
    number of ``amount`` and its noun: "two *Border Guard* soldiers"."""
    return any(amount.first < p < amount.head for term in qualifiers for p in term_positions(amount.sentence, term))


def _record_number(query: CountQuery, document: IndexedDocument) -> float | None:
    """The incident record's stated minimum killed or captured (an accelerator for people
    killed or detained, when the sentences give no number next to the head noun)."""
    alternatives = {a for t in query.condition.terms() for a in t.alternatives}
    field = "killed" if "kill" in alternatives else "captured" if alternatives & {"detain", "capture", "arrest"} else None
    value = document.facts.get(field) if field else None
    return float(value) if isinstance(value, int) and value > 0 else None


def _settlements(document: IndexedDocument, used: list, gazetteer: Gazetteer | None) -> frozenset[str]:
    """The keys of the villages and towns (:data:`~assistant.language.conditions.SETTLEMENT_LEVELS`,
    as the text or the collection levels them, or :attr:`Gazetteer.settlements`) named in the
    sentences of a report's number."""
    spans = [(a.sentence.start, a.sentence.end) for a in used]
    found = set()
    for place in document.places:
        if not any(a <= place.start < b for a, b in spans):
            continue
        levels = {place.level} | set(gazetteer.levels.get(place.key, ()) if gazetteer else ())
        if levels & SETTLEMENT_LEVELS or (gazetteer is not None and place.key in gazetteer.settlements):
            found.add(place.key)
    return frozenset(found)


def _names_any(text: str, keys: frozenset[str]) -> bool:
    """``text`` names one of the places ``keys`` (:func:`~assistant.language.places.place_key` s) as a
    whole word, any case."""
    folded = text.casefold()
    return any(re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", folded) for key in keys)


def _event_days(document: IndexedDocument, used: list) -> frozenset[date]:
    """The days the sentences of a report's number state (:func:`~assistant.language.dates.find_dates`,
    partial and relative dates resolved against the report's date), without the report's own
    date written in full (its dateline)."""
    days: set[date] = set()
    for sentence in {a.sentence.start: a.sentence for a in used}.values():
        for mention in find_dates(document.text, base=document.date, start=sentence.start, end=sentence.end):
            if not (mention.kind == "full" and mention.value == document.date):
                days.add(mention.value)
    return frozenset(days)


def _amount_span(decision: Decision, used: list) -> tuple[int, int]:
    sentences = {a.sentence.start: a.sentence for a in used}
    if not sentences:
        return evidence_span(decision.hits)
    start = min(s.start for s in sentences.values())
    end = max(s.end for s in sentences.values())
    if end - start > _MAX_JOINED:
        first = min(sentences.values(), key=lambda s: s.start)
        return first.start, first.end
    return start, end


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _list(query: CountQuery, counted: Sequence[Decision], possibly: Sequence[Decision], in_scope: int, indexed: int,
          gazetteer: Gazetteer, notes: Sequence[str], scope: Scope | None, within: Sequence[str],
          postings: Mapping[str, set[str]] | None = None) -> Answer:
    citations = _Citations()
    kind = query.list_kind or "thing"
    within = list(within) if kind == "place" else []
    values: dict[str, dict] = {}
    reports = []
    documents: dict[str, IndexedDocument] = {}
    for decision in counted:
        document = decision.document
        documents[document.id] = document
        if kind == "report":
            start, end = evidence_span(decision.hits)
            n = citations.add(document, start, end)
            values.setdefault(document.id, {"text": document.id, "citation": n, "documents": [document.id]})
            reports.append(CountedReport(document.id, n))
            continue
        found = list_values(document, decision.support or decision.hits, kind, query.level, query.head, gazetteer,
                            within, whole=query.condition.empty, terms=query.condition.terms(),
                            speakers=kind == "person" and any(t.lemma in QUOTE_VERBS for t in query.condition.terms()))
        if kind == "person" and document.facts.get("names_killed") and _asks_killed(query):
            found = [(str(name).lower(), str(name), *_name_span(document, str(name))) for name in
                     document.facts["names_killed"]] or found
        for key, written, a, b in found:
            entry = values.get(key)
            if entry is None:
                values[key] = {"text": written, "first": (document, a, b), "documents": [document.id],
                               "seen": {document.id}}
            elif document.id not in entry["seen"]:  # a set: a value named by thousands of reports
                entry["seen"].add(document.id)
                entry["documents"].append(document.id)
    if kind == "group":
        _merge_acronyms(values)
        if query.armed:  # "which armed groups": no state force, office or aid body
            # every report read for the list, not only those it was listed from: the recogniser may miss
            # the name where the report says what the group did
            roles = {k: _armed_group(v["text"], list(documents.values()), postings) for k, v in values.items()}
            if not any(roles.values()):  # no sentence gives any of them a part in violence: their names decide
                roles = {k: armed_name(v["text"]) for k, v in values.items()}
            for key in [k for k, v in roles.items() if not v]:
                del values[key]
    for entry in sorted((v for v in values.values() if "first" in v), key=lambda v: _list_order(kind, v)):
        document, a, b = entry.pop("first")
        start, end = _sentence_of(document, a, b)
        entry["citation"] = citations.add(document, start, end)
        reports.append(CountedReport(document.id, entry["citation"]))
    listed = sorted((ListedValue(v["text"], v["citation"], tuple(v["documents"])) for v in values.values()),
                    key=lambda v: v.citation)
    noun = query.head.text if query.head is not None else "values"
    what = query.condition.describe() or "anything"
    if listed:
        text = (_unreadable(query) + f"{len(listed)} {agree_with_count(noun, len(listed))}: " + ", ".join(f"{v.value} [{v.citation}]" for v in listed)
                + f" (from {len(counted)} of {_scope_words(scope, in_scope, indexed)} that state {what}).")
    else:
        text = (_unreadable(query) + f"No {noun} found: {len(counted)} of {_scope_words(scope, in_scope, indexed)} "
                f"state {what}, and none of them names one.")
    maybe, maybe_reports = _possibly_text(possibly, citations)
    text += maybe
    text += f" Listed: each distinct {noun.rstrip('s') if noun.endswith('s') else noun} once, cited where a report names it."
    if notes:
        text += " " + "; ".join(notes) + "."
    result = CountResult("list", tuple(reports), tuple(maybe_reports), in_scope, values=tuple(listed),
                         reading=query.reading, readable=query.readable)
    return Answer(question=query.question, text=text, has_answer=True, citations=tuple(citations.items), count=result)


def armed_name(name: str) -> bool:
    """``name`` may be an armed group's: none of its words is one of
    :data:`~assistant.language.conditions.NOT_ARMED_NAME_WORDS` ("Border Rifles Force",
    "Lantern Aid", "National Police" are not; "Grey Heron Collective" may be)."""
    return not {w.casefold() for w in re.findall(r"[^\W\d_]+", name)} & NOT_ARMED_NAME_WORDS


def _armed_group(name: str, documents: Sequence[IndexedDocument],
                 postings: Mapping[str, set[str]] | None = None) -> bool:
    """The organisation ``name`` is an armed group by what the sentences of ``documents`` that
    name it say it does: it claims responsibility (named before the claim) or is blamed
    (:data:`~assistant.language.conditions.CLAIM_ROLE`, :data:`~assistant.language.conditions.BLAME_VERBS`),
    whatever its name's words ("the Hill Army claimed responsibility"); else a sentence with one of
    :data:`~assistant.language.conditions.ARMED_ROLE_CUES` names it and its name is no state, aid or
    civic body's (:func:`armed_name`).  An acronym whose long form, as a report defines it
    ("Relief Monitor (RMN)"), is such a body is none either.  False when no sentence names it so.
    ``postings``: the collection's ``{lower-case word: document ids}``
    (:attr:`assistant.counting.index.SentenceIndex.postings`); only the documents holding the
    name's rarest word are read (all of ``documents`` without it)."""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?!\w)")
    longest = max(name.split(), key=len)  # a plain substring test first: most reports do not name it
    acronym, armed = is_acronym(name), armed_name(name)
    containing = None
    if postings is not None:  # the documents with the name's rarest word (words are tokens there)
        found = [postings.get(w.lower()) for w in re.findall(r"[^\W\d_]{3,}", name)]
        if found and all(found):  # else a word is no token of the pipeline's ("People's": "people", "'s")
            containing = min(found, key=len)
    cued = False
    for document in documents:
        if containing is not None and document.id not in containing:
            continue
        if longest not in document.text or pattern.search(document.text) is None:
            continue
        if acronym:
            long = defined_abbreviations(document.text).get(name.upper())
            if long and not armed_name(long):
                return False
        sentences = document.sentences
        starts = [s.start for s in sentences]
        read: set[int] = set()
        for found in pattern.finditer(document.text):  # each sentence naming it once, at its first mention
            at = bisect_right(starts, found.start()) - 1
            if at < 0 or at in read or found.end() > sentences[at].end:
                continue
            read.add(at)
            sentence = sentences[at]
            lemmas = [lemma.lower() for lemma in sentence.lemmas]
            if any(lemma in CLAIM_ROLE[0] and sentence.spans[i][0] >= found.end()
                   and not CLAIM_ROLE[1].isdisjoint(lemmas[i + 1:i + 4]) for i, lemma in enumerate(lemmas)):
                return True
            if BLAME_VERBS & set(lemmas):
                return True
            cued = cued or bool(ARMED_ROLE_CUES & set(lemmas))
            if cued and armed and not acronym:
                return True  # nothing later can make it no armed group
    return cued and armed


def _merge_acronyms(values: dict[str, dict]) -> None:
    """A group listed both by its name and by its initials ("Northern Shield Movement", "NSM",
    :func:`~assistant.language.names.initials`) is one value, under its name: the initials'
    reports join the name's entry (in place)."""
    long_forms = {initials(v["text"]): key for key, v in values.items() if initials(v["text"])}
    for key in list(values):
        entry = values[key]
        target = long_forms.get(entry["text"].upper()) if is_acronym(entry["text"]) else None
        if target is None or target == key:
            continue
        kept = values[target]
        for document_id in entry["documents"]:
            if document_id not in kept["seen"]:
                kept["seen"].add(document_id)
                kept["documents"].append(document_id)
        del values[key]


def _list_order(kind: str, entry: dict) -> tuple:
    """The order a list shows its values in (the order of the product before counting was
    general): places, groups and things alphabetically, as a reference list; people and reports
    in the order of the report date of their first report (undated last), as the reports tell
    them."""
    if kind in ("person", "report"):
        dated = entry["first"][0].date
        return (dated is None, dated or date.min, entry["text"].lower())
    return (entry["text"].lower(),)


def _asks_killed(query: CountQuery) -> bool:
    return any("kill" in t.alternatives for t in query.condition.terms())


def _name_span(document: IndexedDocument, name: str) -> tuple[int, int]:
    at = document.text.find(name)
    return (at, at + len(name)) if at >= 0 else (0, 0)


def _sentence_of(document: IndexedDocument, start: int, end: int) -> tuple[int, int]:
    for sentence in document.sentences:
        if sentence.start <= start < sentence.end:
            return sentence.start, max(sentence.end, min(end, sentence.end))
    return start, end
