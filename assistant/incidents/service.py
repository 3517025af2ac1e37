"""Keep the incident records in step with the vector store, and answer from them.

:meth:`Incidents.sync` compares the store's ``(document_id, content_hash)`` list with the
database: it extracts the record of every new or changed document (and of every record
written by older rules) and deletes the records of removed documents.  The
:class:`~assistant.api.Assistant` calls it after each ingest and removal; readers call it
too, so a crash between the store write and the record write heals on the next use.  The
records' fields are accelerators of the counting stage (:mod:`assistant.counting`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path

from ..storage.store import ChunkStore
from ..types import Document
from .db import DB_FILE, EXTRACTOR_VERSION, IncidentDB
from .export import record_row
from .extract import extract_incident
from .records import IncidentFilter, IncidentRecord

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncReport:
    """What one :meth:`Incidents.sync` changed (document ids) and how long extraction took (seconds)."""

    extracted: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    seconds: float = 0.0


def incidents_path(store: Path, chroma_url: str | None, folder: Path | None, default_folder: Path,
                   collection: str = "reports") -> Path:
    """Where the records of one collection live: ``folder`` if set, else the store folder
    (embedded store), else ``default_folder`` (a Chroma server has no local folder); file
    ``<collection>-incidents.sqlite3`` (``reports-incidents.sqlite3`` by default)."""
    name = f"{collection}-{DB_FILE}"
    if folder is not None:
        return Path(folder) / name
    return (default_folder if chroma_url else Path(store)) / name


class Incidents:
    """The incident records of one store.

    Args:
        db: the record database.
        store: the chunk store the documents are indexed in.
    """

    def __init__(self, db: IncidentDB, store: ChunkStore) -> None:
        self.db = db
        self.store = store

    def sync(self) -> SyncReport:
        """Extract missing or stale records, delete orphans (see the module docstring)."""
        indexed = dict(self.store.signature())
        stored = self.db.versions()
        stale = [d for d, h in indexed.items() if stored.get(d) != (h, EXTRACTOR_VERSION)]
        orphans = [d for d in stored if d not in indexed]
        started = time.perf_counter()
        records = []
        for document_id in stale:
            info = self.store.document_info(document_id)
            if info is None:  # removed meanwhile
                continue
            text = self.store.document_text(document_id)
            document = Document(id=document_id, source=info.source, text=text, content_hash=info.content_hash)
            try:
                records.append(extract_incident(document))
            except Exception:  # a rule failing on odd text must not block the others
                logger.exception("incident extraction failed for %s", document_id)
                records.append(IncidentRecord(document_id, info.source, info.content_hash))
        seconds = time.perf_counter() - started
        if records:
            self.db.write(records)
        if orphans:
            self.db.delete(orphans)
        if records or orphans:
            logger.info("incident records: %d extracted in %.3f s, %d deleted", len(records), seconds, len(orphans))
        return SyncReport(tuple(r.document_id for r in records), tuple(orphans), seconds)

    def records(self, flt: IncidentFilter | None = None) -> list[IncidentRecord]:
        """The records matching ``flt`` (all when ``None``), by incident date then id."""
        self.sync()
        return self.db.query(flt)

    def rows(self, flt: IncidentFilter | None = None) -> list[dict]:
        """The matching records as flat rows (:func:`assistant.incidents.export.record_row`,
        columns :data:`assistant.incidents.export.COLUMNS`): what a table view shows."""
        return [record_row(r) for r in self.records(flt)]
