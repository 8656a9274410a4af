"""Fault scenarios with real processes: crashes, Redis restart, poison message, SIGTERM (reliability.md).

Every test runs its own redis-server (append-only file on) and short time limits, so a killed worker's
messages come back within seconds: visibility 15 s, restore sweep every second.
"""

from __future__ import annotations

import json
import os
import signal
import time
from typing import Any

import pytest

from tests.e2e.conftest import StackFactory, WorkerFactory
from tests.support.engine_proxy import EngineProxy
from tests.support.processes import RedisServer, wait_for
from tests.support.stack import Stack, search_url
from worker.devsite import DevSite

FAST_REDELIVERY = {
    "INGEST_TASK_SOFT_TIME_LIMIT_S": "8",
    "INGEST_TASK_HARD_TIME_LIMIT_S": "10",
    "INGEST_VISIBILITY_TIMEOUT_S": "15",
    "INGEST_BATCH_SIZE": "3",
}


def slow_urls(devsite: DevSite, count: int, delay: float = 1.5) -> list[str]:
    """Dataset page URLs that take ``delay`` seconds to answer."""
    return [f"{url}?delay={delay}" for url in devsite.site.urls()[:count]]


@pytest.fixture
def stack(private_redis: RedisServer, stack_factory: StackFactory) -> Stack:
    """The test's stack on its private Redis, with short time limits for quick redelivery."""
    return stack_factory(private_redis.url, **FAST_REDELIVERY)


def enqueue_until_in_flight(stack: Stack, urls: list[str], at_least: int = 2) -> None:
    """Queue ``urls`` and wait until the workers hold ``at_least`` messages un-acknowledged.

    The default is a 2-process worker's whole prefetch: kombu takes a message with BRPOP and only then
    records it as un-acked, so a crash between the two loses it (``tests/bench/bench_crash_window.py``
    measures how often). With the prefetch full no BRPOP is pending, and a crash hits only what the
    broker holds as un-acked, which is what these tests are about.
    """
    stack.enqueue(urls)
    wait_for(lambda: stack.in_flight() >= at_least, 30, f"{at_least} task(s) in flight")


def hard_limit_only(hard_limit_s: int, **more: str) -> dict[str, str]:
    """Fast redelivery with no soft limit: only the hard limit of ``hard_limit_s`` stops a task."""
    return {
        **FAST_REDELIVERY,
        "INGEST_TASK_SOFT_TIME_LIMIT_S": "0",
        "INGEST_TASK_HARD_TIME_LIMIT_S": str(hard_limit_s),
        **more,
    }


def settle_among_healthy(stack: Stack, trap: str, healthy: list[str]) -> dict[str, Any]:
    """Queue ``trap`` then ``healthy`` and wait until all settle; check ``healthy`` were indexed.

    Returns ``trap``'s URL-status record.
    """
    stack.enqueue([trap])
    stack.enqueue(healthy)
    records = stack.wait_settled([trap, *healthy], timeout=180)
    assert [records[url]["status"] for url in healthy] == ["indexed"] * len(healthy)
    return records[trap]


def hold_restore_lock(stack: Stack) -> None:
    """Take the restore sweep's lock as a worker's sweep does: kombu's lock, the app's transport options."""
    with stack.app.connection_for_write() as connection:
        channel: Any = connection.default_channel
        lock = channel.client.lock(channel.unacked_mutex_key, timeout=channel.unacked_mutex_expire)
        assert lock.acquire(blocking_timeout=5)  # a sweep may hold it for a few ms


def assert_each_once(stack: Stack, urls: list[str]) -> None:
    """Every URL indexed, exactly one document per URL."""
    records = stack.wait_settled(urls, timeout=180)
    assert {url: records[url]["status"] for url in urls} == dict.fromkeys(urls, "indexed")
    stored = sorted(doc["url"] for doc in stack.searchable(len(urls)))
    assert stored == sorted(urls)


def test_sigkill_of_a_pool_child_mid_batch_loses_and_duplicates_nothing(
    stack: Stack, workers: WorkerFactory, devsite: DevSite
) -> None:
    worker = workers(stack.env)
    urls = slow_urls(devsite, 12)
    enqueue_until_in_flight(stack, urls)  # both children busy
    for child in worker.children():  # every pool child dies mid-task; the main process survives
        os.kill(child, signal.SIGKILL)
    assert_each_once(stack, urls)
    assert "signal 9" in worker.log()
    assert worker.alive()


def test_sigkill_of_the_whole_worker_mid_batch_then_restart_loses_nothing(
    stack: Stack, workers: WorkerFactory, devsite: DevSite
) -> None:
    first = workers(stack.env)
    urls = slow_urls(devsite, 12)
    enqueue_until_in_flight(stack, urls)
    first.kill()
    assert stack.in_flight() > 0  # taken, not acknowledged: the broker still holds them
    workers(stack.env)
    assert_each_once(stack, urls)


