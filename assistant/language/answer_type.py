"""What a question asks for, read from its parse: the expected answer type, the focus words
and the identifiers the answer's report must state.

The design is the question-processing step of classic open-domain QA: the wh-word and the
question's head noun (the noun the wh-word asks about: "which *village*", "Super Bowl 2021
*location*") give the expected answer type (Moldovan et al., "The structure and performance of
an open-domain question answering system", ACL 2000, whose answer-type taxonomy maps wh-word +
head noun to named-entity classes; Li & Roth, "Learning question classifiers", COLING 2002, for
the coarse classes); every other content word of the question is a focus word, weighted by its
part of speech (names and numbers say which event, verbs and nouns what happened).

:func:`read_question` parses with spaCy's full English pipeline (:func:`.nlp.parse_question`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .dates import YEAR, is_calendar_word
from .places import DIRECTIONS
from .tokens import STOPWORDS


class AnswerType(str, Enum):
    """The expected answer types (the ``answer_type`` values of ``evalsets/``)."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    DATE = "date"
    COUNT = "count"
    QUANTITY = "quantity"
    MONEY = "money"
    PERCENT = "percent"
    DESCRIPTION = "description"
    YES_NO = "yes_no"


ENTITY_TYPES: dict[AnswerType, dict[str, float]] = {
    AnswerType.PERSON: {"PERSON": 1.0, "ORG": 0.4, "GPE": 0.35, "NORP": 0.3},
    AnswerType.ORGANISATION: {"ORG": 1.0, "NORP": 0.6, "PERSON": 0.45, "GPE": 0.45, "PRODUCT": 0.3},
    AnswerType.PLACE: {"GPE": 1.0, "LOC": 1.0, "FAC": 0.8, "ORG": 0.3, "PERSON": 0.3, "NORP": 0.3},
    AnswerType.DATE: {"DATE": 1.0, "TIME": 0.8},
    AnswerType.COUNT: {"CARDINAL": 1.0, "QUANTITY": 0.3, "MONEY": 0.1},
    AnswerType.QUANTITY: {"QUANTITY": 1.0, "MONEY": 0.5, "CARDINAL": 0.5, "DATE": 0.8, "TIME": 0.8, "PERCENT": 0.6},
    AnswerType.MONEY: {"MONEY": 1.0, "PERCENT": 0.5, "CARDINAL": 0.3},
    AnswerType.PERCENT: {"PERCENT": 1.0, "CARDINAL": 0.3},
}
"""For each answer type, spaCy's OntoNotes entity labels that can be its answer and how well
(1: the type itself; less: a label the small model confuses with it, such as an invented
village read as a PERSON)."""

AGENT_LABELS: dict[str, float] = {"PERSON": 1.0, "ORG": 1.0, "NORP": 0.6}
"""The labels of a bare "who"/"whose" question that asks for an agent (no head noun says a person, and
the question word is the subject of an active verb or a possessor: "who claimed the attack?", "in
whose name were the letters signed?"): the agent of a deed is as often a group or a people
as a person (Li & Roth 2002's HUM:group beside HUM:ind), so these fit even when a name is asked for
(a country keeps its low fit: "KARVALA, Norland - A militant fired ..." names no agent);
"who was captured?" asks for the one it happened to, a person (:data:`ENTITY_TYPES`)."""

# Head nouns (lemmas) of "which X" / "what X" / "the X of" questions -> answer type.
HEAD_NOUNS: dict[AnswerType, frozenset[str]] = {
    AnswerType.PERSON: frozenset("""
        person man woman boy girl people individual leader commander official president minister king queen prince
        princess ceo founder co-founder chief spokesman spokesperson spokeswoman governor mayor general officer soldier
        player actor actress singer author writer director coach winner champion captain candidate driver pilot victim
        suspect chairman chairwoman chair manager owner artist musician rapper scientist inventor journalist reporter
        doctor judge prosecutor lawyer politician senator representative emperor son daughter wife husband father
        mother brother sister host presenter star character successor predecessor deputy secretary ambassador envoy
        commissioner inspector sergeant colonel lieutenant major producer composer designer architect pope bishop
        imam cleric mullah militant insurgent fighter facilitator target hero heroine member guard detainee student
        teacher worker engineer analyst economist governor-general premier chancellor dictator ruler monarch whom
        """.split()),
    AnswerType.ORGANISATION: frozenset("""
        company organisation organization group team club party network agency firm band brand bank airline university
        school ministry department army militia corporation publisher studio label manufacturer broadcaster newspaper
        channel committee council union alliance faction movement front startup retailer carrier operator sponsor
        institution charity foundation court parliament government regime outlet magazine website platform service
        unit battalion brigade regiment division corps police navy
        """.split()),
    AnswerType.PLACE: frozenset("""
        place country city town village district province state region area location venue stadium capital site county
        nation continent island river mountain valley border camp base airport port street road neighbourhood
        neighborhood municipality territory prison facility compound hometown birthplace destination headquarters
        market checkpoint bridge crossing highway square suburb settlement hamlet commune oblast governorate
        """.split()),
    AnswerType.DATE: frozenset("year date day month time week decade century era season weekday night morning".split()),
    AnswerType.COUNT: frozenset("number count total toll tally".split()),
    AnswerType.MONEY: frozenset("price cost salary fee budget revenue fine worth fund sum prize bill value wage "
                                "income profit loss sale spending payment compensation ransom reward bounty".split()),
    AnswerType.PERCENT: frozenset("percent percentage rate share proportion".split()),
    AnswerType.QUANTITY: frozenset("distance length height weight size depth speed temperature duration capacity "
                                   "altitude range width magnitude".split()),
}
FACILITY_NOUNS = frozenset(
    "clinic hospital school mosque church house building office station farm warehouse depot field "
    "factory mine quarry camp".split())
