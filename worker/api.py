"""HTTP API of ``ingest serve``: search, articles, URL status, health (I/O, FastAPI).

    GET /search?q=...&since=&until=&site=&author=&tag=&category=&lang=&sort=&size=&after=&tz=
        -> {"total", "hits": [{"id", "title", "url", "published", "score", "highlight"}], "facets", "next"}
    GET /articles/{id}          -> the stored article (404 when unknown)
    GET /urls/status?url=...    -> the URL-status record (404 when the URL was never seen)
    GET /healthz                -> {"status": "ok", "engine": {...}} or 503

Bad parameters answer 400, an unreachable or busy engine 503.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from worker.config import Settings, load_settings
from worker.errors import IngestError, TransientError
from worker.index.engine import Engine, make_engine
from worker.index.query import MAX_SIZE, SearchParams
from worker.index.search import get_article, lookup_url_status, search
from worker.url_api import register_url_intake


def _error_response(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, IngestError)
    status = 503 if isinstance(exc, TransientError) else 400
    return JSONResponse({"error": exc.reason, "message": exc.message}, status_code=status)


def _or_404(found: dict[str, Any] | None, detail: str) -> dict[str, Any]:
    """``found``, or a 404 answer saying ``detail`` when the lookup found nothing."""
    if found is None:
        raise HTTPException(404, detail)
    return found


class EngineHolder:
    """The engine, made on first use: the API starts (and ``/healthz`` answers 503) while it is down."""

    def __init__(self, settings: Settings, engine: Engine | None) -> None:
        self._settings = settings
        self._engine = engine
        self._lock = threading.Lock()

    def __call__(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = make_engine(self._settings)
            return self._engine


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The API bound to ``settings`` (default: from the environment) and ``engine`` (default: made on use)."""
    settings = settings or load_settings()
    current = EngineHolder(settings, engine)
    app = FastAPI(title="ingest-worker")
    app.add_exception_handler(IngestError, _error_response)

    @app.get("/search")
    def search_route(  # noqa: PLR0917 (FastAPI passes every query parameter)
        q: str = "",
        since: str | None = None,
        until: str | None = None,
        site: str | None = None,
        author: str | None = None,
        tag: str | None = None,
        category: str | None = None,
        lang: str | None = None,
        sort: Literal["relevance", "newest"] = "relevance",
        size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 10,
        after: str | None = None,
        tz: str = "UTC",
    ) -> dict[str, Any]:
        params = SearchParams(q, since, until, site, author, tag, category, lang, sort, size, after, tz)
        return search(current(), settings, params).to_json()

    @app.get("/articles/{doc_id}")
    def article_route(doc_id: str) -> dict[str, Any]:
        return _or_404(get_article(current(), settings, doc_id), "no such article")

    @app.get("/urls/status")
    def url_status_route(url: str) -> dict[str, Any]:
        return _or_404(lookup_url_status(current(), settings, url), "URL never queued or indexed")

    @app.get("/healthz")
    def health_route() -> JSONResponse:
        try:
            info = current().info()
        except TransientError as exc:
            return JSONResponse({"status": "unavailable", "error": exc.reason}, status_code=503)
        return JSONResponse(
            {
                "status": "ok",
                "engine": {"kind": info.kind, "distribution": info.distribution, "version": info.version},
            }
        )

    register_url_intake(app, settings)
    return app
