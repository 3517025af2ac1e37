"""Incident records in SQLite, next to the vector store.

Two tables: ``incidents`` (one row per document, list fields as JSON arrays) and
``evidence`` (the spans of each record).  Writing a record replaces its row and its
evidence in one transaction, so a crash never leaves a half-written record.  The
database is derived data: :meth:`assistant.incidents.service.Incidents.sync` rebuilds any
record whose document changed (or whose rules changed, see :data:`EXTRACTOR_VERSION`).
Each call opens its own connection, so the object can be shared between threads.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from .lexicon import province_key
from .records import Evidence, IncidentFilter, IncidentRecord

EXTRACTOR_VERSION = "rules-3"
"""Stored with each record; records written by other rules are extracted again."""

DB_FILE = "incidents.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS incidents (
    document_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    incident_date TEXT,
    province TEXT,
    province_key TEXT,
    district TEXT,
    event_types TEXT NOT NULL,
    killed INTEGER,
    killed_phrase TEXT,
    captured INTEGER,
    captured_phrase TEXT,
    target_groups TEXT NOT NULL,
    leaders_killed INTEGER NOT NULL,
    leaders_captured INTEGER NOT NULL,
    names_killed TEXT NOT NULL,
    aliases TEXT NOT NULL,
    extractor TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS evidence (
    document_id TEXT NOT NULL REFERENCES incidents(document_id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS evidence_document ON evidence(document_id);
CREATE INDEX IF NOT EXISTS incidents_date ON incidents(incident_date);
"""

_COLUMNS = ("document_id, source, content_hash, incident_date, province, district, event_types, killed, "
            "killed_phrase, captured, captured_phrase, target_groups, leaders_killed, leaders_captured, "
            "names_killed, aliases")


class IncidentDB:
    """The incident records of one store, in the SQLite file ``path`` (created on first use).

    Raises:
        sqlite3.Error: the file cannot be opened or is not a database.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            with db:  # one transaction: commit on success, roll back on error
                yield db
        finally:
            db.close()

    def versions(self) -> dict[str, tuple[str, str]]:
        """``{document_id: (content_hash, extractor)}`` of every stored record."""
        with self._connect() as db:
            rows = db.execute("SELECT document_id, content_hash, extractor FROM incidents").fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def write(self, records: Sequence[IncidentRecord]) -> None:
        """Insert or replace records (and their evidence) in one transaction."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._connect() as db:
            for r in records:
                db.execute("DELETE FROM incidents WHERE document_id = ?", (r.document_id,))
                db.execute(
                    f"INSERT INTO incidents ({_COLUMNS}, province_key, extractor, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (r.document_id, r.source, r.content_hash, r.date, r.province, r.district,
                     json.dumps(list(r.event_types)), r.killed, r.killed_phrase, r.captured, r.captured_phrase,
                     json.dumps(list(r.target_groups)), r.leaders_killed, r.leaders_captured,
                     json.dumps(list(r.names_killed)), json.dumps([list(a) for a in r.aliases]),
                     province_key(r.province) if r.province else None, EXTRACTOR_VERSION, now),
                )
                db.executemany(
                    'INSERT INTO evidence (document_id, field, value, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
                    [(r.document_id, e.field, e.value, e.start, e.end, e.text) for e in r.evidence],
                )

    def delete(self, document_ids: Sequence[str]) -> int:
        """Delete the records of these documents; returns how many existed."""
        with self._connect() as db:
            return sum(db.execute("DELETE FROM incidents WHERE document_id = ?", (d,)).rowcount for d in document_ids)

    def get(self, document_id: str) -> IncidentRecord | None:
        """One document's record, or ``None``."""
        found = self.query(document_ids=[document_id])
        return found[0] if found else None

    def query(self, flt: IncidentFilter | None = None, *, document_ids: Sequence[str] | None = None) -> list[IncidentRecord]:
        """Records matching ``flt`` (all when ``None``), by incident date (unknown last), then id."""
        where, args = _where(flt or IncidentFilter())
        if document_ids is not None:
            where.append(f"document_id IN ({', '.join('?' for _ in document_ids)})")
            args += list(document_ids)
        sql = f"SELECT {_COLUMNS} FROM incidents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY incident_date IS NULL, incident_date, document_id"
        with self._connect() as db:
            rows = db.execute(sql, args).fetchall()
            evidence: dict[str, list[Evidence]] = {}
            ids = [r[0] for r in rows]
            for lo in range(0, len(ids), 500):
                part = ids[lo : lo + 500]
                for d, f, v, s, e, t in db.execute(
                    f'SELECT document_id, field, value, start, "end", text FROM evidence '
                    f"WHERE document_id IN ({', '.join('?' for _ in part)}) ORDER BY start",
                    part,
                ):
                    evidence.setdefault(d, []).append(Evidence(f, v, s, e, t))
        return [_record(row, evidence.get(row[0], [])) for row in rows]


def _where(flt: IncidentFilter) -> tuple[list[str], list]:
    where: list[str] = []
    args: list = []
    if flt.date_from:
        where.append("incident_date >= ?")
        args.append(flt.date_from)
    if flt.date_to:
        where.append("incident_date <= ?")
        args.append(flt.date_to)
    if flt.province:
        where.append("province_key = ?")
        args.append(province_key(flt.province))
    if flt.district:
        where.append("lower(district) = lower(?)")
        args.append(flt.district)
    if flt.event_type:
        where.append("EXISTS (SELECT 1 FROM json_each(incidents.event_types) WHERE value = ?)")
        args.append(flt.event_type)
    if flt.target_group:
        where.append("EXISTS (SELECT 1 FROM json_each(incidents.target_groups) WHERE value = ?)")
        args.append(flt.target_group)
    if flt.incidents_only:
        where.append("event_types != '[]'")
    return where, args


def _record(row: tuple, evidence: list[Evidence]) -> IncidentRecord:
    (document_id, source, content_hash, date, province, district, events, killed, killed_phrase, captured,
     captured_phrase, groups, leaders_killed, leaders_captured, names, aliases) = row
    return IncidentRecord(
        document_id=document_id, source=source, content_hash=content_hash, date=date, province=province,
        district=district, event_types=tuple(json.loads(events)), killed=killed, killed_phrase=killed_phrase,
        captured=captured, captured_phrase=captured_phrase, target_groups=tuple(json.loads(groups)),
        leaders_killed=leaders_killed, leaders_captured=leaders_captured, names_killed=tuple(json.loads(names)),
        aliases=tuple(tuple(a) for a in json.loads(aliases)), evidence=tuple(evidence),
    )