"""Nouns of buildings and sites: a noun phrase ending in one ("the Korvel clinic") can say where."""
_MONEY_WORDS = frozenset("cost pay paid spend spent worth price dollar euro pound money fund raise budget charge "
                         "fine earn sell sold buy bought donate invest".split())
_MONEY_VERBS = frozenset("cost pay spend earn charge raise fine".split())
MONEY_SENSES = (
    "money.n.01", "money.n.02", "money.n.03", "medium_of_exchange.n.01", "monetary_unit.n.01", "sum.n.01",
    "monetary_value.n.01", "financial_gain.n.01", "income.n.01", "cost.n.01", "payment.n.01", "outgo.n.01",
    "fund.n.01", "funding.n.01", "capital.n.01", "investment.n.02", "liabilities.n.01", "aid.n.03", "grant.n.01",
)
"""WordNet 3.0 noun senses (Miller 1995; ``lemma.n.NN``: the NN-th sense of the lemma, as NLTK names them) whose
kinds are amounts of money: a "how much" question whose head noun has a sense below one of them asks for money
("how much *revenue*": gross.n.01 is a kind of sum.n.01; *tax*, *debt*: liabilities; *compensation*, *wage*:
payment; *aid*: aid.n.03, financial aid), one whose head noun has none asks for a quantity ("how much *land*":
real_property, a possession but no sum of money; "how much *time*")."""
MONEY_VERB_SENSES = (
    "pay.v.01", "spend.v.02", "invest.v.01", "cost.v.01", "charge.v.03", "earn.v.01", "raise.v.04", "collect.v.02",
    "donate.v.01", "owe.v.01", "sell.v.01", "buy.v.01", "fine.v.01",
)
"""WordNet 3.0 verb senses of handing over or taking money ("give money, usually in exchange for goods or
services", "be priced at", "demand payment", "collect funds for a specific purpose", "be obliged to pay or
repay"): a "how much" question without a head noun whose verb has a sense below one of them asks for money
("how much did the council *owe*?", "how much did the mill *pledge*?": pledge.v.02 is a kind of donate.v.01)."""
MONEY_NOUN_SENSES = 3
"""How many of a head noun's most frequent senses are looked at (aid.n.03 is the money sense of "aid"; the 4th
sense of "damage", a sum awarded in court, does not make "how much damage" ask for money)."""
MONEY_VERB_SENSES_READ = 2
"""How many of a verb's most frequent senses are looked at (collect.v.02 "call for and obtain payment of")."""
_UNIT_NOUNS = frozenset("kilometre kilometer km mile metre meter yard foot feet inch tonne ton kilogram kg pound litre "
                        "liter gallon hectare acre degree hour minute second day week month year".split())
_HOW_QUANTITY = frozenset("far long tall high deep wide big heavy large fast old wide".split())
_LENGTH_UNITS = frozenset("kilometre kilometer km kms mile mi metre meter m yard yd foot feet ft inch in centimetre "
                          "centimeter cm millimetre millimeter mm nautical".split())
