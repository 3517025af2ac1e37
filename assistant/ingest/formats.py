"""Text out of file formats: plain text, HTML, PDF and Word (.docx).

Each reader takes the file's bytes and returns an :class:`Extracted` text with
``\\n`` line endings and no BOM.  The libraries:

* plain text: UTF-16 with its byte order mark, UTF-8 (with or without BOM), else the encoding ``charset-normalizer``
  detects; ties between equally plausible single-byte code pages go to cp1252,
  as the WHATWG Encoding Standard (https://encoding.spec.whatwg.org/) decodes
  text labelled latin-1 as windows-1252.
* HTML: ``lxml`` first drops the page's boilerplate elements (``nav``, ``aside``,
  ``script``, ``style``, ``noscript``, ``template``, ARIA ``navigation``/``banner``/
  ``contentinfo`` regions, and ``header``/``footer`` outside an ``article`` or ``main``,
  which HTML5 defines as the page's, not the article's); a page with no text left is
  rejected; the article header's byline and dateline blocks become plain paragraphs
  (:func:`keep_header_lines`). ``trafilatura`` then extracts the main text of what remains.
* PDF: ``pypdf`` (the text layer, page by page; the start offset of each page is kept).
* .docx: ``python-docx`` (body paragraphs and table rows in document order).

Every reader raises :class:`~assistant.errors.DocumentError` naming the file
when the bytes are not what the extension says or hold no text.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocumentError

logger = logging.getLogger(__name__)

PREFERRED_SINGLE_BYTE = "cp1252"


@dataclass(frozen=True)
class Extracted:
    """Text taken out of one file; ``page_starts[i]`` is the offset in ``text`` where page ``i + 1``
    begins (PDF only, empty otherwise)."""

    text: str
    page_starts: tuple[int, ...] = ()


def normalize_text(text: str) -> str:
    """Drop BOMs (U+FEFF, also inside the text, where Unicode deprecates it as a
    zero-width space) and NUL characters; turn ``\\r\\n`` and ``\\r`` into ``\\n``."""
    text = text.replace("\ufeff", "").replace("\x00", "")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
"""The byte order marks of UTF-16 (Unicode Standard, section 23.8) and the codec each names."""


def decode(data: bytes, path: Path) -> str:
    """Decode file bytes to text with ``\\n`` line endings and no BOM.

    UTF-16 when the bytes open with its byte order mark; else UTF-8; otherwise the best
    ``charset-normalizer`` match (cp1252 among equally good matches, see the module docstring).

    Raises:
        DocumentError: the bytes are binary (contain NUL) or in no detectable encoding.
    """
    for bom, encoding in _UTF16_BOMS:  # what Windows Notepad saves as "Unicode": NUL bytes, yet text
        if data.startswith(bom):
            try:
                return normalize_text(data[len(bom):].decode(encoding))
            except UnicodeDecodeError:
                raise DocumentError(f"{path}: starts with a {encoding.upper()} byte order mark but is not "
                                    f"{encoding.upper()} text") from None
    if b"\x00" in data:
        raise DocumentError(f"{path}: binary content (NUL bytes), not a text file (UTF-16 text needs its byte "
                            f"order mark)")
    try:
        return normalize_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise DocumentError(f"{path}: not UTF-8 and no text encoding could be detected")
    best = matches[0]
    for match in matches:
        tied = (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if tied and PREFERRED_SINGLE_BYTE in (match.encoding, *match.could_be_from_charset):
            try:
                return normalize_text(data.decode(PREFERRED_SINGLE_BYTE))
            except UnicodeDecodeError:
                break
    logger.info("%s: decoded as %s", path, best.encoding)
    return normalize_text(str(best))


def read_plain(data: bytes, path: Path) -> Extracted:
    """``.txt`` / ``.md``: the decoded text (see :func:`decode`)."""
    return Extracted(decode(data, path))


BOILERPLATE_XPATH = (
    "//nav | //aside | //script | //style | //noscript | //template"
    " | //*[@role='navigation' or @role='banner' or @role='contentinfo']"
    " | //header[not(ancestor::article or ancestor::main)]"
    " | //footer[not(ancestor::article or ancestor::main)]"
)
"""The elements of a page that are never its main text (HTML Living Standard, sections 4.3 and 4.4:
``header``/``footer`` belong to their nearest sectioning ancestor, so inside an ``article`` or ``main``
they hold the article's own headline, byline or date and are kept)."""

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

_DATELINE_CLASS = re.compile(r"byline|dateline|timestamp|pub-?date|author", re.IGNORECASE)
"""Class or id words of the elements that hold an article's byline or dateline ("Korvania Daily Herald, 19
April 2031"): the report's publisher and date.  trafilatura discards elements of such classes as page
furniture (its ``xpaths.py``), so :func:`strip_boilerplate` takes their class and id away first."""


HEADER_BLOCK_CHARS = 200
"""An element of the article's header (between its headline and its first paragraph) with at most this many
characters of text is a header block (a byline, a dateline, a kicker), never the main text itself."""

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NEVER_HEADER = frozenset({"figure", "figcaption", "img", "picture", "form", "button", "select", "input", "table",
                           "ul", "ol", "iframe", "svg", "video", "audio"})


def header_blocks(tree) -> list:
    """The header blocks of the page's article (``lxml`` elements, in document order): the elements of at
    most :data:`HEADER_BLOCK_CHARS` characters of text that come before the article's first paragraph of
    main text (a ``p`` longer than that), after its headline.  The article is the first ``article``
    element, else ``main``, else the ``body`` (there only after its first ``h1``: what precedes the
    headline of a page without sections is the site's).  Headings, figures, forms, lists and tables are
    no header blocks; a block holding a heading or a paragraph is looked into instead."""
    roots = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body")
    if not roots:
        return []
    root = roots[0]
    started = [root.tag != "body" or not root.xpath(".//h1")]
    found: list = []

    def walk(element) -> bool:  # True once the main text begins
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _NEVER_HEADER:
                continue
            text = child.text_content().strip()
            if child.tag in _HEADINGS:
                started[0] = started[0] or child.tag == "h1"
                continue
            if child.tag == "p" and len(text) > HEADER_BLOCK_CHARS:
                return True
            if len(text) > HEADER_BLOCK_CHARS or child.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//p"):
                if (child.text or "").strip() and len(text) > HEADER_BLOCK_CHARS:
                    return True  # a container with text of its own: the main text
                if walk(child):
                    return True
                continue
            if text and started[0]:
                found.append(child)
        return False

    walk(root)
    return found


def keep_header_lines(tree, author: str = "") -> None:
    """Make the article's byline and dateline plain paragraphs: each :func:`header_blocks` element that
    states a full date (:func:`assistant.language.dates.find_dates`) or names ``author`` (trafilatura's
    metadata reading of the page) becomes a ``p`` without class or id (its descendants ``span``), so
    trafilatura keeps its text as a line of the main text ("By Ilse Varro · QUENDAL, 3 March 2031" in a
    ``<div class="meta">``, a ``<time>``), whatever classes the page gives it: trafilatura drops
    such elements as page furniture (its ``xpaths.py``: ``meta``, ``date``, ``time``).  Other header
    blocks (share buttons, "Listen to this article") are left to trafilatura."""
    from ..language.dates import find_dates

    for block in header_blocks(tree):
        text = " ".join(block.text_content().split())
        if not find_dates(text) and not (author and author.casefold() in text.casefold()):
            continue
        for element in block.iter():
            if not isinstance(element.tag, str):
                continue
            element.attrib.clear()
            if element is not block and element.tag not in ("br", "a", "b", "i", "em", "strong"):
                element.tag = "span"
        block.tag = "p"


def page_author(markup: str) -> str:
    """The author trafilatura's metadata extraction reads from the page (its byline elements and meta
    fields), ``""`` when it finds none or fails."""
    import trafilatura

    try:
        metadata = trafilatura.extract_metadata(markup)
    except Exception as exc:  # metadata is a hint: never fail the page on it
        logger.info("no page metadata (%s: %s)", type(exc).__name__, exc)
        return ""
    return (metadata.author or "") if metadata is not None else ""


def strip_boilerplate(markup: str, path: Path) -> str:
    """The page's markup without the elements of :data:`BOILERPLATE_XPATH` (the text after each
    dropped element stays), with the byline and dateline elements (:data:`_DATELINE_CLASS`) plain and the
    article header's byline and dateline blocks made paragraphs (:func:`keep_header_lines`).

    Raises:
        DocumentError: no text is left outside those elements (a navigation-only page, an empty page).
    """
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(_XML_DECLARATION.sub("", markup))
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(f"{path}: no main text found in the HTML page ({exc})") from exc
    author = page_author(markup)
    for element in tree.xpath(BOILERPLATE_XPATH):
        if element.getparent() is not None:
            element.drop_tree()
    keep_header_lines(tree, author)
    for element in tree.xpath("//body//*[@class or @id]"):
        if _DATELINE_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}") \
                and element.text_content().strip():
            element.attrib.pop("class", None), element.attrib.pop("id", None)  # kept as the text it is
    body = tree.find("body")
    if body is None or not body.text_content().strip():
        raise DocumentError(
            f"{path}: no main text found in the HTML page (only navigation, header, footer, "
            "aside, script or style content)"
        )
    return lxml_html.tostring(tree, encoding="unicode")


