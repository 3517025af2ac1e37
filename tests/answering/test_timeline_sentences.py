"""The timeline quotes the sentences the answerer reads (across hard line breaks) and lists
each sentence once: a sentence dated by a weekday is that day's row, not also the report date's."""

from __future__ import annotations

import csv
import io

import pytest

from assistant.interfaces.cli import main

BULLETIN = """Northport Harbour Bulletin
Date: 3 March 2024

On Tuesday a fishing trawler, the Gull's Wake, ran aground
near the eastern breakwater of Northport. The harbour mouth
will remain closed while salvage teams refloat the vessel.
No crew members were injured, according to the harbour
master.

On 1 March a fuel barge collided with the ferry pier in Northport;
the ferry service was sus-
pended for the day.
"""


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    folder = tmp_path_factory.mktemp("timeline-sentences")
    (folder / "docs").mkdir()
    (folder / "docs" / "northport_bulletin.txt").write_text(BULLETIN, encoding="utf-8")
    store = str(folder / "store")
    assert main(["ingest", str(folder / "docs"), "--store", store]) == 0
    out = folder / "timeline.csv"
    assert main(["timeline", "--store", store, "--place", "Northport", "--format", "csv", "--out", str(out)]) == 0
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))


def test_summaries_are_whole_sentences_across_hard_line_breaks(rows):
    summaries = {r["summary"] for r in rows}
    assert "On Tuesday a fishing trawler, the Gull's Wake, ran aground near the eastern breakwater of Northport." in summaries
    assert ("On 1 March a fuel barge collided with the ferry pier in Northport; the ferry service was suspended "
            "for the day.") in summaries  # the word hyphenated at the line end is joined
    for row in rows:
        start, end = (int(x) for x in row["cited characters"].split("-"))
        assert " ".join(BULLETIN[start:end].split()).replace("sus- pended", "suspended") == row["summary"]


def test_one_sentence_is_one_row(rows):
    cited = [r["cited characters"] for r in rows]
    assert len(cited) == len(set(cited))
    trawler = [r for r in rows if r["summary"].startswith("On Tuesday a fishing trawler")]
    assert [r["date"] for r in trawler] == ["2024-02-27"]  # the Tuesday before the report of Sunday 3 March
    report_rows = [r for r in rows if r["date"] == "2024-03-03"]
    assert [r["summary"] for r in report_rows] == ["The harbour mouth will remain closed while salvage teams refloat the vessel."]

