"""Sentence spans with their offsets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from .dates import MONTH_ABBREVIATIONS

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_ABBREVIATIONS = re.compile(
    r"\b(?:[A-Z]|" + "|".join(m.capitalize() for m in MONTH_ABBREVIATIONS)
    + r"|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|U\.S|No|vs|etc|e\.g|i\.e)\.$"
)
@dataclass(frozen=True)
class Span:
    """``text`` found at ``start`` (character offset) in a larger text."""

    start: int
    text: str


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` with their offsets; whitespace around them is dropped."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start()]
        if match.group(0).strip() == "" and _ABBREVIATIONS.search(candidate.rstrip()) and "\n" not in match.group(0):
            continue
        spans.extend(_strip(text, start, match.start()))
        start = match.end()
    spans.extend(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> list[Span]:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return []
    return [Span(start + piece.index(stripped), stripped)]


# ----- reading across line breaks -------------------------------------------------------------

_BLOCK_BREAK = re.compile(r"\n[ \t\f\v]*\n\s*")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·–—]\s|\(?\d{1,3}(?:\.\d{1,3})*[.)]\s|\(?[a-z][.)]\s|#+\s)")
_TABLE_ROW = re.compile(r"\s\|\s|^\s*\|")
_LABEL_LINE = re.compile(r"^[^\W\d_][\w ()/'’-]{0,40}:\s")  # "Date: ...", "Published by: ..."
_LINE_END_PUNCTUATION = re.compile(r"[.!?:;][\"'”’)\]]*\s*$")
_WRAPPED_SHARE = 0.6
"""A line at least this share of its block's longest line, not ending a sentence, wraps onto the next."""


