"""Read a count/sum/list question into a :class:`~assistant.counting.query.CountQuery`, from
the question's dependency parse (:func:`assistant.language.nlp.parse_question`), not from a
list of phrasings.

1. **Unit**: "how many/much X" or "number of X" (X a report noun: count reports; X a person,
   group or unit of measure by WordNet: sum; another noun such as "airstrikes": count the
   reports that state one), "which/what X", "in which X", "list/name the X", "names of the X"
   (list values of X's kind); "count the X" as "how many X"; "what share/percentage of the
   reports" as "how many reports", answered as a share (:func:`share_as_count`).
2. **Scope**: the question's dates (DATE entities and month/year words), places (GPE/LOC/FAC
   entities and "X district"-style phrases) and sources ("published by X").
3. **Condition**: what is left.  Content words (nouns, verbs, adjectives, names) are grouped
   into clauses by the verb that governs them; verbs joined by "and" that have their own
   subject are separate conditions (all must hold), joined by "or" alternatives; verbs or
   nouns sharing one slot ("harmed, injured or killed", "rifles, grenades") are alternatives
   of one term, and so are the items of a parenthesis after a word ("weapons (rifles,
   grenades)", "al-Qaida (also spelled al-Qaeda)").  A negation ("no", "not", "nobody",
   "without") makes its clause negated.  Reporting verbs ("reports that *describe*"), generic
   words ("someone") and the agent of a transitive verb ("the security force did not fire")
   are not required; a phrase with a proper name requires the name.
4. Each term's alternatives come from WordNet (:meth:`assistant.language.wordnet.WordNet.related`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from ..language.conditions import (
    ARMED_MODIFIERS,
    COUNT_VERBS,
    DEFINITE_DETERMINERS,
    EVENT_FAMILIES,
    FRAME_NOUNS,
    GENERIC_WORDS,
    DENYING_HARM,
    GROUP_NOUNS,
    HARM_LEMMAS,
    LIST_VERBS,
    NEGATING_SUBJECTS,
    NEGATING_PREPOSITIONS,
    INABILITY,
    NEGATIONS,
    PARENTHESIS_LEAD,
    PARENTHESIS_SKIP,
    PERSON_NOUNS,
    PLACE_LEVELS,
    PLACE_NOUNS,
    PROPORTION_SENSES,
    REPORT_NOUNS,
    REPORTING_VERBS,
    SCOPE_LEADS,
    SUM_CUES,
    SUPPORT_VERBS,
)
from ..language.inflection import agree_with_do, gerunds, is_base_verb
from ..language.names import initials
from ..language.places import NAME_MARKS
from ..language.question import passive_source
from ..language.wordnet import POS, WordNet
from ..types import Scope
from .query import Clause, Condition, CountQuery, Term

_META_VERBS = frozenset({"count", "add", "sum", "total", "tally"})
_LIGHT_VERBS = frozenset({"take", "have", "make", "get", "give", "hold", "be", "do", "happen", "occur", "see"})
_QUESTION_WORDS = frozenset({"how", "many", "much", "which", "what", "who", "whom", "whose", "where", "when"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})
_PERSON_HYPERNYMS = frozenset({"person", "people", "group", "social group", "organism"})
_MEASURE_HYPERNYMS = frozenset({"unit of measurement", "measure", "quantity"})


def read_count_query(question: str, parse: Callable[[str], Any], wordnet: WordNet,
                     scope: Scope | None = None, *, whole: bool = False) -> CountQuery | None:
    """The count/sum/list reading of ``question``, or ``None`` when it is no such question.

    ``parse`` is :func:`assistant.language.nlp.parse_question` (a spaCy ``Doc``); ``wordnet``
    gives each term's alternatives; ``scope``: the question's scope
    (:func:`assistant.retrieval.scope.resolve_scope`; the words it was read from are not part
    of the condition).  A question that counts but whose condition cannot be
    read comes back with ``readable`` false (never ``None``), so it is not answered from the
    top passages as if it were another question.  ``whole``: read "how many X" as the sum of
    the numbers of X every report states even without "in total" (the question's one answer
    was a row of a table: :func:`whole_table_reading`); ``None`` still when it is no count.
    """
    passive = passive_source(question) if scope is not None and scope.filters.source else None
    # "how many reports did X publish": X is the scope's source; "killed, wounded or detained":
    # the conjuncts of a comma series joined by "or" each, as the parser reads them reliably
    doc = parse(or_series(passive or question))
    as_count = share_as_count(doc, wordnet)
    if as_count is not None:  # "What share of the reports ..." -> "How many reports ...", divided by M
        doc = parse(as_count)
    sentence = _asking_sentence(doc)
    if sentence is None:
        return None
    ignored = tuple(s.text.strip() for s in doc.sents if s.start != sentence.start)
    statement = declarative(sentence) or object_last(sentence) or reported_as_said(sentence)
    if statement is not None:  # "In how many reports was X wounded?" -> "How many reports state that X was wounded?"
        doc = parse(statement)
        sentence = next(iter(doc.sents))
    reader = _Reader(doc, sentence, wordnet)
    reader.whole = whole
    query = reader.read(question, ignored, scope)
    if query is not None and as_count is not None and query.unit == "reports":
        query = replace(query, share=True)
    return query


_SERIES_WORD = r"[a-z][a-z'-]*"
_OR_SERIES = re.compile(rf"\b(?P<items>{_SERIES_WORD}(?:\s*,\s*{_SERIES_WORD})+)\s*,?\s+or\s+(?={_SERIES_WORD}\b)")


def or_series(question: str) -> str:
    """``question`` with the commas of each comma series of single lower-case words that ends in
    "or" written as "or": ``"were insurgents killed, wounded or detained"`` -> ``"were insurgents
    killed or wounded or detained"``, ``"schools closed, damaged, or destroyed"`` -> ``"schools
    closed or damaged or destroyed"``.  The conjuncts of such a series are alternatives of one
    slot; the small English model attaches a comma conjunct to whatever verb is near (the
    reporting verb, or an adjective's head), the chain of "or" it reads as one coordination.
    Capitalised words (names of places, a scope) and multi-word items are left as written."""
    def joined(found: re.Match) -> str:
        items = re.split(r"\s*,\s*", found.group("items"))
        return " or ".join(items) + " or "

    return _OR_SERIES.sub(joined, question)


def share_as_count(doc: Any, wordnet: WordNet) -> str | None:
    """The question ``doc`` (a parse) asks what share of the reports state something ("What
    *percentage* of the reports mention floods?", "In what *proportion* of reports was a school
    closed?"): its text with the share's words replaced by "how many" ("How many reports mention
    floods?", "In how many reports was a school closed?"), to be read as that count and answered
    as a share of the reports in scope; ``None`` for any other question.  The share noun is a
    part of a whole in WordNet (:data:`~assistant.language.conditions.PROPORTION_SENSES`, or a
    synonym of such a noun: "share"); it must be followed by "of" and a report noun ("what share
    of the farmland was flooded" is one stated number)."""
    kinds = wordnet.kinds(PROPORTION_SENSES)
    for token in doc:
        if token.lower_ not in ("what", "which") or token.dep_ != "det" or token.head.pos_ != "NOUN":
            continue
        noun = token.head
        if not _proportion(noun.lemma_.lower(), wordnet, kinds):
            continue
        of = next((c for c in noun.children if c.lower_ == "of" and c.i == noun.i + 1), None)
        reports = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if reports is None or reports.lemma_.lower() not in REPORT_NOUNS:
            continue
        first = min([reports, *(c for c in reports.children if c.dep_ in ("compound", "amod") and c.i < reports.i)],
                    key=lambda t: t.i)
        words = "How many " if token.i == 0 else "how many "
        return doc.text[:token.idx] + words + doc.text[first.idx:]
    return None


def _proportion(lemma: str, wordnet: WordNet, kinds: frozenset[int]) -> bool:
    """The noun ``lemma`` names a part of a whole (a kind of one of ``kinds`` in its first senses,
    or a synonym in its first sense of a noun that is one: "share" of "percentage")."""
    if wordnet.is_a(lemma, "noun", kinds, senses=3):
        return True
    return any(word != lemma and wordnet.is_a(word, "noun", kinds, senses=1)
               for offset in wordnet.senses(lemma, "noun")[:1] for word in wordnet.synset("noun", offset).words)


def whole_table_reading(question: str, parse: Callable[[str], Any], wordnet: WordNet, scope: Scope | None,
                        text: str, offset: int) -> CountQuery | None:
    """The sum reading of a "how many X" ``question`` whose single answer is the number at
    ``offset`` of a report ``text`` that stands in a table row under a column header naming X
    ("How many truce breaches were logged?" answered by "| Farl | Tessa | 5 |" under
    "Breaches"), when the question names none of the row's other cells: one row is a part, the
    question asks for the whole (every row of every report, summed).  ``None`` otherwise."""
    from ..language.sentences import column_header

    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    header = column_header(text, offset) if "|" in line else None
    if not header:
        return None
    query = read_count_query(question, parse, wordnet, scope, whole=True)
    if query is None or query.unit != "sum" or query.head is None:
        return None
    words = {w.strip(".,:;()").lower() for w in header.split()}
    singular = {w[:-1] for w in words if w.endswith("s")}
    if not ((words | singular) & (query.head.alternatives | {query.head.lemma, query.head.text.lower()})):
        return None
    asked = question.lower()
    cells = [c.strip().lower() for c in line.split("|") if c.strip()]
    if any(any(ch.isalpha() for ch in c) and re.search(rf"(?<!\w){re.escape(c)}(?!\w)", asked) for c in cells):
        return None  # "How many breaches were logged in Farl?": the row the question names
    return query


_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "CCONJ", "PRON", "PART"})


def declarative(sentence: Any) -> str | None:
    """An inverted count question as a statement the parser reads reliably, or ``None``:
    ``"In how many reports was a police officer or a National Guard soldier wounded?"`` ->
    ``"How many reports state that a police officer or a National Guard soldier was wounded?"``;
    ``"In how many reports did a road reopen?"`` -> ``"... state that a road reopened ?"`` (the
    auxiliary "do" dropped, the bare verb made to agree with it by
    :func:`~assistant.language.inflection.agree_with_do`, so the parser reads a verb with its
    subject, not the noun "road reopen"); "did ... not" keeps the auxiliary.  The small English
    model often takes "reports" for the subject of the inverted auxiliary and loses the
    condition's own subject."""
    tokens = list(sentence)
    lowered = [t.lower_ for t in tokens]
    for i in range(len(tokens) - 2):
        if lowered[i] == "how" and lowered[i + 1] == "many":
            break
    else:
        return None
    j = i + 2
    if j < len(tokens) and lowered[j] == "of":  # "how many of the reports"
        j += 1
        while j < len(tokens) and tokens[j].pos_ == "DET":
            j += 1
    while j < len(tokens) and tokens[j].pos_ in ("NOUN", "PROPN", "ADJ") and tokens[j].lemma_.lower() not in REPORT_NOUNS:
        j += 1
    if j >= len(tokens) or tokens[j].lemma_.lower() not in REPORT_NOUNS:
        return None
    j += 1
    if j >= len(tokens) or tokens[j].pos_ not in ("AUX", "VERB") or tokens[j].lemma_.lower() not in ("be", "do", "have"):
        return None
    aux = tokens[j]
    k = j + 1
    depth = 0
    while k < len(tokens):
        token = tokens[k]
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0 and token.pos_ not in _NP_POS and not (token.lower_ == "of" and k + 1 < len(tokens)
                                                                and tokens[k + 1].pos_ in _NP_POS):
            break
        k += 1
    if k == j + 1 or k >= len(tokens):
        return None
    counting = sentence.doc[tokens[i].i : tokens[j].i].text
    modifiers = tokens[i + 2 : j - 1]
    place = any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.lemma_.lower() in PLACE_LEVELS for t in modifiers)
    says = "state that"
    if modifiers and lowered[i + 2] != "of" and place:
        # "how many Kandahar province reports state that": the tagger reads "reports" as the verb of
        # "province"; "how many reports from Kandahar province say that" keeps it the counted noun
        # (and "say", unlike "state", is not read as a noun after "province")
        named = sentence.doc[modifiers[0].i : tokens[j - 1].i].text
        counting = f"{tokens[i].text} {tokens[i + 1].text} {tokens[j - 1].text} from {named}"
        says = "say that"
    counting = f"{counting[:1].upper()}{counting[1:]} {says}"
    doc = sentence.doc
    if aux.lemma_.lower() == "do":
        negation = next((p for p in range(j + 2, k) if tokens[p].lower_ in ("not", "n't", "never")), None)
        if negation is not None:  # "did the army not fire": the auxiliary carries the negation, kept
            subject = doc[tokens[j + 1].i : tokens[negation].i].text
            rest = doc[tokens[negation].i : tokens[-1].i + 1].text
            return f"{counting} {subject} {aux.text.lower()} {rest}"
        at = _supported_verb(tokens, j + 1, k)
        if at is not None:  # "did a road reopen" -> "a road reopened": the verb agrees with the dropped "did"
            subject = doc[tokens[j + 1].i : tokens[at[0]].i].text
            before = doc[tokens[at[0]].i : tokens[at[1]].i].text  # adverbs: "did a road *finally* reopen"
            verb = agree_with_do(tokens[at[1]].text, aux.lower_)
            after = doc[tokens[at[1]].i + 1 : tokens[-1].i + 1].text
            return " ".join(part for part in (counting, subject, before, verb, after) if part)
    subject = doc[tokens[j + 1].i : tokens[k].i].text
    rest = doc[tokens[k].i : tokens[-1].i + 1].text
    verb = "" if aux.lemma_.lower() == "do" else f"{aux.text.lower()} "
    return f"{counting} {subject} {verb}{rest}"


