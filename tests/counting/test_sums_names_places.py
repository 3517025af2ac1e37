"""Sums whose numbers stand after the verb or count a part of a total, names written as their
initials or as the long form of an acronym, a town named by most reports as a place scope, and
the number agreement of one value (issue 14's fresh trial).  Made-up reports about the invented
Lurnia, the real model, pipeline and store."""

import pytest

from tests.support.reports import assistant_over

ROAD = (
    "Lurnia Evening Star\nKAROSH, 4 June 2032\n\n"
    "Gunmen fired on a minibus near Velt, in Ombra district of Tessa province, on 3 June, killing two and injuring "
    "9 others, among them three women. The Eastern Lantern Front said it carried out the attack.\n"
)
SHELLS = (
    "Field note - Karosh base\n7 June 2032\n\n"
    "Shells hit the market in Drisk, Ombra district, Tessa province, on 6 June. Seven people were wounded, two of "
    "them children.\n"
)
POST = (
    "Coast Watch Radio, KAROSH, 9 June 2032\n\n"
    "Fighters of the ELF attacked a police post outside Meno, in Ombra district of Tessa province, wounding four. "
    "The post reopened the next day.\n"
)
DETAIN = (
    "Ministry of Order, Karosh\n10 June 2032\n\n"
    "Officers of the Coastal Guard Service (CGS) detained five men in Meno on 9 June.\n"
)
GUARD = (
    "Tessa Courier, 12 June 2032\n\n"
    "The Coastal Guard Service opened a new post near Velt. Karosh traders welcomed the move.\n"
)
KAROSH = (
    "Karosh Herald, 14 June 2032\n\n"
    "A bomb damaged the old bridge in the city of Karosh, the capital of Tessa province, on 13 June. Nobody was hurt.\n"
)


@pytest.fixture(scope="module")
def lurnia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "lurnia", {
        "road.txt": ROAD, "shells.txt": SHELLS, "post.txt": POST, "detain.txt": DETAIN, "guard.txt": GUARD,
        "karosh.txt": KAROSH,
    })


def _sum(assistant, question):
    answer = assistant.ask(question)
    assert answer.count is not None and answer.count.unit == "sum", answer.text
    return answer.count.total, answer


def test_a_sum_reads_numbers_after_the_verb_and_not_a_part_of_a_total(lurnia):
    # "injuring 9 others, among them three women" -> 9; "Seven people were wounded, two of them
    # children" -> 7; "wounding four" -> 4
    total, answer = _sum(lurnia, "How many people were wounded in Tessa province in total?")
    assert total == 20, answer.text


def test_a_part_of_a_total_is_summed_when_asked_for(lurnia):
    total, answer = _sum(lurnia, "How many children were wounded in total?")
    assert total == 2, answer.text


def test_a_sum_of_people_killed_reads_a_number_without_its_noun(lurnia):
    total, answer = _sum(lurnia, "How many people were killed in Ombra district, in total?")
    assert total == 2, answer.text  # "killing two"


def test_a_name_is_stated_by_its_initials(lurnia):
    answer = lurnia.ask("In how many reports is the Eastern Lantern Front named?")
    assert answer.count is not None
    assert sorted(answer.count.document_ids) == ["post", "road"], answer.text  # "ELF" in post.txt


def test_an_acronym_is_stated_by_the_long_form_a_report_defines(lurnia):
    answer = lurnia.ask("In how many reports is the CGS mentioned?")
    assert answer.count is not None
    assert sorted(answer.count.document_ids) == ["detain", "guard"], answer.text  # guard.txt: the long form only


def test_a_town_named_by_most_reports_counts_only_its_own_events(lurnia):
    # every report is datelined or published in Karosh; only the bridge was attacked there
    answer = lurnia.ask("In how many reports was something attacked or damaged in Karosh?")
    assert answer.count is not None
    assert sorted(answer.count.document_ids) == ["karosh"], answer.text


def test_one_listed_value_is_named_in_the_singular(lurnia):
    answer = lurnia.ask("In which towns was a bridge damaged?")
    assert answer.count is not None and [v.value for v in answer.count.values] == ["Karosh"], answer.text
    assert answer.text.startswith("1 town:"), answer.text


TABLE = (
    "# Truce Watch - weekly table\n\n"
    "**Issued:** Karosh, 20 June 2032\n\n"
    "Our monitors logged these truce breaches during the week.\n\n"
    "| District | Province | Breaches | Civilians hurt |\n"
    "|---|---|---|---|\n"
    "| Ombra | Tessa | 3 | 2 |\n"
    "| Farl | Tessa | 5 | 0 |\n"
    "| Quell | Mirra | 1 | 4 |\n"
)
NOTE = (
    "Relief note, 21 June 2032\n\n"
    "In Farl district of Tessa province two civilians were hurt by a stray shell on 19 June.\n"
)


@pytest.fixture(scope="module")
def truce(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "truce", {"table.md": TABLE, "note.txt": NOTE})


def test_a_list_reads_the_table_column_of_the_asked_level(truce):
    answer = truce.ask("Which districts had truce breaches?")
    assert answer.count is not None
    assert sorted(v.value for v in answer.count.values) == ["Farl", "Ombra", "Quell"], answer.text
