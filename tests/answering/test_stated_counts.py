"""Short answers a sentence states in a form other than "<number> <asked noun> were <asked verb>":
the noun left out, the event as a noun, a table cell, full-width characters, an abbreviation.
Made-up reports about the fictional country of Tarnovia, read by the real model, pipeline and store."""

import pytest

from assistant import NO_ANSWER
from tests.support.reports import assistant_over, short_answer

BOMBING = (
    "Market bombing in Karsk\n\n"
    "KARSK, 14 March 2031 - A car bomb exploded near the central market of Karsk on Friday morning, killing "
    "three and injuring 12 others, the provincial police said. No group has claimed the attack.\n"
)
CLASHES = (
    "Fighting near Velm\n\n"
    "Security forces fought a group of insurgents outside the town of Velm on Saturday. Officials said the "
    "clashes caused ten insurgent deaths and led to the arrest of four suspects.\n"
)
AMBUSH = (
    "Ambush on the Orsk road\n\n"
    "A convoy was ambushed on the road north of Orsk on Monday. Two were killed and seven were hurt, "
    "a hospital official said.\n"
)
BLAST = (
    "Blast at the Korra bus station\n\n"
    "A blast at the Korra bus station on Sunday caused four deaths, police said. Doctors at the district "
    "hospital treated 12 wounded.\n"
)
TABLE = (
    "# Weekly casualty summary, Tarnovia\n\n"
    "The table lists the casualties reported in each district during the week.\n\n"
    "| District | Killed | Wounded |\n"
    "|---|---|---|\n"
    "| Zelna | 4 | 9 |\n"
    "| Morvik | 7 | 15 |\n"
    "| Haldin | 2 | 3 |\n"
)
WIDE = ("Night raid in Pessa\n\nPolice in Pessa said that ｔｈｒｅｅ smugglers were detained during a night raid "
        "on Tuesday, and that officers seized １２ rifles from a warehouse.\n")
OUTPOST = (
    "Attack on an outpost in Lornia\n\n"
    "Insurgents fired rockets at Combat Outpost Charkh in the Lornia valley on Monday night. Five soldiers "
    "were wounded in the attack, a spokesman said.\n"
)
BASE = (
    "Mortar fire on FOB Drevo\n\n"
    "Mortar rounds struck FOB Drevo in the Saltan district on Sunday. Two contractors were wounded, the "
    "coalition said.\n"
)
COUNCIL = (
    "Council meeting in Ulmar\n\n"
    "The Provincial Security Council (PSEC) of Ulmar was set up in May.\n\n"
    "Other business\n\n"
    "On Thursday the Provincial Security Council approved 40 new checkpoints on the border road.\n"
)

BUS = (
    "Attack on a bus near Tolmar\n\n"
    "Gunmen stopped a bus on the road to Tolmar on Wednesday and opened fire on the passengers. Eight Vesnians "
    "were killed in the attack and two were wounded, local officials said.\n"
)
HEADER = (
    "Incident report 44\n"
    "Province (annotated): brenna\n"
    "Killed (annotated): 6 policemen\n"
    "Date (annotated): 3 April 2031\n\n"
    "Gunmen attacked a police checkpoint in Brenna province on Thursday and killed 6 policemen, officials said.\n"
)


@pytest.fixture(scope="module")
def reports(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "stated", {
        "karsk_bombing.txt": BOMBING, "velm_clashes.txt": CLASHES, "orsk_ambush.txt": AMBUSH,
        "weekly_table.md": TABLE, "pessa_raid.txt": WIDE, "charkh_outpost.txt": OUTPOST,
        "drevo_base.txt": BASE, "ulmar_council.txt": COUNCIL, "tolmar_bus.txt": BUS, "korra_blast.txt": BLAST, "brenna_44.txt": HEADER,
    })


def test_a_count_whose_noun_the_sentence_leaves_out(reports):
    answer = reports.ask("How many people were injured in the Karsk market bombing?")
    assert short_answer(answer).text == "12" and "injuring 12 others" in answer.text
    assert short_answer(reports.ask("How many people were killed in the Karsk market bombing?")).text == "three"
    assert short_answer(reports.ask("How many people were killed in the ambush near Orsk?")).text == "Two"


def test_a_left_out_noun_does_not_answer_for_a_particular_kind_of_people(reports):
    # "killing three" does not say that the three were police officers
    answer = reports.ask("How many police officers were killed in the Karsk market bombing?")
    assert not answer.has_answer and answer.text == NO_ANSWER


def test_the_event_stated_as_a_noun(reports):
    answer = reports.ask("How many insurgents died in the clashes near Velm?")
    assert short_answer(answer).text == "ten"
    assert short_answer(reports.ask("How many people died in the blast at the Korra bus station?")).text == "four"
    assert short_answer(reports.ask("How many people were wounded in the Korra bus station blast?")).text == "12"


def test_a_table_cell_is_read_under_its_column_header(reports):
    assert short_answer(reports.ask("How many people were wounded in Morvik?")).text == "15"
    assert short_answer(reports.ask("How many people were killed in Zelna?")).text == "4"


def test_full_width_text_is_read_with_exact_offsets(reports):
    answer = reports.ask("How many smugglers were detained in Pessa?")
    short = short_answer(answer)
    assert short.text == "ｔｈｒｅｅ"
    assert reports.document_text(short.document_id)[short.start:short.end] == "ｔｈｒｅｅ"
    assert short_answer(reports.ask("How many rifles were seized in Pessa?")).text == "１２"


def test_an_abbreviation_matches_the_words_it_stands_for(reports):
    # the question abbreviates what the report writes out, and the other way round
    assert short_answer(reports.ask("How many soldiers were wounded in the attack on COP Charkh?")).text == "Five"
    answer = reports.ask("How many contractors were wounded at Forward Operating Base Drevo?")
    assert short_answer(answer).text == "Two"
    answer = reports.ask("How many checkpoints did the PSEC approve in Ulmar?")
    assert short_answer(answer).text == "40"


def test_an_abbreviation_another_place_has_is_still_declined(reports):
    answer = reports.ask("How many soldiers were wounded in the attack on COP Velm?")
    assert not answer.has_answer


def test_a_nationality_counted_is_the_number_one_report_states(reports):
    # "Vesnians" has no WordNet sense; the entity recogniser reads it as a nationality (NORP): people
    answer = reports.ask("How many Vesnians were killed near Tolmar?")
    assert short_answer(answer).text == "Eight"
    assert answer.text.startswith("Eight — ")


def test_a_header_field_is_not_quoted_as_a_second_sentence(reports):
    answer = reports.ask("How many policemen were killed in Brenna province?")
    assert short_answer(answer).text == "6"
    assert "killed 6 policemen" in answer.text
    assert "(annotated)" not in answer.text and answer.text.count("[") == 1
