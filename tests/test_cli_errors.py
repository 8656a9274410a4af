"""Verbs whose engine or broker is down end with one classified error line and status 1, no traceback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from tests.support.processes import free_port
from worker.cli import main
from worker.config import load_settings


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    """Settings are read once per process: each case must read its own environment."""
    load_settings.cache_clear()
    yield
    load_settings.cache_clear()


@pytest.mark.parametrize(
    ("args", "variable", "url", "reason"),
    [
        (["requeue", "--dry-run"], "INGEST_SEARCH_URL", "http://127.0.0.1:{port}", "engine_unavailable"),
        (["setup-index"], "INGEST_SEARCH_URL", "http://127.0.0.1:{port}", "engine_unavailable"),
        (["status"], "INGEST_REDIS_URL", "redis://127.0.0.1:{port}/0", "redis_unavailable"),
    ],
)
def test_a_service_that_is_down_is_one_error_line(
    args: list[str], variable: str, url: str, reason: str
) -> None:
    # A port nothing listens on: the connection is refused at once.
    result = CliRunner().invoke(main, args, env={variable: url.format(port=free_port())})
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {reason}: ")
    assert "Traceback" not in result.output
