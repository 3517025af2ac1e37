"""Numbers in text (assistant.language.numbers)."""

from __future__ import annotations

import pytest

from assistant.language.numbers import numbers_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("34 airstrikes", {34}),
        ("1,500 people and 2.5 tons", {1500, 2.5}),
        ("1,000,000", {1_000_000}),
        ("thirty-four strikes", {34}),
        ("Thirty four strikes", {34}),
        ("two hundred and fifty men", {250}),
        ("a dozen rockets", {12}),
        ("one insurgent", {1}),
        ("1.5 million dollars", {1_500_000}),
        ("3 thousand and one million", {3000, 1_000_000}),
        ("3-5 killed", {3, 5}),
        ("3–5 killed", {3, 5}),
        ("between three and five", {3, 5}),
        ("three to five", {3, 5}),
        ("July 26, 2011", {26, 2011}),
        ("AK-47s", {47}),
        ("no one came; the one who left; one another", set()),
        ("someone, anyone, everyone", set()),
        ("hundreds of people, dozens of homes", set()),
        ("the 3rd battalion and the first day", set()),
        ("no number here.", set()),
    ],
)
def test_numbers_in(text, expected):
    assert numbers_in(text) == {float(v) for v in expected}
