"""Counting, summing and listing across every report in scope, for any condition.

:func:`~.reading.read_count_query` reads a question's parse into a typed
:class:`~.query.CountQuery` (unit, condition) under the question's scope; :class:`~.service.Counter` checks the
condition against every report in scope from its sentences (:mod:`.index`, :mod:`.matching`)
and composes "N of M reports" with one citation per counted report (:mod:`.answer`,
:mod:`.values`); :class:`~.result.CountResult` is what the answer carries.
"""

from .query import Clause, Condition, CountQuery, Term
from .result import CountedReport, CountResult, ListedValue

__all__ = ["Clause", "Condition", "CountQuery", "CountResult", "CountedReport", "ListedValue", "Term"]
