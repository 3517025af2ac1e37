"""Small input files made in the tests: PDFs with and without a text layer, Word files, HTML pages."""

from __future__ import annotations

import io
import random
from pathlib import Path


def pdf_bytes(pages: list[str]) -> bytes:
    """A PDF whose pages carry ``pages`` as a real text layer (Helvetica, one line per ``\\n``)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    })
    writer = PdfWriter()
    for text in pages:
        page = writer.add_blank_page(612, 792)
        lines = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in text.split("\n")]
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 720 Td", *(f"({line}) Tj T*" for line in lines), "ET"]
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("latin-1"))
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        page.replace_contents(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_pdf_bytes(n_pages: int = 2) -> bytes:
    """A 'scanned' PDF: pages that are pictures of text, no text layer (written by Pillow)."""
    from PIL import Image, ImageDraw

    images = []
    for number in range(n_pages):
        image = Image.new("RGB", (400, 300), "white")
        ImageDraw.Draw(image).text((20, 20), f"Scanned page {number + 1}: 17 cranes were damaged.", fill="black")
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def write_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    """A Word file with a heading, ``paragraphs`` and an optional table after them (python-docx)."""
    import docx

    document = docx.Document()
    document.add_heading("Inspection report", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(path)
    return path


BROWSER_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}"><title>Harbor inspection | Port News</title>
<style>body {{ font-family: sans-serif; }} .nav {{ color: red; }}</style>
<script>var tracking = "SCRIPT-TEXT-MUST-NOT-APPEAR"; window.dataLayer = [];</script>
</head><body>
<nav class="nav"><ul><li><a href="/">Home</a></li><li><a href="/news">NAVIGATION-MUST-NOT-APPEAR</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<header><div class="site-title">Port News Daily</div></header>
<main><article>
<h1>Harbor inspection finds storm damage</h1>
<p>The inspectors counted 17 damaged cranes at the northern harbor after the storm, the port authority said.</p>
<p>Repairs are expected to take six weeks. The café near the pier stays closed until the quay is safe again.</p>
<p>Shipping companies were told to use the southern terminal, where two berths remain open to cargo vessels.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Unrelated story one</a></li></ul></aside>
<footer><p>Copyright 2024 Port News. FOOTER-MUST-NOT-APPEAR. All rights reserved.</p></footer>
<script>console.log("SCRIPT-TEXT-MUST-NOT-APPEAR")</script>
</body></html>
"""


def html_bytes(charset: str = "utf-8") -> bytes:
    """A page as a browser saves it: head, scripts, styles, navigation, article, aside, footer."""
    return BROWSER_PAGE.format(charset=charset).encode(charset)


def report_text(seed: int, paragraphs: int = 4, words: int = 60) -> str:
    """A made-up report of ``paragraphs`` paragraphs whose first sentence names ``seed``."""
    rng = random.Random(seed)
    vocabulary = ("patrol district village convoy forces officials reported detained weapons cache "
                  "bridge market council harbor supplies police survey storm repairs school clinic").split()
    body = [f"Report {seed}: the survey team counted {seed * 7 + 3} damaged houses in sector {seed}."]
    for _ in range(paragraphs - 1):
        body.append(" ".join(rng.choice(vocabulary) for _ in range(words)).capitalize() + ".")
    return "\n\n".join(body) + "\n"