def object_last(sentence: Any) -> str | None:
    """An inverted amount question whose auxiliary the parser took for the main verb, as the
    statement it reads reliably, or ``None``: ``"How much money did the council release?"`` ->
    ``"the council did release how much money ?"``.  The small English model often reads "did" as
    the verb "do" with the bare verb as its noun object ("did the council *release*": a noun);
    only then is the question rewritten (:func:`_supported_verb` finds the verb, lemminflect's
    lexicon), so a question the parser already reads keeps its parse."""
    tokens = list(sentence)
    lowered = [t.lower_ for t in tokens]
    i = next((n for n in range(len(tokens) - 2) if lowered[n] == "how" and lowered[n + 1] in ("many", "much")), None)
    if i is None:
        return None
    j = i + 2
    while j < len(tokens) and tokens[j].pos_ in ("NOUN", "PROPN", "ADJ") and tokens[j].lemma_.lower() not in REPORT_NOUNS:
        j += 1
    if j == i + 2 or j >= len(tokens) or lowered[j] not in ("did", "does", "do") or tokens[j].pos_ != "VERB" \
            or tokens[j].dep_ != "ROOT":
        return None
    k = j + 1
    while k < len(tokens) and tokens[k].pos_ in _NP_POS:
        k += 1
    at = _supported_verb(tokens, j + 1, k)
    if at is None or at[0] != at[1]:
        return None
    doc = sentence.doc
    subject = doc[tokens[j + 1].i : tokens[at[0]].i].text
    amount = doc[tokens[i].i : tokens[j].i].text
    after = doc[tokens[at[1]].i + 1 : tokens[-1].i + 1].text
    subject = subject[:1].upper() + subject[1:]
    return " ".join(part for part in (subject, lowered[j], tokens[at[1]].text, amount.lower(), after) if part)


def reported_as_said(sentence: Any) -> str | None:
    """A count of reports whose reporting verb the tagger took for a noun, with "say that" in its
    place, or ``None``: ``"How many reports from Ardel province describe insurgents killed by a
    drone?"`` (the tagger: "province describe insurgents", one noun phrase) -> ``"How many reports
    from Ardel province say that insurgents killed by a drone?"``.  Every reporting verb
    (:data:`~assistant.language.conditions.REPORTING_VERBS`, its forms from lemminflect) asks the
    same of a report, and "say" is the one the tagger reads as a verb there."""
    from lemminflect import getAllLemmas

    tokens = list(sentence)
    lowered = [t.lower_ for t in tokens]
    i = next((n for n in range(len(tokens) - 2) if lowered[n] == "how" and lowered[n + 1] == "many"), None)
    if i is None:
        return None
    j = i + 2
    while j < len(tokens) and tokens[j].lemma_.lower() not in REPORT_NOUNS and tokens[j].pos_ in ("ADJ", "NOUN", "PROPN"):
        j += 1
    if j >= len(tokens) - 1 or tokens[j].lemma_.lower() not in REPORT_NOUNS or lowered[j + 1] not in ("from", "by", "of"):
        return None
    k = j + 2
    while k < len(tokens) and tokens[k].pos_ in _NP_POS and tokens[k].pos_ != "PRON":
        verbs = getAllLemmas(lowered[k], upos="VERB").get("VERB", ())
        if k > j + 2 and tokens[k].pos_ != "VERB" and any(v in REPORTING_VERBS for v in verbs):
            doc = sentence.doc
            return f"{doc[tokens[0].i : tokens[k].i].text} say that {doc[tokens[k].i + 1 : tokens[-1].i + 1].text}"
        k += 1
    return None


