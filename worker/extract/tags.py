"""Tag cascade: keywords and tags with their source (pure, no I/O).

Order: JSON-LD ``keywords``, ``article:tag``, meta keywords (news_keywords, keywords, parsely,
sailthru), microdata ``keywords``, then visible tag links (``rel=tag``, tag lists).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from worker.extract.sources import PageSources
from worker.extract.values import Found, jsonld_texts

OPENGRAPH_KEYS = ("article:tag", "og:article:tag")
META_KEYS = ("news_keywords", "keywords", "parsely-tags", "sailthru.tags", "article.tags", "dc.subject")
LINK_SELECTORS = ('a[rel~="tag"]', '[class*="tags"] a', '[class*="tag-list"] a', '[class*="keywords"] a')
_SPLIT = re.compile(r"\s*[,;]\s*")


def extract_tags(tree: LexborHTMLParser, sources: PageSources) -> Found[list[str]] | None:
    """The first source that gives tags (split on commas where given as one string)."""
    keywords = _split(jsonld_texts(sources.article_value("keywords")))
    if keywords:
        return Found(keywords, "json-ld")
    tags = [tag for key in OPENGRAPH_KEYS for tag in sources.meta.get(key, ())]
    if _split(tags):
        return Found(_split(tags), "opengraph")
    meta = sources.first_meta(*META_KEYS)
    if meta:
        return Found(_split([meta[0]]), "meta")
    microdata = _split(list(sources.microdata.get("keywords", ())[:1]))
    if microdata:
        return Found(microdata, "microdata")
    links = _tag_links(tree)
    return Found(links, "heuristic") if links else None


def _split(values: list[str]) -> list[str]:
    return [part for value in values for part in _SPLIT.split(value) if part.strip()]


def _tag_links(tree: LexborHTMLParser) -> list[str]:
    for selector in LINK_SELECTORS:
        texts = [node.text(strip=True) for node in tree.css(selector)[:40]]
        texts = [text for text in texts if 0 < len(text) <= 60]
        if texts:
            return texts
    return []
