"""``POST /urls`` of ``ingest serve``: queue a validated batch of URLs (I/O: Redis via Celery).

POST /urls  {"urls": ["https://...", {"url": "https://...", "priority": 3}], "priority"?: 0-9}
-> 202 {"accepted": [{"url"}...], "rejected": [{"url", "reason"}...], "messages": n}
-> 400 when nothing was accepted; 503 when the broker is unreachable
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from kombu.exceptions import OperationalError
from pydantic import BaseModel, Field

from worker.celery_app import create_app
from worker.config import Settings
from worker.intake import validate_batch
from worker.producer import Producer

MAX_URLS = 10_000


class UrlBatch(BaseModel):
    """The request body: URLs as strings or objects, and a default priority."""

    urls: list[str | dict[str, Any]] = Field(min_length=1, max_length=MAX_URLS)
    priority: int | None = Field(default=None, ge=0, le=9)


def register_url_intake(app: FastAPI, settings: Settings) -> None:
    """Add ``POST /urls`` to ``app``."""
    producers: list[Producer] = []

    def producer() -> Producer:
        if not producers:
            producers.append(Producer(create_app(settings), settings))
        return producers[0]

    @app.post("/urls", status_code=202)
    def post_urls(batch: UrlBatch) -> JSONResponse:
        defaults: dict[str, object] = {"source": "api"}
        if batch.priority is not None:
            defaults["priority"] = batch.priority
        accepted, rejected = validate_batch(batch.urls, settings.fetch_max_url_length, defaults)
        try:
            messages = producer().send(accepted) if accepted else 0
        except OperationalError as error:
            return JSONResponse({"error": "broker_unavailable", "message": str(error)}, status_code=503)
        body = {
            "accepted": [{"url": request.url} for request in accepted],
            "rejected": [{"url": _url_of(item), "reason": reason} for item, reason in rejected],
            "messages": messages,
        }
        return JSONResponse(body, status_code=202 if accepted else 400)


def _url_of(item: object) -> object:
    return item.get("url") if isinstance(item, dict) else item
