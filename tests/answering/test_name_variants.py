"""A name the question spells with one letter off (a typo, or another romanisation: "Qastelorn" for
"Kastelorn") still finds the report that states it, when no retrieved report states the question's own
spelling and the name is long enough (at least six letters) for one edit not to make it another
place's name.  Made-up reports, the real model, pipeline and store."""

import pytest

from assistant.language.names import NEAR_NAME_LETTERS, mentions_name_nearly
from tests.support.reports import assistant_over, short_answer

KASTELORN = (
    "Flood in Kastelorn\n\n"
    "Heavy rain flooded the old market of Kastelorn on Monday. The district council said 40 shops were damaged.\n"
)
KORVELIN = (
    "Storm in Korvelin\n\n"
    "A storm hit the harbour of Korvelin on Tuesday. The harbour master said 17 boats were sunk.\n"
)
KARVELIN = (
    "Storm in Karvelin\n\n"
    "A storm hit the harbour of Karvelin on Tuesday. The harbour master said 9 boats were sunk.\n"
)
DORSK = (
    "Fire in Dorsk\n\n"
    "A fire destroyed the grain store of Dorsk on Friday. Firefighters said 3 lorries were burned.\n"
)


@pytest.fixture(scope="module")
def places(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "variants", {
        "kastelorn.txt": KASTELORN, "korvelin.txt": KORVELIN, "karvelin.txt": KARVELIN, "dorsk.txt": DORSK,
    })


def test_a_name_one_letter_off_finds_its_report(places):
    answer = places.ask("How many shops were damaged in Qastelorn?")
    assert short_answer(answer).text == "40", answer.text
    assert short_answer(places.ask("How many shops were damaged in Kastelorm?")).text == "40"


def test_a_name_stated_exactly_keeps_its_own_report(places):
    assert short_answer(places.ask("How many boats were sunk in Korvelin?")).text == "17"
    assert short_answer(places.ask("How many boats were sunk in Karvelin?")).text == "9"


def test_a_short_name_one_letter_off_is_another_name(places):
    assert not places.ask("How many lorries were burned in Darsk?").has_answer


def test_mentions_name_nearly():
    assert NEAR_NAME_LETTERS == 6
    assert mentions_name_nearly("the market of kastelorn was flooded", "Qastelorn")
    assert mentions_name_nearly("the market of kastelorn was flooded", "Kastlorn")  # a letter left out
    assert not mentions_name_nearly("the market of kastelorn was flooded", "Qastelorm")  # two edits
    assert not mentions_name_nearly("the grain store of dorsk", "Darsk")  # too short for an edit
    assert not mentions_name_nearly("the market of kastelornia", "Kastelorn")  # a part of a longer word
