"""Tables of cases for the pure citation and grounding functions (no model, no store)."""

from __future__ import annotations

import pytest

from assistant.answering.citations import (
    citations_for,
    marker_numbers,
    parse_markers,
    validate_markers,
)
from assistant.types import Chunk, Passage


@pytest.mark.parametrize(
    ("body", "expected"),
    [("1", [1]), ("1, 3", [1, 3]), ("1;3", [1, 3]), ("2-4", [2, 3, 4]), ("2–4", [2, 3, 4]), ("4-2", [4, 2]),
     ("1-99", [1, 99]), ("1, 2-3", [1, 2, 3])],
)
def test_marker_numbers(body, expected):
    assert marker_numbers(body) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A [2]. B [1, 2][7].", [2, 1, 2, 7]),
        ("no markers at all", []),
        ("a list [a] and [ 1 ] and [1 ,2]", [1, 1, 2]),
        ("years (2011) and [2011]", [2011]),
    ],
)
def test_parse_markers(text, expected):
    assert parse_markers(text) == expected


@pytest.mark.parametrize(
    ("text", "n", "expected_text", "cited", "dropped"),
    [
        # valid markers keep their passages, renumbered by first appearance
        ("A [1]. B [2].", 3, "A [1]. B [2].", (1, 2), ()),
        ("A [3]. B [1].", 3, "A [1]. B [2].", (3, 1), ()),
        # out of range: dropped with the space before it
        ("A [1]. B [4].", 3, "A [1]. B.", (1,), (4,)),
        ("A [0].", 3, "A.", (), (0,)),
        # repeated: one citation
        ("A [2]. B [2]. C [2, 2].", 3, "A [1]. B [1]. C [1].", (2,), ()),
        # lists and ranges become separate markers
        ("A [1, 3].", 3, "A [1][2].", (1, 3), ()),
        ("A [1-3].", 3, "A [1][2][3].", (1, 2, 3), ()),
        ("A [2-5].", 3, "A [1][2].", (2, 3), (4, 5)),
        # missing markers
        ("A. B.", 3, "A. B.", (), ()),
        ("", 3, "", (), ()),
        # no passage at all: every marker is dropped
        ("A [1].", 0, "A.", (), (1,)),
    ],
)
def test_validate_markers(text, n, expected_text, cited, dropped):
    result = validate_markers(text, n)
    assert (result.text, result.cited, result.dropped) == (expected_text, cited, dropped)


def _passage(n: int, text: str) -> Passage:
    chunk = Chunk(id=f"c{n}", document_id=f"doc{n}", source=f"doc{n}.txt", index=0, start=10 * n,
                  end=10 * n + len(text), text=text)
    return Passage(chunk=chunk, score=1.0 / n, rank=n)


def test_citations_for_maps_prompt_numbers_to_passages():
    passages = [_passage(1, "one"), _passage(2, "two"), _passage(3, "three")]
    citations = citations_for((3, 1), passages)
    assert [(c.n, c.document_id, c.chunk_id, c.text, c.start) for c in citations] == [
        (1, "doc3", "c3", "three", 30), (2, "doc1", "c1", "one", 10)
    ]
    with pytest.raises(IndexError):
        citations_for((4,), passages)
