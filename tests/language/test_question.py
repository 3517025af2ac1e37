"""What a question asks for (assistant.language.question)."""

from __future__ import annotations

import pytest

from assistant.language.question import analyse


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Who kidnapped Temüjin's first wife?", {"temüjin"}),  # any script; possessive dropped
        ("When was GPT-3 released?", {"gpt-3"}),
        ("Which Taliban leader did ISAF kill in Kandahar in May 2010?", {"taliban", "isaf", "kandahar"}),
    ],
)
def test_question_names(question, names):
    assert analyse(question).names == names
