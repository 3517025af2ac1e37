"""Loading (encodings, line endings, bad files) and chunk offsets."""


import pytest

from assistant.errors import DocumentError
from assistant.ingest.chunking import Chunker
from assistant.ingest.loading import content_hash, iter_files, load_document
from assistant.types import Document
from tests.support.paths import CORPUS

LIMIT = 1_000_000


def doc(text: str, doc_id: str = "d") -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, content_hash=content_hash(text))


@pytest.mark.parametrize("size,overlap", [(600, 100), (300, 50), (1000, 0)])
def test_offsets_reproduce_every_chunk_of_the_corpus(size, overlap):
    chunker = Chunker(size, overlap)
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) == 51
    for path in files:
        document = load_document(path, max_bytes=LIMIT)
        chunks = chunker.split(document)
        assert chunks, path
        for chunk in chunks:
            assert document.text[chunk.start : chunk.end] == chunk.text
            assert len(chunk.text) <= size


def test_repeated_paragraph_gets_distinct_ids_and_right_offsets():
    paragraph = "Coalition forces detained two suspects in Kandahar. " * 8
    text = "\n\n".join([paragraph.strip()] * 5)
    chunks = Chunker(200, 40).split(doc(text))
    assert len({c.id for c in chunks}) == len(chunks)
    starts = [c.start for c in chunks]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for c in chunks:
        assert text[c.start : c.end] == c.text


def test_bom_and_crlf_never_reach_the_stored_text(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes("\ufeffLine one.\r\nLine two.\rLine three.".encode("utf-8"))
    document = load_document(path, max_bytes=LIMIT)
    assert document.text == "Line one.\nLine two.\nLine three."
    assert document.id == "report" and document.source == "report.txt"


def test_cp1252_text_is_decoded(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("The café’s owner said “no comment” about the strike in Kunduz province.".encode("cp1252"))
    assert "café’s" in load_document(path, max_bytes=LIMIT).text


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\t\n", "empty"),
        ("binary.txt", b"\x00\x01\x02PNG", "binary"),
        ("table.csv", b"a,b\n1,2\n", "unsupported file type"),
    ],
)
def test_bad_files_are_rejected_with_their_name(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        load_document(path, max_bytes=LIMIT)
    assert name in str(info.value) and message in str(info.value)


def test_file_over_the_size_limit_is_rejected(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    with pytest.raises(DocumentError, match="over the limit of 50 bytes"):
        load_document(path, max_bytes=50)


def test_folder_walk_skips_hidden_and_ignored_files(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "SOURCES.md").write_text("provenance")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / ".assistantignore").write_text("# not reports\nSOURCES.md\n")
    assert [p.name for p in iter_files([tmp_path])] == ["a.txt"]
    assert "SOURCES.md" not in [p.name for p in iter_files([CORPUS])]
