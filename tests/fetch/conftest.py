"""Fixtures for the fetch tests: the hostile loopback servers, a real Redis, settings, fetchers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis

from tests.support.fetch_settings import fetch_settings
from tests.support.hostile_server import HostileServer
from tests.support.shared_redis import connected, unique_prefix
from worker.fetch import Fetcher

ROBOTS = "User-agent: *\nDisallow: /private/\n"

MakeFetcher = Callable[..., Fetcher]


@pytest.fixture(scope="session")
def hostile() -> Iterator[HostileServer]:
    """The hostile server on 127.0.0.1 (robots.txt disallows /private/, no Crawl-delay)."""
    server = HostileServer("127.0.0.1", robots=ROBOTS).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def fetch_redis() -> Iterator[redis.Redis]:
    """The shared Redis (``INGEST_REDIS_URL``); tests only touch keys under their own prefix."""
    yield from connected()


@pytest.fixture
def fetch_prefix(fetch_redis: redis.Redis) -> Iterator[str]:
    """A Redis key prefix unique to this test; its keys are deleted afterwards."""
    yield from unique_prefix(fetch_redis, "test:fetch:")


@pytest.fixture
def make_fetcher(hostile: HostileServer, fetch_redis: redis.Redis, fetch_prefix: str) -> MakeFetcher:
    """Build a Fetcher for ``server`` (default: the hostile server) with setting overrides."""

    def make(server: HostileServer | None = None, **overrides: Any) -> Fetcher:
        return Fetcher(fetch_settings(server or hostile, fetch_prefix, **overrides), fetch_redis)

    return make
