"""Title cascade: the visible headline confirmed by metadata, else the metadata title (pure, no I/O).

A page's ``<h1>`` is its visible headline but many pages have several, or none; metadata titles
(``og:title``, JSON-LD ``headline``, ``twitter:title``, ``<title>``) are reliable but often carry
the site name or a kicker ("Kicker: Headline | Site"). So, for the first declared title:
an ``<h1>`` with the same words wins (it may show the full title, site suffix and all, or the
same headline with its kicker in a separate span); else an ``<h1>`` (or a part of it) that the
title contains (the kicker dropped); else the title without the parts naming the site. A page
that declares none takes the ``<title>`` part an ``<h1>`` confirms, the post of a blog layout,
or its one ``<h1>`` when the ``<title>`` only names the site or is a shorter label of it. A page
that is no post (a product, a service) takes its one ``<h1>`` over a declared title it disagrees
with. Pages without an ``<h1>`` offer their ``<h2>`` headings instead.

Where the visible and the declared title have the same words the declared rendering is kept
(og:title is the publisher's text; the labelled sets disagree on quotes), except for dashes:
metadata often writes "-" for the visible "\u2013".
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from worker.extract.dates import PUBLISHED_META, PUBLISHED_OPENGRAPH
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
        found = _declared_title(_whole(declared, metadata), headings, names, sources)
        if found is not None:
            return found
    elif metadata and (shown := _window_heading(metadata[0].value, headings, names)):
        return Found(shown, "heuristic")
    confirmed = _confirmed_heading(headings, metadata, names)
    if confirmed is not None:
        return confirmed
    if declared is not None and (shown := _page_heading(headings, metadata, names, sources)):
        return Found(shown, "heuristic")
    for found in metadata:
        return Found(strip_site_name(found.value, names), found.source)
    return Found(headings[0][0], "heuristic") if headings else None


def _page_heading(
    headings: list[list[str]], metadata: list[Found[str]], names: tuple[str, ...], sources: PageSources
) -> str | None:
    """The one ``<h1>`` of a page that is no post (a product, a service, a section page) and whose
    declared titles neither show it nor agree with it: there the metadata names the offer or the
    site ("Gefahrstoff-Service") and the ``<h1>`` is the page's own headline. A blog's ``<h1>`` names
    the blog: a heading that names the site or is part of a declared title is none."""
    if len({texts[0] for texts in headings}) != 1 or _is_post(sources):
        return None
    heading = headings[0][0]
    declared = " ".join(_fold(found.value) for found in metadata)
    return None if _is_site_name(heading, names) or _fold(heading) in declared else heading


_POST_TYPE = re.compile(r"article|entry|post|blog|news", re.IGNORECASE)


def _is_post(sources: PageSources) -> bool:
    """Whether the page declares itself an article or post: by type (``og:type``, ``parsely-type``)
    or by a declared publication date."""
    if _is_article(sources) or sources.first_meta(*PUBLISHED_OPENGRAPH, *PUBLISHED_META):
        return True
    declared = (sources.first_meta(key) for key in ("og:type", "parsely-type"))
    return any(found is not None and _POST_TYPE.search(found[0]) for found in declared)


def _whole(declared: Found[str], metadata: list[Found[str]]) -> Found[str]:
    """The declared title, or another title that continues it with a quote: a ``content="..."``
    attribute ends at the first straight double quote of an unescaped title."""
    for item in metadata:
        rest = item.value[len(declared.value) :].lstrip()
        if item.value.startswith(declared.value) and rest[:1] in _OPENING_QUOTES:
            return item
    return declared


# Window titles that name no page: a CMS's defaults for a home page or a blog.
_GENERIC_TITLES = frozenset(
    {"home", "homepage", "home page", "startseite", "index", "blog", "news", "untitled", "welcome", "accueil"}
)
_OPENING_QUOTES = frozenset('"\u201c\u201e\u00ab')


def _declared_title(
    declared: Found[str], headings: list[list[str]], names: tuple[str, ...], sources: PageSources
) -> Found[str] | None:
    """The declared title, or the visible headline it contains (a kicker dropped); ``None`` when a
    page that is not an article shows another headline."""
    shown = _same_heading(headings, declared.value, declared.source)
    if shown is not None:
        return shown
    title = strip_site_name(declared.value, names, _sections(sources))
    same = _same_heading(headings, title, declared.source)
    if same is not None:
        return same
    inner = _inner_heading(headings, _fold(title))
    if inner is not None:
        return Found(inner, "heuristic")
    agrees = any(_related(texts[0].casefold(), title.casefold()) for texts in headings)
    if agrees or not headings or _is_article(sources):
        return _typographic(Found(title, declared.source), clean_text(sources.title) or "")
    return None


def _typographic(title: Found[str], window: str) -> Found[str]:
    """The title as the ``<title>`` writes it when only its dashes differ there ("-" for "\u2013")."""
    start = window.translate(_DASHES).find(title.value.translate(_DASHES))
    shown = window[start : start + len(title.value)] if start >= 0 else title.value
    return Found(shown, "heuristic") if shown != title.value else title


def _window_heading(title: str, headings: list[list[str]], names: tuple[str, ...]) -> str | None:
    """The headline of a page that declares none: the ``<title>`` part a heading confirms, the post
    of a blog layout, or the page's one ``<h1>`` when the ``<title>`` only names the site."""
    confirmed = _confirmed_heading(headings, [Found(title, "heuristic")], names)
    if confirmed is not None:
        return confirmed.value
    return (
        _blog_title(title, headings)
        or _main_heading(headings, title, names)
        or _fuller_heading(headings, title, names)
    )


