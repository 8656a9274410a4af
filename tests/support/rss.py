"""Peak resident memory of this process while a block runs (reads /proc; a sampling thread)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
STATM = Path("/proc/self/statm")


def rss_bytes() -> int:
    """Current resident set size."""
    return int(STATM.read_text().split()[1]) * PAGE


@dataclass
class Growth:
    """How far RSS rose above its starting value at the worst moment."""

    baseline: int = 0
    peak: int = 0

    @property
    def mib(self) -> float:
        """Peak growth in MiB."""
        return max(0, self.peak - self.baseline) / (1024 * 1024)


@contextmanager
def peak_rss_growth(interval_s: float = 0.002) -> Iterator[Growth]:
    """Sample RSS every ``interval_s`` while the block runs; ``Growth.mib`` after it."""
    growth = Growth(rss_bytes(), rss_bytes())
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            growth.peak = max(growth.peak, rss_bytes())
            done.wait(interval_s)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield growth
    finally:
        done.set()
        sampler.join()
        growth.peak = max(growth.peak, rss_bytes())
