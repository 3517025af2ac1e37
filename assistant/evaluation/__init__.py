"""Evaluation: score answers, abstention, retrieval and citations on a QA file
(:mod:`.metrics`), end to end over a fresh store (:mod:`.run`)."""

from .metrics import (
    QARow,
    Report,
    contains_answer,
    format_table,
    normalize_answer,
    read_qa,
    score,
)
from .run import run_eval

__all__ = ["QARow", "Report", "contains_answer", "format_table", "normalize_answer", "read_qa", "run_eval", "score"]
