"""Metadata sources of a parsed page, read once into one value (pure, no I/O).

JSON-LD objects (broken JSON tolerated, ``@graph`` and arrays flattened), ``<meta>`` tags by
name/property/itemprop, microdata ``itemprop`` values, ``<link rel>``, ``<time>`` elements and the
``<html lang>``. The field cascades in this package read only this value and the tree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from worker.extract.select import Candidate, candidates

JsonObject = Mapping[str, Any]

ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "liveblogposting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "posting",
    }
)
PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "medicalwebpage"})
_MAX_JSONLD_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class TimeTag:
    """One ``<time>`` element: its ``datetime`` attribute, visible text and context."""

    datetime: str | None
    text: str
    context: str  # class/id/itemprop of the element and its parent, lower-case


@dataclass(frozen=True, slots=True)
class PageSources:
    """Every metadata source of one page, read once."""

    articles: tuple[JsonObject, ...]  # JSON-LD article-like objects, best first
    jsonld: tuple[JsonObject, ...]  # every JSON-LD object, flattened
    ids: Mapping[str, JsonObject]  # JSON-LD ``@id`` -> object, to resolve references
    meta: Mapping[str, tuple[str, ...]]  # lower-case name/property/http-equiv -> contents in page order
    microdata: Mapping[str, tuple[str, ...]]  # itemprop -> values in page order
    links: Mapping[str, str]  # lower-case rel -> first href
    times: tuple[TimeTag, ...]
    html_lang: str | None
    title: str | None  # the first <title>'s text
    headings: tuple[LexborNode, ...]  # the first <h1> elements (<h2> on a page without any <h1>)
    figures: tuple[LexborNode, ...]  # the first <figure> elements
    captions: tuple[LexborNode, ...]  # the first <figcaption> and caption-named elements

    def first_meta(self, *keys: str) -> tuple[str, str] | None:
        """The first non-empty content among meta ``keys`` (in key order) and the key that gave it."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value.strip():
                    return value.strip(), key
        return None

    def article_value(self, *keys: str) -> Any:
        """The first present value of ``keys`` in the JSON-LD article objects (best object first)."""
        for node in self.articles:
            for key in keys:
                value = node.get(key)
                if value not in (None, "", [], {}):
                    return value
        return None


# One traversal finds every node a source needs: each further css() query walks the whole tree again.
# (scripts other than JSON-LD are left out: each found node costs a dict of its attributes)
_SOURCE_NODES = (
    'meta, link, time, script[type*="ld+json" i], title, h1, figure, [itemprop], [property][content], '
    'figcaption, [class*="caption" i], [class*="bildunterschrift" i], [class*="description" i]'
)
# Class names of captions: "caption", German "Bildunterschrift", and a picture's description
# ("img-description", BEM's "detail-img__description"; not a page's or a product's description).
_CAPTION_CLASS = re.compile(
    r"caption|bildunterschrift|(?:img|image|photo|foto|picture|bild|media)[-_]*description", re.IGNORECASE
)
_KINDS = ("meta", "link", "time", "script", "title", "h1", "figure", "itemprop", "caption")
_MAX_TIMES = 50
_MAX_HEADINGS = 5
_MAX_FIGURES = 20
_MAX_CAPTIONS = 50


def read_sources(tree: LexborHTMLParser) -> PageSources:
    """Read every metadata source of ``tree`` once (one pass over the tree, then the nodes by kind)."""
    nodes, order = _nodes_by_kind(tree)
    objects = tuple(_jsonld_objects(nodes["script"]))
    ids = _ids(objects)
    html = tree.root  # the <html> element: no second walk over the tree to find it
    title = nodes["title"][0][0].text(strip=True) if nodes["title"] else None
    headings = _headings(node for node, _, _ in nodes["h1"]) or _headings(tree.css("h2"))
    return PageSources(
        articles=_rank_articles(objects),
        jsonld=objects,
        ids=ids,
        meta=_meta_tags(nodes["meta"]),
        microdata=_microdata(nodes["itemprop"]),
        links=_links(nodes["link"]),
        times=_times(nodes["time"][:_MAX_TIMES]),
        html_lang=html.attributes.get("lang") if html is not None else None,
        title=title,
        headings=headings,
        figures=_figures_from_headline([node for node, _, _ in nodes["figure"]], headings, order),
        captions=tuple(node for node, _, _ in nodes["caption"][:_MAX_CAPTIONS]),
    )


