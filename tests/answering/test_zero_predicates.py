"""A none whose predicate is a state ("no civilians were *present*") answers no count of an event:
"How many civilians were killed in the strike?" is not "0" from "after checking that no civilians
were present, aircraft struck ...", while "No one was injured" still answers "how many were
injured" with 0.  Made-up reports about the invented Galvenor; the real model, pipeline and store."""

import pytest

from tests.support.reports import assistant_over, short_answer

STRIKE = (
    "Galvenor Courier, 15 March 2033\n\n"
    "After checking that no civilians were present, aircraft struck a lorry near Pirsk on Tuesday, killing two "
    "gunmen.\n"
)
BLAST = (
    "Galvenor Radio bulletin, 16 March 2033\n\n"
    "A grenade exploded at the Telmark market on Wednesday. No one was injured.\n"
)


@pytest.fixture(scope="module")
def galvenor(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "zero-state", {"pirsk_strike.txt": STRIKE,
                                                                     "telmark_blast.txt": BLAST})


def test_a_none_of_a_state_is_no_count_of_the_event(galvenor):
    answer = galvenor.ask("How many civilians were killed in the strike near Pirsk?")
    assert answer.short_answer is None or "0" not in answer.text.split("—")[0], answer.text


def test_a_none_of_the_asked_event_is_still_zero(galvenor):
    assert short_answer(galvenor.ask("How many people were injured by the grenade at the Telmark market?")).text \
        .lower() == "no one"