_TIME_UNITS = frozenset("year yr month week day hour hr minute min second sec decade century night fortnight".split())
_WEIGHT_UNITS = frozenset("kilogram kilo kg gram g tonne ton t pound lb lbs ounce oz".split())
_SPEED_UNITS = frozenset("kph mph knot km/h".split())
_AREA_UNITS = frozenset("hectare ha acre square sq km2 km² m2 m² dunam donum feddan".split())
DIMENSION_UNITS: dict[str, frozenset[str]] = {
    "far": _LENGTH_UNITS, "tall": _LENGTH_UNITS, "high": _LENGTH_UNITS, "deep": _LENGTH_UNITS, "wide": _LENGTH_UNITS,
    "long": _LENGTH_UNITS | _TIME_UNITS, "old": _TIME_UNITS, "heavy": _WEIGHT_UNITS,
    "fast": _SPEED_UNITS | _LENGTH_UNITS, "distance": _LENGTH_UNITS, "length": _LENGTH_UNITS | _TIME_UNITS,
    "height": _LENGTH_UNITS, "depth": _LENGTH_UNITS, "width": _LENGTH_UNITS, "altitude": _LENGTH_UNITS,
    "weight": _WEIGHT_UNITS, "duration": _TIME_UNITS, "speed": _SPEED_UNITS | _LENGTH_UNITS,
    "area": _AREA_UNITS, "surface": _AREA_UNITS, "acreage": _AREA_UNITS,
}
"""The units (lemmas, lower case) a quantity of a dimension is stated in, by the word that asks
for it ("how *far*", "what *distance*"): a number without one of them ("7" in a table's killed
column, "two colonial powers") measures nothing asked."""
MEASURED_PLACE_NOUNS = frozenset("area surface".split())
"""Head nouns that name a place ("in which area") or a measure of a thing ("what *area of barley*",
"what surface of forest"): followed by "of" and a common noun that is not itself a place, they ask how
much of that thing, a quantity (Li & Roth 2002 keep NUM:size apart from LOC)."""
_YES_NO_START = frozenset("is are was were do does did has have had can could will would should may might".split())
_ASKING_VERBS = frozenset("name list give tell identify state say".split())
_WH = frozenset("what which who whose whom when where how why".split())
_POS_WEIGHT = {"PROPN": 1.5, "NUM": 1.5, "NOUN": 1.0, "VERB": 1.0, "ADJ": 0.6, "ADV": 0.3}
_IDENTIFIER = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*$")  # B-12, 3rd, AK-47


@dataclass(frozen=True)
class FocusWord:
    """A word of the question that its answer's sentence should share: ``lemma`` (lower
    case), ``text`` as written, ``pos`` (Universal POS) and ``weight`` (:data:`_POS_WEIGHT`)."""

    lemma: str
    text: str
    pos: str
    weight: float


@dataclass(frozen=True)
class QuestionReading:
    """A question as the answerer reads it.

    ``answer_type``: what it asks for; ``head``: the lemma of the head noun that decided the
    type ("village" in "in which village ..."), else ``None``; ``wh``: the question word
    (``"how many"``, ``"who"``, ``"which"``, ...) or ``None``; ``focus``: its content words
    other than the wh-phrase and the head noun, in order; ``identifiers``: the numbers and
    codes that name a thing ("report 7" -> ``"7"``, "B-12", "the 42nd day" -> ``"42nd"``; not years,
    not a counted amount), which the answer's passage must state (an ordinal as "42nd" or "42"); ``doc``: the spaCy ``Doc`` (the full parse, for
    any stage that needs more; not compared); ``object_of``: for a question that asks for the object of
    its verb ("what did the patrol *find*", "what weapons were *seized*"), that verb's lemma, else ``None``
    (the answer is the verb's object in the report's sentence, not any noun phrase of it);
    ``asks_agent``: a bare who-question whose question word is the subject of an active verb or a
    possessor ("who claimed ...", "in whose name ..."): a person, group or country (:data:`AGENT_LABELS`);
    ``agent_verb``: for such a question whose question word is the subject of a verb, that verb's lemma
    ("who *won* the cup?" -> ``"win"``), else ``None``: the answer is the doer the report states before
    that verb ("Ostrelia won ..."), a country or team as well as a person;
    ``direction``: ``"to"`` or ``"from"`` when the question asks for the end or the start of a movement by a
    preposition left at its end or put before its question word ("where were they taken *to*?", "*from*
    which town did they flee?"; :data:`~assistant.language.places.DIRECTIONS`), else ``None``;
    ``subject_of``: the lemma of the active verb whose subject the question word (or the noun it determines)
    is ("who *won* ...", "which team *won* ...", "what company *built* ..."), whatever the answer type, else
    ``None``: the answer is the doer the report states before that verb; ``preposition``: the preposition
    that governs the question word ("*among* what ...", "... hidden *among*?"), else ``None``.
    """

    text: str
    answer_type: AnswerType
    head: str | None = None
    wh: str | None = None
    focus: tuple[FocusWord, ...] = ()
    identifiers: tuple[str, ...] = ()
    wants_name: bool = False
    doc: Any = field(default=None, compare=False, repr=False)
    object_of: str | None = None
    asks_agent: bool = False
    agent_verb: str | None = None
    direction: str | None = None
    subject_of: str | None = None
    preposition: str | None = None

    @property
    def focus_weight(self) -> float:
        """The sum of the focus words' weights."""
        return sum(w.weight for w in self.focus)

    @functools.cached_property
    def head_modifiers(self) -> tuple[str, ...]:
        """The nouns the question puts before its head noun ("*fire* chief", "*crew* members"), lower
        case, from the parse (``compound`` dependents of the head); ``()`` without a head or a parse.
        Read once per question (cached on the reading)."""
        if self.head is None or self.doc is None:
            return ()
        return tuple(t.lower_ for t in self.doc
                     if t.dep_ == "compound" and t.pos_ == "NOUN" and t.head.lemma_.lower() == self.head)

    @functools.cached_property
    def head_text(self) -> str | None:
        """The head noun as the question writes it (the small model's lemma of "doses" is "dos"):
        the first token whose lemma is :attr:`head`, else the lemma itself; ``None`` without a head."""
        if self.head is None:
            return None
        if self.doc is None:
            return self.head
        return next((t.text for t in self.doc if t.lemma_.lower() == self.head), self.head)


