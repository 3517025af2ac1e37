"""General reading rules of issue 14's branch ``count2``, on made-up reports about the invented
Quorian coast (Ellvik town, Brannoch harbour, Tobber village; the Red Fern Legion, the Coast Watch):

* a comma series in a condition ("closed, damaged or destroyed") is read as the same words
  joined by "or": alternatives of one slot, not a second condition;
* a reporting verb before "that" ("how many reports *confirm* that ...") is what a report does,
  never the condition; a support verb's object ("*carried out* an attack", "*made* arrests") is
  the condition's thing, and the verb's subject its doer;
* a bound word before a day ("after 9 May 2034", "until 9 May") opens a range of report dates;
* "cases of X ... altogether" adds the numbers of cases; two numbers joined by "and" for the
  counted noun add up ("three soldiers and two police officers were wounded": five).

The real parser, WordNet, embedding model and Chroma store."""

from datetime import date

import pytest

from assistant.counting.reading import or_series
from assistant.language.question import read_period
from tests.support.reports import assistant_over, count_reading

HARBOUR = (
    "Quorian Coast Monitor\nDaily note, 2 May 2034\n\n"
    "Gunmen of the Red Fern Legion attacked the police post at Ellvik on 1 May, killing two officers and one farmer.\n"
    "Three soldiers and two police officers were wounded.\n"
)
ARRESTS = (
    "Brannoch Harbour Gazette, 9 May 2034\n\n"
    "The Coast Watch made arrests in Brannoch after a search of the fish market.\n"
    "The school in Brannoch was closed on Monday.\n"
)
CLINIC = (
    "Ellvik Health Circle - field note\nIssued 20 May 2034\n\n"
    "Our team confirmed 9 cases of measles in Ellvik and 4 cases in Tobber village.\n"
)
SHELLING = (
    "Tobber village council, minutes of 25 May 2034\n\n"
    "The roof of the Tobber school was destroyed by a shell on 23 May.\n"
    "The Red Fern Legion held a rally in the square.\n"
)
POST = (
    "Quorian Coast Monitor\nDaily note, 27 May 2034\n\n"
    "Unknown gunmen fired on the Coast Watch post at Ellvik. Nobody was hurt.\n"
)


@pytest.fixture(scope="module")
def quoria(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "quoria", {
        "harbour.txt": HARBOUR, "arrests.txt": ARRESTS, "clinic.txt": CLINIC, "shelling.txt": SHELLING,
        "post.txt": POST,
    })


def counted(answer):
    assert answer.count is not None, answer.text
    return sorted(r.document_id for r in answer.count.counted)


def test_a_comma_series_is_joined_by_or():
    assert or_series("were schools closed, damaged or destroyed?") == "were schools closed or damaged or destroyed?"
    assert or_series("killed, wounded, or detained") == "killed or wounded or detained"
    assert or_series("in Ellvik, Brannoch or Tobber") == "in Ellvik, Brannoch or Tobber"  # names: the scope's words
    query = count_reading("In how many reports were schools closed, damaged or destroyed?")
    assert len(query.condition.groups) == 1 and len(query.condition.groups[0]) == 1, query.reading
    (clause,) = query.condition.groups[0]
    verb = next(t for t in clause.terms if t.pos == "VERB")
    assert {"damage", "destroy"} <= verb.alternatives


def test_schools_closed_damaged_or_destroyed_is_one_condition(quoria):
    answer = quoria.ask("In how many reports were schools closed, damaged or destroyed?")
    assert counted(answer) == ["arrests", "shelling"], answer.text


def test_a_reporting_verb_before_that_is_no_condition():
    query = count_reading("How many reports confirm that a school was closed?")
    assert "confirm" not in {t.lemma for t in query.condition.terms()}, query.reading
    assert {"school", "close"} <= {t.lemma for t in query.condition.terms()}


def test_a_support_verb_object_is_the_condition(quoria):
    query = count_reading("In how many reports did the Coast Watch make arrests?")
    arrest = next(t for t in query.condition.terms() if t.lemma == "arrest")
    assert arrest.required, query.reading
    answer = quoria.ask("In how many reports did the Coast Watch make arrests?")
    assert counted(answer) == ["arrests"], answer.text  # not the post the Coast Watch held
    query = count_reading("How many reports say that the Red Fern Legion carried out an attack?")
    terms = {t.lemma: t for t in query.condition.terms()}
    assert terms["attack"].required and not terms["carry"].required, query.reading
    answer = quoria.ask("How many reports say that the Red Fern Legion carried out an attack?")
    assert counted(answer) == ["harbour"], answer.text  # the rally is no attack; unknown gunmen are not the Legion


def test_a_bound_before_a_day_is_a_range():
    after = read_period("How many reports were issued after 9 May 2034?")
    assert (after.start, after.end) == (date(2034, 5, 10), date.max)
    until = read_period("How many reports published until 9 May 2034 mention a school?")
    assert (until.start, until.end) == (date.min, date(2034, 5, 9))
    since = read_period("Since 20 May 2034, in how many reports was a school damaged?")
    assert (since.start, since.end) == (date(2034, 5, 20), date.max)
    assert read_period("What happened on 9 May 2034?").start == date(2034, 5, 9)


def test_reports_after_a_day(quoria):
    answer = quoria.ask("How many reports were issued after 9 May 2034?")
    assert counted(answer) == ["clinic", "post", "shelling"], answer.text


def test_cases_of_a_disease_are_summed(quoria):
    answer = quoria.ask("How many cases of measles were confirmed altogether?")
    assert answer.count is not None and answer.count.unit == "sum", answer.text
    assert answer.count.total == 13, answer.text


def test_numbers_joined_by_and_add_up(quoria):
    answer = quoria.ask("How many people were wounded in total?")
    assert answer.count is not None and answer.count.total == 5, answer.text
    answer = quoria.ask("Altogether, how many people were killed?")
    assert answer.count is not None and answer.count.total == 3, answer.text
