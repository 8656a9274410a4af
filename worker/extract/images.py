"""Image cascade: article pictures with caption, credit and alt, lead image first (pure, no I/O).

The lead image comes from JSON-LD ``image``, ``og:image`` or ``twitter:image``; further images come
from ``<figure>`` elements. A figure whose picture is the lead gives the lead its caption and credit.
Credits are read from credit/copyright elements or split off captions ("(photo credit: X)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from worker.extract.select import AttributeTest, candidates
from worker.extract.sources import PageSources
from worker.extract.values import jsonld_items, jsonld_text
from worker.normalise import absolute_url, clean_text

LEAD_META_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
CREDIT_SELECTORS = ('[class*="credit"]', '[class*="copyright"]', '[class*="source"]', '[class*="author"]')
# All four found in one query, then taken in this order (see worker.extract.select)
_CREDIT_CANDIDATES = ", ".join(CREDIT_SELECTORS)
_CREDIT_TESTS = tuple(AttributeTest("class", part) for part in ("credit", "copyright", "source", "author"))
# Lazy-loading pages put a placeholder in ``src`` and the picture in a data attribute.
IMAGE_SOURCE_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "src")
_PLACEHOLDER = re.compile(r"placeholder|spacer|blank\.|transparent|1x1|pixel\.|grey-|lazy\.|loading\.", re.I)
_CREDIT_IN_CAPTION = re.compile(
    r"\s*[(\[]?\s*(?:photo\s*credit|credit|photo|foto|bild|quelle|crédit|source|image|©|copyright)\s*[:©]\s*"
    r"([^()\[\]]{2,120}?)\s*[)\]]?\s*$",
    re.I,
)
_MAX_IMAGES = 20


@dataclass(frozen=True, slots=True)
class RawImage:
    """One picture as found on the page (absolute URL, unnormalised texts)."""

    url: str
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None


def extract_images(tree: LexborHTMLParser, sources: PageSources, base_url: str) -> list[RawImage]:
    """The lead image first, then each figure's picture; one entry per URL."""
    figures = _figures(sources, base_url)
    by_url = {image.url: image for image in figures}
    images: list[RawImage] = []
    lead = _lead(sources, base_url)
    if lead is not None:
        images.append(_merge(lead, by_url.get(lead.url) or _same_file(lead.url, figures)))
    seen = {image.url for image in images}
    for image in figures:
        if image.url not in seen and (lead is None or image is not _same_file(lead.url, figures)):
            seen.add(image.url)
            images.append(image)
    return images[:_MAX_IMAGES]


def _lead(sources: PageSources, base_url: str) -> RawImage | None:
    for item in jsonld_items(sources.article_value("image", "thumbnailUrl"), sources.ids):
        url = absolute_url(jsonld_text(item, "url", "contentUrl", "@id"), base_url)
        if url:
            caption = jsonld_text(item, "caption", "description") if isinstance(item, dict) else None
            credit = (
                jsonld_text(item, "creditText", "copyrightHolder", "author")
                if isinstance(item, dict)
                else None
            )
            return RawImage(url, *split_credit(caption, credit))
    meta = sources.first_meta(*LEAD_META_KEYS)
    url = absolute_url(meta[0], base_url) if meta else None
    if url is None:
        return None
    alt = sources.first_meta("og:image:alt", "twitter:image:alt")
    return RawImage(url, alt=alt[0] if alt else None)


def _merge(lead: RawImage, figure: RawImage | None) -> RawImage:
    if figure is None:
        return lead
    return RawImage(
        lead.url, lead.caption or figure.caption, lead.credit or figure.credit, lead.alt or figure.alt
    )


def _same_file(url: str, figures: list[RawImage]) -> RawImage | None:
    """A figure showing the same file as ``url`` in another size (same last path segment)."""
    name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return next(
        (image for image in figures if name and image.url.split("?", 1)[0].endswith("/" + name)), None
    )


def _figures(sources: PageSources, base_url: str) -> list[RawImage]:
    images = []
    for figure in sources.figures:
        image = _figure_image(figure, base_url)
        if image is not None:
            images.append(image)
    return images


def _figure_image(figure: LexborNode, base_url: str) -> RawImage | None:
    img, caption_node = _image_and_caption(figure)
    if img is None:
        return None
    attributes = img.attributes
    src = next((attributes.get(name) for name in IMAGE_SOURCE_ATTRIBUTES if attributes.get(name)), None)
    url = absolute_url(src, base_url)
    if url is None:
        return None
    credit = _credit_text(caption_node or figure)
    caption = _caption_text(caption_node, credit) if caption_node is not None else None
    return RawImage(url, *split_credit(caption, credit), alt=attributes.get("alt") or None)


def _image_and_caption(figure: LexborNode) -> tuple[LexborNode | None, LexborNode | None]:
    """The first ``<img>`` and the first ``<figcaption>`` of ``figure`` (one query for both)."""
    img: LexborNode | None = None
    caption: LexborNode | None = None
    for node in figure.css("img, figcaption"):
        if node.tag == "img":
            img = img or node
        else:
            caption = caption or node
        if img is not None and caption is not None:
            break
    return img, caption


def _credit_text(node: LexborNode) -> str | None:
    """The text of the first element of the first of ``CREDIT_SELECTORS`` whose first element has one."""
    found = candidates(node, _CREDIT_CANDIDATES)
    for test in _CREDIT_TESTS:
        credit = next((candidate[0] for candidate in found if test.matches(candidate)), None)
        if credit is not None and credit.text(strip=True):
            return credit.text(separator=" ", strip=True)
    return None


def _caption_text(caption_node: LexborNode, credit: str | None) -> str | None:
    text = caption_node.text(separator=" ", strip=True)
    if credit and text.endswith(credit):
        text = text[: -len(credit)]
    return text or None


def split_credit(caption: str | None, credit: str | None) -> tuple[str | None, str | None]:
    """Caption and credit, the credit taken out of the caption when written inside it."""
    caption, credit = clean_text(caption), clean_text(credit)
    if credit:
        match = _CREDIT_IN_CAPTION.match(credit) or _CREDIT_IN_CAPTION.search(credit)
        credit = match[1].strip() if match and match.start() == 0 else credit
    if caption:
        match = _CREDIT_IN_CAPTION.search(caption)
        if match and match.start() > 0:
            credit = credit or match[1].strip()
            caption = caption[: match.start()].strip()
    return caption or None, credit or None