def _supported_verb(tokens: list[Any], start: int, end: int) -> tuple[int, int] | None:
    """Where the bare verb of a do-supported question stands, as ``(first word after the subject,
    the verb)`` (indices into ``tokens``; equal without adverbs between), or ``None``.

    ``tokens[start:end]`` is the noun phrase read after the auxiliary.  The verb is the parser's
    own verb after it (adverbs skipped: "did the militia *quickly withdraw*"), else, when the
    tagger took the bare verb for the last noun of that phrase ("did a road reopen": *reopen* a
    noun with *road* its compound), the last word of the phrase that is the base form of a verb
    (lemminflect's lexicon) after a word that can end a subject (not a determiner, preposition,
    conjunction or particle), never the phrase's first word."""
    q = end
    while q < len(tokens) and tokens[q].pos_ == "ADV":
        q += 1
    if q < len(tokens) and tokens[q].pos_ == "VERB" and is_base_verb(tokens[q].text):
        return end, q
    for p in range(end - 1, start, -1):
        token = tokens[p]
        if token.pos_ in ("NOUN", "VERB", "ADJ") and is_base_verb(token.text) \
                and tokens[p - 1].pos_ not in ("DET", "ADP", "CCONJ", "PART", "PUNCT"):
            return p, p
    return None


def _asking_sentence(doc: Any) -> Any | None:
    for sentence in doc.sents:
        words = [t.lower_ for t in sentence]
        text = " ".join(words)
        if re.search(r"\bhow (?:many|much)\b|\bnumber of\b|\b(?:which|what)\b", text) or (
                words and (words[0] in LIST_VERBS or words[0] in COUNT_VERBS)):
            return sentence
    return None


