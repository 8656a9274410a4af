"""Engine faults at pipeline level with real processes (reliability.md 13, 14): rejecting forever, too slow.

The worker reaches the real engine through the index tests' fault proxy (tests/support/engine_proxy.py);
the test itself reads the engine directly. Every test has its own Redis, queue and index names.
"""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import StackFactory, WorkerFactory
from tests.support.engine_proxy import EngineProxy, _split_bulk
from tests.support.processes import RedisServer, wait_for
from tests.support.stack import search_url
from worker.devsite import DevSite


class ArticleRejectingProxy(EngineProxy):
    """Answers 429 for every bulk item aimed at ``index`` (the articles), forever; other items pass.

    URL-status records still reach the engine, so the pipeline can record the failure it ends with.
    """

    def __init__(self, upstream: str, index: str) -> None:
        super().__init__(upstream)
        self.index = index

    def _bulk(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        items = _split_bulk(body)
        rejected = {n for n, (action, _) in enumerate(items) if _target(action) == self.index}
        answer = self._forward_rejecting(method, path, headers, items, rejected)
        if answer[0] == 200:
            with self._lock:
                self.faults.bulk_requests += 1
                self.faults.rejected_items += len(rejected)
        return answer


def _target(action: bytes) -> str:
    meta = next(iter(json.loads(action).values()))
    return str(meta.get("_index", ""))


@pytest.mark.slow
def test_engine_rejecting_articles_forever_ends_failed_after_bounded_retries(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    attempts, bulk_retries = 3, 2
    stack = stack_factory(
        private_redis.url,
        INGEST_FETCH_MAX_ATTEMPTS=str(attempts),
        INGEST_BULK_MAX_RETRIES=str(bulk_retries),
        INGEST_BATCH_SIZE="1",
    )
    proxy = ArticleRejectingProxy(search_url(), stack.settings.write_alias).start()
    try:
        worker = workers({**stack.env, "INGEST_SEARCH_URL": proxy.url, "INGEST_ENGINE": "opensearch"})
        urls = devsite.site.urls()[:4]
        stack.enqueue(urls)
        # "indexed" is written with the article in one bulk and corrected when the article is
        # rejected, so wait for the queue to drain (scheduled retries sit un-acked) before judging.
        wait_for(lambda: stack.settled(urls) and stack.drained(), 150, "every URL settled, nothing queued")
        records = stack.statuses()
        assert {url: (records[url]["status"], records[url]["reason"]) for url in urls} == dict.fromkeys(
            urls, ("failed", "engine_unavailable")
        )
        assert [records[url]["attempts"] for url in urls] == [attempts] * len(urls)
        # Bounded: each attempt is one bulk plus its retry rounds, then the URL is retried as a new
        # message with backoff; after the last attempt nothing more is sent for it.
        assert proxy.faults.rejected_items == len(urls) * attempts * (1 + bulk_retries)
        outcomes = stack.outcome_lines(worker.log())
        assert {url: (outcomes[(url, "retry")], outcomes[(url, "failed")]) for url in urls} == dict.fromkeys(
            urls, (attempts - 1, 1)
        )
        assert stack.documents() == []
    finally:
        proxy.stop()


@pytest.mark.slow
def test_engine_slower_than_the_request_timeout_loses_and_duplicates_nothing(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    # The first bulk requests are written by the engine but answered after the client gave up:
    # the pipeline retries them, and external versioning keeps one document per URL.
    stack = stack_factory(private_redis.url, INGEST_FETCH_MAX_ATTEMPTS="10", INGEST_BATCH_SIZE="3")
    proxy = EngineProxy(search_url()).start()
    proxy.faults.slow_requests, proxy.faults.slow_s = 3, 4.0
    try:
        env = {**stack.env, "INGEST_SEARCH_URL": proxy.url, "INGEST_ENGINE": "opensearch"}
        workers({**env, "INGEST_SEARCH_TIMEOUT_S": "1"})
        urls = devsite.site.urls()[:9]
        stack.enqueue(urls)
        records = stack.wait_settled(urls, timeout=150)
        assert {url: records[url]["status"] for url in urls} == dict.fromkeys(urls, "indexed")
        assert proxy.faults.slow_requests == 0  # every slow answer was served (and timed out)
        stored = sorted(doc["url"] for doc in stack.searchable(len(urls)))
        assert stored == sorted(urls)
    finally:
        proxy.stop()
