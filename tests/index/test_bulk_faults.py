"""Bulk indexing under engine faults (fault proxy in front of the real engine), both client paths.

Scenarios 12-14 of reliability.md: 429 for some items or whole requests is retried with backoff and
the final count equals the input; rejection forever or an engine that is down ends in a
TransientError naming what is pending, and nothing is lost once the engine is back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from prometheus_client import REGISTRY

from tests.index.conftest import CLIENT_PATHS, cleanup, entry, private_settings
from tests.support.engine_proxy import EngineProxy
from worker.config import Settings
from worker.index.bulk import Indexer, IndexingIncompleteError
from worker.index.engine import Engine, make_engine
from worker.index.layout import setup_index
from worker.index.records import Entry
from worker.index.search import lookup_url_status

pytestmark = pytest.mark.services


@dataclass(frozen=True)
class Faulty:
    """A private layout reached through a fault proxy; ``direct`` bypasses the proxy for checks."""

    proxy: EngineProxy
    settings: Settings
    engine: Engine
    direct: Engine

    def indexer(
        self, sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic
    ) -> Indexer:
        return Indexer(self.engine, self.settings, sleep=sleep, clock=clock)

    def stored(self) -> int:
        self.direct.refresh(self.settings.read_alias)
        return self.direct.count(self.settings.read_alias)


@pytest.fixture(params=CLIENT_PATHS)
def faulty(request: pytest.FixtureRequest, engine_url: str) -> Iterator[Faulty]:
    kind = str(request.param)
    proxy = EngineProxy(engine_url, es_compat=kind == "elasticsearch").start()
    settings = private_settings(proxy.url, kind, bulk_max_retries=4, bulk_max_docs=8, search_timeout_s=2.0)
    direct_settings = settings.model_copy(update={"search_url": engine_url, "engine": "opensearch"})
    direct = make_engine(direct_settings)
    engine = make_engine(settings)
    setup_index(engine, settings)
    yield Faulty(proxy, settings, engine, direct)
    proxy.stop()
    cleanup(direct, settings)
    engine.close()
    direct.close()


def batch(count: int) -> list[Entry]:
    return [entry(f"https://f.test/{n}", body=f"article number {n}") for n in range(count)]


def retried_items() -> float:
    return REGISTRY.get_sample_value("ingest_bulk_items_total", {"outcome": "retry"}) or 0.0


def test_items_rejected_with_429_are_retried_until_all_are_indexed(faulty: Faulty) -> None:
    faulty.proxy.faults.reject_every = 3
    faulty.proxy.faults.reject_rounds = 4
    retried_before = retried_items()
    results = faulty.indexer().index(batch(30))
    assert faulty.proxy.faults.rejected_items > 0
    assert retried_items() - retried_before == faulty.proxy.faults.rejected_items
    assert [r.status for r in results] == ["indexed"] * 30
    assert faulty.stored() == 30


def test_whole_requests_rejected_with_429_are_retried(faulty: Faulty) -> None:
    faulty.proxy.faults.reject_requests = 3
    results = faulty.indexer().index(batch(12))
    assert faulty.proxy.faults.rejected_requests == 3
    assert {r.status for r in results} == {"indexed"}
    assert faulty.stored() == 12


def test_rejected_forever_raises_with_everything_pending_then_nothing_is_lost(faulty: Faulty) -> None:
    entries = batch(10)
    faulty.proxy.faults.reject_requests = 1000
    with pytest.raises(IndexingIncompleteError) as raised:
        faulty.indexer().index(entries)
    assert raised.value.retryable
    assert list(raised.value.pending) == entries
    assert faulty.stored() == 0
    faulty.proxy.faults.reject_requests = 0
    results = faulty.indexer().index(list(raised.value.pending))  # what the task retry does
    assert {r.status for r in results} == {"indexed"}
    assert faulty.stored() == 10


def test_engine_down_mid_bulk_then_back_loses_nothing(faulty: Faulty) -> None:
    restarts: list[float] = []

    def sleep_then_restart(_seconds: float) -> None:
        # the engine comes back while the indexer backs off after the first failed round
        if not restarts:
            restarts.append(_seconds)
            faulty.proxy.start()

    faulty.proxy.stop()
    results = faulty.indexer(sleep=sleep_then_restart).index(batch(20))
    assert restarts
    assert [r.status for r in results] == ["indexed"] * 20
    assert faulty.stored() == 20


def test_engine_down_longer_than_the_retries_then_back(faulty: Faulty) -> None:
    entries = batch(5)
    faulty.proxy.stop()
    with pytest.raises(IndexingIncompleteError) as raised:
        faulty.indexer().index(entries)
    assert raised.value.reason == "engine_unavailable"
    assert len(raised.value.pending) == 5
    faulty.proxy.start()
    faulty.indexer().index(entries)
    assert faulty.stored() == 5
    faulty.direct.refresh(faulty.settings.url_status_index)
    record = lookup_url_status(faulty.direct, faulty.settings, entries[0].url)
    assert record is not None
    assert record["status"] == "indexed"


def test_engine_slower_than_the_timeout_is_retried_without_duplicates(faulty: Faulty) -> None:
    entries = batch(12)
    faulty.proxy.faults.slow_requests = 1
    faulty.proxy.faults.slow_s = 3.0  # past the 2 s client timeout; the engine did write the batch
    results = faulty.indexer().index(entries)
    assert faulty.proxy.faults.slow_requests == 0
    assert faulty.proxy.faults.bulk_requests > 2  # 2 batches, one of them sent again after the timeout
    assert [r.status for r in results] == ["indexed"] * 12
    assert faulty.stored() == 12


def test_no_retry_round_starts_after_the_deadline(faulty: Faulty) -> None:
    elapsed = [0.0]

    def slow_sleep(seconds: float) -> None:
        elapsed[0] += seconds + 70.0  # as if the engine took 70 s to answer the next round

    rounds_before = REGISTRY.get_sample_value("ingest_bulk_retry_rounds_total") or 0.0
    faulty.proxy.faults.reject_requests = 1000
    with pytest.raises(IndexingIncompleteError):
        faulty.indexer(sleep=slow_sleep, clock=lambda: elapsed[0]).index(batch(3))
    # default deadline 60 s: the first round, one retry, then no further round; plus the "queued" write
    assert (REGISTRY.get_sample_value("ingest_bulk_retry_rounds_total") or 0.0) - rounds_before == 1
    assert faulty.proxy.faults.rejected_requests == 3
