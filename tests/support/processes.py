"""Real processes for end-to-end tests: a private redis-server and Celery prefork workers (process I/O)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path

import redis


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], timeout: float, what: str, interval: float = 0.2) -> None:
    """Poll ``condition`` until true; fail the test with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


class RedisServer:
    """A private ``redis-server`` with its own port and data dir; append-only file on unless asked."""

    def __init__(self, directory: Path, *, appendonly: bool = True, extra: tuple[str, ...] = ()) -> None:
        self.port = free_port()
        self.directory = directory
        self.appendonly = appendonly
        self.extra = extra  # more redis-server arguments, e.g. ("--maxmemory", "2mb")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """``redis://127.0.0.1:<port>/0``."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        """Start (or restart) the server and wait until it answers."""
        self.directory.mkdir(parents=True, exist_ok=True)
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory)]
        args += ["--save", "", "--appendonly", "yes" if self.appendonly else "no", "--appendfsync", "always"]
        args += ["--maxmemory-policy", "noeviction", *self.extra]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with redis.Redis(port=self.port, socket_connect_timeout=1) as client:
            wait_for(lambda: _pings(client), 20, f"redis-server on {self.port}")
        return self

    def kill(self) -> None:
        """SIGKILL the server (no shutdown save) and reap it."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        """Stop the server if it runs."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


def worker_env(redis_url: str, queue: str, **overrides: str) -> dict[str, str]:
    """Environment of a test worker: its own queue and key prefix, metrics off, short limits."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("INGEST_")}
    for key in ("INGEST_SEARCH_URL", "INGEST_ENGINE", "INGEST_DATASETS_DIR"):
        if key in os.environ:
            env[key] = os.environ[key]
    env.update(
        INGEST_REDIS_URL=redis_url,
        INGEST_QUEUE=queue,
        INGEST_KEY_PREFIX=f"{queue}:",
        INGEST_FETCH_REDIS_PREFIX=f"{queue}:fetch:",
        INGEST_METRICS_PORT="0",
        INGEST_TASK_SOFT_TIME_LIMIT_S="20",
        INGEST_TASK_HARD_TIME_LIMIT_S="30",
        INGEST_FETCH_BACKOFF_BASE_S="0.2",
        INGEST_FETCH_BACKOFF_MAX_S="1",
        INGEST_VISIBILITY_TIMEOUT_S="40",
        INGEST_BROKER_RESTORE_INTERVAL_S="1",
        INGEST_HOST_MIN_INTERVAL_S="0",
        INGEST_FETCH_ALLOW_NETWORKS="127.0.0.1/32",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


def unique_queue(label: str) -> str:
    """A queue name no other test or agent uses."""
    return f"test-{label}-{uuid.uuid4().hex[:10]}"


class CeleryWorker:
    """``celery -A worker.celery_app worker -P prefork`` as a subprocess, logging to a file."""

    def __init__(
        self, env: Mapping[str, str], log_path: Path, concurrency: int = 2, command: list[str] | None = None
    ) -> None:
        self.env = dict(env)
        self.log_path = log_path
        self.concurrency = concurrency
        self.command = command  # e.g. ``[".venv/bin/ingest", "worker"]`` instead of ``celery worker``
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, wait: bool = True) -> CeleryWorker:
        """Start the worker; with ``wait``, return once it consumes."""
        queue = self.env["INGEST_QUEUE"]
        args = [sys.executable, "-m", "celery", "-A", "worker.celery_app", "worker", "-P", "prefork"]
        args += ["-c", str(self.concurrency), "-Q", queue, "-n", f"{queue}-{uuid.uuid4().hex[:6]}@%h"]
        args += ["--without-gossip", "--without-mingle", "-l", "INFO"]
        if self.command is not None:
            args = [*self.command, "-c", str(self.concurrency)]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(args, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        if wait:
            wait_for(lambda: " ready." in self.log() or not self.alive(), 60, "the worker to be ready")
            assert self.alive(), self.log()[-3000:]
        return self

    def log(self) -> str:
        """Everything the worker logged so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def alive(self) -> bool:
        """Whether the main process runs."""
        return self.process is not None and self.process.poll() is None

    def children(self) -> list[int]:
        """Pids of the pool children."""
        assert self.process is not None
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def kill(self) -> None:
        """SIGKILL the main process and its pool children at once (a crashed host)."""
        assert self.process is not None
        for pid in [*self.children(), self.process.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self, timeout: float = 60) -> int | None:
        """SIGTERM (warm shutdown) and wait; SIGKILL if it does not stop in time."""
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None
