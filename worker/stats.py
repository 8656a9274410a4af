"""Outcome counts per minute in Redis, for ``ingest status`` over the last hour (Redis I/O)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import redis

BUCKET_S = 60
KEEP_S = 2 * 3600


@dataclass(frozen=True, slots=True)
class OutcomeStats:
    """Counters ``status:reason`` in one hash per minute; hashes expire after two hours."""

    client: redis.Redis
    prefix: str

    def _key(self, minute: int) -> str:
        return f"{self.prefix}stats:{minute}"

    def add(self, labels: Iterable[tuple[str, str | None]]) -> None:
        """Count one outcome per ``(status, reason)`` in the current minute."""
        key = self._key(int(time.time()) // BUCKET_S)
        counts = Counter(f"{status}:{reason or ''}" for status, reason in labels)
        if not counts:
            return
        with self.client.pipeline(transaction=False) as pipe:
            for field, count in counts.items():
                pipe.hincrby(key, field, count)
            pipe.expire(key, KEEP_S)
            pipe.execute()

    def last(self, seconds: int = 3600) -> Counter[tuple[str, str]]:
        """Outcome counts ``(status, reason) -> n`` over the last ``seconds``."""
        now = int(time.time()) // BUCKET_S
        minutes = range(now - seconds // BUCKET_S + 1, now + 1)
        with self.client.pipeline(transaction=False) as pipe:
            for minute in minutes:
                pipe.hgetall(self._key(minute))
            buckets = pipe.execute()
        total: Counter[tuple[str, str]] = Counter()
        for bucket in buckets:
            for field, count in bucket.items():
                status, _, reason = _text(field).partition(":")
                total[(status, reason)] += int(count)
        return total


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
