"""The fetcher: guard, robots.txt, politeness, download and decode composed for one URL (I/O).

This is the orchestrator; each step lives in its own module and every failure is already classified
when it reaches here, so ``fetch`` stays a straight line.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Mapping

import redis
import requests

from worker.config import Settings
from worker.errors import IngestError, TransientError
from worker.fetch.decode import decode_html
from worker.fetch.download import Downloader, RawPage
from worker.fetch.guard import Guard
from worker.fetch.limits import Limits
from worker.fetch.politeness import HostGate
from worker.fetch.refresh import refresh_target
from worker.fetch.robots import ROBOTS_MAX_BYTES, RobotsCache
from worker.fetch.session import session_for
from worker.fetch.validators import Validators
from worker.models import FetchedPage

log = logging.getLogger(__name__)

MAX_META_REFRESHES = 2  # meta-refresh redirects followed after the HTTP redirects of each fetch


class Fetcher:
    """Fetches pages politely and safely; one per process is enough (it holds the pooled session)."""

    def __init__(
        self, settings: Settings, redis_client: redis.Redis, *, session: requests.Session | None = None
    ) -> None:
        guard = Guard.from_entries(
            settings.fetch_allow_networks, settings.fetch_allowed_ports, settings.fetch_max_url_length
        )
        session = session or session_for(guard, settings.user_agent)
        limits = Limits.from_settings(settings)
        self._guard = guard
        self._downloader = Downloader(session, guard, limits, settings.fetch_max_redirects)
        self._gate = HostGate(redis_client, settings.fetch_redis_prefix)
        self._min_interval_s = settings.host_min_interval_s
        self._max_interval_s = settings.fetch_backoff_max_s
        self._robots = _robots_cache(settings, redis_client, session, guard, limits)

    def fetch(self, url: str, validators: Validators | None = None) -> FetchedPage:
        """Fetch and decode ``url``; a 304 gives ``status=304`` and empty text.

        Raises ``TransientError`` / ``PermanentError`` with a reason code from
        :data:`worker.fetch.retry.OUTCOMES`.
        """
        try:
            page = self._fetch(url, validators)
        except IngestError as exc:
            log.info("fetch failed url=%s reason=%s retryable=%s", url, exc.reason, exc.retryable)
            raise
        log.info("fetched url=%s status=%d bytes=%d ms=%.0f", url, page.status, page.bytes, page.elapsed_ms)
        return page

    def _fetch(self, url: str, validators: Validators | None) -> FetchedPage:
        started = time.monotonic()
        gated: set[str] = set()
        headers = validators.headers() if validators else None
        try:
            page = self._get(url, url, headers, gated)
            for _ in range(MAX_META_REFRESHES):
                target = refresh_target(page.text, page.final_url) if page.status == 200 else None
                if target is None:
                    break
                page = self._get(url, target, None, gated)
        except redis.RedisError as exc:
            raise TransientError("redis_unavailable", f"robots cache or host gate: {exc}") from exc
        return dataclasses.replace(page, elapsed_ms=(time.monotonic() - started) * 1000)

    def _get(self, url: str, target: str, headers: Mapping[str, str] | None, gated: set[str]) -> FetchedPage:
        """The decoded page at ``target``: ``url`` itself, or where its meta refresh sends it (then
        without validators: those of another resource must not be replayed to ``url``)."""
        self._admit(target, gated)
        raw = self._downloader.get(target, headers, before_hop=lambda hop: self._admit(hop, gated))
        page = to_page(dataclasses.replace(raw, url=url), raw.elapsed_ms)
        return page if target == url else dataclasses.replace(page, etag=None, last_modified=None)

    def _admit(self, url: str, gated: set[str]) -> None:
        """Let a request to ``url`` go: robots.txt allows it, and its host, unless already claimed by
        this fetch (``gated``), has had no other fetch start within its interval.

        Runs for the first URL and for every redirect hop: a redirect to another host is a fetch of
        that host, so it waits its turn there too (raising ``host_busy`` like a first request would).
        """
        host = self._guard.check_url(url).netloc.lower()
        crawl_delay = self._robots.check(url) if self._robots else None
        if host not in gated:
            self._gate.acquire(host, self._interval(crawl_delay))
            gated.add(host)

    def _interval(self, crawl_delay: float | None) -> float:
        """Seconds between fetch starts for a host: the larger of ours and its Crawl-delay.

        Capped at the backoff maximum so the task countdown stays below the broker's visibility
        timeout, however large a Crawl-delay a site asks for.
        """
        return min(max(self._min_interval_s, crawl_delay or 0.0), self._max_interval_s)


def _robots_cache(
    settings: Settings, client: redis.Redis, session: requests.Session, guard: Guard, limits: Limits
) -> RobotsCache | None:
    if not settings.obey_robots:
        return None
    robots_limits = Limits(
        limits.connect_timeout_s,
        limits.read_timeout_s,
        limits.deadline_s,
        ROBOTS_MAX_BYTES,
        ROBOTS_MAX_BYTES,
    )
    downloader = Downloader(session, guard, robots_limits, max_redirects=5)
    return RobotsCache(
        client, settings.fetch_redis_prefix, settings.robots_ttl_s, downloader, settings.user_agent
    )


def to_page(raw: RawPage, elapsed_ms: float) -> FetchedPage:
    """The pipeline's value for a finished exchange (decoded text; empty for a 304)."""
    content_type = raw.headers.get("content-type", "")
    etag, last_modified = raw.headers.get("etag"), raw.headers.get("last-modified")
    if raw.status == 304:
        return FetchedPage(
            raw.url, raw.final_url, 304, content_type, "", "", 0, elapsed_ms, etag, last_modified
        )
    decoded = decode_html(raw.body, content_type)
    return FetchedPage(
        url=raw.url,
        final_url=raw.final_url,
        status=raw.status,
        content_type=content_type,
        text=decoded.text,
        charset=decoded.charset,
        bytes=len(raw.body),
        elapsed_ms=elapsed_ms,
        etag=etag,
        last_modified=last_modified,
        decode_method=decoded.method,
    )
