"""The shared Redis for tests: its URL, a checked client, key prefixes cleaned up afterwards (I/O)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import redis


def redis_url() -> str:
    """The shared Redis of ``make services`` (or INGEST_REDIS_URL)."""
    return os.environ.get("INGEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def connect() -> redis.Redis:
    """A client of the shared Redis; fails the test clearly when Redis does not answer."""
    url = redis_url()
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as exc:
        client.close()
        pytest.fail(f"Redis at {url} is unreachable ({exc}): run `make services` or set INGEST_REDIS_URL")
    return client


def connected() -> Iterator[redis.Redis]:
    """Fixture body: a client of the shared Redis (see :func:`connect`), closed afterwards."""
    client = connect()
    yield client
    client.close()


def delete_prefixed(client: redis.Redis, prefix: str) -> None:
    """Delete every key under ``prefix`` (never anything else: Redis is shared with other agents)."""
    for key in client.scan_iter(match=f"{prefix}*", count=500):
        client.delete(key)


def unique_prefix(client: redis.Redis, label: str) -> Iterator[str]:
    """Fixture body: a key prefix ``<label><random>:`` unique to the test, its keys deleted afterwards."""
    prefix = f"{label}{uuid.uuid4().hex}:"
    yield prefix
    delete_prefixed(client, prefix)
