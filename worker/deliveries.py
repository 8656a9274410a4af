"""Delivery counter per message and the dead-letter list (Redis I/O).

With ``task_reject_on_worker_lost`` a message that kills its worker every time (a parser crash, an
out-of-memory child, the hard time limit) is requeued forever. Each delivery increments a counter
keyed by the message id; past ``max_deliveries`` the message is dead-lettered instead of run.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import redis

from worker.redis_key import RedisKey


@dataclass(frozen=True, slots=True)
class DeliveryCounter:
    """Counts deliveries of one message id in Redis; keys expire after ``ttl_s``."""

    client: redis.Redis
    prefix: str
    max_deliveries: int
    ttl_s: int

    def count(self, message_id: str) -> int:
        """Record one more delivery of ``message_id`` and return how many there have been."""
        key = f"{self.prefix}deliveries:{message_id}"
        with self.client.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self.ttl_s)
            deliveries, _ = pipe.execute()
        return int(deliveries)

    def exceeded(self, deliveries: int) -> bool:
        """Whether a message delivered ``deliveries`` times must not run again."""
        return deliveries > self.max_deliveries


@dataclass(frozen=True, slots=True)
class DeadLetters(RedisKey):
    """Messages given up on (list ``<prefix>dead``), newest first, for an operator to inspect or replay."""

    name = "dead"

    def add(self, message_id: str, task: str, body: object, deliveries: int) -> None:
        """Keep ``body`` of the message ``message_id`` with why it was given up on."""
        entry = {"id": message_id, "task": task, "body": body, "deliveries": deliveries, "at": time.time()}
        self.client.lpush(self.key, json.dumps(entry))

    def entries(self, limit: int = 100) -> list[dict[str, object]]:
        """The newest ``limit`` dead-lettered messages."""
        raw = self.client.lrange(self.key, 0, limit - 1)
        return [json.loads(item) for item in raw]
