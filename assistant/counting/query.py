"""A question that counts, sums or lists across reports, as a typed record: the unit and the
condition (:class:`CountQuery`), read from the question's parse by
:func:`assistant.counting.reading.read_count_query`; its scope (dates, places, sources) is the
question's :class:`assistant.types.Scope` (:func:`assistant.retrieval.scope.resolve_scope`).

* unit: ``reports`` (how many reports state the condition), ``sum`` (add the numbers attached
  to the head noun in each counted report: people detained, kilometres travelled) or ``list``
  (the distinct values of a kind: districts, villages, people's names, groups, reports);
* condition: :class:`Condition`, groups that must all hold (AND), each of alternative
  :class:`Clause` s (OR); a clause's :class:`Term` s must all be stated in one sentence, with
  the clause's polarity ("nobody was hurt" is a negated clause);
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """One word of a condition and what a report may write instead.

    ``text``: the word as the question writes it; ``lemma``/``pos`` (``NOUN``, ``VERB``,
    ``ADJ``, ``PROPN``, ``NUM``); ``alternatives``: lower-case lemmas (multi-word ones with
    spaces) any of which states the term, from WordNet and the question's own alternatives
    ("weapons (rifles, grenades)"); ``name``: a proper name, matched by its spelling (case,
    accents and hyphens ignored) instead of lemmas; ``required``: a counted sentence must state
    it (false for the doer of a transitive verb, for words around a name); ``kinds``: those
    alternatives that are kinds of the word (WordNet hyponyms: "street" for "road"), which
    state it only as common nouns ("Iolen Street school" names no road); ``in_document``: the
    word classifies a thing the report names once and then refers back to ("an *aid* convoy
    ... the convoy travelled 42 km"), so it must be stated in the report, not in the sentence.
    """

    text: str
    lemma: str
    pos: str
    alternatives: frozenset[str]
    name: bool = False
    required: bool = True
    kinds: frozenset[str] = frozenset()
    in_document: bool = False


@dataclass(frozen=True)
class Clause:
    """Terms stated together in one sentence; ``negated``: the sentence must state that it did
    not happen ("no civilians were harmed"), else the sentence must not negate it."""

    terms: tuple[Term, ...]
    negated: bool = False

    def describe(self) -> str:
        words = " ".join(t.text for t in self.terms)
        return f"no {words}" if self.negated else words


@dataclass(frozen=True)
class Condition:
    """What a counted report must state: every group (AND) through one of its alternative
    clauses (OR).  No group: every report in scope counts."""

    groups: tuple[tuple[Clause, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.groups

    def terms(self) -> list[Term]:
        """Every term, in question order, once."""
        seen: dict[tuple[str, str], Term] = {}
        for group in self.groups:
            for clause in group:
                for term in clause.terms:
                    seen.setdefault((term.lemma, term.pos), term)
        return list(seen.values())

    def describe(self) -> str:
        """The condition in words: ``checkpoint attacked night; and people detained``."""
        return "; and ".join(" or ".join(c.describe() for c in group) for group in self.groups)


UNITS = ("reports", "sum", "list")


@dataclass(frozen=True)
class CountQuery:
    """A count/sum/list question across reports.

    ``unit``: one of :data:`UNITS`; ``head``: the counted or listed noun as a :class:`Term`
    (``people``, ``kilometre``, ``district``; ``None`` for ``reports``); ``list_kind``: what
    the listed values are (``place``, ``person``, ``group``, ``report`` or ``thing``) and
    ``level``: the place word of a list of places ("district"); ``condition`` as above; ``readable``: the condition was read (false: the question counts but its
    condition could not be read, ``reading`` says what was understood); ``reading``: the
    question as understood, in words; ``events``: the question counted events ("how many
    airstrikes") and is answered in reports, each report once; ``armed``: a list of groups asks
    for armed groups only ("which armed groups", :data:`assistant.language.conditions.ARMED_MODIFIERS`);
    ``qualifiers``: the names (or nationality adjectives) a sum's question puts before its head noun
    ("how many *Border Guard* soldiers", "*American* soldiers"): a number is added only when one of
    them stands between it and the noun ("two Border Guard soldiers", "three U.S. soldiers");
    ``share``: a count of reports asked as a share of the reports in scope ("what percentage of
    the reports ..."), answered "N of M reports (P %)"; ``also``: the nouns a sum's head noun is
    conjoined with ("how many food parcels *and hygiene kits*"), whose numbers are added too
    (each number once), empty for one head noun.
    """

    question: str
    unit: str
    condition: Condition = field(default_factory=Condition)
    head: Term | None = None
    list_kind: str | None = None
    level: str | None = None
    readable: bool = True
    reading: str = ""
    events: bool = False
    ignored: tuple[str, ...] = ()
    armed: bool = False
    qualifiers: tuple[Term, ...] = ()
    share: bool = False
    also: tuple[Term, ...] = ()