@dataclass(frozen=True)
class ReadingUnit:
    """A stretch of text read as one piece: a paragraph joined across its hard line breaks,
    a list item, a table row or a heading.

    ``text`` is what a reader sees (a line break inside the unit is a space; a word
    hyphenated across a line break is joined: ``"air-\\nstrikes"`` reads ``"airstrikes"``);
    ``offsets[i]`` is the offset in the original text of ``text[i]``, so every span of
    ``text`` maps back exactly (:meth:`span`).  Each character is read in its compatibility
    form (Unicode NFKC, one character at a time: full-width ``"ｔｈｒｅｅ １２"`` reads ``"three 12"``,
    a ligature ``"ﬁ"`` ``"fi"``, both characters mapped to the ligature's offset).
    """

    text: str
    offsets: tuple[int, ...]

    @property
    def start(self) -> int:
        return self.offsets[0]

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets ``(start, end)`` of ``self.text[start:end]`` (``end > start``)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def reading_units(text: str) -> list[ReadingUnit]:
    """The units of ``text`` in order (see :class:`ReadingUnit`).

    Blocks are separated by blank lines.  Inside a block a line break joins the two
    lines when the next line starts with a lower-case letter or the line ends with a
    hyphen after a letter or digit, or when the line does not
    end a sentence (``. ! ? : ;``), is at least 60% as long as the block's longest line
    (hard-wrapped text: every line but the last nearly fills the width) and the next
    line is not a list item or a ``Label: value`` line; a table row (cells joined by
    ``" | "``) is always a unit of its own.  Other line breaks end a unit (headings, list items, one paragraph per line).
    """
    units: list[ReadingUnit] = []
    position = 0
    for match in list(_BLOCK_BREAK.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        units.extend(_block_units(text, position, end))
        position = match.end() if match else len(text)
    return units


def _block_units(text: str, start: int, end: int) -> list[ReadingUnit]:
    lines = []  # (start, end) of each non-empty line, stripped
    offset = start
    for raw in text[start:end].split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = raw.index(stripped[0])
            lines.append((offset + lead, offset + lead + len(stripped)))
        offset += len(raw) + 1
    if not lines:
        return []
    widest = max(e - s for s, e in lines)
    units: list[ReadingUnit] = []
    chars: list[str] = []
    offsets: list[int] = []
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if i and not _joins(text[lines[i - 1][0]:lines[i - 1][1]], line, widest):
            units.append(ReadingUnit("".join(chars), tuple(offsets)))
            chars, offsets = [], []
        elif i:
            previous = text[lines[i - 1][0]:lines[i - 1][1]]
            if previous.endswith("-") and len(previous) > 1 and previous[-2].isalpha() and line[:1].islower():
                chars.pop(), offsets.pop()  # "air-" + "strikes" -> "airstrikes"
            elif not previous.endswith("-"):
                chars.append(" ")
                offsets.append(s - 1)  # the line break reads as a space
        for offset, char in enumerate(line, s):
            plain = unicodedata.normalize("NFKC", char) if ord(char) > 127 else char
            chars.extend(plain or char)  # "ｔｈｒｅｅ" reads "three"; offsets stay those of the stored text
            offsets.extend([offset] * len(plain or char))
    units.append(ReadingUnit("".join(chars), tuple(offsets)))
    return units


def _joins(previous: str, line: str, widest: int) -> bool:
    """Whether the line break between ``previous`` and ``line`` (both stripped) is inside a unit."""
    if _TABLE_ROW.search(previous) or _TABLE_ROW.search(line) or _LIST_ITEM.match(line) or _LABEL_LINE.match(line):
        return False
    if line[:1].islower() or (previous.endswith("-") and previous[-2:-1].isalnum()):
        return True  # a continuation, or a word hyphenated across the break
    return not _LINE_END_PUNCTUATION.search(previous) and len(previous) >= _WRAPPED_SHARE * widest


@dataclass(frozen=True)
class ReadSentence:
    """A sentence as the answerer reads it: ``start``/``end`` are offsets into the original
    text (``text[start:end]`` may hold hard line breaks); ``text`` is the sentence as read
    (a line break inside it is a space, a word hyphenated across a line end is joined)."""

    start: int
    end: int
    text: str


def read_sentences(text: str) -> list[ReadSentence]:
    """The sentences of ``text`` read across hard line breaks: :func:`split_sentences` inside
    each :func:`reading_units` unit, so a sentence of a hard-wrapped paragraph is one sentence
    (not one per line) while headings, list items, table rows and ``Label: value`` lines stay
    apart; offsets map back exactly (:meth:`ReadingUnit.span`)."""
    found: list[ReadSentence] = []
    for unit in reading_units(text):
        for span in split_sentences(unit.text):
            start, end = unit.span(span.start, span.start + len(span.text))
            found.append(ReadSentence(start, end, span.text))
    return found


# ----- tables ---------------------------------------------------------------------------------

_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _line_at(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end == -1 else end


def _is_row(line: str) -> bool:
    return bool(_TABLE_ROW.search(line)) and not _TABLE_SEPARATOR.match(line)


def _cells(line: str) -> list[str]:
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [cell.strip() for cell in inner.split("|")]


def _block_row(text: str, start: int) -> bool:
    """The line at ``start`` is a table row the .docx reader wrote (cells joined by ``" | "``, no
    leading ``"|"``) as a block of its own, a blank line before it
    (:func:`assistant.ingest.formats.read_docx`)."""
    line = text[start:_line_at(text, start)[1]]
    return _is_row(line) and not line.lstrip().startswith("|")


def table_top(text: str, start: int, *, blocks: bool = False) -> int:
    """The offset of the first line of the table whose row starts at ``start`` (the line start
    itself when it is the table's first row, or no row): the rows above it, one a line, a markdown
    separator ``|---|`` among them; or rows written one a block, a blank line between each two
    (a .docx table as :func:`assistant.ingest.formats.read_docx` stores it: ``"Vaccine | Doses"``,
    ``""``, ``"Measles | 220"``), each with as many cells as the row at ``start``, when ``blocks``
    (the answerer reads them so; the counting index, built and stored from the older reading, does not)."""
    first = start
    while first > 0:
        above_start, above_end = _line_at(text, first - 1)
        above = text[above_start:above_end]
        if above.strip() and (_is_row(above) or _TABLE_SEPARATOR.match(above)):
            first = above_start
            continue
        if not blocks or above.strip() or above_start == 0 or not _block_row(text, first):
            break
        row_start = _line_at(text, above_start - 1)[0]  # the line above the one blank line
        if not _block_row(text, row_start) or len(_cells(text[row_start:_line_at(text, row_start)[1]])) != len(
                _cells(text[first:_line_at(text, first)[1]])):
            break
        first = row_start
    return first


def column_header(text: str, offset: int, *, blocks: bool = False) -> str | None:
    """The header cell of the table column that the offset ``offset`` of ``text`` stands in: the
    cell of the same column in the first row of the table (:func:`table_top`: its lines of cells
    joined by ``"|"``, a markdown separator ``|---|`` skipped; with ``blocks`` also a .docx table's rows,
    one a block), when that row is another row than the offset's and
    its cell has a letter (``"| District | Killed |"`` over ``"| Zelna | 4 |"`` -> ``"Killed"``);
    ``None`` for an offset outside a table row or in the header row itself."""
    start, end = _line_at(text, offset)
    line = text[start:end]
    if not _is_row(line):
        return None
    column = line[:offset - start].count("|") - (1 if line.lstrip().startswith("|") else 0)
    first = table_top(text, start, blocks=blocks)
    if first == start:
        return None
    header = _cells(text[first:_line_at(text, first)[1]])
    if column < 0 or column >= len(header) or not any(c.isalpha() for c in header[column]):
        return None
    return header[column]


def header_cells(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[str, int, str]]:
    """The cells of the table rows in ``text[start:end]`` that have a letter, each with its column
    header (:func:`column_header`): ``(cell text stripped, its offset in text, header)``; a cell
    without a header (the header row itself) is left out."""
    at = start
    for line in text[start:len(text) if end is None else end].split("\n"):
        if "|" in line:
            position = at
            for cell in line.split("|"):
                value = cell.strip()
                if value and any(c.isalpha() for c in value):
                    first = position + cell.index(value[0])
                    header = column_header(text, first)
                    if header is not None:
                        yield value, first, header
                position += len(cell) + 1
        at += len(line) + 1


def column_header_span(text: str, offset: int) -> tuple[int, int] | None:
    """The span in ``text`` of the header cell :func:`column_header` reads for ``offset``
    (its words without the surrounding spaces), or ``None`` where it reads none."""
    header = column_header(text, offset)
    if header is None:
        return None
    start, _ = _line_at(text, offset)
    line = text[start:_line_at(text, offset)[1]]
    column = line[:offset - start].count("|") - (1 if line.lstrip().startswith("|") else 0)
    first = table_top(text, start)
    head_end = _line_at(text, first)[1]
    row = text[first:head_end]
    lead = len(row) - len(row.lstrip())
    at = first + lead + (1 if row.lstrip().startswith("|") else 0)
    for index, cell in enumerate(row[at - first:].split("|")):
        if index == column:
            inner = at + len(cell) - len(cell.lstrip())
            return inner, inner + len(cell.strip())
        at += len(cell) + 1
    return None


def is_label_line(text: str) -> bool:
    """``text`` is a ``Label: value`` line of a report's header or metadata block ("Province
    (annotated): Ostel", "Date: 3 April"), not a sentence of its prose."""
    return _LABEL_LINE.match(text.strip()) is not None
