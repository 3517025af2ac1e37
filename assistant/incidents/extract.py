"""Read one incident record from one document, by rules over the report's language.

Fields and where they come from (every value keeps its span, see
:class:`~assistant.incidents.records.Evidence`):

* ``date``: :func:`assistant.incidents.dates.incident_date`;
* ``province``: the first "X province" / "province of X" (canonical spelling for the 34
  Afghan provinces, the text's own name otherwise), else the first bare mention of a
  known province; ``district``: the first "X district";
* ``killed``/``captured`` and leaders: :mod:`assistant.incidents.statements`;
* ``event_types``: airstrike (air strike, precision strike, close air support, coalition
  aircraft, precision-guided munitions), insurgentskilled / detention (a kill / capture
  statement), captureandkill (both), civiliancasualty (civilians or Afghans counted
  among the killed);
* ``target_groups``: armed groups named in the body (:data:`~assistant.incidents.lexicon.TARGET_GROUPS`);
* ``names_killed``: people named in a kill statement, or named as a leader/"known as"
  elsewhere and mentioned in a sentence stating a killing.

Front matter ("Key: value" lines before the text), bracketed notes and quotations
are not read (:func:`assistant.incidents.text.prepare`).  A document that is not an
incident report gets a record with empty fields.
"""

from __future__ import annotations

import regex as re  # Unicode letter classes in the name patterns (assistant.language.names)

from ..language.names import NAME_WORD
from ..types import Document
from .dates import incident_date
from .lexicon import PROVINCE_SPELLINGS, TARGET_GROUPS, canonical_province
from .phrases import name_at
from .records import Evidence, IncidentRecord
from .statements import Count, Statement, minimum, statements
from .text import Body, prepare

_PLACE = rf"{NAME_WORD}(?:[ \-](?:['’]?{NAME_WORD}|wa|e|ye|i|ez))*"
_PROVINCE = re.compile(rf"\b(?P<name>{_PLACE})\s+[Pp]rovince\b|\b[Pp]rovince\s+of\s+(?P<after>{_PLACE})")
_BARE_PROVINCE = re.compile(r"\b(" + "|".join(re.escape(s) for s in PROVINCE_SPELLINGS) + r")\b(?!\s+(?:[Dd]istrict|[Vv]illage)\b)")
_DISTRICT = re.compile(rf"(?P<name>['’]?{_PLACE})\s+district\b")
_LEADING = {"in", "the", "of", "at", "on", "near", "northern", "southern", "eastern", "western", "central", "and",
            "during", "from", "for", "to", "a", "an", "throughout", "within", "across"}
_AIRSTRIKE = re.compile(
    r"\b(?:air[ -]?strikes?|precision[ -](?:air[ -])?strikes?|close[ -]air[ -]support|air support"
    r"|coalition aircraft|precision[ -]guided munitions?|precision air fire|aerial platform)\b",
    re.IGNORECASE,
)
_ALIAS = re.compile(rf"(?P<name>{NAME_WORD}(?: {NAME_WORD}){{0,3}})\s*[–—,(-]\s*(?:also |a\.k\.a\. )?known as\s+"
                    rf"(?P<alias>{NAME_WORD}(?: {NAME_WORD}){{0,3}})")


def _ev(body: Body, field: str, value: str, start: int, end: int) -> Evidence:
    return Evidence(field, value, start, end, body.text[start:end])


def _sentence_span(body: Body, start: int, end: int) -> tuple[int, int]:
    sentence = body.sentence_at(start)
    return (sentence.start, max(sentence.end, end)) if sentence else (start, end)


def _strip_leading(name: str) -> str:
    words = re.split(r"(\s+)", name)
    while words and words[0].lower() in _LEADING:
        words = words[2:]
    return "".join(words)


def _province(body: Body) -> tuple[str | None, list[Evidence]]:
    for match in _PROVINCE.finditer(body.masked, body.start):
        raw = _strip_leading(match.group("name") or match.group("after") or "")
        if not raw:
            continue
        words = raw.split()
        name = canonical_province(raw) or canonical_province(words[-1]) or (raw if raw[0].isupper() else None)
        if name:
            return name, [_ev(body, "province", name, *_sentence_span(body, match.start(), match.end()))]
    for match in _BARE_PROVINCE.finditer(body.masked, body.start):
        name = canonical_province(match.group(1))
        if name:
            return name, [_ev(body, "province", name, *_sentence_span(body, match.start(), match.end()))]
    return None, []


def _district(body: Body) -> tuple[str | None, list[Evidence]]:
    for match in _DISTRICT.finditer(body.masked, body.start):
        name = _strip_leading(match.group("name"))
        if name and (name[0].isupper() or name[0] in "'’"):
            return name, [_ev(body, "district", name, *_sentence_span(body, match.start(), match.end()))]
    return None, []


