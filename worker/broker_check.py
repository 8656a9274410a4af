"""Checks that the Redis broker persists messages (append-only file, noeviction) (Redis I/O).

Without persistence a Redis restart loses every queued and in-flight message (measured in
``../shared/reliability.md``); with an eviction policy, memory pressure deletes queue keys.
"""

from __future__ import annotations

from dataclasses import dataclass

import redis


@dataclass(frozen=True, slots=True)
class BrokerPersistence:
    """What the broker reports about its durability; ``None`` when it refuses ``CONFIG GET``."""

    appendonly: str | None
    maxmemory_policy: str | None

    @property
    def durable(self) -> bool:
        """Whether queued messages survive a broker restart."""
        return self.appendonly == "yes"

    def problems(self) -> list[str]:
        """Human-readable problems, empty when the broker is safe to use."""
        found = []
        if self.appendonly is None:
            found.append("cannot read CONFIG appendonly (managed Redis?): make sure AOF is on")
        elif not self.durable:
            found.append("Redis runs without append-only persistence: a restart loses queued URLs")
        if self.maxmemory_policy not in {None, "noeviction"}:
            found.append(f"maxmemory-policy is {self.maxmemory_policy}: queue keys may be evicted")
        return found


def _config_value(client: redis.Redis, name: str) -> str | None:
    try:
        reply = client.config_get(name)
    except redis.ResponseError:
        return None
    value = reply.get(name) if isinstance(reply, dict) else None
    return value.decode() if isinstance(value, bytes) else value


def inspect_broker(client: redis.Redis) -> BrokerPersistence:
    """Read the broker's persistence settings."""
    return BrokerPersistence(
        appendonly=_config_value(client, "appendonly"),
        maxmemory_policy=_config_value(client, "maxmemory-policy"),
    )
