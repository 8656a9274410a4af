"""What an element is by its tag, role, visibility and ``class``/``id`` names (pure, no I/O).

Class and id values are read as words (camelCase split, lower-cased) and matched against the word
lists in :mod:`.rules`: overlays (cookie banners, dialogs) are never the article, boilerplate (share
bars, comments, "related") and page regions (sidebars, footers) are not unless they wrap most of it,
and names of the article text itself ("article-body") override both.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from itertools import pairwise

from selectolax.lexbor import LexborNode

from worker.extract import dom, rules

BOILERPLATE_WRAPPER_SHARE = 0.6  # a "share"-named element holding this much wraps the article
REGION_WRAPPER_SHARE = 0.5  # a "sidebar"-named element holding this much wraps the article
MIN_SLUG_HYPHENS = 3  # an id of four words or more is a heading's slug, not a name

# The kinds of element: not named (or named as the article), a page region, boilerplate, an overlay.
NOT_NAMED, REGION, BOILERPLATE, OVERLAY = 0, 1, 2, 3

NON_PROSE_IDS = dom.tag_ids(rules.NON_PROSE_TAGS)
_UNNAMED_IDS = dom.tag_ids(rules.ARTICLE_TAGS | rules.TABLE_PART_TAGS)
_HEADING_IDS = dom.tag_ids(rules.HEADING_TAGS)  # (a heading's id is an anchor to it, not a name)
# A word of a class or id: a run of letters and digits, split where camelCase starts a new word.
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z0-9]+(?![a-z])")

# Every word of the named word lists' terms ("most-read" has two), and the boilerplate word starts
# at the start of a word of space-separated words.
_VOCABULARY = frozenset(
    word
    for term in rules.POSITIVE_WORDS | rules.OVERLAY_WORDS | rules.BOILERPLATE_WORDS | rules.REGION_WORDS
    for word in term.split("-")
)
# Bytes of ASCII text with everything but lower-case letters and digits turned into spaces.
_ASCII_WORD_BYTES = bytes(
    code if chr(code) in string.ascii_lowercase + string.digits else 32 for code in range(256)
)
# A word after these names what the element lacks ("withoutCaption"); not "no", which utility
# classes use for layout ("fusion-no-meta-info" on a list of other posts).
_NEGATIONS = frozenset({"without"})
_PICTURE_WORDS = frozenset({"img", "image", "photo", "picture"})
_STEM_START = re.compile(f" (?:{'|'.join(rules.BOILERPLATE_STEMS)})")


def is_boilerplate_kind(kind: int, share: float) -> bool:
    """Whether an element of ``kind`` holding ``share`` of the paragraph text is boilerplate."""
    if kind == OVERLAY:
        return True
    if kind == BOILERPLATE:
        return share < BOILERPLATE_WRAPPER_SHARE
    return kind == REGION and share < REGION_WRAPPER_SHARE


def kind(node: LexborNode) -> int:
    """What ``node`` is by its tag, role, visibility and ``class``/``id`` names."""
    tag = node.tag_id
    if tag in NON_PROSE_IDS:
        return OVERLAY
    if tag in _UNNAMED_IDS:
        return NOT_NAMED
    attrs = node.attributes
    if not attrs:
        return NOT_NAMED
    get = attrs.get
    # (a heading's id is an anchor to it, not a name)
    id_ = "" if tag in _HEADING_IDS else get("id") or ""
    return _attributes_kind(get("class") or "", id_, get("style"), get("role"), "hidden" in attrs)


@lru_cache(maxsize=32768)  # elements of a page share their attributes (every item of a list)
def _attributes_kind(classes: str, id_: str, style: str | None, role: str | None, hidden: bool) -> int:
    """What an element with these ``class``, ``id``, ``style``, ``role`` and ``hidden`` is."""
    hidden_class, unnamed_class = _class_facts(classes)
    # (a script may show a hidden element: a paywalled article body is hidden, too)
    if hidden_class or hidden or _hiding_style(style) or role in rules.JUNK_ROLES:
        return BOILERPLATE
    name = _id_name(id_)
    names = f"{classes} {name}"
    if len(names) <= 4 or (unnamed_class and _holds_no_list_word(name)):
        return NOT_NAMED
    return name_kind(names)


@lru_cache(maxsize=32768)  # elements of a page share their classes (every item of a list)
def _class_facts(classes: str) -> tuple[bool, bool]:
    """Whether ``class`` value ``classes`` hides its element, and whether it holds no list word."""
    return not rules.HIDDEN_CLASSES.isdisjoint(classes.split()), _holds_no_list_word(classes)


def _hiding_style(style: str | None) -> bool:
    """Whether a ``style`` attribute value hides its element."""
    return bool(style) and any(hiding in style.replace(" ", "").lower() for hiding in rules.HIDDEN_STYLES)  # type: ignore[union-attr]


def _holds_no_list_word(value: str) -> bool:
    """Whether a ``class`` or ``id`` value holds no word of the named word lists, nor a boilerplate
    word start (then it names nothing, and joined with another such value neither)."""
    if not value:
        return True
    spaced = spaced_words(value)
    return _VOCABULARY.isdisjoint(spaced.split()) and not _STEM_START.search(spaced)


def spaced_words(names: str) -> str:
    """The lower-cased words of ``names``, each after one space or more (camelCase split too:
    "imageEmbedCredit" is three words)."""
    if names.isascii() and names.islower():  # (no capital: words are the runs of letters and digits)
        return f" {names.encode().translate(_ASCII_WORD_BYTES).decode()}"
    return f" {' '.join(_WORD.findall(names)).lower()}"


@lru_cache(maxsize=32768)  # pages repeat class names (every item of a list) and sites repeat pages
def name_kind(names: str) -> int:
    """What ``class``/``id`` ``names`` call an element (see the word lists in rules)."""
    spaced, terms = _name_terms(names)
    if _names_article(names, terms):
        return NOT_NAMED
    if not terms.isdisjoint(rules.OVERLAY_WORDS):
        return OVERLAY
    if not terms.isdisjoint(rules.BOILERPLATE_WORDS) or _STEM_START.search(spaced):
        return BOILERPLATE
    return REGION if not terms.isdisjoint(rules.REGION_WORDS) else NOT_NAMED


def names_picture(names: str) -> bool:
    """Whether ``class``/``id`` ``names`` call an element a picture ("img-share": a picture readers
    may share, not a share button)."""
    return not _PICTURE_WORDS.isdisjoint(spaced_words(names).split())


def _name_terms(names: str) -> tuple[str, frozenset[str]]:
    """The words of ``names`` as :func:`_spaced_words` gives them, and its terms that may be in a
    word list.

    Terms are words and neighbouring pairs of words joined by "-"; only words of the lists and
    pairs of two such words can be in a list.
    """
    spaced = spaced_words(names)
    words = spaced.split()
    found = _VOCABULARY.intersection(words)
    if found and not _NEGATIONS.isdisjoint(words):
        # ("withoutCaption", "without-sidebar": the element lacks what the word names)
        negated = {second for first, second in pairwise(words) if first in _NEGATIONS}
        asserted = {second for first, second in pairwise(["", *words]) if first not in _NEGATIONS}
        found = found - (negated - asserted)
    if len(found) < 2:
        return spaced, found
    pairs = (f"{first}-{second}" for first, second in pairwise(words) if first in found and second in found)
    return spaced, found.union(pairs)


def _names_article(names: str, terms: frozenset[str]) -> bool:
    """Whether ``names`` (with ``terms`` from :func:`_name_terms`) name the article text."""
    return not terms.isdisjoint(rules.POSITIVE_WORDS) or not rules.ARTICLE_TOKENS.isdisjoint(
        names.lower().split()
    )


def is_article_named(names: str) -> bool:
    """Whether ``class``/``id`` ``names`` name the article text ("article-body", "content")."""
    return _names_article(names, _name_terms(names)[1])


def _id_name(value: str) -> str:
    """An ``id`` as a name, or ``""`` for a slug of a heading ("sharing-with-a-single-developer")."""
    return "" if value.count("-") >= MIN_SLUG_HYPHENS else value


def non_prose_under(container: LexborNode) -> list[LexborNode]:
    """Elements under ``container`` that are never prose, by tag, ARIA role or ``itemprop``."""
    marked = {
        node.mem_id
        for node in dom.descendants(container, rules.JUNK_ATTRIBUTE_SELECTOR)
        if _has_junk_attribute(node.attributes)
    }
    return [
        node
        for node in dom.descendants(container, "*")
        if node.tag_id in NON_PROSE_IDS or (marked and node.mem_id in marked)
    ]


def _has_junk_attribute(attrs: dict[str, str | None]) -> bool:
    """Whether attributes ``attrs`` mark a part that is not the article (a role, an ``itemprop``)."""
    return attrs.get("role") in rules.JUNK_ROLES or attrs.get("itemprop") in rules.JUNK_ITEMPROPS
