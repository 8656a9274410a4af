"""Author cascade: clean author names with their source (pure, no I/O).

Order: JSON-LD ``author``/``creator``, ``article:author``, meta names (author, parsely, sailthru,
dc.creator, citation_author, Yoast's "Written by"), microdata ``author`` of the article, the visible
byline, a line of names in bold opening or closing the text. A source whose names all clean away (an
e-mail address, a URL) falls through. The publisher named as author is kept only when no source names a
person; other organisations credited beside a person (a news agency, "SDA") follow the person.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser

from worker.extract import byline
from worker.extract.site import same_site
from worker.extract.sources import PageSources, type_names
from worker.extract.values import Found, jsonld_items, jsonld_text
from worker.normalise import clean_authors

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
    "twitter:misc:written",  # "twitter:misc:Written by", split on the space like every meta key
)
WRITTEN_BY_LABELS = frozenset({"written by", "verfasst von", "geschrieben von", "auteur", "autor", "author"})
# Keys that give one author per tag, surname first as library catalogues write it ("Jong, Michiel de").
INVERTED_NAME_KEYS = frozenset({"dc.creator", "dcterms.creator", "citation_author"})
MICRODATA_SCOPE = '[itemscope][itemtype*="Article"], [itemscope][itemtype*="Posting"]'
ORGANISATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "website"})

Names = tuple[str, ...]
# A user name: one word with digits or underscores in it ("link78", "j03f3l_"), not a person's name.
_USER_NAME = re.compile(r"^(?=\S*[^\W\d_])\S*[\d_]\S*$")
MAX_VALUES = 20  # a page naming more authors is listing something else (references, a team page)


def extract_authors(
    tree: LexborHTMLParser, sources: PageSources, site_names: tuple[str, ...]
) -> Found[Names] | None:
    """The first source that names a person; else the first that names anyone (an organisation)."""
    fallback: Found[Names] | None = None
    for found in _candidates(tree, sources):
        # (the site credited as author, alone or beside its writers, names no person; nor does a
        # CMS user name, which a forum post's author may be but a name elsewhere on the page beats)
        people = tuple(
            name for name in found.value if not _is_the_site(name, site_names) and not _USER_NAME.match(name)
        )
        if people:
            return Found(people, found.source)
        fallback = fallback or (found if found.value else None)
    return fallback


def _candidates(tree: LexborHTMLParser, sources: PageSources) -> Iterator[Found[Names]]:
    yield Found(_jsonld_people(sources), "json-ld")
    opengraph = [name for key in OPENGRAPH_KEYS for name in sources.meta.get(key, ())[:MAX_VALUES]]
    yield Found(clean_authors(_not_urls(opengraph)), "opengraph")
    for key in META_KEYS:
        values = sources.meta.get(key, ())[:MAX_VALUES]
        if key in INVERTED_NAME_KEYS:
            values = tuple(map(_uninverted, values))
        yield Found(clean_authors(_not_urls(values)), "meta")
    label = sources.first_meta("twitter:label1")
    if label and label[0].strip().casefold() in WRITTEN_BY_LABELS:
        yield Found(clean_authors(_not_urls(sources.meta.get("twitter:data1", ()))), "meta")
    yield Found(clean_authors(_microdata_names(tree)), "microdata")
    yield Found(clean_authors(byline.byline_authors(tree)), "byline-text")
    yield Found(clean_authors(byline.signed_names(tree)), "byline-text")


def _jsonld_people(sources: PageSources) -> Names:
    """Names of the first article object's authors; organisations (a news agency credited beside the
    writer, or the publisher, which the cascade drops) go last so a person leads."""
    for node in sources.articles:
        for key in JSONLD_KEYS:
            items = list(itertools.islice(jsonld_items(node.get(key), sources.ids), MAX_VALUES))
            ordered = sorted(items, key=_is_organisation)  # (stable: people first, in page order)
            names = clean_authors(_not_urls([jsonld_text(item) or "" for item in ordered]))
            if names:
                return names
    return ()


# "Surname, Given names": one surname word (after its particles), then up to three given names or
# initials ("Kooman, F.", "Jong, Michiel de"); "Jane Doe, CNN" has two words before its comma.
_MAX_INVERTED_CHARS = 100
_INVERTED_NAME = re.compile(
    r"\s*((?:(?:van|von|de|der|den|da|du|del|la|le)\s+)*[^\W\d_][\w'\u2019-]*)\s*,"
    r"\s*([^\W\d_][\w'\u2019.-]*(?:\s+[^\W\d_][\w'\u2019.-]*){0,2})\s*"
)


def _uninverted(value: str) -> str:
    """An author value written surname first ("Jong, Michiel de") in reading order ("Michiel de
    Jong"); any other value unchanged."""
    # (a name is short: a long value is none, and is not scanned)
    match = _INVERTED_NAME.fullmatch(value) if len(value) <= _MAX_INVERTED_CHARS else None
    return f"{match.group(2).strip()} {match.group(1)}" if match else value


def _is_organisation(item: object) -> bool:
    return isinstance(item, dict) and bool(type_names(item) & ORGANISATION_TYPES)


def _is_the_site(name: str, site_names: tuple[str, ...]) -> bool:
    """Whether ``name`` is the site's own (the publisher credited as author)."""
    return any(same_site(name, site) for site in site_names)


def _microdata_names(tree: LexborHTMLParser) -> list[str]:
    scope = tree.css_first(MICRODATA_SCOPE)
    if scope is None:
        return []
    names = []
    for node in scope.css('[itemprop~="author"], [itemprop~="creator"]')[:6]:
        inner = node.css_first('[itemprop~="name"]')
        source = inner if inner is not None else node
        text = source.attributes.get("content") or source.text(separator=" ", strip=True)
        if text and len(text) <= 120:
            names.append(text)
    return names


def _not_urls(names: Iterator[str] | tuple[str, ...] | list[str]) -> list[str]:
    return [
        name
        for name in names
        if name and not name.strip().lower().startswith(("http://", "https://", "www.", "/"))
    ]
