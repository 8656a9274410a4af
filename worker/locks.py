"""Per-URL locks in Redis with a TTL, owned by one message id (Redis I/O).

A URL in flight is not fetched twice at once. The owner is the message id, not the process: when a
killed worker's message is redelivered, the new delivery carries the same id and takes its own lock
back instead of waiting for the TTL. A batch's locks are taken and released in one round trip each.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import redis

# Per key: take it if free, or keep it if this owner holds it already (a redelivery). 1 = ours.
_ACQUIRE = """
local taken = {}
for i, key in ipairs(KEYS) do
  if redis.call('set', key, ARGV[1], 'NX', 'EX', ARGV[2]) or redis.call('get', key) == ARGV[1] then
    taken[i] = 1
  else
    taken[i] = 0
  end
end
return taken
"""
# Delete a key only if we still own it: a lock that expired and was taken by another message
# must not be released by the first owner finishing late.
_RELEASE = """
for _, key in ipairs(KEYS) do
  if redis.call('get', key) == ARGV[1] then redis.call('del', key) end
end
return 0
"""


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

    def acquire(self, urls: Sequence[str], owner: str) -> set[str]:
        """Take the locks on ``urls`` for ``owner``; the URLs taken now or already held by ``owner``."""
        if not urls:
            return set()
        keys = [self._key(url) for url in urls]
        flags = self.client.eval(_ACQUIRE, len(keys), *keys, owner, self.ttl_s)
        return {url for url, flag in zip(urls, flags, strict=True) if flag == 1}

    def release(self, urls: Sequence[str], owner: str) -> None:
        """Release the locks on ``urls`` that ``owner`` still holds."""
        if urls:
            keys = [self._key(url) for url in urls]
            self.client.eval(_RELEASE, len(keys), *keys, owner)
