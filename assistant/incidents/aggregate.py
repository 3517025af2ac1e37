"""Answers from incident records: a count, a sum or a list, with one citation per report used.

Each answer states what was counted and the rule, and cites, for every report it uses,
the span the deciding value was read from (the evidence of the measured or listed field,
joined with the evidence of the conditions when they lie close together).  Reports that
match but give no number ("several") are named and cited separately, never counted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..answering.extractive import NO_ANSWER
from ..types import Answer, Citation
from .records import Evidence, IncidentRecord
from .router import AggregateQuery

_MAX_JOINED = 700  # characters: a citation joins the condition spans only up to this length
_MEASURE_WORDS = {
    "killed": ("people", "killed", "killed"),
    "captured": ("people", "detained or captured", "captured"),
    "leaders_killed": ("leaders", "killed", "killed"),
    "leaders_captured": ("leaders", "detained or captured", "captured"),
}
_LIST_WORDS = {
    "province": ("province", "provinces"), "district": ("district", "districts"),
    "target_group": ("group", "groups"), "document": ("report", "reports"),
    "names_killed": ("person reported killed", "people reported killed"),
}


def _conditions(query: AggregateQuery) -> str:
    return ", ".join(query.conditions) if query.conditions else "any content (every report)"


def _label(record: IncidentRecord) -> str:
    return f"{record.document_id} ({record.date or 'date unknown'})"


class Citer:
    """Numbers citations, one per report, spanning the evidence of the given fields."""

    def __init__(self, document_text: Callable[[str], str]) -> None:
        self.document_text = document_text
        self.citations: list[Citation] = []
        self._numbers: dict[str, int] = {}

    def cite(self, record: IncidentRecord, fields: Sequence[tuple[str, str | None]]) -> int:
        """The citation number for ``record`` (created on first use); ``fields`` are
        ``(field, value or None)``, the first one deciding, the others joined when close."""
        if record.document_id in self._numbers:
            return self._numbers[record.document_id]

        def first(field: str, value: str | None) -> list[Evidence]:
            return [e for e in record.spans(field) if value is None or e.value == value][:1]

        primary = next((e for f, v in fields for e in first(f, v)), None)
        if primary is None:
            primary = record.evidence[0] if record.evidence else Evidence("document", "", 0, 0, "")
        spans = [primary] + [e for f, v in fields[1:] for e in first(f, v)]
        start, end = min(e.start for e in spans), max(e.end for e in spans)
        if end - start > _MAX_JOINED:
            start, end = primary.start, primary.end
        text = self.document_text(record.document_id)[start:end]
        number = len(self.citations) + 1
        self.citations.append(Citation(
            n=number, document_id=record.document_id, source=record.source,
            chunk_id=f"{record.document_id}#incident", start=start, end=end, text=text, score=1.0,
        ))
        self._numbers[record.document_id] = number
        return number


def _fields(query: AggregateQuery, main: str, value: str | None = None) -> list[tuple[str, str | None]]:
    """The evidence to cite: the deciding field first, then the fields of the conditions."""
    flt = query.flt
    fields: list[tuple[str, str | None]] = [(main, value)]
    if flt.event_type:
        fields.append(("event_type", flt.event_type))
    if flt.province:
        fields.append(("province", None))
    if flt.district:
        fields.append(("district", None))
    if flt.date_from or flt.date_to:
        fields.append(("date", None))
    if flt.target_group:
        fields.append(("target_group", flt.target_group))
    return list(dict.fromkeys(fields))


def _decline(query: AggregateQuery, why: str) -> Answer:
    return Answer(question=query.question, text=f"{NO_ANSWER} {why}", has_answer=False)


def answer_query(query: AggregateQuery, records: Sequence[IncidentRecord], document_text: Callable[[str], str],
                 n_documents: int) -> Answer:
    """The answer to ``query`` from the ``records`` that match its filter (``latency_ms`` left at 0).

    ``n_documents`` is the number of indexed documents (stated in the rule).
    """
    if query.operation == "count":
        return _count(query, records, document_text, n_documents)
    if query.operation == "sum":
        return _sum(query, records, document_text, n_documents)
    return _list(query, records, document_text, n_documents)


def _count(query: AggregateQuery, records: Sequence[IncidentRecord], document_text, n_documents: int) -> Answer:
    citer = Citer(document_text)
    flt = query.flt
    main, value = (("event_type", flt.event_type) if flt.event_type else ("target_group", flt.target_group)
                   if flt.target_group else ("province", None) if flt.province else ("date", None))
    parts = [f"{_label(r)} [{citer.cite(r, _fields(query, main, value))}]" for r in records]
    n = len(records)
    head = f"{n} report{'s' if n != 1 else ''} match: " if n else "No report matches. "
    text = (head + ", ".join(parts) + (". " if parts else "")
            + f"Counted: reports whose incident record has {_conditions(query)}, each report once, "
            f"out of {n_documents} indexed documents (records read from each report's text by rules).")
    return Answer(question=query.question, text=text, has_answer=True, citations=tuple(citer.citations))


def _sum(query: AggregateQuery, records: Sequence[IncidentRecord], document_text, n_documents: int) -> Answer:
    measure = query.measure or "killed"
    noun, verb, field = _MEASURE_WORDS[measure]
    value = (lambda r: getattr(r, measure))
    counted = [r for r in records if value(r)]
    vague = [r for r in records if value(r) is None]
    phrase = (lambda r: r.killed_phrase if field == "killed" else r.captured_phrase)
    if not counted:
        if vague:
            names = ", ".join(f"{r.document_id} (\u201c{phrase(r)}\u201d)" for r in vague)
            return _decline(query, f"The matching reports give no number of {noun} {verb}: {names}.")
        return _decline(query, f"No indexed report with {_conditions(query)} states {noun} {verb}.")
    citer = Citer(document_text)
    fields = _fields(query, field)
    total = sum(value(r) for r in counted)
    parts = [f"{value(r)} in {_label(r)} [{citer.cite(r, fields)}]" for r in counted]
    noun_n = {"people": "person", "leaders": "leader"}[noun] if total == 1 else noun
    text = (f"At least {total} {noun_n} {verb}, in {len(counted)} report{'s' if len(counted) != 1 else ''}: "
            + "; ".join(parts) + ". ")
    if vague:
        text += ("Not counted, no number given: " + "; ".join(
            f"{_label(r)} says \u201c{phrase(r)}\u201d [{citer.cite(r, fields)}]" for r in vague) + ". ")
    text += (f"Counted: the sum over reports with {_conditions(query)} of the minimum number of {noun} {verb} "
             f"that each report states (a vague word such as \u201cseveral\u201d adds nothing; repeated mentions "
             f"of one event are not added up), out of {n_documents} indexed documents.")
    return Answer(question=query.question, text=text, has_answer=True, citations=tuple(citer.citations))


def _values(record: IncidentRecord, list_field: str) -> list[str]:
    if list_field == "document":
        return [record.document_id]
    if list_field in ("target_group", "names_killed"):
        return list(getattr(record, list_field))
    value = getattr(record, list_field)
    return [value] if value else []


def _list(query: AggregateQuery, records: Sequence[IncidentRecord], document_text, n_documents: int) -> Answer:
    list_field = query.list_field or "province"
    singular, plural = _LIST_WORDS[list_field]
    evidence_field = {"names_killed": "person_killed", "document": "event_type"}.get(list_field, list_field)
    groups: dict[str, list[IncidentRecord]] = {}
    for record in records:
        for value in _values(record, list_field):
            groups.setdefault(value, []).append(record)
    if not groups:
        return _decline(query, f"No indexed report with {_conditions(query)} names a {singular}.")
    # one value per report (names, reports) keeps report order; values shared by reports are sorted
    keys = list(groups) if list_field in ("names_killed", "document") else sorted(groups, key=str.lower)
    citer = Citer(document_text)
    details = []
    for key in keys:
        value = key if list_field in ("names_killed", "target_group", "province", "district") else None
        cited = ", ".join(f"{_label(r)} [{citer.cite(r, _fields(query, evidence_field, value))}]" for r in groups[key])
        alias = next((a for r in groups[key] for n, a in r.aliases if n == key), None)
        details.append(f"{key}{f' (also known as {alias})' if alias else ''}: {cited}")
    n_reports = len({r.document_id for rs in groups.values() for r in rs})
    text = (f"{len(keys)} {plural if len(keys) != 1 else singular}: {', '.join(keys)}. " + "; ".join(details) + ". "
            f"Listed: the distinct {plural} of the {n_reports} report{'s' if n_reports != 1 else ''} whose incident "
            f"record has {_conditions(query)}, out of {n_documents} indexed documents.")
    return Answer(question=query.question, text=text, has_answer=True, citations=tuple(citer.citations))
