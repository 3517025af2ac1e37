"""The Python API: ask is the last update of stream, the question is parsed once, the assistant as a Runnable."""

from __future__ import annotations

from assistant import Answer, Turn
from assistant.types import AskRequest

AIRSTRIKES = "How many airstrikes were reported?"


def test_ask_is_the_last_update_of_stream(make_assistant, small_corpus):
    assistant = make_assistant()
    assistant.ingest([small_corpus])
    updates = list(assistant.stream(AIRSTRIKES))
    answer = assistant.ask(AIRSTRIKES)
    assert updates[-1].stage == "done"
    assert (updates[-1].answer.text, updates[-1].answer.citations) == (answer.text, answer.citations)
    assert "34 airstrikes" in answer.text


def test_the_question_is_parsed_and_embedded_once(make_assistant, small_corpus, monkeypatch):
    assistant = make_assistant()
    assistant.ingest([small_corpus])
    questions: list[str] = []
    embed = assistant.embedder.embed
    monkeypatch.setattr(assistant.embedder, "embed", lambda texts: (questions.extend(t for t in texts if t == AIRSTRIKES), embed(texts))[1])
    assistant.ask(AIRSTRIKES)
    assert questions == [AIRSTRIKES]  # retrieval and the answerer share the query's vector


def test_the_assistant_as_a_langchain_runnable(make_assistant, small_corpus):
    from langchain_core.runnables import Runnable

    assistant = make_assistant()
    assistant.ingest([small_corpus])
    runnable = assistant.as_runnable()
    assert isinstance(runnable, Runnable)
    answer = runnable.invoke(AIRSTRIKES)
    assert isinstance(answer, Answer) and "34 airstrikes" in answer.text
    follow_up = runnable.invoke({"question": "and in Reg-e Khan Neshin district?", "k": 3,
                                 "history": [{"role": "user", "content": "How many men were detained in Kajaki district?"}]})
    assert follow_up.question == "How many men were detained in Reg-e Khan Neshin district?"
    chained = (runnable | (lambda a: a.citations[0].document_id)).invoke(AskRequest(AIRSTRIKES, history=(Turn("user", "hi"),)))
    assert chained == "jazira_storm_operation"


def test_warm_up_moves_the_loaded_indexes_out_of_the_collectors_reach(make_assistant, small_corpus):
    """After warm_up a full garbage collection does not walk the decoded index (gc.freeze)."""
    import gc

    assistant = make_assistant()
    assistant.ingest([small_corpus])
    gc.unfreeze()
    try:
        assistant.warm_up()
        frozen = gc.get_freeze_count()
        documents = list(assistant.sentences.documents.values())
        assert documents and frozen > 0
        tracked = {id(o) for o in gc.get_objects()}  # the collector's generations, without the frozen objects
        assert not any(id(d) in tracked for d in documents)
        assert "34 airstrikes" in assistant.ask(AIRSTRIKES).text
    finally:
        gc.unfreeze()
