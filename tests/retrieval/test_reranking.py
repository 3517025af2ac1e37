"""The answer-type reranker: its features on hand-made text, and over the real store and model."""

import pytest

from assistant import IngestStatus
from assistant.language.question import analyse
from assistant.retrieval.dense import DenseRetriever
from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.keyword import KeywordRetriever
from assistant.retrieval.reranking import (
    AnswerTypeReranker,
    RerankingRetriever,
    passage_features,
)
from assistant.types import Chunk, Passage, Query

QUESTION = "When was Zephyr Quest released?"


@pytest.mark.parametrize(
    ("question", "text", "answer_type"),
    [
        ("When was Zephyr Quest released?", "It was released on March 3, 2015.", 1.0),
        ("When was Zephyr Quest released?", "It came out in March 2015.", 0.5),
        ("When was Zephyr Quest released?", "Zephyr Quest was released to acclaim.", 0.0),
        ("How many airstrikes were reported?", "Aircraft conducted 34 airstrikes.", 1.0),
        ("How many airstrikes were reported?", "Aircraft conducted airstrikes.", 0.0),
        ("Who leads Northwind Studios?", "Northwind Studios is led by Maria Lindqvist.", 1.0),
        ("Who leads Northwind Studios?", "Northwind Studios makes games.", 0.0),  # only the question's own name
        ("Why did the convoy stop?", "The convoy stopped on March 3, 2015.", 0.0),  # no expected type
    ],
)
def test_answer_type_feature(question, text, answer_type):
    assert passage_features(analyse(question), text).answer_type == answer_type


def test_year_and_coverage_features():
    shape = analyse("Who won the Maxwell Award in 2019?")
    assert passage_features(shape, "2019 - Joe Burrow won the Maxwell Award").year == 1.0
    assert passage_features(shape, "2018 - Joe Burrow").year == 0.0
    assert passage_features(shape, "The Maxwell Award").coverage == 0.5  # maxwell, award of won, maxwell, award, 2019
    assert passage_features(analyse("Who won the award?"), "2019").year == 0.0  # no year asked: no credit


def _passage(document_id, text, score, rank):
    return Passage(Chunk(f"{document_id}:0:0", document_id, f"{document_id}.txt", 0, 0, len(text), text), score, rank)


def test_rerank_lifts_a_close_candidate_of_the_expected_type_but_not_a_distant_one():
    undated = "Zephyr Quest was released in Japan and Europe to praise."
    dated = "Zephyr Quest was released in Japan and Europe on March 3, 2015."
    close = [_passage(f"r{i}", undated, 0.9 - 0.02 * i, i + 1) for i in range(3)] + [_passage("dated", dated, 0.85, 4)]
    floor = [_passage("other", "Local news this week.", 0.1, 5)]
    reranked = AnswerTypeReranker().rerank(Query.parse(QUESTION), close + floor)
    assert [p.chunk.document_id for p in reranked] == ["dated", "r0", "r1", "r2", "other"]
    assert [p.rank for p in reranked] == [1, 2, 3, 4, 5]
    assert all(0.0 <= p.score <= 1.0 for p in reranked)

    distant = [_passage(f"r{i}", undated, 0.9 - 0.02 * i, i + 1) for i in range(3)] + [_passage("dated", dated, 0.3, 4)]
    assert [p.chunk.document_id for p in AnswerTypeReranker().rerank(Query.parse(QUESTION), distant + floor)][-2:] == ["dated", "other"]


@pytest.fixture
def games(make_assistant, tmp_path):
    """Six passages that say the game was released, each followed by three words that are
    not a date; one followed by a date; eight about other things."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, when in enumerate(["rainy grey Sunday", "quiet warm weekend", "busy late evening",
                              "cold dark morning", "sunny spring day", "long winter night"]):
        (folder / f"review_{i}.txt").write_text(
            f"Zephyr Quest was released in Japan and Europe on {when}.", encoding="utf-8"
        )
    for i, topic in enumerate(["wheat prices at the market", "a bridge over the river", "the rainy season",
                               "a school election", "a football final", "a new hospital wing", "a train timetable",
                               "a museum exhibition"]):
        (folder / f"news_{i}.txt").write_text(f"Local news this week covered {topic}.", encoding="utf-8")
    (folder / "launch.txt").write_text(
        "Zephyr Quest was released in Japan and Europe on March 3, 2015.", encoding="utf-8"
    )
    assistant = make_assistant()
    assert assistant.ingest([folder]).count(IngestStatus.ADDED) == 15
    return assistant


def _ids(passages):
    return [p.chunk.document_id for p in passages]


def test_reranking_over_the_real_store_puts_the_dated_passage_first(games):
    first_stage = HybridRetriever(DenseRetriever(games.store, games.embedder), KeywordRetriever(games.store))
    before = _ids(first_stage.retrieve(Query.parse(QUESTION), 15))
    after = _ids(RerankingRetriever(first_stage, AnswerTypeReranker(), candidates=30).retrieve(Query.parse(QUESTION), 15))
    assert after[0] == "launch"
    assert [d for d in after if d != "launch"] == [d for d in before if d != "launch"]  # the rest keep their order


def test_rerank_setting_reaches_the_answer(games, make_assistant):
    on = make_assistant("store")  # the store of `games`
    off = make_assistant("store", rerank=False)
    assert isinstance(on.retriever, RerankingRetriever)
    assert not isinstance(off.retriever, RerankingRetriever)
    answer = on.ask(QUESTION, k=3)
    assert "March 3, 2015" in answer.text
    assert answer.citations[0].document_id == "launch"


@pytest.mark.parametrize(
    ("text", "answer_type"),
    [
        ("Mar 4, 2031 ... The Velan Cup final was played in Ostrow before a full stadium.", 0.5),  # its page's day only
        ("KORVA, Brennick (4 March) - The Velan Cup final was played in Ostrow.", 0.25),  # day and month: 0.5 of 0.5
        ("Mar 4, 2031 ... The Velan Cup final was played on 19 June 2030 in Ostrow.", 1.0),  # the body states it
        ("The Velan Cup final was played on 19 June 2030 in Ostrow.", 1.0),
    ],
)
def test_a_dateline_date_counts_less_than_a_date_in_the_body(text, answer_type):
    shape = analyse("When was the Velan Cup final played?")
    assert passage_features(shape, text).answer_type == pytest.approx(answer_type)


def test_rerank_lifts_the_passage_stating_the_date_above_snippets_dated_by_their_page():
    question = Query.parse("When was the Velan Cup final played?")
    snippets = [_passage(f"s{i}", f"Mar {i + 4}, 2031 ... The Velan Cup final was played in Ostrow, fans recall.",
                         0.9 - 0.02 * i, i + 1) for i in range(3)]
    stated = _passage("stated", "The Velan Cup final was played in Ostrow on 19 June 2030.", 0.86, 4)
    reranked = AnswerTypeReranker().rerank(question, [*snippets, stated, _passage("other", "Local news.", 0.1, 5)])
    assert reranked[0].chunk.document_id == "stated"
