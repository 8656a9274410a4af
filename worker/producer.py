"""Sends URL requests to the broker as ``ingest.url`` / ``ingest.urls`` messages (Redis I/O)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby, islice

from celery import Celery

from worker.config import Settings
from worker.intake import to_message
from worker.pipeline import UrlRequest

TASK_URL = "ingest.url"
TASK_URLS = "ingest.urls"
TASK_FEED = "ingest.feed"


def _chunks(items: Iterable[UrlRequest], size: int) -> Iterator[list[UrlRequest]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Producer:
    """Publishes URL requests in batches of ``settings.batch_size`` to ``settings.queue``."""

    def __init__(self, app: Celery, settings: Settings) -> None:
        self._app = app
        self._settings = settings

    def send(self, requests: Sequence[UrlRequest], countdown: float | None = None) -> int:
        """Publish ``requests`` (one message per batch of equal priority); returns the messages sent."""
        sent = 0
        by_priority = sorted(requests, key=lambda r: -1 if r.priority is None else r.priority)
        for priority, group in groupby(by_priority, key=lambda r: r.priority):
            for chunk in _chunks(group, self._settings.batch_size):
                self._publish(chunk, priority, countdown)
                sent += 1
        return sent

    def send_each(self, requests: Sequence[UrlRequest]) -> int:
        """Publish one ``ingest.url`` message per request; returns the messages sent."""
        for request in requests:
            self._publish([request], request.priority, None)
        return len(requests)

    def send_feed(self, url: str, depth: int = 0) -> None:
        """Publish an ``ingest.feed`` message: poll the feed or sitemap at ``url``."""
        kwargs: dict[str, object] = {"url": url} if depth == 0 else {"url": url, "depth": depth}
        self._app.send_task(TASK_FEED, kwargs=kwargs, queue=self._settings.queue)

    def _publish(self, chunk: list[UrlRequest], priority: int | None, countdown: float | None) -> None:
        if len(chunk) == 1:
            name, kwargs = TASK_URL, to_message(chunk[0])
        else:
            name, kwargs = TASK_URLS, {"urls": [to_message(request) for request in chunk]}
        self._app.send_task(
            name,
            kwargs=kwargs,
            queue=self._settings.queue,
            priority=priority,
            countdown=countdown,
            headers={"enqueued_at": time.time()},
        )
