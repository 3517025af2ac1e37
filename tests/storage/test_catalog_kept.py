"""The catalog keeps what every question reads from it (the reports' date span, the place keys
by spelling) until the store changes (made-up reports about Morvalia)."""

from __future__ import annotations

from datetime import date

import assistant.storage.catalog as catalog_module

FLOODS = "KORVEL, Morvalia (3 March 2021) - Floods closed the northern road for two days."
HARVEST = "DRESSEN, Morvalia (9 May 2022) - The harvest festival in Dressen drew four thousand visitors."


def _write(folder, **reports: str):
    folder.mkdir(exist_ok=True)
    for name, text in reports.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_the_date_span_is_kept_until_an_ingest(make_assistant, tmp_path):
    assistant = make_assistant()
    assistant.ingest([_write(tmp_path / "first", floods=FLOODS)])
    span = assistant.catalog.date_span()
    assert span == (date(2021, 3, 3), date(2021, 3, 3))
    assert assistant.catalog.date_span() is span  # kept, not a pass over every report again
    assistant.ingest([_write(tmp_path / "second", harvest=HARVEST)])
    assert assistant.catalog.date_span() == (date(2021, 3, 3), date(2022, 5, 9))


def test_place_keys_spell_the_indexed_keys_once(make_assistant, tmp_path, monkeypatch):
    assistant = make_assistant()
    assistant.ingest([_write(tmp_path / "first", floods=FLOODS)])
    catalog = assistant.catalog
    assert catalog.place_keys("Korvell") == ["korvel"]  # doubled letters spelt single
    spelt: list[str] = []
    real = catalog_module.spelling_key
    monkeypatch.setattr(catalog_module, "spelling_key", lambda name: (spelt.append(name), real(name))[1])
    assert catalog.place_keys("Korvell") == ["korvel"]
    assert spelt == ["Korvell"]  # the name asked about, not every indexed key again
    monkeypatch.setattr(catalog_module, "spelling_key", real)
    assert catalog.place_keys("Dresen") == []
    assistant.ingest([_write(tmp_path / "second", harvest=HARVEST)])
    assert catalog.place_keys("Dresen") == ["dressen"]  # a report ingested since is spelt too
