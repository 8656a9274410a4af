"""The base of values that keep their state in one Redis key under the pipeline's prefix (no I/O itself)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import redis


@dataclass(frozen=True, slots=True)
class RedisKey:
    """A Redis client and the key prefix; a subclass names its key with the class attribute ``name``."""

    client: redis.Redis
    prefix: str
    name: ClassVar[str]

    @property
    def key(self) -> str:
        """The Redis key: ``prefix`` followed by ``name``."""
        return f"{self.prefix}{self.name}"
