"""Title cascade: the visible headline confirmed by metadata, else the metadata title (pure, no I/O).

A page's ``<h1>`` is its visible headline but many pages have several, or none; metadata titles
(JSON-LD ``headline``, ``og:title``, ``twitter:title``, ``<title>``) are reliable but often carry
the site name or a kicker ("Kicker: Headline | Site"). So: the first ``<h1>`` (or a part of it)
that a metadata title contains wins; otherwise the first metadata title, without its site name (or,
in a blog layout whose ``<h1>`` is the blog's name, the longest other part of the ``<title>``).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from worker.extract.site import SEPARATORS, same_site, squash
from worker.extract.sources import PageSources
from worker.extract.values import Found, jsonld_text
from worker.normalise import clean_text

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
_MAX_TITLE_CHARS = 400
_MIN_HEADING_CHARS = 4


def extract_title(tree: LexborHTMLParser, sources: PageSources, names: tuple[str, ...]) -> Found[str] | None:
    """The declared title when the visible headline agrees, else the headline the ``<title>`` confirms."""
    metadata = _metadata_titles(tree, sources)
    headings = _headings(sources)
    declared = next((item for item in metadata if item.source != "heuristic"), None)
    if declared is not None:
        title = strip_site_name(declared.value, names)
        inner = _inner_heading(headings, _fold(title))
        if inner is not None:
            return Found(inner, "heuristic")
        agrees = any(_related(texts[0].casefold(), title.casefold()) for texts in headings)
        if agrees or not headings or _is_article(sources):
            return Found(title, declared.source)
    confirmed = _confirmed_heading(headings, metadata, names)
    if confirmed is not None:
        return confirmed
    for found in metadata:
        blog = _blog_title(found.value, headings) if found.source == "heuristic" else None
        return Found(blog or strip_site_name(found.value, names), found.source)
    return Found(headings[0][0], "heuristic") if headings else None


def _inner_heading(headings: list[list[str]], title: str) -> str | None:
    """A visible headline (or its main part) inside the declared title: the title minus a kicker.

    Quotes are compared folded (typographic and straight alike).
    """
    for texts in headings:
        for index, text in enumerate(texts):
            folded = _fold(text)
            share = 3 if index == 0 else 2  # a part of the heading must be most of the title
            if folded != title and folded in title and len(folded) * share >= len(title):
                return text
    return None


_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'}
)


def _fold(text: str) -> str:
    return text.casefold().translate(_QUOTES)


def _is_article(sources: PageSources) -> bool:
    """An article page: its declared title names the article, not the site or a section."""
    og_type = sources.first_meta("og:type")
    return bool(og_type and og_type[0].lower() == "article") or "article:published_time" in sources.meta


def _related(heading: str, title: str) -> bool:
    return heading in title or title in heading


def _metadata_titles(tree: LexborHTMLParser, sources: PageSources) -> list[Found[str]]:
    found: list[Found[str]] = []
    for keys, source in ((OPENGRAPH_KEYS, "opengraph"), (META_KEYS, "meta")):
        meta = sources.first_meta(*keys)
        if meta:
            found.append(Found(meta[0], source))
    headline = jsonld_text(sources.article_value(*JSONLD_KEYS))
    if headline:
        found.insert(1 if found and found[0].source == "opengraph" else 0, Found(headline, "json-ld"))
    found.extend(Found(value, "microdata") for value in sources.microdata.get("headline", ())[:1])
    if sources.title:
        found.append(Found(sources.title, "heuristic"))
    cleaned = (Found(clean_text(item.value) or "", item.source) for item in found)
    return [item for item in cleaned if item.value and len(item.value) <= _MAX_TITLE_CHARS]


def _headings(sources: PageSources) -> list[list[str]]:
    """For each of the first ``<h1>``: its text, then the texts of its parts (kicker and headline)."""
    headings = []
    for node in sources.headings:
        text = clean_text(node.text(separator=" ", strip=True))
        if text and len(text) >= _MIN_HEADING_CHARS:
            headings.append([text, *_parts(node)])
    return headings


def _parts(node: LexborNode) -> list[str]:
    texts = (clean_text(child.text(separator=" ", strip=True)) for child in node.iter())
    return [text for text in texts if text and len(text) >= 10]


def _confirmed_heading(
    headings: list[list[str]], metadata: list[Found[str]], names: tuple[str, ...]
) -> Found[str] | None:
    folded_titles = [item.value.casefold() for item in metadata]
    for texts in headings:
        for text in texts:
            folded = text.casefold()
            if squash(text) not in names and any(_contains(title, folded) for title in folded_titles):
                return Found(text, "heuristic")
    return None


def _blog_title(title: str, headings: list[list[str]]) -> str | None:
    """The longest other part of a ``<title>`` one of whose parts is the page's ``<h1>``.

    Blog layouts put the blog's name in the ``<h1>`` and the window title reads "Blog >> Archive >>
    Post" or "Post : Blog | Tagline": the post's title is then the longest remaining part (when it is longer
    than the ``<h1>``'s: a longer ``<h1>`` is the headline itself).
    """
    parts = [part.strip() for part in SEPARATORS.split(title) if part.strip()]
    shown = {_fold(texts[0]) for texts in headings}
    names = [part for part in parts if _fold(part) in shown]
    others = [part for part in parts if _fold(part) not in shown]
    if not names or not others:
        return None
    longest = max(others, key=len)
    return longest if len(longest) > max(map(len, names)) else None  # else the <h1> is the headline


def _contains(title: str, heading: str) -> bool:
    """Whether ``heading`` is ``title`` or a part of it other than a trailing site name."""
    if heading == title:
        return True
    if heading not in title or len(heading) * 4 < len(title):
        return False
    parts = [part for part in SEPARATORS.split(title) if part]
    return not (len(parts) > 1 and parts[-1] == heading)


def strip_site_name(title: str, site_names: tuple[str, ...]) -> str:
    """``title`` without a leading or trailing part naming the site ("Headline | Site" -> "Headline")."""
    parts = [part for part in SEPARATORS.split(title) if part.strip()]
    if len(parts) < 2:
        return title
    if any(same_site(parts[-1], site) for site in site_names):
        return _join(title, parts[:-1])
    if any(same_site(parts[0], site) for site in site_names):
        return _join(title, parts[1:])
    return title


def _join(title: str, parts: list[str]) -> str:
    """Rejoin ``parts`` with the separators they had in ``title``."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip()
