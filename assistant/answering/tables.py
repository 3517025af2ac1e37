"""Table rows as answer units: each cell read with its column header and its row's label.

A table row ("| Lindholm | 1.35 crowns | 2.40 crowns | +15% |" under "| Town | Wheat | Rice |
Change since March |", or a .docx row "Measles | 220" under "Vaccine | Doses given") states one
value per column; what a cell says is its row label (the first cell) and its column header
together with the cell.  So a question that names the row label and a column header ("the price
of *rice* in *Lindholm*") is answered by that column's cell, whatever its entity label, and a
cell of a column the question does not name is no answer when the question names another column
of the same table.  Headers are read by :func:`assistant.language.sentences.column_header`
(markdown tables and the .docx reader's rows alike); every span keeps its offsets in the
document text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..language.annotations import Sentence
from ..language.answer_type import FocusWord, QuestionReading
from ..language.names import fold
from ..language.sentences import column_header
from ..language.tokens import STOPWORDS, derived, normalize
from .candidates import Candidate

CELL = "CELL"
"""The label of a candidate that is a whole table cell (:func:`cell_candidates`)."""

_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class TableCell:
    """One cell of a table row: ``start..end`` its text in the document (stripped), ``column`` its
    index in the row (0: the row's label), ``header`` the text of its column's header cell
    (``None`` when the table has no header row above it)."""

    start: int
    end: int
    text: str
    column: int
    header: str | None


def row_cells(text: str, start: int, end: int) -> list[TableCell]:
    """The non-empty cells of the table row at ``start..end`` of ``text`` (a sentence span holding
    ``"|"``: the row's line, or the part of it a sentence covers), in order, each with its header.
    Columns are counted on the whole line, so a sentence that covers part of a row still numbers
    its cells as the row does."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    line = text[line_start:line_end]
    leading = line.lstrip().startswith("|")
    cells: list[TableCell] = []
    position = line_start
    for index, piece in enumerate(line.split("|")):
        value = piece.strip()
        column = index - 1 if leading else index
        if value and column >= 0:
            first = position + piece.index(value[0])
            if start <= first < end:
                cells.append(TableCell(first, first + len(value), value, column, column_header(text, first, blocks=True)))
        position += len(piece) + 1
    return cells


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def names(words: Sequence[str], focus: FocusWord) -> bool:
    """Whether a focus word of the question names one of ``words`` (lower-case words of a cell or
    a header): the same word or lemma, a plural or a derived form ("doses" for "dose", "change"
    for "changed"; :func:`~assistant.language.tokens.derived`), or the same name without its
    diacritics."""
    lemma, written = focus.lemma.lower(), fold(focus.text).lower()
    for word in words:
        stem = normalize(word)
        if word in (lemma, written) or stem in (lemma, normalize(written)):
            return True
        if len(lemma) >= 3 and lemma.isalpha() and (derived(lemma, word) or derived(lemma, stem)):
            return True
    return False


def head_word(reading: QuestionReading) -> FocusWord | None:
    """The question's head noun as a :class:`FocusWord` (its lemma and its form as the question
    writes it, :attr:`~assistant.language.answer_type.QuestionReading.head_text`), ``None`` when it
    has none."""
    if reading.head is None:
        return None
    return FocusWord(reading.head, reading.head_text, "NOUN", 1.0)


def header_names_head(header: str | None, reading: QuestionReading) -> bool:
    """The header text ``header`` names the question's head noun ("Doses given" for "how many
    *doses*"; :func:`names`)."""
    head = head_word(reading)
    return bool(header) and head is not None and names(_words(header), head)


def _header_named(header: str | None, reading: QuestionReading) -> bool:
    if not header:
        return False
    words = _words(header)
    return any(names(words, f) for f in reading.focus) or header_names_head(header, reading)


@dataclass(frozen=True)
class RowReading:
    """What a question names of one table row: ``label`` whether it names the row's label cell
    (column 0), ``named`` the columns whose header it names, ``values`` the row's value columns
    (every column but the label's)."""

    cells: tuple[TableCell, ...]
    label: bool
    named: frozenset[int]
    values: frozenset[int]


def read_row(text: str, sentence: Sentence, reading: QuestionReading) -> RowReading:
    """The :class:`RowReading` of the row ``sentence`` stands in for the question ``reading``
    (its focus words and head noun)."""
    cells = tuple(row_cells(text, sentence.start, sentence.end))
    label_cells = [c for c in cells if c.column == 0]
    label = bool(label_cells) and any(names(_words(label_cells[0].text), f) for f in reading.focus)
    named = frozenset(c.column for c in cells if _header_named(c.header, reading))
    values = frozenset(c.column for c in cells if c.column > 0)
    return RowReading(cells, label, named, values)


def column_of(row: RowReading, start: int) -> int | None:
    """The column of the row's cell holding the offset ``start``, ``None`` outside its cells."""
    for cell in row.cells:
        if cell.start <= start < cell.end:
            return cell.column
    return None


def in_other_column(row: RowReading, candidate: Candidate) -> bool:
    """The question names a column of the row's table by its header and ``candidate`` stands in a
    value column it does not name ("the price of *rice*": not the cell under "Wheat")."""
    column = column_of(row, candidate.start)
    return bool(row.named) and column is not None and column > 0 and column not in row.named


def cell_candidates(row: RowReading, sentence: Sentence, numeric: bool) -> list[Candidate]:
    """The row's value cells that answer the question as whole cells (label :data:`CELL`): for a
    ``numeric`` answer type every value cell with a digit in a column the question names ("2.40
    crowns" under "Rice", "+3%" under "Change since March"; elsewhere only the row's own candidates of
    the type, so "1" under "Killed" is no answer to "how far"); for another type, when the
    question names the row's label, the cell of the one column it names, or of the table's only
    value column ("Measles | 220" for "the measles figure").  A cell of a column the question does
    not name, where it names another, is none (:func:`in_other_column`)."""
    tokens = sentence.tokens
    found = []
    for cell in row.cells:
        if cell.column == 0:
            continue
        if row.named and cell.column not in row.named:
            continue
        if numeric:
            if not _DIGIT.search(cell.text) or cell.column not in row.named:
                continue  # a bare number of a column the question does not name is no distance, no price
            fit = 1.0
        else:
            if not row.label or not (cell.column in row.named and len(row.named - {0}) == 1
                                     or not row.named and len(row.values) == 1):
                continue
            fit = 1.0
        inside = [i for i, t in enumerate(tokens) if cell.start <= t.start and t.end <= cell.end]
        if not inside:
            continue
        found.append(Candidate(cell.start, cell.end, cell.text, inside[0], inside[-1], fit, CELL))
    return found


MAX_VALUE_WORDS = 4
"""A cell of at most this many words with a digit is one value ("2.40 crowns", "+3%", "1,250 people");
a longer cell is prose, read by its own candidates."""


def row_answers(candidates: Sequence[Candidate], row: RowReading, sentence: Sentence,
                numeric: bool) -> list[Candidate]:
    """The candidates of a table row's sentence read with the row's headers: ``candidates`` (those
    :func:`~assistant.answering.candidates.sentence_candidates` found in it) without those in a
    value column other than the one the question names (:func:`in_other_column`), with the row's
    whole cells (:func:`cell_candidates`) in place of the parts of a value cell a ``numeric`` type
    found ("1.35" of "1.35 crowns"); of two candidates of the same span the better fitting."""
    cells = [c for c in cell_candidates(row, sentence, numeric) if len(c.text.split()) <= MAX_VALUE_WORDS]
    found: dict[tuple[int, int], Candidate] = {}
    for candidate in candidates:
        if in_other_column(row, candidate):
            continue
        if numeric and any(c.start <= candidate.start and candidate.end <= c.end and (c.start, c.end) != (
                candidate.start, candidate.end) for c in cells):
            continue
        found[(candidate.start, candidate.end)] = candidate
    for cell in cells:
        key = (cell.start, cell.end)
        if key not in found or found[key].fit < cell.fit:
            found[key] = cell
    return list(found.values())
