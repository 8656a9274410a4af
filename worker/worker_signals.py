"""Worker start-up hooks: JSON logging, the broker persistence check, the metrics endpoint (I/O).

Connected when :mod:`worker.celery_app` builds the process-wide app, so they run in every
``celery -A worker.celery_app worker`` (and thus ``ingest worker``).
"""

from __future__ import annotations

import logging
from typing import Any

import redis
from celery import signals

from worker import broker_patch
from worker.broker_check import inspect_broker
from worker.celery_app import settings_of
from worker.logs import configure_logging
from worker.metrics import QueueCollector, serve_metrics
from worker.queues import QueueReader

log = logging.getLogger("ingest.worker")


def _json_logging(loglevel: str | int | None = None, **_: Any) -> None:
    # Connecting this signal stops Celery from configuring logging itself.
    level = logging.getLevelName(loglevel) if isinstance(loglevel, int) else (loglevel or "INFO")
    configure_logging(str(level))


def _check_broker(sender: Any = None, **_: Any) -> None:
    settings = settings_of(sender.app)
    client = redis.Redis.from_url(settings.redis_url, socket_connect_timeout=10)
    persistence = inspect_broker(client)
    for problem in persistence.problems():
        log.error("broker: %s", problem, extra={"event": "broker_check"})
    if settings.require_persistence and persistence.appendonly == "no":
        # SystemExit passes through Celery's signal dispatch (it catches Exception only): the worker
        # refuses to start rather than accept messages a broker restart would lose.
        raise SystemExit(
            "refusing to start: the Redis broker has no append-only persistence "
            "(set appendonly yes, or INGEST_REQUIRE_PERSISTENCE=false to accept the risk)"
        )
    reader = QueueReader(client, settings.queue)
    serve_metrics(settings.metrics_port, QueueCollector(reader.depth_and_age, settings.queue))


signals.setup_logging.connect(_json_logging, weak=False)
signals.worker_init.connect(_check_broker, weak=False)
# Worker processes only: see worker/broker_patch.py (a reset broker connection hung the event loop).
broker_patch.install()
