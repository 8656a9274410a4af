"""Fetch figures on loopback: throughput, latency, memory under bombs, time to cut hostile bodies (I/O).

Run with ``python -m tests.bench.bench_fetch`` (``make bench``; needs Redis at INGEST_REDIS_URL).
Prints one JSON object per figure. Timings are measurements for the README, never test assertions.
"""

from __future__ import annotations

import json
import statistics
import time
import uuid

import redis

from tests.support.fetch_settings import fetch_settings
from tests.support.hostile_server import HostileServer, brotli_bomb, gzip_bomb
from tests.support.rss import peak_rss_growth
from tests.support.shared_redis import delete_prefixed, redis_url
from worker.config import Settings
from worker.errors import IngestError
from worker.fetch import Fetcher

PAGES = 300


def emit(**figure: object) -> None:
    """One figure as a JSON line."""
    print(json.dumps(figure))  # noqa: T201 - a bench prints its figures


def throughput(fetcher: Fetcher, server: HostileServer) -> None:
    """Sequential fetches of a small page through robots cache, host gate and guard."""
    times = []
    started = time.perf_counter()
    for _ in range(PAGES):
        begin = time.perf_counter()
        fetcher.fetch(server.url("/"))
        times.append((time.perf_counter() - begin) * 1000)
    total = time.perf_counter() - started
    p95 = statistics.quantiles(times, n=20)[18]
    emit(figure="sequential_fetch", pages=PAGES, pages_per_s=round(PAGES / total, 1),
         p50_ms=round(statistics.median(times), 2), p95_ms=round(p95, 2))  # fmt: skip


def hostile(fetcher: Fetcher, server: HostileServer, caps: str, paths: tuple[str, ...]) -> None:
    """Memory growth and time until each hostile body is cut."""
    gzip_bomb(1), gzip_bomb(2), brotli_bomb()
    for path in paths:
        begin = time.perf_counter()
        with peak_rss_growth() as growth:
            try:
                fetcher.fetch(server.url(path))
                reason = "ok"
            except IngestError as exc:
                reason = exc.reason
        emit(figure="hostile", caps=caps, path=path, reason=reason, rss_growth_mib=round(growth.mib, 1),
             seconds=round(time.perf_counter() - begin, 2))  # fmt: skip


def main() -> None:
    """Run every figure against a fresh loopback server."""
    server = HostileServer("127.0.0.1", robots="User-agent: *\nDisallow: /private/\n").start()
    client = redis.Redis.from_url(redis_url())
    prefix = f"bench:fetch:{uuid.uuid4().hex}:"
    try:
        throughput(Fetcher(fetch_settings(server, prefix), client), server)
        limits = {"fetch_deadline_s": 3.0, "fetch_read_timeout_s": 5.0}
        everything = ("/bomb/gzip", "/bomb/br", "/bomb/stacked", "/endless", "/drip", "/stall")
        hostile(Fetcher(fetch_settings(server, prefix, **limits), client), server, "1MiB", everything)
        defaults = {"fetch_max_bytes": Settings().fetch_max_bytes, **limits}
        defaults["fetch_max_decoded_bytes"] = Settings().fetch_max_decoded_bytes
        bombs = ("/bomb/gzip", "/bomb/br", "/bomb/stacked")
        hostile(Fetcher(fetch_settings(server, prefix, **defaults), client), server, "defaults", bombs)
    finally:
        server.stop()
        delete_prefixed(client, prefix)


if __name__ == "__main__":
    main()