def _fuller_heading(headings: list[list[str]], title: str, names: tuple[str, ...]) -> str | None:
    """The page's one ``<h1>`` when it contains the ``<title>`` (site name removed) and says more: the
    ``<title>`` is then a short label of the headline ("Zaubernuss im Winter" for "Wie pflege ich
    meine Zaubernuss im Winter?")."""
    if len(headings) != 1:
        return None
    heading, short = headings[0][0], _fold(strip_site_name(title, names))
    return heading if short in _fold(heading) and len(short) < len(heading) else None


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


# Where a title's tail may start: spaced dashes and colons, bars (also the Hangul letter used as one),
# and a hyphen between words ("Headline-Section|Site"): a tail must then name the site.
_TAIL_SEPARATORS = re.compile(
    "\\s*[|\uff5c\u3163]\\s*|\\s+[-\u2013\u2014:\u00b7\u2022\u00bb]\\s+|\\s*::\\s*|(?<=\\S)-(?=\\w)"
)
SECTION_KEYS = ("article:section", "content_category")  # meta names of the page's section
_NOT_WORD = re.compile(r"[\W_]+")


def _sections(sources: PageSources) -> tuple[str, ...]:
    """The page's section names, squashed (a title may end "Headline - Section | Site")."""
    values = (value for key in SECTION_KEYS for value in sources.meta.get(key, ())[:1])
    return tuple(squash(value) for value in values if value.strip())


