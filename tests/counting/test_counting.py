"""Counting across reports for any condition, with real components (real spaCy parse, real
WordNet, real Chroma, real embedding model) over made-up reports about two invented provinces
(``tests/data/counting``: Ardel and Brava, not Afghanistan)."""

from __future__ import annotations

import re

import pytest

from tests.support.paths import DATA
from tests.support.reports import assistant_over_folder, count_reading as read

COUNTING = DATA / "counting"


@pytest.fixture(scope="module")
def counting_assistant(tmp_path_factory, embedder):
    return assistant_over_folder(tmp_path_factory, embedder, "counting", COUNTING)




def cited_once_at_their_sentences(assistant, answer):
    """Every citation's text is the document text at its offsets and is a whole sentence;
    every counted report is cited exactly once."""
    for citation in answer.citations:
        text = assistant.document_text(citation.document_id)
        assert text[citation.start:citation.end] == citation.text
        assert citation.text.rstrip().endswith((".", "!", "?")) or "\n" in text[citation.end:citation.end + 1]
    counted = [r.citation for r in answer.count.counted]
    assert len(counted) == len(set(answer.count.document_ids))
    for report in answer.count.counted:
        assert answer.citations[report.citation - 1].document_id == report.document_id
        assert f"[{report.citation}]" in answer.text


def test_a_thing_damaged_is_counted_with_its_evidence_sentence(counting_assistant):
    answer = counting_assistant.ask("In how many reports was a bridge damaged?")
    assert answer.count is not None and answer.count.document_ids == ("ardel_bridge",)
    assert answer.text.startswith("1 of 5 reports in scope")
    cited_once_at_their_sentences(counting_assistant, answer)
    assert answer.citations[0].text.startswith("An explosion damaged the Tavor bridge")
    # "engineers found no damage" is a negation: the convoy note is not counted
    assert "ardel_convoy" not in answer.count.document_ids


def test_a_negated_event_counts_statements_that_nobody_was_hurt(counting_assistant):
    answer = counting_assistant.ask("In how many reports was nobody injured?")
    # "There were no casualties" (nobody killed or injured) also states that nobody was injured
    assert sorted(answer.count.document_ids) == ["ardel_bridge", "brava_checkpoint"]
    assert any("No one was injured" in c.text for c in answer.citations)
    # the reverse does not hold: "No one was injured" leaves deaths open, so it states no "no casualties"
    hurt = counting_assistant.ask("In how many reports were there no casualties?")
    assert hurt.count.document_ids == ("brava_checkpoint",)


def test_a_combined_condition_needs_both_parts(counting_assistant):
    answer = counting_assistant.ask("In how many reports was a checkpoint attacked and people detained?")
    assert answer.count.document_ids == ("brava_checkpoint",)
    cited_once_at_their_sentences(counting_assistant, answer)
    detained = counting_assistant.ask("In how many reports were people detained?")
    assert sorted(detained.count.document_ids) == ["ardel_bridge", "brava_checkpoint", "brava_market"]


def test_counted_by_place_of_another_country(counting_assistant):
    answer = counting_assistant.ask("How many reports describe people detained in Brava province?")
    assert sorted(answer.count.document_ids) == ["brava_checkpoint", "brava_market"]
    assert answer.count.in_scope == 2 and "2 of 2 reports in scope" in answer.text
    ardel = counting_assistant.ask("In how many reports is Ardel province named?")
    assert sorted(ardel.count.document_ids) == ["ardel_bridge", "ardel_clinic", "ardel_convoy"]


def test_a_hedged_statement_is_shown_apart_as_possibly(counting_assistant):
    answer = counting_assistant.ask("In which villages did a clinic reopen?")
    assert [v.value for v in answer.count.values] == ["Lunet"]
    cited = answer.citations[answer.count.values[0].citation - 1]
    assert "Lunet village" in cited.text and "reopened" in cited.text


