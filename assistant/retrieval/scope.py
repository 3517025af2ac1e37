"""The reports a question is about: given filters plus what the question says, as one :class:`~assistant.types.Scope`.

:func:`resolve_scope` reads the question's period (:func:`assistant.language.question.read_period`:
"in May 2010", "between March and June 2011", "on 12 May", "last week") and places
(:func:`assistant.language.question.place_names`, kept only when an indexed report names
that place, so "in Operation Moshtarak" is not a place filter), adds them to the given
:class:`~assistant.types.Filters` (a given filter wins), turns them into the store's
``where`` (:meth:`assistant.storage.catalog.Catalog.where`) and finds the matching reports.
Relative periods ("last week", "yesterday", "on 12 May" without a year) are relative to
the newest report date in the index, and the note says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

import regex

from ..language.dates import RELATIVE_PERIOD_WORDS, YEAR
from ..language.nlp import parse_question
from ..language.question import name_prefixes, place_names, read_period, source_phrases
from ..storage.catalog import Catalog
from ..types import Filters, Scope


KEEPS_UNDATED = "reports that state no date are kept"
"""The note of a year read from the question (undated reports stay in scope)."""


def resolve_scope(question: str, filters: Filters | None, catalog: Catalog, *, read_question: bool = True,
                  text_places: bool = False) -> Scope | None:
    """The scope of ``question`` (``None``: no filter given and none read from the question).

    ``read_question=False`` applies the given ``filters`` only.  ``text_places``: a place the
    question's entity recogniser reads as a place also sets the place filter when the place
    readers recorded it for no report but reports' text names it ("in the Varn Hills", named
    in a heading or a title): what a count reads (:meth:`Catalog.naming_documents` selects them).
    """
    given = filters or Filters()
    applied, read, notes = given, [], []
    period, span = None, None
    if read_question:
        span = catalog.date_span()
        newest = span[1] if span else None
        years = (span[0].year, span[1].year) if span else None
        period = read_period(question, newest, years=years) if given.date_from is None and given.date_to is None else None
        if period is not None:
            applied = replace(applied, date_from=None if period.start == date.min else period.start,
                              date_to=None if period.end == date.max else period.end)
            read.append(period.text)
            if _relative(period.text) and newest is not None:
                notes.append(f'"{period.text}" is read relative to the newest report in the index, '
                             f"dated {newest.isoformat()}")
        source_span = None
        if not given.source:
            found = _source_read(question, catalog)
            if found is not None:
                name, written, source_span = found
                applied = replace(applied, source=name)
                read.append(written)
        if not given.place:
            for name in place_names(question):
                if source_span is not None and name in source_span:
                    continue  # "published by the Office ... in Valdoria": part of the source's name
                if _names_a_place(question, name, catalog, text_places):
                    if catalog.names_whole_collection(name):
                        read.append(name)
                        notes.append(f"{name} is named by most reports and read as the country of the whole "
                                     "collection, not as a place filter")
                        continue
                    applied = replace(applied, place=name)
                    read.append(name)
                    break
    if applied.empty:
        if read:  # words read (a country of the whole collection) without a filter: every report
            return Scope(filters=applied, read=tuple(read), note=describe(applied, read, notes), notes=tuple(notes),
                         where=None, documents=frozenset(catalog.entries()))
        return None
    where, documents = _selected(given, applied, catalog, notes)
    if not documents and read_question and period is not None and _yearless(period.text) and span is not None:
        # "on July 2" without a year: the same day in the latest earlier year with a report, else no date filter
        applied, where, documents = _in_another_year(given, applied, catalog, period, span, notes)
        if applied.empty:
            return Scope(filters=applied, read=tuple(read), note=describe(applied, read, notes), notes=tuple(notes),
                         where=None, documents=frozenset(catalog.entries()))
    return Scope(filters=applied, read=tuple(read), note=describe(applied, read, notes, len(documents)),
                 notes=tuple(notes), where=where, documents=documents)


def _selected(given: Filters, applied: Filters, catalog: Catalog, notes: list[str]) -> tuple[dict | None, frozenset[str]]:
    """The store's ``where`` of ``applied`` and the documents it selects; a whole year read from the
    question also keeps the undated reports (``notes`` gets :data:`KEEPS_UNDATED`)."""
    where = catalog.where(applied)
    if _whole_years_read(given, applied) and where is not None:
        # A year read from the question ("who won the title in 2019?") narrows to the reports
        # dated in it or naming it; a report that states no date of its own stays in, as a
        # year often names the event rather than the report.  A month or a day read from the
        # question, and every period given as a filter (--from/--to), select dated reports only.
        undated = [{"dated": False}, *_without_dates(catalog, applied)]
        where = {"$or": [where, undated[0] if len(undated) == 1 else {"$and": undated}]}
        notes.append(KEEPS_UNDATED)
    documents = frozenset(catalog.store.matching_documents(where)) if where is not None else frozenset()
    return where, documents


def _yearless(text: str) -> bool:
    """A period written without a year and not relative to now ("on July 2", "in May"; not
    "last week", "yesterday", "in May 2010")."""
    lowered = text.lower()
    return YEAR.search(text) is None and not any(w in lowered for w in RELATIVE_PERIOD_WORDS)


def _shifted(day: date, years: int) -> date | None:
    if day in (date.min, date.max):
        return day
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return None


def _in_another_year(given: Filters, applied: Filters, catalog: Catalog, period, span: tuple[date, date],
                     notes: list[str]) -> tuple[Filters, dict | None, frozenset[str]]:
    """A year-less period ("on July 2") that selects no report in the year it was read in (the
    latest such day up to the newest report): the same days in the latest earlier year the
    reports cover that has a matching report, ``(filters, where, documents)``; when no year has
    one, the period is only a word of the question (no date filter, a note says so).  A question
    written without a year names a day of its reports, whichever year that is."""
    start, end = period.start, period.end
    for back in range(1, max(0, (start if start != date.min else end).year - span[0].year) + 1):
        first, last = _shifted(start, back), _shifted(end, back)
        if first is None or last is None:
            continue
        moved = replace(applied, date_from=None if first == date.min else first,
                        date_to=None if last == date.max else last)
        where, documents = _selected(given, moved, catalog, notes)
        if documents:
            notes.append(f'no report is dated "{period.text}" in {start.year}; read as {first.year}, '
                         "the latest year with reports then")
            return moved, where, documents
    dropped = replace(applied, date_from=given.date_from, date_to=given.date_to)
    notes.append(f'no report is dated "{period.text}" in any year; the date is not a filter')
    if dropped.empty:
        return dropped, None, frozenset()
    where, documents = _selected(given, dropped, catalog, notes)
    return dropped, where, documents


def _source_read(question: str, catalog: Catalog) -> tuple[str, str, str] | None:
    """The source a question names ("published by X", "reports from X") when the index
    knows it: ``(the name filtered on, the words as written, the words after "by")``; the
    longest leading part of the words that names a known source wins, and within it the full
    name before its acronym ("Office for ... (OHCV)" -> "Office for ...")."""
    for _, words in source_phrases(question):
        for prefix in name_prefixes(words):
            for name in _spellings(prefix):
                if catalog.source_keys(name):
                    return name, prefix, words
    return None


def _spellings(name: str) -> list[str]:
    """``name`` outside its parentheses, then what each parenthesis holds."""
    inside = regex.findall(r"\(([^()]*)\)", name)
    outside = " ".join(regex.sub(r"\([^()]*\)", " ", name).split())
    return [v for v in (outside, *inside) if v.strip()]


def _whole_years_read(given: Filters, applied: Filters) -> bool:
    """The question's words set the period, and it spans whole years (``"in 2019"``)."""
    start, end = applied.date_from, applied.date_to
    if (start, end) == (given.date_from, given.date_to) or start is None or end is None:
        return False
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)


