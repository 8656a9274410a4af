"""Values of the indexing interface and the bulk actions built from them (pure, no I/O).

An :class:`Entry` is what the pipeline hands the indexer (the URL as the producer gave it, the
article, fetch metadata); an :class:`EntryResult` is what became of it. Each entry turns into two
bulk actions sent in the same request: the article (external versioning) and the URL-status record
(an upsert keyed by sha256 of the URL as given, so ``first_seen`` survives later writes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from worker.index.documents import FetchInfo, IndexDocument, iso, sha256_hex, truncate_utf8
from worker.models import Article

UrlStatus = Literal["queued", "indexed", "unchanged", "duplicate", "failed"]
URL_STATUSES: tuple[UrlStatus, ...] = ("queued", "indexed", "unchanged", "duplicate", "failed")
MESSAGE_MAX_BYTES = 4096


@dataclass(frozen=True, slots=True)
class Entry:
    """One article to index, with the URL exactly as the producer queued it."""

    url: str
    article: Article
    fetch: FetchInfo
    attempts: int = 1


@dataclass(frozen=True, slots=True)
class EntryResult:
    """What happened to one entry: ``indexed``, ``duplicate`` (a newer or same version is already
    stored: superseded) or ``failed`` with a reason code and the engine's message."""

    url: str
    status: UrlStatus
    doc_id: str | None = None
    reason: str | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True)
class UrlRecord:
    """A URL's outcome that has no article to index (queued, unchanged, failed...)."""

    url: str
    status: UrlStatus
    reason: str | None = None
    message: str | None = None
    attempts: int = 1
    doc_id: str | None = None


@dataclass(frozen=True, slots=True)
class StatusRecord:
    """One URL-status write."""

    url: str
    status: UrlStatus
    attempts: int
    at: datetime
    doc_id: str | None = None
    reason: str | None = None
    message: str | None = None


def url_status_id(url: str) -> str:
    """Document id of a URL-status record."""
    return sha256_hex(url)


def article_action(document: IndexDocument, index: str) -> dict[str, Any]:
    """Bulk action that writes the article unless the engine holds a newer version."""
    return {
        "_op_type": "index",
        "_index": index,
        "_id": document.doc_id,
        "version": document.version,
        "version_type": "external_gte",
        "_source": dict(document.source),
    }


def status_action(record: StatusRecord, index: str) -> dict[str, Any]:
    """Bulk upsert of the URL's status; ``first_seen`` is only set when the record is created."""
    fields: dict[str, Any] = {
        "url": truncate_utf8(record.url, 8191),
        "status": record.status,
        "reason": record.reason,
        "message": record.message and truncate_utf8(record.message, MESSAGE_MAX_BYTES),
        "attempts": record.attempts,
        "doc_id": record.doc_id,
        "last_attempt": iso(record.at),
    }
    return {
        "_op_type": "update",
        "_index": index,
        "_id": url_status_id(record.url),
        "retry_on_conflict": 3,
        "_source": {"doc": fields, "upsert": {**fields, "first_seen": iso(record.at)}},
    }
