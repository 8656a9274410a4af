"""robots.txt: fetched once per host, cached in Redis with a TTL, obeyed (Redis and network I/O).

Outcomes follow RFC 9309: a 4xx (or a robots.txt that cannot be fetched for a permanent reason:
blocked redirect, too large, not text) means "no rules"; a 5xx or a network failure means "assume
disallowed for now", which we report as the transient ``robots_unavailable`` so the task retries later.
The cached value is the robots.txt text itself; each process also remembers it for ``LOCAL_TTL_S``
(one Redis round trip less per fetch) and keeps the parsed rules per text. A cold
robots.txt is fetched by one worker at a time (a short Redis lock); the others get ``host_busy``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

import redis
from protego import Protego

from worker.errors import PermanentError, TransientError
from worker.fetch.download import Downloader
from worker.fetch.validators import as_text

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB
LOCKED_RETRY_S = 1.0  # another worker is fetching this robots.txt: come back soon
LOCAL_TTL_S = 30.0  # a robots.txt changed in Redis reaches every worker process within this time
LOCAL_MAX_HOSTS = 4096


@dataclass(frozen=True, slots=True)
class RobotsCache:
    """Answers "may this URL be fetched, and with what Crawl-delay?" from cached robots.txt files."""

    redis: redis.Redis
    prefix: str
    ttl_s: int
    downloader: Downloader
    user_agent: str
    # robots.txt URL -> (text, monotonic expiry): spares a Redis round trip per fetch of a busy host
    local: dict[str, tuple[str, float]] = field(default_factory=dict)

    def check(self, url: str) -> float | None:
        """Raise ``robots_disallowed`` if robots.txt forbids ``url``; else return its Crawl-delay."""
        rules, agent = parse_robots(self.robots_text(url)), product_token(self.user_agent)
        if not rules.can_fetch(url, agent):
            raise PermanentError("robots_disallowed", f"robots.txt disallows {url}")
        delay = rules.crawl_delay(agent)
        return float(delay) if delay is not None else None

    def robots_text(self, url: str) -> str:
        """The robots.txt text for ``url``'s origin: from this process's memory when read from Redis
        less than ``LOCAL_TTL_S`` ago, else from Redis, else fetched once and cached there."""
        robots_url = origin_of(url) + "/robots.txt"
        now = time.monotonic()
        remembered = self.local.get(robots_url)
        if remembered is not None and remembered[1] > now:
            return remembered[0]
        text = self._shared_text(robots_url)
        if len(self.local) >= LOCAL_MAX_HOSTS:  # (a crawl of many hosts: start over, not grow forever)
            self.local.clear()
        self.local[robots_url] = (text, now + LOCAL_TTL_S)
        return text

    def _shared_text(self, robots_url: str) -> str:
        key = f"{self.prefix}robots:{robots_url}"
        cached = self.redis.get(key)
        if cached is not None:
            return as_text(cached)
        # One worker fetches a cold robots.txt; the others come back when it is cached.
        lock_ms = int((self.downloader.limits.deadline_s + 1) * 1000)
        if not self.redis.set(f"{key}:fetching", "1", nx=True, px=lock_ms):
            raise TransientError("host_busy", f"{robots_url} is being fetched", retry_after=LOCKED_RETRY_S)
        try:
            text = self._download(robots_url)
            self.redis.set(key, text.encode("utf-8"), ex=self.ttl_s)
        finally:
            self.redis.delete(f"{key}:fetching")
        return text

    def _download(self, robots_url: str) -> str:
        try:
            page = self.downloader.get(robots_url, html_only=False)
        except TransientError as exc:
            message = f"{robots_url}: {exc.reason}"
            raise TransientError("robots_unavailable", message, retry_after=exc.retry_after) from exc
        except PermanentError:
            return ""  # 4xx and unfetchable robots.txt: no rules (RFC 9309 "unavailable")
        return page.body.decode("utf-8", errors="replace")


@lru_cache(maxsize=256)
def parse_robots(text: str) -> Protego:
    """Parsed rules, remembered per text: most fetches hit a host whose robots.txt was just parsed."""
    return Protego.parse(text)


def product_token(user_agent: str) -> str:
    """What robots.txt ``User-agent`` lines name us by: ``ingest-worker/0.1 (+url)`` -> ``ingest-worker``."""
    return user_agent.split("/", 1)[0].split(None, 1)[0] if user_agent.strip() else "*"


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower-cased."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
