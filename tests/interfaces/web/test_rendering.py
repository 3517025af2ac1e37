"""HTML views of answers, citations and documents: links, highlighting and escaping."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.interfaces.web.rendering import (
    answer_html,
    citation_href,
    document_html,
    link_markers,
    parse_citation_href,
    passage_digest,
    sources_html,
)
from assistant.types import Answer, Citation, DocumentInfo

TEXT = "Title\n\nFirst <b>paragraph</b>.\n\nThe cited passage & more.\n\nLast."
START = TEXT.index("The cited")
END = START + len("The cited passage & more.")


def citation(n: int = 1, document_id: str = "report 1/a%b", text: str = TEXT[START:END]) -> Citation:
    return Citation(n, document_id, f"{document_id}.txt", f"{document_id}:x:{n}", START, END, text, 0.5)


def info(document_id: str = "report 1/a%b") -> DocumentInfo:
    return DocumentInfo(document_id, f"{document_id}.txt", "h", 1, len(TEXT), "2026-01-01T00:00:00+00:00")


@pytest.mark.parametrize("document_id", ["plain", "report 1/a%b", "ünïcode <x>", "a/b/c"])
def test_citation_href_round_trips(document_id: str) -> None:
    target = parse_citation_href("http://127.0.0.1:7860/" + citation_href(citation(3, document_id)))
    assert (target.document_id, target.start, target.end, target.n) == (document_id, START, END, 3)
    assert target.digest == passage_digest(TEXT[START:END])


@pytest.mark.parametrize(
    "href", ["", "#cite/", "#cite/a/1/2/3", "#cite/a/x/2/3/d", "#cite//1/2/3/d", "#cite/a/5/2/1/d"]
)
def test_parse_citation_href_rejects_other_links(href: str) -> None:
    with pytest.raises(ValueError, match="citation link"):
        parse_citation_href(href)


def test_link_markers_links_only_known_citations() -> None:
    html = link_markers("A <i>claim</i> [1] and [2].", [citation(1)])
    assert html.startswith("A &lt;i&gt;claim&lt;/i&gt; <a class=\"cite\" href=\"#cite/report%201%2Fa%25b/")
    assert ">[1]</a> and [2]." in html


def test_document_html_highlights_exactly_the_passage() -> None:
    target = parse_citation_href(citation_href(citation()))
    view = document_html(target, info(), TEXT, date(2024, 3, 14))
    marked = re.search(r'<mark id="cited-passage">(.*?)</mark>', view).group(1)
    assert marked == "The cited passage &amp; more."
    assert "First &lt;b&gt;paragraph&lt;/b&gt;." in view
    assert "dated 2024-03-14" in view and "characters " + str(START) in view
    assert "changed after the answer" not in view


def test_document_html_warns_when_the_document_changed() -> None:
    target = parse_citation_href(citation_href(citation(text="an older passage")))
    assert "changed after the answer" in document_html(target, info(), TEXT, None)


def test_document_html_clamps_offsets_past_the_end() -> None:
    target = parse_citation_href(f"#cite/x/{len(TEXT) - 3}/{len(TEXT) + 50}/1/{passage_digest('st.')}")
    view = document_html(target, info("x"), TEXT, None)
    assert '<mark id="cited-passage">st.</mark>' in view


def test_sources_html_lists_citations_with_dates() -> None:
    answer = Answer("q", "The cited passage. [1]", True, citations=(citation(),))
    panel = sources_html(answer, {"report 1/a%b": date(2024, 3, 14)})
    assert 'data-state="final"' in panel
    assert ">[1] report 1/a%b</a>" in panel and "report 1/a%b.txt · dated 2024-03-14" in panel
    assert "The cited passage &amp; more." in panel
    undated = sources_html(answer, {})
    assert "dated" not in undated


def test_sources_html_without_answer_or_citations() -> None:
    assert 'data-state="pending"' in sources_html(None, {}, "Searching…")
    assert 'data-state="final"' in sources_html(None, {}, "Error: x", final=True)
    declined = sources_html(Answer("q", "The reports do not answer this question.", False), {})
    assert "No passage cited" in declined


def test_answer_html_keeps_markdown_math_and_markup_as_text() -> None:
    hostile = "![x](http://example.com/a.png) $x^2$ <style>body{}</style> [1]"
    html = answer_html(Answer("q", hostile, True, citations=(citation(),)))
    assert "![x](http://example.com/a.png) $x^2$ &lt;style&gt;body{}&lt;/style&gt; <a class=\"cite\"" in html


def test_a_pdf_citation_names_its_pages_everywhere() -> None:
    from assistant.interfaces.web.rendering import page_label

    assert (page_label(None), page_label(3), page_label(3, 3), page_label(3, 4)) == ("", "p. 3", "p. 3", "pp. 3–4")
    pdf = Citation(1, "reviews/convoy", "convoy.pdf", "c:1", START, END, TEXT[START:END], 0.5,
                   path="reviews/convoy.pdf", page=3)
    spanning = Citation(2, "reviews/convoy", "convoy.pdf", "c:2", START, END, TEXT[START:END], 0.4,
                        path="reviews/convoy.pdf", page=3, page_end=4)
    target = parse_citation_href(citation_href(pdf))
    assert (target.document_id, target.page, target.page_end) == ("reviews/convoy", 3, None)
    spans = parse_citation_href(citation_href(spanning))
    assert (spans.page, spans.page_end) == (3, 4)
    assert parse_citation_href(citation_href(citation())).page is None  # a text file: no page part
    answer = Answer("q", "The cited passage. [1] [2]", True, citations=(pdf, spanning))
    assert ">[1] reviews/convoy.pdf, p. 3</a>" in answer_html(answer)
    assert ">[2] reviews/convoy.pdf, pp. 3–4</a>" in answer_html(answer)
    assert "reviews/convoy.pdf · p. 3" in sources_html(answer, {})
    document = DocumentInfo("reviews/convoy", "convoy.pdf", "h", 1, len(TEXT), "2026-01-01T00:00:00+00:00",
                            path="reviews/convoy.pdf", pages=4)
    view = document_html(target, document, TEXT, None)
    assert "reviews/convoy.pdf · " in view and "4 pages" in view and "passage [1]: p. 3, characters" in view
    for bad in ("#cite/a/1/2/3/d/x", "#cite/a/1/2/3/d/3-", "#cite/a/1/2/3/d/3/4"):
        with pytest.raises(ValueError):
            parse_citation_href(bad)


def test_document_html_marks_several_spans_and_merges_overlaps() -> None:
    first = TEXT.index("First")
    view = document_html(None, info(), TEXT, None, highlights=[
        (START, END, "event type: x"), (first, first + 5, "date: y"), (START + 4, END + 3, "killed: 2")])
    marks = re.findall(r"<mark([^>]*)>(.*?)</mark>", view, re.DOTALL)
    assert [m[1] for m in marks] == ["First", "The cited passage &amp; more.\n\nL"]
    assert 'id="cited-passage"' in marks[1][0] and 'id="cited-passage"' not in marks[0][0]  # the first span given
    assert 'title="event type: x; killed: 2"' in marks[1][0]
    plain = document_html(None, info(), TEXT, None)
    assert "<mark" not in plain and "passage [" not in plain


def test_the_short_answer_span_travels_in_the_link_and_is_highlighted():
    from assistant.interfaces.web.rendering import citation_href, document_html, parse_citation_href
    from assistant.types import Citation, DocumentInfo, ShortAnswer

    text = "Intro.\nThe fire burned 27 lorries at the depot.\nEnd."
    start, end = 7, 47
    citation = Citation(1, "depot", "depot.txt", "depot:x:0", start, end, text[start:end], 0.9)
    short = ShortAnswer("27", "depot", text.index("27"), text.index("27") + 2)
    href = citation_href(citation, short)
    assert href.endswith(f"/a{short.start}-{short.end}")
    assert citation_href(citation, ShortAnswer("27", "other", short.start, short.end)) == citation_href(citation)
    target = parse_citation_href(href)
    assert (target.short_start, target.short_end) == (short.start, short.end)
    info = DocumentInfo("depot", "depot.txt", "h", 1, len(text), "now")
    page = document_html(target, info, text, None)
    assert '<mark id="cited-passage">The fire burned <mark id="short-answer" class="short-answer">27</mark>' in page
    import pytest

    with pytest.raises(ValueError):
        parse_citation_href(citation_href(citation) + "/a99-120")  # outside the passage
    pdf = Citation(1, "depot", "depot.pdf", "depot:x:0", start, end, text[start:end], 0.9, page=2)
    both = parse_citation_href(citation_href(pdf, short))  # pages and the short answer together
    assert (both.page, both.short_start, both.short_end) == (2, short.start, short.end)
