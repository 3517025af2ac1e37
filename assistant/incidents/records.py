"""Typed incident records: what :mod:`assistant.incidents.extract` reads from one report.

Every value keeps the evidence it came from: an :class:`Evidence` is a character span
of the stored document text (``Document.text``: BOM removed, ``\\n`` line endings), so
``document_text[e.start:e.end] == e.text`` and the value can be cited like a passage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

EVENT_TYPES = ("airstrike", "detention", "insurgentskilled", "captureandkill", "civiliancasualty")
"""The event types of the ISAF annotation scheme that the rules recognise (its
``exchangeoffire`` type is not recognised).  Source: the labels of the
``strickvl/isafpressreleases`` dataset (see ``../shared/data/reports/SOURCE.md``)."""


@dataclass(frozen=True)
class Evidence:
    """One extracted value and the text it was read from.

    ``field`` names the record field (``date``, ``province``, ``district``, ``event_type``,
    ``killed``, ``captured``, ``target_group``, ``leaders_killed``, ``leaders_captured``,
    ``person_killed``); ``value`` is the value as text (``"2010-05-10"``, ``"Kunduz"``,
    ``"airstrike"``, ``"2"``, ``"several"``); ``start``/``end`` are character offsets into
    the stored document text and ``text`` is ``document_text[start:end]``.
    """

    field: str
    value: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class IncidentRecord:
    """The structured incident record of one document (one record per document).

    Counts are *minimums stated in the text*: ``killed``/``captured`` are ``None`` when
    the text gives no number (a vague word such as "several" is kept in
    ``killed_phrase``/``captured_phrase`` instead, never turned into a number), and 0
    when nobody is reported killed/captured.  ``date`` is the incident date (ISO), not
    the release date.  ``province`` is a canonical province name ("Paktiya"), ``district``
    the first district named.  ``names_killed`` are people named as killed, with
    ``aliases`` mapping a name to its other names ("also known as").
    ``is_incident`` is true when at least one event type was recognised; a document
    that is not an incident report keeps a record with empty fields.
    """

    document_id: str
    source: str
    content_hash: str
    date: str | None = None
    province: str | None = None
    district: str | None = None
    event_types: tuple[str, ...] = ()
    killed: int | None = 0
    killed_phrase: str | None = None
    captured: int | None = 0
    captured_phrase: str | None = None
    target_groups: tuple[str, ...] = ()
    leaders_killed: int = 0
    leaders_captured: int = 0
    names_killed: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)

    @property
    def is_incident(self) -> bool:
        """At least one event type was recognised."""
        return bool(self.event_types)

    @property
    def airstrike(self) -> bool:
        """An air strike is reported."""
        return "airstrike" in self.event_types

    @property
    def primary_event_type(self) -> str | None:
        """One event type in the annotators' single-label style, by precedence
        civiliancasualty > captureandkill > airstrike > insurgentskilled > detention."""
        for kind in ("civiliancasualty", "captureandkill", "airstrike", "insurgentskilled", "detention"):
            if kind in self.event_types:
                return kind
        return None

    def spans(self, field_name: str) -> tuple[Evidence, ...]:
        """The evidence of one field, in text order."""
        return tuple(sorted((e for e in self.evidence if e.field == field_name), key=lambda e: e.start))

    def incident_date(self) -> date | None:
        """``date`` as a :class:`datetime.date` (``None`` when unknown)."""
        return date.fromisoformat(self.date) if self.date else None


@dataclass(frozen=True)
class IncidentFilter:
    """Which records to keep; every set condition must hold (``None``: no condition).

    ``date_from``/``date_to`` are inclusive ISO dates (a record without a date fails a
    date condition); ``province``/``district`` match case- and spelling-insensitively
    (``"Paktia"`` matches ``"Paktiya"``); ``event_type`` is one of :data:`EVENT_TYPES`;
    ``target_group`` a group key such as ``"haqqani"``; ``incidents_only`` drops
    records with no event type.
    """

    date_from: str | None = None
    date_to: str | None = None
    province: str | None = None
    district: str | None = None
    event_type: str | None = None
    target_group: str | None = None
    incidents_only: bool = False
