"""A report that names its province only in its title block, without its level ("ORRIN DISTRICT
HEALTH OFFICE / Health bulletin for Tamsel") and whose evidence names only
smaller places ("Orrin district", "Hule village") is about that province when it names no other
province: it counts for a question scoped to it instead of being only "possibly".  A report
whose title names the province but whose body names another province stays "possibly".
Made-up reports about the invented Tamsel province; the real model, pipeline and store."""

import pytest

from tests.support.reports import assistant_over

TITLED = (
    "ORRIN DISTRICT HEALTH OFFICE\n"
    "Health bulletin for Tamsel\n\n"
    "Bulletin -- 3 May 2034\n\n"
    "Two clinics of Orrin district reopened today, in Brask town and Hule village. They had been shut\n"
    "since 2 April, after gunmen attacked the Hule market.\n"
)
LINKED = (
    "Lowland Wire, 5 April 2034\n\n"
    "Gunmen attacked a police checkpoint near Ledd in Tamsel province on 4 April.\n"
)
OTHER = (
    "KARRO DISTRICT OFFICE\n"
    "Tamsel Province\n\n"
    "Notice -- 9 May 2034\n\n"
    "Staff from Karro district were sent to Essel province for a month.\n\n"
    "The office recorded that gunmen attacked a bus near Voll on 8 May.\n"
)


@pytest.fixture(scope="module")
def tamsel(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory, embedder, "title-place",
                          {"titled.txt": TITLED, "linked.txt": LINKED, "other.txt": OTHER})


def test_a_province_named_only_in_the_title_block_scopes_the_evidence(tamsel):
    answer = tamsel.ask("In how many reports is an attack in Tamsel province described?")
    result = answer.count
    assert result is not None and result.unit == "reports", answer.text
    assert sorted(result.document_ids) == ["linked", "titled"], answer.text


def test_a_report_naming_another_province_stays_possibly(tamsel):
    answer = tamsel.ask("In how many reports is an attack in Tamsel province described?")
    result = answer.count
    assert result is not None, answer.text
    assert "other" not in result.document_ids, answer.text
