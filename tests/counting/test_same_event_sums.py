"""A sum adds one event once: two reports that give the same number for the same day (a press
release and a weekly update of one raid) add it once, the second named and cited; the same number
on another day is another event and is added.  Made-up reports, the real store, pipeline and WordNet."""

import pytest

from tests.support.reports import assistant_over

RELEASE = (
    "Police operation in Vornik\n\n"
    "VORNIK, Estravia (June 11, 2033) - Police detained nine suspected smugglers in Vornik on Tuesday, "
    "the interior ministry said.\n"
)
WEEKLY = (
    "# Weekly security update, 6-12 June 2033\n\n"
    "- Vornik: nine suspected smugglers detained by police on 7 June.\n"
    "- Dalsk: a market reopened after repairs.\n"
)
LATER = (
    "Border arrests near Tesmar\n\n"
    "TESMAR, Estravia (June 20, 2033) - Border guards detained nine people near Tesmar on 19 June, "
    "a spokesman said.\n"
)


@pytest.fixture(scope="module")
def estravia(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "same-event", {
        "vornik_release.txt": RELEASE, "weekly_update.md": WEEKLY, "tesmar_arrests.txt": LATER})


def test_one_event_in_two_reports_is_added_once(estravia):
    answer = estravia.ask("How many people were detained in total in June 2033?")
    result = answer.count
    assert result is not None and result.unit == "sum", answer.text
    assert result.total == 18, answer.text
    by_id = {r.document_id: r for r in result.counted}
    assert {"vornik_release", "weekly_update", "tesmar_arrests"} <= set(by_id), answer.text
    repeated = [r for r in result.counted if r.same_as]
    assert len(repeated) == 1 and repeated[0].value is None, answer.text
    first = next(r for r in result.counted if r.citation == repeated[0].same_as)
    assert first.value == 9 and first.document_id in ("vornik_release", "weekly_update")
    assert "the same day as" in answer.text