def read_html(data: bytes, path: Path) -> Extracted:
    """``.html`` / ``.htm``: the main text (one paragraph a line) of the page without its boilerplate
    elements (:func:`strip_boilerplate`), as trafilatura extracts it.

    Raises:
        DocumentError: binary, undecodable, or no main text found.
    """
    import trafilatura

    markup = strip_boilerplate(decode(data, path), path)
    text = trafilatura.extract(
        markup, include_comments=False, include_tables=True, include_images=False, favor_recall=True
    )
    if not text or not text.strip():
        raise DocumentError(f"{path}: no main text found in the HTML page")
    return Extracted(normalize_text(text))


class _Collect(logging.Handler):
    """Keeps the messages of a library's logger instead of letting them reach stderr."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def pypdf_messages(path: Path) -> Iterator[None]:
    """pypdf's repair warnings ("incorrect startxref pointer", ...) during one read become a single
    INFO line of ours naming the file, rather than bare lines on stderr: the text was read regardless, and
    a damaged file that cannot be read raises :class:`DocumentError` with the cause."""
    library = logging.getLogger("pypdf")
    collect, propagate = _Collect(), library.propagate
    library.addHandler(collect)
    library.propagate = False
    try:
        yield
    finally:
        library.removeHandler(collect)
        library.propagate = propagate
        if collect.messages:
            logger.info("%s: pypdf repaired the file while reading it (%s)", path, "; ".join(collect.messages))


def read_pdf(data: bytes, path: Path) -> Extracted:
    """``.pdf``: the text layer of every page, pages separated by a blank line, or by a line break where a
    sentence runs on over the page break (:func:`_page_break`).

    Raises:
        DocumentError: not a readable PDF, encrypted, or no text layer at all
            (a scanned or image-only PDF needs OCR first).
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with pypdf_messages(path):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError(f"{path}: the PDF is encrypted with a password")
            pages = [normalize_text(page.extract_text() or "").strip() for page in reader.pages]
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise DocumentError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    if not any(pages):
        raise DocumentError(
            f"{path}: the PDF has no text layer ({len(pages)} pages of images only?); run OCR on it first"
        )
    starts, text, before = [], "", ""
    for page in pages:
        if starts:
            text += _page_break(before, page)
        starts.append(len(text))
        text += page
        before = page or before
    return Extracted(text, tuple(starts))


