"""Every interface states the filters a question became and takes the same questions: the
HTTP/JSON ``answer`` starts with the sentence the chat shows, the web page's chips show a
filter read from the question, the CLI refuses a question over the limit with one clear
error, and the start-up warm-up reads WordNet's indexes (not only its folder).  Made-up reports,
the real model, pipeline and store."""

import pytest

from assistant.interfaces.cli import main
from assistant.interfaces.http.chat import reply_content
from assistant.interfaces.serialize import answer_record
from assistant.interfaces.web.handlers import WebHandlers
from assistant.language.wordnet import wordnet
from assistant.types import MAX_QUESTION_CHARS
from tests.support.reports import assistant_over

QUESTION = "How many people were injured in Tellin?"
BUS = (
    "Bus bombing outside Tellin\n\n"
    "TELLIN, Merovia (May 14, 2031) - A roadside bomb struck a bus on the northern road outside Tellin on Tuesday, "
    "the district police said. Fourteen people were injured and two drivers were killed.\n"
)
FLOOD = (
    "Floods in Sarn\n\n"
    "SARN, Merovia (August 9, 2031) - Floods along the Sarn river damaged twelve bridges on Friday.\n"
)


@pytest.fixture(scope="module")
def merovia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "notes", {"tellin_bus.txt": BUS, "sarn_floods.txt": FLOOD})


def test_the_json_and_chat_answers_start_with_the_filter_note(merovia):
    answer = merovia.ask(QUESTION)
    note = answer.scope.note
    assert "Tellin" in note and answer.scope.filters.place == "Tellin"
    record = answer_record(answer)
    assert record["answer"].startswith(note) and answer.text in record["answer"]
    assert record["filters"]["note"] == note
    assert reply_content(answer).startswith(note)
    assert answer_record(answer, with_note=False)["answer"] == answer.text  # the evaluation's records
    assert answer_record(merovia.ask("How many bridges did the floods damage?"))["answer"].startswith("twelve")


def test_the_chips_show_the_place_the_question_became(merovia):
    steps = list(WebHandlers(merovia).chat_stream(QUESTION, [], k=3))
    chips = steps[-1].chips
    assert "place: Tellin" in chips and "from the question" in chips and "No filter" not in chips
    given = list(WebHandlers(merovia).chat_stream("How many bridges did the floods damage?", [], k=3,
                                                  date_from="2031-01-01"))[-1].chips
    assert "from: 2031-01-01" in given and "from the question" not in given


def test_the_cli_refuses_a_question_over_the_limit(merovia, capsys):
    long_question = "Was the bus attacked? " * (MAX_QUESTION_CHARS // 20)
    assert len(long_question.strip()) > MAX_QUESTION_CHARS
    assert main(["ask", long_question, "--store", str(merovia.settings.storage.store)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and f"limit is {MAX_QUESTION_CHARS:,}" in err and err.count("\n") == 1
    with pytest.raises(ValueError, match="limit"):
        merovia.ask(long_question)


def test_warm_up_reads_the_wordnet_indexes(merovia):
    database = wordnet(str(merovia.settings.answering.wordnet_dir))
    database._index.clear()  # as in a fresh process: the folder checked, no index read yet
    merovia.warm_up()
    assert {"noun", "verb", "adj"} <= set(database._index)
