"""Author cascade: raw author strings with their source (pure, no I/O).

Order: JSON-LD ``author``/``creator``, meta names (author, article:author, parsely, sailthru,
dc.creator, citation_author), microdata ``author``, the visible byline. Cleaning (prefixes, roles,
splitting, name case) is :func:`worker.normalise.clean_authors`.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from worker.extract import byline
from worker.extract.sources import PageSources
from worker.extract.values import Found, jsonld_texts

JSONLD_KEYS = ("author", "creator")
OPENGRAPH_KEYS = ("article:author", "og:article:author")
META_KEYS = (
    "author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "byl",
    "article.author",
    "authors",
    "cxenseparse:author",
)
MICRODATA_KEYS = ("author", "creator")


def extract_authors(tree: LexborHTMLParser, sources: PageSources) -> Found[list[str]] | None:
    """The first source that names authors."""
    for found in (_jsonld(sources), _opengraph(sources), _meta(sources), _microdata(sources)):
        if found is not None:
            return found
    texts = byline.byline_authors(tree)
    return Found(texts, "byline-text") if texts else None


def _jsonld(sources: PageSources) -> Found[list[str]] | None:
    for node in sources.articles:
        for key in JSONLD_KEYS:
            names = [name for name in jsonld_texts(node.get(key), sources.ids) if not _is_url(name)]
            if names:
                return Found(names, "json-ld")
    return None


def _opengraph(sources: PageSources) -> Found[list[str]] | None:
    names = [name for key in OPENGRAPH_KEYS for name in sources.meta.get(key, ()) if not _is_url(name)]
    return Found(names, "opengraph") if any(name.strip() for name in names) else None


def _meta(sources: PageSources) -> Found[list[str]] | None:
    for key in META_KEYS:
        names = [name for name in sources.meta.get(key, ()) if name.strip() and not _is_url(name)]
        if names:
            return Found(names, "meta")
    return None


def _microdata(sources: PageSources) -> Found[list[str]] | None:
    for key in MICRODATA_KEYS:
        names = [name for name in sources.microdata.get(key, ()) if len(name) <= 120 and not _is_url(name)]
        if names:
            return Found(names[:6], "microdata")
    return None


def _is_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://", "www.", "/"))
