"""Write docs/reports/brf_incident_log.docx from sources/brf_incident_log.docx.txt (python-docx).

    PYTHONPATH=. /tmp/venv0/bin/python evalsets/tarsevia/make_docx.py [--check]

The source: "# " lines are headings, lines between "[table]" and "[/table]" are table rows (cells joined
by " | ", the first row the header), other lines paragraphs. --check reads the .docx back and compares.
"""
from __future__ import annotations

import sys
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
SRC = HERE / "sources" / "brf_incident_log.docx.txt"
OUT = HERE / "docs" / "reports" / "brf_incident_log.docx"


def blocks(text: str):
    rows, in_table = [], False
    for line in text.splitlines():
        if line.strip() == "[table]":
            in_table, rows = True, []
        elif line.strip() == "[/table]":
            in_table = False
            yield "table", rows
        elif in_table:
            rows.append([c.strip() for c in line.split("|")])
        elif line.startswith("# "):
            yield "heading", line[2:]
        elif line.strip():
            yield "para", line


def write() -> None:
    document = docx.Document()
    for kind, value in blocks(SRC.read_text(encoding="utf-8")):
        if kind == "heading":
            document.add_heading(value, level=1)
        elif kind == "para":
            document.add_paragraph(value)
        else:
            table = document.add_table(rows=len(value), cols=len(value[0]))
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    OUT.parent.mkdir(parents=True, exist_ok=True)
    document.save(OUT)


def check() -> int:
    document = docx.Document(OUT)
    got = [p.text for p in document.paragraphs if p.text.strip()]
    got += [" | ".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    want = [v for k, v in blocks(SRC.read_text(encoding="utf-8")) if k != "table"]
    want += [" | ".join(r) for k, v in blocks(SRC.read_text(encoding="utf-8")) if k == "table" for r in v]
    if got != want:
        print("differs", got, want)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    if "--check" not in sys.argv:
        write()
    sys.exit(check())