def _key(text: str) -> str:
    """Compare form of a headline: its words only (quotes, dashes, colons and spacing aside)."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def _same_heading(headings: list[list[str]], title: str, source: str) -> Found[str] | None:
    """The visible headline with the same words as the declared title (site name removed)."""
    key = _key(title)
    for texts in headings:
        if _key(texts[0]) == key:
            return _rendering(texts[0], Found(title, source))
    return None


def _rendering(heading: str, title: Found[str]) -> Found[str]:
    """Of two renderings of one headline, the visible one when only its dashes differ.

    Metadata often writes "-" for the visible "\u2013"; other differences (quotes, a kicker's colon
    that the heading shows as a separate span) keep the declared rendering.
    """
    if heading != title.value and heading.translate(_DASHES) == title.value.translate(_DASHES):
        return Found(heading, "heuristic")
    return title


def _main_heading(headings: list[list[str]], title: str, names: tuple[str, ...]) -> str | None:
    """The page's one ``<h1>`` when the ``<title>`` only names the site or is a generic label ("Home"),
    and the ``<h1>`` does not name the site."""
    short = strip_site_name(title, names)
    if len(headings) != 1 or (squash(short) not in names and short.casefold() not in _GENERIC_TITLES):
        return None
    heading = headings[0][0]
    return None if any(same_site(heading, site) for site in names) else heading


def _inner_heading(headings: list[list[str]], title: str) -> str | None:
    """A visible headline (or its main part) inside the declared title: the title minus a kicker.

    Quotes are compared folded (typographic and straight alike).
    """
    for texts in headings:
        for index, text in enumerate(texts):
            folded = _fold(text)
            share = 3 if index == 0 else 2  # a part of the heading must be most of the title
            # (a heading ending in a colon is a kicker or a label, not a headline)
            if (
                folded != title
                and folded in title
                and len(folded) * share >= len(title)
                and folded[-1] != ":"
            ):
                return text
    return None


_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-"})


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
    # (a declared title that is the declared site name names the site, not the page: "IBU" for both)
    site = sources.first_meta("og:site_name")
    site_key = squash(site[0]) if site else ""
    return [
        item
        for item in cleaned
        if item.value
        and len(item.value) <= _MAX_TITLE_CHARS
        and not (site_key and item.source != "heuristic" and squash(item.value) == site_key)
    ]


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
            if not _is_site_name(text, names) and any(
                _contains(title, folded, names) for title in folded_titles
            ):
                return Found(text, "heuristic")
    return None


def _is_site_name(text: str, names: tuple[str, ...]) -> bool:
    """Whether ``text`` is mostly the site's name ("Four Years Remaining" on fouryears.eu)."""
    squashed = squash(text)
    return any(site in squashed and len(site) * 2 >= len(squashed) for site in names)


def _contains(title: str, heading: str, names: tuple[str, ...]) -> bool:
    """Whether ``heading`` is ``title`` or a part of it other than a trailing site name.

    A last part is the site's name unless it is the longest part ("News - Headline").
    """
    if heading == title:
        return True
    if heading not in title or len(heading) * 4 < len(title):
        return False
    parts = [part for part in SEPARATORS.split(title) if part]
    if len(parts) < 2 or parts[-1] != heading:
        return True
    return not _is_site_name(heading, names) and len(heading) == max(map(len, parts))


def strip_site_name(title: str, site_names: tuple[str, ...], sections: tuple[str, ...] = ()) -> str:
    """``title`` without the parts naming the site ("Headline | Site", "Site: Headline").

    Trailing parts go from the first one naming the site (or the section just before it:
    "Headline-Politics | Site") to the end: taglines and bylines follow the site's name.
    """
    parts = [part for part in SEPARATORS.split(title) if part.strip()]
    if not parts:
        return title
    while len(parts) >= 2 and any(same_site(parts[-1], site) for site in site_names):
        parts.pop()
    head = _without_tail(_join(title, parts), site_names, sections)
    if head != title:
        return head
    if len(parts) >= 2 and _is_site_name(parts[0], site_names):
        return _join(title, parts[1:])
    return title


def _without_tail(title: str, site_names: tuple[str, ...], sections: tuple[str, ...]) -> str:
    """``title`` up to the first separator after which the rest names the site."""
    for cut in _TAIL_SEPARATORS.finditer(title):
        head = title[: cut.start()].strip()
        if len(head) * 3 < len(title):  # a headline is not a third of its title ("Cup-Vorschau: ...")
            continue
        tail = [part for part in _TAIL_SEPARATORS.split(title[cut.end() :]) if part.strip()]
        if tail and _names_site(tail, site_names, sections):
            return head
    return title


def _names_site(parts: list[str], site_names: tuple[str, ...], sections: tuple[str, ...]) -> bool:
    """Whether ``parts`` start with the site's name, or with its section and then its name."""
    if any(same_site(parts[0], site) for site in site_names):
        return True
    return (
        len(parts) > 1
        and squash(parts[0]) in sections
        and any(same_site(parts[1], site) for site in site_names)
    )


def _join(title: str, parts: list[str]) -> str:
    """Rejoin ``parts`` with the separators they had in ``title``."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip()
