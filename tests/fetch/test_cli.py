"""``ingest fetch URL`` as a user runs it: a real subprocess, one JSON object, the exit code."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.hostile_server import HostileServer

INGEST = Path(sys.executable).with_name("ingest")


def run_cli(url: str, **env: str) -> tuple[int, dict[str, Any], str]:
    """Run ``ingest fetch url``; return exit code, the parsed JSON line and stderr."""
    full_env = {**os.environ, **env}
    done = subprocess.run(
        [str(INGEST), "fetch", url], check=False, capture_output=True, text=True, env=full_env, timeout=60
    )
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout + done.stderr
    return done.returncode, json.loads(lines[0]), done.stderr


def server_env(server: HostileServer, prefix: str) -> dict[str, str]:
    """Settings that allow the loopback server, under a test-only Redis prefix."""
    return {
        "INGEST_FETCH_ALLOW_NETWORKS": "127.0.0.1",
        "INGEST_FETCH_ALLOWED_PORTS": f"80,443,{server.port}",
        "INGEST_FETCH_REDIS_PREFIX": prefix,
        "INGEST_HOST_MIN_INTERVAL_S": "0",
    }


def test_success_prints_the_page_summary(hostile: HostileServer, fetch_prefix: str) -> None:
    code, out, _ = run_cli(hostile.url("/redirect/301/1"), **server_env(hostile, fetch_prefix))
    assert code == 0
    assert out["url"] == hostile.url("/redirect/301/1")
    assert out["final_url"] == hostile.url("/redirect/301/0")
    assert (out["status"], out["charset"]) == (200, "utf-8")
    assert out["content_type"].startswith("text/html")
    assert out["bytes"] > 0
    assert out["elapsed_ms"] >= 0
    assert "reason" not in out


def test_failure_has_reason_retryable_and_nonzero_exit(hostile: HostileServer, fetch_prefix: str) -> None:
    code, out, _ = run_cli(hostile.url("/status/503"), **server_env(hostile, fetch_prefix))
    assert code != 0
    assert (out["reason"], out["retryable"], out["retry_after"], out["status"]) == (
        "http_503",
        True,
        7.0,
        503,
    )
    code, out, _ = run_cli("http://169.254.169.254/latest/meta-data/", **server_env(hostile, fetch_prefix))
    assert code != 0
    assert (out["reason"], out["retryable"]) == ("blocked_address", False)


def test_unreachable_redis_is_reported_clearly(hostile: HostileServer) -> None:
    with socket.socket() as probe:  # a port nothing listens on: bind, read the number, close
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, out, err = run_cli(hostile.url("/"), INGEST_REDIS_URL=f"redis://127.0.0.1:{port}/0")
    assert code == 2
    assert (out["reason"], out["retryable"]) == ("redis_unavailable", True)
    assert "unreachable" in err
