"""Operations end to end: ``ingest worker`` with Prometheus metrics, ``ingest enqueue``, ``ingest status``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import requests

from tests.e2e.conftest import StackFactory, WorkerFactory
from tests.support.processes import RedisServer, free_port, wait_for
from tests.support.stack import Stack
from worker.devsite import DevSite

INGEST = str(Path(sys.executable).parent / "ingest")


def ingest(stack: Stack, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the ``ingest`` CLI with the stack's environment."""
    return subprocess.run(
        [INGEST, *args], env=stack.env, input=stdin, capture_output=True, text=True, timeout=120, check=False
    )


def sample(metrics: str, name: str) -> float:
    """Sum of the samples of ``name`` (any labels) in a Prometheus text exposition."""
    return sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines() if line.startswith(name))


def test_enqueue_from_stdin_worker_metrics_and_status(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    port = free_port()
    stack = stack_factory(private_redis.url, INGEST_METRICS_PORT=str(port))
    urls = devsite.site.urls()[:5]
    missing = f"{devsite.base}/status/404"
    lines = "\n".join([*urls, missing, "ftp://nope/x", "# a comment", ""])
    enqueued = ingest(stack, "enqueue", "-", stdin=lines)
    assert enqueued.returncode == 0, enqueued.stderr
    assert "accepted 6 URLs" in enqueued.stdout
    assert "rejected 1 (unsupported_scheme 1)" in enqueued.stdout

    workers(stack.env, command=[INGEST, "worker"])
    records = stack.wait_settled([*urls, missing])
    assert records[missing]["reason"] == "http_404"

    def scraped() -> str:
        return requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text

    wait_for(
        lambda: sample(scraped(), 'ingest_outcomes_total{reason="",status="indexed"}') == 5, 30, "metrics"
    )
    metrics = scraped()
    assert sample(metrics, 'ingest_outcomes_total{reason="http_404",status="failed"}') == 1
    assert sample(metrics, "ingest_fetch_seconds_count") >= 5
    assert sample(metrics, "ingest_extract_seconds_count") == 5
    assert sample(metrics, "ingest_bulk_seconds_count") >= 1
    assert "ingest_queue_depth" in metrics

    status = ingest(stack, "status")
    assert status.returncode == 0, status.stderr
    assert f"queue {stack.settings.queue}: waiting 0" in status.stdout
    assert "indexed 5" in status.stdout
    assert "failed http_404: 1" in status.stdout
    assert "workers answering ping: 1" in status.stdout
    assert ingest(stack, "status", "--check").returncode == 0

    one = ingest(stack, "status", urls[0])
    assert one.returncode == 0, one.stderr
    assert "status: indexed" in one.stdout
