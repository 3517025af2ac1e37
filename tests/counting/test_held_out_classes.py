"""Six failure classes of counting found on held-out questions, each reproduced with made-up
reports about the invented Castovia (capital Keldra): a sum of people in a place without
"in total", a list of armed groups that must not list the publisher, a monthly national total
that is no event of the capital, an HTML-style dateline "KELDRA, 10 March 2031", a list whose
condition says "their" in a relative clause ("families who had fled their homes"), a table
row's column for a verb, and a sum over a whole table.  The real model, pipeline and store."""

import pytest

from tests.support.reports import assistant_over, count_reading

# Orvik district (Pallen province): two reports, 3 + 2 killed; Drell district: 4 killed
AMBUSH = (
    "The Pallen Courier\n\nOrvik, 3 May 2031\n\n"
    "Gunmen of the Red Ash Brigade ambushed a lorry near Tessim, in Orvik district of Pallen province, on 2 May, "
    "killing three drivers.\n"
)
MINE = (
    "Field note - Castovia Relief Network\n5 May 2031\n\n"
    "A landmine exploded on a farm track outside Mavry, in Orvik district, Pallen province, on 4 May. Two "
    "people were killed.\n"
)
DRELL = (
    "Castovia Radio bulletin, 6 May 2031\n\n"
    "Four people were killed when shells hit a market in Sorn, in Drell district of Pallen province.\n"
)
# "four CRF guards": a name between the number and the people it counts
POST = (
    "Castovia Daily, 7 May 2031\n\n"
    "Two CRF guards were killed at a post outside Tessim, in Orvik district, on 6 May.\n"
)
# a table by place whose columns both name people: the killed are the "killed" column
TOLL = (
    "# Monthly casualty table, Oster province\n\n"
    "**Issued:** Keldra, 2 June 2031\n\n"
    "| District | Civilians killed | Civilians injured |\n"
    "|---|---|---|\n"
    "| Fenmarch | 2 | 3 |\n"
    "| Lusk | 1 | 0 |\n"
)
# the capital: one event of its own, and a monthly national total issued there
CAPITAL = (
    "<h1>Keldra Evening Herald</h1>\n<p>KELDRA, 10 March 2031 &mdash; A grenade thrown at a bus stop in "
    "Keldra wounded five people on Sunday, police said.</p>\n"
)
MONTHLY = (
    "Ministry of the Interior - monthly summary\nKeldra, 1 April 2031\n\n"
    "In March, 41 people were wounded nationwide in attacks across Castovia, the ministry said.\n"
)
# phrasal verbs: towns that took in displaced families; one town only mentioned
SHELTER = (
    "Hope Road Aid diary, 12 May 2031\n\n"
    "Vellin town took in 30 families who had fled their homes. Our team visited Garrow town, where "
    "markets were quiet.\n"
)
# a whole table without a place scope: 3 + 5 + 1 breaches
TABLE = (
    "# Truce Monitors of Castovia - weekly table\n\n"
    "**Issued:** Keldra, 20 May 2031\n\n"
    "Our monitors logged these truce breaches during the week.\n\n"
    "| District | Province | Truce breaches | Main type |\n"
    "|---|---|---|---|\n"
    "| Orvik | Pallen | 3 | gunfire |\n"
    "| Drell | Pallen | 5 | shelling |\n"
    "| Fenmarch | Oster | 1 | gunfire |\n"
)


@pytest.fixture(scope="module")
def castovia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "castovia", {
        "ambush.txt": AMBUSH, "post.txt": POST, "mine.txt": MINE, "drell.txt": DRELL, "capital.html": CAPITAL,
        "monthly.txt": MONTHLY, "shelter.txt": SHELTER, "table.md": TABLE, "toll.md": TOLL,
    })


def test_people_killed_in_a_place_are_summed_across_its_reports(castovia):
    # no "in total": a place's toll is still the sum of its reports, not one report's number
    answer = castovia.ask("How many people were killed in Orvik district?")
    assert answer.count is not None and answer.count.unit == "sum", answer.text
    assert answer.count.total == 7, answer.text  # 3 + 2 + 2 ("Two CRF guards")


def test_a_table_row_gives_the_number_of_the_column_stating_the_verb(castovia):
    answer = castovia.ask("How many people were killed in Fenmarch district, in total?")
    assert answer.count is not None and answer.count.total == 2, answer.text


def test_a_list_of_armed_groups_leaves_out_the_publishers(castovia):
    answer = castovia.ask("Which armed groups are named in the reports?")
    assert answer.count is not None, answer.text
    values = [v.value for v in answer.count.values]
    assert "Red Ash Brigade" in values, answer.text
    assert "KELDRA" not in values and "Keldra" not in values, answer.text  # a dateline's place
    assert not any("Courier" in v or "Radio" in v or "Network" in v or "Herald" in v or "Ministry" in v
                   for v in values), answer.text


def test_a_national_total_is_no_event_of_the_capital(castovia):
    answer = castovia.ask("How many people were wounded in Keldra, in total?")
    assert answer.count is not None and answer.count.total == 5, answer.text


def test_an_html_dateline_dates_the_report(castovia):
    answer = castovia.ask("How many reports are dated March 2031?")
    assert answer.count is not None, answer.text
    assert sorted(answer.count.document_ids) == ["capital"], answer.text


def test_their_in_a_relative_clause_is_its_own_noun_not_the_listed_one():
    query = count_reading("In which hamlets did the fighters who left their camps surrender?")
    assert query is not None and query.unit == "list"
    assert "hamlet" not in {t.lemma for t in query.condition.terms()}, query.condition


def test_a_list_reads_the_families_who_fled_their_homes(castovia):
    answer = castovia.ask("Which towns took in families who had fled their homes?")
    assert answer.count is not None, answer.text
    assert [v.value for v in answer.count.values] == ["Vellin"], answer.text


def test_a_sum_over_a_whole_table_adds_every_row(castovia):
    answer = castovia.ask("How many truce breaches were logged?")
    assert answer.count is not None and answer.count.unit == "sum", answer.text
    assert answer.count.total == 9, answer.text
    answer = castovia.ask("How many truce breaches were logged in Drell?")
    assert answer.count is None or answer.count.unit != "sum" or answer.count.total == 5, answer.text
