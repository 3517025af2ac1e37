"""The words of questions that count, sum or list across reports, and of the statements that
answer them: what counts as "a report", which verbs only report (``state``, ``describe``),
which words negate, which nouns name a kind of value to list.

Read by :mod:`assistant.counting.reading` (the question) and :mod:`assistant.counting.matching`
(the reports' sentences); kept here with the rest of the vocabulary.
"""

from __future__ import annotations

from .places import LEVELS

REPORT_NOUNS = frozenset("""report document release update bulletin briefing statement article text story
sitrep file note appeal assessment summary""".split())
"""Nouns that name the documents themselves ("how many reports", "in how many press releases")."""

REPORTING_VERBS = frozenset("""describe state say mention report tell note indicate contain give appear refer
record document cover show list name concern discuss feature include publish issue date accord""".split())
"""Verbs whose subject is the report and whose object is what it says: the condition is their
complement ("reports that *describe* displaced families"), not the verb; "*according* to the reports"
says the same of its reports."""

SUPPORT_VERBS = frozenset({"carry out", "conduct", "launch", "stage", "mount", "perform", "commit", "make", "take",
                           "have", "give", "hold", "do", "undertake", "execute"})
"""Verbs (and phrasal verbs) that say only that their object happened when the object names an
event: "carried out *an attack*", "conducted *an airstrike*", "made *arrests*".  The object is the
condition's thing (reports write "attacked", "an airstrike killed", "arrested"), the verb is not
required, and its subject is the event's doer, as for the intransitive "X attacked"."""

GENERIC_WORDS = frozenset("""someone somebody anyone anybody anything something people person thing one
case incident event time way kind type part total number sum amount instance occasion place fact
spelling form wording word text""".split())
"""Nouns and pronouns that state no condition of their own ("someone was kidnapped": the
condition is the kidnapping)."""

FRAME_NOUNS = frozenset({"operation", "activity", "event", "incident", "action", "mission", "development"})
"""Generic nouns for what happened; modified by the question's period or place ("the October
2011 operations") they only name the scope, not a condition."""

NEGATIONS = frozenset("""no not n't never nobody none nothing without neither nor""".split())
"""Words that negate what follows in their sentence ("no one" is ``no`` + ``one``)."""

INABILITY = frozenset({"unable"})
"""Words that negate the verb after them as "not" does: "*unable* to assess" is "could not assess"
(a negation, not a hedge like "scheduled to")."""

NEGATING_PREPOSITIONS = frozenset({"without"})
"""Prepositions that negate their own object, not the verb they hang on ("a bridge was damaged
*without anyone being hurt*": the hurting is negated, the damage is stated)."""

NEGATING_SUBJECTS = frozenset({"nobody", "none", "nothing", "noone"})
"""Pronouns that negate a statement by themselves being its subject ("nobody was hurt")."""

HEDGES = frozenset("""plan planned schedule scheduled expect expected intend propose proposed would could may might
allege alleged allegation unconfirmed possible possibly likely reportedly threaten aim seek hope attempt
try""".split())
"""Lemmas that make a matching sentence uncertain or not yet done ("scheduled to reopen",
"allegations of"): such a report is shown as "possibly", not counted."""

DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
"""Determiners that point at one known thing ("in *the* ambush"): a question naming an event
with one asks about that event, not about every report of its scope."""

SUM_CUES = frozenset({"total", "altogether", "overall", "combined", "sum", "add", "all"})
"""Words that ask to add numbers up across reports ("in total", "adding up")."""

PLACE_LEVELS = (*LEVELS, "country")
"""Place words that name a place's administrative level, smallest first (those of
:data:`assistant.language.places.LEVELS` and "country")."""

SCOPE_LEADS = frozenset({"in", "on", "at", "during", "between", "from", "since", "before", "after", "until", "by",
                         "of", "dated", "published", "issued", "released", "written", "posted", "near", "within"})
"""Words that introduce a question's period, place or source ("*dated* April 2019",
"*published by* OHCV"): read with the scope, not as the condition."""

PLACE_NOUNS = frozenset({"place", "location", "area", "locality", "site"})
"""Nouns that ask for places of any level ("in which places ...")."""

PERSON_NOUNS = frozenset({"name", "person", "people", "individual", "officer", "official", "leader", "commander",
                          "spokesperson", "spokesman", "spokeswoman", "man", "woman", "who"})
"""Nouns whose listed values are people's names (``PERSON`` entities)."""

GROUP_NOUNS = frozenset({"group", "organisation", "organization", "network", "agency", "ngo", "publisher",
                         "force", "party", "movement", "faction", "militia", "brigade", "company"})
"""Nouns whose listed values are organisations' names (``ORG`` entities, named groups)."""

ARMED_MODIFIERS = frozenset({"armed", "militant", "insurgent", "rebel", "terrorist", "extremist", "guerrilla",
                             "paramilitary", "jihadist", "separatist", "non-state"})
"""Modifiers of a group noun that ask for armed groups ("which *armed* groups", "*militant* groups"):
the listed organisations leave out state forces and civilian bodies (:data:`NOT_ARMED_NAME_WORDS`)."""

