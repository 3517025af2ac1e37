"""Dates in answers are read as the report writes them: a relative word ("yesterday")
counts back from the day the report was written (its dateline), never from a metadata line
that dates something else; a numeric date is read in the report's own order (a stated
"day/month/year", or a day over 12) and answers "when".  Made-up reports, the real model,
pipeline and store."""

import pytest

from assistant.language.dates import written_date
from tests.support.reports import assistant_over, short_answer

ANNOTATED = (
    "Incident date (annotated): 2031-01-02\n\n"
    "Patrol attacked near Osk\n\n"
    "KORDA, Merovia (July 20, 2031) - Gunmen fired on a police patrol in the village of Osk on Saturday. "
    "Yesterday, the Black Reed organisation warned of more attacks on the Osk road.\n"
)
STATED_ORDER = (
    "Convoy ambushed near Varn\n\n"
    "Dates in this report are written day/month/year.\n\n"
    "VARN, Merovia - On 07/04/2031 a supply convoy was ambushed on the road to Varn. Six trucks were burned.\n"
)
DAY_OVER_TWELVE = (
    "Bridge works at Selm\n\n"
    "SELM, Merovia - The Selm bridge was closed to traffic on 05/03/2031 after engineers found cracks in a "
    "pillar. Repairs were finished on 23/03/2031.\n"
)


@pytest.fixture(scope="module")
def merovia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "days", {
        "osk_patrol.txt": ANNOTATED, "varn_convoy.txt": STATED_ORDER, "selm_bridge.txt": DAY_OVER_TWELVE,
    })


def test_yesterday_counts_back_from_the_dateline_not_a_metadata_line(merovia):
    answer = merovia.ask("When did the Black Reed organisation warn of more attacks?")
    assert short_answer(answer).text == "Yesterday"
    assert answer.text.startswith("Yesterday (19 July 2031) — ")


def test_written_date_skips_lines_dating_something_else():
    assert str(written_date(ANNOTATED).value) == "2031-07-20"
    assert str(written_date("Release date: 12 March 2031\nKORDA (May 1, 2031) - x").value) == "2031-03-12"


@pytest.mark.parametrize("question, stated, day", [
    ("When was the supply convoy ambushed on the road to Varn?", "07/04/2031", "7 April 2031"),
    ("When was the Selm bridge closed to traffic?", "05/03/2031", "5 March 2031"),
])
def test_a_day_first_numeric_date_answers_when(merovia, question, stated, day):
    answer = merovia.ask(question)
    assert short_answer(answer).text == stated
    assert answer.text.startswith(f"{stated} ({day}) — ")


def test_a_weekday_counts_back_from_a_yearless_dateline_dated_by_the_collection(tmp_path_factory, embedder):
    # "March 12" has no year and no weekday: the collection's reports (March 2031) date it
    # (12 March 2031, a Wednesday), and "on Tuesday" is the day before
    vell = assistant_over(tmp_path_factory, embedder, "yearless-days", {
        "a_marrin_post.txt": "ORSK, March 12 (Vell Agency) - Gunmen of the Grey Lark Band attacked a police post "
                             "at Marrin on Tuesday, wounding two officers.\n",
        "b_tarne_school.txt": "Vell Herald, 4 March 2031\n\nThe school at Tarne reopened after repairs.\n",
        "c_pell_market.txt": "Vell Herald, 20 March 2031\n\nThe market at Pell reopened after the floods.\n",
    })
    answer = vell.ask("When did the Grey Lark Band attack the police post at Marrin?")
    assert "Tuesday" in short_answer(answer).text
    assert "(11 March 2031)" in answer.text, answer.text
