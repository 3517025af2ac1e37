"""Structured incident records read from reports, and exact answers across reports.

``extract_incident(document) -> IncidentRecord`` reads one record per document by rules
(:mod:`.extract`); :class:`IncidentDB` keeps the records in SQLite next to the vector
store; :class:`Incidents` keeps the database in step with the store.  Counting across
reports (:mod:`assistant.counting`) uses the records' dates, places and numbers as
accelerators where the rules read them.
"""

from .extract import extract_incident
from .records import EVENT_TYPES, Evidence, IncidentFilter, IncidentRecord

__all__ = ["EVENT_TYPES", "Evidence", "IncidentFilter", "IncidentRecord", "extract_incident"]
