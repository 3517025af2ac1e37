"""Time, place and source as Chroma metadata, and :class:`~assistant.types.Filters` as Chroma ``where``.

Every chunk record carries its document's values (:func:`chunk_fields`), so a filter runs
inside the store during the dense query, and BM25 is restricted to the same records:

* ``report_date``: the report date as an integer ``YYYYMMDD`` (Chroma range-filters
  numbers, not strings); ``date_min``/``date_max``: the earliest and latest of the report
  date and the event days; ``days``: every one of those days (``YYYYMMDD``); ``months``:
  their months (``YYYYMM``); ``named_months``: the months the text names without a day
  ("in June 2011"); ``named_years``: every year the text names; ``dated``: whether the document has any date;
* ``places``: the keys of the places it names (:func:`assistant.language.places.place_key`);
* ``sources``: the keys of its publisher and its folder
  (:func:`assistant.language.publishers.source_keys`);
* ``meta_version``: :data:`META_VERSION` (a record without it was written before these
  fields existed: it is undated and placeless until refreshed).

A date range ``[from, to]`` matches a document that names a month it covers whole
(``named_months``: "in June 2011" matches the filter June 2011, not 4 June) or a year it
covers whole (``named_years``: a text naming 2014 matches the filter 2014), or when one of
its days lies in it:
exactly (``days $contains`` each day) for ranges up to :data:`DAY_RANGE` days; for longer
ranges, by month (``months $contains``) and the overlap of ``[date_min, date_max]``, so a
document whose days fall in the range's first or last month but outside the range may
match; beyond :data:`MONTH_RANGE` months by the overlap alone.

The document record keeps the full :class:`~assistant.types.DocumentMeta` with every span,
as JSON (:func:`meta_json`, :func:`meta_from_json`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta

from ..language.dates import DateMention, ReportDate, as_int
from ..language.places import PlaceMention, place_key
from ..language.publishers import source_key, source_keys
from ..types import DocumentMeta, Filters

META_VERSION = 10
"""Written on every chunk and document record with these fields; raised when what is read changes
(4: places named by an apposition, "Halm, a village of Kelt district", and "near Ravel, in Brodny
district"; 5: a month named without its year, "rose in March", read against the report date; 6: dotted numeric
dates, "10.03.2031", read day first; 7: an HTML article's byline and dateline in any header element,
``<div class="meta">``, ``<time>``, kept in its text: :func:`assistant.ingest.formats.keep_header_lines`; 8: a
dateline without its year, "KESTOWN, Monday 14 March (Agency) -", dated by the document's other full dates,
its weekday or the file's date: :func:`assistant.language.dates.yearless_date`), so a store indexed before has its documents' time and place read again on the next ingest."""

TIMEPLACE_FIELDS = frozenset({"meta_version", "dated", "date_min", "date_max", "days", "months", "report_date", "places",
                              "sources", "time_place", "named_months", "named_years"})
"""Every metadata key this module writes (replaced as a whole when a document's values are refreshed)."""

DAY_RANGE = 92
"""Date ranges up to this many days are matched day by day (exact)."""

MONTH_RANGE = 120
"""Longer ranges up to this many months are matched month by month."""


def chunk_fields(meta: DocumentMeta | None) -> dict:
    """The filterable fields of every chunk of a document with ``meta`` (see the module docstring)."""
    if meta is None:
        return {}
    days = meta.days()
    fields: dict = {"meta_version": META_VERSION, "dated": bool(days)}
    if days:
        fields.update(date_min=as_int(days[0]), date_max=as_int(days[-1]), days=[as_int(d) for d in days],
                      months=sorted({d.year * 100 + d.month for d in days}))
    if meta.months:
        fields["named_months"] = list(meta.months)
    if meta.years:
        fields["named_years"] = list(meta.years)
    if meta.report is not None:
        fields["report_date"] = as_int(meta.report.value)
    places = sorted({p.key for p in meta.places if p.key})
    if places:
        fields["places"] = places
    sources = document_source_keys(meta)
    if sources:
        fields["sources"] = sources
    return fields


def document_source_keys(meta: DocumentMeta) -> list[str]:
    """The keys a source filter matches for a document: its publisher's and its folder's."""
    keys = source_keys(meta.publisher) if meta.publisher else []
    folder = source_key(meta.folder) if meta.folder else ""
    return keys + ([folder] if folder and folder not in keys else [])


def where_clause(filters: Filters, *, places: Iterable[str] | None = None,
                 sources: Iterable[str] | None = None, naming: Iterable[str] | None = None) -> dict | None:
    """The Chroma ``where`` of ``filters`` (``None``: no condition).

    ``places``/``sources``: the keys ``filters.place``/``filters.source`` stand for (see
    :meth:`assistant.storage.catalog.Catalog.place_keys`); default: the filter's own key.
    An empty list matches nothing (a condition no record meets).  ``naming``: the ids of the
    documents whose text names the place (:meth:`~assistant.storage.catalog.Catalog.naming_documents`),
    matched as well.
    """
    conditions: list[dict] = []
    if filters.date_from is not None or filters.date_to is not None:
        conditions.append(_date_condition(filters.date_from, filters.date_to))
    if filters.place:
        keys = list(places) if places is not None else [place_key(filters.place)]
        condition = _any_contains("places", keys)
        documents = sorted(naming or ())
        if documents:
            by_id = {"document_id": {"$in": documents}}
            condition = by_id if not keys else {"$or": [condition, by_id]}
        conditions.append(condition)
    if filters.source:
        keys = list(sources) if sources is not None else [source_key(filters.source)]
        conditions.append(_any_contains("sources", keys))
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else {"$and": conditions}


def _any_contains(field: str, values: list) -> dict:
    if not values:
        return {"meta_version": -1}  # no record has it: matches nothing
    clauses = [{field: {"$contains": v}} for v in values]
    return clauses[0] if len(clauses) == 1 else {"$or": clauses}


def _date_condition(start: date | None, end: date | None) -> dict:
    if start is None:
        return {"date_min": {"$lte": as_int(end)}}
    if end is None:
        return {"date_max": {"$gte": as_int(start)}}
    alternatives = [_day_condition(start, end)]
    whole_months = _whole_months(start, end)
    if whole_months and len(whole_months) <= MONTH_RANGE:
        alternatives.append(_any_contains("named_months", whole_months))
    whole_years = [y for y in range(start.year, end.year + 1) if start <= date(y, 1, 1) and date(y, 12, 31) <= end]
    if whole_years and len(whole_years) <= MONTH_RANGE // 12:
        alternatives.append(_any_contains("named_years", whole_years))
    return alternatives[0] if len(alternatives) == 1 else {"$or": alternatives}


def _whole_months(start: date, end: date) -> list[int]:
    """The months ``YYYYMM`` that ``[start, end]`` covers from their first to their last day."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        first = date(year, month, 1)
        last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
        if start <= first and last <= end:
            months.append(year * 100 + month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _day_condition(start: date, end: date) -> dict:
    span = (end - start).days + 1
    if span <= DAY_RANGE:
        return _any_contains("days", [as_int(start + timedelta(days=i)) for i in range(span)])
    overlap = [{"date_min": {"$lte": as_int(end)}}, {"date_max": {"$gte": as_int(start)}}]
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month) and len(months) <= MONTH_RANGE:
        months.append(year * 100 + month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if len(months) <= MONTH_RANGE:
        overlap.append(_any_contains("months", months))
    return {"$and": overlap}


# ----- the full record, as JSON on the document record ----------------------------------------

def meta_json(meta: DocumentMeta) -> str:
    """``meta`` as compact JSON (dates ISO, spans as ``[start, end, text]``)."""
    report = meta.report
    return json.dumps({
        "report": None if report is None else [report.value.isoformat(), report.start, report.end, report.text,
                                               report.how],
        "events": [[m.value.isoformat(), m.start, m.end, m.text, m.kind] for m in meta.events],
        "places": [[p.name, p.level, p.start, p.end, p.text, p.parent] for p in meta.places],
        "publisher": meta.publisher,
        "publisher_span": list(meta.publisher_span) if meta.publisher_span else None,
        "folder": meta.folder,
        "file_modified": meta.file_modified.isoformat() if meta.file_modified else None,
        "months": list(meta.months),
        "years": list(meta.years),
    }, ensure_ascii=False, separators=(",", ":"))


def meta_from_json(text: str) -> DocumentMeta:
    """The inverse of :func:`meta_json`.

    Raises:
        ValueError: not such JSON.
    """
    data = json.loads(text)
    report = data.get("report")
    return DocumentMeta(
        report=None if report is None else ReportDate(date.fromisoformat(report[0]), report[1], report[2], report[3],
                                                      report[4]),
        events=tuple(DateMention(date.fromisoformat(v), s, e, t, k) for v, s, e, t, k in data.get("events", [])),
        places=tuple(PlaceMention(n, lv, s, e, t, p) for n, lv, s, e, t, p in data.get("places", [])),
        publisher=data.get("publisher", ""),
        publisher_span=tuple(data["publisher_span"]) if data.get("publisher_span") else None,
        folder=data.get("folder", ""),
        file_modified=date.fromisoformat(data["file_modified"]) if data.get("file_modified") else None,
        months=tuple(int(m) for m in data.get("months", ())),
        years=tuple(int(y) for y in data.get("years", ())),
    )
