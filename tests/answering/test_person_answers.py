"""Who-questions are answered by a person (or the group asked for), never by a place or by the news
agency that issued the report: a hyphenated road, a province or a town the small model labels as a
person or a group, the agency's initials in a dateline; a magazine's "Words: NAME" byline names the
report's author.  Made-up reports about the fictional country of Ostrania; the real model, pipeline,
WordNet and store."""

import pytest

from assistant.answering.candidates import sentence_candidates
from assistant.language.answer_type import AnswerType, named_noun, read_question
from assistant.language.document_questions import bylines
from assistant.language.nlp import annotate
from assistant.language.places import find_places
from assistant.language.publishers import dateline_credit
from tests.support.reports import assistant_over, short_answer

BRIDGE = (
    "Blast on the Mervik-Astel road\n\n"
    "ASTEL, 14 June 2036 (ONA) - An explosive device went off under the Tarrow bridge on the Mervik-Astel road "
    "in Olden province on Tuesday night, cutting the traffic between Mervik and Astel. Nobody was hurt, a "
    "Road Guard officer at the scene said. Lorries are being sent on a detour through Pellin.\n\n"
    "| Date | Province | Place | Incident |\n| --- | --- | --- | --- |\n"
    "| 14 June | Olden | Tarrow | Explosive device damages the Tarrow bridge |\n"
)
MARKET = (
    "Grenade in the Dovra market\n\n"
    "DOVRA, May 21 (ONA) - A grenade thrown into the crowded market of Dovra town in Kessel province on "
    "Thursday killed one trader and wounded seven, police said. The dead trader was a spice seller whose "
    "name was not released.\n"
)
POST = (
    "Police post attacked in Harwell\n\n"
    "HARWELL, Ostrania, June 2, 2036 (ONA) - Gunmen attacked the police post in Harwell, a village of Brisk "
    "district, before dawn on Friday, wounding two officers, police said. In a statement, the Grey Heron Front "
    "said its fighters had carried out the attack on the Harwell police post.\n"
)
STATION = (
    "Bomb at the Selk bus station\n\n"
    "SELK, 9 July 2036 (ONA) - A bomb hidden in a parcel exploded at the Selk bus station on Monday, killing "
    "two passengers and wounding nine, hospital officials said. It was the second blast in Selk this year, "
    "according to an ONA tally.\n"
)
ARREST = (
    "Arrest in Pellin\n\n"
    "PELLIN, 3 August 2036 - Police arrested Daro Vesk, a known fuel smuggler, in Pellin village of Olden "
    "province on Monday, a police spokesman said.\n"
)
LIGHTHOUSE = (
    "<html><head><title>A lighthouse lit again | Harbour Monthly</title></head><body><article>"
    "<h1>A lighthouse lit again</h1>"
    "<p><span class=\"author\">Words: Sanna Lidgren</span> &middot; <time datetime=\"2036-09-04\">September 4, "
    "2036</time></p>"
    "<p>The Kaltby lighthouse shone again on Saturday night after two years of restoration by volunteers of "
    "the town. Its new lamp can be seen from 30 kilometres out at sea.</p></article></body></html>"
)

PLACES = {"Mervik-Astel", "Mervik", "Astel", "Tarrow", "Pellin", "Olden", "Dovra", "Kessel", "Harwell", "Brisk",
          "Selk", "ASTEL", "DOVRA", "HARWELL", "SELK", "Mervik and Astel"}


@pytest.fixture(scope="module")
def ostrania(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "person-answers", {
        "astel_bridge.txt": BRIDGE, "dovra_market.txt": MARKET, "harwell_post.txt": POST,
        "selk_station.txt": STATION, "pellin_arrest.txt": ARREST, "kaltby_lighthouse.html": LIGHTHOUSE,
    })


def _not_place_nor_agency(answer):
    short = answer.short_answer
    assert short is None or (short.text not in PLACES and short.text != "ONA"), answer.text