def _without_dates(catalog: Catalog, filters: Filters) -> list[dict]:
    """The place and source conditions of ``filters`` (its dates left out), as ``$and`` items."""
    rest = catalog.where(replace(filters, date_from=None, date_to=None))
    if rest is None:
        return []
    return list(rest["$and"]) if set(rest) == {"$and"} else [rest]


def _names_a_place(question: str, name: str, catalog: Catalog, text_places: bool = False) -> bool:
    """``name`` (read from ``question``'s place phrases) is a place a filter can select: an
    indexed report names it, and either the question's entity recogniser reads it as a
    place (GPE, LOC, FAC) or a report names it with its admin level (``"Zurmat district"``).
    So "the Nobel Prize in Literature" or "in Shazam!" set no place filter even when some
    report's entities happen to include the word.  ``text_places``: a place no report's place
    readers recorded still counts when the question's recogniser reads it as a place and some
    report's text names it (whole capitalised words, :meth:`Catalog.naming_documents`)."""
    if not catalog.knows_place(name):
        return text_places and _recognised_place(question, name) and bool(catalog.naming_documents(name))
    if catalog.knows_place_with_level(name):
        return True
    return _recognised_place(question, name)


def _recognised_place(question: str, name: str) -> bool:
    """The question's entity recogniser reads ``name`` inside a place entity (GPE, LOC, FAC)."""
    return any(ent.label_ in {"GPE", "LOC", "FAC"} and name in ent.text for ent in parse_question(question).ents)


