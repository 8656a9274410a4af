"""Conditional-GET validators (ETag, Last-Modified) per URL, kept in Redis (Redis I/O).

The pipeline decides when to :meth:`ValidatorStore.put`: only after the article is indexed, because a
retry after a failed index would otherwise get a 304 and lose the page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import redis

from worker.models import FetchedPage

DEFAULT_TTL_S = 90 * 24 * 3600  # forget validators of pages not seen for a quarter


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server gave us to make the next request conditional."""

    etag: str | None = None
    last_modified: str | None = None

    @classmethod
    def from_page(cls, page: FetchedPage) -> Validators | None:
        """The page's validators, or ``None`` when the server sent neither."""
        if page.etag is None and page.last_modified is None:
            return None
        return cls(page.etag, page.last_modified)

    def headers(self) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` request headers."""
        sent: dict[str, str] = {}
        if self.etag:
            sent["If-None-Match"] = self.etag
        if self.last_modified:
            sent["If-Modified-Since"] = self.last_modified
        return sent


@dataclass(frozen=True, slots=True)
class ValidatorStore:
    """Validators per URL in Redis hashes under ``prefix``."""

    redis: redis.Redis
    prefix: str = "ingest:fetch:"
    ttl_s: int = DEFAULT_TTL_S

    def get(self, url: str) -> Validators | None:
        """The validators stored for ``url``, if any."""
        stored = self.redis.hgetall(self._key(url))
        if not stored:
            return None
        fields = {as_text(k): as_text(v) for k, v in stored.items()}
        return Validators(fields.get("etag") or None, fields.get("last_modified") or None)

    def put(self, url: str, validators: Validators) -> None:
        """Remember ``validators`` for ``url`` (replacing older ones)."""
        self.put_all([(url, validators)])

    def put_all(self, items: Sequence[tuple[str, Validators]]) -> None:
        """Remember the validators of each URL in ``items``, in one round trip."""
        if not items:
            return
        with self.redis.pipeline(transaction=True) as pipe:
            for url, validators in items:
                key = self._key(url)
                pipe.delete(key)
                pipe.hset(
                    key,
                    mapping={"etag": validators.etag or "", "last_modified": validators.last_modified or ""},
                )
                pipe.expire(key, self.ttl_s)
            pipe.execute()

    def _key(self, url: str) -> str:
        return f"{self.prefix}validators:{hashlib.sha256(url.encode()).hexdigest()}"


def as_text(value: object) -> str:
    """A Redis reply as text, whether or not the client decodes responses."""
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else str(value)
