"""A place the question's entity recogniser reads as a place, which the reports name only in a
title or a heading (so the place readers recorded it for no report), is still a count's place
scope: the reports whose text names it, not a word every counted sentence must state.
Made-up reports about the invented Selk Highlands, the real model, pipeline and store."""

import pytest

from tests.support.reports import assistant_over

HIGHLANDS = (
    "Relief Bulletin No. 4 - Selk Highlands\n3 May 2031\n\n"
    "## Selk Highlands\n\n"
    "Two civilians were killed when a shell struck a bus on the mountain road.\n"
)
DIGEST = (
    "Weekly digest\n10 May 2031\n\n"
    "## Selk Highlands\n\n"
    "Three civilians were killed by a landmine on a farm track.\n\n"
    "## Coast\n\n"
    "Nobody was hurt at the harbour.\n"
)
COAST = (
    "Harbour Watch, 11 May 2031\n\n"
    "Four civilians were killed when a fuel store exploded at the harbour.\n"
)


@pytest.fixture(scope="module")
def selk(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "selk", {
        "highlands.txt": HIGHLANDS, "digest.txt": DIGEST, "coast.txt": COAST,
    })


def test_the_place_readers_do_not_know_the_region(selk):
    assert not selk.catalog.knows_place("Selk Highlands")


def test_a_place_named_only_in_headings_is_a_count_scope(selk):
    answer = selk.ask("How many civilians were killed in total in the Selk Highlands?")
    assert answer.count is not None and answer.count.unit == "sum", answer.text
    assert answer.count.total == 5, answer.text  # 2 + 3; the harbour's 4 are outside
    assert answer.scope is not None and answer.scope.filters.place == "Selk Highlands"


def test_a_single_question_keeps_its_scope(selk):
    query = selk.parse("Who was killed on the mountain road in the Selk Highlands?")
    assert query.count is None
    assert query.scope is None or not query.scope.filters.place
