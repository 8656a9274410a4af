"""Fixtures for end-to-end tests: real Redis, real Celery prefork workers, unique queue names."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from tests.support.processes import CeleryWorker, RedisServer, unique_queue, worker_env
from tests.support.shared_redis import redis_url
from tests.support.stack import Stack
from worker.devsite import DevSite, load_pages
from worker.evaluation.dataset import datasets_dir

WorkerFactory = Callable[..., CeleryWorker]
StackFactory = Callable[..., Stack]


@pytest.fixture
def shared_redis_url() -> str:
    """The shared Redis of ``make services`` (or INGEST_REDIS_URL)."""
    url = redis_url()
    redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    return url


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server of this test alone, append-only file on (crash tests kill and restart it)."""
    server = RedisServer(tmp_path / "redis").start()
    yield server
    server.stop()


@pytest.fixture
def queue(request: pytest.FixtureRequest) -> str:
    """A queue name unique to this test."""
    return unique_queue(request.node.name[:20].replace("_", "-").strip("-"))


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[WorkerFactory]:
    """Start Celery workers with ``workers(env, concurrency=2)``; all are stopped at teardown."""
    started: list[CeleryWorker] = []

    def start(
        env: dict[str, str], concurrency: int = 2, wait: bool = True, command: list[str] | None = None
    ) -> CeleryWorker:
        worker = CeleryWorker(env, tmp_path / f"worker-{len(started)}.log", concurrency, command)
        started.append(worker)
        return worker.start(wait=wait)

    yield start
    for worker in started:
        worker.stop(timeout=30)


__all__ = ["StackFactory", "WorkerFactory", "worker_env"]


@pytest.fixture(scope="session")
def devsite() -> Iterator[DevSite]:
    """The local news site serving dataset pages on 127.0.0.1."""
    with DevSite(load_pages(datasets_dir(), limit=40)) as site:
        yield site


@pytest.fixture
def stack_factory(queue: str, devsite: DevSite) -> Iterator[StackFactory]:
    """Build the test's :class:`Stack` on a Redis URL, with setting overrides; cleaned up afterwards."""
    built: list[Stack] = []

    def build(redis_url: str, **overrides: str) -> Stack:
        stack = Stack(queue, redis_url, int(devsite.base.rsplit(":", 1)[1]), overrides)
        built.append(stack)
        return stack

    yield build
    for stack in built:
        stack.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every end-to-end test needs the services and real worker processes."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.services)
            item.add_marker(pytest.mark.slow)
