"""Incident extraction on real corpus reports: field values and their spans."""

import pytest

from assistant.incidents import extract_incident
from assistant.ingest.loading import content_hash, load_document
from assistant.types import Document
from tests.support.paths import CORPUS


def record(doc_id):
    document = load_document(CORPUS / f"{doc_id}.txt", max_bytes=10**7)
    return document.text, extract_incident(document)


def make(text, doc_id="made_up"):
    return extract_incident(Document(id=doc_id, source=f"{doc_id}.txt", text=text, content_hash=content_hash(text)))


def test_airstrike_with_kills_and_a_detention():
    text, r = record("isaf_test_032")
    assert (r.date, r.province, r.district) == ("2011-06-13", "Kunduz", "Archi")
    assert (r.killed, r.captured) == (2, 1)
    assert {"airstrike", "insurgentskilled", "detention", "captureandkill"} <= set(r.event_types)
    date = r.spans("date")[0]
    assert "(June 14, 2011)" in date.text and "yesterday" in date.text
    assert "killed two insurgents" in r.spans("killed")[0].text
    airstrike = [e for e in r.spans("event_type") if e.value == "airstrike"]
    assert "called for a precision airstrike" in airstrike[0].text


def test_every_span_is_the_text_it_cites():
    for path in sorted(CORPUS.glob("*.txt")):
        document = load_document(path, max_bytes=10**7)
        for e in extract_incident(document).evidence:
            assert document.text[e.start : e.end] == e.text, (path.name, e)
            assert e.text.strip()


def test_weekday_of_the_event_not_the_day_it_was_confirmed():
    text, r = record("isaf_test_545")  # "today confirmed the death ... Sunday" in a release of Tuesday Sept. 4
    assert r.date == "2012-09-02"
    assert r.province == "Logar" and r.district == "Pul-e 'Alam"
    assert r.names_killed == ("Shabeer",) and r.target_groups == ("haqqani",)
    assert "Shabeer" in r.spans("person_killed")[0].text


def test_alias_and_pronoun():
    _, r = record("isaf_test_401")  # "engaged Taqwa with a precision airstrike, killing him"
    assert r.date == "2012-09-12" and r.killed == 1
    assert r.names_killed == ("Taqwa",) and dict(r.aliases) == {"Taqwa": "Eissa Khan"}


def test_additional_people_are_added_repeated_ones_are_not():
    _, r = record("isaf_test_172")  # a leader captured + "four additional"; "two insurgents were killed" twice
    assert (r.captured, r.killed, r.leaders_captured) == (5, 2, 1)


def test_several_is_not_a_number():
    text, r = record("isaf_test_317")
    assert r.captured is None and r.captured_phrase == "numerous suspected insurgents"
    assert "numerous suspected insurgents" in r.spans("captured")[0].text


def test_front_matter_and_editorial_notes_are_not_read():
    text = ("Source: a test file\nProvince (annotated): zabul\nIncident date (annotated): 2001-01-01\n\n"
            "[N.B. a similar strike happened in Paktika.]\n2011-03-S-001\nKABUL, Afghanistan (March 5, 2011)\n"
            "An Afghan and coalition force detained three suspected insurgents in Nad Ali district, "
            "Helmand province, yesterday.\n")
    r = make(text)
    assert (r.province, r.district, r.date, r.captured) == ("Helmand", "Nad Ali", "2011-03-04", 3)
    assert all(e.start > text.index("[N.B.") for e in r.evidence)


def test_attack_victims_and_own_losses_are_not_counted():
    r = make("KABUL, Afghanistan (May 3, 2011) - The leader planned an attack that killed two soldiers. "
             "Coalition forces killed the leader in Kunar province today. No civilians were killed.")
    assert r.killed == 1 and r.date == "2011-05-03" and "civiliancasualty" not in r.event_types


@pytest.mark.parametrize("text", [
    "The city council approved the new budget on Monday after a long debate about parking fees.",
    "Rain is expected tomorrow in the north of the country.",
])
def test_a_document_that_is_no_incident_report_gets_an_empty_record(text):
    r = make(text)
    assert not r.is_incident and r.event_types == () and r.killed == 0 and r.captured == 0
    assert r.date is None and r.province is None


def test_a_news_article_degrades_gracefully():
    _, r = record("jazira_storm_operation")
    assert r.date is None and r.killed == 0 and r.province != "Kunduz"
    assert "airstrike" in r.event_types and "isis" in r.target_groups


@pytest.mark.parametrize("sentence", [
    "No one was killed in the raid.",
    "Nobody was killed during the search.",
    "The two guards were not killed, the police said.",
])
def test_a_negated_kill_is_no_kill_and_no_event(sentence):
    text = ("Raid in Brava\n\nBRAVA, Merovia (June 3, 2031) - Soldiers of the Ninth Regiment raided a compound in "
            f"Brava on Sunday. {sentence} Three suspects were detained.\n")
    r = make(text)
    assert (r.killed, r.killed_phrase, r.captured) == (0, None, 3)
    assert "insurgentskilled" not in r.event_types and "captureandkill" not in r.event_types
    assert "detention" in r.event_types


def test_a_kill_after_a_negated_clause_still_counts():
    r = make("Clash in Osk\n\nOSK, Merovia (July 20, 2031) - No civilians were hurt, and two insurgents were killed "
             "near Osk on Saturday.\n")
    assert r.killed == 2 and "insurgentskilled" in r.event_types


def test_a_dateline_without_its_year_dates_the_incident_from_its_weekday():
    # "Friday 14 March" falls on a Friday in 2031 (the year nearest the one the report writes)
    text = ("PELL, Friday 14 March (Vell Agency) - Gunmen killed two guards at a checkpoint in Orsk district "
            "yesterday, the police said.\n\nThe checkpoint was set up in 2030.\n")
    assert make(text).date == "2031-03-13"
    # in parentheses, the year taken from the footer's full date
    text = ("ORSK, Vell (June 3) - Gunmen killed a driver near Marrin on Monday.\n\n"
            "Published 2027-06-04\n")
    assert make(text).date == "2027-05-31"


def test_a_sentence_hard_wrapped_across_lines_is_read_whole():
    wrapped = ("FENWICK, 12 August 2023 - Gunmen opened fire on a police checkpoint\n"
               "outside Fenwick in Talvane province on Thursday, killing four\n"
               "people and wounding two, a district official said.\n")
    r = make(wrapped)
    assert r.killed == 4
    killed = r.spans("killed")[0]
    assert wrapped[killed.start:killed.end] == killed.text and "killing four\npeople" in killed.text