NOT_ARMED_NAME_WORDS = frozenset({
    # state forces and offices
    "police", "army", "guard", "gendarmerie", "force", "forces", "command", "ministry", "military", "navy",
    "government", "isaf", "nato", "coalition", "defence", "defense",
    "interior", "office", "department", "directorate", "council",
    # aid, monitoring and civic bodies
    "aid", "relief", "foundation", "network", "forum", "medics", "medical", "health", "mission", "committee",
    "agency", "fund", "international", "unicef", "unhcr", "ocha", "crescent", "cross", "charity",
    "association", "society", "institute", "trust", "monitor", "monitors", "observatory", "press", "news", "radio",
    "herald", "gazette", "courier", "times", "post", "daily", "review", "school", "university", "church",
    "parish",
})
"""Words in an organisation's name that make it a state force, an office or a civilian body
(aid, monitoring, press, church), not an armed group: an armed-groups list leaves it out.  A
name is matched word by word, case-folded."""

ARMED_ROLE_CUES = frozenset({
    "attack", "ambush", "raid", "fire", "shell", "shelling", "bomb", "bombing", "grenade", "gunman", "gunmen",
    "fighter", "militant", "member", "responsibility", "blame", "accuse", "kidnap", "abduct",
})
"""Lemmas of a sentence that gives an organisation named in it a part in armed violence (it
attacks, fires, is blamed, claims, has fighters or members suspected): an armed-groups list keeps
only organisations some sentence names with one of them (``counting.answer._armed_group``)."""

CLAIM_ROLE = (frozenset({"claim"}), frozenset({"responsibility"}))
"""A sentence whose organisation, written before a verb of the first set with an object of the
second ("the X Army claimed responsibility"), is an armed group whatever its name's words."""

BLAME_VERBS = frozenset({"blame", "accuse"})
"""Verbs whose organisation is the one held to account for an act of violence ("the governor
blamed the X League for the attack"): an armed group whatever its name's words."""

LIST_VERBS = frozenset({"list", "name", "give", "show", "enumerate", "identify"})
"""Imperatives that ask for a list ("List the provinces ...")."""

COUNT_VERBS = frozenset({"count", "tally"})
"""Imperatives that ask for a count ("*Count* the reports that mention arrests"): the question counts
across reports as "how many" does."""

PROPORTION_SENSES = ("ratio.n.01", "fraction.n.03")
"""WordNet senses of a part of a whole; a noun of one of them or a synonym of one ("percentage",
"proportion", "share", "fraction") before "of the reports" asks for a count as a share of the
reports in scope ("What *share* of the reports ..."): answered "N of M reports (P %)"."""

PARENTHESIS_SKIP = frozenset({"including", "include", "excluding", "except", "not", "counting"})
"""A parenthesis that starts with one of these clarifies the question; it adds no alternative."""

PARENTHESIS_LEAD = ("also spelled", "also spelt", "also written", "also known as", "or", "i.e.", "e.g.", "such as",
                    "like", "aka")
"""Words that introduce alternatives in a parenthesis ("al-Qaida (also spelled al-Qaeda)")."""

MODAL_FUTURE = frozenset({"will", "shall", "would", "'ll"})
"""Auxiliaries of statements about what has not happened yet."""

EVENT_FAMILIES = (
    frozenset({"displace", "displacement", "flee", "uproot", "evacuate", "evacuation"}),
    frozenset({"arson", "arsonist", "burn", "torch", "set fire", "set ablaze", "set alight", "firebomb"}),
)
"""Words that conflict and humanitarian reports use for one kind of event and that WordNet does
not relate (families that "fled" are displaced; a depot "torched" or "set on fire" is arson).
A condition word of a family is stated by any word of it."""

HARM_LEMMAS = frozenset({"injure", "wound", "hurt", "harm", "kill", "die", "injured", "wounded"})
"""Verbs of people harmed.  Denied, any of them is also denied by "no casualties" (a casualty is
someone killed or injured), so "nobody was injured" is stated by "There were no casualties";
stated positively they are not ("casualties" may be deaths only)."""

DENYING_HARM = frozenset({"casualty", "casualties"})
"""Nouns whose denial ("no casualties") denies every verb of :data:`HARM_LEMMAS`."""

QUOTE_VERBS = frozenset({"quote", "cite"})
"""Verbs a sentence states by holding a quotation ('"...," said Col. Torres'): a report
*quotes* someone where their words stand in quotation marks."""

QUOTE_NOUNS = frozenset({"quotation", "quotation mark", "quote", "inverted comma"})
"""Nouns for the same: "in *quotation marks*"."""

QUOTATION_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})
"""Tokens that open or close a quotation."""

SPEECH_VERBS = frozenset({"say", "tell", "add", "state", "explain", "comment", "remark", "declare", "note", "ask",
                          "answer", "reply", "warn", "insist", "quote"})
"""Verbs that attribute words to a speaker ('"...," *said* Col. Torres'): a person quoted is the
one named next to one of them."""

SETTLEMENT_LEVELS = frozenset({"village", "town", "city", "camp"})
"""Place levels of one settlement: two reports giving the same number at the same settlement, one
of them with no day, tell one event (``counting.answer._same_place``); a district or province is
too wide to say so."""

REFERRING_PRONOUNS = frozenset({"they", "it", "these", "this", "those"})
"""Pronouns that stand, as the subject of a sentence, for a noun of the sentence before ("Three
schools reopened. *They* had been closed since April"): a condition's noun missing from a
sentence is stated by one of them when the previous sentence states the noun
(``counting.matching.referred``)."""
