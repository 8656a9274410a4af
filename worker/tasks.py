"""Thin Celery tasks with explicit, stable names (I/O: Redis; the work lives in worker.pipeline).

Like web views, they parse the JSON message, guard against poison messages, call the pipeline and
reschedule what it asks for. Names are a contract with producers in any language; never rename them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

import redis
from celery import Task, shared_task
from celery.exceptions import Retry, SoftTimeLimitExceeded

from worker.celery_app import settings_of
from worker.errors import IngestError, PermanentError, TransientError
from worker.intake import parse_request
from worker.pipeline import Outcome, UrlRequest, rescheduled
from worker.polling import DISCOVERY_PRIORITY
from worker.runtime import Runtime, runtime_for

log = logging.getLogger("ingest.tasks")

F = TypeVar("F", bound=Callable[..., object])


def _task(name: str) -> Callable[[F], F]:
    """Register a bound task under an explicit, stable ``name`` (the default follows the module path)."""
    return cast("Callable[[F], F]", shared_task(name=name, bind=True))


def _runtime(task: Task[Any, Any]) -> Runtime:
    return runtime_for(task.app)


def _message_id(task: Task[Any, Any]) -> str:
    return str(task.request.id)


def _parse_all(task: Task[Any, Any], runtime: Runtime, items: Sequence[object]) -> list[UrlRequest]:
    """Parse message items; invalid ones are recorded as failed right away."""
    requests: list[UrlRequest] = []
    for item in items:
        try:
            requests.append(parse_request(item, runtime.settings.fetch_max_url_length))
        except PermanentError as error:
            url = item.get("url") if isinstance(item, dict) else item
            runtime.record_failures([UrlRequest(url=str(url)[:4096])], error.reason, _message_id(task))
    return requests


def _settle(task: Task[Any, Any], runtime: Runtime, requests: Sequence[UrlRequest]) -> None:
    """Run ``requests`` through the pipeline, then reschedule retries and report outcomes."""
    try:
        outcomes = runtime.pipeline.run(requests, _message_id(task))
    except SoftTimeLimitExceeded:
        # The whole message ran too long (a slow site, a slow engine): each URL is retried like a
        # timeout, and recorded as failed after its last attempt.
        outcomes = runtime.pipeline.settle_all(requests, TransientError("task_timeout"))
    _reschedule(runtime, outcomes)
    runtime.report(outcomes, _message_id(task))


def _ingest(task: Task[Any, Any], body: object, items: Sequence[object]) -> None:
    """The body of both ingest tasks; any error nobody classified retries the whole message."""
    try:
        runtime = _runtime(task)
        if not _poisoned(task, runtime, body, items):
            _settle(task, runtime, _parse_all(task, runtime, items))
    except Retry:
        raise
    except Exception as error:
        # Redis or the engine failed outside a stage (locks, failure records), or a bug: nothing was
        # settled for sure, so the message is retried; it is acknowledged once the copy is sent.
        settings = settings_of(task.app)
        retries = task.request.retries or 0
        countdown = min(settings.fetch_backoff_max_s, settings.fetch_backoff_base_s * 2**retries)
        log.exception("message %s retried", _message_id(task), extra={"task_id": _message_id(task)})
        raise task.retry(exc=error, countdown=countdown, max_retries=None) from error


def _reschedule(runtime: Runtime, outcomes: Sequence[Outcome]) -> None:
    # New messages for the retries, one per delay: each its own id, hence its own delivery count and
    # lock owner. Sent before this message is acknowledged, so a crash in between yields a duplicate
    # run, never a loss.
    limit = runtime.settings.visibility_timeout_s - runtime.settings.task_hard_time_limit_s
    for countdown, requests in rescheduled(outcomes, limit):
        runtime.producer.send(requests, countdown=countdown)


def _poisoned(task: Task[Any, Any], runtime: Runtime, body: object, items: Sequence[object]) -> bool:
    """Count this delivery; dead-letter the message past ``max_deliveries``, or split a redelivered batch."""
    # Keyed by id and retry number: a Celery retry keeps the id but is a new message.
    deliveries = runtime.deliveries.count(f"{_message_id(task)}:{task.request.retries or 0}")
    if runtime.deliveries.exceeded(deliveries):
        requests = _parse_all(task, runtime, items)
        runtime.dead_letter(_message_id(task), str(task.name), body, deliveries, requests)
        return True
    if deliveries > 1 and len(items) > 1:
        # A batch that died once is re-sent as single URLs, so one poison page cannot take the
        # other URLs of its batch to the dead-letter list with it.
        requests = _parse_all(task, runtime, items)
        # The crashed delivery's locks carry this message's id: free them for the single-URL messages.
        runtime.release_locks(requests, _message_id(task))
        runtime.producer.send_each(requests)
        return True
    return False


@_task("ingest.url")
def ingest_url(self: Task[Any, Any], url: object = None, **fields: object) -> None:
    """Ingest one URL: ``{url, priority?, recrawl?, source?, attempt?}``."""
    item = {"url": url, **fields}
    _ingest(self, item, [item])


@_task("ingest.urls")
def ingest_urls(self: Task[Any, Any], urls: Sequence[object] = ()) -> None:
    """Ingest a batch: ``{urls: [url | {url, priority?, recrawl?, source?}, ...]}``; one bulk per batch."""
    items = list(urls) if isinstance(urls, list | tuple) else []
    _ingest(self, {"urls": items}, items)


@_task("ingest.ping")
def ingest_ping(self: Task[Any, Any], token: str) -> str:
    """Prove a worker runs tasks: store ``token`` under ``<prefix>ping:<token>`` for a minute."""
    settings = settings_of(self.app)
    with redis.Redis.from_url(settings.redis_url) as client:
        client.set(f"{settings.key_prefix}ping:{token}", _message_id(self), ex=60)
    return token


@_task("ingest.feed")
def ingest_feed(self: Task[Any, Any], url: str, depth: int = 0) -> None:
    """Poll one feed or sitemap: ``{url, depth?}``; new article URLs are queued as ``ingest.urls``."""
    runtime = _runtime(self)
    try:
        runtime.poller.poll(url, depth)
    except IngestError as error:
        # The next scheduled poll is the retry: a feed is polled again anyway.
        log.warning("feed %s: %s", url, error.reason, extra={"url": url, "reason": error.reason})


@_task("ingest.poll_feeds")
def ingest_poll_feeds(self: Task[Any, Any]) -> int:
    """Beat: queue an ``ingest.feed`` poll for every registered feed and INGEST_FEEDS entry."""
    runtime = _runtime(self)
    feeds = sorted({*runtime.feeds.all(), *runtime.settings.feeds})
    for url in feeds:
        runtime.producer.send_feed(url)
    return len(feeds)


@_task("ingest.recrawl")
def ingest_recrawl(self: Task[Any, Any]) -> int:
    """Beat: queue recently indexed URLs again with ``recrawl`` (conditional GET: a 304 is cheap)."""
    runtime = _runtime(self)
    urls = runtime.recent.since(runtime.settings.recrawl_window_s)
    runtime.producer.send(
        [UrlRequest(u, priority=DISCOVERY_PRIORITY, recrawl=True, source="recrawl") for u in urls]
    )
    return len(urls)
