"""The pre-parse guard: hostile markup is refused or made safe, normal markup passes unchanged."""

from __future__ import annotations

import random
import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from worker.errors import PermanentError
from worker.extract.body import extract_body
from worker.extract.guard import (
    _NON_NESTING_NAMES,
    MAX_ATTRIBUTES,
    _prefix_alternation,
    check_markup,
    nesting_depth,
)

CAP = 5 * 1024 * 1024
DEPTH = 512

NORMAL = (
    "<!doctype html><html><head><title>T</title><script>for (i = 0; i<n; i++) { s += '<div>' }</script>"
    "</head><body><div class=a><p>One<br>two<BR><IMG src=x></p><ul><li>a<li>b</ul>"
    "<svg><path d='M0'/><path d='M1'/></svg></div></body></html>"
)


def _depth_of_parsed(html: str) -> int:
    """Deepest element nesting of the parsed tree (walks the deepest first-child chain)."""
    node = LexborHTMLParser(html).body
    depth = 0
    while node is not None and node.child is not None:
        node = node.child if node.child.is_element_node else node.child.next
        depth += 1
    return depth


@pytest.mark.parametrize(
    ("name", "html"),
    [
        ("normal page", NORMAL),
        ("empty", ""),
        ("truncated", "<html><body><div><p>Half a para"),
        ("script full of tags", "<script>" + "x = '<div>';" * 5000 + "</script><p>ok</p>"),
        ("comment full of tags", "<!--" + "<div>" * 5000 + "--><p>ok</p>"),
        ("unclosed paragraphs", "<p>para" * 5000),
        ("upper-case void tags", "<BR><IMG src=x><META x=y>" * 2000),
        ("long script without angle brackets", "<script>" + "var a = 1;" * 5000 + "</script><p>ok</p>"),
        ("data URI attribute", '<img src="data:image/png;base64,' + "A" * 100_000 + '"><p>ok</p>'),
        ("moderate nesting", "<div>" * 300 + "x" + "</div>" * 300),
    ],
)
def test_normal_markup_passes_unchanged(name: str, html: str) -> None:
    assert check_markup(html, CAP, DEPTH) == html, name


@pytest.mark.parametrize(
    ("name", "html", "reason"),
    [
        (
            "100k nested divs",
            "<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000,
            "too_deeply_nested",
        ),
        ("100k unclosed divs", "<div>" * 100_000 + "x", "too_deeply_nested"),
        ("stray closes then 100k opens", "</div>" * 100_000 + "<div>" * 100_000, "too_deeply_nested"),
        ("100k nested bold", "<b>" * 100_000 + "x", "too_deeply_nested"),
        ("100k nested tables", "<table>" * 100_000 + "x", "too_deeply_nested"),
        ("100k nested upper-case", "<DIV>" * 100_000 + "x", "too_deeply_nested"),
        ("50 MB attribute", '<div title="' + "x" * 50_000_000 + '">hi</div>', "too_large"),
    ],
)
def test_pathological_markup_is_refused(name: str, html: str, reason: str) -> None:
    with pytest.raises(PermanentError) as raised:
        check_markup(html, CAP, DEPTH)
    assert raised.value.reason == reason, name


def test_nesting_over_the_limit_is_flattened_keeping_text() -> None:
    html = "<html><body>" + "<div>" * 2000 + "deep text" + "</div>" * 2000 + "<p>after</p></body></html>"
    safe = check_markup(html, CAP, DEPTH)
    assert nesting_depth(html) > DEPTH
    assert nesting_depth(safe) <= DEPTH
    assert _depth_of_parsed(safe) <= DEPTH + 2  # html/body around the divs
    assert "deep text" in LexborHTMLParser(safe).body.text()  # type: ignore[union-attr]
    assert "after" in LexborHTMLParser(safe).body.text()  # type: ignore[union-attr]


@pytest.mark.parametrize(("levels", "flattened"), [(DEPTH - 1, False), (DEPTH, False), (DEPTH + 1, True)])
def test_the_depth_limit_holds_at_its_edge(levels: int, flattened: bool) -> None:
    # No more opening tags than the limit skips the scan: the edge must fall where the scan puts it.
    html = "<div>" * levels + "x" + "</div>" * levels
    safe = check_markup(html, CAP, DEPTH)
    assert (safe != html) is flattened
    assert nesting_depth(safe) == min(levels, DEPTH)


@pytest.mark.parametrize(
    "attributes",
    [
        " ".join(f'a{i}="x"' for i in range(100_000)),
        " ".join(f"a{i}" for i in range(100_000)),
        " ".join(f"a{i}='y z'" for i in range(20_000)),
    ],
)
def test_attribute_flood_is_cut_to_the_bare_tag(attributes: str) -> None:
    safe = check_markup(f"<p>before</p><div {attributes}>inside</div>", CAP, DEPTH)
    div = LexborHTMLParser(safe).css_first("div")
    assert div is not None
    assert len(div.attributes) <= MAX_ATTRIBUTES
    assert div.text() == "inside"


def test_a_few_hundred_attributes_are_kept() -> None:
    attributes = " ".join(f"data-a{i}=x" for i in range(300))
    html = f"<div {attributes}>" + " " * 20_000 + "</div>"
    assert check_markup(html, CAP, DEPTH) == html


def test_nul_bytes_are_removed() -> None:
    assert check_markup("<p>a\x00b</p>" * 3, CAP, DEPTH) == "<p>ab</p>" * 3


def test_input_over_the_cap_is_cut_before_a_tag() -> None:
    html = "<p>" + "word " * 20 + "</p>"
    cap = len(html) * 3 + 10
    safe = check_markup(html * 10, cap, DEPTH)
    assert len(safe) <= cap
    assert safe.endswith("</p>")


def test_input_far_over_the_cap_is_refused() -> None:
    with pytest.raises(PermanentError) as raised:
        check_markup("<p>x</p>" * 1000, 100, DEPTH)
    assert raised.value.reason == "too_large"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_never_raise(seed: int) -> None:
    data = random.Random(seed).randbytes(200_000).decode("latin-1")
    body = extract_body(LexborHTMLParser(check_markup(data, CAP, DEPTH))).text
    assert not [char for char in body if ord(char) < 32 and char != "\n"]


@pytest.mark.parametrize(
    "words",
    [
        ["br"],
        ["b", "br", "base", "basefont"],
        ["td", "th", "thead", "tr", "track"],
        _NON_NESTING_NAMES.split(),
    ],
)
def test_prefix_alternation_matches_exactly_its_words(words: list[str]) -> None:
    pattern = re.compile(f"(?:{_prefix_alternation(words)})")
    probes = {*words, *(word[:-1] for word in words), *(word + "x" for word in words), "div", "span", ""}
    assert {probe for probe in probes if pattern.fullmatch(probe)} == set(words)
