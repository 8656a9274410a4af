"""Short cascades for the page-level fields: description, section, site name, language, canonical URL.

Pure, no I/O. Each returns the raw value and its source; :mod:`worker.normalise` cleans it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import SplitResult, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from worker.extract.breadcrumbs import breadcrumb_section
from worker.extract.site import SEPARATORS, same_site, site_names, squash
from worker.extract.sources import PageSources, type_names
from worker.extract.values import Found, jsonld_text, jsonld_texts
from worker.normalise import MAX_CATEGORIES, canonical_url, clean_categories

DESCRIPTION_META = (
    "description",
    "twitter:description",
    "dc.description",
    "dcterms.abstract",
    "citation_abstract",
)
# Fewer words in fewer characters are a label ("Raptastisch", "Lijiang China"), not a standfirst
# (characters too: Chinese and Japanese write no spaces).
_MIN_DESCRIPTION_WORDS, _MIN_LABEL_CHARS = 3, 20
_MAX_TAGLINE_WORDS = 8  # a description this short naming the site is the site's tagline
# A template the CMS did not render ("{{ entry.teaser }}"); bounded, so that text full of "{{" costs
# linear time (an unbounded ".*?" scans to the end from every one of them).
_TEMPLATE = re.compile(r"\{\{[^{}]{0,200}\}\}|\{%[^%]{0,200}%\}|<%[^%]{0,200}%>")
# Descriptions a CMS fills in for every post (WordPress's Jetpack).
_DEFAULT_DESCRIPTIONS = frozenset({"visit the post for more."})
SECTION_META = (
    "article:section",
    "og:article:section",
    "parsely-section",
    "sailthru.section",
    "section",
    "category",
)
SITE_NAME_META = ("application-name", "publisher", "dc.publisher", "citation_publisher", "twitter:site")
LANGUAGE_META = (
    "og:locale",
    "content-language",
    "language",
    "dc.language",
    "dcterms.language",
    "citation_language",
)
DEK_SELECTORS = (
    '[class*="standfirst"]',
    '[class*="subtitle"]',
    '[class*="dek"]',
    '[class*="lead"]',
    '[class*="teaser"]',
)


def extract_description(sources: PageSources, names: tuple[str, ...]) -> Found[str] | None:
    """Standfirst: JSON-LD ``description``, ``og:description``, then the meta descriptions, then
    microdata; the first that reads like one (see :func:`_reads_like_standfirst`; ``names``: the
    site's squashed names)."""
    found = (candidate for candidate in _description_candidates(sources) if candidate.value)
    return next((candidate for candidate in found if _reads_like_standfirst(candidate.value, names)), None)


def _description_candidates(sources: PageSources) -> Iterator[Found[str]]:
    yield Found(jsonld_text(sources.article_value("description", "abstract")) or "", "json-ld")
    for keys, source in ((("og:description",), "opengraph"), (DESCRIPTION_META, "meta")):
        meta = sources.first_meta(*keys)
        if meta:
            yield Found(meta[0], source)
    for value in sources.microdata.get("description", ())[:1]:
        yield Found(value, "microdata")


def _reads_like_standfirst(text: str, names: tuple[str, ...]) -> bool:
    """Whether a declared description can be the article's standfirst: not an unrendered template
    ("{{ entry.teaser }}"), not a CMS's default text, more than a label, and not a short tagline
    naming the site ("nachtkritik.de - das unabhängige Theaterportal")."""
    words = text.split()
    if (len(words) < _MIN_DESCRIPTION_WORDS and len(text) < _MIN_LABEL_CHARS) or _TEMPLATE.search(text):
        return False
    if " ".join(words).casefold() in _DEFAULT_DESCRIPTIONS:
        return False
    if len(words) > _MAX_TAGLINE_WORDS:
        return True
    # (a part between separators may hold more than the name; a word must be the name)
    if any(same_site(part, name) for part in SEPARATORS.split(text) for name in names):
        return False
    return not any(squash(word) in names for word in words)


def extract_categories(tree: LexborHTMLParser, sources: PageSources) -> Found[list[str]] | None:
    """Every section the article is filed under, from the first source that names one: JSON-LD
    ``articleSection``, ``article:section``, meta names, microdata, the post's category links, the
    section of the breadcrumb trail.

    The first is the page's ``section``. A value listing sections joined by commas gives each.
    """
    found = _category_candidates(tree, sources)
    return next((candidate for candidate in found if clean_categories(candidate.value)), None)


def _category_candidates(tree: LexborHTMLParser, sources: PageSources) -> Iterator[Found[list[str]]]:
    """The categories of each source in cascade order, each read only when the previous one failed."""
    yield Found(jsonld_texts(sources.article_value("articleSection")), "json-ld")
    for keys, source in ((SECTION_META[:2], "opengraph"), (SECTION_META[2:], "meta")):
        meta = sources.first_meta(*keys)
        if meta:
            yield Found(list(sources.meta[meta[1]]), source)  # (every value of that key)
    yield Found(list(sources.microdata.get("articleSection", ())), "microdata")
    yield Found(_category_links(tree), "heuristic")
    section = breadcrumb_section(tree, sources)
    if section is not None:
        yield Found(*section)


def _category_links(tree: LexborHTMLParser) -> list[str]:
    """Texts of the page's first group of ``rel=category`` links (WordPress's post categories; later
    groups belong to other posts, listed in a sidebar or under "related")."""
    links = tree.css('a[rel~="category"]')
    if not links:
        return []
    group = _link_group(links[0])
    return [link.text(strip=True) for link in links[:MAX_CATEGORIES] if _link_group(link) == group]


def _link_group(link: LexborNode) -> int:
    """The element holding a post's category links: their parent, or the list around their item."""
    parent = link.parent
    if parent is not None and parent.tag == "li" and parent.parent is not None:
        parent = parent.parent
    return parent.mem_id if parent is not None else 0


def extract_site_name(sources: PageSources, host: str) -> Found[str] | None:
    """Site name: ``og:site_name``, JSON-LD publisher / WebSite name, then meta names (not a handle or
    a URL: those say where the site is, the next source may say what it is called), without the
    tagline the page's ``host`` shows it carries ("LinkNaija | Nigeria's news platform")."""
    found = next((found for found in _site_name_candidates(sources) if _names_site(found.value)), None)
    return Found(_without_tagline(found.value, host), found.source) if found is not None else None


def _without_tagline(name: str, host: str) -> str:
    """The part of ``name`` that names the site of ``host`` ("Die FURCHE" of "Achtsam durch die Krise |
    Die FURCHE" on furche.at), or ``name`` when it has one part, when it is the host's name as a
    whole, or when none of its parts names the site."""
    parts = [part.strip() for part in SEPARATORS.split(name) if part.strip()]
    if len(parts) < 2:
        return name
    hosts = site_names((), host, None)
    if squash(name) in hosts:  # the whole name is the host's ("Osthessen|News" on osthessen-news.de)
        return name
    naming = next((part for part in parts if any(same_site(part, site) for site in hosts)), None)
    if naming is None or (_DOMAIN.search(naming) and any(_TITLE_CASE.fullmatch(part) for part in parts)):
        return name  # ("The Jerusalem Post | JPost.com": the name beside the address is no tagline)
    return naming


_DOMAIN = re.compile(r"\.[a-z]{2,6}$", re.IGNORECASE)
_TITLE_CASE = re.compile(r"(?:The |Die |Der |Das |La |Le |El )?[A-Z][\w&'-]*(?: [A-Z][\w&'-]*){0,3}")


def declared_publisher(sources: PageSources) -> str | None:
    """The publisher's name the article's JSON-LD declares."""
    return jsonld_text(sources.article_value("publisher"))


def _site_name_candidates(sources: PageSources) -> Iterator[Found[str]]:
    """The site names of the page in cascade order."""
    opengraph = sources.first_meta("og:site_name")
    if opengraph:
        yield Found(opengraph[0], "opengraph")
    publisher = declared_publisher(sources)
    if publisher:
        yield Found(publisher, "json-ld")
    for node in sources.jsonld:
        if type_names(node) & {"website", "newsmediaorganization", "organization"}:
            name = jsonld_text(node.get("name"))
            if name:
                yield Found(name, "json-ld")
    meta = sources.first_meta(*SITE_NAME_META)
    if meta:
        yield Found(meta[0], "meta")


MAX_SITE_NAME_CHARS = 200  # a longer "site name" is a title or a description


def _names_site(value: str) -> bool:
    """Whether ``value`` can be a site's name: not a handle ("@site") nor an address, not a text."""
    return len(value) <= MAX_SITE_NAME_CHARS and not value.startswith(("@", "http://", "https://"))


def extract_language(sources: PageSources) -> Found[str] | None:
    """Language: ``<html lang>``, JSON-LD ``inLanguage``, ``og:locale``, content-language and meta."""
    if sources.html_lang and sources.html_lang.strip():
        return Found(sources.html_lang, "html")
    text = jsonld_text(sources.article_value("inLanguage"))
    if text:
        return Found(text, "json-ld")
    opengraph = sources.first_meta(LANGUAGE_META[0])
    if opengraph:
        return Found(opengraph[0], "opengraph")
    meta = sources.first_meta(*LANGUAGE_META[1:])
    return Found(meta[0], "meta") if meta else None


def extract_canonical(sources: PageSources, url: str) -> Found[str] | None:
    """Canonical URL: ``<link rel=canonical>``, ``og:url``, JSON-LD ``url``/``mainEntityOfPage``, not
    one that names no page of its own: a host without a name, or the site's home page that a CMS gives
    every article (the index keys articles by their canonical URL: all would become one document)."""
    return next((found for found in _canonical_candidates(sources) if _names_page(found.value, url)), None)


def _canonical_candidates(sources: PageSources) -> Iterator[Found[str]]:
    """The page's canonical URLs in cascade order."""
    if sources.links.get("canonical"):
        yield Found(sources.links["canonical"], "html")
    opengraph = sources.first_meta("og:url")
    if opengraph:
        yield Found(opengraph[0], "opengraph")
    text = jsonld_text(sources.article_value("url", "mainEntityOfPage"), "@id", "url")
    if text:
        yield Found(text, "json-ld")


# What a page's address may add to its canonical one: an AMP or print version, a page number.
_PAGE_VARIANT = re.compile(
    r"(?:amp|print|page|seite|slide|\d{1,3})(?:/(?:amp|print|page|seite|slide|\d{1,3}))*", re.I
)
_INDEX_PAGE = re.compile(r"/?(?:(?:index|default|home|start)\.\w{2,5})?", re.IGNORECASE)


def _names_page(href: str, url: str) -> bool:
    """Whether ``href``, absolute against the page's ``url``, can be that page's canonical URL: a
    valid host, the home page only for a page at the site's root ("/", "/index.html"), and a folder
    above the page only for a variant of it (its AMP, print or second page), not for the section
    listing it ("/news" for "/news/38853_story")."""
    canonical = canonical_url(href, url)
    if canonical is None:
        return False
    parts = urlsplit(canonical)
    if not parts.hostname or "" in parts.hostname.split("."):
        return False
    try:
        page = urlsplit(url)
    except ValueError:
        return True
    if parts.path != "/" or parts.query:
        return not _is_section_of(parts.path, parts.hostname, page)
    return not page.path or _INDEX_PAGE.fullmatch(page.path) is not None


def _is_section_of(path: str, host: str, page: SplitResult) -> bool:
    """Whether ``path`` on ``host`` is a section folder above the ``page`` (named by words: a last
    segment with a digit is an id, "/news/12345" for "/news/12345/headline-slug") that is not a
    variant of it."""
    if (page.hostname or "").removeprefix("www.") != host.removeprefix("www."):
        return False
    if any(char.isdigit() for char in path.rstrip("/").rsplit("/", 1)[-1]):
        return False
    folder = path.rstrip("/") + "/"
    # (" ", "/.": the same page written differently)
    below = page.path[len(folder) :].strip(" /.") if page.path.startswith(folder) else ""
    return bool(below) and _PAGE_VARIANT.fullmatch(below) is None


def extract_dek(tree: LexborHTMLParser, title: str | None = None) -> Found[str] | None:
    """A visible standfirst when the page has no description metadata: the first element named like
    one whose text reads like one (see :func:`_reads_like_dek`), other than the ``title``."""
    for selector in DEK_SELECTORS:
        node = tree.css_first(selector)
        text = " ".join(node.text(separator=" ", strip=True).split()) if node is not None else ""
        if _reads_like_dek(text) and text != title:
            return Found(text, "heuristic")
    return None


MIN_DEK_WORDS = 8  # shorter is a label or a kicker ("Energiewende im Gebäudebereich"), not a standfirst
# (a bare "more" ends legitimate deks too: "Tips on travel, food and more")
_MORE_LINK = re.compile(
    r"(?:(?:\.\.\.|\u2026)\s*(?:mehr|more)|weiterlesen|mehr lesen|read more|lire la suite)\W*$", re.IGNORECASE
)
_PATH_SEPARATOR = re.compile("\\s[/\u203a>\u00bb|]\\s")


def _reads_like_dek(text: str) -> bool:
    """Whether ``text`` reads like a standfirst: a sentence's length, not a teaser ending in a "more"
    link, not a breadcrumb trail ("Startseite / Aktuelles / ..."), not a table of figures."""
    if not 30 <= len(text) <= 600 or len(text.split()) < MIN_DEK_WORDS:
        return False
    digits = sum(char.isdigit() for char in text)
    return (
        _MORE_LINK.search(text) is None and len(_PATH_SEPARATOR.findall(text)) < 2 and digits * 5 < len(text)
    )
