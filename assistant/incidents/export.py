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


def record_json(record: IncidentRecord) -> dict:
    """Every field of a record as JSON values, its evidence as ``[{"field", "value", "start",
    "end", "text"}]`` and its aliases as ``[[name, other name]]``."""
    data = asdict(record)
    data["aliases"] = [list(a) for a in record.aliases]
    return data


def to_json(records: Sequence[IncidentRecord]) -> str:
    """A JSON array of :func:`record_json` of each record."""
    return json.dumps([record_json(r) for r in records], ensure_ascii=False, indent=2)
