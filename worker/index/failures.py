"""URLs to queue again, read from ``ingest-urls`` (engine I/O): those recorded failed, page by page,
and those of a list that have no record at all."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from worker.index.engine import Engine
from worker.index.query import date_bound
from worker.index.records import url_status_id

PAGE_SIZE = 1000


@dataclass(frozen=True, slots=True)
class FailedUrl:
    """A URL whose last outcome was ``failed``, with the reason recorded."""

    url: str
    reason: str | None


def failed_query(reasons: Sequence[str] = (), since: str | None = None) -> dict[str, Any]:
    """The query for failed records, of ``reasons`` only when given, last attempted at or after
    ``since`` (an ISO date or time, or ``now-1d``-style date math) when given.

    Raises ``PermanentError`` (``invalid_query``) for a ``since`` that is neither.
    """
    filters: list[dict[str, Any]] = [{"term": {"status": "failed"}}]
    if reasons:
        filters.append({"terms": {"reason": list(reasons)}})
    if since:
        filters.append({"range": {"last_attempt": {"gte": date_bound(since)}}})
    return {"bool": {"filter": filters}}


def failed_urls(
    engine: Engine, index: str, query: dict[str, Any], limit: int | None = None
) -> Iterator[FailedUrl]:
    """The records matching ``query`` in ``index``, ordered by URL, at most ``limit`` of them.

    Pages with ``search_after`` on the URL (one record per URL), so any number of records is read
    without the engine's 10,000-hit window.
    """
    body: dict[str, Any] = {
        "query": query,
        "size": PAGE_SIZE,
        "sort": [{"url": "asc"}],
        "_source": ["url", "reason"],
    }
    read = 0
    while True:
        hits = engine.search(index, body)["hits"]["hits"]
        for hit in hits:
            if limit is not None and read >= limit:
                return
            read += 1
            yield FailedUrl(hit["_source"]["url"], hit["_source"].get("reason"))
        if len(hits) < PAGE_SIZE:
            return
        body = {**body, "search_after": hits[-1]["sort"]}


def unrecorded_urls(engine: Engine, index: str, urls: Sequence[str]) -> list[str]:
    """The ``urls`` (as queued) that have no record in ``index``, in order: never settled, because
    they are still queued or their message was lost. Looked up ``PAGE_SIZE`` ids per request."""
    missing: list[str] = []
    for start in range(0, len(urls), PAGE_SIZE):
        ids = {url_status_id(url): url for url in urls[start : start + PAGE_SIZE]}
        body = {"query": {"ids": {"values": list(ids)}}, "size": len(ids), "_source": False}
        found = {hit["_id"] for hit in engine.search(index, body)["hits"]["hits"]}
        missing += [url for doc_id, url in ids.items() if doc_id not in found]
    return missing
