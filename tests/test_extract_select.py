"""Descendant lookups as two queries give what the one descendant selector gives, once each."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from worker.extract.select import AttributeTest, inside

HTML = (
    '<div class="tags"><a>one</a><p><a>two</a></p><div class="tag-list"><a>three</a></div></div>'
    '<a class="tags" href="/t">self</a><a>outside</a><ul class="keywords"><li><a>four</a></li></ul>'
)

CASES = [
    (
        "links inside, page order",
        '[class*="tags"], [class*="keywords"]',
        "a",
        ["one", "two", "three", "four"],
    ),
    ("a link inside two matching containers comes once", '[class*="tag"]', "a", ["one", "two", "three"]),
    ("no container, nothing", '[class*="missing"]', "a", []),
]


@pytest.mark.parametrize(("case", "containers", "inner", "texts"), CASES, ids=[c[0] for c in CASES])
def test_inside(case: str, containers: str, inner: str, texts: list[str]) -> None:
    tree = LexborHTMLParser(HTML)
    assert [node.text() for node in inside(tree.css(containers), inner)] == texts


def test_same_nodes_as_the_descendant_selector() -> None:
    tree = LexborHTMLParser(HTML)
    expected = {node.mem_id for node in tree.css('[class*="tags"] a, [class*="keywords"] a')}
    found = inside(tree.css('[class*="tags"], [class*="keywords"]'), "a")
    assert [node.mem_id for node in found] == [
        node.mem_id for node in tree.css('[class*="tags"] a, [class*="keywords"] a')
    ]
    assert {node.mem_id for node in found} == expected


@pytest.mark.parametrize(
    ("test", "classes", "matches"),
    [
        (AttributeTest("class", "credit"), "widget__captionCredit", False),  # as [class*="credit"]
        (AttributeTest("class", "credit", ignore_case=True), "widget__captionCredit", True),  # ... i]
        (AttributeTest("class", "credit", ignore_case=True), "caption", False),
    ],
)
def test_attribute_test_case(test: AttributeTest, classes: str, matches: bool) -> None:
    node = LexborHTMLParser(f'<span class="{classes}">x</span>').css_first("span")
    assert node is not None
    assert test.matches((node, "span", node.attributes)) is matches
