"""Pure extraction core: HTML text + URL in, a typed :class:`~worker.models.Article` out (no I/O).

Flow: guard the markup, parse once with selectolax's Lexbor parser, read every metadata source once
(:mod:`.sources`), run one short cascade per field, extract the body last (it prunes the tree), then
normalise and compose (:mod:`.compose`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from worker.config import Settings
from worker.extract import rules
from worker.extract.authors import extract_authors
from worker.extract.body import Body, extract_body
from worker.extract.compose import RawFields, compose
from worker.extract.dates import extract_dates
from worker.extract.fields import (
    declared_publisher,
    extract_canonical,
    extract_categories,
    extract_dek,
    extract_description,
    extract_language,
    extract_site_name,
)
from worker.extract.guard import check_markup
from worker.extract.images import extract_images
from worker.extract.script_body import MIN_BODY_CHARS, script_body
from worker.extract.site import site_names
from worker.extract.sources import PageSources, read_sources
from worker.extract.tags import extract_tags
from worker.extract.title import extract_title
from worker.models import Article


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Knobs of the pure core; built from :class:`worker.config.Settings` by the I/O shell."""

    max_chars: int = 5 * 1024 * 1024
    max_depth: int = 1024
    # host suffix -> IANA zone, for pages that print naive local times (jpost.com -> Asia/Jerusalem)
    site_timezones: Mapping[str, str] = field(default_factory=dict)


DEFAULT_OPTIONS = ExtractOptions()


def options_from_settings(settings: Settings) -> ExtractOptions:
    """The core's options from the worker settings (``INGEST_EXTRACT_*``, ``INGEST_SITE_TIMEZONES``)."""
    return ExtractOptions(
        max_chars=settings.extract_max_chars,
        max_depth=settings.extract_max_depth,
        site_timezones=dict(settings.site_timezones),
    )


def extract_article(html: str, url: str, options: ExtractOptions = DEFAULT_OPTIONS) -> Article:
    """Extract the article from ``html`` fetched at ``url``.

    Raises :class:`worker.errors.PermanentError` (reason ``too_large``, ``too_deeply_nested``...) for
    a page that must not be parsed; raises nothing else.
    """
    html = check_markup(html, options.max_chars, options.max_depth)
    tree = LexborHTMLParser(html)
    sources = read_sources(tree)
    raw = read_fields(tree, sources, url, html)
    body = read_body(tree, sources, html)  # last: the body extractor prunes the tree
    return compose(raw, body, url, _host(url), options.site_timezones)


def read_body(tree: LexborHTMLParser, sources: PageSources, html: str) -> Body:
    """The article text and pictures of the parsed page (pruning ``tree``), reusing the JSON-LD
    parsed for the metadata; a page rendered by JavaScript may carry its article in a script instead
    (then its text and pictures are the script's article's)."""
    article_body = sources.article_value("articleBody")
    body = extract_body(tree, article_body if isinstance(article_body, str) else "")
    if len(body.text) < MIN_BODY_CHARS:
        scripted = script_body(html)
        if len(scripted.text) > len(body.text):
            return scripted
    return body


def read_fields(tree: LexborHTMLParser, sources: PageSources, url: str, html: str) -> RawFields:
    """Run every field cascade except the body on the parsed page (without its scripts and styles:
    the cascades read text, and code inside a heading or a byline is none; sources are read)."""
    tree.strip_tags(rules.CODE_TAGS)  # (unlinked in C, by tag name: no selector, no node objects)
    site_name = extract_site_name(sources, _host(url))
    publisher = declared_publisher(sources)
    # (a page may declare its publisher in meta only: "Deutsche Welle (www.dw.com)", its author too)
    declared = (site_name.value if site_name else None, publisher, *sources.meta.get("publisher", ())[:1])
    names = site_names(declared, _host(url), sources.title)
    dates = extract_dates(tree, sources, url, html)
    title = extract_title(tree, sources, names)
    return RawFields(
        title=title,
        description=extract_description(sources, names) or extract_dek(tree, title.value if title else None),
        authors=extract_authors(tree, sources, names),
        published=dates.published,
        modified=dates.modified,
        tags=extract_tags(tree, sources),
        images=extract_images(tree, sources, url),
        categories=extract_categories(tree, sources),
        site_name=site_name,
        language=extract_language(sources),
        canonical_url=extract_canonical(sources, url),
    )


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