def _ids(objects: Iterable[JsonObject]) -> dict[str, JsonObject]:
    """The JSON-LD objects by ``@id``: the page's, and those defined in their properties (Yoast
    defines the ``#primaryimage`` ImageObject in the WebPage's ``image`` and refers to it from the
    Article's), a definition winning over a bare reference."""
    ids: dict[str, JsonObject] = {}
    nested: list[JsonObject] = []
    for node in objects:
        if isinstance(node.get("@id"), str):
            ids[str(node["@id"])] = node
        for value in node.values():
            for item in value if isinstance(value, list) else (value,):
                if isinstance(item, dict) and len(item) > 2 and isinstance(item.get("@id"), str):
                    nested.append(item)
    for item in nested:
        ids.setdefault(str(item["@id"]), item)
    return ids


def _headings(nodes: Iterable[LexborNode]) -> tuple[LexborNode, ...]:
    """The first heading elements of one level that hold text.

    A page without an ``<h1>`` (or with an empty one around a logo) shows its headline as an
    ``<h2>``: those pages only pay for the second walk over the tree that finds them.
    """
    return tuple(islice((node for node in nodes if node.text(strip=True)), _MAX_HEADINGS))


def _figures_from_headline(
    figures: list[LexborNode], headings: tuple[LexborNode, ...], order: dict[int, int]
) -> tuple[LexborNode, ...]:
    """Up to ``_MAX_FIGURES`` figures, in page order: those after the page's headline (its first
    ``<h1>``) first, then the nearest before it. A menu of teasers above the headline may hold the
    page's first twenty figures, and the article's follow its headline."""
    headline = order.get(headings[0].mem_id) if headings and headings[0].tag == "h1" else None
    if headline is None or len(figures) <= _MAX_FIGURES:
        return tuple(figures[:_MAX_FIGURES])
    after = [figure for figure in figures if order[figure.mem_id] > headline][:_MAX_FIGURES]
    before = [figure for figure in figures if order[figure.mem_id] < headline]
    room = _MAX_FIGURES - len(after)
    return tuple((before[-room:] if room else []) + after)


def _nodes_by_kind(tree: LexborHTMLParser) -> tuple[dict[str, list[Candidate]], dict[int, int]]:
    """The source nodes by kind, and the page-order position of the headings and figures among them."""
    kinds: dict[str, list[Candidate]] = {kind: [] for kind in _KINDS}
    order: dict[int, int] = {}
    for position, candidate in enumerate(candidates(tree, _SOURCE_NODES)):
        node, tag, attributes = candidate
        if tag in ("h1", "figure"):
            order[node.mem_id] = position
        if "itemprop" in attributes:
            kinds["itemprop"].append(candidate)
        if tag == "script" and (attributes.get("type") or "").strip().lower() == "application/ld+json":
            kinds["script"].append(candidate)
        elif tag in kinds and tag not in ("script", "itemprop", "caption"):
            kinds[tag].append(candidate)
        elif tag == "figcaption" or _CAPTION_CLASS.search(attributes.get("class") or ""):
            kinds["caption"].append(candidate)
        elif "property" in attributes and "content" in attributes:  # RDFa spans carry dates too
            kinds["meta"].append(candidate)
    return kinds, order


def type_names(node: JsonObject) -> set[str]:
    """The lower-case ``@type`` names of a JSON-LD object (a string or a list)."""
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(item).rsplit("/", 1)[-1].lower() for item in kinds if isinstance(item, str)}


