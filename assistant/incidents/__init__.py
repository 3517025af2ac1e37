"""Structured incident records read from reports, and exact answers across reports.

``extract_incident(document) -> IncidentRecord`` reads one record per document by rules
(:mod:`.extract`); :class:`IncidentDB` keeps the records in SQLite next to the vector
store; :class:`Incidents` keeps the database in step with the store and answers count,
sum and list questions from the records (:mod:`.router`, :mod:`.aggregate`).
"""

from .extract import extract_incident
from .records import EVENT_TYPES, Evidence, IncidentFilter, IncidentRecord

__all__ = ["EVENT_TYPES", "Evidence", "IncidentFilter", "IncidentRecord", "extract_incident"]
