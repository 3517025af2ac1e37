"""Write the .pdf and .docx documents of the Valdoria corpus from their text sources.

    .venv/bin/python evalsets/valdoria/make_binary.py        # (re)write docs/reports/*.pdf|*.docx
    .venv/bin/python evalsets/valdoria/make_binary.py --check  # only read them back and compare

Sources live in ``sources/`` and are the exact text of each binary document:

* ``NAME.pdf.txt``  -> ``docs/reports/NAME.pdf``: one PDF text line per source line (the source is already
  hard-wrapped at ~70 characters, hyphenated words included); a form feed (``\\f``) starts a new page.
  Helvetica with WinAnsiEncoding, so Latin-1 letters such as "ë" survive in the text layer.
* ``NAME.docx.txt`` -> ``docs/reports/NAME.docx``: a line ``# text`` is a level-1 heading, ``## text`` a
  level-2 heading, a block between ``[table]`` and ``[/table]`` is a table (cells split on `` | ``, first row
  is the header), every other non-empty line is one paragraph.

Needs pypdf and python-docx (both installed by `make test`). The approach for the PDF follows ``pdf_bytes`` in the
product's tests/makefiles.py (a blank pypdf page with a hand-written content stream).
"""
from __future__ import annotations

import datetime
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUT = HERE / "docs" / "reports"


# ---------------------------------------------------------------- PDF
def pdf_bytes(pages: list[str], title: str) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })
    writer = PdfWriter()
    for text in pages:
        page = writer.add_blank_page(612, 792)
        lines = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in text.split("\n")]
        ops = ["BT", "/F1 10.5 Tf", "14 TL", "64 740 Td", *(f"({line}) Tj T*" for line in lines), "ET"]
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252"))
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        page.replace_contents(stream)
    writer.add_metadata({"/Title": TextStringObject(title), "/Producer": TextStringObject("evalsets make_binary.py")})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_pages(source: str) -> list[str]:
    return [page.strip("\n") for page in source.split("\f")]


# ---------------------------------------------------------------- DOCX
def parse_docx_source(source: str) -> list[tuple[str, object]]:
    """[(kind, payload)]: ("h1", text), ("h2", text), ("p", text), ("table", [[cell, ...], ...])."""
    blocks: list[tuple[str, object]] = []
    rows: list[list[str]] | None = None
    for line in source.split("\n"):
        if line.strip() == "[table]":
            rows = []
        elif line.strip() == "[/table]":
            blocks.append(("table", rows))
            rows = None
        elif rows is not None:
            if line.strip():
                rows.append([cell.strip() for cell in line.split(" | ")])
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.strip():
            blocks.append(("p", line.strip()))
    return blocks


def write_docx(path: Path, blocks: list[tuple[str, object]], title: str) -> None:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = title
    props.author = "evalsets"
    props.created = props.modified = datetime.datetime(2019, 6, 1, 12, 0, 0)
    for kind, payload in blocks:
        if kind == "h1":
            document.add_heading(payload, level=1)
        elif kind == "h2":
            document.add_heading(payload, level=2)
        elif kind == "p":
            document.add_paragraph(payload)
        else:
            grid = document.add_table(rows=len(payload), cols=len(payload[0]))
            grid.style = "Table Grid"
            for r, row in enumerate(payload):
                assert len(row) == len(payload[0]), row
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
    document.save(path)


# ---------------------------------------------------------------- read back
def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def read_docx(path: Path) -> list[tuple[str, object]]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(path)
    blocks: list[tuple[str, object]] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            if not para.text.strip():
                continue
            style = para.style.name
            kind = "h1" if style == "Heading 1" else "h2" if style == "Heading 2" else "p"
            blocks.append((kind, para.text.strip()))
        elif tag == "tbl":
            table = Table(child, document)
            blocks.append(("table", [[cell.text.strip() for cell in row.cells] for row in table.rows]))
    return blocks


def main(argv: list[str]) -> int:
    check_only = "--check" in argv
    OUT.mkdir(parents=True, exist_ok=True)
    problems = 0
    for source_path in sorted(SOURCES.glob("*.pdf.txt")):
        name = source_path.name[: -len(".pdf.txt")]
        target = OUT / f"{name}.pdf"
        source = source_path.read_text(encoding="utf-8")
        if not check_only:
            target.write_bytes(pdf_bytes(pdf_pages(source), title=source.split("\n", 1)[0]))
        back = read_pdf(target)
        same = norm(back) == norm(source.replace("\f", "\n"))
        long_lines = [line for line in source.split("\n") if len(line) > 75]
        long_lines += [f"page {i + 1}" for i, page in enumerate(pdf_pages(source)) if page.count("\n") >= 48]
        print(f"{target.relative_to(HERE)}: {len(pdf_pages(source))} page(s), text layer "
              f"{'matches' if same else 'DIFFERS FROM'} source, {len(long_lines)} line(s) over 75 chars or page(s) over 48 lines")
        problems += (not same) + bool(long_lines)
    for source_path in sorted(SOURCES.glob("*.docx.txt")):
        name = source_path.name[: -len(".docx.txt")]
        target = OUT / f"{name}.docx"
        blocks = parse_docx_source(source_path.read_text(encoding="utf-8"))
        if not check_only:
            write_docx(target, blocks, title=str(blocks[0][1]))
        same = read_docx(target) == blocks
        tables = sum(kind == "table" for kind, _ in blocks)
        print(f"{target.relative_to(HERE)}: {len(blocks)} block(s), {tables} table(s), "
              f"read back {'matches' if same else 'DIFFERS FROM'} source")
        problems += not same
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
