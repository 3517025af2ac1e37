"""File formats: HTML main text, PDF text layer with pages, Word files; each made in the test."""

from __future__ import annotations

import pytest

from assistant.errors import DocumentError
from assistant.ingest.chunking import Chunker
from assistant.ingest.loading import SUPPORTED_SUFFIXES, load_document
from assistant.types import IngestStatus, Query
from tests.support.makefiles import html_bytes, image_pdf_bytes, pdf_bytes, write_docx

LIMIT = 1_000_000


def assert_offsets_exact(document, chunker=None):
    chunks = (chunker or Chunker(200, 40)).split(document)
    assert chunks
    for chunk in chunks:
        assert document.text[chunk.start : chunk.end] == chunk.text
    return chunks


def test_supported_suffixes():
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}


@pytest.mark.parametrize("name,charset", [("page.html", "utf-8"), ("page.htm", "windows-1252")])
def test_html_keeps_the_article_and_drops_scripts_styles_navigation(tmp_path, name, charset):
    path = tmp_path / name
    path.write_bytes(html_bytes(charset))
    document = load_document(path, max_bytes=LIMIT)
    assert "17 damaged cranes at the northern harbor" in document.text
    assert "The café near the pier" in document.text  # decoded with the page's charset
    assert "Shipping companies were told" in document.text
    for boilerplate in ("SCRIPT-TEXT", "NAVIGATION-MUST", "FOOTER-MUST", "font-family", "dataLayer", "<p>"):
        assert boilerplate not in document.text
    assert "\r" not in document.text and "\ufeff" not in document.text
    assert document.id == path.stem and document.source == name
    assert_offsets_exact(document)


