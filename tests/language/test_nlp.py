"""The English pipeline at ingest: sentences, tokens and entities with exact offsets (assistant.language.nlp)."""

from __future__ import annotations

import textwrap

from assistant.language.nlp import (
    annotate,
    annotate_many,
    from_record,
    parse_question,
    to_record,
)

REPORT = ("KARVESH, 12 April 2019 — The Joint Monitoring Mission said that Governor Elena Varga visited the "
          "clinic in Tëren province on Monday. A convoy of 30 trucks travelled 42 kilometres to Sabrak village, "
          "where 65 families received food worth $1.2 million. Inflation rose to 12.5 percent.")


def test_every_offset_points_at_its_text():
    annotations = annotate(REPORT)
    assert len(annotations.sentences) == 3
    for sentence in annotations.sentences:
        assert REPORT[sentence.start:sentence.end].strip() == REPORT[sentence.start:sentence.end]
        for token in sentence.tokens:
            assert sentence.start <= token.start < token.end <= sentence.end
    labels = {(REPORT[e.start:e.end], e.label) for e in annotations.entities}
    assert ("Elena Varga", "PERSON") in labels
    assert ("42 kilometres", "QUANTITY") in labels
    assert ("12.5 percent", "PERCENT") in labels
    assert any(label == "MONEY" and "1.2 million" in text for text, label in labels)


def test_a_hard_wrapped_text_gives_the_same_sentences_and_entities():
    wrapped = textwrap.fill(REPORT, width=55)
    flat, hard = annotate(REPORT), annotate(wrapped)

    def read(text, start, end):
        return " ".join(text[start:end].split())

    assert [read(REPORT, s.start, s.end) for s in flat.sentences] == [read(wrapped, s.start, s.end) for s in hard.sentences]
    assert [(read(REPORT, e.start, e.end), e.label) for e in flat.entities] == \
        [(read(wrapped, e.start, e.end), e.label) for e in hard.entities]


def test_table_rows_are_sentences_of_their_own():
    text = "Displacement by district\n\nIvrel district | 65 families | 21 June 2019\nDrenna district | 12 families | 3 June 2019"
    sentences = [text[s.start:s.end] for s in annotate(text).sentences]
    assert "Ivrel district | 65 families | 21 June 2019" in sentences
    assert "Drenna district | 12 families | 3 June 2019" in sentences


def test_lemmas_and_tags_are_kept():
    sentence = annotate("Two bridges were damaged by the floods.").sentences[0]
    by_text = {t.lemma: t.pos for t in sentence.tokens}
    assert by_text["bridge"] == "NOUN" and by_text["damage"] == "VERB"


def test_the_storage_form_round_trips():
    annotations = annotate_many([REPORT, "No date here."])
    assert [from_record(to_record(a)) for a in annotations] == annotations


def test_a_question_is_parsed_with_its_dependencies():
    doc = parse_question("How many trucks were burned in Tëren province?")
    assert [t.dep_ for t in doc if t.text == "trucks"] == ["nsubjpass"]
    assert [(e.text, e.label_) for e in doc.ents] == [("Tëren province", "GPE")]