DAMAGE = (
    "Bridge blast\n\nASTEL, 14 June 2036 (ONA) - The Ministry of Works confirms that the Tarrow bridge on the "
    "Mervik-Astel road in Olden province was damaged by an explosive device on Tuesday. Lorries are sent "
    "through Pellin on the Pellin road.\n"
)


def _candidates(text: str, answer_type: AnswerType, **options) -> set[str]:
    read = annotate(text)
    places = frozenset(m.key for m in find_places(text))
    found = set()
    for sentence in read.sentences:
        entities = [e for e in read.entities if sentence.start <= e.start < sentence.end]
        found |= {c.text for c in sentence_candidates(answer_type, sentence, entities, text, None, places=places,
                                                      **options)}
    return found


def test_places_the_small_model_labels_as_people_or_groups_are_no_agent_candidates():
    found = _candidates(DAMAGE, AnswerType.PERSON, agent=True, agent_verb="plant")
    assert "Ministry of Works" in found
    assert not found & {"ASTEL", "Mervik-Astel", "Tarrow", "Olden", "Pellin", "Bridge"}, found


def test_a_person_s_name_is_a_proper_name_that_is_no_place():
    found = _candidates(MARKET, AnswerType.DESCRIPTION, described=False, person=True)
    assert not found & {"DOVRA", "Dovra", "Kessel", "dead trader", "spice seller"}, found
    assert named_noun(read_question("What is the name of the spice seller killed in Dovra?").doc) == "seller"
    assert named_noun(read_question("What is the name of the ferry?").doc) == "ferry"


def test_the_agency_credited_in_a_dateline():
    assert dateline_credit(MARKET).name == "ONA"
    assert dateline_credit(POST).name == "ONA"
    assert dateline_credit(ARREST) is None
    assert dateline_credit("Floods\n\nKABUL, Afghanistan (Sept. 8) - Rains flooded ...") is None


def test_no_person_named_no_answer(ostrania):
    answer = ostrania.ask("What is the name of the spice seller killed in the Dovra market?")
    assert not answer.has_answer, answer.text


def test_a_road_or_a_bridge_is_not_who_planted_a_bomb(ostrania):
    _not_place_nor_agency(ostrania.ask("Who planted the explosive device under the Tarrow bridge?"))


def test_a_province_is_not_the_name_of_a_person(ostrania):
    _not_place_nor_agency(ostrania.ask("What is the name of the spice seller killed in the Dovra market?"))


def test_the_agency_of_the_dateline_is_not_the_group_that_attacked(ostrania):
    answer = ostrania.ask("Which armed group said it carried out the attack on the police post in Harwell?")
    assert short_answer(answer).text in ("Grey Heron Front", "The Grey Heron Front")


def test_the_agency_of_the_dateline_is_not_a_bomber(ostrania):
    _not_place_nor_agency(ostrania.ask("Which group carried out the bombing of the Selk bus station?"))


def test_a_person_is_still_answered_beside_places(ostrania):
    assert short_answer(ostrania.ask("Who was arrested in Pellin village?")).text == "Daro Vesk"


def test_words_by_line_is_a_byline():
    assert [b.name for b in bylines("Lighthouse\n\nWords: Sanna Lidgren | Photos: Per Alm\n...")] == ["Sanna Lidgren"]
    assert [b.name for b in bylines("Lighthouse\n\nWords by Sanna Lidgren\n...")] == ["Sanna Lidgren"]
    assert [b.name for b in bylines("Lighthouse\n\nText: Ivo Marsk, Harbour Monthly\n...")] == ["Ivo Marsk"]
    assert bylines("Accord\n\nText: The accord was signed on Friday.\n") == []


def test_a_magazine_byline_answers_who_wrote_the_article(ostrania):
    answer = ostrania.ask("Who wrote the Harbour Monthly article about the Kaltby lighthouse?")
    assert short_answer(answer).text == "Sanna Lidgren"
