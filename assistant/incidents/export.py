"""Incident records as flat rows, CSV and JSON (``assistant incidents``, the web table)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict

from .records import IncidentRecord

COLUMNS = (
    "document_id", "source", "date", "province", "district", "event_types", "killed", "killed_phrase",
    "captured", "captured_phrase", "target_groups", "leaders_killed", "leaders_captured", "names_killed", "spans",
)
"""The columns of :func:`record_row`, in order."""


def record_row(record: IncidentRecord) -> dict[str, str | int | None]:
    """One flat row: list fields joined with ``;``, counts as ``int`` or ``None`` (no number
    given), and ``spans`` as ``field:start-end`` items joined with ``;`` (offsets into the
    stored document text)."""
    return {
        "document_id": record.document_id,
        "source": record.source,
        "date": record.date,
        "province": record.province,
        "district": record.district,
        "event_types": ";".join(record.event_types),
        "killed": record.killed,
        "killed_phrase": record.killed_phrase,
        "captured": record.captured,
        "captured_phrase": record.captured_phrase,
        "target_groups": ";".join(record.target_groups),
        "leaders_killed": record.leaders_killed,
        "leaders_captured": record.leaders_captured,
        "names_killed": ";".join(record.names_killed),
        "spans": ";".join(f"{e.field}:{e.start}-{e.end}" for e in record.evidence),
    }


def to_csv(records: Sequence[IncidentRecord]) -> str:
    """CSV text with a header row of :data:`COLUMNS` (empty cell for ``None``)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(record_row(record))
    return out.getvalue()


def to_json(records: Sequence[IncidentRecord]) -> str:
    """A JSON array with every field of each record, its evidence as
    ``[{"field", "value", "start", "end", "text"}]``."""
    payload = []
    for record in records:
        data = asdict(record)
        data["aliases"] = [list(a) for a in record.aliases]
        payload.append(data)
    return json.dumps(payload, ensure_ascii=False, indent=2)
