"""The section a breadcrumb trail files the article under ("Home > Politik > Ausland > Headline" ->
"Politik"): the last source of the categories cascade (pure, no I/O).

The trail comes from JSON-LD ``BreadcrumbList``, else from the links of the page's first element
named "breadcrumb". Its first crumb is the home page (whatever it is called: "Home", "Startseite",
the site's name) and its last may be the article itself; the crumb after home is the section.
Crumbs that label a menu or a listing ("Main Navigation", "All articles") are no section; an
element of "previous" and "next" links is a pager, and one of many links a menu, not a trail.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from worker.extract.sources import JsonObject, PageSources, type_names
from worker.extract.values import jsonld_text

BREADCRUMB_SELECTOR = '[class*="breadcrumb" i], [id*="breadcrumb" i]'
_MIN_TITLE_WORDS = 3  # a crumb this long that the page's title holds is the article, not a section
_MAX_SECTION_WORDS = 5  # a crumb this long is a headline: sections have short names
_MAX_CRUMBS = 20
_MAX_TRAIL_LINKS = 12  # a "breadcrumb" element with more links is the site's menu, not a path
# Crumbs a CMS puts in a trail that name no section: its menu's root or the list of all posts.
_NOT_SECTIONS = frozenset(
    {
        "main navigation",
        "hauptnavigation",
        "navigation",
        "menu",
        "menü",
        "all articles",
        "all posts",
        "all news",
        "alle artikel",
        "alle beiträge",
        "alle news",
        "alle meldungen",
    }
)
# Link labels of a pager (a "breadcrumb"-named element on some shops and blogs holds only these).
_PAGER_LABELS = frozenset(
    {"previous", "prev", "next", "vorheriges", "nächstes", "vorheriger", "nächster", "zurück", "weiter"}
)


def breadcrumb_section(tree: LexborHTMLParser, sources: PageSources) -> tuple[list[str], str] | None:
    """The section of the page's breadcrumb trail (as a one-item list) and the source that gave it
    ("json-ld" or "heuristic"), or ``None`` when the trail names none."""
    section = _section(_jsonld_trail(sources), sources)
    if section is not None:
        return [section], "json-ld"
    section = _section(_html_trail(tree), sources)
    return ([section], "heuristic") if section is not None else None


def _section(trail: list[str], sources: PageSources) -> str | None:
    """The crumb after home, skipping issue numbers ("2023/43") and menu or listing labels."""
    if any(crumb.casefold() in _PAGER_LABELS for crumb in trail):
        return None
    named = [
        crumb
        for crumb in trail[1:]
        if any(char.isalpha() for char in crumb) and crumb.casefold() not in _NOT_SECTIONS
    ]
    # (home alone, or a trail that starts below home: nothing says which crumb is the section)
    if len(trail) < 2 or not named or _is_the_article(named[0], sources):
        return None
    return named[0]


def _jsonld_trail(sources: PageSources) -> list[str]:
    """The crumbs' names of the first JSON-LD ``BreadcrumbList``, in ``position`` order."""
    trail = next((node for node in sources.jsonld if "breadcrumblist" in type_names(node)), None)
    items = trail.get("itemListElement") if trail is not None else None
    if not isinstance(items, list):
        return []
    crumbs = [item for item in items[:_MAX_CRUMBS] if isinstance(item, dict)]
    crumbs.sort(key=_position)
    names = (jsonld_text(crumb.get("name")) or _item_name(crumb.get("item")) for crumb in crumbs)
    return [name for name in names if name]


def _item_name(item: object) -> str | None:
    """The name of a crumb's ``item`` object (an ``item`` given as a URL names nothing)."""
    return jsonld_text(item, "name") if isinstance(item, dict) else None


def _position(crumb: JsonObject) -> float:
    position = crumb.get("position")
    try:
        return float(position) if isinstance(position, (int, float, str)) else float("inf")
    except ValueError:
        return float("inf")


def _html_trail(tree: LexborHTMLParser) -> list[str]:
    """The link texts of the page's first breadcrumb-named element (the current page is no link)."""
    trail = tree.css_first(BREADCRUMB_SELECTOR)
    links = trail.css("a") if trail is not None else []
    if len(links) > _MAX_TRAIL_LINKS:
        return []
    texts = (link.text(separator=" ", strip=True) for link in links)
    return [text for text in texts if text]


def _is_the_article(crumb: str, sources: PageSources) -> bool:
    """Whether ``crumb`` is the article itself: a headline, long or held by the page's title."""
    words = len(crumb.split())
    if words >= _MAX_SECTION_WORDS:
        return True
    if words < _MIN_TITLE_WORDS:
        return False
    og_title = sources.first_meta("og:title")
    titles = (sources.title or "", og_title[0] if og_title else "")
    return any(crumb.casefold() in title.casefold() for title in titles)
