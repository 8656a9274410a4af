"""The local services `make services` starts: real Redis and the real embedded engine (network I/O)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests

from worker.config import Settings

pytestmark = pytest.mark.services

REDIS_CONF = Path(__file__).resolve().parents[1] / "deploy" / "local" / "redis.conf"


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.fixture
def broker(settings: Settings) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(settings.redis_url, decode_responses=True)
    yield client
    client.close()


@pytest.fixture
def index_name(settings: Settings) -> Iterator[str]:
    name = f"test-services-{uuid.uuid4().hex[:12]}"
    yield name
    requests.delete(f"{settings.search_url}/{name}", timeout=30)


def test_redis_keeps_an_append_only_file_and_never_evicts(broker: redis.Redis) -> None:
    assert broker.info("persistence")["aof_enabled"] == 1
    assert broker.config_get("appendfsync") == {"appendfsync": "everysec"}
    assert broker.config_get("maxmemory-policy") == {"maxmemory-policy": "noeviction"}


def test_redis_round_trips_a_queued_message(broker: redis.Redis) -> None:
    key = f"test-services:{uuid.uuid4().hex}"
    try:
        broker.rpush(key, "first", "second")
        assert broker.lpop(key) == "first"
        assert broker.lrange(key, 0, -1) == ["second"]
    finally:
        broker.delete(key)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start_private_redis(port: int, data_dir: Path) -> subprocess.Popen[bytes]:
    """The repo's redis.conf on a private port, in the foreground so the test owns the process."""
    args = ["redis-server", str(REDIS_CONF), "--port", str(port), "--dir", str(data_dir), "--daemonize", "no"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    with redis.Redis(port=port) as client:
        for _ in range(100):
            try:
                if client.ping():
                    return process
            except redis.ConnectionError:
                time.sleep(0.1)
    process.kill()
    process.wait()
    pytest.fail(f"private redis-server on port {port} did not answer")


def test_a_killed_redis_loses_no_queued_message(tmp_path: Path) -> None:
    port = _free_port()
    process = _start_private_redis(port, tmp_path)
    try:
        with redis.Redis(port=port) as client:
            client.rpush("queue", "task-1", "task-2")
        os.kill(process.pid, signal.SIGKILL)  # no shutdown, no final save: only the AOF is left
        process.wait()
        process = _start_private_redis(port, tmp_path)
        with redis.Redis(port=port) as client:
            assert client.lrange("queue", 0, -1) == [b"task-1", b"task-2"]
    finally:
        process.kill()
        process.wait()


def test_engine_answers_with_its_version(settings: Settings) -> None:
    response = requests.get(settings.search_url, timeout=30)
    response.raise_for_status()
    assert re.fullmatch(r"\d+\.\d+\.\d+", response.json()["version"]["number"])


def _analyze(settings: Settings, analyzer: str, text: str) -> list[str]:
    body = {"analyzer": analyzer, "text": text}
    response = requests.post(f"{settings.search_url}/_analyze", json=body, timeout=30)
    response.raise_for_status()
    return [token["token"] for token in response.json()["tokens"]]


def test_english_analyzer_stems_and_drops_stop_words(settings: Settings) -> None:
    assert _analyze(settings, "english", "mediating") == ["mediat"]
    assert _analyze(settings, "english", "The articles are published") == ["articl", "publish"]


def test_engine_modules_map_script_and_update(settings: Settings, index_name: str) -> None:
    """mapper-extras (scaled_float), lang-painless and reindex (update_by_query) are all loaded."""
    base = f"{settings.search_url}/{index_name}"
    mapping = {"mappings": {"properties": {"score": {"type": "scaled_float", "scaling_factor": 100}}}}
    requests.put(base, json=mapping, timeout=30).raise_for_status()
    requests.post(f"{base}/_doc/1?refresh=true", json={"score": 1.5}, timeout=30).raise_for_status()
    script = {
        "script": {"lang": "painless", "source": "ctx._source.score += params.step", "params": {"step": 2}}
    }
    update = requests.post(f"{base}/_update_by_query?refresh=true", json=script, timeout=30)
    update.raise_for_status()
    assert update.json()["updated"] == 1
    assert requests.get(f"{base}/_doc/1", timeout=30).json()["_source"]["score"] == 3.5
