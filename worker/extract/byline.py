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
# A line that is only a byline: its label (in any case; after a dash, "---- by"), then two to four
# capitalised words.
_NAME_LINE = re.compile(
    r"(?:[-\u2013\u2014]+\s*)?(?i:by|von|text(?:\s*:|\s+von)|(?:autor(?:in)?|auteure?|author)\s*:|"
    r"(?:written|posted|story) by|(?:(?:ein|blog)\s+|gast)?(?:beitrag|kommentar) von|par|por|door)\s+"
    r"[A-ZÄÖÜÉ][\w'\u2019.-]+(?:\s+(?:von |van |de |del |da |du )?[A-ZÄÖÜÉ][\w'\u2019.-]+){1,3}"
)
_NAME_LINE_TAGS = "p, span, em, i, strong, b"  # (not divs: reading a container's text costs its subtree)
# An element's own text that is only a byline label, the names in the elements after it.
# (its own text: the separators between the names it is followed by belong to it, "Von: , ")
_LABEL_ONLY = re.compile(
    r"(?:[|\u2013\u2014-]\s*)?(?i:by|von|autor(?:in)?|auteure?|author|text|redaktion)\s*:?[\s,;&]*"
)
_MAX_NAME_LINE_CHARS = 60
_MAX_NAME_LINE_NODES = 5_000  # elements looked at (a byline sits in the page's first few thousand)
_MAX_NAME_LINE_SIBLINGS = 12  # a parent with more children holds more than a byline
_MAX_LABELS = 8  # byline labels alone in their element whose neighbours are read for names
_MAX_NAME_NODES = 8  # nodes of a name's element ("<span><a>Name</a>,</span>": four)
_MAX_DATELINE_CHARS = 160
# A paragraph that is only names in bold signs the article when it opens or closes the text.
_SIGNATURE_TAGS = "p > strong, p > b"
_MAX_SIGNATURE_CANDIDATES = 100  # bold paragraphs looked at (subheadings are bold paragraphs too)
_MAX_SIGNATURE_CHARS = 80
_MAX_SIGNATURE_SIBLING_CHARS = 500_000  # sibling text read in all: each read costs a subtree
_MAX_SIGNATURE_STEPS = 60  # siblings walked past on one side (spaces between elements are siblings too)
_PROSE_CHARS = 150  # a paragraph this long is the article's text, a shorter one a kicker or a dek
_NAME_SEPARATOR = re.compile(r"\s*(?:/|&|,|\band\b|\bund\b)\s*")
_NAME_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")
_NAME_PARTICLES = frozenset({"von", "van", "de", "del", "da", "du", "der", "den"})

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
    not a credit inside a list of works); or a label alone whose names the next elements hold
    (:func:`_names_after_label`); none under boilerplate.

    Reads each element's own text only and a bounded number of elements and children: an element's
    whole text holds its subtree, and nested or crowded inline elements would read the page again
    for each of them.
    """
    root = tree.body
    labels = 0
    for node in root.css(_NAME_LINE_TAGS)[:_MAX_NAME_LINE_NODES] if root is not None else ():
        text = node.text(deep=False)
        # (strip: an element's own text may be its label between indented children, "Von:\n\t\t...")
        if len(text) > _MAX_NAME_LINE_CHARS and len(text := text.strip()) > _MAX_NAME_LINE_CHARS:
            continue
        text = " ".join(text.split())
        if _LABEL_ONLY.fullmatch(text):
            labels += 1
            names = _names_after_label(node) if labels <= _MAX_LABELS else []
            if names and not in_boilerplate(node):
                return names
            continue
        if not _NAME_LINE.fullmatch(text):
            continue
        alone = node.tag == "p" or (node.parent is not None and _only_child_with_text(node.parent, node))
        if alone and _only_child_with_text(node, None) and not in_boilerplate(node):
            return [text]
    return []


def _names_after_label(label: LexborNode) -> list[str]:
    """The names a byline label element is followed by: those of its child elements ("<p>Von:
    <a>Bill McCarthy</a>, <a>Marisha Goldhamer</a></p>"), or, for a label alone in its element, the
    name of its next sibling ("<span>| By </span><span>Cara Stiles</span>"); each a person's name."""
    children = [child for child in label.iter() if child.tag not in ("svg", "i")][:_MAX_NAME_LINE_SIBLINGS]
    if not children:
        sibling = label.next
        # (past spaces and line breaks, a few: "<b>Von:</b><br><br>Götz Warnke")
        for _ in range(_MAX_NAME_LINE_SIBLINGS):
            if sibling is None or not (sibling.tag == "br" or _is_space(sibling)):
                break
            sibling = sibling.next
        children = [sibling] if sibling is not None else []
    texts = [_short_text(child) for child in children]
    if None in texts:  # (a neighbour longer than a name: no byline)
        return []
    names = [text.strip(",; ") for text in texts if text and text.strip(",; ")]  # (not a <br>'s "")
    return names[:4] if names and all(map(_is_name, names)) else []


def _is_space(node: LexborNode) -> bool:
    """Whether ``node`` is a text node of spaces only."""
    return node.tag == "-text" and not node.text(deep=False).strip()


def _short_text(node: LexborNode) -> str | None:
    """The text of ``node`` when it is as short as a name, else ``None``; reads a few nodes at most (a
    label's neighbour may hold the whole page)."""
    parts = []
    size = 0
    for count, part in enumerate(node.traverse(include_text=True)):
        if count > _MAX_NAME_NODES:
            return None
        if part.tag == "-text":
            text = part.text(deep=False)
            size += len(text)
            if size > _MAX_NAME_LINE_CHARS:
                return None
            parts.append(text)
    return " ".join("".join(parts).split())


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


def signed_names(tree: LexborHTMLParser) -> list[str]:
    """The names of a paragraph that is only names in bold ("<p><strong>Mohloai Mpesi</strong></p>",
    "Anna Berg/Tom Meier") where it signs the article: opening its text (no long paragraph before it,
    a long one just after) or closing it (a long paragraph before it, no text after it); none under
    boilerplate. The last resort of the author cascade: a bold line may also be a subheading.
    """
    root = tree.body
    budget = [_MAX_SIGNATURE_SIBLING_CHARS]
    for bold in root.css(_SIGNATURE_TAGS)[:_MAX_SIGNATURE_CANDIDATES] if root is not None else ():
        paragraph, inner = bold.parent, _innermost(bold)
        text = " ".join(inner.text(deep=False).split())
        if len(text) > _MAX_SIGNATURE_CHARS or paragraph is None:
            continue
        names = _NAME_SEPARATOR.split(text)
        if not all(map(_is_name, names)):
            continue
        if not (_only_child_with_text(paragraph, bold) and _only_child_with_text(inner, None)):
            continue
        if _signs_the_text(paragraph, budget) and not in_boilerplate(paragraph):
            return names
    return []


def _innermost(node: LexborNode) -> LexborNode:
    """``node``, or the element it only wraps, a level or two down ("<b><i>Stefan Wasmer</i></b>")."""
    for _ in range(2):
        child = node.child
        if child is None or child.next is not None or child.tag == "-text":
            return node
        node = child
    return node


def _is_name(text: str) -> bool:
    """Whether ``text`` reads as a person's name: two to four capitalised words (particles aside)."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(
        _NAME_WORD.fullmatch(word) and (word[0].isupper() or word in _NAME_PARTICLES) for word in words
    )


def _signs_the_text(paragraph: LexborNode, budget: list[int]) -> bool:
    """Whether ``paragraph`` opens or closes the text its siblings hold (see :func:`signed_names`).

    ``budget`` holds the sibling characters that may still be read; nothing signs once it is spent.
    """
    after = _sibling_texts(paragraph, budget, forward=True, wanted=1)
    if after is None:
        return False
    if not after:  # (closing: the nearest text before it is the article's)
        before = _sibling_texts(paragraph, budget, forward=False, wanted=1)
        return before is not None and bool(before) and _is_prose(before[0])
    if not _is_prose(after[0]):
        return False
    before = _sibling_texts(paragraph, budget, forward=False, wanted=_MAX_NAME_LINE_SIBLINGS + 1)
    return (
        before is not None
        and len(before) <= _MAX_NAME_LINE_SIBLINGS
        and all(len(text) < _PROSE_CHARS for _, text in before)
    )


def _sibling_texts(
    node: LexborNode, budget: list[int], forward: bool, wanted: int
) -> list[tuple[str, str]] | None:
    """(tag, text) of the nearest ``wanted`` siblings of ``node`` holding text on one side, nearest
    first (fewer when there are no more); ``None`` when the reading ``budget`` is spent or more than
    ``_MAX_SIGNATURE_STEPS`` siblings had to be looked at."""
    found: list[tuple[str, str]] = []
    sibling = node.next if forward else node.prev
    for _ in range(_MAX_SIGNATURE_STEPS):
        if sibling is None or len(found) == wanted:
            return found
        if budget[0] <= 0:
            return None
        text = sibling.text().strip()
        budget[0] -= len(text)
        if text:
            found.append((sibling.tag or "", text))
        sibling = sibling.next if forward else sibling.prev
    return None


def _is_prose(sibling: tuple[str, str]) -> bool:
    tag, text = sibling
    return tag == "p" and len(text) >= _PROSE_CHARS


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
