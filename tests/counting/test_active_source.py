"""A question that names who issued the reports in the active voice ("how many reports did X
publish?", "how many bulletins has X issued?") counts the reports X issued, not those that
mention X.  Made-up reports about the invented Tamsel; the real model, pipeline and store."""

import pytest

from assistant.language.question import name_prefixes, source_phrases
from tests.support.reports import assistant_over

FIRST = (
    "BRIGHTWATER AID\nField note, 3 May 2031\n\n"
    "Our teams distributed 300 food parcels in Lissel on 2 May.\n"
)
SECOND = (
    "BRIGHTWATER AID\nField note, 10 May 2031\n\n"
    "Our mobile clinic treated 45 patients in Penmoor on 9 May.\n"
)
OTHER = (
    "TAMSEL COORDINATION OFFICE\nSituation update, 12 May 2031\n\n"
    "A Brightwater Aid convoy of six trucks reached Lissel on 11 May with food and blankets.\n"
)


def test_active_voice_names_the_source():
    assert [w for _, w in source_phrases("How many reports did Brightwater Aid publish?")] == ["Brightwater Aid"]
    assert [w for _, w in source_phrases("How many bulletins has the Tamsel Coordination Office issued in May?")] \
        == ["the Tamsel Coordination Office"]
    assert source_phrases("How many people did Brightwater Aid help?") == []
    assert source_phrases("How much money did the Tamsel Coordination Office release?") == []  # no report noun


def test_a_source_name_is_never_cut_inside():
    assert name_prefixes("the Tamsel News Agency in May") == [
        "Tamsel News Agency in May", "Tamsel News Agency in", "Tamsel News Agency"]


@pytest.fixture(scope="module")
def tamsel(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "tamsel-sources", {
        "first.txt": FIRST, "second.txt": SECOND, "other.txt": OTHER,
    })


def test_reports_a_source_published_are_counted(tamsel):
    answer = tamsel.ask("How many reports did Brightwater Aid publish?")
    assert answer.count is not None, answer.text
    assert len(answer.count.counted) == 2, answer.text
