"""The search API used by both ``ingest search`` and ``GET /search``; article and URL-status look-ups (I/O).

Queries go to the read alias; see :mod:`worker.index.query` for what the parameters mean.
"""

from __future__ import annotations

from typing import Any

from worker.config import Settings
from worker.index.engine import Engine
from worker.index.query import SearchParams, SearchResult, build_body, parse_response
from worker.index.records import url_status_id


def search(engine: Engine, settings: Settings, params: SearchParams) -> SearchResult:
    """Run one search; raises PermanentError(``invalid_query``) for bad parameters."""
    body = build_body(params)
    return parse_response(engine.search(settings.read_alias, body), params)


def get_article(engine: Engine, settings: Settings, doc_id: str) -> dict[str, Any] | None:
    """The stored article with its id and external version, or None."""
    found = engine.get(settings.read_alias, doc_id)
    if found is None:
        return None
    return {"id": found["_id"], "version": found.get("_version"), **found["_source"]}


def lookup_url_status(engine: Engine, settings: Settings, url: str) -> dict[str, Any] | None:
    """What happened to ``url`` (exactly as queued): its URL-status record, or None if never seen."""
    found = engine.get(settings.url_status_index, url_status_id(url))
    return dict(found["_source"]) if found else None
