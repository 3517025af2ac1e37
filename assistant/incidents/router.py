"""Recognise questions that count, sum or list across reports, from their wording.

:func:`parse_question` returns an :class:`AggregateQuery` only when every content word of
the question is understood as one of:

* the operation: "how many reports/airstrikes/operations", "in how many", "number of"
  (count reports); "how many people/insurgents/leaders ... killed/detained", "total"
  (sum a count); "list/which/what/name the provinces/districts/groups/reports",
  "names of the individuals killed" (list values);
* a condition on the records: a province ("Kunduz", "Paktia province"), a district ("X
  district"), a time ("in 2012", "in September 2012", "between May and July 2010", "on
  May 10, 2010"), an event type ("airstrikes", "precision strike", "detentions",
  "civilian casualties"), an armed group ("Haqqani network", "al-Qaida");
* words that change nothing ("reports", "describe", "operations", "reported", ...).

Anything else ("during the clearing operation", "the past week of Operation Jazira
Storm") means the question is about something the records do not hold, so it goes to
the normal chain.  A count question also needs a condition or an explicit
across-reports cue ("reports", "in how many", "total"): "How many airstrikes were
reported?" alone may ask for the number one report states.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

import regex

from ..language.dates import MONTH_PATTERN, MONTHS, YEAR_PATTERN
from ..language.names import NAME_WORD
from .lexicon import PROVINCE_SPELLINGS, TARGET_GROUPS, canonical_province
from .records import IncidentFilter

_GENERIC = frozenset("""how many much what which who whom list name names give tell show me us of the a an in on at
during by for from to and or were was is are be been being did do does have has had there that where when with any
reports report reported reporting documents document press releases release describe describes described describing
mention mentions mentioned mentioning state states stated say says said operations operation incidents incident
events event raids raid cases case took take place happened occurred carried out conducted total number altogether
overall all across combined individuals individual people persons person insurgents insurgent militants militant
suspects suspect suspected men fighters fighter figures figure leaders leader commanders commander members member
killed kill died dead deaths death detained detain detentions detention captured capture captures arrested arrests
arrest held taken custody province provinces district districts network against targeting targeted target targets
exactly least minimum security forces force coalition afghan isaf nato each per different distinct unique separate it
they them their some were these those total sum count counted altogether saw see seen experienced recorded
involved involving involve featured feature contain contains containing include includes appear appears occur
groups group about concerning regarding related""".split())
_REPORT_NOUNS = r"(?:reports?|documents?|press releases?|releases?|incidents?|operations?|raids?|events?|cases?)"
_STRIKE_NOUNS = r"(?:air ?strikes?|precision (?:air ?)?strikes?|strikes?|bombings?)"
_PEOPLE = r"(?:people|persons|individuals|insurgents|militants|suspects|suspected insurgents|men|fighters|Taliban)"
_LEADERS = r"(?:leaders|commanders)"
_KILL = r"(?:killed|died|dead|deaths)"
_CAPTURE = r"(?:detained|captured|arrested|held|taken into custody|detentions|captures|arrests)"


@dataclass(frozen=True)
class AggregateQuery:
    """A question answered from the records.

    ``operation`` is ``count`` (matching reports), ``sum`` (add up ``measure``: killed,
    captured, leaders_killed or leaders_captured) or ``list`` (distinct values of
    ``list_field``: province, district, target_group, names_killed or document).
    ``flt`` holds the conditions; ``conditions`` describes them in words.
    """

    question: str
    operation: str
    flt: IncidentFilter
    measure: str | None = None
    list_field: str | None = None
    conditions: tuple[str, ...] = field(default_factory=tuple)


def _month_range(year: int, month: int) -> tuple[str, str]:
    return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


_MONTH_YEAR = rf"(?P<m>{MONTH_PATTERN})\.?,?\s+(?P<y>{YEAR_PATTERN})"
_TIME_PATTERNS = (
    ("day", re.compile(rf"\bon\s+(?P<m>{MONTH_PATTERN})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>{YEAR_PATTERN})\b", re.I)),
    ("between", re.compile(rf"\b(?:between|from)\s+(?P<m1>{MONTH_PATTERN})\.?\s*(?P<y1>{YEAR_PATTERN})?\s+(?:and|to|until)\s+{_MONTH_YEAR}\b", re.I)),
    ("years", re.compile(rf"\b(?:between|from)\s+(?P<y1>{YEAR_PATTERN})\s+(?:and|to|until)\s+(?P<y2>{YEAR_PATTERN})\b", re.I)),
    ("month", re.compile(rf"\b(?:in|during|of)?\s*{_MONTH_YEAR}\b", re.I)),
    ("year", re.compile(rf"\b(?:in|during|of)?\s*(?P<y>{YEAR_PATTERN})\b", re.I)),
)


def _time(text: str) -> tuple[str | None, str | None, str | None, str]:
    """(date_from, date_to, description, text with the time removed)."""
    for kind, pattern in _TIME_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        rest = text[: m.start()] + " " + text[m.end() :]
        if kind == "day":
            iso = f"{int(m['y']):04d}-{MONTHS[m['m'].lower()]:02d}-{int(m['d']):02d}"
            return iso, iso, f"on {iso}", rest
        if kind == "between":
            y2, m2 = int(m["y"]), MONTHS[m["m"].lower()]
            y1, m1 = int(m["y1"] or y2), MONTHS[m["m1"].lower()]
            return _month_range(y1, m1)[0], _month_range(y2, m2)[1], f"between {m['m1']} {y1} and {m['m']} {y2}", rest
        if kind == "years":
            return f"{m['y1']}-01-01", f"{m['y2']}-12-31", f"between {m['y1']} and {m['y2']}", rest
        if kind == "month":
            month = MONTHS[m["m"].lower()]
            lo, hi = _month_range(int(m["y"]), month)
            return lo, hi, f"in {calendar.month_name[month]} {m['y']}", rest
        return f"{m['y']}-01-01", f"{m['y']}-12-31", f"in {m['y']}", rest
    return None, None, None, text


def _operation(q: str) -> tuple[str, str | None, str | None, bool] | None:
    """(operation, measure, list_field, explicit across-reports cue) read from the wording."""
    if re.search(rf"\b(?:in\s+how\s+many|how\s+many\s+(?:of\s+the\s+)?{_REPORT_NOUNS}|number\s+of\s+{_REPORT_NOUNS})\b", q):
        return "count", None, None, True
    if re.search(rf"\bhow\s+many\s+(?:of\s+the\s+)?(?:reported\s+)?{_STRIKE_NOUNS}\b", q):
        return "count", None, None, False
    sum_cue = bool(re.search(r"\b(?:total|altogether|in all|combined|overall)\b", q))
    for measure, people, verb in (("leaders_killed", _LEADERS, _KILL), ("leaders_captured", _LEADERS, _CAPTURE),
                                  ("killed", _PEOPLE, _KILL), ("captured", _PEOPLE, _CAPTURE)):
        if re.search(rf"\b(?:how\s+many|number\s+of|total)\b.*\b{people}\b.*\b{verb}\b", q) or \
                re.search(rf"\b(?:how\s+many|number\s+of|total)\s+(?:{verb})\b", q):
            return "sum", measure, None, sum_cue
    list_cue = r"\b(?:list|name|which|what|give|show|enumerate)\b"
    for list_field, noun in (("province", r"provinces"), ("district", r"districts"), ("target_group", r"groups"),
                             ("document", _REPORT_NOUNS.replace("s?", "s")),
                             ("names_killed", rf"(?:names\s+of\s+(?:the\s+)?(?:{_PEOPLE}|{_LEADERS}|those)|{_PEOPLE}\s+(?:reported\s+)?{_KILL}|{_LEADERS}\s+(?:reported\s+)?{_KILL})")):
        if re.search(list_cue, q) and re.search(rf"\b{noun}\b", q):
            return "list", None, list_field, True
    return None


def parse_question(question: str) -> AggregateQuery | None:
    """The aggregate reading of ``question``, or ``None`` when the normal chain should answer."""
    q = " ".join(question.strip().rstrip("?.!").split())
    op = _operation(q.lower())
    if op is None:
        return None
    operation, measure, list_field, cue = op
    conditions: list[str] = []
    date_from, date_to, when, rest = _time(q)
    province = district = event = group = None
    m = regex.search(rf"((?:{NAME_WORD}[ -]){{0,3}}{NAME_WORD})\s+district\b", rest)
    if m:
        district = m.group(1)
        rest = rest[: m.start()] + " " + rest[m.end() :]
    provinces = {canonical_province(p) for p in re.findall(
        r"\b(" + "|".join(re.escape(s) for s in PROVINCE_SPELLINGS) + r")\b", rest, flags=re.I)}
    if len(provinces) > 1:
        return None
    if provinces:
        province = provinces.pop()
        rest = re.sub(r"\b(" + "|".join(re.escape(s) for s in PROVINCE_SPELLINGS) + r")\b", " ", rest, flags=re.I)
    for key, (_, pattern) in TARGET_GROUPS.items():
        if re.search(pattern, rest, flags=re.I if key not in ("let",) else 0):
            if group is not None:
                return None
            group = key
            rest = re.sub(pattern, " ", rest, flags=re.I if key not in ("let",) else 0)
    for kind, pattern in (("civiliancasualty", r"\bcivilian\s+(?:casualties|deaths)\b"),
                          ("airstrike", rf"\b(?:{_STRIKE_NOUNS}|close[ -]air[ -]support|air support)\b"),
                          ("detention", r"\b(?:detentions?|arrests?|captures?)\b" if operation != "sum" else r"$^")):
        if re.search(pattern, rest, flags=re.I):
            event = event or kind
            rest = re.sub(pattern, " ", rest, flags=re.I)
    leftover = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", rest) if w.lower() not in _GENERIC
                and w.lower().rstrip("s") not in _GENERIC and w.lower() not in ("precision", "air", "aerial")]
    if leftover:
        return None
    if operation == "count" and event is None and re.search(r"\b(?:killed|died|deaths)\b", q.lower()):
        event = "insurgentskilled"
    if operation == "count" and event is None and re.search(rf"\b{_CAPTURE}\b", q.lower()):
        event = "detention"
    flt = IncidentFilter(date_from=date_from, date_to=date_to, province=province, district=district,
                         event_type=event, target_group=group)
    if not cue and not any((date_from, province, district, group)):
        return None
    if event:
        conditions.append({"airstrike": "an airstrike", "detention": "a detention",
                           "insurgentskilled": "people killed", "civiliancasualty": "civilian casualties"}[event])
    if group:
        conditions.append(f"the {TARGET_GROUPS[group][0]} named")
    if district:
        conditions.append(f"a place in {district} district")
    if province:
        conditions.append(f"a place in {province} province")
    if when:
        conditions.append(f"an incident date {when}")
    return AggregateQuery(question=question, operation=operation, flt=flt, measure=measure,
                          list_field=list_field, conditions=tuple(conditions))