_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*$")


def _page_break(before: str, after: str) -> str:
    """What joins two pages' texts: a line break when a sentence runs on over the break (the page before
    ends without a sentence's last mark and the next begins in lower case, "...the World Food Programme" /
    "distributed food rations ..."), so the sentence is read whole; else a blank line (a new paragraph)."""
    if before and after[:1].islower() and not _SENTENCE_END.search(before):
        return "\n"
    return "\n\n"


def read_docx(data: bytes, path: Path) -> Extracted:
    """``.docx``: body paragraphs and tables in document order; one block per paragraph,
    blank lines between paragraphs, table cells joined by ``" | "``.

    Raises:
        DocumentError: not a Word .docx file (e.g. an old .doc renamed).
    """
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zipfile, KeyError or its own errors
        raise DocumentError(f"{path}: not a readable .docx file ({type(exc).__name__}: {exc})") from exc
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                unique = {id(cell._tc): cell for cell in row.cells}  # a merged cell repeats
                cells = [cell.text.strip() for cell in unique.values()]
                if any(cells):
                    blocks.append(" | ".join(cells))
        elif item.text.strip():
            blocks.append(item.text.strip())
    return Extracted(normalize_text("\n\n".join(blocks)))


READERS = {
    ".txt": read_plain,
    ".md": read_plain,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
}
"""File suffix (lower case) -> reader."""
