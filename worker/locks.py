"""A per-URL lock in Redis with a TTL, owned by one message id (Redis I/O).

A URL in flight is not fetched twice at once. The owner is the message id, not the process: when a
killed worker's message is redelivered, the new delivery carries the same id and takes its own lock
back instead of waiting for the TTL.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import redis

# Delete the key only if we still own it: a lock that expired and was taken by another message
# must not be released by the first owner finishing late.
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def url_key(url: str) -> str:
    """A short, fixed-size key part for ``url``."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class UrlLocks:
    """Locks over URLs in flight; ``ttl_s`` bounds how long a dead owner blocks a URL."""

    client: redis.Redis
    prefix: str
    ttl_s: int

    def _key(self, url: str) -> str:
        return f"{self.prefix}lock:{url_key(url)}"

    def acquire(self, url: str, owner: str) -> bool:
        """Take the lock on ``url`` for ``owner``; True if taken now or already held by ``owner``."""
        key = self._key(url)
        if self.client.set(key, owner, nx=True, ex=self.ttl_s):
            return True
        held_by = self.client.get(key)
        return held_by is not None and _text(held_by) == owner

    def release(self, url: str, owner: str) -> None:
        """Release the lock on ``url`` if ``owner`` still holds it."""
        self.client.eval(_RELEASE, 1, self._key(url), owner)