def _relative(text: str) -> bool:
    """The period's words need the newest report date: no year in them, or "last"/"past"/..."""
    lowered = text.lower()
    return YEAR.search(text) is None or any(w in lowered for w in RELATIVE_PERIOD_WORDS)


def filter_words(filters: Filters) -> list[str]:
    """``filters`` in words: ``["dated 2010-05-01 to 2010-05-31", "naming Helmand", "from OHCV"]``."""
    parts = []
    if filters.date_from and filters.date_to:
        dates = (f"dated {filters.date_from.isoformat()}" if filters.date_from == filters.date_to
                 else f"dated {filters.date_from.isoformat()} to {filters.date_to.isoformat()}")
        parts.append(dates)
    elif filters.date_from:
        parts.append(f"dated {filters.date_from.isoformat()} or later")
    elif filters.date_to:
        parts.append(f"dated {filters.date_to.isoformat()} or earlier")
    if filters.place:
        parts.append(f"naming {filters.place}")
    if filters.source:
        parts.append(f"from {filters.source}")
    return parts


def describe(filters: Filters, read: list[str] | tuple[str, ...] = (), notes: list[str] | tuple[str, ...] = (),
             matching: int | None = None) -> str:
    """The sentence that states the filters: ``Filters: reports dated 2010-05-01 to 2010-05-31
    (read from "May 2010" in the question), naming Helmand; 3 reports match.``"""
    parts = filter_words(filters)
    text = "Filters: reports " + ", ".join(parts) if parts else "Filters: none, every report"
    if read:
        text += " (read from " + ", ".join(f'"{r}"' for r in read) + " in the question)"
    if notes:
        text += "; " + "; ".join(notes)
    if matching is not None:
        text += f"; {matching} report{'s' if matching != 1 else ''} match" + ("es" if matching == 1 else "")
    return text + "."


def with_contained_places(scope: Scope, catalog: Catalog) -> Scope:
    """``scope`` with its place filter also matching the reports that name only a place the
    collection puts inside it (a report about "Molo district" when another says "Molo
    district, Brava province"); what a count over a province reads.  Unchanged without a place."""
    if not scope.filters.place:
        return scope
    where = catalog.where(scope.filters, contained=True)
    if _whole_years_read(scope.filters, scope.filters) and where is not None:
        where = scope.where if scope.where is not None else where
    documents = frozenset(catalog.store.matching_documents(where)) if where is not None else scope.documents
    documents |= scope.documents
    if documents == scope.documents:
        return scope
    notes = [*scope.notes, f"with the reports naming a place in {scope.filters.place}"]
    return replace(scope, where=where, documents=documents, notes=tuple(notes),
                   note=describe(scope.filters, scope.read, notes, len(documents)))


def by_report_date(scope: Scope, report_dates: Mapping[str, date | None]) -> Scope:
    """``scope`` as a count reads a period: only the reports whose own report date lies in it
    (``report_dates``: ``{document_id: report date or None}``), not those that name a day,
    month or year of it, and no undated report.  Unchanged when ``scope`` sets no period."""
    start, end = scope.filters.date_from, scope.filters.date_to
    if start is None and end is None:
        return scope
    kept = frozenset(i for i in scope.documents
                     if (day := report_dates.get(i)) is not None and (start is None or start <= day)
                     and (end is None or day <= end))
    if kept == scope.documents:
        return scope
    notes = [n for n in scope.notes if n != KEEPS_UNDATED] + ["counted by each report's own date"]
    return replace(scope, documents=kept, note=describe(scope.filters, scope.read, notes, len(kept)),
                   notes=tuple(notes))
