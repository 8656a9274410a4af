"""End to end: URLs queued -> a real prefork worker -> real site, real engine: searchable or failed.

Each test has its own redis-server: kombu restores *every* unacked message older than the consumer's
visibility timeout, so a test worker on the shared Redis could redeliver other agents' messages.
"""

from __future__ import annotations

from tests.e2e.conftest import StackFactory, WorkerFactory
from tests.support.processes import RedisServer
from worker.devsite import DevSite


def test_n_urls_in_n_documents_searchable(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    stack = stack_factory(private_redis.url)
    worker = workers(stack.env)
    urls = devsite.site.urls()[:24]
    stack.enqueue(urls)
    records = stack.wait_settled(urls)
    assert {url: records[url]["status"] for url in urls} == dict.fromkeys(urls, "indexed")
    documents = stack.searchable(len(urls))
    assert len(documents) == len(urls)
    assert all(doc.get("title") for doc in documents)
    lines = stack.outcome_lines(worker.log())
    assert {url for url, outcome in lines if outcome == "indexed"} == set(urls)


def test_bad_urls_end_failed_with_their_reasons(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    stack = stack_factory(private_redis.url, INGEST_FETCH_MAX_ATTEMPTS="2")
    workers(stack.env)
    bad = {
        f"{devsite.base}/status/404": "http_404",
        f"{devsite.base}/status/503": "http_503",
        f"{devsite.base}/redirect-loop": "too_many_redirects",
        f"http://10.1.2.3:{devsite.base.rsplit(':', 1)[1]}/article": "blocked_address",
    }
    good = devsite.site.urls()[:2]
    stack.enqueue([*bad, *good])
    records = stack.wait_settled([*bad, *good])
    assert {url: (records[url]["status"], records[url]["reason"]) for url in bad} == {
        url: ("failed", reason) for url, reason in bad.items()
    }
    assert records[f"{devsite.base}/status/503"]["attempts"] == 2
    assert [records[url]["status"] for url in good] == ["indexed", "indexed"]
    assert len(stack.searchable(2)) == 2


def test_the_same_url_queued_many_times_yields_one_document(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    stack = stack_factory(private_redis.url, INGEST_BATCH_SIZE="3")
    workers(stack.env, concurrency=3)
    url = devsite.site.urls()[0]
    other = devsite.site.urls()[1]
    stack.enqueue([url, url, other, url, other, url, url])  # within a batch and across messages
    records = stack.wait_settled([url, other])
    assert records[url]["status"] in {"indexed", "duplicate"}
    documents = stack.searchable(2)
    assert sorted(doc["url"] for doc in documents) == sorted([url, other])
