"""Scenario 9: a broker out of memory (noeviction) refuses new URLs clearly and evicts no queue key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import redis

from tests.support.processes import RedisServer, unique_queue, worker_env


def test_enqueue_into_a_full_broker_fails_clearly_and_keeps_what_was_queued(tmp_path: Path) -> None:
    server = RedisServer(tmp_path / "full", extra=("--maxmemory", "3mb")).start()
    try:
        queue = unique_queue("full")
        env = worker_env(server.url, queue, INGEST_BATCH_SIZE="50")
        urls = "".join(f"https://example.com/{'x' * 200}/{n}\n" for n in range(40_000))
        ingest = str(Path(sys.executable).parent / "ingest")
        result = subprocess.run(
            [ingest, "enqueue", "-"],
            input=urls,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 1
        assert "the broker refused the URLs" in result.stderr
        assert "maxmemory" in result.stderr
        with redis.Redis.from_url(server.url) as client:
            assert int(client.llen(queue)) > 0  # what was accepted before the limit is still there
            assert int(client.info("stats")["evicted_keys"]) == 0
    finally:
        server.stop()