def test_html_without_main_text_is_rejected(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a = 1;</script><style>p {}</style></head><body></body></html>")
    with pytest.raises(DocumentError, match="empty.html: no main text"):
        load_document(path, max_bytes=LIMIT)


@pytest.mark.parametrize("markup", [
    "<html><body><nav>menu</nav></body></html>",
    "<html><body><header><div>Quarry Gazette</div></header><nav><a href='/'>Home</a></nav>"
    "<aside>Most read: the ferry timetable</aside><footer>Copyright 2031 Quarry Gazette</footer>"
    "<script>var s = 'tracking';</script><noscript>Enable scripts</noscript></body></html>",
    "<html><body><div role='navigation'>Home | Weather | Sport</div></body></html>",
])
def test_html_with_only_navigation_header_footer_aside_is_rejected(tmp_path, markup):
    path = tmp_path / "portal.html"
    path.write_text(markup, encoding="utf-8")
    with pytest.raises(DocumentError, match="portal.html: no main text found in the HTML page"):
        load_document(path, max_bytes=LIMIT)


def test_html_boilerplate_is_dropped_but_an_articles_own_header_is_kept(tmp_path):
    path = tmp_path / "quarry.html"
    path.write_text(
        "<html><body><nav>Home Weather Sport</nav><header>Quarry Gazette masthead</header>"
        "<article><header><h1>Quarry road reopens</h1><p>By the roads desk</p></header>"
        "<p>Crews cleared 12 boulders from the quarry road before it reopened to lorries.</p></article>"
        "<aside>Most read: the ferry timetable</aside><footer>Copyright 2031</footer></body></html>",
        encoding="utf-8")
    document = load_document(path, max_bytes=LIMIT)
    assert "Quarry road reopens" in document.text and "12 boulders" in document.text
    for boilerplate in ("Home Weather Sport", "masthead", "ferry timetable", "Copyright 2031"):
        assert boilerplate not in document.text


@pytest.mark.parametrize("attribute", ['class="byline"', 'class="article-dateline"', 'id="pubdate"'])
def test_an_articles_byline_or_dateline_is_kept_with_its_date(tmp_path, attribute):
    path = tmp_path / "felsk.html"
    path.write_text(  # long enough for trafilatura's own extractor (a short page goes to its fallback)
        "<html><head><title>Bomb at Felsk market</title></head><body><nav>Home | News</nav><article>"
        f"<h1>Bomb kills nine at Felsk market</h1>\n<p {attribute}>Korvania Daily Herald, 19 April 2031</p>\n"
        "<p>A bomb exploded at the central market in Felsk on Tuesday morning, killing 9 people and injuring "
        "31 others, officials said.</p>\n<p>The Mayor of Felsk, Dana Orlic, condemned the attack and declared "
        "three days of mourning. Police detained 5 men in connection with the bombing.</p>\n"
        "<p>No group has claimed responsibility.</p>\n</article><footer>Copyright 2031</footer></body></html>",
        encoding="utf-8")
    document = load_document(path, max_bytes=LIMIT)
    assert "Korvania Daily Herald, 19 April 2031" in document.text  # the report's publisher and date
    assert "Home | News" not in document.text and "Copyright" not in document.text


def test_pdf_text_layer_with_page_numbers(tmp_path):
    pages = [
        "Harbor inspection, page one.\nThe inspectors counted 17 damaged cranes at the northern harbor.",
        "Page two.\nRepairs are expected to take six weeks, the port authority said.",
        "Page three.\nTwo berths of the southern terminal remain open to cargo vessels.",
    ]
    path = tmp_path / "inspection.pdf"
    path.write_bytes(pdf_bytes(pages))
    document = load_document(path, max_bytes=LIMIT)
    assert len(document.page_starts) == 3 and document.page_starts[0] == 0
    for number, marker in enumerate(["17 damaged cranes", "six weeks", "southern terminal"], start=1):
        offset = document.text.index(marker)
        assert document.page_starts[number - 1] <= offset
        assert number == 3 or offset < document.page_starts[number]
    chunks = assert_offsets_exact(document, Chunker(60, 0))
    pages_of = {c.page for c in chunks}
    assert pages_of == {1, 2, 3}
    for chunk in chunks:
        assert document.page_starts[chunk.page - 1] <= chunk.start


def test_pdf_page_survives_the_store_and_text_files_get_no_page(make_assistant, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "two-pages.pdf").write_bytes(pdf_bytes(["First page about the convoy.", "Second page: 12 trucks arrived."]))
    (folder / "plain.txt").write_text("A plain text report about the bridge repairs.\n")
    assistant = make_assistant(chunk_size=60, chunk_overlap=0)
    report = assistant.ingest([folder])
    assert report.count(IngestStatus.ADDED) == 2, report
    chunks = assistant.store.all_chunks()
    assert {c.page for c in chunks if c.document_id == "two-pages"} == {1, 2}
    assert {c.page for c in chunks if c.document_id == "plain"} == {None}
    raw = assistant.store._chunks.get(where={"document_id": "plain"}, include=["metadatas"])
    assert all("page" not in m for m in raw["metadatas"])  # None never reaches Chroma
    passages = assistant.retriever.retrieve(Query.parse("How many trucks arrived?"), 1)
    assert passages[0].chunk.page == 2 and "12 trucks" in passages[0].chunk.text


def test_the_page_of_an_offset_inside_a_chunk_over_a_page_break_is_its_own(make_assistant, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bulletin.pdf").write_bytes(pdf_bytes([
        "Weekly bulletin. Security forces detained 43 people in Oskel during raids on 4 May.",
        "An explosion damaged the bridge at Marrow Ford the same night; no casualties were reported."]))
    assistant = make_assistant()  # 600-character chunks: one chunk holds both pages
    assistant.ingest([folder])
    text = assistant.document_text("bulletin")
    assert {(c.page, c.page_end) for c in assistant.store.all_chunks()} == {(1, 2)}
    assert assistant.store.page_at("bulletin", text.index("Security forces")) == 1
    assert assistant.store.page_at("bulletin", text.index("An explosion")) == 2  # not the chunk's first page
    answer = assistant.ask("In how many reports was a bridge damaged?")
    assert answer.count is not None and [c.page for c in answer.citations] == [2], answer.text


def test_a_sentence_running_over_a_pdf_page_break_is_read_whole(tmp_path):
    path = tmp_path / "flash.pdf"
    path.write_bytes(pdf_bytes(["Flash update 3. Families fled to Pirot town, where the World Food Programme",
                                "distributed food rations worth US$95,000 on 7 March.", "Annex\nContacts."]))
    document = load_document(path, max_bytes=LIMIT)
    assert "World Food Programme\ndistributed food rations" in document.text  # one line break: one sentence
    assert "on 7 March.\n\nAnnex" in document.text  # a finished sentence: a new paragraph, as before
    for page, marker in zip(document.page_starts, ("Flash update", "distributed", "Annex")):
        assert document.text[page:].startswith(marker)


def test_image_only_pdf_is_rejected_with_the_reason(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf_bytes(2))
    with pytest.raises(DocumentError) as info:
        load_document(path, max_bytes=LIMIT)
    assert "scan.pdf" in str(info.value) and "no text layer" in str(info.value) and "OCR" in str(info.value)


