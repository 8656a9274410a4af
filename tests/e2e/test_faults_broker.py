"""Broker faults with real processes (reliability.md 7, 8): a frozen Redis, resets and latency on the wire.

Each test runs its own redis-server (append-only file on) on a free port, so freezing or cutting it
touches no other agent; the shared Redis on 6379 is never used here.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
import redis
from celery import Celery

from tests.e2e.conftest import StackFactory, WorkerFactory
from tests.support.processes import RedisServer, free_port, wait_for, worker_env
from tests.support.tcp_fault_proxy import TcpFaultProxy
from worker.celery_app import create_app
from worker.config import Settings
from worker.devsite import DevSite

# Short limits so a task cut off by a lost connection is redelivered within seconds:
# the visibility timeout must exceed the hard limit plus the longest retry countdown (1 s here).
FAST_REDELIVERY = {
    "INGEST_TASK_SOFT_TIME_LIMIT_S": "5",
    "INGEST_TASK_HARD_TIME_LIMIT_S": "10",
    "INGEST_VISIBILITY_TIMEOUT_S": "15",
}
INGEST = str(Path(sys.executable).parent / "ingest")


class Pings:
    """Sends ``ingest.ping`` tasks straight to the broker and tracks which tokens a worker ran."""

    def __init__(self, redis_url: str, queue: str) -> None:
        self.app: Celery = create_app(Settings(redis_url=redis_url, queue=queue, key_prefix=f"{queue}:"))
        self.client = redis.Redis.from_url(redis_url)
        self.queue = queue
        self.sent: set[str] = set()
        self.seen: set[str] = set()

    def send(self, count: int) -> None:
        """Queue ``count`` pings with fresh tokens."""
        for _ in range(count):
            token = uuid.uuid4().hex
            self.app.send_task("ingest.ping", kwargs={"token": token}, queue=self.queue)
            self.sent.add(token)

    def missing(self) -> set[str]:
        """Tokens not run yet (a run leaves ``<queue>:ping:<token>`` for a minute; seen ones are kept)."""
        waiting = sorted(self.sent - self.seen)
        if waiting:
            values = self.client.mget([f"{self.queue}:ping:{token}" for token in waiting])
            self.seen |= {token for token, value in zip(waiting, values, strict=True) if value is not None}
        return self.sent - self.seen

    def wait_all(self, timeout: float, what: str) -> None:
        """Wait until every sent ping ran; the failure says how many are missing."""
        wait_for(lambda: not self.missing(), timeout, f"{what} ({len(self.sent - self.seen)} pings missing)")

    def close(self) -> None:
        self.client.close()
        self.app.close()


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[RedisServer]:
    """A private redis-server with AOF; resumed and stopped at teardown even if a test froze it."""
    server = RedisServer(tmp_path / "redis").start()
    yield server
    if server.process is not None and server.process.poll() is None:
        os.kill(server.process.pid, signal.SIGCONT)
    server.stop()


def inspect_ping(env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """``celery inspect ping`` against the broker of ``env`` (exit 0 and a pong when a worker answers)."""
    args = [sys.executable, "-m", "celery", "-A", "worker.celery_app", "inspect", "ping", "--timeout", "5"]
    return subprocess.run(args, env=dict(env), capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.slow
def test_frozen_redis_fails_the_producer_clearly_and_the_worker_resumes(
    broker: RedisServer, queue: str, workers: WorkerFactory
) -> None:
    assert broker.process is not None
    env = worker_env(broker.url, queue, **FAST_REDELIVERY)
    worker = workers(env)
    pings = Pings(broker.url, queue)
    try:
        pings.send(3)
        pings.wait_all(60, "the worker to run pings before the freeze")
        os.kill(broker.process.pid, signal.SIGSTOP)
        # Stay frozen past the worker's 30 s broker read timeout, so its connection errors too.
        thaw_at = time.monotonic() + 32
        # Frozen: the kernel still accepts connections, Redis never answers. The producer must
        # give up with a clear error on its own (the subprocess timeout only guards the test).
        # Its LPUSH may still sit in Redis' socket buffer and run on SIGCONT, so the URL points
        # at a closed local port: harmless if it is queued after all.
        result = subprocess.run(
            [INGEST, "enqueue", f"http://127.0.0.1:{free_port()}/frozen"],
            env=env,
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
        time.sleep(max(0.0, thaw_at - time.monotonic()))
        os.kill(broker.process.pid, signal.SIGCONT)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "the broker refused the URLs after 0 messages" in result.stderr
        assert "Timeout" in result.stderr
        pings.send(10)
        pings.wait_all(90, "the worker to run pings sent after Redis resumed")
        assert worker.alive(), worker.log()[-3000:]
    finally:
        pings.close()


@pytest.mark.slow
def test_resets_and_latency_between_worker_and_redis_lose_nothing(
    broker: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    proxy = TcpFaultProxy("127.0.0.1", broker.port).start()
    try:
        # The test enqueues and checks through Redis directly; only the worker's connections are cut.
        stack = stack_factory(broker.url, **FAST_REDELIVERY, INGEST_BATCH_SIZE="2")
        worker = workers({**stack.env, "INGEST_REDIS_URL": proxy.url()})
        proxy.latency = 0.02
        urls = [f"{url}?delay=0.3" for url in devsite.site.urls()[:18]]
        for wave in range(3):
            # Cut every connection of the worker (broker, pub/sub, locks) while a wave is in flight.
            stack.enqueue(urls[wave * 6 : wave * 6 + 6])
            wait_for(lambda: stack.in_flight() > 0, 60, f"wave {wave} in flight")
            assert proxy.reset() > 0
        proxy.latency = 0.0
        records = stack.wait_settled(urls, timeout=150)
        assert {url: records[url]["status"] for url in urls} == dict.fromkeys(urls, "indexed")
        assert sorted(doc["url"] for doc in stack.searchable(len(urls))) == sorted(urls)  # once each
        # A worker can stop consuming after a reconnect (celery#8030): later work must still flow.
        late = devsite.site.urls()[18:21]
        stack.enqueue(late)
        settled = stack.wait_settled(late, timeout=60)
        assert [settled[url]["status"] for url in late] == ["indexed"] * len(late)
        result = inspect_ping(worker.env)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "pong" in result.stdout
        assert proxy.resets >= 3
    finally:
        proxy.stop()


def test_a_worker_keeps_consuming_after_its_broker_connections_are_reset(
    broker: RedisServer, queue: str, workers: WorkerFactory
) -> None:
    # Without worker/broker_patch.py the second or third reset of an idle worker hung its event loop
    # in a blocking pub/sub read (celery#10205, #10302): pings waited until the next broadcast.
    proxy = TcpFaultProxy("127.0.0.1", broker.port).start()
    pings = Pings(broker.url, queue)
    try:
        worker = workers(worker_env(proxy.url(), queue, **FAST_REDELIVERY))
        for cut in range(5):
            assert proxy.reset() > 0
            pings.send(2)
            pings.wait_all(30, f"pings sent after reset {cut + 1} to run")
        assert worker.alive(), worker.log()[-3000:]
    finally:
        pings.close()
        proxy.stop()