def read_question(text: str) -> QuestionReading:
    """``text`` parsed and read (see the module docstring).  About 30 ms (the parse)."""
    from .nlp import parse_question

    return reading_of(parse_question(text))


def reading_of(doc: Any) -> QuestionReading:
    """The :class:`QuestionReading` of a question already parsed by spaCy (``doc``)."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    lower = [t.lower_ for t in words]
    answer_type, head, wh, skip = _classify(words, lower)
    located = {t.i for w in words if w.lower_ in _WH and _adverbial(w, lower) for t in w.head.subtree}
    focus = []
    for i, token in enumerate(words):
        if i in skip or token.lower_ in STOPWORDS or token.lower_ in _WH or token.pos_ not in _POS_WEIGHT:
            continue
        if token.pos_ == "VERB" and token.lemma_.lower() in LIGHT_VERBS:
            continue
        if token.pos_ == "VERB" and any(c.dep_ == "acomp" for c in token.children):
            continue  # a linking verb ("had gone *unoccupied*", "remained closed"): its adjective says what
        weight = _POS_WEIGHT[token.pos_]
        if _is_relation(token):
            weight *= RELATION_WEIGHT
        if token.i in located:
            weight *= CLAUSE_WEIGHT
        focus.append(FocusWord(token.lemma_.lower(), token.text, token.pos_, weight))
    identifiers = tuple(
        t.text for i, t in enumerate(words)
        if _IDENTIFIER.match(t.text)  # "B-12", "AK-47", "42nd" (the 42nd day)
        or (t.like_num and t.text.isdigit() and not YEAR.fullmatch(t.text) and i > 0
            and words[i - 1].pos_ in ("NOUN", "PROPN") and not is_calendar_word(words[i - 1].text))
    )
    wants_name = any(t in ("name", "named", "called", "names") for t in lower)
    object_of = _asked_object_of(words) if answer_type is AnswerType.DESCRIPTION else None
    asks_agent = answer_type is AnswerType.PERSON and head is None and any(
        t.lower_ == "whose" or (t.lower_ == "who" and t.dep_ == "nsubj") for t in words)
    agent_verb = next((t.head.lemma_.lower() for t in words if asks_agent and t.lower_ == "who" and t.dep_ == "nsubj"
                       and t.head.pos_ == "VERB" and t.head.lemma_.lower() not in LIGHT_VERBS), None)
    return QuestionReading(doc.text, answer_type, head, wh, tuple(focus), identifiers, wants_name, doc, object_of,
                           asks_agent, agent_verb, _direction(lower), _asked_subject_of(words), _preposition(words))


def named_noun(doc: Any) -> str | None:
    """The lemma of the noun whose name the parsed question ``doc`` asks for ("what is the name of the
    *vendor* ...?" -> ``"vendor"``, "name the *seller* ..." -> ``"seller"``), else ``None``: the object of
    "of" after the noun "name", or the object of the verb "name"."""
    if doc is None:
        return None
    for token in doc:
        if token.lemma_.lower() != "name":
            continue
        if token.pos_ == "NOUN":
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
                    if objects:
                        return objects[0].lemma_.lower()
        elif token.pos_ == "VERB":
            objects = [c for c in token.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
            if objects:
                return objects[0].lemma_.lower()
    return None


def _direction(lower: list[str]) -> str | None:
    """The direction (:data:`~assistant.language.places.DIRECTIONS`) of the preposition that governs the
    question word: the question's last word ("where did they flee *to*") or its first, before the question
    word ("*from* which town ..."); the small parser tags such a preposition unreliably, so the words decide."""
    if lower and lower[-1] in DIRECTIONS:
        return DIRECTIONS[lower[-1]]
    if len(lower) > 1 and lower[0] in DIRECTIONS and lower[1] in ("which", "what", "where", "whom", "whose"):
        return DIRECTIONS[lower[0]]
    return None


def _preposition(words: list[Any]) -> str | None:
    """The preposition that governs the question word, put before it ("*Among* what were the manuals
    hidden?", "*With* which group ...") or left at the question's end ("What were they hidden *among*?"),
    in lower case; ``None`` when there is none."""
    if len(words) > 1 and words[0].pos_ == "ADP" and words[1].lower_ in ("which", "what", "whom", "whose"):
        return words[0].lower_
    if len(words) > 2 and words[-1].pos_ == "ADP" and words[0].lower_ in ("which", "what", "who", "whom", "where"):
        return words[-1].lower_
    return None


def _asked_subject_of(words: list[Any]) -> str | None:
    """The lemma of the active verb whose subject the question word asks for: "*Who* won the cup",
    "*Which team* won the cup", "*What company* built the bridge" (the wh-word, or the noun it
    determines, is the verb's ``nsubj``); ``None`` otherwise, and for the verbs of
    :data:`LIGHT_VERBS` ("which town *is* the capital", "who *said* ...")."""
    for token in words:
        if token.lower_ not in ("who", "which", "what"):
            continue
        asked = token.head if token.dep_ == "det" else token
        verb = asked.head
        if asked.dep_ == "nsubj" and verb is not asked and verb.pos_ == "VERB" \
                and verb.lemma_.lower() not in LIGHT_VERBS:
            return verb.lemma_.lower()
        return None
    return None


def _asked_object_of(words: list[Any]) -> str | None:
    """The lemma of the verb whose object the question word asks for: "*What* did the patrol
    find" (the wh-word is the verb's direct object), "*What weapons* did they seize" (the
    phrase it determines is), "*What* was found" (the passive subject), a question word right after
    its verb ("policies that *ignore which* facts?": the asked thing stands where a statement has it);
    ``None`` otherwise ("what is the capital", "what happened")."""
    for at, token in enumerate(words):
        if token.lower_ not in ("what", "which"):
            continue
        if at > 0 and words[at - 1].pos_ == "VERB" and words[at - 1].lemma_.lower() not in ("be", "have", "do"):
            return words[at - 1].lemma_.lower()  # in situ: "policies that *ignore* which facts?"
        asked = token.head if token.dep_ == "det" else token
        verb = asked.head
        if asked.dep_ in ("dobj", "nsubjpass") and verb is not asked and verb.lemma_.lower() not in ("be", "have", "do"):
            return verb.lemma_.lower()
        return None
    return None


LIGHT_VERBS = frozenset("be have do say accord report".split())
"""Verbs that say nothing of what happened: no focus word, and no deed a "who" question asks the doer of
("who said the bridge was closed?" asks who said *that*; a report's every quote has a sayer)."""

RELATION_WEIGHT = 2.0
"""How much more a relation word weighs: the question's main verb (the parse's root, or the
verb the question word depends on) and a predicate adjective ("present"), the words that say
*what happened* rather than where or to whom (the "question focus" of Moldovan et al. 2000)."""


REPORTING_LEXFILES = frozenset({31, 32})
"""WordNet's lexicographer files of verbs of knowing and telling (``verb.cognition``,
``verb.communication``; lexnames(5WN)): "do the reports *say* who ...", "is it *known* when ..." embed a
question that still asks.  Not ``verb.perception``: the first sense of "hurt" is one ("feel pain")."""


def _adverbial(token: Any, lower: list[str]) -> bool:
    """``token``, a wh-word inside a yes/no question ("*was* anyone hurt *when* the bridge was bombed?",
    "*did* anyone drown *where* the ferry capsized?"), says when or where the asked thing happened and
    does not ask, unless its clause is what a verb of knowing or telling governs ("do the
    reports *say* who planted it?": an embedded question, :data:`REPORTING_LEXFILES`)."""
    if token.i == 0 or not lower or lower[0] not in _YES_NO_START:
        return False
    governor = token.head.head if token.head is not token else token
    return not _reports(governor.lemma_.lower())


@functools.lru_cache(maxsize=2048)
def _reports(verb: str) -> bool:
    """The first WordNet sense of ``verb`` is one of knowing or telling; true when WordNet is
    not installed (then every wh-word asks, as before it was read)."""
    from ..errors import BackendUnavailable
    from .wordnet import wordnet

    try:
        database = wordnet()
    except BackendUnavailable:
        return True
    senses = database.senses(verb, "verb")
    return bool(senses) and database.synset("verb", senses[0]).lexfile in REPORTING_LEXFILES


CLAUSE_WEIGHT = 0.5
"""How much a word of a yes/no question's when- or where-clause weighs (:func:`_adverbial`): the clause
says which event is meant ("when *the dam was breached*"), the main clause what is asked ("was *anyone
hurt*"), so the sentence that settles the question need not repeat the clause."""


def _relative(token: Any) -> bool:
    """``token`` (a wh-word) opens a relative clause ("the leader *who* ran ...", "the operation
    in *which* ..."), so it does not ask: one of its heads is a relative clause's verb."""
    node, steps = token, 0
    while node.head is not node and steps < 6:
        if node.dep_ in ("relcl", "acl"):
            return True
        node, steps = node.head, steps + 1
    return node.dep_ in ("relcl", "acl")


def _is_relation(token: Any) -> bool:
    if token.pos_ == "VERB" and (token.dep_ in ("ROOT", "relcl", "ccomp", "xcomp") or token.head.dep_ == "ROOT"):
        return True
    return token.pos_ == "ADJ" and token.dep_ in ("acomp", "ROOT")


def _classify(words: list[Any], lower: list[str]) -> tuple[AnswerType, str | None, str | None, set[int]]:
    """``(answer type, head noun lemma, wh-phrase, indices of the words that asked)``."""
    n = len(words)
    asking = [i for i, word in enumerate(lower) if word in _WH and not _relative(words[i])
              and not _adverbial(words[i], lower)]
    how_much = [i for i, word in enumerate(lower) if word == "how" and i + 1 < n and lower[i + 1] in ("many", "much")]
    for i in how_much + [i for i in asking if i not in how_much]:
        word = lower[i]
        nxt = lower[i + 1] if i + 1 < n else ""
        if word == "how" and nxt in ("many", "much"):
            head = _counted(words, i + 1)
            head_lemma = words[head].lemma_.lower() if head is not None else None
            skip = {i, i + 1} | ({head} if head is not None else set())
            if nxt == "many":
                if head_lemma in _UNIT_NOUNS:
                    return AnswerType.QUANTITY, head_lemma, "how many", skip
                return AnswerType.COUNT, head_lemma, "how many", skip
            if head is None and i + 2 < n and lower[i + 2] == "in":  # "how much in fees did the bridge take?"
                nouns = _noun_run(words, i + 3)
                if nouns:
                    head, head_lemma = nouns[-1], words[nouns[-1]].lemma_.lower()
                    skip |= {i + 2, head}
            counted = head is not None and not any(t.pos_ == "AUX" for t in words[i + 2:head])
            money = _money_noun(words[head]) if counted else None  # "how much did the guild *pledge*": a verb
            if money is None:  # no head noun WordNet knows: the verb says ("how much did the school cost?")
                rest = words[i + 2:]
                money = any(t.lemma_.lower() in _MONEY_WORDS or t.lower_ in _MONEY_WORDS
                            or ((t.pos_ == "VERB" or t.dep_ == "ROOT") and _money_verb(t.lemma_.lower()))
                            for t in rest)
            return (AnswerType.MONEY if money else AnswerType.QUANTITY), head_lemma, "how much", skip
        if word == "how" and nxt in _HOW_QUANTITY:
            if nxt == "long" and i + 2 < n and lower[i + 2] == "ago":
                return AnswerType.DATE, None, "how long ago", {i, i + 1, i + 2}
            return AnswerType.QUANTITY, nxt, f"how {nxt}", {i, i + 1}
        if word in ("when",) or (word == "since" and nxt == "when"):
            return AnswerType.DATE, None, "when", {i}
        if word == "where":
            return AnswerType.PLACE, None, "where", {i}
        if word in ("who", "whom", "whose"):
            found = _typed_head(words, i)  # "who was the target" -> a person either way
            return AnswerType.PERSON, found[1] if found else None, word, {i}
        if word in ("which", "what"):
            verb = next((t for t in words[i + 1:] if t.pos_ == "VERB"), None)
            if nxt in ("do", "does", "did") and words[-1].lemma_.lower() in _MONEY_VERBS:
                verb = words[-1]  # "what did the failed convoy to Lindrum cost": "cost" read as a noun
            if verb is not None and verb.lemma_.lower() in _MONEY_VERBS and _typed_head(words, i) is None:
                return AnswerType.MONEY, None, word, {i}  # "what did the convoy cost?"
            found = _typed_head(words, i)
            if found is not None:
                answer_type, head, index = found
                return answer_type, head, word, {i, index}
            return AnswerType.DESCRIPTION, None, word, {i}
    if lower and lower[0] in _YES_NO_START:
        return AnswerType.YES_NO, None, None, set()
    if lower and lower[0] in _ASKING_VERBS:  # "Name the leader ...", "List the ..."
        found = _phrase_from(words, 1)
        if found is not None:
            return found[0], found[1], lower[0], {0, found[2]}
        return AnswerType.DESCRIPTION, None, lower[0], {0}
    found = _typed_head(words, -1)  # a question without a question word: "Super Bowl 2021 location"
    if found is not None:
        return found[0], found[1], None, {found[2]}
    return AnswerType.DESCRIPTION, None, None, set()


def _typed_head(words: list[Any], at: int) -> tuple[AnswerType, str, int] | None:
    """The typed head noun of the phrase the question word at ``at`` asks about, as
    ``(answer type, lemma, index)``: the noun phrase right after it ("which *police officer*"),
    or after a form of *be* ("what was the *name* of the village"), looking through "the name
    of", "the number of", "kind of"; with ``at == -1`` (no question word) the root noun.
    ``None`` when that phrase has no noun the head-noun table knows ("what did the patrol
    find": the question word is the object, not a determiner)."""
    n = len(words)
    if at < 0:  # English noun phrases end in their head: "Harbour festival 2031 location"
        nouns = [i for i, t in enumerate(words) if t.pos_ == "NOUN"]
        roots = [i for i, t in enumerate(words) if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "ROOT"]
        for index in nouns[-1:] + roots[:1]:
            found = _head_of_phrase(words, index)
            if found is not None:
                return found
        return None
    i = at + 1
    after_be = i < n and words[i].lemma_.lower() == "be" and words[i].pos_ == "AUX"
    if after_be:
        i += 1
    if i < n and words[i].pos_ in ("AUX", "VERB", "PRON", "ADP", "SCONJ"):
        return None
    found = _phrase_from(words, i)
    if found is not None and after_be and found[2] + 1 < n and words[found[2] + 1].pos_ == "VERB" \
            and _strands(words[found[2] + 1]):
        return None  # "what was the bomb hidden in": the question word is the verb's object
    return found


def _strands(verb: Any) -> bool:
    """``verb`` ends the question or leaves a preposition without its object ("what was the
    parcel hidden *in*?"), so the question word is what it lacks; "the leader killed in the
    strike" is a noun's modifier, not the question's own verb."""
    if verb.i == len(verb.doc) - 1 or all(t.is_punct for t in verb.doc[verb.i + 1:]):
        return True
    return any(child.dep_ == "prep" and not any(c.dep_ == "pobj" for c in child.children) for child in verb.children)


def _counted(words: list[Any], many: int) -> int | None:
    """The index of the noun that "how many"/"how much" counts: the noun the word "many" modifies
    in the parse ("how many Taliban vehicle-borne IED *facilitators*"), else the first noun run after
    it ("how many of the *soldiers*")."""
    head = words[many].head
    if words[many].dep_ in ("amod", "nummod") and head.pos_ in ("NOUN", "PROPN") and head.i > words[many].i:
        at = next((k for k, w in enumerate(words) if w is head or w.i == head.i), None)
        if at is not None:
            return at
    start = many + 1
    if start < len(words) and words[start].lower_ == "of":
        start += 1 + (start + 1 < len(words) and words[start + 1].pos_ == "DET")
    nouns = _noun_run(words, start)
    return nouns[-1] if nouns else None


def _phrase_from(words: list[Any], i: int) -> tuple[AnswerType, str, int] | None:
    """The typed head of the noun phrase starting at ``i`` (determiners, adjectives, numbers
    and nouns; through "of" after name/number/kind/amount)."""
    n = len(words)
    nouns = []
    possessor = None
    while i < n and (words[i].pos_ in ("DET", "ADJ", "NUM", "NOUN", "PROPN", "ADV") or words[i].lower_ in ("name", "number")
                     or (words[i].dep_ == "case" and nouns)):
        if words[i].dep_ == "case":  # "Tesla's revenue": the possessor modifies, the head follows
            possessor, nouns = nouns[-1], []
        elif words[i].pos_ in ("NOUN", "PROPN") or words[i].lower_ in ("name", "number"):
            nouns.append(i)
        elif nouns:
            break
        i += 1
    if not nouns:
        return None
    head = nouns[-1]
    lemma = words[head].lemma_.lower()
    follows_of = head + 1 < n and words[head + 1].lower_ == "of"
    if lemma in ("name", "kind", "type", "sort", "title", "identity") and follows_of:
        return _phrase_from(words, head + 2)
    if lemma in ("number", "total", "count") and follows_of:
        return AnswerType.COUNT, lemma, head
    if lemma == "quantity" and follows_of:
        return AnswerType.QUANTITY, lemma, head
    if lemma == "amount" and follows_of:
        money = head + 2 < n and (words[head + 2].lemma_.lower() in _MONEY_WORDS or bool(_money_noun(words[head + 2])))
        return (AnswerType.MONEY if money else AnswerType.QUANTITY), lemma, head
    if lemma in MEASURED_PLACE_NOUNS and follows_of and _measures(words, head + 2):
        return AnswerType.QUANTITY, lemma, head  # "what area of barley": hectares, not a place
    found = _typed(words[head])  # the head noun decides, not a modifier ("the market bomb")
    if found is None and possessor is not None and lemma in ("name", "title", "identity"):
        found = _typed(words[possessor])  # "the village's name": the possessor says what is named
        return (found, words[possessor].lemma_.lower(), possessor) if found is not None else None
    return (found, lemma, head) if found is not None else None


def _measures(words: list[Any], i: int) -> bool:
    """The noun phrase at ``i`` (after "area of") is a stuff or thing that has an extent ("barley",
    "farmland", "the forest"), not a named place ("area of Tamrin") or a place noun ("area of the
    district"), so "area" measures it."""
    nouns = _noun_run(words, i + (i < len(words) and words[i].pos_ == "DET"))
    if not nouns:
        return False
    last = words[nouns[-1]]
    common = last.pos_ == "NOUN" or (last.pos_ == "PROPN" and last.text.islower())  # "farmland" tagged PROPN
    return common and _typed(last) is not AnswerType.PLACE and last.ent_type_ not in ("GPE", "LOC", "FAC")


def _noun_run(words: list[Any], i: int) -> list[int]:
    """Indices of the nouns of the noun phrase starting at ``i`` (adjectives and numbers allowed before them)."""
    nouns = []
    while i < len(words) and words[i].pos_ in ("ADJ", "NUM", "NOUN", "PROPN", "X"):
        if words[i].pos_ in ("NOUN", "PROPN", "X"):
            nouns.append(i)
        elif nouns:
            break
        i += 1
    return nouns


def _head_of_phrase(words: list[Any], root: int) -> tuple[AnswerType, str, int] | None:
    found = _typed(words[root])
    return (found, words[root].lemma_.lower(), root) if found is not None else None


def _typed(token: Any) -> AnswerType | None:
    lemma, text = token.lemma_.lower(), token.lower_
    for answer_type, heads in HEAD_NOUNS.items():
        if lemma in heads or text in heads:
            return answer_type
    return None


def _money_noun(token: Any) -> bool | None:
    """The noun ``token`` names an amount of money (the money head nouns of :data:`HEAD_NOUNS`, or one of
    its first :data:`MONEY_NOUN_SENSES` WordNet senses is a kind of a :data:`MONEY_SENSES` synset); ``None``
    when it is no noun WordNet knows (a name, or WordNet not installed): then it does not say."""
    lemma = token.lemma_.lower()
    if lemma in HEAD_NOUNS[AnswerType.MONEY] or token.lower_ in HEAD_NOUNS[AnswerType.MONEY]:
        return True
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    return _names_money(lemma, "noun")


def _money_verb(lemma: str) -> bool:
    """The verb ``lemma`` hands over or takes money in one of its first :data:`MONEY_VERB_SENSES_READ`
    WordNet senses (:data:`MONEY_VERB_SENSES`); false when WordNet is not installed."""
    return bool(_names_money(lemma, "verb"))


@functools.lru_cache(maxsize=4096)
def _names_money(lemma: str, pos: str) -> bool | None:
    """:func:`_money_noun` / :func:`_money_verb` by WordNet: ``None`` when WordNet lacks ``lemma`` as ``pos``
    or is not installed."""
    from ..errors import BackendUnavailable
    from .wordnet import wordnet

    try:
        database = wordnet()
    except BackendUnavailable:
        return None
    if not database.senses(lemma, pos):
        return None
    names, read = (MONEY_SENSES, MONEY_NOUN_SENSES) if pos == "noun" else (MONEY_VERB_SENSES, MONEY_VERB_SENSES_READ)
    return database.is_a(lemma, pos, database.kinds(names), senses=read)
