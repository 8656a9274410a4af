"""``ingest fetch URL``: fetch one page now, no queue, and print one JSON object (network and Redis I/O)."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
import redis

from worker.cli import main
from worker.config import load_settings
from worker.errors import IngestError
from worker.fetch import Fetcher


@main.command("fetch")
@click.argument("url")
def fetch_command(url: str) -> None:
    """Fetch URL once (robots.txt, politeness and the SSRF guard apply) and print the outcome as JSON."""
    settings = load_settings()
    client = redis.Redis.from_url(settings.redis_url, socket_connect_timeout=3, socket_timeout=10)
    try:
        client.ping()
    except redis.RedisError as exc:
        click.echo(
            f"ingest fetch: Redis at {settings.redis_url} is unreachable ({exc}); "
            "robots.txt and politeness need it (set INGEST_REDIS_URL)",
            err=True,
        )
        _emit({"url": url, "reason": "redis_unavailable", "retryable": True, "error": str(exc)}, 2)
    try:
        page = Fetcher(settings, client).fetch(url)
    except IngestError as exc:
        failure: dict[str, Any] = {"url": url, "reason": exc.reason, "retryable": exc.retryable}
        failure["error"] = exc.message
        if getattr(exc, "retry_after", None) is not None:
            failure["retry_after"] = getattr(exc, "retry_after", None)
        _emit(failure, 1)
    _emit(
        {
            "url": page.url,
            "final_url": page.final_url,
            "status": page.status,
            "content_type": page.content_type,
            "bytes": page.bytes,
            "charset": page.charset,
            "decode_method": page.decode_method,
            "elapsed_ms": round(page.elapsed_ms, 1),
        },
        0,
    )


def _emit(payload: dict[str, Any], code: int) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False))
    sys.exit(code)
