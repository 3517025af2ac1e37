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

from dataclasses import replace
from datetime import date

from ..language.dates import YEAR
from ..language.nlp import parse_question
from ..language.question import place_names, read_period
from ..storage.catalog import Catalog
from ..types import Filters, Scope


def resolve_scope(question: str, filters: Filters | None, catalog: Catalog, *, read_question: bool = True) -> Scope | None:
    """The scope of ``question`` (``None``: no filter given and none read from the question).

    ``read_question=False`` applies the given ``filters`` only.
    """
    given = filters or Filters()
    applied, read, notes = given, [], []
    if read_question:
        span = catalog.date_span()
        newest = span[1] if span else None
        years = (span[0].year, span[1].year) if span else None
        if given.date_from is None and given.date_to is None:
            period = read_period(question, newest, years=years)
            if period is not None:
                applied = replace(applied, date_from=None if period.start == date.min else period.start,
                                  date_to=None if period.end == date.max else period.end)
                read.append(period.text)
                if _relative(period.text) and newest is not None:
                    notes.append(f'"{period.text}" is read relative to the newest report in the index, '
                                 f"dated {newest.isoformat()}")
        if not given.place:
            for name in place_names(question):
                if _names_a_place(question, name, catalog):
                    applied = replace(applied, place=name)
                    read.append(name)
                    break
    if applied.empty:
        return None
    where = catalog.where(applied)
    if _whole_years_read(given, applied) and where is not None:
        # A year read from the question ("who won the title in 2019?") narrows to the reports
        # dated in it or naming it; a report that states no date of its own stays in, as a
        # year often names the event rather than the report.  A month or a day read from the
        # question, and every period given as a filter (--from/--to), select dated reports only.
        undated = [{"dated": False}, *_without_dates(catalog, applied)]
        where = {"$or": [where, undated[0] if len(undated) == 1 else {"$and": undated}]}
        notes.append("reports that state no date are kept")
    documents = frozenset(catalog.store.matching_documents(where)) if where is not None else frozenset()
    return Scope(filters=applied, read=tuple(read), note=describe(applied, read, notes, len(documents)),
                 where=where, documents=documents)


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


def _names_a_place(question: str, name: str, catalog: Catalog) -> bool:
    """``name`` (read from ``question``'s place phrases) is a place a filter can select: an
    indexed report names it, and either the question's entity recogniser reads it as a
    place (GPE, LOC, FAC) or a report names it with its admin level (``"Zurmat district"``).
    So "the Nobel Prize in Literature" or "in Shazam!" set no place filter even when some
    report's entities happen to include the word."""
    if not catalog.knows_place(name):
        return False
    if catalog.knows_place_with_level(name):
        return True
    return any(ent.label_ in {"GPE", "LOC", "FAC"} and name in ent.text for ent in parse_question(question).ents)


def _relative(text: str) -> bool:
    """The period's words need the newest report date: no year in them, or "last"/"past"/..."""
    lowered = text.lower()
    return YEAR.search(text) is None or any(w in lowered for w in ("last", "past", "previous", "yesterday", "today"))


def describe(filters: Filters, read: list[str] | tuple[str, ...] = (), notes: list[str] | tuple[str, ...] = (),
             matching: int | None = None) -> str:
    """The sentence that states the filters: ``Filters: reports dated 2010-05-01 to 2010-05-31
    (read from "May 2010" in the question), naming Helmand; 3 reports match.``"""
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
    text = "Filters: reports " + ", ".join(parts)
    if read:
        text += " (read from " + ", ".join(f'"{r}"' for r in read) + " in the question)"
    if notes:
        text += "; " + "; ".join(notes)
    if matching is not None:
        text += f"; {matching} report{'s' if matching != 1 else ''} match" + ("es" if matching == 1 else "")
    return text + "."
