"""The typed result of a count, sum or list across reports, carried on the answer
(:attr:`assistant.types.Answer.count`) so the CLI, the web chat and the evaluation read the
numbers, not the text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CountedReport:
    """One report used by the answer: its id, the citation number of its evidence sentence,
    the number it adds (sums; ``None``: none or a vague word, see ``vague``, or the same event
    as an earlier report's, see ``same_as``), and why it is only "possibly" (``""`` when
    counted); ``same_as``: the citation number of the report whose number already adds this
    event (0: none)."""

    document_id: str
    citation: int
    value: float | None = None
    vague: str = ""
    why: str = ""
    same_as: int = 0


@dataclass(frozen=True)
class ListedValue:
    """One distinct listed value, the citation of the sentence that names it, and the reports
    that name it."""

    value: str
    citation: int
    document_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountResult:
    """What a count/sum/list answer found.

    ``unit``: ``reports``, ``sum`` or ``list``; ``counted``: the reports that state the
    condition (each once); ``possibly``: the reports that nearly do; ``in_scope``: M, the
    number of reports in scope; ``total``: the sum (sums); ``unit_word``: what was summed
    ("kilometres"); ``values``: the listed values (lists); ``reading``: the question as
    understood; ``readable``: false when the condition could not be read; ``share``: N / M, 0-1,
    when the question asked for a share of the reports ("what percentage of the reports"), else
    ``None``.
    """

    unit: str
    counted: tuple[CountedReport, ...] = ()
    possibly: tuple[CountedReport, ...] = ()
    in_scope: int = 0
    total: float | None = None
    unit_word: str = ""
    values: tuple[ListedValue, ...] = ()
    reading: str = ""
    readable: bool = True
    share: float | None = None

    @property
    def count(self) -> int:
        """N: how many reports were counted."""
        return len(self.counted)

    @property
    def document_ids(self) -> tuple[str, ...]:
        """The counted reports' ids, in answer order."""
        return tuple(r.document_id for r in self.counted)
