"""Composition of the raw field values into a normalised :class:`~worker.models.Article` (pure, no I/O).

Each raw value goes through :mod:`worker.normalise`; provenance records the source of every field
that has a value ("json-ld", "byline-text:naive", ...).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from worker.extract.body import Body
from worker.extract.images import PageImages, RawImage, with_body_pictures, without_portraits
from worker.extract.values import Found
from worker.models import Article, Image
from worker.normalise import (
    ParsedDate,
    canonical_url,
    clean_authors,
    clean_categories,
    clean_tags,
    clean_text,
    language_code,
    localise,
    order_dates,
    plain_text,
    site_zone,
    word_count,
)


@dataclass(frozen=True, slots=True)
class RawFields:
    """Every field as found on the page, before normalisation."""

    title: Found[str] | None
    description: Found[str] | None
    authors: Found[tuple[str, ...]] | None
    published: Found[ParsedDate] | None
    modified: Found[ParsedDate] | None
    tags: Found[list[str]] | None
    images: PageImages
    categories: Found[list[str]] | None
    site_name: Found[str] | None
    language: Found[str] | None
    canonical_url: Found[str] | None


def compose(raw: RawFields, body: Body, url: str, host: str, site_timezones: Mapping[str, str]) -> Article:
    """The normalised article, with provenance for each field that has a value."""
    provenance: dict[str, str] = {}
    zone = site_zone(host, site_timezones) if site_timezones else None
    published = _date(raw.published, zone, "published", provenance)
    modified = order_dates(published, _date(raw.modified, zone, "modified", provenance))
    if modified is None:
        provenance.pop("modified", None)
    authors = _list(raw.authors, "authors", provenance, clean_authors)
    pictures = without_portraits(with_body_pictures(raw.images, body.pictures, url), authors)
    images = tuple(_image(image) for image in pictures)
    categories = _list(raw.categories, "categories", provenance, clean_categories)
    if categories:
        provenance["section"] = provenance["categories"]
    return Article(
        url=url,
        canonical_url=_text(raw.canonical_url, "canonical_url", provenance, lambda v: canonical_url(v, url)),
        title=_text(raw.title, "title", provenance),
        description=_text(raw.description, "description", provenance, plain_text),
        authors=authors,
        published=published,
        modified=modified,
        body=body.text,
        images=images,
        tags=_list(raw.tags, "tags", provenance, clean_tags),
        categories=categories,
        section=categories[0] if categories else None,
        language=_text(raw.language, "language", provenance, language_code),
        site_name=_text(raw.site_name, "site_name", provenance),
        word_count=word_count(body.text),
        provenance=provenance,
    )


def _text(
    found: Found[str] | None,
    field: str,
    provenance: dict[str, str],
    clean: Callable[[str], str | None] = clean_text,
) -> str | None:
    value = clean(found.value) if found is not None else None
    if value and found is not None:
        provenance[field] = found.source
    return value


def _list(
    found: Found[list[str]] | Found[tuple[str, ...]] | None,
    field: str,
    provenance: dict[str, str],
    clean: Callable[[Iterable[str]], tuple[str, ...]],
) -> tuple[str, ...]:
    values = clean(found.value) if found is not None else ()
    if values and found is not None:
        provenance[field] = found.source
    return values


def _date(
    found: Found[ParsedDate] | None, zone: ZoneInfo | None, field: str, provenance: dict[str, str]
) -> datetime | None:
    if found is None:
        return None
    value, marker = localise(found.value.value, zone)
    provenance[field] = found.source + marker
    return value


def _image(image: RawImage) -> Image:
    return Image(
        url=image.url,
        caption=plain_text(image.caption),
        credit=plain_text(image.credit),
        alt=plain_text(image.alt),
    )
