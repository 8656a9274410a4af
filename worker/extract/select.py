"""CSS lookups made cheaper: descendants as two queries, selector lists sorted in Python (pure, no I/O).

Lexbor matches a descendant selector ("[class*=tags] a") by walking up from every candidate, which
costs several times a plain attribute query; finding the containers first and then querying inside
them gives the same nodes, in page order, for a fraction.

Each ``css()`` call walks the whole tree, and each substring test of a selector list
(``[class*=x]``, ``[href*=x]``) costs about one more walk. A cascade that tries several selector
lists in turn (bylines, then author names...) can instead find a superset of all their nodes in one
query with few substring tests ("line" for "byline" and "subline-name"), then sort it in Python with
:class:`AttributeTest`, which matches as Lexbor does: values compared case-sensitively (``rel``
case-insensitively, as HTML says), and a node listed once per selector of a list that it matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode


def inside(containers: Iterable[LexborNode], inner: str) -> list[LexborNode]:
    """Nodes matching ``inner`` inside any of ``containers`` (in page order): once each, in page order."""
    seen: set[int] = set()
    found: list[LexborNode] = []
    for container in containers:
        seen.add(container.mem_id)  # the container itself is not its own descendant
        for node in container.css(inner):
            if node.mem_id not in seen:
                seen.add(node.mem_id)
                found.append(node)
    return found


# A node found by a union query, with its tag and attributes read once (both are C calls that build
# new objects). A plain tuple: a frozen dataclass costs ten times as much to build, per node.
Candidate = tuple[LexborNode, str, dict[str, str | None]]


@dataclass(frozen=True, slots=True)
class AttributeTest:
    """One simple selector of a list, as Lexbor matches it.

    ``[attribute*="value"]`` (case-sensitive substring; with ``ignore_case`` ``[attribute*="value" i]``,
    ``value`` given in lower case), or with ``exact`` ``[attribute="value"]`` compared
    case-insensitively (for ``rel``), or with no value ``[attribute]``; on ``tag`` only if given.
    """

    attribute: str
    value: str | None = None
    tag: str | None = None
    exact: bool = False
    ignore_case: bool = False

    def matches(self, candidate: Candidate) -> bool:
        """Whether ``candidate`` matches this selector."""
        _, tag, attributes = candidate
        if self.tag is not None and tag != self.tag:
            return False
        if self.value is None:
            return self.attribute in attributes
        value = attributes.get(self.attribute)
        if not value:
            return False
        if self.exact:
            return value.lower() == self.value
        return self.value in (value.lower() if self.ignore_case else value)


def candidates(tree: LexborHTMLParser | LexborNode, query: str) -> list[Candidate]:
    """The nodes matching ``query`` once each, in page order, with tag and attributes."""
    found: list[Candidate] = []
    seen: set[int] = set()
    for node in tree.css(query):
        if node.mem_id not in seen:  # a node matching several selectors of the list comes once per selector
            seen.add(node.mem_id)
            found.append((node, node.tag or "", node.attributes))
    return found


def matching(found: Sequence[Candidate], tests: Sequence[AttributeTest]) -> list[Candidate]:
    """What ``tree.css`` of the selector list ``tests`` returns, taken from a superset ``found``."""
    return [candidate for candidate in found for test in tests if test.matches(candidate)]


def has_ancestor(node: LexborNode, ancestors: set[int]) -> bool:
    """Whether an ancestor of ``node`` is one of the nodes whose ``mem_id`` is in ``ancestors``."""
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ancestors:
            return True
        parent = parent.parent
    return False