class _Reader:
    def __init__(self, doc: Any, sentence: Any, wordnet: WordNet) -> None:
        self.doc = doc
        self.tokens = [t for t in sentence]
        self.wordnet = wordnet
        self.used: set[int] = set()
        self.anchor_ids: set[int] = set()  # the tokens that anchor a clause of the condition
        self.pronominal = False  # "how many were ...": no counted noun, "many" is the verb's argument
        self.extra: dict[int, list[str]] = {}  # token index -> alternatives from a parenthesis
        self.whole = False  # read "how many X" as a sum of every report's numbers (a table's column)
        self.armed = False  # "which armed groups": state forces and civilian bodies are no values
        self.qualifiers: list[Term] = []  # the names before a summed noun: "Border Guard soldiers"
        self.also: list[Term] = []  # the nouns conjoined with a summed noun: "parcels and *kits*"
        self.imperative = False  # "Count the ...": asks across reports by itself

    # ----- the steps ---------------------------------------------------------------------------

    def read(self, question: str, ignored: tuple[str, ...], scope: Scope | None) -> CountQuery | None:
        self._parentheses()
        unit = self._unit()
        if unit is None:
            return None
        kind, head, list_kind, level, events = unit
        scoped = self._mark_scope(scope)
        read_before_condition = frozenset(self.used)  # the count's own words and the scope's
        groups, leftover = self._condition()
        # a sum across reports says so ("in total", "altogether", "do the reports say"); without
        # that, "how many insurgents did the patrol kill?" asks what one report states
        if self.whole and events and head is not None:
            kind, events = "sum", False  # "how many breaches": the numbers the rows state, added
            groups = [(Clause((head,)),)] + list(groups)
        has_cue = kind != "sum" or self.imperative or self._sum_cue() or self._report_cue() or self._toll(head, scoped, read_before_condition) or self.whole
        if kind == "reports" and events and not (self._report_cue() or scoped or self._sum_cue() or self._existential()
                                                 or self.imperative):
            return None  # "How many airstrikes were reported?" may ask what one report says
        if not has_cue or self.pronominal and not (self._report_cue() or self._sum_cue()):
            return None  # without "in total" / "in how many reports", what one report states
        if events and head is not None:  # "how many airstrikes": the reports that state one
            groups = [(Clause((head,)),)] + list(groups)
        condition = Condition(tuple(groups))
        readable = bool(groups) or not leftover
        reading = _reading(kind, head, list_kind, level, condition, scope, events)
        return CountQuery(question=question, unit=kind, condition=condition, head=head,
                          list_kind=list_kind, level=level, readable=readable, reading=reading, events=events,
                          ignored=ignored + tuple(leftover if not readable else ()), armed=self.armed,
                          qualifiers=tuple(self.qualifiers) if kind == "sum" else (),
                          also=tuple(self.also) if kind == "sum" else ())

    def _parentheses(self) -> None:
        """Items of a parenthesis become alternatives of the word before it (or are dropped)."""
        depth_start = None
        for i, token in enumerate(self.tokens):
            if token.text == "(":
                depth_start = i
            elif token.text == ")" and depth_start is not None:
                inside = self.tokens[depth_start + 1 : i]
                self.used.update(t.i for t in self.tokens[depth_start : i + 1])
                before = next((t for t in reversed(self.tokens[:depth_start]) if not t.is_punct), None)
                if before is not None and inside and inside[0].lower_ not in PARENTHESIS_SKIP:
                    self.extra.setdefault(before.i, []).extend(_items(" ".join(t.text for t in inside)))
                depth_start = None

    def _unit(self) -> tuple[str, Term | None, str | None, str | None, bool] | None:
        toks = self.tokens
        for i, token in enumerate(toks[:-1]):
            if token.lower_ == "how" and toks[i + 1].lower_ in ("many", "much"):
                self.used.update((token.i, toks[i + 1].i))
                if i > 0 and toks[i - 1].lower_ == "in":
                    self.used.add(toks[i - 1].i)
                noun = self._counted_noun(toks[i + 1]) or self._noun_after(i + 2)
                if noun is not None and _multiplier(noun):
                    return None  # "how many times more did they pay": a ratio one report states, not a count
                # "how many were detained?": "many" is the verb's own argument, the people or things
                # of the clause, not reports
                self.pronominal = noun is None and toks[i + 1].dep_ in ("nsubj", "nsubjpass", "dobj")
                return self._counted(noun, much=toks[i + 1].lower_ == "much")
            if token.lower_ == "number" and toks[i + 1].lower_ == "of":
                self.used.update((token.i, toks[i + 1].i))
                return self._counted(self._noun_after(i + 2), much=False)
        if toks and toks[0].lower_ in COUNT_VERBS and toks[0].pos_ == "VERB":
            # "Count the reports that mention arrests", "Count the attacks in X": a count across reports
            noun = next((c for c in toks[0].children if c.dep_ == "dobj"), None)
            if noun is not None and noun.pos_ == "NOUN":
                self.used.add(toks[0].i)
                self.imperative = True
                return self._counted(noun, much=False)
        if toks and toks[0].lower_ in LIST_VERBS:
            self.used.add(toks[0].i)
            noun = next((c for c in toks[0].children if c.dep_ == "dobj"), None) or self._noun_after(1)
            if noun is not None and (_plural(noun) or noun.lemma_.lower() == "name"
                                     or any(c.lower_ in ("every", "each", "all") for c in noun.children)):
                return self._listed(noun)
            if noun is not None:
                return None  # "Name the leader of ...": one answer, not a list across reports
        root = next((t for t in toks if t.dep_ == "ROOT"), None)
        for i, token in enumerate(toks):
            if token.lower_ in ("which", "what"):
                if root is not None and token.i > root.i:
                    # after the sentence's main verb the question word does not open the asking phrase: it
                    # opens a relative clause ("the operation in which two soldiers were hurt") or stands
                    # where its answer would in a statement ("prices rose for which fuels?"): one answer
                    continue
                noun = token.head if token.dep_ == "det" and token.head.pos_ in ("NOUN", "PROPN") else None
                if noun is None:
                    noun = self._noun_after(i + 1, limit=3)
                if noun is None:
                    continue
                if not _plural(noun):
                    return None  # "which leader ...?", "what depot ...?": one answer, not a list across reports
                self.used.add(token.i)
                if i > 0 and toks[i - 1].lower_ == "in":
                    self.used.add(toks[i - 1].i)
                return self._listed(noun)
        return None

    def _counted_noun(self, many: Any) -> Any | None:
        """The noun "many"/"much" modifies in the parse, when it follows within eight words ("how many
        *Taliban vehicle-borne IED* facilitators": *facilitators*); ``None``: no such noun."""
        head = many.head
        if many.dep_ in ("amod", "det") and head.pos_ in ("NOUN", "PROPN") and 0 < head.i - many.i <= 8 \
                and (not head.ent_type_ or _group_of_people(head)):
            return head
        return None

    def _noun_after(self, start: int, limit: int = 4) -> Any | None:
        for token in self.tokens[start : start + limit]:
            if token.lower_ in ("of", "the"):
                continue
            if token.ent_type_ and token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("compound", "amod", "nmod") \
                    and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN"):
                continue  # a name modifying the counted noun: "how many *Taliban* facilitators", "*ISIS* militants"
            if token.pos_ in ("NOUN", "PROPN") and (not token.ent_type_ or _group_of_people(token)):
                # the last noun of a compound ("press releases")
                while token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN"):
                    token = token.head
                return token
            if token.pos_ not in ("ADJ", "DET", "ADP", "NUM") and token.tag_ not in ("VBN", "VBG") and not (
                    token.tag_ == "VBD" and token.pos_ != "AUX" and token.i > self.tokens[0].i and self.doc[token.i - 1].lower_ in ("which", "what")):
                # "which *named* officers": a participle the tagger read as a past tense
                return None
        return None

    def _counted(self, noun: Any | None, *, much: bool) -> tuple[str, Term | None, str | None, str | None, bool]:
        if noun is None:
            return "sum" if much else "reports", None, None, None, False
        self.used.add(noun.i)
        self.used.update(c.i for c in noun.children if c.dep_ == "compound" or c.lower_ in ("of", "the"))
        lemma = noun.lemma_.lower()
        if lemma in REPORT_NOUNS or lemma == "time":
            self.used.update(c.i for c in noun.children if c.dep_ == "compound")
            return "reports", None, None, None, False
        head = self._term(noun)
        happening = lemma in FRAME_NOUNS or self.wordnet.names_event(lemma)
        if lemma in GENERIC_WORDS and happening and not much and self._sum_cue() and self._of_thing(noun):
            # "how many cases of cholera were confirmed altogether?": the numbers of cases the reports
            # state, added ("14 cases of cholera"); the "of" noun is the condition
            return "sum", head, None, None, False
        if lemma in GENERIC_WORDS and happening and not much:
            # "how many incidents were there in May?": events in general, each counted report states one
            return "reports", None, None, None, True
        if much or _group_of_people(noun) or self._is_kind(lemma, _PERSON_HYPERNYMS) \
                or self._is_kind(lemma, _MEASURE_HYPERNYMS) \
                or lemma in GENERIC_WORDS or not happening and self.wordnet.senses(lemma, "noun"):
            # people, measures and things ("how many trucks were burned"): the numbers reports state,
            # one report's number unless the question asks for a total; "how many suspected
            # insurgents": the modifier describes what is summed, it states no condition; a name or a
            # nationality before the noun ("Border Guard soldiers", "American soldiers") says which
            self.qualifiers = self._qualifiers(noun)
            self.used.update(c.i for c in noun.children if c.dep_ == "amod" and c.i > noun.i - 4)
            self.also = self._conjoined(noun)
            return "sum", head, None, None, False
        # something happening ("how many airstrikes", a noun WordNet lacks): the reports that state one
        return "reports", head, None, None, True

    @staticmethod
    def _of_thing(noun: Any) -> bool:
        """``noun`` (a generic word: "cases", "instances") is followed by "of" and the common noun
        it counts instances of ("cases *of cholera*")."""
        of = next((c for c in noun.children if c.lower_ == "of" and c.i == noun.i + 1), None)
        return of is not None and any(c.dep_ == "pobj" and c.pos_ == "NOUN" for c in of.children)

    def _conjoined(self, noun: Any) -> list[Term]:
        """The common nouns the parse conjoins with a summed noun ("how many food parcels *and
        hygiene kits*"; "blankets, tarpaulins and stoves"), as terms whose numbers are added too;
        their words (compounds, the conjunction) are the count's own, no condition."""
        found: list[Term] = []
        stack = [noun]
        while stack:
            for child in stack.pop().children:
                if child.dep_ != "conj" or child.i <= noun.i or child.i in self.used:
                    continue
                if child.pos_ == "VERB" and not self.wordnet.senses(child.lower_, "verb"):
                    # "parcels and hygiene kits": the tagger took the noun "hygiene" for a verb
                    # and "kits" for its object; a word WordNet knows no verb of is the compound
                    following = [c for c in child.children if c.i == child.i + 1 and c.pos_ == "NOUN"
                                 and c.dep_ in ("dobj", "compound")]
                    if not following:
                        continue
                    self.used.add(child.i)
                    child = following[0]
                elif child.pos_ != "NOUN":
                    continue
                self.used.add(child.i)
                self.used.update(c.i for c in child.children
                                 if c.dep_ in ("compound", "amod", "cc", "punct") and c.i < child.i)
                found.append(self._term(child))
                stack.append(child)
        for cc in noun.children:  # "parcels *and* kits": the conjunction hangs on the first noun
            if found and cc.dep_ in ("cc", "punct") and cc.i > noun.i:
                self.used.add(cc.i)
        return found

    def _qualifiers(self, noun: Any) -> list[Term]:
        """The names and nationality adjectives right before a summed noun that say which of its
        kind are summed ("*Afghan National Army* soldiers", "*American* soldiers"; not "suspected",
        "additional"): the proper name as a name term (its initials too: "ANA"), a nationality
        adjective with the words for its country (WordNet: american -> America -> U.S.)."""
        found: list[Term] = []
        for child in noun.children:
            if child.i >= noun.i or child.dep_ not in ("compound", "amod", "nmod"):
                continue
            if child.pos_ == "PROPN":
                found.append(self._term(child))
            elif child.pos_ == "ADJ" and child.ent_type_ == "NORP":
                term = self._term(child)
                words = set(term.alternatives)
                for word in term.alternatives:
                    words |= self.wordnet.noun_synonyms(word)
                found.append(replace(term, alternatives=frozenset(words)))
        return found

    def _listed(self, noun: Any) -> tuple[str, Term | None, str | None, str | None, bool]:
        self.used.add(noun.i)
        lemma = noun.lemma_.lower()
        if lemma == "name":  # "the names of the individuals killed"
            of = next((c for c in noun.children if c.lower_ == "of"), None)
            target = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if target is not None:
                self.used.update((of.i, target.i))
                noun, lemma = target, target.lemma_.lower()
            return "list", self._term(noun), "person", None, False
        compounds = [c for c in noun.children if c.dep_ in ("compound", "amod")]
        if lemma in PLACE_LEVELS or lemma in PLACE_NOUNS:
            # "which towns or villages": places of either level, the second noun no condition
            joined = [c for c in noun.children if c.dep_ == "conj" and c.lemma_.lower() in PLACE_LEVELS]
            self.used.update(c.i for c in joined)
            levels = [lemma] + [c.lemma_.lower() for c in joined if c.lemma_.lower() != lemma]
            return "list", self._term(noun), "place", "|".join(levels) if lemma in PLACE_LEVELS else None, False
        if lemma in REPORT_NOUNS:
            return "list", None, "report", None, False
        if lemma in GROUP_NOUNS:
            self.used.update(c.i for c in compounds)
            self.armed = any(c.lemma_.lower() in ARMED_MODIFIERS or c.lower_ in ARMED_MODIFIERS for c in compounds)
            return "list", self._term(noun), "group", None, False
        if lemma in PERSON_NOUNS or self._is_kind(lemma, {"person"}):
            # "which named military officers": the modifiers say which people, the names are the values
            self.used.update(c.i for c in noun.children if c.dep_ in ("amod", "compound") and c.pos_ != "PROPN")
            if noun.i > 0 and self.doc[noun.i - 1].tag_ in ("VBN", "VBD") and self.doc[noun.i - 1].dep_ != "ROOT":
                self.used.add(noun.i - 1)
            return "list", self._term(noun), "person", None, False
        return "list", self._term(noun), "thing", None, False

    def _sum_cue(self) -> bool:
        return any(t.lemma_.lower() in SUM_CUES for t in self.tokens)

    def _toll(self, head: Term | None, scoped: bool, scope_words: frozenset[int]) -> bool:
        """"How many *people* were killed in Orvik district?": people in general (a generic
        person word, :data:`~assistant.language.conditions.GENERIC_WORDS`) under a place or period
        scope and no one event named ("in *the* ambush", "after *this* attack"): the toll of the
        scope, summed across its reports, not the number one report states.  ``scope_words``: the
        token indices read as the count or its scope, before the condition (a definite noun among
        them, "the district", names no event)."""
        if head is None or not scoped or head.lemma not in GENERIC_WORDS or not self.wordnet.names_person(head.lemma):
            return False
        for token in self.tokens:
            if token.dep_ != "det" or token.lower_ not in DEFINITE_DETERMINERS:
                continue
            noun = token.head
            if noun.i not in scope_words and noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() not in PLACE_LEVELS:
                return False  # "in the ambush near Tessim": one event, one report's number
        return True

    def _existential(self) -> bool:
        """"How many attacks *were there*": the question asks how many happened, not a number one
        report states."""
        return any(t.lower_ == "there" and t.dep_ in ("expl", "advmod") and t.head.lemma_.lower() == "be"
                   for t in self.tokens)

    def _report_cue(self) -> bool:
        """The question speaks of the reports ("in how many *reports*", "do the *reports* say", "across",
        "altogether"): it asks across them.  One report pointed at ("according to *the* Courier
        *report*", "*this* bulletin": a singular report noun with a definite determiner or an owner)
        is no such word: the question asks what that report states."""
        return any(t.lemma_.lower() in REPORT_NOUNS and t.pos_ == "NOUN" and not _one_report(t)
                   or t.lower_ in ("across", "altogether") for t in self.tokens)

    # ----- scope -------------------------------------------------------------------------------

    def _mark_scope(self, scope: Scope | None) -> bool:
        """Mark the words the scope was read from (:attr:`assistant.types.Scope.read`: "in May
        2019", "Karvesh", the source's name) with the words that introduce them ("dated",
        "published by", "in") and a place word after a place ("Karvesh *province*"), so they
        are not read as the condition.  True when the scope restricts the reports."""
        if scope is None:
            return False
        text = self.doc.text.lower()
        for words in scope.read:
            at = _find_words(text, words.lower())
            if at < 0:
                continue
            end = at + len(words)
            inside = [t for t in self.tokens if at <= t.idx < end]
            if not inside:
                continue
            self.used.update(t.i for t in inside)
            for token in inside:  # "the October 2011 operations", "operations in Khost province": the scope itself
                node = token
                for _ in range(3):
                    node = node.head
                    if node.pos_ == "NOUN" and node.lemma_.lower() in FRAME_NOUNS:
                        self.used.add(node.i)
                        break
                    if not (node.pos_ == "ADP" or node.lemma_.lower() in PLACE_LEVELS or node in inside):
                        break
            j, taken = inside[0].i - 1, 0
            while j >= 0 and taken < 3 and (self.doc[j].lower_ in SCOPE_LEADS or self.doc[j].lower_ == "the"):
                self.used.add(j)
                j, taken = j - 1, taken + 1
            k = inside[-1].i + 1
            if k < len(self.doc) and self.doc[k].text == "(":  # "Musa Qala (Musa Qal'ah) district"
                close = next((t.i for t in self.doc[k:] if t.text == ")"), None)
                k = close + 1 if close is not None else k
            if k < len(self.doc) and self.doc[k].lemma_.lower() in PLACE_LEVELS:
                self.used.add(k)
        return not scope.filters.empty

    # ----- condition ---------------------------------------------------------------------------

    def _condition(self) -> tuple[list[tuple[Clause, ...]], list[str]]:
        for token in self.tokens:  # "Counting only the reports that ...", "Adding up every distance ..."
            if token.pos_ == "VERB" and token.lemma_.lower() in _META_VERBS:
                self.used.add(token.i)
                self.used.update(c.i for c in token.children if c.dep_ in ("dobj", "prt", "advmod"))
        for token in self.tokens:  # "taken into custody": the preposition and its noun are of the verb
            if token.pos_ == "VERB" and token.i not in self.used:
                found = self._prepositional(token)
                if found is not None:
                    self.used.update(t.i for t in found[2])
        content = [t for t in self.tokens if t.i not in self.used and self._is_content(t)]
        leftover = [t.text for t in self.tokens if t.i not in self.used and t.pos_ in _CONTENT_POS
                    and t not in content and t.lemma_.lower() not in GENERIC_WORDS | REPORT_NOUNS | REPORTING_VERBS
                    and t.lower_ not in _QUESTION_WORDS and t.pos_ != "AUX" and t.lemma_.lower() not in _LIGHT_VERBS]
        if not content:
            negated_generic = any(t.lower_ in NEGATING_SUBJECTS for t in self.tokens)
            return ([], leftover) if not negated_generic else ([], leftover)
        anchors: dict[int, list[Any]] = {}
        for token in content:
            anchors.setdefault(self._anchor(token).i, []).append(token)
        merged = self._merge_alternatives(anchors)
        groups: list[list[Clause]] = []
        for anchor_i, tokens in merged:
            anchor = self.doc[anchor_i]
            clause = self._clause(anchor, tokens)
            if clause is None:
                continue
            joined_by = self._joined_by(anchor)
            if joined_by == "or" and groups:
                groups[-1].append(clause)
            else:
                groups.append([clause])
        return [tuple(g) for g in groups if g], leftover

    def _is_content(self, token: Any) -> bool:
        lemma = token.lemma_.lower()
        if token.pos_ not in _CONTENT_POS or token.is_stop and token.pos_ != "PROPN":
            return False
        if lemma in GENERIC_WORDS or lemma in REPORT_NOUNS and token.pos_ != "VERB" or token.lower_ in _QUESTION_WORDS:
            return False
        if token.pos_ == "VERB" and (lemma in REPORTING_VERBS or lemma in _LIGHT_VERBS) and (
                lemma in REPORTING_VERBS or self._prepositional(token) is None):
            return False  # a light verb with a prepositional predicate is one: "taken into custody"
        if token.pos_ == "VERB" and _reports_that(token):
            return False  # "how many reports *confirm* that ...": what the report does, not the condition
        if lemma in SUM_CUES or token.like_num or lemma in ("report", "reported", "afterwards", "later"):
            return False
        if token.dep_ in ("compound", "amod") and token.pos_ != "PROPN" and token.head.lemma_.lower() in REPORT_NOUNS:
            return False  # "press releases", "weekly updates": words for the documents themselves
        return True

    def _anchor(self, token: Any) -> Any:
        """The content verb that governs ``token`` (itself for a verb; for a noun also a verb
        that modifies it: "a bridge *damaged*"), else the top noun."""
        node = token
        if token.pos_ in ("NOUN", "PROPN"):
            verb = next((c for c in token.children if c.dep_ in ("acl", "relcl", "amod") and c.pos_ == "VERB"
                         and c.i not in self.used and self._is_content(c) and not _negates_itself(c)
                         and not _hyphened_modifier(c)), None)
            if verb is not None:
                return verb
        while True:
            if node.pos_ == "VERB" and node.i not in self.used and self._is_content(node) \
                    and not _hyphened_modifier(node):
                return node
            if node.head.i == node.i or node.head.i in self.used and node.head.pos_ != "VERB":
                return node
            if _negating_preposition(node.head):
                return node  # "damaged without casualties": the object of "without" is a negated clause of its own
            node = node.head

    def _merge_alternatives(self, anchors: dict[int, list[Any]]) -> list[tuple[int, list[Any]]]:
        """Verbs joined by a conjunction without their own subject share one clause: the later
        verb (and its object) becomes an alternative of the first verb."""
        order = sorted(anchors)
        result: dict[int, list[Any]] = {}
        self.alternative_verbs: dict[int, list[Any]] = {}
        self.anchor_ids = set(anchors)
        for i in order:
            anchor = self.doc[i]
            root = anchor
            while root.dep_ == "conj" and root.pos_ == "VERB" and not self._own_subject(root) \
                    and not self._own_object(root) and root.head.i in anchors \
                    and self._series_joined_by(root.head, root) != "and":
                root = root.head
            if root.i != anchor.i:
                self.alternative_verbs.setdefault(root.i, []).append(anchor)
                continue
            result[i] = list(anchors[i])
        return list(result.items())

    def _own_object(self, verb: Any) -> bool:
        """A later verb of a coordination has its own object ("protect the women *or ensure
        their safety*"): it is another way to meet the condition, a clause of its own."""
        return verb.dep_ == "conj" and any(c.dep_ in ("dobj", "attr") for c in verb.children) and any(
            c.dep_ in ("dobj", "attr") for c in verb.head.children)

    def _own_subject(self, verb: Any) -> bool:
        return any(c.dep_ in _SUBJECTS or c.dep_ == "mark" for c in verb.children)

    @staticmethod
    def _series_joined_by(first: Any, verb: Any) -> str | None:
        """The conjunction of the series of verbs ``first`` begins and ``verb`` is in ("detained,
        questioned *and* released"): the "cc" of any verb between them, ``None`` when there is none
        or the series mixes "and" and "or"."""
        members, node = {first.i, verb.i}, verb
        for _ in range(8):
            if node.i == first.i or node.head.i == node.i:
                break
            node = node.head
            members.add(node.i)
        words = {c.lower_ for i in members for c in first.doc[i].children if c.dep_ == "cc"}
        return next(iter(words)) if len(words) == 1 else None

    def _joined_by(self, anchor: Any) -> str | None:
        """The conjunction that joins the clause ``anchor`` governs to the one before it ("or",
        "and"), ``None`` when it is not joined.  A verb that modifies a noun ("a bridge
        *destroyed*") is joined as its noun is: "a clinic looted *or* a bridge destroyed" parses
        the second noun as a conjunct of the first verb, the second verb as the noun's modifier."""
        node = anchor
        if node.dep_ in ("acl", "relcl", "amod") and node.pos_ == "VERB" and node.head.pos_ in ("NOUN", "PROPN") \
                and node.head.dep_ == "conj" and node.head.head.pos_ == "VERB" and node.head.head.i in self.anchor_ids:
            node = node.head
        if node.dep_ != "conj":
            return None
        cc = next((c for c in node.head.children if c.dep_ == "cc"), None)
        return cc.lower_ if cc is not None else None

    def _clause(self, anchor: Any, tokens: list[Any]) -> Clause | None:
        negated = self._negated(anchor, tokens)
        supported = {t.i for t in tokens if self._support_object(t)}  # "carried out *an attack*", "made *arrests*"
        transitive = any(c.dep_ in ("dobj", "attr") and c.i not in supported for c in anchor.children) \
            and anchor.pos_ == "VERB"
        # a name that heads its phrase ("linked to al-Qaida", "in Musa Qala district") is what the
        # clause is about; one that only classifies a common noun ("a National Guard soldier") is not
        has_name = any(t.pos_ == "PROPN" and _heads_its_phrase(t) for t in tokens)
        predicate = anchor.pos_ == "VERB" and anchor.dep_ in ("ROOT", "ccomp", "conj", "advcl")
        terms: list[Term] = []
        names_seen: set[str] = set()
        # "food or relief goods": food, or relief goods; the first noun of a coordinated modifier
        # states the noun by itself, the modifiers are not required
        standing_for: dict[int, list[Any]] = {}
        for token in tokens:
            joined = [c for c in token.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
            if token.pos_ == "NOUN" and token.dep_ in ("compound", "nmod") and token.head.pos_ == "NOUN" \
                    and token.head in tokens and token.head.i > token.i and joined:
                standing_for.setdefault(token.head.i, []).append(token)
                self.used.update([token.i, *(c.i for c in joined)])
        for token in sorted(tokens, key=lambda t: t.i):
            if token.pos_ == "PROPN":
                key = _name_key(_name_span(token))
                if key in names_seen:
                    continue
                names_seen.add(key)
            if token.i == anchor.i and token.pos_ == "VERB":
                alternatives = self.alternative_verbs.get(token.i, []) + [
                    c for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB" and not self._own_subject(c)
                    and not self._own_object(c) and c not in self.alternative_verbs.get(token.i, [])]
                # "detained, questioned and released": a verb of an "and" series is a condition of its own
                # (its own clause when it is a content word, else a term this clause requires); a light
                # verb says nothing by itself ("wounded and *taken* to a hospital") and stays as it was
                together = [v for v in alternatives if self._series_joined_by(token, v) == "and"
                            and v.lemma_.lower() not in _LIGHT_VERBS]
                support = any(c.i in supported for c in token.children) and not alternatives
                terms.append(self._term(token, also=[v for v in alternatives if v not in together],
                                        required=(predicate or not has_name) and not support))
                terms.extend(self._term(v, required=predicate or not has_name) for v in together
                             if v.i not in self.anchor_ids)
                continue
            if token.i in self.used:
                continue
            if self._conj_of_earlier(token, tokens) or self._modifies_alternative(token, tokens):
                continue
            required = True
            if token.dep_ in ("nsubj",) and transitive:
                required = False  # the doer: reports name it in many ways
            if token.dep_ == "compound" and token.head.dep_ == "nsubj" and transitive:
                required = False
            if has_name and token.pos_ != "PROPN":
                required = token.i == anchor.i and token.pos_ == "VERB"
            if token.pos_ == "PROPN" and not _heads_its_phrase(token):
                required = False  # classifies a common noun: stated in the report (below)
            if token.pos_ == "ADJ" and token.dep_ not in ("amod", "acomp"):
                required = False
            if token.i in supported:
                required = True  # the event a support verb says happened is the condition's thing
            in_document = (token.dep_ in ("compound", "amod") and token.pos_ in ("NOUN", "ADJ", "PROPN")
                           and (required or token.pos_ == "PROPN" and not _heads_its_phrase(token))
                           and not (token.pos_ == "PROPN" and _heads_its_phrase(token))
                           and token.head.pos_ == "NOUN" and (token.head in tokens or token.pos_ == "PROPN")
                           and not self.wordnet.names_event(token.head.lemma_.lower())
                           and _shared_modifier(token))
            if token.dep_ in ("compound", "amod") and token.head.pos_ == "NOUN" and not _shared_modifier(token):
                required = False  # qualifies one of alternatives ("a police officer or a soldier")
            joint = self._joint_noun(token)
            if joint is not None:  # "quotation marks", "road block": one WordNet noun
                terms = [t for t in terms if t.lemma != joint[0].lemma_.lower()]
                term = self._term(token, required=required,
                                  also=[c for c in token.children if c.dep_ == "conj" and c in tokens])
                joined = {joint[1]} | self.wordnet.related(joint[1], "noun")
                terms.append(replace(term, lemma=joint[1], text=term.text.replace(token.text, joint[2], 1),
                                     alternatives=term.alternatives | joined))
                continue
            joined_into = self._joint_noun(token.head) if token.dep_ == "compound" and token.head.pos_ == "NOUN" else None
            if joined_into is not None and joined_into[0].i == token.i:
                continue  # the first word of a joint noun ("quotation" of "quotation marks")
            term = self._term(token, required=required and not in_document,
                              also=[*standing_for.get(token.i, ()), *(c for c in token.children
                                                                      if c.dep_ == "conj" and c in tokens)])
            terms.append(replace(term, in_document=True) if in_document else term)
        terms.extend(self._antecedents(tokens, terms))
        if not any(t.required for t in terms):
            return None
        if negated:  # "nobody was injured" is also stated by "there were no casualties"
            terms = [replace(t, alternatives=t.alternatives | DENYING_HARM) if t.lemma in HARM_LEMMAS else t
                     for t in terms]
            # denying a broader noun denies the narrower: "no damage to any structures" says no
            # buildings were damaged (a building is a structure)
            nouns = {t.lemma_.lower(): [t, *(c for c in t.children if c.dep_ == "conj" and c.pos_ == "NOUN")]
                     for t in tokens if t.pos_ == "NOUN"}
            terms = [replace(t, alternatives=t.alternatives | frozenset().union(
                *(self.wordnet.broader(w.lemma_.lower(), "noun") for w in nouns[t.lemma])))
                     if t.pos == "NOUN" and not t.name and t.lemma in nouns else t for t in terms]
        return Clause(tuple(terms), negated=negated)

    def _joint_noun(self, token: Any) -> tuple[Any, str, str] | None:
        """``(the compound, the joint lemma, the words)`` when a noun and the compound noun
        right before it are one WordNet noun ("quotation marks" -> ``quotation mark``)."""
        if token.pos_ != "NOUN" or token.i == 0:
            return None
        compound = self.doc[token.i - 1]
        if compound.dep_ != "compound" or compound.head.i != token.i or compound.pos_ != "NOUN":
            return None
        joint = f"{compound.lemma_.lower()} {token.lemma_.lower()}"
        return (compound, joint, f"{compound.text} {token.text}") if self.wordnet.senses(joint, "noun") else None

    def _antecedents(self, tokens: list[Any], terms: list[Term]) -> list[Term]:
        """The nouns a possessive pronoun of the clause stands for ("protect the women and
        children or ensure *their* safety": the safety of the women or children): the nearest
        noun before it in the question that is no part of this clause, with its alternatives."""
        found: list[Term] = []
        for token in tokens:
            pronoun = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"
                            and c.lower_ in ("their", "its", "his", "her")), None)
            if pronoun is None:
                continue
            owner = _relative_owner(token)
            if owner is not None and owner in tokens:
                # "families who had fled *their* homes": the families, already of the clause; the
                # possessed noun only describes them (what they fled), it need not be stated
                terms[:] = [replace(t, required=False) if t.lemma == token.lemma_.lower() and t.pos == "NOUN"
                            and any(x.required for x in terms if x is not t) else t for t in terms]
                continue
            before = [t for t in self.tokens if t.i < pronoun.i and t.pos_ == "NOUN" and t not in tokens
                      and self._is_content(t) and t.dep_ != "conj" and t.i not in self.used]
            if not before:
                continue
            noun = before[-1]
            if any(t.lemma == noun.lemma_.lower() for t in terms):
                continue
            found.append(self._term(noun, also=[c for c in noun.children if c.dep_ == "conj"]))
        return found

    def _modifies_alternative(self, token: Any, tokens: list[Any]) -> bool:
        """``token`` is a word of a hyphened modifier ("*rocket-propelled* grenades") of a noun that is
        an alternative of an earlier one ("grenades or rocket-propelled grenades"): the alternative
        is stated by its own noun, its modifier is no condition."""
        node = token
        for _ in range(3):
            if not (_hyphened_modifier(node) or node.dep_ == "npadvmod" and _hyphened_modifier(node.head)):
                return False
            node = node.head
            if node.pos_ == "NOUN":
                return self._conj_of_earlier(node, tokens)
        return False

    def _conj_of_earlier(self, token: Any, tokens: list[Any]) -> bool:
        return token.dep_ == "conj" and token.head in tokens and token.pos_ == token.head.pos_ != "VERB"

    def _negated(self, anchor: Any, tokens: list[Any]) -> bool:
        scope = {anchor.i} | {t.i for t in tokens}
        for token in self.tokens:
            if token.i in self.used and token.lower_ not in NEGATING_SUBJECTS:
                continue
            lower = token.lower_
            if lower in NEGATING_SUBJECTS or (lower == "no" and token.i + 1 < len(self.doc)
                                              and self.doc[token.i + 1].lower_ == "one"):
                if token.head.i in scope or token.head.i == anchor.i:
                    return True
            if _negating_preposition(token):  # "without anyone being hurt": negates its object's clause only
                if any(c.i in scope for c in token.children):
                    return True
                continue
            if (lower in NEGATIONS or lower in INABILITY) and (token.head.i in scope):
                return True
            if lower == "no" and token.dep_ == "det" and self._negates_through(token.head, anchor, scope):
                return True  # "no one was injured", "was no one hurt", "no people were hurt": the noun "no" negates
        return False

    @staticmethod
    def _negates_through(noun: Any, anchor: Any, scope: set[int]) -> bool:
        """``noun`` (what a "no" determines: "no *one*", "no *people*") is the clause's subject or
        object: its head is in the clause, or the clause's verb hangs on it ("no one *injured*")."""
        return noun.i in scope or noun.head.i in scope or anchor.head.i == noun.i

    def _term(self, token: Any, *, also: Iterable[Any] = (), required: bool = True) -> Term:
        pos = "PROPN" if token.pos_ == "PROPN" else token.pos_
        lemma = token.lemma_.lower() if pos != "PROPN" else token.text.lower()
        alternatives: set[str] = set()
        kinds: set[str] = set()
        texts = [token.text]
        for word in [token, *also]:
            word_pos = "PROPN" if word.pos_ == "PROPN" else word.pos_
            light_object = None
            phrasal = self._phrasal(word) if word.pos_ == "VERB" else None
            prepositional = self._prepositional(word) if word.pos_ == "VERB" and phrasal is None else None
            if word.pos_ == "VERB" and word.lemma_.lower() in _LIGHT_VERBS and phrasal is None:
                light_object = next((c for c in word.children if c.dep_ in ("dobj", "attr", "oprd")), None)
            if prepositional is not None:  # "taken into custody": the WordNet verb or noun of the phrase
                phrase, noun, tokens = prepositional
                same, below = self._related(phrase, "NOUN" if noun else "VERB")
                if noun:  # the noun's words that are verbs ("arrest") and their WordNet verbs
                    same = {w for w in same if w != phrase}
                    for verb_word in [w for w in same if " " not in w and self.wordnet.senses(w, "verb")]:
                        same |= self.wordnet.related(verb_word, "verb", senses=1, depth=0)
                alternatives |= same | {" ".join([word.lemma_.lower(), *(t.lower_ for t in tokens[:-1]),
                                                  tokens[-1].lemma_.lower()])}
                kinds |= below
                self.used.update(t.i for t in tokens)
                if word is token:
                    texts[0] = " ".join([token.text, *(t.text for t in tokens)])
            elif phrasal is not None:  # "handed out": the verb "hand out", not "hand"
                same, below = self._related(phrasal[0], "VERB")
                alternatives |= same
                kinds |= below
                self.used.add(phrasal[1].i)
                if word is token:
                    texts[0] = f"{token.text} {phrasal[1].text}"
            elif light_object is not None:
                same, below = self._related(light_object.lemma_.lower(), light_object.pos_)
                alternatives |= same
                kinds |= below
                alternatives.add(f"{word.lemma_.lower()} {light_object.lemma_.lower()}")
                self.used.add(light_object.i)
            elif word_pos == "PROPN":
                alternatives.add(_name_key(_name_span(word)))
                if initials(_name_span(word)):  # "Northern Shield Movement" is also written "NSM"
                    alternatives.add(initials(_name_span(word)).lower())
                run = [t for t in self.tokens if t.pos_ == "PROPN" or t.text in ("-", "al", "el")]
                for other in run:
                    if abs(other.i - word.i) <= 4 and other.i != word.i:
                        for extra in self.extra.get(other.i, ()):
                            alternatives |= self._extra_alternatives(extra)
            else:
                same, below = self._related(word.lemma_.lower(), word.pos_)
                alternatives |= same
                kinds |= below
            if word is not token:
                texts.append(word.text)
            for extra in self.extra.get(word.i, ()):
                alternatives |= self._extra_alternatives(extra)
        name = pos == "PROPN"
        text = _name_span(token) if name else " or ".join(texts)
        kinds -= alternatives
        return Term(text=text, lemma=lemma if not name else _name_key(_name_span(token)), pos=pos,
                    alternatives=frozenset(a for a in alternatives | kinds if a), name=name, required=required,
                    kinds=frozenset(a for a in kinds if a))

    def _support_object(self, token: Any) -> bool:
        """``token`` is the object of a support verb and names an event
        (:data:`~assistant.language.conditions.SUPPORT_VERBS`: "carried out *an attack*", "made
        *arrests*", "conducted *a raid*"; not "took *the prisoners*")."""
        verb = token.head
        if token.dep_ != "dobj" or token.pos_ != "NOUN" or verb.pos_ not in ("VERB", "AUX"):
            return False
        phrasal = self._phrasal(verb)
        support = verb.lemma_.lower() in SUPPORT_VERBS or phrasal is not None and phrasal[0] in SUPPORT_VERBS \
            or any(c.dep_ == "prt" and f"{verb.lemma_.lower()} {c.lower_}" in SUPPORT_VERBS for c in verb.children)
        return support and self.wordnet.names_event(token.lemma_.lower())

    def _phrasal(self, verb: Any) -> tuple[str, Any] | None:
        """``(the WordNet verb, its second word)`` when ``verb`` and its particle ("hand *out*",
        "carry *out*", "shut *down*") or its bare object ("open *fire*") are one WordNet verb."""
        for child in verb.children:
            bare_object = child.dep_ == "dobj" and child.pos_ == "NOUN" and not any(
                c.dep_ in ("det", "poss", "nummod", "amod", "compound") for c in child.children)
            if child.dep_ == "prt" or bare_object:
                second = child.lower_ if child.dep_ == "prt" else child.lemma_.lower()
                phrase = f"{verb.lemma_.lower()} {second}"
                if self.wordnet.senses(phrase, "verb"):
                    return phrase, child
        return None

    def _prepositional(self, verb: Any) -> tuple[str, bool, list[Any]] | None:
        """``(the WordNet entry, whether it is a noun, [preposition, noun])`` when ``verb``, a
        preposition and its bare noun ("take *into custody*", "put *under arrest*") are one WordNet
        verb, or are named by a WordNet noun of its "-ing" form ("taking into custody")."""
        for prep in verb.children:
            if prep.dep_ != "prep":
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.pos_ != "NOUN" or any(
                        c.dep_ in ("det", "poss", "nummod", "amod", "compound") for c in noun.children):
                    continue
                rest = f"{prep.lower_} {noun.lemma_.lower()}"
                phrase = f"{verb.lemma_.lower()} {rest}"
                if self.wordnet.senses(phrase, "verb"):
                    return phrase, False, [prep, noun]
                for gerund in gerunds(verb.lemma_.lower()):
                    if self.wordnet.senses(f"{gerund} {rest}", "noun"):
                        return f"{gerund} {rest}", True, [prep, noun]
        return None

    def _extra_alternatives(self, item: str) -> set[str]:
        words = item.split()
        if not words:
            return set()
        if any(w[:1].isupper() for w in words) and not item.isupper():
            return {_name_key(item)}
        last = words[-1].lower()
        found = {item.lower(), _name_key(item)} | _families(last, self.wordnet)
        for pos in ("noun", "verb"):
            singular = last[:-1] if last.endswith("s") and len(last) > 3 else last
            found |= self.wordnet.related(singular, pos, senses=1, depth=0) if self.wordnet.senses(singular, pos) else set()
        return found

    def _related(self, lemma: str, spacy_pos: str) -> tuple[set[str], set[str]]:
        """``(words that state lemma, kinds of it)``: its WordNet synonyms and derivations, and
        its hyponyms (troponyms for verbs); see :meth:`assistant.language.wordnet.WordNet.related`."""
        pos = POS.get(spacy_pos)
        same, below = {lemma}, set()
        if pos is None:
            return same, below

        def add(word: str, word_pos: str, senses: int = 2) -> None:
            plain = self.wordnet.related(word, word_pos, senses=senses, depth=0)
            same.update(plain)
            below.update(self.wordnet.related(word, word_pos, senses=senses) - plain)

        add(lemma, pos)
        same.update(_families(lemma, self.wordnet))
        if pos == "noun" and self.wordnet.names_event(lemma):
            # an act named by its means, or a kind of the act that is ("bombing" of "attack"), is also
            # stated by the means at work: "an explosive device went off", "the explosion"
            for word in [lemma, *sorted(below)]:
                below.update(self.wordnet.means_at_work(word) - same)
        if pos == "noun" and lemma in ("people", "person", "individual"):
            add("person", "noun", senses=1)  # every kind of person
        if pos == "verb" and self.wordnet.senses(lemma, "noun"):
            add(lemma, "noun", senses=1)  # "attack" the act
        if pos == "verb":
            same.update(self.wordnet.caused(lemma))  # "killed": "the death of", "died"
        if "-" in lemma:
            same.add(lemma.replace("-", ""))
        for words in (same, below):  # "taking into custody" (an arrest) is written "taken into custody"
            words.update(v for v in (self.wordnet.verb_phrase(w) for w in list(words) if " " in w) if v)
        return same, below

    def _is_kind(self, lemma: str, kinds: frozenset[str] | set[str]) -> bool:
        """``lemma`` (a noun) is, in its first WordNet sense, a kind of one of ``kinds`` (a word of a
        synset in its hypernym closure, :meth:`~assistant.language.wordnet.WordNet.hypernyms`)."""
        offsets = self.wordnet.senses(lemma, "noun")[:1]
        return any(w.replace("_", " ") in kinds for offset in offsets
                   for above in self.wordnet.hypernyms("noun", offset) for w in self.wordnet.synset("noun", above).words)


