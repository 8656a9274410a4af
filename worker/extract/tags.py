"""Tag cascade: keywords and tags with their source (pure, no I/O).

Order: JSON-LD ``keywords`` (unless it is the meta keywords joined by spaces), ``article:tag``, meta
keywords (news_keywords, keywords, parsely, sailthru), microdata ``keywords``, then visible tag links
(``rel=tag``, tag lists).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from worker.extract import byline
from worker.extract.select import AttributeTest, Candidate, candidates, inside
from worker.extract.sources import PageSources
from worker.extract.values import Found, jsonld_texts

OPENGRAPH_KEYS = ("article:tag", "og:article:tag")
META_KEYS = ("news_keywords", "keywords", "parsely-tags", "sailthru.tags", "article.tags", "dc.subject")
# WordPress marks category links rel="category tag": those are the section, not tags.
# (containers, links inside them): see worker.extract.select for why descendants are two queries
LINK_SELECTORS: tuple[tuple[str, str | None], ...] = (
    ('a[rel~="tag"]:not([rel~="category"])', None),
    ('[class*="tags"], [class*="tag-list"], [class*="TagList"], [class*="keywords"]', "a"),
    (
        'a[href*="/tag/"], a[href*="/tags/"], a[href*="/topic/"], a[href*="/topics/"], '
        'a[href*="/schlagwort/"], a[href*="/thema/"]',
        None,
    ),
)
# The last two lists are found from supersets with fewer substring tests (each costs Lexbor about a
# walk over the tree), then sorted exactly: "tag" holds "tags" and "tag-list"; "/t" the link paths
# but one. A link is listed once per part its address has, as the selector list lists it.
_CONTAINER_CANDIDATES = '[class*="tag"], [class*="TagList"], [class*="keywords"]'
_CONTAINER_TESTS = tuple(AttributeTest("class", part) for part in ("tags", "tag-list", "TagList", "keywords"))
_LINK_CANDIDATES = 'a:is([href*="/t"], [href*="/schlagwort/"])'
_LINK_PARTS = ("/tag/", "/tags/", "/topic/", "/topics/", "/schlagwort/", "/thema/")
# Tag lists of other stories or of the whole site (the entry footer does hold the article's own tags).
_ELSEWHERE = re.compile(r"\b(?:comments?|related|teasers?|sidebar|widget|tag-?cloud|nav|navigation|menu)\b")
# Identifiers and host names are not tags (some CMSs put their GUIDs and domains in the keywords).
_NOT_TAG = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-|^[0-9a-f]{16,}$|^[\w-]+(?:\.[\w-]+)*\.(?:com|de|org|net|at|ch|uk)$", re.I
)
MAX_TAGS = 50  # more is a keyword dump, not tags
_SPLIT = re.compile(r"\s*[,;]\s*")


def extract_tags(tree: LexborHTMLParser, sources: PageSources) -> Found[list[str]] | None:
    """The first source that gives tags (split on commas where given as one string)."""
    keywords = _split(jsonld_texts(sources.article_value("keywords")))
    meta = sources.first_meta(*META_KEYS)
    if keywords and not (meta and _joined_by_spaces(keywords, _split([meta[0]]))):
        return Found(keywords, "json-ld")
    tags = [tag for key in OPENGRAPH_KEYS for tag in sources.meta.get(key, ())]
    if _split(tags):
        return Found(_split(tags), "opengraph")
    if meta:
        return Found(_split([meta[0]]), "meta")
    microdata = _split(list(sources.microdata.get("keywords", ())[:1]))
    if microdata:
        return Found(microdata, "microdata")
    links = _tag_links(tree)
    return Found(links, "heuristic") if links else None


def _joined_by_spaces(keywords: list[str], listed: list[str]) -> bool:
    """Whether ``keywords`` is one string of the ``listed`` tags joined by spaces, in any order
    ("Cannes Messen Duisburg" for "Duisburg,Messen,Cannes"): a list that lost its separators."""
    return len(keywords) == 1 < len(listed) and sorted(keywords[0].split()) == sorted(
        word for tag in listed for word in tag.split()
    )


# Tags a CMS labels ("NLP Entity Tokens: Jasper", "Section: Sport:Football"): a section or category
# label marks the page's section, no tag; an entity or keyword label marks a tag.
_LABELLED = re.compile(r"^([a-z][a-z ]{2,30}):\s*(\S.*)$", re.IGNORECASE)
_SECTION_LABELS = frozenset({"category", "nlp category", "section", "categories"})
_TAG_LABELS = frozenset({"nlp entity tokens", "tag", "tags", "keyword", "keywords", "topic", "topics"})


def _split(values: list[str] | tuple[str, ...]) -> list[str]:
    """The tags in ``values``, each value split at commas and semicolons (not those of its entities:
    "Governance &amp; Affairs" is one tag)."""
    parts = (
        _unlabelled(part.strip())
        for value in values[:MAX_TAGS]
        for part in _SPLIT.split(html.unescape(value[:5_000]) if "&" in value else value[:5_000])
    )
    return [part for part in parts if part and not _NOT_TAG.match(part)][:MAX_TAGS]


def _unlabelled(tag: str) -> str:
    """``tag`` without a CMS's tag label, or ``""`` for a labelled section (see ``_LABELLED``)."""
    labelled = _LABELLED.match(tag) if ":" in tag else None
    if labelled is None:
        return tag
    label = labelled.group(1).lower()
    if label in _SECTION_LABELS:
        return ""
    return labelled.group(2) if label in _TAG_LABELS else tag


def _tag_links(tree: LexborHTMLParser) -> list[str]:
    """Texts of the first group of tag links (one list: links with a common ancestor up to 3 levels up)."""
    for nodes in _link_groups(tree):
        texts = _group_texts(nodes[:60])
        if texts:
            return texts
    return []


def _link_groups(tree: LexborHTMLParser) -> Iterator[list[LexborNode]]:
    """The nodes of each of ``LINK_SELECTORS`` in turn, as ``tree.css`` lists them."""
    yield tree.css(LINK_SELECTORS[0][0])
    found = candidates(tree, _CONTAINER_CANDIDATES)
    yield inside((candidate[0] for candidate in found if _is_container(candidate)), "a")
    links = candidates(tree, _LINK_CANDIDATES)
    yield [
        node
        for node, _, attributes in links
        for part in _LINK_PARTS
        if part in (attributes.get("href") or "")
    ]


def _is_container(candidate: Candidate) -> bool:
    return any(test.matches(candidate) for test in _CONTAINER_TESTS)


def _group_texts(nodes: list[LexborNode]) -> list[str]:
    texts: list[str] = []
    group: set[int] = set()
    for node in nodes:
        text = node.text(strip=True)
        ancestors = _ancestors(node)
        if not 0 < len(text) <= 60 or (group and not group & ancestors):
            continue
        if byline.in_boilerplate(node, _ELSEWHERE):
            continue
        group = group or ancestors
        texts.append(text)
    return texts


def _ancestors(node: LexborNode) -> set[int]:
    ids = set()
    parent = node.parent
    for _ in range(3):
        if parent is None or parent.tag in ("body", "html"):
            break
        ids.add(parent.mem_id)
        parent = parent.parent
    return ids
