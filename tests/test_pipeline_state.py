"""The pipeline's Redis state: delivery counter, dead letters, URL locks, stats, feeds, queue reader."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import redis

from tests.support.shared_redis import connected, redis_url, unique_prefix
from worker.celery_app import create_app
from worker.config import Settings
from worker.deliveries import DeadLetters, DeliveryCounter
from worker.feeds import SEEN_HOLD_S, FeedRegistry, RecentUrls, SeenUrls
from worker.locks import UrlLocks, url_key
from worker.pipeline import UrlRequest
from worker.producer import Producer
from worker.queues import QueueReader, priority_key
from worker.stats import OutcomeStats


@pytest.fixture
def client() -> Iterator[redis.Redis]:
    yield from connected()


@pytest.fixture
def prefix(client: redis.Redis) -> Iterator[str]:
    yield from unique_prefix(client, "test-state-")


def test_a_message_delivered_more_than_max_times_is_exceeded(client: redis.Redis, prefix: str) -> None:
    counter = DeliveryCounter(client, prefix, max_deliveries=3, ttl_s=60)
    counts = [counter.count("msg-1") for _ in range(4)]
    assert counts == [1, 2, 3, 4]
    assert [counter.exceeded(n) for n in counts] == [False, False, False, True]
    assert counter.count("msg-2") == 1
    assert 0 < int(client.ttl(f"{prefix}deliveries:msg-1")) <= 60


def test_dead_letters_keep_the_body(client: redis.Redis, prefix: str) -> None:
    letters = DeadLetters(client, prefix)
    letters.add("msg-1", "ingest.url", {"url": "https://e.com/"}, 4)
    [entry] = letters.entries()
    assert (entry["id"], entry["task"], entry["body"], entry["deliveries"]) == (
        "msg-1",
        "ingest.url",
        {"url": "https://e.com/"},
        4,
    )


def test_a_url_lock_belongs_to_one_message_and_its_redelivery(client: redis.Redis, prefix: str) -> None:
    locks = UrlLocks(client, prefix, ttl_s=60)
    a, b, c = "https://e.com/a", "https://e.com/b", "https://e.com/c"
    assert locks.acquire([a, b], "msg-1") == {a, b}
    assert locks.acquire([a], "msg-1") == {a}  # the same message redelivered after a crash
    assert locks.acquire([a, c], "msg-2") == {c}  # a batch takes what is free
    locks.release([a, b], "msg-2")  # not the owner: no effect
    assert locks.acquire([a, b], "msg-2") == set()
    locks.release([a, b], "msg-1")
    assert locks.acquire([a, b], "msg-2") == {a, b}
    assert 0 < client.ttl(f"{prefix}lock:{url_key(a)}") <= 60
    assert locks.acquire([], "msg-3") == set()


def test_outcome_counts_add_up_over_the_last_hour(client: redis.Redis, prefix: str) -> None:
    stats = OutcomeStats(client, prefix)
    stats.add([("indexed", None), ("failed", "http_404"), ("failed", "http_404")])
    stats.add([("indexed", None)])
    assert stats.last(3600) == {("indexed", ""): 2, ("failed", "http_404"): 2}


def test_discovery_state(client: redis.Redis, prefix: str) -> None:
    feeds = FeedRegistry(client, prefix)
    assert feeds.add("https://e.com/feed.xml")
    assert not feeds.add("https://e.com/feed.xml")
    assert feeds.all() == ["https://e.com/feed.xml"]
    seen = SeenUrls(client, prefix, ttl_s=60)
    assert seen.first_seen(["https://e.com/1", "https://e.com/2"]) == ["https://e.com/1", "https://e.com/2"]
    assert seen.first_seen(["https://e.com/2", "https://e.com/3"]) == ["https://e.com/3"]
    recent = RecentUrls(client, prefix)
    recent.add(["https://e.com/1"])
    assert recent.since(3600) == ["https://e.com/1"]


def test_a_discovered_url_is_held_until_queued_then_kept(client: redis.Redis, prefix: str) -> None:
    seen = SeenUrls(client, prefix, ttl_s=7 * 24 * 3600)
    assert seen.first_seen(["https://e.com/1"]) == ["https://e.com/1"]
    key = f"{prefix}seen:{url_key('https://e.com/1')}"
    # a poll killed now (before its URLs are queued) blocks them for the hold only, not for a week
    assert 0 < int(client.ttl(key)) <= SEEN_HOLD_S
    seen.keep(["https://e.com/1"])
    assert int(client.ttl(key)) > SEEN_HOLD_S
    assert seen.first_seen(["https://e.com/1"]) == []


def test_producer_batches_by_priority_into_kombu_priority_lists(client: redis.Redis, prefix: str) -> None:
    queue = prefix.rstrip(":")
    settings = Settings(redis_url=redis_url(), queue=queue, key_prefix=prefix, batch_size=2)
    producer = Producer(create_app(settings), settings)
    requests = [UrlRequest(f"https://e.com/{n}") for n in range(3)] + [
        UrlRequest("https://e.com/low", priority=6)
    ]
    assert producer.send(requests) == 3
    assert client.llen(queue) == 2
    assert client.llen(priority_key(queue, 6)) == 1
    newest = json.loads(client.lindex(queue, 0) or b"{}")
    assert newest["headers"]["task"] == "ingest.url"
    depth, age = QueueReader(client, queue).depth_and_age()
    assert depth == 3
    assert age is not None and age >= 0
    client.delete(queue, priority_key(queue, 6))
