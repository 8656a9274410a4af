"""Where an ``<img>`` or a declaration says its picture is: the URL a browser would load (pure, no I/O).

Lazy loaders put it in ``data-src`` and friends, responsive pages in a ``srcset``; declarations escape
it once too often or run URLs together. Reading one is its own job: the image cascade and the caption
finders ask the same question of many elements.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from worker.extract.renditions import PICTURE_EXTENSIONS
from worker.normalise import absolute_url

# Lazy-loading pages put a placeholder in ``src`` and the picture in a data attribute; responsive ones
# may give the picture only as a ``srcset`` (of the ``<img>`` or of a ``<picture>``'s ``<source>``).
IMAGE_SOURCE_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "src")
IMAGE_SET_ATTRIBUTES = ("data-srcset", "srcset")
_MAX_URL_CHARS = 4096
_ESCAPED_AMPERSAND = re.compile(r"&(?:amp|#0*38|#x0*26);", re.IGNORECASE)
_NOT_IN_URL = re.compile(r"[\t\n\r ]")
_NEWLINES = re.compile(r"[\t\n\r]")
_HOST = re.compile(r"https?://(?:[^/?#@]*@)?(?:[^\W_]|\[)")  # a host: a name, an address, an [IPv6]
# A picture file's name followed at once by another URL: a CMS that joined several into one attribute.
_RUN_ON_URL = re.compile(r"\.(?:jpe?g|png|webp|gif|avif)(?=https?://)", re.IGNORECASE)


def image_url(attributes: Mapping[str, str | None], base_url: str) -> str | None:
    """The picture's absolute http(s) URL from an ``<img>``'s or ``<source>``'s attributes: the first
    of ``IMAGE_SOURCE_ATTRIBUTES`` that is one (a ``data:`` placeholder is none), else the widest
    candidate of a ``srcset``."""
    for name in IMAGE_SOURCE_ATTRIBUTES:
        url = picture_url(attributes.get(name), base_url)
        if url is not None:
            return url
    srcset = next((attributes.get(name) for name in IMAGE_SET_ATTRIBUTES if attributes.get(name)), None)
    return picture_url(widest_candidate(srcset), base_url) if srcset else None


def picture_url(href: str | None, base_url: str) -> str | None:
    """``href`` as an absolute http(s) URL, or ``None``; a URL of over ``_MAX_URL_CHARS`` names no
    picture (and would make every later step, and the cache of URL identities, cost its size).
    An ampersand escaped once too often ("?q=80&amp;w=1200": HTML escaping in JSON-LD, or escaped
    twice in an attribute) is the ampersand it stands for; of URLs run together ("a.jpghttps://..."),
    the first is the picture. Words where a URL belongs (an alt text written as ``src``) and a URL
    without a host (the placeholder ``//:0``) are none."""
    if href and " " in href.strip() and "/" not in href and not href.lower().endswith(PICTURE_EXTENSIONS):
        return None  # (a file "harbour at dawn.jpg" beside the page is a picture)
    url = absolute_url(href, base_url)
    if url is None or len(url) > _MAX_URL_CHARS or not _HOST.match(url):
        return None
    if "&" in url:
        url = _ESCAPED_AMPERSAND.sub("&", url)
    if _NOT_IN_URL.search(url):  # (as browsers read it: tabs and newlines dropped, spaces encoded)
        url = _NEWLINES.sub("", url).replace(" ", "%20")
    run_on = _RUN_ON_URL.search(url)
    return url[: run_on.end()] if run_on else url


def widest_candidate(srcset: str) -> str | None:
    """The URL of the widest candidate of a ``srcset`` ("a.jpg 80w, b.jpg 640w" -> "b.jpg"); with no
    width descriptors, the first."""
    best: tuple[float, str] | None = None
    for url, width in srcset_candidates(srcset):
        if best is None or width > best[0]:
            best = (width, url)
    return best[1] if best else None


def srcset_candidates(srcset: str) -> list[tuple[str, float]]:
    """The URLs of a ``srcset`` with their width or density (0 when not given). URLs may hold commas
    ("w_640,h_360"): a candidate is a URL, then its descriptor, up to a comma that ends a token."""
    found: list[tuple[str, float]] = []
    tokens = _DESCRIPTOR_THEN_URL.sub(r"\1, ", srcset).split()
    index = 0
    while index < len(tokens):
        url = tokens[index].rstrip(",")
        width = 0.0
        ends = tokens[index].endswith(",")
        index += 1
        if not ends and index < len(tokens) and (descriptor := _DESCRIPTOR.fullmatch(tokens[index])):
            width = float(descriptor[1])
            index += 1
        if url:
            found.append((url, width))
    return found


_DESCRIPTOR = re.compile(r"(\d+(?:\.\d+)?)[wx],?")
_DESCRIPTOR_THEN_URL = re.compile(r"(\s\d+(?:\.\d+)?[wx]),(?=\S)")  # ("640w,https://...": no space)
