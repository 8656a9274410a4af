"""Discovery state in Redis: registered feeds, URLs already discovered, recently indexed URLs (Redis I/O)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import redis

from worker.locks import url_key
from worker.redis_key import RedisKey


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


@dataclass(frozen=True, slots=True)
class FeedRegistry(RedisKey):
    """The set ``<prefix>feeds`` of feed and sitemap URLs that beat polls (``ingest add-feed`` adds to it)."""

    name = "feeds"

    def add(self, url: str) -> bool:
        """Register ``url``; False if it was already registered."""
        return bool(self.client.sadd(self.key, url))

    def remove(self, url: str) -> bool:
        """Unregister ``url``; False if it was not registered."""
        return bool(self.client.srem(self.key, url))

    def all(self) -> list[str]:
        """Every registered feed, sorted."""
        return sorted(_text(url) for url in self.client.smembers(self.key))


SEEN_HOLD_S = 300  # a URL marked seen counts as seen this long until its message is known to be queued


@dataclass(frozen=True, slots=True)
class SeenUrls:
    """Remembers discovered URLs for ``ttl_s`` so each poll enqueues only what is new.

    A URL is first marked for ``SEEN_HOLD_S`` only and kept for ``ttl_s`` once queued: a poll killed
    between the two (a SIGKILL, an OOM kill) loses nothing, the next poll after the hold finds it again.
    """

    client: redis.Redis
    prefix: str
    ttl_s: int

    def _key(self, url: str) -> str:
        return f"{self.prefix}seen:{url_key(url)}"

    def first_seen(self, urls: Sequence[str]) -> list[str]:
        """Mark ``urls`` as seen for the hold; return those that were not seen before, in order."""
        hold_s = min(SEEN_HOLD_S, self.ttl_s)
        with self.client.pipeline(transaction=False) as pipe:
            for url in urls:
                pipe.set(self._key(url), 1, nx=True, ex=hold_s)
            fresh = pipe.execute()
        return [url for url, new in zip(urls, fresh, strict=True) if new]

    def keep(self, urls: Sequence[str]) -> None:
        """Remember ``urls`` for ``ttl_s`` (they are queued)."""
        with self.client.pipeline(transaction=False) as pipe:
            for url in urls:
                pipe.expire(self._key(url), self.ttl_s)
            pipe.execute()

    def forget(self, urls: Sequence[str]) -> None:
        """Un-see ``urls`` (they could not be queued)."""
        if urls:
            self.client.delete(*(self._key(url) for url in urls))


@dataclass(frozen=True, slots=True)
class RecentUrls(RedisKey):
    """URLs indexed recently, scored by time (sorted set ``<prefix>recent``), for the recrawl schedule."""

    name = "recent"

    def add(self, urls: Iterable[str]) -> None:
        """Note that ``urls`` were indexed now."""
        now = time.time()
        scores = dict.fromkeys(urls, now)
        if scores:
            self.client.zadd(self.key, scores)

    def since(self, window_s: float) -> list[str]:
        """URLs indexed within the last ``window_s``; older ones are forgotten."""
        cutoff = time.time() - window_s
        self.client.zremrangebyscore(self.key, "-inf", f"({cutoff}")
        return [_text(url) for url in self.client.zrange(self.key, 0, -1)]
