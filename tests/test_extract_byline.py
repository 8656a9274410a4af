"""Bylines and datelines: the one-pass candidate sorting gives exactly what the CSS selector lists give."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from worker.extract import byline, images, tags
from worker.extract.select import AttributeTest, candidates, matching

# Cases built to trip a Python mirror of Lexbor: case (rel is compared case-insensitively, class
# and id are not), nodes matching two selectors of a list (listed twice), descendants, SVG links.
HTML = """<html><body>
<div class="byline" id="byline-box"><span class="author-name">ANNA A</span><span class="Author">B b</span>
 <a rel="AUTHOR" href="/author/anna">Anna Link</a><a href="/autoren/x/autor/">Two parts</a></div>
<p class="BYLINE">upper</p><p id="the-byline">by id</p><div class="authorName byline">both</div>
<div class="post-author"><a href="/p">Inner link</a><svg><a href="/author/svg">svg</a></svg></div>
<time class="publish-date" datetime="2024-01-02">Jan 2</time>
<abbr title="2024-01-03">x</abbr><abbr>none</abbr>
<span itemprop="dateCreated" class="meta">Created 2024-01-04</span>
<span id="update-date">Upd 5 Jan 2024</span>
<div class="entry-meta time">Posted 6 Jan 2024</div>
<div class="tags"><a href="/tag/x/topics/">x</a><a href="/topic/y">y</a></div>
<ul class="TagList keywords"><li><a href="/thema/z/">z</a></li></ul>
</body></html>"""


def _ids(nodes: list[LexborNode]) -> list[int]:
    return [node.mem_id for node in nodes]


def test_author_priorities_match_the_selector_lists() -> None:
    tree = LexborHTMLParser(HTML)
    found = candidates(tree, byline._AUTHOR_CANDIDATES)
    priorities = list(byline._author_priorities(found))
    assert len(priorities) == len(byline.AUTHOR_SELECTORS)
    for selector, nodes in zip(byline.AUTHOR_SELECTORS, priorities, strict=True):
        assert _ids(nodes) == _ids(tree.css(selector)), selector


def test_date_tests_match_the_selector_lists() -> None:
    tree = LexborHTMLParser(HTML)
    found = candidates(tree, byline._DATE_CANDIDATES)
    for selector, tests in zip(byline.DATE_SELECTORS, byline._DATE_TESTS, strict=True):
        assert _ids([candidate[0] for candidate in matching(found, tests)]) == _ids(tree.css(selector)), (
            selector
        )


def test_tag_link_query_matches_the_selector_list() -> None:
    tree = LexborHTMLParser(HTML)
    groups = list(tags._link_groups(tree))
    assert _ids(groups[2]) == _ids(tree.css(tags.LINK_SELECTORS[2][0]))
    assert len(groups[2]) == 4  # "/tag/x/topics/" is listed once per part it holds


def test_credit_tests_follow_the_credit_selectors() -> None:
    tree = LexborHTMLParser('<figure><span class="photo-source">S</span><i class="credit">C</i></figure>')
    for selector, test in zip(images.CREDIT_SELECTORS, images._CREDIT_TESTS, strict=True):
        expected = tree.css(selector)
        found = [candidate[0] for candidate in candidates(tree, selector) if test.matches(candidate)]
        assert _ids(found) == _ids(expected), selector


@pytest.mark.parametrize(
    ("test", "attributes", "tag", "matches"),
    [
        (AttributeTest("rel", "author", exact=True), {"rel": "AUTHOR"}, "a", True),
        (AttributeTest("rel", "author", exact=True), {"rel": "author me"}, "a", False),
        (AttributeTest("class", "byline"), {"class": "BYLINE"}, "p", False),
        (AttributeTest("class", "byline"), {"class": None}, "p", False),
        (AttributeTest("title", tag="abbr"), {"title": None}, "abbr", True),
        (AttributeTest("title", tag="abbr"), {"title": "x"}, "span", False),
        (AttributeTest("href", "/author/", tag="a"), {"href": "/x/author/y"}, "a", True),
    ],
)
def test_single_tests(
    test: AttributeTest, attributes: dict[str, str | None], tag: str, matches: bool
) -> None:
    node = LexborHTMLParser("<p>x</p>").css_first("p")
    assert node is not None
    assert test.matches((node, tag, attributes)) is matches


def _labels() -> list[str]:
    return [
        label for group in (byline._LABELS_PUBLISHED, byline._LABELS_UPDATED) for label in group.split("|")
    ]


@pytest.mark.parametrize("label", _labels())
def test_every_label_holds_a_stem_near_its_start(label: str) -> None:
    positions = [label.find(stem) for stem in byline.LABEL_STEMS if stem in label]
    assert positions and min(positions) <= byline.MAX_STEM_OFFSET


@pytest.mark.parametrize("label", _labels())
def test_labels_far_into_the_text_are_found(label: str) -> None:
    text = "Lorem ipsum dolor sit amet. " * 2_000 + f"{label.upper()}: 19 January 2022 16:40 and more"
    lines = byline.page_text_datelines(text)
    found = lines.modified if re.fullmatch(byline._LABELS_UPDATED, label) else lines.published
    assert found is not None and found.startswith("19 january 2022")


def test_text_without_labels_has_no_datelines() -> None:
    assert byline.page_text_datelines("Nothing dated here. " * 1_000) == byline.Datelines(None, None)


@pytest.mark.parametrize(
    ("inner", "text"),
    [
        ("<a>Bill McCarthy</a>,", "Bill McCarthy,"),
        ("<b>" + "word " * 20 + "</b>", None),  # too long for a name: not read to its end
        ("<i><i><i><i><i><i><i><i><i>Anna Berg</i></i></i></i></i></i></i></i></i>", None),  # too deep
    ],
)
def test_a_label_s_neighbour_is_read_only_as_far_as_a_name_goes(inner: str, text: str | None) -> None:
    node = LexborHTMLParser(f"<span>{inner}</span>").css_first("span")
    assert node is not None
    assert byline._short_text(node) == text
