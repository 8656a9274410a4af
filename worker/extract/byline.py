"""Visible bylines and datelines ("By LAHAV HARKOV", "Published: JANUARY 19, 2022 16:40"): pure, no I/O.

Short texts of elements whose class/id/rel says byline, author or date are read once; labelled
dates are also searched in the page text when nothing else gave a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from worker.extract.select import AttributeTest, Candidate, candidates, has_ancestor, inside, matching

# In priority order, as CSS (the documentation of the tests below, which give the same nodes; the
# author links leave out those to the site's list of authors, see ``_to_author_index``).
AUTHOR_SELECTORS = (
    '[rel="author"]',
    '[class*="byline"] [class*="author"]',
    '[class*="byline"], [id*="byline"]',
    '[class*="author-name"], [class*="authorName"], [class*="subline-name"]',
    'a[href*="/author/"], a[href*="/autor/"], a[href*="/autoren/"]',
    '[class*="author"] a',
    '[class*="author"], [id*="author"]',
)
DATE_SELECTORS = (
    '[class*="dateline"], [class*="publish"], [itemprop*="date"], [id*="date"], abbr[title]',
    '[class*="date"], [class*="time"]',
    '[class*="byline"], [class*="meta"]',
)
# One query finds a superset of every selector above; each priority then keeps its own nodes
# (see worker.extract.select): most pages have no byline, and the seven lists cost over twice as
# much. Each substring test costs Lexbor about a walk over the tree, so the superset has as few as
# it can: "line" holds "byline" and "subline-name", "/aut" the three author paths.
_AUTHOR_CANDIDATES = (
    '[rel="author"], [class*="line"], [class*="author"], [id*="byline"], [id*="author"], a[href*="/aut"]'
)
_DATE_CANDIDATES = (
    '[class*="date"], [class*="publish"], [class*="time"], [class*="byline"], [class*="meta"], '
    '[itemprop*="date"], [id*="date"], abbr[title]'
)
_BYLINE = AttributeTest("class", "byline")
_AUTHOR = AttributeTest("class", "author")
_AUTHOR_TESTS = (
    (AttributeTest("rel", "author", exact=True),),
    (_BYLINE, AttributeTest("id", "byline")),
    (
        AttributeTest("class", "author-name"),
        AttributeTest("class", "authorName"),
        AttributeTest("class", "subline-name"),
    ),
    tuple(AttributeTest("href", part, tag="a") for part in ("/author/", "/autor/", "/autoren/")),
    (_AUTHOR, AttributeTest("id", "author")),
)
_DATE_TESTS = (
    (
        AttributeTest("class", "dateline"),
        AttributeTest("class", "publish"),
        AttributeTest("itemprop", "date"),
        AttributeTest("id", "date"),
        AttributeTest("title", tag="abbr"),
    ),
    (AttributeTest("class", "date"), AttributeTest("class", "time")),
    (_BYLINE, AttributeTest("class", "meta")),
)
_PAGE_LEVEL_TAGS = frozenset({"body", "html", "main", "article"})
_NOT_BYLINE_TAGS = frozenset(
    {"meta", "link", "script", "style", "body", "html", "article", "main", "section"}
)
_PAGE_BUILDER = re.compile(r"\belementor-\S*|\bwidget(?= blog\b)")
_COMMENTS = re.compile(r"comment|respond|reply|discussion|related|teaser|sidebar|widget|footer")
MAIN_SELECTORS = ("article", "main", '[role="main"]')
_MAX_PAGE_TEXT = 100_000  # labelled dates sit near the top; the regex scan is the cost
_MAX_BYLINE_CHARS = 120
# A line that is only a byline: its label (in any case), then two to four capitalised words.
_NAME_LINE = re.compile(
    r"(?i:by|von|text(?:\s*:|\s+von)|autor(?:in)?\s*:|author\s*:|written by|par|por|door)\s+"
    r"[A-ZÄÖÜÉ][\w'\u2019.-]+(?:\s+(?:von |van |de |del |da |du )?[A-ZÄÖÜÉ][\w'\u2019.-]+){1,3}"
)
_NAME_LINE_TAGS = "p, span, em, i, strong, b"  # (not divs: reading a container's text costs its subtree)
_MAX_NAME_LINE_CHARS = 60
_MAX_NAME_LINE_NODES = 5_000  # elements looked at (a byline sits in the page's first few thousand)
_MAX_NAME_LINE_SIBLINGS = 12  # a parent with more children holds more than a byline
_MAX_DATELINE_CHARS = 160

_LABELS_PUBLISHED = (
    r"published|posted|first published|veröffentlicht|erschienen|erscheinungsdatum|publié|publicado|"
    r"pubblicato|gepubliceerd|publicerad|publisert|opublikowano|"
    # "Stand: 07.11.2023" (as of), the one date of many German pages: with its colon or dash (the
    # word alone is common in German prose)
    "stand:|stand -|stand \u2013"
)
_LABELS_UPDATED = (
    r"updated|last updated|modified|aktualisiert|zuletzt aktualisiert|geändert|mis à jour|modifié|"
    r"actualizado|aggiornato|bijgewerkt|uppdaterad|oppdatert|zaktualizowano"
)
_LABELLED = re.compile(
    rf"\b({_LABELS_PUBLISHED}|{_LABELS_UPDATED})\s*(?:on|am|le|el|il)?\s*[:\u2013-]?\s*(.{{6,60}})", re.I
)
# The same without IGNORECASE, for lower-cased page text: several times faster on long texts.
_LABELLED_LOWER = re.compile(
    rf"\b({_LABELS_PUBLISHED}|{_LABELS_UPDATED})\s*(?:on|am|le|el|il)?\s*[:\u2013-]?\s*(.{{6,60}})"
)
_UPDATED = re.compile(rf"^(?:{_LABELS_UPDATED})$", re.I)
# Every label above holds one of these stems at most MAX_STEM_OFFSET characters in ("zuletzt
# aktualisiert"): a page text without any has no label, and the regex scan can start just before
# the first one (str.find is a fast C search; the regex costs several times more per character).
LABEL_STEMS = (
    "publi",
    "posted",
    "veröffentlicht",
    "erschienen",
    "erscheinungsdatum",
    "stand",
    "pubblicato",
    "updated",
    "modifi",
    "aktualisiert",
    "zaktualizowano",
    "geändert",
    "mis à jour",
    "actualizado",
    "aggiornato",
    "bijgewerkt",
    "uppdaterad",
    "oppdatert",
)
MAX_STEM_OFFSET = 8


@dataclass(frozen=True, slots=True)
class Datelines:
    """Visible published/updated date texts, as written on the page."""

    published: str | None
    modified: str | None


def byline_authors(tree: LexborHTMLParser) -> list[str]:
    """Author texts of the first byline element that has any (raw, to be cleaned); comments skipped.

    Without such an element, a short text element that is only a labelled name ("Von Claudia
    Lindner", "By John Gruber"): the byline of pages that name no element after it.
    """
    found = candidates(tree, _AUTHOR_CANDIDATES)
    for nodes in _author_priorities(found) if found else ():
        texts = _byline_texts(nodes[:8])
        if texts:
            return texts[:4]
    return _labelled_name(tree)


def _labelled_name(tree: LexborHTMLParser) -> list[str]:
    """The first line of the page body that is only a byline label and a name: an element holding
    nothing but that text, and alone in its parent unless a paragraph ("<li><span>von A B</span></li>",
    not a credit inside a list of works); none under boilerplate.

    Reads each element's own text only and a bounded number of elements and children: an element's
    whole text holds its subtree, and nested or crowded inline elements would read the page again
    for each of them.
    """
    root = tree.body
    for node in root.css(_NAME_LINE_TAGS)[:_MAX_NAME_LINE_NODES] if root is not None else ():
        text = node.text(deep=False)
        if len(text) > _MAX_NAME_LINE_CHARS or not _NAME_LINE.fullmatch(text := " ".join(text.split())):
            continue
        alone = node.tag == "p" or (node.parent is not None and _only_child_with_text(node.parent, node))
        if alone and _only_child_with_text(node, None) and not in_boilerplate(node):
            return [text]
    return []


def _only_child_with_text(parent: LexborNode, kept: LexborNode | None) -> bool:
    """Whether no child of ``parent`` but ``kept`` (``None``: but its text nodes) holds text; an
    element holding nothing, an icon, holds none. Gives up (``False``) past a few children."""
    key = kept.mem_id if kept is not None else None
    for count, child in enumerate(parent.iter(include_text=True)):
        if count == _MAX_NAME_LINE_SIBLINGS:
            return False
        if child.mem_id == key or (key is None and child.tag == "-text"):
            continue
        # (an element holding anything but its own spaces may hold text)
        if child.text(deep=False).strip() or child.child is not None:
            return False
    return True


def _author_priorities(found: list[Candidate]) -> Iterator[list[LexborNode]]:
    """The nodes of each of ``AUTHOR_SELECTORS`` in turn, as ``tree.css`` lists them."""
    rel, bylines, author_names, author_links, authors = _AUTHOR_TESTS
    yield _nodes(matching(found, rel))
    inner = {candidate[0].mem_id for candidate in found if _BYLINE.matches(candidate)}
    yield [c[0] for c in found if inner and _AUTHOR.matches(c) and has_ancestor(c[0], inner)]
    yield _nodes(matching(found, bylines))
    yield _nodes(matching(found, author_names))
    yield [node for node, _, attributes in matching(found, author_links) if not _to_author_index(attributes)]
    yield inside((candidate[0] for candidate in found if _AUTHOR.matches(candidate)), "a")
    yield _nodes(matching(found, authors))


# The address of the list of all authors ("/autoren/", "/en/authors"), that a site menu links to.
_AUTHOR_INDEX = re.compile(
    r"^(?:https?://[^/?#]+)?(?:/[a-z]{2})?/(?:authors?|autor|autoren)/?(?:[?#].*)?$", re.IGNORECASE
)


def _to_author_index(attributes: dict[str, str | None]) -> bool:
    """Whether a link goes to the site's list of authors ("Autoren" in a menu), not to one author."""
    return bool(_AUTHOR_INDEX.search(attributes.get("href") or ""))


def _nodes(found: list[Candidate]) -> list[LexborNode]:
    return [candidate[0] for candidate in found]


def _byline_texts(nodes: list[LexborNode]) -> list[str]:
    texts: list[str] = []
    parent: LexborNode | None = None
    for node in nodes:
        if (
            node.tag in _NOT_BYLINE_TAGS
            or (parent is not None and node.parent != parent)
            or in_boilerplate(node)
        ):
            continue
        text = node.text(separator=" ", strip=True)
        if 2 < len(text) <= _MAX_BYLINE_CHARS and text not in texts:
            texts.append(_byline_part(text))
            parent = node.parent  # co-authors are siblings; later matches are other bylines
    return texts


def in_boilerplate(node: LexborNode, pattern: re.Pattern[str] | None = None) -> bool:
    """Whether an ancestor's class/id matches ``pattern`` (default: comments, teasers, sidebars, footer)."""
    parent = node.parent
    for _ in range(10):
        if parent is None or parent.tag in _PAGE_LEVEL_TAGS:  # page-wide classes ("has-sidebar") say nothing
            return False
        attributes = parent.attributes
        marker = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower()
        if "elementor-" in marker or "widget blog" in marker:
            # (a page builder's wrappers of every block, "elementor-widget-container", and Blogger's
            # "widget Blog" holding the posts are no widgets beside the article)
            marker = _PAGE_BUILDER.sub("", marker)
        if (pattern or _COMMENTS).search(marker):
            return True
        parent = parent.parent
    return False


def _byline_part(text: str) -> str:
    # "By LAHAV HARKOV Published: ..." within one element: keep what precedes a date label.
    match = _LABELLED.search(text)
    return text[: match.start()] if match and match.start() > 3 else text


def datelines(texts: list[str]) -> Datelines:
    """Published/updated texts from the labels ("Published:", "Updated:") in date-ish element texts."""
    published: str | None = None
    modified: str | None = None
    for text in texts:
        for label, rest in _LABELLED.findall(text):
            if _UPDATED.match(label.strip()):
                modified = modified or rest
            else:
                published = published or rest
        if published and modified:
            break
    return Datelines(published, modified)


def dateline_texts(tree: LexborHTMLParser) -> list[str]:
    """Short texts (and date attributes) of date-ish elements, in selector order then page order."""
    found = candidates(tree, _DATE_CANDIDATES)
    texts = []
    for tests in _DATE_TESTS:
        for candidate in matching(found, tests)[:20]:
            node, _, attributes = candidate
            attribute = attributes.get("datetime") or attributes.get("title") or attributes.get("content")
            if attribute and any(char.isdigit() for char in attribute[:40]):
                texts.append(attribute[:_MAX_DATELINE_CHARS])
            text = node.text(separator=" ", strip=True)
            if 6 <= len(text) <= _MAX_DATELINE_CHARS:
                texts.append(text)
    return texts


def page_text(tree: LexborHTMLParser) -> str:
    """The text of the main content element (article, main) or else of the whole body."""
    for selector in MAIN_SELECTORS:
        node = tree.css_first(selector)
        if node is not None:
            text = node.text(separator=" ", strip=True)
            if len(text) > 200:
                return text[:_MAX_PAGE_TEXT]
    body = tree.body
    return body.text(separator=" ", strip=True)[:_MAX_PAGE_TEXT] if body is not None else ""


def page_text_datelines(text: str) -> Datelines:
    """Labelled dates anywhere in the page text (slower: used only when nothing else was found)."""
    published: str | None = None
    modified: str | None = None
    lowered = text.lower()
    start = _first_stem(lowered)
    if start < 0:
        return Datelines(None, None)
    for label, rest in _LABELLED_LOWER.findall(lowered, max(0, start - MAX_STEM_OFFSET)):
        if _UPDATED.match(label.strip()):
            modified = modified or rest
        else:
            published = published or rest
    return Datelines(published, modified)


def _first_stem(lowered: str) -> int:
    """Where the first of ``LABEL_STEMS`` is in ``lowered``, or -1."""
    found = [index for index in map(lowered.find, LABEL_STEMS) if index >= 0]
    return min(found) if found else -1
