"""Local pages (stored HTML, ``.html`` or ``.html.gz``) -> index entries, without fetching (reads files).

Used by ``ingest index`` for backfills from stored HTML and for re-extraction after the extractor
improves. ``fetched_at`` is the time the HTML was stored (the jsonl's ``fetched_at``, else the file's
modification time), so a backfill of old HTML never overwrites a newer live fetch, while
re-extracting the same stored page replaces its document (same version, ``external_gte``).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from w3lib.encoding import html_to_unicode

from worker.errors import PermanentError
from worker.extract import ExtractOptions, extract_article
from worker.index.documents import FetchInfo
from worker.index.records import Entry


@dataclass(frozen=True, slots=True)
class LocalPage:
    """One stored page: where its HTML is and the URL it was fetched from."""

    path: Path
    url: str | None
    fetched_at: datetime | None = None


def read_html(path: Path) -> str:
    """The page's text: gzip by magic bytes, charset from BOM/meta, else UTF-8."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    _encoding, text = html_to_unicode(None, raw, default_encoding="utf-8")
    return str(text)


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def pages_from_jsonl(path: Path) -> Iterator[LocalPage]:
    """Pages of a ``pages.jsonl`` (``url``, ``html_file`` relative to it, optional ``fetched_at``)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            yield LocalPage(
                path.parent / record["html_file"], record.get("url"), _parse_time(record.get("fetched_at"))
            )


def to_entry(page: LocalPage, options: ExtractOptions) -> Entry:
    """Extract ``page`` into an entry; PermanentError when it has no URL or cannot be extracted.

    Without a URL the page's canonical URL is used (the page is extracted again with it, so links and
    the site are resolved against the real address).
    """
    html = read_html(page.path)
    article = extract_article(html, page.url or page.path.resolve().as_uri(), options)
    url = page.url or article.canonical_url
    if not url:
        raise PermanentError("no_url", f"{page.path}: give --url or a jsonl with urls")
    if url != article.url:
        article = extract_article(html, url, options)
    stored = page.fetched_at or datetime.fromtimestamp(page.path.stat().st_mtime, UTC)
    return Entry(url=url, article=article, fetch=FetchInfo(fetched_at=stored, final_url=url))