def _groups(body: Body) -> tuple[tuple[str, ...], list[Evidence]]:
    found: list[tuple[int, str, re.Match]] = []
    taken: list[tuple[int, int]] = []
    for key, (_, pattern) in TARGET_GROUPS.items():
        for match in re.finditer(pattern, body.masked[body.start :]):
            start, end = match.start() + body.start, match.end() + body.start
            if any(s <= start < e for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, key, match))
            break
    found.sort()
    evidence = [_ev(body, "target_group", key, *_sentence_span(body, start, start + 1)) for start, key, _ in found]
    return tuple(key for _, key, _ in found), evidence


def _airstrike(body: Body) -> list[Evidence]:
    match = _AIRSTRIKE.search(body.masked, body.start)
    if match is None:
        return []
    return [_ev(body, "event_type", "airstrike", *_sentence_span(body, match.start(), match.end()))]


def _count_evidence(body: Body, field: str, count: Count) -> list[Evidence]:
    value = str(count.value) if count.value is not None else (count.phrase or "")
    return [_ev(body, field, value, s.start, s.end) for s in count.support]


def _names(body: Body, found: list[Statement]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], list[Evidence]]:
    aliases = {m.group("name"): m.group("alias") for m in _ALIAS.finditer(body.masked, body.start)}
    known: set[str] = set(aliases)
    for sentence in body.sentences:  # names introduced by a role: "Taliban leader Yasir", "the leader, Rostum,"
        tokens = sentence.tokens
        for i, token in enumerate(tokens[:-1]):
            if token.lower in ("leader", "commander", "sub-commander", "facilitator", "financier", "expert", "insurgent"):
                k = i + 2 if tokens[i + 1].text == "," else i + 1
                name, _ = name_at(tokens, k)
                if name:
                    known.add(name)
    names: list[str] = []
    evidence: list[Evidence] = []
    kill_sentences = {(s.start, s.end): s for s in found if s.kind == "killed"}
    for (start, end), statement in sorted(kill_sentences.items()):
        text = body.masked[start:end]
        here = list(statement.names) + [n for n in sorted(known) if re.search(rf"\b{re.escape(n)}\b", text)]
        for name in here:
            longer = [k for k in known if k != name and k.endswith(" " + name)]
            name = longer[0] if len(longer) == 1 else name
            if name in aliases.values():
                continue
            if name not in names:
                names.append(name)
                evidence.append(_ev(body, "person_killed", name, start, end))
    return tuple(names), tuple(sorted((n, a) for n, a in aliases.items() if n in names)), evidence


def extract_incident(document: Document) -> IncidentRecord:
    """The incident record of ``document`` (never raises on odd text: unknown fields stay empty)."""
    body = prepare(document.text)
    evidence: list[Evidence] = []
    date, ev = incident_date(body)
    evidence += ev
    province, ev = _province(body)
    evidence += ev
    district, ev = _district(body)
    evidence += ev
    found = statements(body)
    killed, captured = minimum(found, "killed"), minimum(found, "captured")
    evidence += _count_evidence(body, "killed", killed) + _count_evidence(body, "captured", captured)
    events: list[str] = []
    air = _airstrike(body)
    if air:
        events.append("airstrike")
        evidence += air
    kill_statements = [s for s in found if s.kind == "killed"]
    capture_statements = [s for s in found if s.kind == "captured"]
    if kill_statements:
        events.append("insurgentskilled")
        evidence.append(_ev(body, "event_type", "insurgentskilled", kill_statements[0].start, kill_statements[0].end))
    if capture_statements:
        events.append("detention")
        first = capture_statements[0]
        evidence.append(_ev(body, "event_type", "detention", first.start, first.end))
    if kill_statements and capture_statements:
        events.append("captureandkill")
    civilian = next((s for s in kill_statements if s.civilians), None)
    if civilian is not None:
        events.append("civiliancasualty")
        evidence.append(_ev(body, "event_type", "civiliancasualty", civilian.start, civilian.end))
    groups, ev = _groups(body)
    evidence += ev
    names, aliases, ev = _names(body, found)
    evidence += ev
    return IncidentRecord(
        document_id=document.id,
        source=document.source,
        content_hash=document.content_hash,
        date=date,
        province=province,
        district=district,
        event_types=tuple(events),
        killed=killed.value,
        killed_phrase=killed.phrase,
        captured=captured.value,
        captured_phrase=captured.phrase,
        target_groups=groups,
        leaders_killed=killed.leaders,
        leaders_captured=captured.leaders,
        names_killed=names,
        aliases=aliases,
        evidence=tuple(sorted(evidence, key=lambda e: (e.start, e.field))),
    )
