"""Descendant lookups as two queries give what the one descendant selector gives, once each."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from worker.extract.select import select

HTML = (
    '<div class="tags"><a>one</a><p><a>two</a></p><div class="tag-list"><a>three</a></div></div>'
    '<a class="tags" href="/t">self</a><a>outside</a><ul class="keywords"><li><a>four</a></li></ul>'
)

CASES = [
    ("containers alone", '[class*="tags"]', None, ["onetwothree", "self"]),
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
def test_select(case: str, containers: str, inner: str | None, texts: list[str]) -> None:
    tree = LexborHTMLParser(HTML)
    assert [node.text() for node in select(tree, containers, inner)] == texts


def test_same_nodes_as_the_descendant_selector() -> None:
    tree = LexborHTMLParser(HTML)
    expected = {node.mem_id for node in tree.css('[class*="tags"] a, [class*="keywords"] a')}
    assert {node.mem_id for node in select(tree, '[class*="tags"], [class*="keywords"]', "a")} == expected
