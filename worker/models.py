"""Value types that flow through the pipeline: frozen dataclasses, no I/O.

A page flows ``FetchedPage`` -> ``Article`` -> index document; failures are ``Outcome`` values
carrying a stable reason code (see :mod:`worker.errors`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Source = Literal[
    "json-ld", "opengraph", "meta", "microdata", "time-element", "byline-text", "url", "heuristic", "html"
]


@dataclass(frozen=True, slots=True)
class Image:
    """One picture of the article; the lead image comes first in ``Article.images``."""

    url: str
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """The extracted, normalised article: what the index stores (plus fetch metadata)."""

    url: str
    canonical_url: str | None = None
    title: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    modified: datetime | None = None
    body: str = ""
    images: tuple[Image, ...] = ()
    tags: tuple[str, ...] = ()
    # every section the article is filed under ("World", "Middle East"); ``section`` is the first
    categories: tuple[str, ...] = ()
    section: str | None = None
    language: str | None = None
    site_name: str | None = None
    word_count: int = 0
    # field name -> which source gave it (json-ld, opengraph, meta, ...); "naive" dates say so here
    provenance: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A successfully fetched and decoded HTML page."""

    url: str
    final_url: str
    status: int
    content_type: str
    text: str
    charset: str
    bytes: int
    elapsed_ms: float
    etag: str | None = None
    last_modified: str | None = None
    # how ``text`` was decoded: bom, http-header, meta, utf-8, detected, fallback; "" for a 304
    decode_method: str = ""