def test_several_is_never_summed_and_its_report_is_named(counting_assistant):
    answer = counting_assistant.ask("How many people were detained in total in April 2021?")
    assert answer.count.total == 2
    vague = [r for r in answer.count.counted if r.vague]
    assert [r.document_id for r in vague] == ["brava_checkpoint"] and vague[0].vague == "several"
    assert "At least 2" in answer.text and "several" in answer.text
    assert "brava_checkpoint" in answer.text


def test_a_sum_of_a_measure_adds_the_typed_numbers(counting_assistant):
    answer = counting_assistant.ask("How many kilometres in total did aid convoys travel?")
    assert answer.count.total == 40
    cited_once_at_their_sentences(counting_assistant, answer)


def test_a_condition_nobody_states_gives_zero_of_m(counting_assistant):
    answer = counting_assistant.ask("In how many reports was someone kidnapped?")
    assert answer.has_answer and answer.count.count == 0
    assert answer.text.startswith("0 of 5 reports in scope") and not answer.count.counted


def test_the_reading_is_typed(counting_assistant):
    query = read("In how many reports was a checkpoint attacked and people detained afterwards?")
    assert query.unit == "reports" and len(query.condition.groups) == 2
    negated = read("How many reports state that no civilians were harmed or injured?")
    assert negated.condition.groups[0][0].negated
    assert "injure" in negated.condition.groups[0][0].terms[-1].alternatives
    # the count's scope is the question's Scope (dates and places read once, in Assistant.parse)
    parsed = counting_assistant.parse("How many people were detained in Brava province in April 2021, in total?")
    summed = parsed.count
    assert summed.unit == "sum" and summed.head.lemma == "people"
    assert parsed.scope.filters.date_from.isoformat() == "2021-04-01"
    assert parsed.scope.filters.date_to.isoformat() == "2021-04-30"
    assert parsed.scope.filters.place and "brava" in parsed.scope.filters.place.lower()
    # without "in total" / "altogether" the same words may ask what one report states
    assert read("How many insurgents did the patrol kill?") is None
    listed = read("Which districts had road closures?")
    assert (listed.unit, listed.list_kind, listed.level) == ("list", "place", "district")
    spelled = read("How many reports describe a target linked to al-Qaida (also spelled al-Qaeda)?")
    names = [t for t in spelled.condition.terms() if t.name]
    assert names and {"al qaida", "al qaeda"} <= set(names[0].alternatives)


@pytest.mark.parametrize("question", [
    "How many airstrikes were reported?",  # one report's number, not a count across reports
    "Who won the football world cup in 2014?",
    "When was the Tavor bridge damaged?",
    "How many were detained in Ardel province?",  # "many" is the verb's subject: people, as one report states
])
def test_other_questions_are_not_counts(question):
    assert read(question) is None


def test_the_answer_never_falls_back_to_top_k_passages(counting_assistant):
    answer = counting_assistant.ask("How many reports are there?")
    assert answer.count is not None and answer.count.count == 5
    assert all(re.fullmatch(r".+#\d+-\d+", c.chunk_id) for c in answer.citations)


def test_a_list_is_shown_in_a_stable_order_with_citations_in_sequence(counting_assistant):
    answer = counting_assistant.ask("Which provinces do the reports name?")
    values = [v.value for v in answer.count.values]
    assert values == sorted(values, key=str.lower) and {"Ardel", "Brava"} <= set(values)
    assert [v.citation for v in answer.count.values] == list(range(1, len(values) + 1))
    assert answer.text.index("Ardel [") < answer.text.index("Brava [")


def test_a_named_modifier_does_not_hide_the_counted_noun(counting_assistant):
    # "how many <name> <noun> did ... detain" in one operation asks what one report states
    parsed = counting_assistant.parse(
        "In the April 2021 operation in Brava province, how many Ardel Front vehicle-borne bomb makers did the police detain?")
    assert parsed.count is None
