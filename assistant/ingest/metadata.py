"""A document's time, place and source, read at ingest: :func:`describe`.

* report date: :func:`assistant.language.dates.report_date` on the text (a dateline without its
  year takes it from the document's other dates, its weekday or the file's date); when the text
  states none, the file's own date field (PDF ``/CreationDate``, DOCX core property
  ``created``, HTML ``<meta name="date">`` / ``article:published_time`` / ``<time
  datetime>``), marked ``how="file"``; else undated.  The file's modification time is kept
  (``file_modified``) to show, never used as the date: a copied file's mtime is the day it
  was copied.
* event dates: :func:`assistant.language.dates.event_dates` resolved against the report date;
* places: :func:`assistant.language.places.find_places` (rules: "X village", "X district, Y
  province", "the town of X", datelines), plus the named places of the English pipeline's
  entities (:func:`with_entity_places`, ``GPE``/``LOC``/``FAC``) once the document is annotated;
* source: :func:`assistant.language.publishers.find_publisher`, else the folder's name.

Rules only, a few milliseconds a document (``docs/TIME-PLACE.md``).
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from ..language.dates import YEAR, NearDates, event_dates, month_mentions, parse_date, report_date
from ..language.places import PlaceMention, find_places
from ..language.publishers import find_publisher
from ..types import Document, DocumentMeta
from .formats import pypdf_messages

logger = logging.getLogger(__name__)

UPLOAD_STAGING_PREFIX = "assistant-upload-"
"""The prefix of the temporary folder an upload (web page, HTTP API) is staged in: that folder's
name is no source, so a staged file gets no folder (its source is then its publisher or none)."""

MAX_EVENTS = 200
"""At most this many event dates are kept per document (a long chronology keeps its first)."""


@dataclass(frozen=True)
class FileFacts:
    """What :func:`describe` reads from a document's file rather than its text: ``field_date`` (the
    file's own date field, ``None``: none) named by ``field_name``, ``folder`` (its folder's name, ``""``:
    none) and ``modified`` (its modification day, ``None``: unknown)."""

    field_date: date | None = None
    field_name: str = ""
    folder: str = ""
    modified: date | None = None

    @classmethod
    def of_file(cls, path: Path) -> FileFacts:
        """The facts of the file at ``path`` (a file that cannot be read has no date field and no day)."""
        field_date, field_name = file_date(path)
        folder = "" if path.parent.name.startswith(UPLOAD_STAGING_PREFIX) else path.parent.name
        try:
            modified = date.fromtimestamp(path.stat().st_mtime)
        except OSError:
            modified = None
        return cls(field_date, field_name, folder, modified)

    @classmethod
    def of_meta(cls, meta: DocumentMeta | None) -> FileFacts:
        """The facts an earlier reading (``meta``, of an older ``META_VERSION``) kept of a file no
        longer at hand: its folder, its modification day, and its date field when that field was
        the report date (``how="file"``; a field the text's own date overrode was not kept)."""
        if meta is None:
            return cls()
        report = meta.report
        by_file = report is not None and report.how == "file"
        return cls(report.value if by_file else None, report.text if by_file else "", meta.folder,
                   meta.file_modified)


def describe(document: Document, path: Path | None = None, *, near: NearDates = (),
             facts: FileFacts | None = None) -> DocumentMeta:
    """The :class:`~assistant.types.DocumentMeta` of ``document`` (``path``: its file, for the
    file's date field, modification day and folder; ``facts``: those facts when the file is not
    at hand, e.g. kept by an older reading, :meth:`FileFacts.of_meta`; ``near``: the collection's
    report dates, for a dateline that writes its weekday but no year, see
    :func:`assistant.language.dates.yearless_date`).  Never raises on odd text: a reader that
    fails leaves its value empty (logged)."""
    if path is not None:
        facts = FileFacts.of_file(path)
    facts = facts or FileFacts()
    report = report_date(document.text, file_date=facts.field_date, file_field=facts.field_name, near=near)
    base = report.value if report is not None else None
    events = tuple(event_dates(document.text, base)[:MAX_EVENTS])
    places = tuple(find_places(document.text))
    publisher = find_publisher(document.text)
    return DocumentMeta(
        report=report, events=events, places=places,
        publisher=publisher.name if publisher else "",
        publisher_span=(publisher.start, publisher.end) if publisher else None,
        folder=facts.folder, file_modified=facts.modified, months=tuple(month_mentions(document.text, base)),
        years=tuple(sorted({int(y) for y in YEAR.findall(document.text)})),
    )


PLACE_LABELS = {"GPE": "", "LOC": "", "FAC": ""}
"""Named-entity labels of the English pipeline that name places (countries, cities, regions,
rivers, facilities); their level is unknown (``""``)."""


def with_entity_places(document: Document) -> Document:
    """``document`` with the places its named entities add to those the rules found
    (:mod:`assistant.language.nlp`: ``GPE``/``LOC``/``FAC``; "fighting in Vesk" names Vesk
    without a place word).  An entity overlapping a place the rules found is not added again
    (the rules give the level).  Unchanged when it has no annotations or no meta."""
    meta, annotations = document.meta, document.annotations
    if meta is None or annotations is None:
        return document
    found = list(meta.places)
    taken = [(p.start, p.end) for p in found]
    for entity in annotations.entities:
        if entity.label not in PLACE_LABELS:
            continue
        if any(entity.start < end and start < entity.end for start, end in taken):
            continue
        name = document.text[entity.start:entity.end].removeprefix("the ").strip()
        if not name or not name[0].isupper():
            continue
        found.append(PlaceMention(name, PLACE_LABELS[entity.label], entity.start, entity.end,
                                  document.text[entity.start:entity.end]))
        taken.append((entity.start, entity.end))
    found.sort(key=lambda p: p.start)
    return replace(document, meta=replace(meta, places=tuple(found)))


def file_date(path: Path) -> tuple[date | None, str]:
    """The date a PDF, DOCX or HTML file records about itself, and the field's name
    (``(None, "")`` for other files, missing or unreadable fields)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            from pypdf import PdfReader

            with pypdf_messages(path):
                created = PdfReader(io.BytesIO(path.read_bytes())).metadata
            value = created.creation_date if created is not None else None
            return (value.date(), "PDF CreationDate") if isinstance(value, datetime) else (None, "")
        if suffix == ".docx":
            import docx

            value = docx.Document(io.BytesIO(path.read_bytes())).core_properties.created
            return (value.date(), "DOCX created") if isinstance(value, datetime) else (None, "")
        if suffix in (".html", ".htm"):
            return _html_date(path.read_text(encoding="utf-8", errors="replace"))
    except Exception as exc:  # a file's metadata is optional: never fail the ingest on it
        logger.info("%s: no readable date field (%s: %s)", path, type(exc).__name__, exc)
    return None, ""


_HTML_DATE = re.compile(
    r"<meta[^>]+(?:name|property|itemprop)=[\"'](?:date|dc\.date|article:published_time|datePublished|pubdate)[\"']"
    r"[^>]*content=[\"'](?P<a>[^\"']+)[\"']"
    r"|<meta[^>]+content=[\"'](?P<b>[^\"']+)[\"'][^>]+(?:name|property|itemprop)=[\"'](?:date|dc\.date"
    r"|article:published_time|datePublished|pubdate)[\"']"
    r"|<time[^>]+datetime=[\"'](?P<c>[^\"']+)[\"']",
    re.IGNORECASE,
)


def _html_date(markup: str) -> tuple[date | None, str]:
    match = _HTML_DATE.search(markup)
    if match is None:
        return None, ""
    value = (match.group("a") or match.group("b") or match.group("c")).strip()
    day = parse_date(value[:10]) if re.match(r"\d{4}-\d{2}-\d{2}", value) else parse_date(value)
    return (day, "HTML date meta") if day else (None, "")
