"""Per-process resources of a worker, built once on first use in each pool child (I/O: Redis).

Built lazily so nothing (sockets, thread pools, sessions) is created in the parent before the fork.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass

import redis
from celery import Celery

from worker.celery_app import settings_of
from worker.config import Settings
from worker.deliveries import DeadLetters, DeliveryCounter
from worker.feeds import FeedRegistry, RecentUrls, SeenUrls
from worker.locks import UrlLocks
from worker.metrics import PrometheusRecorder
from worker.pipeline import Outcome, Pipeline, UrlRequest
from worker.polling import FeedPoller
from worker.producer import Producer
from worker.stats import OutcomeStats

log = logging.getLogger("ingest.outcome")


@dataclass(frozen=True, slots=True)
class Runtime:
    """Everything a task needs, for one process."""

    settings: Settings
    redis: redis.Redis
    pipeline: Pipeline
    producer: Producer
    deliveries: DeliveryCounter
    dead_letters: DeadLetters
    stats: OutcomeStats
    recorder: PrometheusRecorder
    poller: FeedPoller
    feeds: FeedRegistry
    recent: RecentUrls
    locks: UrlLocks

    def report(self, outcomes: Sequence[Outcome], message_id: str) -> None:
        """One log line, one metric and one status count per URL outcome."""
        for outcome in outcomes:
            self.recorder.outcome(outcome.status, outcome.reason)
            log.info(
                "url %s",
                outcome.status,
                extra={
                    "url": outcome.request.url,
                    "task_id": message_id,
                    "outcome": outcome.status,
                    "reason": outcome.reason,
                    "attempt": outcome.request.attempt,
                    "retry_in": outcome.retry_in,
                    "ms": {stage: round(ms, 1) for stage, ms in outcome.timings_ms.items()},
                },
            )
        self.stats.add((outcome.status, outcome.reason) for outcome in outcomes)

    def record_failures(self, requests: Sequence[UrlRequest], reason: str, message_id: str) -> None:
        """Record ``requests`` as failed with ``reason`` without running them."""
        outcomes = [Outcome(request, "failed", reason) for request in requests]
        if outcomes:
            self.pipeline.record(outcomes)
        self.report(outcomes, message_id)

    def release_locks(self, requests: Sequence[UrlRequest], message_id: str) -> None:
        """Release what an earlier, crashed delivery of ``message_id`` still holds."""
        self.locks.release([request.url for request in requests], message_id)

    def dead_letter(
        self, message_id: str, task: str, body: object, deliveries: int, requests: Sequence[UrlRequest]
    ) -> None:
        """Give up on a message that was delivered too often: keep it aside, record its URLs."""
        self.dead_letters.add(message_id, task, body, deliveries)
        self.release_locks(requests, message_id)
        self.record_failures(requests, "poison_message", message_id)


_RUNTIMES: dict[int, Runtime] = {}


def build_runtime(app: Celery) -> Runtime:
    """Wire the real stages for ``app``'s settings."""
    # Imported here: the engine clients load only in workers, not in producers and the CLI.
    from worker.wiring import build_pipeline, document_download  # noqa: PLC0415

    settings = settings_of(app)
    client = redis.Redis.from_url(settings.redis_url, health_check_interval=10)
    recorder = PrometheusRecorder()
    producer = Producer(app, settings)
    prefix = settings.key_prefix
    return Runtime(
        settings=settings,
        redis=client,
        pipeline=build_pipeline(settings, client, recorder),
        producer=producer,
        deliveries=DeliveryCounter(
            client, settings.key_prefix, settings.max_deliveries, settings.delivery_ttl_s
        ),
        dead_letters=DeadLetters(client, settings.key_prefix),
        stats=OutcomeStats(client, settings.key_prefix),
        recorder=recorder,
        poller=FeedPoller(
            document_download(settings), producer, SeenUrls(client, prefix, settings.seen_ttl_s)
        ),
        feeds=FeedRegistry(client, prefix),
        recent=RecentUrls(client, prefix),
        locks=UrlLocks(client, prefix, settings.url_lock_ttl_s),
    )


def runtime_for(app: Celery) -> Runtime:
    """This process's runtime, built on first use (after the fork)."""
    pid = os.getpid()
    if pid not in _RUNTIMES:
        _RUNTIMES.clear()
        _RUNTIMES[pid] = build_runtime(app)
    return _RUNTIMES[pid]
