"""Image cascade: article pictures with caption, credit and alt, lead image first (pure, no I/O).

The lead image comes from JSON-LD ``image``, ``og:image`` or ``twitter:image``; further images come
from ``<figure>`` elements (not teasers: a picture linking to another page, or a small card's), then
(in :mod:`.compose`) from the ``<img>`` the body step kept. A caption is a ``<figcaption>``, else a
caption-named element beside the picture. A picture is listed once however many sizes and formats of
it the page shows (:func:`same_picture`); a copy gives the listed one the texts it lacks, and a credit
that says more. Credits are read from credit/copyright elements or split off captions (:mod:`.credits`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import islice

from selectolax.lexbor import LexborHTMLParser, LexborNode

from worker.extract import rules
from worker.extract.byline import in_boilerplate
from worker.extract.credits import short_credit, split_credit, starts_with_credit_label
from worker.extract.dom import adjacent_element
from worker.extract.picture_filters import (
    declared_small,
    file_stem,
    in_card,
    is_body_picture,
    is_picture,
    is_teaser,
    named_teaser,
    served_as_ad,
)
from worker.extract.picture_urls import image_url, picture_url, srcset_candidates
from worker.extract.renditions import same_picture
from worker.extract.select import AttributeTest, candidates, has_ancestor
from worker.extract.site import squash
from worker.extract.sources import JsonObject, PageSources, type_names
from worker.extract.values import jsonld_items, jsonld_text

LEAD_META_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
CREDIT_SELECTORS = tuple(
    f'[class*="{word}" i]' for word in ("credit", "copyright", "source", "author")
)  # ("widget__captionCredit": any case)
# All four found in one query, then taken in this order (see worker.extract.select)
_CREDIT_CANDIDATES = ", ".join(CREDIT_SELECTORS)
_CREDIT_TESTS = tuple(
    AttributeTest("class", part, ignore_case=True) for part in ("credit", "copyright", "source", "author")
)
_MAX_IMAGES = 20
_BYLINE_NAME = re.compile(r"byline|\bauthors?\b")  # (an ancestor's class or id, lower-cased)
_CAPTION_LEVELS = 2  # ancestors of a caption looked at for the picture it describes
_WORD = re.compile(r"\w+")
_PICTURE_TAGS = ("img", "picture")
_MAX_BESIDE_CREDIT_CHARS = 120  # a longer text in a credit-named element beside a caption is no credit
_MIN_DESCRIBED_WORDS = 3  # a shorter JSON-LD caption is a media library's label
_MAX_COPIES = 3  # <img> elements of one picture beside its caption (lazy, <noscript>, fallback)
_MAX_SRCSET_CHARS = 4_000  # the sizes of one picture; a longer attribute is read that far
_MAX_CAPTION_CHARS = 1000  # a longer "caption" is a text block named so, not a picture's caption
# A custom element (a tag name with a hyphen: <amp-img>, <storefront-image>, <brick-image-v3>) that
# names a picture in these attributes shows it where a figure or a caption has no <img>.
_PICTURE_ATTRIBUTES = "[src], [data-src]"
_FIGURE_PARTS = f"img, source, figcaption, {_PICTURE_ATTRIBUTES}"


@dataclass(frozen=True, slots=True)
class RawImage:
    """One picture as found on the page (absolute URL, unnormalised texts)."""

    url: str
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None


@dataclass(frozen=True, slots=True)
class PageImages:
    """The pictures of a page before the body is known: the lead and the figures' (``listed``), and
    the captions written beside pictures outside a ``<figcaption>`` by picture URL (``captioned``),
    for the pictures set in the text; and the pictures JSON-LD describes (``described``), whose
    captions go to the listed pictures without one."""

    listed: list[RawImage]
    captioned: Mapping[str, RawImage]
    described: Sequence[RawImage] = ()


def extract_images(tree: LexborHTMLParser, sources: PageSources, base_url: str) -> PageImages:
    """The lead image first, then each figure's picture, one entry per picture; and the captioned
    pictures."""
    captioned = _captioned_pictures(sources, base_url)
    lead = _lead(sources, base_url)
    images = [] if lead is None else [lead]
    for image in _figures(sources, base_url, captioned, lead):
        _add(images, image)  # (a figure showing the lead gives it the texts it lacks)
    if lead is not None:
        images[0] = _merge(images[0], _same_file(lead.url, list(captioned.values())))
    return PageImages(images, captioned, _described_pictures(sources, base_url))


def _described_pictures(sources: PageSources, base_url: str) -> list[RawImage]:
    """The pictures JSON-LD ``ImageObject`` entries describe, with caption and credit: WDR writes one
    beside each picture of the text ("description": "Dicke Ausrüstung und schweres Gerät").

    CMSs fill these from the media library, where a "caption" is often the upload's title: a label
    of under three words ("Plantur", "dav_soft"), the file's name, or the page's title is none. Without
    a caption or description, the ``name`` is one (Taipei Times), unless it only takes words of the
    page's title (the headline the picture was given).
    """
    found: list[RawImage] = []
    declared = [text for text in (sources.title, *sources.meta.get("og:title", ())[:1]) if text]
    titles = {squash(text) for text in declared}
    title_words = set(_WORD.findall(" ".join(declared).casefold()))
    for node in _image_objects(sources):
        if len(found) >= _MAX_IMAGES:
            break
        url = picture_url(jsonld_text(node, "contentUrl", "url"), base_url)
        text = jsonld_text(node, "caption", "description")
        if not text and (name := jsonld_text(node, "name")):
            # (a name that only takes words of the title is the headline given the picture: Brigitte)
            text = None if set(_WORD.findall(name.casefold())) <= title_words else name
        caption, credit = split_credit(text, jsonld_text(node, "creditText", "copyrightHolder", "author"))
        if not url or not caption or len(caption.split()) < _MIN_DESCRIBED_WORDS:
            continue
        label = squash(caption)  # (its letters and digits: "A.N.N._Peter-Koros" is "annpeterkoros")
        if label not in titles and label != squash(file_stem(url)):
            found.append(RawImage(url, caption, credit))
    return found


def _image_objects(sources: PageSources) -> Iterator[JsonObject]:
    """The page's JSON-LD ``ImageObject`` entries: those of the graph, then those written in the
    ``image`` of an object (an article's pictures, Taipei Times' and Prensa Ibérica's captions)."""
    for node in sources.jsonld:
        if "imageobject" in type_names(node):
            yield node
    for node in sources.jsonld:
        value = node.get("image")
        for item in value if isinstance(value, list) else (value,):
            if isinstance(item, dict) and "imageobject" in type_names(item):
                yield item


def _add(images: list[RawImage], image: RawImage) -> None:
    """Append ``image`` to ``images`` (up to ``_MAX_IMAGES``), or give the texts it has and the listed
    copy of its picture lacks to that copy."""
    same = _same_file(image.url, images)
    if same is not None:
        images[images.index(same)] = _merge(same, image)
    elif len(images) < _MAX_IMAGES:
        images.append(image)


def with_body_pictures(
    images: PageImages, pictures: Sequence[Mapping[str, str | None]], base_url: str
) -> list[RawImage]:
    """The listed images followed by the pictures set in the article's text (the ``<img>`` attributes
    the body step kept), with the captions beside them, up to ``_MAX_IMAGES``; a picture already
    listed is not listed again but gives its copy the texts that one lacks."""
    merged = list(images.listed)
    for attributes in pictures:
        url = image_url(attributes, base_url)
        if url is not None and is_body_picture(url):
            alt = attributes.get("alt") or None
            captioned = images.captioned.get(url)
            _add(merged, replace(captioned, alt=alt) if captioned else RawImage(url, alt=alt))
    # (a picture the page gives no caption takes the one its JSON-LD description gives)
    return [
        image if image.caption else _merge(image, _same_file(image.url, images.described)) for image in merged
    ]


def without_portraits(images: list[RawImage], authors: Sequence[str]) -> list[RawImage]:
    """``images`` without the authors' portraits after the lead: pictures whose alt or caption is an
    author's name, or a full name with one more word ("Martí Abad Fontàs" for the byline's "Martí
    Abad"; not "Julia Roberts" for a blogger signing "Julia")."""
    names = [" ".join(name.split()).casefold() for name in authors]
    if not names:
        return images
    return images[:1] + [image for image in images[1:] if not _names_author(image, names)]


def _names_author(image: RawImage, names: list[str]) -> bool:
    for text in (image.alt, image.caption):
        label = " ".join((text or "").split()).casefold()
        for name in names:
            longer = " " in name and label.startswith(name + " ") and " " not in label[len(name) + 1 :]
            if label == name or longer:
                return True
    return False


def _captioned_pictures(sources: PageSources, base_url: str) -> dict[str, RawImage]:
    """The pictures that a caption outside a ``<figcaption>`` describes ("image-caption" beside the
    ``<img>``, a ``<figure>`` naming its caption by class), by URL: the one picture of the caption's
    nearest ancestor holding any, within ``_CAPTION_LEVELS`` levels; then, for pictures no caption
    beside them describes, the one picture a caption-named element holds itself (Gamestar's
    ``p.caption`` wraps the picture and its text; a wrapper of a whole article header, named so,
    holds pictures whose own captions come first)."""
    found: dict[str, RawImage] = {}
    captions = [
        caption for caption in sources.captions if not (caption.tag == "figcaption" and _in_figure(caption))
    ]  # (a figure reads its own <figcaption>)
    unplaced = []
    for caption in captions:
        url = _picture_before(caption, base_url) or _caption_picture(
            caption.parent, base_url, only_holder=False
        )
        if url is None:
            unplaced.append(caption)
        else:
            _describe(found, url, caption)
    for caption in unplaced:
        url = _caption_picture(caption, base_url, only_holder=True)
        if url is not None:
            _describe(found, url, caption)
    return found


def _describe(found: dict[str, RawImage], url: str, caption: LexborNode) -> None:
    """Record ``caption``'s text and credit for the picture at ``url``, unless one is recorded or the
    text is a label or too long for a caption."""
    if url in found:
        return
    credit = _credit_text(caption)
    text = _caption_text(caption, credit)
    if text is not None and len(text) <= _MAX_CAPTION_CHARS and not _is_label(text):
        found[url] = RawImage(url, *split_credit(text, credit))


def _picture_before(caption: LexborNode, base_url: str) -> str | None:
    """The URL of the picture right before ``caption``, its previous element being its container's one
    ``<img>`` or ``<picture>`` (a caption written after its picture, both loose in a container that
    holds other pictures deeper: Motorsport-Magazin's ``<picture>`` then ``<figcaption>``, no
    ``<figure>``, beside a header with the author's portrait)."""
    node = adjacent_element(caption, forward=False)
    if node is None or node.tag not in _PICTURE_TAGS or caption.parent is None:
        return None
    pictures = (sibling for sibling in caption.parent.iter() if sibling.tag in _PICTURE_TAGS)
    if next(islice(pictures, 1, None), None) is not None:
        return None  # (a row of pictures before one caption: it describes no single one)
    img = node if node.tag == "img" else node.css_first("img")
    return image_url(img.attributes, base_url) if img is not None else None


def _caption_picture(holder: LexborNode | None, base_url: str, only_holder: bool) -> str | None:
    """The URL of the one picture in ``holder`` (or, unless ``only_holder``, in its nearest ancestor
    holding any, within ``_CAPTION_LEVELS`` levels); ``None`` when there are several."""
    for _ in range(1 if only_holder else _CAPTION_LEVELS):
        if holder is None or holder.tag in ("body", "html"):
            return None
        imgs = _pictures_in(holder)
        if imgs:
            # (one picture, maybe shown twice: a lazy <img> and its <noscript> copy)
            urls = {image_url(img.attributes, base_url) for img in imgs[:_MAX_COPIES]}
            return urls.pop() if len(urls) == 1 and len(imgs) <= _MAX_COPIES else None
        holder = holder.parent
    return None


def _is_label(text: str) -> bool:
    """Whether a caption-named element's ``text`` is page furniture ("Advertisement", "Read more")."""
    return (
        text.casefold() in rules.BOILERPLATE_PARAGRAPHS or rules.BOILERPLATE_LINE.fullmatch(text) is not None
    )


def _in_figure(node: LexborNode) -> bool:
    parent = node.parent
    return parent is not None and parent.tag == "figure"


def _lead(sources: PageSources, base_url: str) -> RawImage | None:
    for item in jsonld_items(sources.article_value("image", "thumbnailUrl"), sources.ids):
        url = picture_url(jsonld_text(item, "url", "contentUrl"), base_url)
        if url and is_picture(url):
            caption = jsonld_text(item, "caption", "description") if isinstance(item, dict) else None
            credit = (
                jsonld_text(item, "creditText", "copyrightHolder", "author")
                if isinstance(item, dict)
                else None
            )
            return RawImage(url, *split_credit(caption, credit))
    declared = (
        picture_url(value, base_url) for key in LEAD_META_KEYS for value in sources.meta.get(key, ())[:1]
    )
    url = next((url for url in declared if url and is_picture(url)), None)
    if url is None:
        return None
    alt = sources.first_meta("og:image:alt", "twitter:image:alt")
    return RawImage(url, alt=alt[0] if alt else None)


def _merge(listed: RawImage, copy: RawImage | None) -> RawImage:
    """``listed`` with the caption, credit and alt it lacks taken from ``copy``, another rendition of
    its picture (the lead's figure), and the credit when it says more there ("Stefan Rousseau/via Reuters"
    under the figure for the declared "Stefan Rousseau")."""
    if copy is None:
        return listed
    return RawImage(
        listed.url,
        listed.caption or copy.caption,
        _fuller_credit(listed.credit, copy.credit),
        listed.alt or copy.alt,
    )


def _fuller_credit(credit: str | None, other: str | None) -> str | None:
    """``credit``, or ``other`` when ``credit`` is missing or only its start (a longer caption is no
    better: a figure's caption may end with the credit the declared one leaves out)."""
    return (
        other if other and (not credit or (len(other) > len(credit) and other.startswith(credit))) else credit
    )


def _same_file(url: str, images: Sequence[RawImage]) -> RawImage | None:
    """The first of ``images`` showing the same picture as ``url`` (see :func:`same_picture`)."""
    return next((image for image in images if same_picture(url, image.url)), None)


def _figures(
    sources: PageSources, base_url: str, captioned: Mapping[str, RawImage], lead: RawImage | None
) -> list[RawImage]:
    """The pictures of the page's figures, except teasers' (see :mod:`.picture_filters`); a figure
    showing the declared ``lead`` is the article's, wherever it links."""
    images = []
    headline = sources.headings[0] if sources.headings and sources.headings[0].tag == "h1" else None
    cards: dict[int, bool] = {}
    for figure in sources.figures:
        img, fallbacks, caption_node = _image_and_caption(figure)
        picture = None if img is None else _figure_picture(img, fallbacks, base_url)
        if img is None or picture is None:
            continue
        url, named_by = picture
        if lead is not None and not same_picture(url, lead.url) and _lists(img, lead.url, base_url):
            url = lead.url  # (another size of the lead: Golem's "x-442864_rc.jpg 1x, x-442866.jpg 1.5x")
        shows_lead = lead is not None and same_picture(url, lead.url)
        if not shows_lead and (
            named_teaser(figure)
            or in_boilerplate(figure, _BYLINE_NAME)  # (an author's portrait)
            or is_teaser(img, figure, base_url)
            or in_card(figure, headline, base_url, cards)
        ):
            continue
        alt = img.attributes.get("alt") or named_by.attributes.get("alt") or None
        images.append(_figure_image(url, alt, figure, caption_node, captioned))
    return images


def _lists(img: LexborNode, url: str, base_url: str) -> bool:
    """Whether the ``srcset`` of ``img`` offers the picture at ``url`` among its sizes."""
    srcset = (img.attributes.get("srcset") or img.attributes.get("data-srcset") or "")[:_MAX_SRCSET_CHARS]
    name = url.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    if name not in srcset:  # (a C scan first: most figures do not offer the lead)
        return False
    candidates = srcset_candidates(srcset)
    return any(same_picture(picture_url(found, base_url) or "", url) for found, _ in candidates)


def _figure_picture(
    img: LexborNode, fallbacks: list[LexborNode], base_url: str
) -> tuple[str, LexborNode] | None:
    """The URL of a figure's picture and the element naming it: its ``<img>``, else the first of
    ``fallbacks`` naming a picture when the ``<img>`` names none or a placeholder; ``None`` for a file
    served from an ad path, or a picture declared small (:func:`.picture_filters.declared_small`)."""
    for node in (img, *fallbacks):
        url = image_url(node.attributes, base_url)
        if url is not None and is_picture(url):
            break
    else:
        return None
    if served_as_ad(url) or declared_small(img.attributes) or declared_small(node.attributes):
        return None
    return url, node


def _figure_image(
    url: str,
    alt: str | None,
    figure: LexborNode,
    caption_node: LexborNode | None,
    captioned: Mapping[str, RawImage],
) -> RawImage:
    """The figure's picture at ``url`` with its caption, credit and ``alt``."""
    if caption_node is None and url in captioned:  # (a caption named by class, no <figcaption>)
        return replace(captioned[url], alt=alt)
    credit = _credit_text(caption_node or figure)
    if credit is None and caption_node is not None:
        # (a credit beside the caption: ORF's <footer class="credit">, a second <figcaption>)
        credit = _credit_beside(figure, caption_node) or _credit_caption_after(caption_node)
    caption = _caption_text(caption_node, credit) if caption_node is not None else None
    return RawImage(url, *split_credit(caption, credit), alt=alt)


def _credit_caption_after(caption: LexborNode) -> str | None:
    """The text of a second ``<figcaption>`` right after ``caption`` that starts with a credit label
    (WordPress writes "<figcaption>Image Credits: Strava</figcaption>" after the caption's own)."""
    node = adjacent_element(caption, forward=True)
    if node is None or node.tag != "figcaption":
        return None
    text = node.text(separator=" ", strip=True)
    return text if starts_with_credit_label(text) else None


def _image_and_caption(figure: LexborNode) -> tuple[LexborNode | None, list[LexborNode], LexborNode | None]:
    """The first ``<img>`` and ``<figcaption>`` of ``figure``, and what else may name the picture when
    that ``<img>`` shows a placeholder: the first ``<source>`` of a ``<picture>``, then the next
    ``<img>`` (the copy a ``<noscript>`` shows browsers without scripts, or the picture a placeholder
    stands in front of); one query for all."""
    img: LexborNode | None = None
    source: LexborNode | None = None
    next_img: LexborNode | None = None
    caption: LexborNode | None = None
    custom: LexborNode | None = None
    for node in figure.css(_FIGURE_PARTS):
        tag = node.tag or ""
        if tag == "img":
            if img is None:
                img = node
            elif next_img is None and node.mem_id != img.mem_id:  # (an <img> is listed again as [src])
                next_img = node
        elif tag == "source":
            source = source or node
        elif tag == "figcaption":
            caption = caption or node
        elif "-" in tag:
            custom = custom or node
        if next_img is not None and caption is not None:
            break  # (a <picture>'s sources precede its <img>: all is found)
    fallbacks = [node for node in (source, next_img) if node is not None]
    return img or custom, fallbacks, caption


def _pictures_in(holder: LexborNode) -> list[LexborNode]:
    """The ``<img>`` elements under ``holder``, else the custom elements showing a picture there."""
    return holder.css("img") or [node for node in holder.css(_PICTURE_ATTRIBUTES) if "-" in (node.tag or "")]


def _credit_text(node: LexborNode) -> str | None:
    """The text of the first element of the first of ``CREDIT_SELECTORS`` whose first element has one."""
    found = candidates(node, _CREDIT_CANDIDATES)
    for test in _CREDIT_TESTS:
        credit = next((candidate[0] for candidate in found if test.matches(candidate)), None)
        if credit is not None and credit.text(strip=True):
            return credit.text(separator=" ", strip=True)
    return None


def _credit_beside(figure: LexborNode, caption: LexborNode) -> str | None:
    """The text of the first credit-named element of ``figure`` outside ``caption`` and not holding it
    (a wrapper named so holds the caption and more) that reads as a credit: short, no sentence."""
    for node, _, _ in candidates(figure, _CREDIT_CANDIDATES):
        if node.mem_id == caption.mem_id or has_ancestor(node, {caption.mem_id}):
            continue
        if has_ancestor(caption, {node.mem_id}):
            continue
        text = node.text(separator=" ", strip=True)
        if 0 < len(text) <= _MAX_BESIDE_CREDIT_CHARS and short_credit(text):
            return text
    return None


def _caption_text(caption_node: LexborNode, credit: str | None) -> str | None:
    text = caption_node.text(separator=" ", strip=True)
    if credit and text.endswith(credit):
        text = text[: -len(credit)]
    return text or None
