"""Parses discovery sources: RSS 2.0, Atom, sitemaps, sitemap indexes, news sitemaps (pure, no I/O).

Input is the document's bytes (gzip is unpacked here, within a size cap); output is the article
URLs found, with their dates when the source gives one, and child sitemaps to follow.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

from dateutil import parser as dateparser
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from worker.errors import PermanentError

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
MAX_ENTRIES = 50_000


@dataclass(frozen=True, slots=True)
class Discovered:
    """One article URL from a source; ``published`` when the source dates it."""

    url: str
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """What a discovery document holds: article URLs and, for a sitemap index, child sitemaps."""

    kind: str  # rss | atom | sitemap | sitemapindex
    articles: tuple[Discovered, ...] = ()
    sitemaps: tuple[str, ...] = ()


def gunzip(body: bytes, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """Unpack a gzip body, refusing more than ``limit`` bytes (a gzip bomb stops at the cap)."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise PermanentError("feed_unparseable", f"bad gzip: {error}") from error
    if len(data) > limit:
        raise PermanentError("too_large", f"sitemap larger than {limit} bytes unpacked")
    return data


def _local(tag: object) -> str:
    """Tag name without its namespace: ``{http://...}loc`` -> ``loc``."""
    return str(tag).rsplit("}", 1)[-1].lower()


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: Element, *path: str) -> str | None:
    """Text of the first descendant along ``path`` of local names."""
    current: Element | None = element
    for name in path:
        found = _children(current, name) if current is not None else []
        current = found[0] if found else None
    text = current.text if current is not None else None
    return text.strip() if text and text.strip() else None


def parse_date(value: str | None) -> datetime | None:
    """A feed or sitemap date as an aware UTC datetime (naive dates are taken as UTC)."""
    if not value:
        return None
    try:
        moment = dateparser.parse(value)
    except (ValueError, OverflowError):
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def _absolute(base: str, url: str | None) -> str | None:
    if not url:
        return None
    absolute = urljoin(base, url)
    return absolute if absolute.startswith(("http://", "https://")) else None


def _rss(root: Element, base: str) -> Source:
    articles = []
    for item in root.iter():
        if _local(item.tag) != "item":
            continue
        url = _absolute(base, _text(item, "link") or _text(item, "guid"))
        if url:
            articles.append(Discovered(url, parse_date(_text(item, "pubdate") or _text(item, "date"))))
    return Source("rss", tuple(articles[:MAX_ENTRIES]))


def _atom_link(entry: Element) -> str | None:
    links = _children(entry, "link")
    preferred = [link for link in links if link.get("rel", "alternate") == "alternate"] or links
    return preferred[0].get("href") if preferred else None


def _atom(root: Element, base: str) -> Source:
    articles = []
    for entry in _children(root, "entry"):
        url = _absolute(base, _atom_link(entry))
        if url:
            articles.append(Discovered(url, parse_date(_text(entry, "published") or _text(entry, "updated"))))
    return Source("atom", tuple(articles[:MAX_ENTRIES]))


def _sitemap_date(url_element: Element) -> datetime | None:
    news_date = _text(url_element, "news", "publication_date")
    return parse_date(news_date or _text(url_element, "lastmod"))


def _urlset(root: Element, base: str) -> Source:
    articles = []
    for entry in _children(root, "url"):
        url = _absolute(base, _text(entry, "loc"))
        if url:
            articles.append(Discovered(url, _sitemap_date(entry)))
    return Source("sitemap", tuple(articles[:MAX_ENTRIES]))


def _sitemapindex(root: Element, base: str) -> Source:
    children = (_absolute(base, _text(entry, "loc")) for entry in _children(root, "sitemap"))
    return Source("sitemapindex", sitemaps=tuple(url for url in children if url)[:MAX_ENTRIES])


_PARSERS = {"rss": _rss, "rdf": _rss, "feed": _atom, "urlset": _urlset, "sitemapindex": _sitemapindex}


def parse_source(body: bytes, base_url: str) -> Source:
    """Parse a feed or sitemap document fetched from ``base_url`` (gzip allowed).

    Raises :class:`PermanentError` ``feed_unparseable`` for anything that is not one of them.
    """
    data = gunzip(body)
    try:
        root = ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        raise PermanentError("feed_unparseable", str(error)[:200]) from error
    parse = _PARSERS.get(_local(root.tag))
    if parse is None:
        raise PermanentError("feed_unparseable", f"unknown root element <{_local(root.tag)}>")
    return parse(root, base_url)