def test_redis_killed_mid_restore_sweep_and_restarted_loses_nothing(
    private_redis: RedisServer, stack: Stack, workers: WorkerFactory, devsite: DevSite
) -> None:
    worker = workers(stack.env)
    urls = slow_urls(devsite, 16, delay=1.0)
    enqueue_until_in_flight(stack, urls)
    # Killed while a worker's restore sweep holds its lock (a sweep runs every second, so a crash hits
    # one now and then): the lock survives in the append-only file and must not block redelivery.
    hold_restore_lock(stack)
    private_redis.kill()
    private_redis.start()  # same port and data dir: the append-only file is replayed
    assert not stack.drained()
    assert_each_once(stack, urls)
    assert worker.alive()


def test_a_poison_message_is_dead_lettered_after_three_deliveries(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    # A page slower than the hard time limit gets its child killed on every delivery, like a runaway
    # C parse that ignores the soft limit: no soft limit here, and a fetch deadline longer than the
    # hard limit, so only the hard limit can stop it.
    # 8 s: healthy pages finish well inside it even on a loaded machine.
    overrides = hard_limit_only(8, INGEST_FETCH_DEADLINE_S="60", INGEST_FETCH_READ_TIMEOUT_S="60")
    stack = stack_factory(private_redis.url, **overrides)
    worker = workers(stack.env)
    poison = devsite.site.urls()[0] + "?delay=30"
    record = settle_among_healthy(stack, poison, devsite.site.urls()[1:5])
    assert (record["status"], record["reason"]) == ("failed", "poison_message")
    [letter] = [json.loads(raw) for raw in stack.redis().lrange(f"{stack.settings.key_prefix}dead", 0, -1)]
    # Dead-lettered on the first delivery past the limit of 3; under load a child can be killed before
    # its delivery is counted, so the count may be one higher, never lower.
    assert letter["deliveries"] in (4, 5)
    assert letter["body"]["url"] == poison
    assert worker.log().count("Hard time limit") >= 3


def test_sigterm_mid_task_finishes_in_flight_work_and_leaves_the_rest_queued(
    stack: Stack, workers: WorkerFactory, devsite: DevSite
) -> None:
    first = workers(stack.env)
    urls = slow_urls(devsite, 12, delay=2.0)
    enqueue_until_in_flight(stack, urls)
    assert first.stop(timeout=180) == 0  # warm shutdown: running tasks finish, then exit
    settled_before_restart = [url for url in urls if stack.statuses().get(url, {}).get("status") == "indexed"]
    assert settled_before_restart  # the in-flight tasks were finished, not dropped
    workers(stack.env)
    assert_each_once(stack, urls)


def test_a_page_of_100k_nested_divs_ends_failed_not_stuck(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    # Scenario 4: refused before parsing (depth guard), or killed at the hard limit on every delivery
    # and dead-lettered; either way recorded as failed while the other pages flow.
    stack = stack_factory(private_redis.url, **hard_limit_only(5))
    workers(stack.env)
    record = settle_among_healthy(stack, f"{devsite.base}/nested/100000", devsite.site.urls()[:3])
    assert record["status"] == "failed"
    assert record["reason"] in {"too_deeply_nested", "too_large", "poison_message"}


def test_engine_rejecting_items_then_down_for_seconds_loses_and_duplicates_nothing(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    # Scenarios 12 and 14: item-level 429s are retried by the indexer; while the engine is down the
    # URLs are retried with backoff as new messages; when it is back every page is indexed once.
    proxy = EngineProxy(search_url()).start()
    try:
        stack = stack_factory(
            private_redis.url, INGEST_FETCH_MAX_ATTEMPTS="20", INGEST_FETCH_BACKOFF_MAX_S="2"
        )
        proxy.faults.reject_every, proxy.faults.reject_rounds = 3, 2
        workers({**stack.env, "INGEST_SEARCH_URL": proxy.url, "INGEST_ENGINE": "opensearch"})
        urls = slow_urls(devsite, 20, delay=0.5)
        stack.enqueue(urls)
        # Stop only once items were rejected: stopping right after the first bulk arrived could cut
        # it off before its rejections were answered (the rounds are then spent while down).
        wait_for(lambda: proxy.faults.rejected_items > 0, 120, "a first bulk with rejected items")
        proxy.stop()
        time.sleep(4)
        proxy.start()
        assert_each_once(stack, urls)
        # Retries still waiting for their countdown drain too, and leave one document per URL.
        wait_for(stack.drained, 120, "retries drained")
        assert sorted(doc["url"] for doc in stack.searchable(len(urls))) == sorted(urls)
    finally:
        proxy.stop()
