"""Retrievers over the real store and model: BM25 catches exact names, fusion keeps both."""

import pytest

from assistant import IngestStatus
from assistant.retrieval.dense import DenseRetriever
from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.keyword import KeywordRetriever, keyword_terms
from assistant.types import Query

QUESTION = "What did Qaribullah Zarghunyar say about the airstrikes in Kunduz?"


@pytest.fixture
def store_with_rare_name(make_assistant, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(8):
        (folder / f"strike_{i}.txt").write_text(
            f"Coalition aircraft conducted {i + 2} airstrikes in Kunduz province this week. "
            "Officials said the airstrikes targeted insurgent positions near the district centre.",
            encoding="utf-8",
        )
    (folder / "market.txt").write_text(
        "Wheat prices rose at the provincial market after the harvest. Qaribullah Zarghunyar, a grain "
        "trader, told reporters that transport costs doubled since spring.",
        encoding="utf-8",
    )
    assistant = make_assistant()
    assert assistant.ingest([folder]).count(IngestStatus.ADDED) == 9
    return assistant


def rank_of(passages, document_id):
    ids = [p.chunk.document_id for p in passages]
    return ids.index(document_id) + 1 if document_id in ids else None


def test_hybrid_finds_an_exact_rare_name_that_dense_ranks_low(store_with_rare_name):
    assistant = store_with_rare_name
    dense = DenseRetriever(assistant.store, assistant.embedder)
    keywords = KeywordRetriever(assistant.store)
    hybrid = HybridRetriever(dense, keywords, alpha=0.5, candidates=30)
    dense_rank = rank_of(dense.retrieve(Query.parse(QUESTION), 9), "market")
    assert dense_rank is not None and dense_rank > 3, f"dense ranked the name's chunk {dense_rank}"
    assert rank_of(keywords.retrieve(Query.parse(QUESTION), 3), "market") == 1
    assert rank_of(hybrid.retrieve(Query.parse(QUESTION), 3), "market") is not None


def test_keyword_index_follows_writes_and_removals(store_with_rare_name, make_assistant):
    assistant = store_with_rare_name
    keywords = KeywordRetriever(assistant.store)
    assert rank_of(keywords.retrieve(Query.parse("Zarghunyar"), 5), "market") == 1
    assistant.remove("market")
    assert keywords.retrieve(Query.parse("Zarghunyar"), 5) == []


def test_keyword_terms_drop_stop_words_and_plurals():
    assert keyword_terms("How many airstrikes were reported in the Kunduz province?") == [
        "airstrike", "reported", "kunduz", "province",
    ]
