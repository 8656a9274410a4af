"""DOM text measures: an element measured from its children equals the element measured whole."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from worker.extract import dom

NESTED = [
    ("plain", "<div id=top><p id=inner>One two</p> three <b>four</b></div>"),
    (
        "link beside",
        "<div id=top><p id=inner>Read <a href=/a>this story</a> now</p> and <a href=/b>more</a></div>",
    ),
    # A link inside a table cell inside a link: the parser nests them, marks then alternate oddly.
    (
        "nested links",
        "<div id=top><a href=/o>outer <table><tr><td id=inner>cell <a href=/i>inner link</a> end</td></tr>"
        "</table> tail</a> after <a href=/z>last</a></div>",
    ),
    ("blank link", "<div id=top><p id=inner>Text <a href=/a> </a>more</p><a href=/b>\n</a> end</div>"),
    ("comment and spaces", "<div id=top>\n  <!-- note -->\n  <p id=inner> spaced  out </p>\n</div>"),
]


def _marked(html: str) -> LexborNode:
    tree = LexborHTMLParser(html)
    assert tree.body is not None
    dom.mark_links(tree.body, 1500)
    return tree.body


@pytest.mark.parametrize(("name", "html"), NESTED)
def test_measure_from_a_known_child_equals_the_whole_measure(name: str, html: str) -> None:
    body = _marked(html)
    inner = body.css_first("#inner")
    assert inner is not None and inner.parent is not None
    # Walk up from the inner element to <body>, each ancestor measured from the one below.
    child, known = inner, dom.measure(inner)
    parent: LexborNode | None = inner.parent
    while parent is not None and parent.tag != "html":
        known = dom.measure_with(parent, child.mem_id, known)
        assert known == dom.measure(parent), (name, parent.tag)
        child, parent = parent, parent.parent


def test_link_text_is_counted_and_blank_links_are_not_marked() -> None:
    body = _marked("<p>Read <a href=/a>this story</a> now <a href=/b> </a></p>")
    paragraph = body.css_first("p")
    assert paragraph is not None
    assert dom.text_and_links(paragraph) == (len("Readthis storynow"), len("this story"))
    assert paragraph.text().count(dom.LINK_MARK) == 2


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>One\n   two</p><p>three</p>", ["One two", "three"]),
        ("<p>soft\u00adhyphen and\u200bzero width</p>", ["softhyphen andzero width"]),
        ("<p>bell\x07inside and \ufffd replaced</p>", ["bell inside and replaced"]),
        ("<p>Cafe\u0301 composed</p>", ["Caf\u00e9 composed"]),
    ],
)
def test_block_texts_are_cleaned(html: str, expected: list[str]) -> None:
    body = _marked(html)
    dom.mark_blocks(body, frozenset({"p"}))
    assert dom.block_texts(body) == expected


def test_tag_ids_match_the_parser_ids() -> None:
    body = _marked("<div><p>x</p><li>y</li></div>")
    ids = dom.tag_ids(frozenset({"p", "li"}))
    assert {node.tag_id for node in body.css("p, li")} == ids
    assert next(iter(dom.tag_ids(frozenset({"div"})))) not in ids
