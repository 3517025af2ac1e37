"""A single number asked about one event is answered from the report that states it, not
counted across reports: "how many <people/things> were <verb>ed" asks for a stated number
(a total only with "in total", "altogether", "across all reports"); a count of reports or of
events ("in how many reports", "how many attacks were there") is counted.  The question's
place becoming a filter does not change the route.  Made-up reports, the real model,
pipeline and store."""

import pytest

from tests.support.reports import assistant_over, short_answer

BUS = (
    "Bus bombing outside Tellin\n\n"
    "TELLIN, Merovia (May 14, 2031) - A roadside bomb struck a bus on the northern road outside Tellin on Tuesday, "
    "the district police said. Fourteen people were injured and two drivers were killed.\n"
)
CONVOY = (
    "Convoy burned near Varn\n\n"
    "VARN, Merovia (May 20, 2031) - Gunmen stopped a supply convoy on the road to Varn on Monday and burned six "
    "trucks. Police later seized four rifles in a farmhouse near Varn.\n"
)
MARKET = (
    "Second attack in Tellin\n\n"
    "TELLIN, Merovia (June 2, 2031) - Gunmen attacked a market stall in Tellin on Sunday. Three trucks were "
    "burned and one guard was injured.\n"
)


@pytest.fixture(scope="module")
def merovia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "merovia", {
        "tellin_bus.txt": BUS, "varn_convoy.txt": CONVOY, "tellin_market.txt": MARKET,
    })


@pytest.mark.parametrize("question, number", [
    ("How many drivers were killed in the bus bombing outside Tellin?", "two"),
    ("How many rifles were seized near Varn?", "four"),
    ("How many trucks were burned in Varn?", "six"),
])
def test_a_number_stated_in_one_report_is_answered_not_counted(merovia, question, number):
    query = merovia.parse(question)
    assert query.scope is not None and query.scope.filters.place  # the place became a filter
    assert query.count is None, query.count
    assert short_answer(merovia.ask(question)).text == number


@pytest.mark.parametrize("question", [
    "In how many reports were trucks burned?",
    "How many attacks were there in Tellin?",
    "How many incidents happened in Tellin?",
])
def test_a_count_of_reports_or_events_is_counted(merovia, question):
    query = merovia.parse(question)
    assert query.count is not None and query.count.unit == "reports", query.count


def test_a_total_across_reports_is_summed(merovia):
    query = merovia.parse("How many trucks were burned in total?")
    assert query.count is not None and query.count.unit == "sum"
    assert merovia.ask("How many trucks were burned in total?").text.startswith("9 ")
