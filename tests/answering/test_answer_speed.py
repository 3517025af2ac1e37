"""The extractive answerer embeds only the sentences it can quote, and keeps sentence vectors
(made-up reports about Kestrany; the answers must equal those of the complete ranking)."""

import numpy as np
import pytest

from assistant.models.embedders import CachedEmbedder

REPORTS = {
    "harbour": "PELMORA, Kestrany (March 3) - A fire destroyed two warehouses at the Pelmora harbour on Tuesday. "
               "Firefighters from three stations worked through the night. The harbour master, Ilse Varga, said "
               "the cargo of grain was lost. Officials estimated the damage at 4 million korun. Nobody was hurt. "
               "The cause of the fire is being investigated by the regional police.",
    "bridge": "DUNSKA, Kestrany (April 11) - The new bridge over the Lessa river opened on Friday after four years "
              "of work. It is 640 metres long. Mayor Tomas Rehor cut the ribbon. Traffic on the old ferry ended the "
              "same day. The builders said the bridge cost 90 million korun.",
    "school": "VARNO, Kestrany (May 2) - Twelve pupils were injured when a school bus left the road near Varno. "
              "The driver told police that a deer crossed the road. Two pupils were taken to hospital in Dunska. "
              "The school reopened on Monday.",
}
QUESTIONS = [
    "Who is the harbour master in Pelmora?",
    "How long is the bridge over the Lessa river?",
    "How many pupils were injured near Varno?",
    "What did the fire at the harbour destroy?",
    "How much did the new bridge cost?",
    "Where were the pupils taken?",
]


class Counting:
    """The real model, counting the texts it is asked to embed."""

    def __init__(self, embedder):
        self.embedder, self.name, self.dimension, self.texts = embedder, embedder.name, embedder.dimension, 0

    def embed(self, texts):
        self.texts += len(texts)
        return self.embedder.embed(texts)


@pytest.fixture
def kestrany(make_assistant, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    assistant = make_assistant()
    assistant.ingest([folder])
    return assistant


def test_answers_embedding_only_quotable_sentences_equal_the_complete_ranking(kestrany, embedder):
    extractive = kestrany.extractive
    counting = Counting(embedder)
    extractive.sentence_embedder = CachedEmbedder(counting)
    answered = 0
    for question in QUESTIONS:
        query, retrieval = kestrany.retrieve(question)
        complete, passages = extractive.ranked(query, retrieval)
        full = extractive.answer_ranked(query, complete, passages)
        extractive.sentence_embedder = CachedEmbedder(counting)  # nothing kept from the complete ranking
        before = counting.texts
        fast = extractive.answer(query, retrieval)
        assert counting.texts - before <= len({(s.passage.chunk.document_id, s.start) for s in complete})
        assert (fast.text, fast.short_answer, fast.citations) == (full.text, full.short_answer, full.citations)
        answered += fast.has_answer
    assert answered >= 4


def test_cached_embedder_gives_the_model_vectors_and_embeds_a_text_once(embedder):
    counting = Counting(embedder)
    cached = CachedEmbedder(counting, capacity=2)
    texts = ["The bridge is 640 metres long.", "Nobody was hurt.", "The bridge is 640 metres long."]
    first = cached.embed(texts)
    assert counting.texts == 2 and first.shape == (3, embedder.dimension) and first.dtype == np.float32
    assert np.allclose(first, embedder.embed(texts), atol=1e-5)
    cached.embed(texts[:2])
    assert counting.texts == 2
    cached.embed(["The school reopened on Monday."])  # capacity 2: the least recently used is dropped
    cached.embed(["The bridge is 640 metres long."])
    assert counting.texts == 4
    assert cached.embed([]).shape == (0, embedder.dimension)
    with pytest.raises(ValueError):
        CachedEmbedder(counting, capacity=0)