def _reports_that(verb: Any) -> bool:
    """``verb`` is what a report does with the condition: its subject is a report noun ("how many
    reports *confirm* that", "releases *claim* that") and a clause opened by "that" is its object;
    the clause is the condition, whatever the verb."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lemma_.lower() not in REPORT_NOUNS:
        return False
    return any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
               for c in verb.children)


def _relative_owner(token: Any) -> Any | None:
    """The noun a relative clause describes, for a word of that clause ("fled" in "families
    who had fled their homes": *families*); ``None`` outside one."""
    node = token
    for _ in range(4):
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN"):
            return node.head
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _multiplier(noun: Any) -> bool:
    """The counted noun is a multiplier: a comparative follows it ("how many *times more*", "times
    *larger*") or "as" ("times as much"), so the question asks for a ratio, not a number of things."""
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return following is not None and (following.tag_ in ("JJR", "RBR") or following.lower_ == "as")


def _negates_itself(verb: Any) -> bool:
    """A verb that modifies a noun states its own negated clause ("an attack in which *nobody was
    injured*", "a raid where no one was hurt"): its subject is a negating pronoun or "no one",
    or it carries "not"/"never"; the noun is then a clause of its own, stated positively."""
    for child in verb.children:
        lower = child.lower_
        if child.dep_ in ("nsubj", "nsubjpass") and (lower in NEGATING_SUBJECTS or any(
                c.lower_ == "no" for c in child.children)):
            return True
        if child.dep_ == "neg" or lower in ("not", "n't", "never"):
            return True
    return False


def _negating_preposition(token: Any) -> bool:
    """``token`` is a preposition that negates its object
    (:data:`~assistant.language.conditions.NEGATING_PREPOSITIONS`: "without")."""
    return token.lower_ in NEGATING_PREPOSITIONS and token.pos_ == "ADP"


def _alternatives_of(noun: Any) -> list[Any]:
    """The nouns joined with ``noun`` by "and"/"or"/commas, ``noun`` included."""
    first = noun
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN") and first.head.i != first.i:
        first = first.head
    found, frontier = [first], [first]
    while frontier:
        nxt = [c for n in frontier for c in n.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
        found.extend(nxt)
        frontier = nxt
    return found


def _one_report(noun: Any) -> bool:
    """``noun`` (a report noun) points at one report: singular, with a definite determiner or an owner
    ("*the* September bulletin", "*its* latest report")."""
    return not _plural(noun) and any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS or c.dep_ == "poss"
                                     for c in noun.children)


def _hyphened_modifier(token: Any) -> bool:
    """``token`` is a participle joined by a hyphen to the word before it, modifying a noun
    ("rocket-*propelled* grenades", "vehicle-*borne* bombs"): a part of the noun's name, not a
    verb of the condition."""
    doc = token.doc
    return (token.pos_ == "VERB" and token.dep_ == "amod" and token.head.pos_ == "NOUN" and token.i >= 2
            and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_ and not doc[token.i - 1].whitespace_)


def _shared_modifier(modifier: Any) -> bool:
    """``modifier`` (a compound or adjective) qualifies every alternative of its noun: there
    are none ("an aid convoy"), or each has it ("a suicide attack, suicide bombers or suicide
    vests"); not "a *police* officer or a soldier"."""
    alternatives = _alternatives_of(modifier.head)
    lemma = modifier.lemma_.lower()
    return all(any(c.dep_ == modifier.dep_ and c.lemma_.lower() == lemma for c in noun.children)
               for noun in alternatives)


def _plural(noun: Any) -> bool:
    """``noun`` is plural ("districts", "people", "officers"): a which-question about it lists."""
    return noun.tag_ in ("NNS", "NNPS") or noun.lemma_.lower() != noun.lower_ and noun.lower_.endswith("s") \
        or noun.lower_ in ("people", "children", "men", "women", "police", "personnel")


def _heads_its_phrase(token: Any) -> bool:
    """A proper name heads its phrase ("linked to *al-Qaida*", "in *Musa Qala* district"), as
    opposed to classifying a common noun ("a *National Guard* soldier")."""
    root = token
    while root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.i != root.i:
        root = root.head
    head = root.head
    after = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    group = after is not None and after.pos_ == "NOUN" and after.lemma_.lower() in GROUP_NOUNS
    # "Haqqani network figures", "Musa Qala district": the name and its noun are one name
    return root.dep_ != "compound" or head.lemma_.lower() in PLACE_LEVELS or head.lemma_.lower() in GROUP_NOUNS \
        or group or bool(head.ent_type_)


def _name_span(token: Any) -> str:
    """A proper name with the words it is written with ("Islamic Movement of Uzbekistan" for "Movement")."""
    if token.ent_type_:
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            return ent.text
    words = [t for t in token.subtree if t.pos_ == "PROPN" or t.text in ("-", "al", "el")]
    return " ".join(t.text for t in words) or token.text


def _name_key(name: str) -> str:
    """A name as matched: lower case, hyphens and apostrophes as spaces."""
    return " ".join(NAME_MARKS.sub(" ", name.lower()).split())


def _items(text: str) -> list[str]:
    """The alternatives of a parenthesis: ``"also spelled al-Qaeda"`` -> ``["al-Qaeda"]``;
    ``"rifles , grenades , RPGs or launchers"`` -> four items."""
    text = " ".join(text.split())
    lowered = text.lower()
    for lead in PARENTHESIS_LEAD:
        if lowered.startswith(lead + " "):
            text = text[len(lead) + 1 :]
            break
    parts = re.split(r"\s*,\s*|\s+or\s+|\s+and\s+", text)
    cleaned = []
    for part in parts:
        part = re.sub(r"^(?:an?|the|other|some)\s+", "", part.strip(" '\""), flags=re.I)
        if part:
            cleaned.append(part)
    return cleaned


def _families(lemma: str, wordnet: WordNet) -> set[str]:
    """The words of the :data:`~assistant.language.conditions.EVENT_FAMILIES` ``lemma`` is in,
    with the forms WordNet derives from each ("burn" -> "burning")."""
    found: set[str] = set()
    for family in EVENT_FAMILIES:
        if lemma in family:
            for word in family:
                found.add(word)
                if " " not in word:
                    found |= {w for pos in ("noun", "verb") for w in wordnet.derived(word, pos)}
    return found


def _find_words(text: str, words: str) -> int:
    """Where ``words`` stand in ``text`` as whole words (``-1``: nowhere)."""
    match = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)
    return match.start() if match else -1


def _reading(kind: str, head: Term | None, list_kind: str | None, level: str | None, condition: Condition,
             scope: Scope | None, events: bool) -> str:
    what = condition.describe() or "anything"
    where = f" ({', '.join(scope.read)})" if scope is not None and scope.read else ""
    if kind == "reports":
        thing = f"{head.text} " if events and head is not None else ""
        return f"reports that state {thing}{what}{where}".replace("  ", " ")
    if kind == "sum":
        return f"the numbers of {head.text if head else 'things'} stated with {what}{where}"
    return f"the distinct {(level or '').replace('|', ' or ') or list_kind or 'values'} of reports that state {what}{where}"


def _group_of_people(token: Any) -> bool:
    """The counted noun names people by their nationality, religion or political group: the
    entity recogniser's ``NORP`` label ("how many *Afghans*", "*Tarnovians*"; WordNet lacks most
    such plurals), so the question asks for the number one report states, as for "civilians"."""
    return token.ent_type_ == "NORP" and token.pos_ in ("NOUN", "PROPN")
