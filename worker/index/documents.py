"""Index documents from articles: id, external version and the JSON source (pure, no I/O).

``doc_id`` is the sha256 hex of the canonical URL (else the final URL, else the URL fetched), so every
URL that leads to the same article lands on one document. ``version`` is ``modified`` (else
``fetched_at``) in epoch milliseconds; the engine enforces "older never overwrites newer" with
``version_type=external_gte`` (an equal version re-indexes idempotently, e.g. after the extractor
improved). Keyword values are cut by UTF-8 bytes to the limits below, which stay under the
``ignore_above`` of ``template.json`` and far under Lucene's 32,766-byte term limit.

Text is analysed in English in ``title``/``description``/``body``; a document whose language has
an analyzer in :data:`LOCALIZED_LANGUAGES` also carries its text under ``localized.<lang>``, so it is
analysed once more with its own language's analyzer (and only with that one: multi-fields for every
language cost six extra analyses of every body, measured 6x slower bulk indexing).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from worker.models import Article, FetchedPage

# Bytes per keyword field; each is <= the field's ``ignore_above`` (characters) in template.json.
KEYWORD_MAX_BYTES: Mapping[str, int] = {
    "url": 8191,
    "final_url": 8191,
    "canonical_url": 8191,
    "lead_image": 8191,
    "site": 1024,
    "site_name": 1024,
    "authors": 1024,
    "tags": 1024,
    "categories": 1024,
    "section": 1024,
    "language": 35,
}
LOCALIZED_LANGUAGES: tuple[str, ...] = ("de", "fr", "es", "it", "nl", "pt")  # localized.* in template.json
MAX_LIST_ITEMS = 100  # authors/tags beyond this are noise from a broken page, not facets


@dataclass(frozen=True, slots=True)
class FetchInfo:
    """What the fetch knew about the page; ``first_seen`` defaults to ``fetched_at``."""

    fetched_at: datetime
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    charset: str | None = None
    bytes: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    first_seen: datetime | None = None

    @classmethod
    def from_page(cls, page: FetchedPage, fetched_at: datetime) -> FetchInfo:
        """Fetch metadata of a successfully fetched page."""
        return cls(
            fetched_at=fetched_at,
            final_url=page.final_url,
            status=page.status,
            content_type=page.content_type,
            charset=page.charset,
            bytes=page.bytes,
            etag=page.etag,
            last_modified=page.last_modified,
        )


@dataclass(frozen=True, slots=True)
class IndexDocument:
    """One article as the engine stores it."""

    doc_id: str
    version: int
    source: Mapping[str, Any]


def sha256_hex(text: str) -> str:
    """The stable id of a URL (64 hex characters, well under the 512-byte ``_id`` limit)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def truncate_utf8(text: str, max_bytes: int) -> str:
    """``text`` cut to at most ``max_bytes`` UTF-8 bytes, never inside a character."""
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", errors="ignore")


def identity_url(article: Article, fetch: FetchInfo) -> str:
    """The URL that identifies the article: canonical, else final, else the one fetched."""
    for candidate in (article.canonical_url, fetch.final_url, article.url):
        if candidate and candidate.strip():
            return candidate.strip()
    return article.url


def document_id(article: Article, fetch: FetchInfo) -> str:
    """sha256 hex of :func:`identity_url`."""
    return sha256_hex(identity_url(article, fetch))


def epoch_ms(moment: datetime) -> int:
    """Milliseconds since the epoch; a naive datetime is read as UTC."""
    return int(as_utc(moment).timestamp() * 1000)


def document_version(article: Article, fetch: FetchInfo) -> int:
    """External version: ``modified`` else ``fetched_at`` in epoch ms (at least 1)."""
    return max(1, epoch_ms(article.modified or fetch.fetched_at))


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; naive values are taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with milliseconds, or None."""
    return None if moment is None else as_utc(moment).isoformat(timespec="milliseconds")


def site_of(url: str) -> str:
    """Host name of ``url``, lower case, without a leading ``www.``."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def language_code(language: str | None) -> str | None:
    """Primary subtag in lower case: ``en-GB`` -> ``en``; None when unknown."""
    if not language or not language.strip():
        return None
    return language.strip().replace("_", "-").split("-")[0].lower() or None


def _keyword(field: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    return truncate_utf8(value.strip(), KEYWORD_MAX_BYTES[field])


def _keywords(field: str, values: tuple[str, ...]) -> list[str]:
    cleaned = (_keyword(field, value) for value in values[:MAX_LIST_ITEMS])
    return list(dict.fromkeys(value for value in cleaned if value))


def _fetch_source(fetch: FetchInfo) -> dict[str, Any]:
    values = {
        "status": fetch.status,
        "content_type": fetch.content_type and truncate_utf8(fetch.content_type, 256),
        "charset": fetch.charset and truncate_utf8(fetch.charset, 64),
        "bytes": fetch.bytes,
        "etag": fetch.etag and truncate_utf8(fetch.etag, 1024),
        "last_modified": fetch.last_modified and truncate_utf8(fetch.last_modified, 256),
    }
    return {key: value for key, value in values.items() if value is not None}


def _images(article: Article) -> list[dict[str, str]]:
    images = ({"url": i.url, "caption": i.caption, "credit": i.credit, "alt": i.alt} for i in article.images)
    return [{key: value for key, value in image.items() if value} for image in images]


def _localized(article: Article, language: str | None) -> dict[str, Any]:
    """The text again under ``localized.<lang>`` when the language has its own analyzer."""
    if language not in LOCALIZED_LANGUAGES:
        return {}
    texts = {"title": article.title, "description": article.description, "body": article.body or None}
    present = {field: text for field, text in texts.items() if text}
    return {language: present} if present else {}


def build_source(article: Article, fetch: FetchInfo, doc_id: str) -> dict[str, Any]:
    """The JSON source of the article document (fields of ``template.json`` only)."""
    site_url = article.canonical_url or fetch.final_url or article.url
    language = _keyword("language", language_code(article.language))
    source: dict[str, Any] = {
        "doc_id": doc_id,
        "url": _keyword("url", article.url),
        "final_url": _keyword("final_url", fetch.final_url),
        "canonical_url": _keyword("canonical_url", article.canonical_url),
        "site": _keyword("site", site_of(site_url)),
        "site_name": _keyword("site_name", article.site_name),
        "title": article.title,
        "description": article.description,
        "body": article.body,
        "localized": _localized(article, language),
        "authors": _keywords("authors", article.authors),
        "tags": _keywords("tags", article.tags),
        "categories": _keywords("categories", article.categories),
        "section": _keyword("section", article.section),
        "language": language,
        "published": iso(article.published),
        "modified": iso(article.modified),
        "fetched_at": iso(fetch.fetched_at),
        "first_seen": iso(fetch.first_seen or fetch.fetched_at),
        "word_count": article.word_count,
        "lead_image": _keyword("lead_image", article.images[0].url) if article.images else None,
        "images": _images(article),
        "provenance": dict(article.provenance),
        "fetch": _fetch_source(fetch),
    }
    return {key: value for key, value in source.items() if value not in (None, [], {})}


def build_document(article: Article, fetch: FetchInfo) -> IndexDocument:
    """Article + fetch metadata -> the document to index with its id and external version."""
    doc_id = document_id(article, fetch)
    return IndexDocument(doc_id, document_version(article, fetch), build_source(article, fetch, doc_id))
