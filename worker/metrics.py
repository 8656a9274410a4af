"""Prometheus metrics of the worker, safe under the prefork pool (I/O: an HTTP port, Redis on scrape).

Pool children write samples to files in ``PROMETHEUS_MULTIPROC_DIR`` (set by ``ingest worker`` before
Celery starts); the main process serves them merged, plus the queue depth and age read from Redis at
scrape time.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

STAGE_SECONDS = {
    "fetch": Histogram("ingest_fetch_seconds", "Fetch latency per URL", buckets=_LATENCY_BUCKETS),
    "extract": Histogram("ingest_extract_seconds", "Extraction time per page", buckets=_LATENCY_BUCKETS),
    "index": Histogram("ingest_bulk_seconds", "Bulk request latency per batch", buckets=_LATENCY_BUCKETS),
}
OUTCOMES = Counter("ingest_outcomes_total", "URL outcomes by status and reason", ["status", "reason"])


@dataclass(frozen=True, slots=True)
class PrometheusRecorder:
    """Implements :class:`worker.pipeline.Recorder` with the histograms above."""

    def observe(self, stage: str, seconds: float) -> None:
        """Record that ``stage`` took ``seconds``."""
        STAGE_SECONDS[stage].observe(seconds)

    def outcome(self, status: str, reason: str | None) -> None:
        """Count one URL outcome."""
        OUTCOMES.labels(status=status, reason=reason or "").inc()


class QueueCollector:
    """Reports queue depth and the age of the oldest waiting message at scrape time."""

    def __init__(self, read: Callable[[], tuple[int, float | None]], queue: str) -> None:
        self._read = read
        self._queue = queue

    def collect(self) -> Iterator[Any]:
        """Yield the two gauges (prometheus-client collector protocol)."""
        depth, age = self._read()
        depth_gauge = GaugeMetricFamily("ingest_queue_depth", "Messages waiting", labels=["queue"])
        depth_gauge.add_metric([self._queue], depth)
        age_gauge = GaugeMetricFamily(
            "ingest_queue_age_seconds", "Age of the oldest message", labels=["queue"]
        )
        age_gauge.add_metric([self._queue], age or 0.0)
        yield depth_gauge
        yield age_gauge


def serve_metrics(port: int, queue_collector: QueueCollector) -> None:
    """Serve merged multiprocess metrics and the queue gauges on ``port`` (0 disables)."""
    if port <= 0:
        return
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:  # solo or threads pool: the samples are in this process
        registry = REGISTRY
    registry.register(queue_collector)
    start_http_server(port, addr="0.0.0.0", registry=registry)  # noqa: S104 -- scraped from outside
