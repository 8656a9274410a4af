"""Which images are pictures of the article: not icons, logos, beacons, ads, teasers or cards (pure).

Told from the file's URL (its name, folder and server), the ``<img>``'s declared size, and the links
around it: a picture that links to another page is a teaser, a picture in a small card beside a
headline of another page is that story's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from selectolax.lexbor import LexborNode

from worker.extract.renditions import PICTURE_EXTENSIONS
from worker.extract.select import has_ancestor
from worker.normalise import absolute_url

# Files that are no picture of the article: a site's logo, a lazy-loading placeholder, an avatar, an
# icon. Told by the first or last word of the file name ("tc-logo.svg", "grey-placeholder.png",
# "avatar-default.png"), so that "alibaba-logo-getty-1024.jpg", a photo of a logo, stays.
_NOT_PICTURE_WORDS = frozenset(
    {"logo", "placeholder", "spacer", "blank", "transparent", "pixel", "avatar", "icon", "favicon", "sprite"}
    | {"loading", "lazy", "spinner", "loader"}
)
# A picture in the article's text is only declared by its <img>: these are more likely to be no
# picture there (an ad, a banner asking for support or sign-up, a button) and vector files are icons
# and arrows.
_NOT_BODY_PICTURE_WORDS = frozenset(
    {"banner", "button", "badge", "ad", "ads", "advert", "werbung", "anzeige", "newsletter"}
)
_AD_SERVERS = re.compile(r"adserver|doubleclick|/ads?/|/adv/|/banners?/", re.IGNORECASE)
# Folders that hold no article pictures: a site's (or its advertisers') logos, icons, user avatars.
_NOT_PICTURE_FOLDER = re.compile(r"/(?:logos?|icons?|avatars?)/", re.IGNORECASE)
# Images that are no pictures: counters and analytics beacons (comScore, Matomo's "?idsite=1&rec=1"),
# CAPTCHAs, and the stand-ins for embedded social posts ("/socialembed/https://twitter.com/...").
_NOT_PICTURE_URL = re.compile(
    r"scorecardresearch\.com/|/(?:piwik|matomo)\.php|[?&]idsite=\d|captcha|securimage|"
    r".//(?:www\.)?(?:twitter|x|facebook|instagram|tiktok)\.com/",
    re.IGNORECASE,
)
# Letters only, camelCase split: "logo2.png", "apple-touch-icon-1.png", "appIcon.png", "SiteLOGO.png".
_FILE_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_SIZE = re.compile(r"\d+x\d+")  # ("cropped-logo-1-270x270.jpg")
_TEASER_NAME = re.compile(r"related|promo|inline-teaser", re.IGNORECASE)  # (a figure's class or id)
_TEASER_LEVELS = 2  # ancestors above a picture (or above its figure) that may be the link of a teaser
MIN_PICTURE_SIDE = 100  # an image declared narrower or lower (px) is an icon, an emoji, a button
_MAX_CARD_CHARS = 300  # an <article> with less text around a figure is a card (picture, headline, date)


def served_as_ad(url: str) -> bool:
    """Whether the file at ``url`` comes from an ad server or an ad or banner folder."""
    return bool(_AD_SERVERS.search(url))


def is_picture(url: str) -> bool:
    """Whether the file at ``url`` can be a picture of the article: not a site's home page (a
    counter), nor a file named, or in a folder named, as none (see ``_NOT_PICTURE_WORDS``), nor a
    beacon, a CAPTCHA or an embedded post's stand-in."""
    path = _path(url)
    if "1x1" in file_stem(url).lower() or path.rstrip("/") == "":  # a tracking pixel; a site's home page
        return False
    return not (
        _file_named(url, _NOT_PICTURE_WORDS)
        or _NOT_PICTURE_FOLDER.search(path)
        or _NOT_PICTURE_URL.search(url)
    )


def is_body_picture(url: str) -> bool:
    """Whether an ``<img>`` in the article's text at ``url`` can be a picture of the article: a
    picture (:func:`is_picture`), raster, not an ad or a banner."""
    if _path(url).lower().endswith(".svg") or served_as_ad(url):
        return False
    return is_picture(url) and not _file_named(url, _NOT_BODY_PICTURE_WORDS)


def declared_small(attributes: Mapping[str, str | None]) -> bool:
    """Whether an ``<img>``'s ``width`` or ``height`` declares it under ``MIN_PICTURE_SIDE`` pixels."""
    return any(_declared_px(attributes.get(side)) < MIN_PICTURE_SIDE for side in ("width", "height"))


