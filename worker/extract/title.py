"""Title cascade: the headline with its source (pure, no I/O).

Order: JSON-LD ``headline``/``name``, ``og:title``, meta titles (twitter, dc, citation, parsely,
sailthru), microdata ``headline``, the single ``<h1>``, then ``<title>`` without the site name.
A metadata title carrying the site name ("Headline | Site") loses that suffix.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from worker.extract.sources import PageSources
from worker.extract.values import Found, jsonld_text

JSONLD_KEYS = ("headline", "name", "alternativeHeadline")
OPENGRAPH_KEYS = ("og:title",)
META_KEYS = (
    "twitter:title",
    "dc.title",
    "dcterms.title",
    "citation_title",
    "parsely-title",
    "sailthru.title",
    "title",
    "headline",
)
_SEPARATORS = re.compile("\\s+(?:[|\u2013\u2014·•»:]|-|::)\\s+")
_MAX_TITLE_CHARS = 400


def extract_title(tree: LexborHTMLParser, sources: PageSources, site_name: str | None) -> Found[str] | None:
    """The first source that gives a title, with the site name suffix removed."""
    headings = _h1_texts(tree)
    for found in _candidates(sources, headings, tree):
        if found.value and len(found.value) <= _MAX_TITLE_CHARS:
            return Found(strip_site_name(found.value, site_name, headings), found.source)
    return None


def _candidates(sources: PageSources, headings: list[str], tree: LexborHTMLParser) -> list[Found[str]]:
    found: list[Found[str]] = []
    headline = jsonld_text(sources.article_value(*JSONLD_KEYS))
    if headline:
        found.append(Found(headline, "json-ld"))
    for keys, source in ((OPENGRAPH_KEYS, "opengraph"), (META_KEYS, "meta")):
        meta = sources.first_meta(*keys)
        if meta:
            found.append(Found(meta[0], source))
    found.extend(Found(value, "microdata") for value in sources.microdata.get("headline", ())[:1])
    if len(headings) == 1:
        found.append(Found(headings[0], "heuristic"))
    title = tree.css_first("title")
    if title is not None:
        found.append(Found(title.text(strip=True), "heuristic"))
    found.extend(Found(heading, "heuristic") for heading in headings[:1])
    return found


def _h1_texts(tree: LexborHTMLParser) -> list[str]:
    texts = (node.text(separator=" ", strip=True) for node in tree.css("h1")[:5])
    return [text for text in texts if text]


def strip_site_name(title: str, site_name: str | None, headings: list[str]) -> str:
    """``title`` without a trailing or leading site name part ("Headline | Site" -> "Headline")."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    folded = {heading.casefold() for heading in headings}
    if title.casefold() in folded:
        return title
    site = (site_name or "").casefold()
    for kept in (parts[:-1], parts[1:]):
        dropped = parts[-1] if kept == parts[:-1] else parts[0]
        if (site and _same_site(dropped, site)) or _SEPARATORS.sub(" ", title).casefold() in folded:
            return _join(title, kept)
    joined = _join(title, parts[:-1])
    if joined.casefold() in folded or (len(parts[-1]) < 30 and len(parts[-1]) < len(joined) // 2):
        return joined
    return title


def _same_site(part: str, site: str) -> bool:
    part = part.casefold().strip()
    return part == site or part.replace(" ", "") in site.replace(" ", "") or site in part


def _join(title: str, parts: list[str]) -> str:
    """Rejoin ``parts`` with the separators they had in ``title``."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip()
