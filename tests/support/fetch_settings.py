"""Settings for fetch tests and benches against a loopback server (pure: builds a value)."""

from __future__ import annotations

from typing import Any

from tests.support.hostile_server import HostileServer
from worker.config import Settings

MiB = 1024 * 1024


def fetch_settings(server: HostileServer, prefix: str, **overrides: Any) -> Settings:
    """Small, fast limits; the server's address and port allowed; politeness off unless asked."""
    values: dict[str, Any] = {
        "fetch_allow_networks": (f"{server.host}/32",),
        "fetch_allowed_ports": (80, 443, server.port),
        "fetch_redis_prefix": prefix,
        "fetch_connect_timeout_s": 2.0,
        "fetch_read_timeout_s": 2.0,
        "fetch_deadline_s": 4.0,
        "fetch_max_bytes": 2 * MiB,
        "fetch_max_decoded_bytes": 1 * MiB,
        "host_min_interval_s": 0.0,
        "user_agent": "ingest-worker-test/0.1 (+https://example.org/contact)",
    }
    values.update(overrides)
    return Settings(**values)