def test_damaged_pdf_is_read_and_its_repair_is_one_line_naming_the_file(tmp_path, capfd, caplog):
    text = "The damaged bulletin says 14 wells were dug near Orlen."
    path = tmp_path / "damaged.pdf"
    path.write_bytes(pdf_bytes([text]).replace(b"startxref", b"startxref\n999999\n%%"))
    with caplog.at_level("INFO", logger="assistant.ingest.formats"):
        document = load_document(path, max_bytes=LIMIT)
    assert "14 wells" in document.text
    assert capfd.readouterr().err == ""  # no bare pypdf lines on stderr
    repaired = [r.getMessage() for r in caplog.records if "pypdf repaired" in r.getMessage()]
    assert len(repaired) == 1 and "damaged.pdf" in repaired[0] and "startxref" in repaired[0]


def test_broken_pdf_is_rejected(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 this is not really a PDF")
    with pytest.raises(DocumentError, match="broken.pdf: not a readable PDF"):
        load_document(path, max_bytes=LIMIT)


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    path = write_docx(
        tmp_path / "inspection.docx",
        ["The inspectors counted 17 damaged cranes.", "", "Repairs take six weeks."],
        table=[["Berth", "Status"], ["North 1", "closed"], ["South 2", "open"]],
    )
    document = load_document(path, max_bytes=LIMIT)
    assert document.text == (
        "Inspection report\n\nThe inspectors counted 17 damaged cranes.\n\nRepairs take six weeks.\n\n"
        "Berth | Status\n\nNorth 1 | closed\n\nSouth 2 | open"
    )
    assert_offsets_exact(document)


@pytest.mark.parametrize("name,content", [("old.docx", b"\xd0\xcf\x11\xe0 an old binary .doc"), ("notzip.docx", b"plain text")])
def test_broken_docx_is_rejected(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=f"{name}: not a readable .docx"):
        load_document(path, max_bytes=LIMIT)


@pytest.mark.parametrize("name", ["table.csv", "report.doc", "README", "photo.png"])
def test_unknown_types_are_rejected_naming_the_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"some content")
    with pytest.raises(DocumentError) as info:
        load_document(path, max_bytes=LIMIT)
    assert name in str(info.value) and "unsupported file type" in str(info.value)


_FERRY_STORY = (  # long enough for trafilatura's own extractor (a short page goes to its fallback)
    "<p>The ferry across the Orlin strait resumed service on Sunday after a week of storms, the port "
    "authority of Quendal said in a statement.</p>\n<p>Two hundred passengers crossed on the first trip, "
    "which left the harbour at dawn and arrived four hours later.</p>\n<p>The authority said extra crossings "
    "would run through the week to clear the backlog of freight lorries.</p>\n")


@pytest.mark.parametrize("header,line", [
    ('<div class="meta"><span class="author">By Ilse Varro</span> &middot; <span class="place">QUENDAL</span>, '
     'Monday 3 March 2031</div>', "By Ilse Varro · QUENDAL, Monday 3 March 2031"),
    ('<div class="article-info"><time datetime="2031-03-03">3 March 2031</time></div>', "3 March 2031"),
    ('<header class="entry-header"><div class="entry-meta">Posted 3 March 2031 by Ilse Varro</div></header>',
     "Posted 3 March 2031 by Ilse Varro"),
    ('<div class="post-meta"><span class="author">By Ilse Varro</span></div>', "By Ilse Varro"),
])
def test_a_byline_or_date_in_the_articles_header_is_kept_whatever_its_element(tmp_path, header, line):
    from assistant.ingest.metadata import describe

    path = tmp_path / "quendal_ferry.html"
    path.write_text(
        "<html><head><title>Ferry resumes | Quendal Post</title></head><body><header><nav><a href='/'>Home</a>"
        f"</nav></header><article><h1>Ferry resumes after storms</h1>\n{header}\n"
        '<div class="share-tools"><a href="/s">Share</a> <a href="/p">Print</a></div>\n'
        f"{_FERRY_STORY}</article><footer>Contact us</footer></body></html>", encoding="utf-8")
    document = load_document(path, max_bytes=LIMIT)
    assert line in document.text.splitlines()  # its own line, under the headline
    assert "Share" not in document.text and "Contact us" not in document.text and "Home" not in document.text
    report = describe(document, path).report
    if "2031" in line:
        assert report is not None and report.value.isoformat() == "2031-03-03" and report.how in ("head", "label")


def test_a_date_bar_of_a_page_without_article_before_its_headline_is_no_dateline(tmp_path):
    path = tmp_path / "portal_ferry.html"
    path.write_text(
        "<html><body><div class='topbar'>Sunday 9 March 2031</div><h1>Ferry resumes after storms</h1>\n"
        f"{_FERRY_STORY}</body></html>", encoding="utf-8")
    document = load_document(path, max_bytes=LIMIT)
    assert "9 March 2031" not in document.text
