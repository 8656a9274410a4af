"""``ingest fetch URL``: fetch one page now, no queue, and print one JSON object (network and Redis I/O)."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import click
import redis

from worker.cli import main
from worker.config import load_settings
from worker.errors import IngestError
from worker.fetch import Fetcher
from worker.models import FetchedPage

EXIT_FAILED = 1
EXIT_NO_REDIS = 2


@main.command("fetch")
@click.argument("url")
def fetch_command(url: str) -> None:
    """Fetch URL once (robots.txt, politeness and the SSRF guard apply) and print the outcome as JSON.

    Keys: url, final_url, status, content_type, bytes, charset, decode_method, elapsed_ms; on failure
    also reason, retryable, error (and retry_after when the server or politeness asked for a wait).
    Exit code 0 on success, 1 on a fetch failure, 2 when Redis is unreachable.
    """
    settings = load_settings()
    client = redis.Redis.from_url(settings.redis_url, socket_connect_timeout=3, socket_timeout=10)
    started = time.monotonic()
    try:
        client.ping()
    except redis.RedisError as exc:
        click.echo(
            f"ingest fetch: Redis at {settings.redis_url} is unreachable ({exc}); robots.txt caching and "
            "per-host politeness need it: start it (make services) or set INGEST_REDIS_URL",
            err=True,
        )
        _emit(failure_summary(url, "redis_unavailable", True, str(exc), started), EXIT_NO_REDIS)
    try:
        page = Fetcher(settings, client).fetch(url)
    except IngestError as exc:
        summary = failure_summary(url, exc.reason, exc.retryable, exc.message, started)
        if getattr(exc, "retry_after", None) is not None:
            summary["retry_after"] = getattr(exc, "retry_after", None)
        _emit(summary, EXIT_FAILED)
    _emit(page_summary(page), 0)


def page_summary(page: FetchedPage) -> dict[str, Any]:
    """The JSON object for a fetched page."""
    return {
        "url": page.url,
        "final_url": page.final_url,
        "status": page.status,
        "content_type": page.content_type,
        "bytes": page.bytes,
        "charset": page.charset,
        "decode_method": page.decode_method,
        "elapsed_ms": round(page.elapsed_ms, 1),
    }


def failure_summary(url: str, reason: str, retryable: bool, error: str, started: float) -> dict[str, Any]:
    """The JSON object for a failure: the same keys (unknown ones null) plus the classification."""
    status = int(reason[5:]) if reason.startswith("http_") and reason[5:].isdigit() else None
    return {
        "url": url,
        "final_url": None,
        "status": status,
        "content_type": None,
        "bytes": None,
        "charset": None,
        "elapsed_ms": round((time.monotonic() - started) * 1000, 1),
        "reason": reason,
        "retryable": retryable,
        "error": error,
    }


def _emit(payload: dict[str, Any], code: int) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False))
    sys.exit(code)
