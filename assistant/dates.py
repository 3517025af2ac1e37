"""The date a document states about itself, to show next to its citations.

Looked for in the first :data:`HEAD_CHARS` characters of the text, in this order:

1. a labelled line such as ``Date: 12 March 2021`` or ``Incident date (annotated): 2010-05-10``
   (a label containing the word "date", then a colon);
2. the first full date written as ``2010-05-10``, ``May 11, 2010``, ``11 May 2010`` or
   ``May 11 2010``.

A candidate counts only when ``dateutil`` parses it to a real calendar day; month-only or
year-only mentions are not dates.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as date_parser

HEAD_CHARS = 3000
"""Only the head of a document is searched: a report's own date is stated near its top."""

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_FULL_DATE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}})\b",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"^[^\S\n]*[\w ()/-]*\bdate\b[\w ()/-]*:[^\S\n]*(?P<value>.+)$", re.IGNORECASE | re.MULTILINE)


def stated_date(text: str) -> date | None:
    """The document's stated date (see the module docstring), or ``None`` when it states none."""
    head = text[:HEAD_CHARS]
    for match in _LABELLED.finditer(head):
        found = _first_date(match.group("value"))
        if found is not None:
            return found
    return _first_date(head)


def _first_date(text: str) -> date | None:
    for match in _FULL_DATE.finditer(text):
        try:
            return date_parser.parse(match.group(0), fuzzy=False).date()
        except (ValueError, OverflowError):
            continue
    return None
