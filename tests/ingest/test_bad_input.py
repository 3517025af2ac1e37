"""Every class of bad input gets a clear result and loses nothing else (inputs made in each test)."""

from __future__ import annotations

import random

import pytest

from assistant.errors import DocumentError
from assistant.ingest.chunking import Chunker
from assistant.ingest.loading import content_hash, load_document
from assistant.storage.store import clean_metadata
from assistant.types import Document, IngestStatus
from tests.support.makefiles import (
    html_bytes,
    image_pdf_bytes,
    pdf_bytes,
    report_text,
    write_docx,
)

LIMIT = 1_000_000
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


@pytest.mark.parametrize("name", ["image.txt", "image.md", "image.html"])
def test_binary_content_with_a_text_extension_is_rejected(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(PNG_HEADER + bytes(range(256)))
    with pytest.raises(DocumentError, match=f"{name}: binary content"):
        load_document(path, max_bytes=LIMIT)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_single_byte_text_is_decoded_correctly(tmp_path, encoding):
    text = ("Le café de la gare a été fermé après la grève.\r\nLes employés réclament une hausse "
            "de salaire; la direction a répondu « non » à leur demande à Besançon.")
    path = tmp_path / "greve.txt"
    path.write_bytes(text.encode(encoding))
    assert load_document(path, max_bytes=LIMIT).text == text.replace("\r\n", "\n")


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_text_with_its_byte_order_mark_is_decoded(tmp_path, codec, bom):
    text = "Korvania Flood Update, 3 May 2031\r\nThe river at Brava rose 2 metres; 3 people were killed in Zelm."
    path = tmp_path / "notepad_unicode.txt"
    path.write_bytes(bom + text.encode(codec))  # Windows Notepad's "Unicode" is UTF-16 LE with a BOM
    assert load_document(path, max_bytes=LIMIT).text == text.replace("\r\n", "\n")


def test_utf16_without_a_byte_order_mark_is_binary_with_a_hint(tmp_path):
    path = tmp_path / "no_bom.txt"
    path.write_bytes("Three people were killed.".encode("utf-16-le"))
    with pytest.raises(DocumentError, match="no_bom.txt: binary content .*UTF-16 text needs its byte order mark"):
        load_document(path, max_bytes=LIMIT)


def test_text_in_no_detectable_encoding_is_rejected(tmp_path):
    rng = random.Random(3)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.choice(list(range(1, 9)) + list(range(14, 32)) + list(range(0x80, 0xA0)))
                           for _ in range(600)))
    with pytest.raises(DocumentError, match="noise.txt: not UTF-8 and no text encoding could be detected"):
        load_document(path, max_bytes=LIMIT)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_bom_and_crlf_never_reach_the_stored_text(tmp_path, suffix):
    body = "Line one of the report.\r\nLine two of the report.\rLine three."
    if suffix == ".html":
        body = f"<html><body><article><p>{body}</p><p>Another paragraph of the article.</p></article></body></html>"
    path = tmp_path / f"bom{suffix}"
    path.write_bytes(b"\xef\xbb\xbf" + body.replace("\n", "\r\n").encode("utf-8"))
    text = load_document(path, max_bytes=LIMIT).text
    assert "\r" not in text and "\ufeff" not in text and "Line two of the report." in text


def test_crlf_and_bom_inside_a_docx_never_reach_the_stored_text(tmp_path):
    path = write_docx(tmp_path / "w.docx", ["\ufeffFirst paragraph.\r\nSame paragraph, next line.", "Second."])
    text = load_document(path, max_bytes=LIMIT).text
    assert "\r" not in text and "\ufeff" not in text and "next line." in text


def long_line(kind: str, length: int) -> str:
    rng = random.Random(7)
    if kind == "chinese":  # no spaces, no punctuation, and one word piece per character
        return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(length))
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(length))


@pytest.mark.parametrize("kind,length", [("chinese", 20_000), ("latin", 40_000)])
def test_very_long_line_fits_the_model_and_loses_no_text(embedder, kind, length):
    text = "Heading of the report\n\n" + long_line(kind, length) + "\n\nA closing sentence after the long line."
    document = Document("long", "long.txt", text, content_hash(text))
    chunker = Chunker(600, 100, tokenizer=embedder.tokenizer, max_tokens=embedder.max_tokens)
    chunks = chunker.split(document)
    covered = [False] * len(text)
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        n_tokens = len(embedder.tokenizer(chunk.text, verbose=False)["input_ids"])  # with [CLS] and [SEP]
        assert n_tokens <= embedder.max_tokens == 256, (chunk.index, n_tokens)
        covered[chunk.start : chunk.end] = [True] * (chunk.end - chunk.start)
    assert all(covered[i] or text[i].isspace() for i in range(len(text))), "text between chunks was dropped"
    if kind == "chinese":  # without the token limit a 600-character chunk would be cut at 254 characters
        assert max(len(c.text) for c in chunks) <= 254


