"""The article's lead (standfirst) printed before the body's container, in its header (pure, no I/O).

Pages often set the lead apart from the article text ("article-intro", "standfirst", a paragraph of
the article's ``<header>``): the body starts with it when it reads like a lead.
"""

from __future__ import annotations

from functools import lru_cache

from selectolax.lexbor import LexborNode

from worker.extract import dom, names, rules

LEAD_LEVELS = 5  # ancestors of the container whose earlier siblings may hold the article's lead
LEAD_CHARS = (40, 1500)  # shorter is a label or a kicker, longer is no lead but another text
MAX_LEAD_LINK_SHARE = 0.2  # a lead is prose; a "teaser" of links is a list of other articles
MIN_HEADER_LEAD_CHARS = 150  # an unnamed paragraph of the article's header this long is its lead

# Lead candidates: lead-named elements, and paragraphs of a header (unnamed standfirsts).
_LEAD_CANDIDATES = f"{rules.LEAD_SELECTOR}, header > p"


def find_lead(container: LexborNode) -> LexborNode | None:
    """The article's lead (standfirst) printed before ``container`` in the article's header, or
    ``None``: the nearest lead-named element before it, among the earlier siblings of the container
    and of its nearest ``LEAD_LEVELS`` ancestors."""
    node: LexborNode | None = container
    for _ in range(LEAD_LEVELS):
        if node is None or node.tag in ("body", "html"):
            return None
        sibling = node.prev
        while sibling is not None:
            if sibling.is_element_node:
                found = _lead_in(sibling)
                if found is not None:
                    return found
            sibling = sibling.prev
        node = node.parent
    return None


def _lead_in(node: LexborNode) -> LexborNode | None:
    """The last lead-named element in ``node`` (itself included) that reads like a lead."""
    for candidate in reversed(node.css(_LEAD_CANDIDATES)):
        named = _is_lead_named(candidate.attributes.get("class") or "")
        if (named or _in_header(candidate)) and names.kind(candidate) < names.BOILERPLATE:
            text, links = dom.text_and_links(candidate)
            # (an unnamed paragraph of the header may be a dek, the one-line subtitle: too short)
            if _reads_like_lead(candidate, text, links) and (named or text - links >= MIN_HEADER_LEAD_CHARS):
                dom.decompose_all(names.non_prose_under(candidate))
                return candidate
    return None


def _in_header(node: LexborNode) -> bool:
    """Whether ``node``'s parent is a ``<header>`` (the article's header: headline, lead, byline)."""
    parent = node.parent
    return parent is not None and parent.tag == "header"


def _reads_like_lead(node: LexborNode, text: int, links: int) -> bool:
    """Whether ``node`` holding ``text`` characters, ``links`` of them in links, reads like a lead:
    prose of a lead's length, not all in capitals (a byline or dateline: "REUTERS 19 NOV 2019")."""
    if not (LEAD_CHARS[0] <= text - links and text <= LEAD_CHARS[1] and links <= text * MAX_LEAD_LINK_SHARE):
        return False
    return not node.text().isupper()


@lru_cache(maxsize=1024)
def _is_lead_named(classes: str) -> bool:
    """Whether ``class`` value ``classes`` names a lead ("article-intro", "ts-intro", "summary")."""
    words = frozenset(names.spaced_words(classes).split())
    return not words.isdisjoint(rules.LEAD_WORDS) and words.isdisjoint(rules.NOT_LEAD_WORDS)
