"""Per-host politeness shared by every worker process through Redis (Redis I/O).

A fetch may start only if no other fetch of the same host started within the interval. One atomic
Lua call sets the host's key with ``NX PX interval`` or returns how long the current holder has left;
the caller then gets ``TransientError("host_busy", retry_after=seconds)`` and the Celery task
reschedules itself with that countdown instead of sleeping in a worker slot.
"""

from __future__ import annotations

from dataclasses import dataclass

import redis

from worker.errors import TransientError

# 0 when this caller may go now; otherwise the milliseconds until the host is free again.
_ACQUIRE = """
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then return tonumber(ARGV[1]) end
return left
"""


@dataclass(frozen=True, slots=True)
class HostGate:
    """Minimum interval between fetch starts per host, across all processes."""

    redis: redis.Redis
    prefix: str

    def acquire(self, host: str, interval_s: float) -> None:
        """Claim ``host`` for ``interval_s`` seconds or raise ``host_busy`` with the wait."""
        interval_ms = int(interval_s * 1000)
        if interval_ms <= 0:
            return
        key = f"{self.prefix}host:{host.lower()}"
        left_ms = int(self.redis.eval(_ACQUIRE, 1, key, interval_ms))
        if left_ms > 0:
            raise TransientError("host_busy", f"{host} was fetched recently", retry_after=left_ms / 1000)
