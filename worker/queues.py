"""Reads the broker's state for one queue: depth, oldest message age, messages in flight (Redis I/O).

Key layout of kombu's Redis transport (the same a non-Python producer writes to): the queue is a list
named after it, and priorities 3, 6 and 9 live in lists suffixed ``\\x06\\x16<n>``; messages taken by a
worker but not yet acknowledged sit in the hash ``unacked`` until acked or restored.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import redis

PRIORITY_STEPS = (0, 3, 6, 9)
SEPARATOR = "\x06\x16"


def priority_key(queue: str, priority: int) -> str:
    """The Redis list holding ``queue``'s messages of ``priority`` (0 is the plain queue name)."""
    step = max(s for s in PRIORITY_STEPS if s <= max(0, min(priority, 9)))
    return queue if step == 0 else f"{queue}{SEPARATOR}{step}"


def _enqueued_at(raw: bytes | str | None) -> float | None:
    if raw is None:
        return None
    try:
        value = json.loads(raw)["headers"].get("enqueued_at")
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return float(value) if isinstance(value, int | float) else None


@dataclass(frozen=True, slots=True)
class QueueState:
    """A snapshot of one queue."""

    depth: int
    oldest_age_s: float | None
    in_flight: int


@dataclass(frozen=True, slots=True)
class QueueReader:
    """Reads :class:`QueueState` of ``queue`` from the broker."""

    client: redis.Redis
    queue: str

    def depth_and_age(self) -> tuple[int, float | None]:
        """Messages waiting, and the age of the oldest one that carries ``enqueued_at``."""
        keys = [priority_key(self.queue, step) for step in PRIORITY_STEPS]
        with self.client.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.llen(key)
                pipe.lindex(key, -1)  # producers LPUSH, workers BRPOP: the oldest is at the right
            replies = pipe.execute()
        depth = sum(int(n) for n in replies[0::2])
        stamps = [t for t in map(_enqueued_at, replies[1::2]) if t is not None]
        return depth, (time.time() - min(stamps)) if stamps else None

    def in_flight(self) -> int:
        """Messages of this queue fetched by a worker and not yet acknowledged."""
        count = 0
        for raw in self.client.hvals("unacked"):
            try:
                _message, _exchange, routing_key = json.loads(raw)
            except (ValueError, TypeError):
                continue
            count += routing_key == self.queue
        return count

    def state(self) -> QueueState:
        """Depth, oldest age and in-flight count."""
        depth, age = self.depth_and_age()
        return QueueState(depth=depth, oldest_age_s=age, in_flight=self.in_flight())
