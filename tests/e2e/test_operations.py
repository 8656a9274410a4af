"""Operations end to end: ``ingest worker`` with Prometheus metrics, ``ingest enqueue``, ``ingest status``."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from tests.e2e.conftest import StackFactory, WorkerFactory
from tests.support.processes import RedisServer, free_port, wait_for
from tests.support.stack import Stack
from worker.devsite import DevSite
from worker.index import failures
from worker.index.records import StatusRecord, UrlStatus, status_action

INGEST = str(Path(sys.executable).parent / "ingest")


def ingest(stack: Stack, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the ``ingest`` CLI with the stack's environment."""
    return subprocess.run(
        [INGEST, *args], env=stack.env, input=stdin, capture_output=True, text=True, timeout=120, check=False
    )


def sample(metrics: str, name: str) -> float:
    """Sum of the samples of ``name`` (any labels) in a Prometheus text exposition."""
    return sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines() if line.startswith(name))


def store_records(stack: Stack, records: list[StatusRecord]) -> None:
    """Write ``records`` to the stack's ``ingest-urls`` index, searchable at once."""
    index = stack.settings.url_status_index
    stack.engine.bulk([status_action(record, index) for record in records], 1_000_000)
    stack.engine.refresh(index)


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


def test_requeue_sends_failed_urls_of_the_chosen_reasons_back_to_the_workers(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    stack = stack_factory(private_redis.url)
    urls = devsite.site.urls()[:3]
    # What an engine outage leaves behind: good pages recorded failed; and one failed for a reason of its own.
    now = datetime.now(UTC)
    records = [
        StatusRecord(urls[0], "failed", 3, now, reason="engine_unavailable"),
        StatusRecord(urls[1], "failed", 3, now, reason="engine_unavailable"),
        StatusRecord(urls[2], "failed", 1, now, reason="robots_disallowed"),
    ]
    store_records(stack, records)

    dry = ingest(stack, "requeue", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "3 failed URLs (engine_unavailable 2, robots_disallowed 1); nothing queued" in dry.stdout
    with stack.redis() as client:
        assert client.llen(stack.settings.queue) == 0

    sent = ingest(stack, "requeue", "--reason", "engine_unavailable", "--since", "now-1h")
    assert sent.returncode == 0, sent.stderr
    assert "requeued 2 URLs in 1 messages" in sent.stdout

    workers(stack.env)
    wait_for(
        lambda: {stack.statuses()[url]["status"] for url in urls[:2]} == {"indexed"}, 120, "requeued URLs"
    )
    assert stack.statuses()[urls[2]]["reason"] == "robots_disallowed"  # not its reason: left alone
    assert len(stack.searchable(2)) == 2


def test_requeue_missing_sends_back_the_listed_urls_that_have_no_record(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    stack = stack_factory(private_redis.url)
    urls = devsite.site.urls()[:4]
    # Two URLs settled; two lost with a crashed worker (kombu's BRPOP window): no record at all.
    now = datetime.now(UTC)
    store_records(
        stack, [StatusRecord(urls[0], "indexed", 1, now), StatusRecord(urls[1], "failed", 1, now, reason="x")]
    )
    listed = "\n".join([*urls, urls[2], "# a comment", "ftp://nope/x"])

    dry = ingest(stack, "requeue", "--missing", "-", "--dry-run", stdin=listed)
    assert dry.returncode == 0, dry.stderr
    assert "2 of 4 URLs have no record; nothing queued" in dry.stdout
    assert "unsupported_scheme" in dry.stderr
    assert "--reason" in ingest(stack, "requeue", "--missing", "-", "--reason", "x", stdin=listed).stderr

    sent = ingest(stack, "requeue", "--missing", "-", stdin=listed)
    assert sent.returncode == 0, sent.stderr
    assert "requeued 2 of 4 URLs (those with no record) in 1 messages" in sent.stdout
    workers(stack.env)
    records = stack.wait_settled(urls[2:])
    assert [records[url]["status"] for url in urls[2:]] == ["indexed", "indexed"]
    assert records[urls[1]]["reason"] == "x"  # recorded: left alone


def test_failed_urls_are_read_in_pages_in_url_order(
    private_redis: RedisServer, stack_factory: StackFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    stack = stack_factory(private_redis.url)
    index = stack.settings.url_status_index
    now = datetime.now(UTC)
    urls = [f"https://example.org/{name}" for name in "edcba"]
    statuses: list[UrlStatus] = ["failed", "failed", "indexed", "failed", "failed"]
    store_records(
        stack, [StatusRecord(u, s, 1, now, reason="x") for u, s in zip(urls, statuses, strict=True)]
    )
    monkeypatch.setattr(failures, "PAGE_SIZE", 2)  # three pages: search_after must carry on
    found = [item.url for item in failures.failed_urls(stack.engine, index, failures.failed_query())]
    assert found == [f"https://example.org/{name}" for name in "abde"]
    limited = failures.failed_urls(stack.engine, index, failures.failed_query(("x",)), limit=3)
    assert [item.url for item in limited] == found[:3]
    assert not list(failures.failed_urls(stack.engine, index, failures.failed_query(("other",))))
    # URLs with no record, looked up two ids per request here
    unknown = ["https://example.org/z", "https://example.org/y"]
    assert failures.unrecorded_urls(stack.engine, index, [unknown[0], *urls, unknown[1]]) == unknown