def _declared_px(value: str | None) -> float:
    """A ``width``/``height`` attribute in pixels ("634", "634px"); infinite when absent or relative."""
    number = (value or "").strip().removesuffix("px")
    return float(number) if number.isdigit() else float("inf")


def is_teaser(img: LexborNode, figure: LexborNode | None = None, page_url: str = "") -> bool:
    """Whether ``img`` is the picture of a link to another page: a teaser of another article, an
    ad, a button. The link is an ancestor of ``img`` within two levels, or inside its ``figure`` or
    within two levels above it. A link to the picture's file, to an anchor, to its WordPress
    attachment page or to the page itself (``page_url``, or a view under its address) shows the
    picture larger, which keeps it."""
    node: LexborNode | None = img
    top = (figure or img).mem_id
    while node is not None and node.mem_id != top:  # (a link inside the figure)
        node = node.parent
        if node is not None and node.tag == "a":
            return _links_elsewhere(node.attributes.get("href"), page_url)
    for _ in range(_TEASER_LEVELS):
        node = node.parent if node is not None else None
        if node is None or node.tag in ("body", "html"):
            return False
        if node.tag == "a":
            return _links_elsewhere(node.attributes.get("href"), page_url)
    return False


def _links_elsewhere(href: str | None, page_url: str) -> bool:
    target = (href or "").strip().split("#", 1)[0].split("?", 1)[0]
    lowered = target.lower()
    if not target or lowered.startswith("javascript:") or "attachment" in lowered:
        return False
    if lowered.endswith(PICTURE_EXTENSIONS):
        return False
    page = page_url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    if not page:
        return True
    link = (absolute_url(target, page_url) or "").rstrip("/")
    # (the page itself, or a view of its picture under its address: "story;art4886,B::pic491")
    return not (link.startswith(page) and link[len(page) : len(page) + 1] in ("", ";", ","))


def _path(url: str) -> str:
    """The path of ``url`` ("" at the root)."""
    # (by hand: urlsplit raises on a malformed host, and this URL came from the page)
    address = url.split("?", 1)[0].split("#", 1)[0].split("://", 1)[-1]
    return address[address.find("/") :] if "/" in address else ""


def file_stem(url: str) -> str:
    name = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def _folder(url: str) -> str:
    """The name of the folder holding the file at ``url`` ("" at the root)."""
    path = url.split("?", 1)[0].split("#", 1)[0].split("://", 1)[-1].rstrip("/").split("/")
    return path[-2] if len(path) > 2 else ""


def _file_named(url: str, words: frozenset[str]) -> bool:
    """Whether the first or the last word of the file name of ``url`` is one of ``words`` (sizes left
    out: "cropped-logo-1-270x270.jpg" is named "logo"); a file named by a number only is named by its
    folder ("spacer/16.png")."""
    found = _FILE_WORDS.findall(_SIZE.sub(" ", file_stem(url))) or _FILE_WORDS.findall(_folder(url))
    return bool(found) and (found[0].lower() in words or found[-1].lower() in words)


def named_teaser(figure: LexborNode) -> bool:
    """Whether ``figure``'s class or id calls it a teaser or a promotion of other pages."""
    attributes = figure.attributes
    return bool(_TEASER_NAME.search(f"{attributes.get('class') or ''} {attributes.get('id') or ''}"))


def in_card(figure: LexborNode, headline: LexborNode | None, page_url: str, cards: dict[int, bool]) -> bool:
    """Whether ``figure`` is the picture of a teaser card: its nearest ``<article>`` does not hold the
    page's ``headline``, has under ``_MAX_CARD_CHARS`` of text and links to another page (a related
    story whose link is a sibling of the picture: a heading's, or an empty "stretched" link laid over
    the card, or a link around the card). ``cards`` remembers each article's answer."""
    node = figure.parent
    while node is not None and node.tag not in ("body", "html"):
        if node.tag == "article":
            key = node.mem_id
            if key not in cards:
                cards[key] = (
                    not (headline is not None and has_ancestor(headline, {key}))
                    and len(node.text(strip=True)) < _MAX_CARD_CHARS
                    and any(
                        _links_elsewhere(link.attributes.get("href"), page_url) for link in _links_of(node)
                    )
                )
            return cards[key]
        node = node.parent
    return False


def _links_of(card: LexborNode) -> list[LexborNode]:
    """The links inside ``card``, or the link that wraps it (``<a href><article>...</article></a>``)."""
    parent = card.parent
    return [parent] if parent is not None and parent.tag == "a" else card.css("a")
