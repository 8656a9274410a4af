"""The text of the article's container as paragraphs, ending where the article does (pure, no I/O).

The container's blocks are linearised (headings and list items are paragraphs of their own), page
furniture is dropped ("Advertisement", "Read more", credit and reading-time lines), repeats are
dropped, and the text ends before a paywall's notice, the calls to subscribe or follow after the
article, and headings left with nothing under them.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from worker.extract import dom, rules

MIN_DEDUPLICATED_CHARS = 50  # repeats of shorter lines are content (list items, recipe steps)
MAX_PROMO_CHARS = 300  # a call to subscribe or follow is short; a longer paragraph is the article's
MAX_TRAILING_PROMOS = 3  # calls looked for at the end of the body
MAX_HEADING_CHARS = 150  # a longer last paragraph is no heading: the headings are not looked up
MIN_PARAGRAPHS_BEFORE_HEADINGS = 3  # trailing headings are dropped only after this many paragraphs
MAX_TRAILING_HEADINGS = 5  # the last headings of the text compared with its last paragraphs


def article_paragraphs(container: LexborNode, lead: LexborNode | None) -> list[str]:
    """The article's paragraphs: the ``lead``'s (when the page printed one apart), then the
    ``container``'s, without repeats."""
    found = paragraphs(container)
    if lead is None:
        return found
    return dom.unique([*paragraphs(lead), *found], MIN_DEDUPLICATED_CHARS)


def paragraphs(container: LexborNode) -> list[str]:
    """The container's blocks as cleaned, de-duplicated paragraphs without page furniture, ending
    where the article does: before a paywall's notice, calls to subscribe and headings left alone."""
    headings = dom.mark_blocks(container, rules.BLOCK_TAGS, keep=rules.HEADING_TAGS)
    texts = dom.block_texts(container)
    kept = (
        text
        for text in texts
        if text.casefold() not in rules.BOILERPLATE_PARAGRAPHS
        and not rules.BOILERPLATE_LINE.fullmatch(text)
        and not rules.CREDIT_LINE.fullmatch(text)
    )
    paragraphs = _before_paywall(dom.unique(kept, MIN_DEDUPLICATED_CHARS))
    return _without_trailing_headings(_without_trailing_promos(paragraphs), headings)


def _before_paywall(paragraphs: list[str]) -> list[str]:
    """``paragraphs`` up to a notice, after the first, that the rest is for subscribers: what follows
    is the paywall's text, not the article's."""
    text = "\n".join(paragraphs)
    if not any(word in text for word in rules.PAYWALL_WORDS):  # (most pages end here: C scans)
        return paragraphs
    for index, paragraph in enumerate(paragraphs[1:], start=1):
        if len(paragraph) <= MAX_PROMO_CHARS and rules.PAYWALL_NOTICE.search(paragraph.lower()):
            return paragraphs[:index]
    return paragraphs


def _without_trailing_promos(paragraphs: list[str]) -> list[str]:
    """``paragraphs`` without the calls to subscribe, follow or download at their end."""
    end = len(paragraphs)
    while end > max(1, len(paragraphs) - MAX_TRAILING_PROMOS) and _is_promo(paragraphs[end - 1]):
        end -= 1
    return paragraphs[:end]


def _is_promo(paragraph: str) -> bool:
    """Whether ``paragraph`` is a short call to subscribe, follow, log in or download, or a label."""
    return len(paragraph) <= MAX_PROMO_CHARS and rules.TRAILING_PROMO.search(paragraph) is not None


def _without_trailing_headings(paragraphs: list[str], headings: list[LexborNode]) -> list[str]:
    """``paragraphs`` without the headings that end them: a heading with no text after it titled a
    list of other pages or a box that cleaning removed ("Weitere Themen", "Schwerpunkte").

    ``headings`` are the heading elements of the blocks the paragraphs come from, in document order.
    """
    if len(paragraphs) <= MIN_PARAGRAPHS_BEFORE_HEADINGS or len(paragraphs[-1]) > MAX_HEADING_CHARS:
        return paragraphs
    last = {dom.clean_text(node.text()) for node in headings[-MAX_TRAILING_HEADINGS:]}
    end = len(paragraphs)
    while end > 0 and paragraphs[end - 1] in last:
        end -= 1
    # (a page of a line or two and its headings is all headline and sections, not a story's end)
    return paragraphs[:end] if end >= MIN_PARAGRAPHS_BEFORE_HEADINGS else paragraphs