def test_long_line_file_is_indexed_whole(make_assistant, tmp_path):
    path = tmp_path / "dense.txt"
    path.write_text("Dense report.\n\n" + long_line("chinese", 3_000) + "\n", encoding="utf-8")
    assistant = make_assistant()
    result = assistant.ingest([path]).results[0]
    assert result.status is IngestStatus.ADDED and result.n_chunks >= 12
    stored = assistant.document_text("dense")
    chunks = [c for c in assistant.store.all_chunks() if c.document_id == "dense"]
    assert len(chunks) == result.n_chunks
    assert sum(len(c.text) for c in chunks) >= len(stored.strip()) - 2  # no overlap here, nothing missing
    assert all(stored[c.start : c.end] == c.text for c in chunks)


def test_repeated_paragraph_gets_distinct_ids_in_the_store(make_assistant, tmp_path):
    paragraph = "Coalition forces detained two suspects in Kandahar during a night patrol near the market."
    path = tmp_path / "repeats.txt"
    path.write_text("\n\n".join([paragraph] * 6) + "\n")
    assistant = make_assistant(chunk_size=100, chunk_overlap=0)
    result = assistant.ingest([path]).results[0]
    assert result.n_chunks == 6
    chunks = assistant.store.all_chunks()
    assert len({c.id for c in chunks}) == 6 == assistant.store.count_chunks()
    assert sorted(c.start for c in chunks) == [i * (len(paragraph) + 2) for i in range(6)]


def test_same_content_under_two_names_is_indexed_once(make_assistant, tmp_path):
    text = report_text(1)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(text)
    (folder / "copy of a.md").write_text(text)
    assistant = make_assistant()
    report = assistant.ingest([folder])
    assert [r.status for r in report.results] == [IngestStatus.ADDED, IngestStatus.REJECTED]
    assert "same text as the indexed document 'a' (a.txt)" in report.results[1].reason
    assert "copy of a.md" in report.results[1].reason
    assert [d.id for d in assistant.documents()] == ["a"]
    assert assistant.store.count_chunks() == report.results[0].n_chunks
    # Once the first is removed, the copy is accepted.
    assistant.remove("a")
    assert assistant.ingest([folder / "copy of a.md"]).results[0].status is IngestStatus.ADDED


def test_file_readded_after_removal_comes_back_whole(make_assistant, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(report_text(2))
    assistant = make_assistant(chunk_size=200, chunk_overlap=20)
    n = assistant.ingest([path]).results[0].n_chunks
    assistant.remove("r")
    assert assistant.store.count_chunks() == 0 and assistant.documents() == []
    again = assistant.ingest([path]).results[0]
    assert again.status is IngestStatus.ADDED and again.n_chunks == n == assistant.store.count_chunks()


def test_metadata_chroma_rejects_never_reaches_it():
    cleaned = clean_metadata({"a": None, "b": [], "c": {}, "d": "x", "e": 0, "f": False, "g": [1, 2], "h": ()})
    assert cleaned == {"d": "x", "e": 0, "f": False, "g": [1, 2]}
    with pytest.raises(TypeError, match="'when'"):
        clean_metadata({"when": object()})


def test_one_failing_file_of_each_kind_never_drops_the_good_ones(make_assistant, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    good = {"g1.txt": report_text(11), "g2.md": report_text(12)}
    for name, text in good.items():
        (folder / name).write_text(text)
    (folder / "g3.html").write_bytes(html_bytes())
    (folder / "g4.pdf").write_bytes(pdf_bytes(["A PDF report: the survey team counted 9 boats.", "Second page."]))
    write_docx(folder / "g5.docx", ["A Word report: the clinic treated 31 patients."])
    bad = {
        "empty.txt": b"", "blank.md": b" \n\t \n", "binary.txt": PNG_HEADER, "scan.pdf": image_pdf_bytes(1),
        "broken.docx": b"not a zip", "data.csv": b"a,b\n", "big.txt": b"word " * 30_000,
    }
    for name, content in bad.items():
        (folder / name).write_bytes(content)
    assistant = make_assistant(max_file_bytes=100_000)
    report = assistant.ingest([folder])
    statuses = {r.path.rsplit("/", 1)[-1]: r for r in report.results}
    assert {n for n, r in statuses.items() if r.status is IngestStatus.ADDED} == {"g1.txt", "g2.md", "g3.html", "g4.pdf", "g5.docx"}
    assert {n for n, r in statuses.items() if r.status is IngestStatus.REJECTED} == set(bad)
    for name in bad:
        assert name in statuses[name].reason
    assert "over the limit of 100000 bytes" in statuses["big.txt"].reason
    assert {d.id for d in assistant.documents()} == {"g1", "g2", "g3", "g4", "g5"}
    assert assistant.store.count_chunks() == sum(r.n_chunks for r in report.results)
