"""Scenario 6: a worker refuses to start on a Redis broker without append-only persistence."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import WorkerFactory
from tests.support.processes import RedisServer, wait_for, worker_env


def test_worker_refuses_a_broker_without_persistence(
    tmp_path: Path, queue: str, workers: WorkerFactory
) -> None:
    volatile = RedisServer(tmp_path / "volatile", appendonly=False).start()
    try:
        worker = workers(worker_env(volatile.url, queue), wait=False)
        wait_for(lambda: not worker.alive(), 60, "the worker to refuse to start")
        assert worker.process is not None
        assert worker.process.returncode != 0
        assert "no append-only persistence" in worker.log()
    finally:
        volatile.stop()
