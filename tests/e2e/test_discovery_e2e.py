"""Discovery end to end: sitemap index -> gzip sitemap -> articles; feeds polled once; recrawl is a 304."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import StackFactory, WorkerFactory
from tests.support.processes import RedisServer, wait_for
from worker.devsite import DevSite
from worker.feeds import SEEN_HOLD_S
from worker.locks import url_key


def polls(log: str, url: str) -> list[dict[str, object]]:
    """The workers' ``feed_polled`` log entries for ``url``."""
    entries = [json.loads(line) for line in log.splitlines() if '"event": "feed_polled"' in line]
    return [entry for entry in entries if entry["url"] == url]


def test_a_sitemap_index_queues_every_article_and_a_later_feed_poll_queues_none_again(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    stack = stack_factory(private_redis.url)
    worker = workers(stack.env)
    add_feed = [str(Path(sys.executable).parent / "ingest"), "add-feed", f"{devsite.base}/sitemap-index.xml"]
    subprocess.run(add_feed, env=stack.env, check=True, capture_output=True, timeout=60)
    urls = devsite.site.urls()
    records = stack.wait_settled(urls, timeout=180)
    assert {records[url]["status"] for url in urls} == {"indexed"}
    stored = {doc["_id"] for doc in stack.searchable(len(urls))}
    missing = {url: records[url] for url in urls if records[url]["doc_id"] not in stored}
    details = [(url, record, stack.explain_missing(str(record["doc_id"]))) for url, record in missing.items()]
    assert not missing, f"{len(missing)} 'indexed' URLs without their document: {details[:2]}"
    [gz] = polls(worker.log(), f"{devsite.base}/sitemap.xml.gz")
    assert (gz["kind"], gz["found"], gz["queued"]) == ("sitemap", len(urls), len(urls))
    # queued, so remembered for INGEST_SEEN_TTL_S, not only for the hold of a poll in progress
    with stack.redis() as client:
        ttl = int(client.ttl(f"{stack.settings.key_prefix}seen:{url_key(urls[0])}"))
    assert ttl > SEEN_HOLD_S

    stack.producer.send_feed(f"{devsite.base}/feed.xml")
    wait_for(lambda: bool(polls(worker.log(), f"{devsite.base}/feed.xml")), 60, "the feed poll")
    [rss] = polls(worker.log(), f"{devsite.base}/feed.xml")
    assert (rss["kind"], rss["found"], rss["queued"]) == ("rss", len(urls), 0)


def test_recrawl_of_recent_articles_uses_conditional_get(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    stack = stack_factory(private_redis.url)
    workers(stack.env)
    urls = devsite.site.urls()[:3]
    stack.enqueue(urls)
    stack.wait_settled(urls)
    stack.app.send_task("ingest.recrawl", queue=stack.settings.queue)
    wait_for(
        lambda: all(stack.statuses()[url]["status"] == "unchanged" for url in urls),
        60,
        "recrawl to answer 304",
    )
    assert len(stack.searchable(3)) == 3


def test_beat_polls_registered_feeds_on_schedule(
    private_redis: RedisServer,
    stack_factory: StackFactory,
    workers: WorkerFactory,
    devsite: DevSite,
    tmp_path: Path,
) -> None:
    stack = stack_factory(private_redis.url, INGEST_FEED_POLL_INTERVAL_S="2")
    workers(stack.env)
    ingest = str(Path(sys.executable).parent / "ingest")
    add = [ingest, "add-feed", "--no-poll-now", f"{devsite.base}/feed.xml"]
    subprocess.run(add, env=stack.env, check=True, capture_output=True, timeout=60)
    log = (tmp_path / "beat.log").open("wb")
    beat = subprocess.Popen(
        [ingest, "beat", "--schedule", str(tmp_path / "beat-schedule")], env=stack.env, stdout=log, stderr=log
    )
    try:
        urls = devsite.site.urls()
        records = stack.wait_settled(urls, timeout=180)
        assert {records[url]["status"] for url in urls} == {"indexed"}
    finally:
        beat.terminate()
        beat.wait(30)
        log.close()
    assert "ingest.poll_feeds" in (tmp_path / "beat.log").read_text(encoding="utf-8", errors="replace")