# --- JSON-LD ------------------------------------------------------------------------------------

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _jsonld_objects(scripts: list[Candidate]) -> Iterator[JsonObject]:
    for script, _, _ in scripts:
        data = _loads(script.text(deep=True, strip=False)[:_MAX_JSONLD_CHARS])
        yield from _flatten(data, depth=0)


def _loads(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    text = text.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        pass
    repaired = _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text.replace("\n", " ")))
    try:
        return json.loads(repaired)
    except (ValueError, RecursionError):
        return _first_object(repaired)


def _first_object(text: str) -> Any:
    """Several objects concatenated, or trailing junk: decode what decodes."""
    decoder = json.JSONDecoder()
    start = text.find("{")
    values: list[Any] = []
    while start != -1 and len(values) < 20:
        try:
            value, end = decoder.raw_decode(text, start)
        except (ValueError, RecursionError):
            break
        values.append(value)
        start = text.find("{", end)
    return values


def _flatten(data: Any, depth: int) -> Iterator[JsonObject]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, list | dict):
            yield from _flatten(graph, depth + 1)
        if "@type" in data:
            yield data
            main = data.get("mainEntity") or data.get("mainEntityOfPage")
            if isinstance(main, dict) and type_names(main) & ARTICLE_TYPES:
                yield main


def _rank_articles(objects: tuple[JsonObject, ...]) -> tuple[JsonObject, ...]:
    articles = [node for node in objects if type_names(node) & ARTICLE_TYPES]
    # A page listing teasers carries several articles: the one with a body or headline comes first.
    articles.sort(key=lambda node: (not node.get("articleBody"), not node.get("headline")))
    pages = [node for node in objects if type_names(node) & PAGE_TYPES]
    return tuple(articles + pages)


# --- meta, microdata, links, time ---------------------------------------------------------------


def _meta_tags(nodes: list[Candidate]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for _, _, attributes in nodes:
        content = attributes.get("content")
        if content is None:
            continue
        for attribute in ("property", "name", "http-equiv"):
            key = attributes.get(attribute)
            if key:
                for part in key.lower().split():
                    found.setdefault(part, []).append(content)
    return {key: tuple(values) for key, values in found.items()}


def _microdata(nodes: list[Candidate]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for node in nodes:  # <meta itemprop> included: microdata, not page metadata
        value = _itemprop_value(node)
        if value:
            for key in (node[2].get("itemprop") or "").split():
                found.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in found.items()}


def _itemprop_value(candidate: Candidate) -> str | None:
    node, tag, attributes = candidate
    for attribute in ("content", "datetime"):
        if attributes.get(attribute):
            return attributes[attribute]
    if "itemscope" in attributes:
        name = node.css_first('[itemprop~="name"]')
        return name.attributes.get("content") or name.text(strip=True) if name is not None else None
    if tag in ("a", "link") and attributes.get("href") and tag == "link":
        return attributes["href"]
    if tag == "img":
        return attributes.get("src")
    return node.text(separator=" ", strip=True)[:500] or None


def _links(nodes: list[Candidate]) -> dict[str, str]:
    found: dict[str, str] = {}
    for _, _, attributes in nodes:
        href = attributes.get("href")
        if not href:
            continue
        for rel in (attributes.get("rel") or "").lower().split():
            found.setdefault(rel, href)
    return found


def _times(nodes: list[Candidate]) -> tuple[TimeTag, ...]:
    tags = []
    for node, _, attributes in nodes:
        parent = node.parent
        grandparent = parent.parent if parent is not None else None
        context = " ".join(
            _markers(element.attributes if element is not node else attributes)
            for element in (node, parent, grandparent)
            if element is not None
        )
        if "pubdate" in attributes:
            context += " pubdate"
        tags.append(TimeTag(attributes.get("datetime"), node.text(strip=True)[:200], context.lower()))
    return tuple(tags)


def _markers(attributes: dict[str, str | None]) -> str:
    return f"{attributes.get('class') or ''} {attributes.get('id') or ''} {attributes.get('itemprop') or ''}"
