"""Places written in Markdown emphasis ("**Dunmere**, a village of ...", "*Ravel* district") are read as
if plain, with offsets into the text as written; and a list of villages over such a report names
the village.  Made-up reports about the invented Tamsel; the real model, pipeline and store."""

import pytest

from assistant.language.places import find_places
from tests.support.reports import assistant_over

NOTE = (
    "# Brightwater Aid - field note\n\n**Issued 20 May 2031**\n\n"
    "Brightwater Aid opened a primary health clinic in **Lissel**, a village of Kelda district in Tamsel "
    "province, on 18 May.\n"
)
OTHER = (
    "Tamsel Coordination Office - update, 22 May 2031\n\n"
    "A new clinic opened in Penmoor, a village of Harrow district, on 21 May.\n"
)


def test_emphasis_is_read_through_with_exact_offsets():
    text = "A clinic opened in **Lissel**, a village of Kelda district, and in *Orran* district."
    found = {p.name: p for p in find_places(text)}
    assert found["Lissel"].level == "village" and found["Lissel"].parent == "Kelda"
    assert text[found["Lissel"].start:].startswith("Lissel")
    assert found["Orran"].level == "district" and text[found["Orran"].start:found["Orran"].end] == "Orran* district"
    plain = "A clinic opened in Lissel, a village of Kelda district."
    assert [(p.name, p.start, p.end) for p in find_places(plain)] == [
        (p.name, p.start, p.end) for p in find_places(plain)]  # no emphasis: the text read as it is


@pytest.fixture(scope="module")
def tamsel(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "tamsel-emphasis", {"note.md": NOTE, "other.txt": OTHER})


def test_a_village_in_bold_is_listed(tamsel):
    answer = tamsel.ask("In which villages did a clinic open?")
    assert answer.count is not None, answer.text
    values = {v.value for v in answer.count.values}
    assert values == {"Lissel", "Penmoor"}, answer.text
